"""Quotations next to a cue: the one right before or after it, and narration around it."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Token

from quotes.attribution.matches import CueMatch
from quotes.attribution.parse import _first_token_from, text_of
from quotes.attribution.sources import subject_of


def _narration_before(
    match: CueMatch, clauses: list[Token], quoted: list[tuple[int, int]], cue_verbs: frozenset[int]
) -> tuple[int, int] | None:
    """'Sen. Hirono blasted the decision for creating a doctrine out of whole cloth, “So, so much for
    judicial modesty,” she said': the parse took the whole sentence as what she said, but the writer's
    clause, its own subject and verb outside the marks, ends at a comma before the quotation the credit
    follows. That quotation, or None; None too when another cue stands between ('Canova bristled and
    said, “No comment,” the Herald reported', 'Biden weighed in, telling Mic, “Q,” he said')."""
    quotation = _quotation_right_before(match, quoted)
    if quotation is None or len(clauses) != 1 or clauses[0].i > match.token.i:
        return None
    clause, text = clauses[0], text_of(match.token.doc)
    if not text[max(0, quotation[0] - 8) : quotation[0]].rstrip().endswith(",") or clause.left_edge.idx >= quotation[0]:
        return None
    doc = match.token.doc
    if any(i in cue_verbs for i in range(clause.left_edge.i, _first_token_from(doc, quotation[0])) if i != clause.i):
        return None
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx < quotation[0]]
    if clause.idx >= quotation[0] or not subjects or subjects[0].pos_ not in ("PROPN", "NOUN"):
        return None  # the clause's verb is inside the quotation, or 'he blasted' may be the speaker's words
    return quotation


def _quotation_right_before(match: CueMatch, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation that ends just before the credit ('"Q1," the investor said'), if any."""
    verb = match.token
    subject = subject_of(verb)
    first = min(verb.i, subject.left_edge.i) if subject is not None and subject.head == verb else verb.i
    start = verb.doc[first].idx
    text = text_of(verb.doc)
    # quotations are sorted and do not overlap: only the few that start before the credit can end at it
    first = bisect.bisect_right(quoted, (start, len(text) + 1))
    for begin, stop in quoted[max(0, first - 3) : first]:
        if stop <= start and start - stop <= 3 and all(ch in " ," for ch in text[stop:start]):
            return begin, stop
    return None


def _quotation_right_after(
    match: CueMatch, quoted: list[tuple[int, int]], loose: bool = False, that: bool = False
) -> tuple[int, int] | None:
    """The quotation that starts just after the cue ('replied, "…'), if any; ``loose``: or after a
    time or medium the cue hangs on ('tweeted on Friday "…'); ``that``: or after 'that' ('concluded
    that "…', where the parse found no clause)."""
    end = match.span[1]
    text = text_of(match.token.doc)
    first = bisect.bisect_left(quoted, (end,))
    for start, stop in quoted[first : first + 1]:  # the first quotation starting at or after the cue
        if start - end <= 3 and all(ch in " ,:" for ch in text[end:start]):
            return start, stop
        if that and text[end:start].strip() == "that" and start - end <= 7:
            return start, stop  # 'concluded that "allegations ... rest on ..."', parsed with no clause
        if loose and start - end <= 40 and _when_or_where(match.token, end, start):
            return start, stop  # 'tweeted on Friday "…', 'wrote on Twitter: "…'
    return None


_MEDIA_WORDS = {"twitter", "facebook", "instagram", "x"}


def _when_or_where(verb: Token, start: int, end: int) -> bool:
    """True when the words from ``start`` to ``end`` only say when or where the cue's speaker spoke:
    a time ('on Friday', 'Tuesday night') or a medium ('on Twitter'), hung on the cue."""
    words = [t for t in verb.doc if start <= t.idx < end and not t.is_space]
    said = [t for t in words if not t.is_punct]
    return bool(said) and all(
        t.is_punct
        or (t.ent_type_ in ("DATE", "TIME") or t.lower_ in _MEDIA_WORDS or _prep_within(t, verb, end))
        and verb in (t.head, t.head.head, t.head.head.head)
        for t in words
    )


def _prep_within(token: Token, verb: Token, end: int) -> bool:
    """A preposition of the cue whose object ends before ``end``: 'on Friday', not 'on "Fox News Sunday"'."""
    return token.dep_ == "prep" and token.head == verb and token.right_edge.idx < end


def quotation_after(text: str, end: int, quoted: list[tuple[int, int]], words: int = 0) -> tuple[int, int] | None:
    """The first quotation of ``quoted`` that starts at most ``words`` plain words after ``end``
    (0: only spaces between), if any: 'called a "let a thousand flowers bloom" approach'."""
    # Only the first quotation at or after ``end`` can qualify: any later one has that quotation's marks
    # between.
    first = bisect.bisect_left(quoted, (end,))
    for start, stop in quoted[first : first + 1]:
        between = text[end:start]
        if len(between.split()) <= words and re.fullmatch(r"[\w\s-]*", between):
            return start, stop
    return None


def _quoted_before(token: Token, quoted: list[tuple[int, int]], start: int) -> bool:
    return any(start <= a and b <= token.idx for a, b in quoted)


def _closes_with_comma(quotation: str) -> bool:
    """'"ready for anything,"': the comma inside the closing mark ends the quoted clause."""
    return quotation.rstrip("\"'”’»").endswith(",")
