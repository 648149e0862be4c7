"""Sentence breaks that respect quotations, and the tail of a sentence after its content."""

from __future__ import annotations

import bisect
import math

from spacy.tokens import Doc, Token

from quotes.attribution.parse import SUBJECTS, _first_token_from, _inside, _trim, text_of
from quotes.attribution.quotations import _closes_with_comma, _quoted_before
from quotes.nlp import sentence_starts


def sentence_breaks(text: str, quoted: list[tuple[int, int]]) -> list[int]:
    """Where sentences start in ``text`` (Punkt), except inside a quotation ('"Q1. Q2," she said')."""
    inside = [(a + 1, b) for a, b in quoted]  # a start strictly inside (a, b)
    return [s for s in sentence_starts(text)[1:] if not _within(s, inside)]


def _within(position: int, spans: list[tuple[int, int]]) -> bool:
    at = bisect.bisect_right(spans, (position, math.inf)) - 1
    return at >= 0 and spans[at][0] <= position < spans[at][1]


def _within_sentence(
    content: tuple[tuple[int, int], ...], cue: tuple[int, int], breaks: list[int]
) -> tuple[tuple[int, int], ...]:
    """Content cut to the cue's sentence: a reported clause never runs past a sentence end outside
    quotations, even when the parser joined two sentences ('... complicated. Said Ellis: "Q"')."""
    first = max((b for b in breaks if b <= cue[0]), default=0)
    last = min((b for b in breaks if b >= cue[1]), default=None)
    clipped = []
    for start, end in content:
        start, end = max(start, first), end if last is None else min(end, last)
        if end > start:
            clipped.append((start, end))
    return tuple(clipped)


def _without_tail(
    doc: Doc, content: tuple[tuple[int, int], ...], cue: tuple[int, int], quoted: list[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Content cut where the writer takes over again (the parser often hangs these inside the
    reported clause): after the cue, before a semicolon, a final dash aside, or a comma that opens
    a final participle (', referring to ...'), relative clause (', which would ...') or a clause
    with its own subject (', but he also noted'); before the cue, after a semicolon. A piece cut
    off from the cue by a semicolon is not its content."""
    cut = []
    text = text_of(doc)
    for start, end in content:
        if ";" in text[end : cue[0]] or ";" in text[cue[1] : start]:
            continue
        span = doc[_first_token_from(doc, start) : _first_token_from(doc, end)]
        tokens = [t for t in span if not _inside(t, quoted)]
        if end > cue[1]:
            after = max(start, cue[1])
            ends = [
                t.idx
                for t in tokens
                if t.idx > after and _ends_reported_clause(t, end, _quoted_before(t, quoted, after))
            ]
            ends += [
                b
                for a, b in quoted
                if after <= a and b < end and _closes_with_comma(text[a:b]) and _tail_at(doc, b, end)
            ]
            end = min(ends, default=end)
        if start < cue[0]:
            start = max([t.idx + 1 for t in tokens if t.text == ";" and t.idx < cue[0]], default=start)
        piece = _trim(doc, start, end)
        if piece is not None:
            cut.append(piece)
    return tuple(cut)


def _tail_at(doc: Doc, char: int, end: int) -> bool:
    """A participle or relative clause starts at ``char`` and runs to ``end``."""
    following = next((t for t in doc[_first_token_from(doc, char) :] if not t.is_punct), None)
    if following is None:
        return False
    runs_to_end = following.head.right_edge.idx + len(following.head.right_edge.text) >= end - 1
    if following.tag_ == "VBG" and following.dep_ in ("advcl", "xcomp", "conj", "acl"):
        return following.right_edge.idx + len(following.right_edge.text) >= end - 1
    return following.tag_ in ("WDT", "WP") and following.head.dep_ == "relcl" and runs_to_end


def _ends_reported_clause(token: Token, end: int, after_quotation: bool) -> bool:
    """True when ``token`` starts the writer's own words that run to ``end``; a dash only after a
    quotation ('it "risks higher inflation" - except that ...')."""
    doc = token.doc
    if token.text == ";":
        return True
    if token.text in ("—", "--", "–") or (token.text == "-" and token.whitespace_):
        rest = doc[token.i + 1 : _first_token_from(doc, end)]
        return after_quotation and not any(t.text == token.text for t in rest)
    if token.text != "," or token.i + 1 >= len(doc):
        return False
    following = doc[token.i + 1]
    if following.dep_ == "cc" and token.i + 2 < len(doc) and doc[token.i + 2].dep_ in SUBJECTS:
        return True
    return _tail_at(doc, following.idx, end)
