"""Helpers over the parse shared by every attribution step: characters of tokens and subtrees, trimming."""

from __future__ import annotations

import bisect
import math
import re

from spacy.tokens import Doc, Token

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}


EDGE_PUNCT = set(" \t\n,;:—–-")


TRAILING_PUNCT = EDGE_PUNCT | {"."}


_DANGLING = re.compile(r"[\s,;]+(?:and|but|or|nor)$")


def _inside(token: Token, spans: list[tuple[int, int]]) -> bool:
    """``token`` starts inside one of ``spans`` (sorted, not overlapping, as quotations are)."""
    at = bisect.bisect_right(spans, (token.idx, math.inf)) - 1
    return at >= 0 and spans[at][0] <= token.idx < spans[at][1]


_FIRST_WORD = re.compile(r"[ ,;]*\s*(\S*)")


def text_of(doc: Doc) -> str:
    """``doc.text``, kept (spaCy joins every token's text again on each call)."""
    if "quotes_text" not in doc.user_data:
        doc.user_data["quotes_text"] = doc.text
    return doc.user_data["quotes_text"]


def _token_starts(doc: Doc) -> list[int]:
    """The character offset of every token of ``doc`` (computed once per doc)."""
    if "quotes_token_starts" not in doc.user_data:
        doc.user_data["quotes_token_starts"] = [t.idx for t in doc]
    return doc.user_data["quotes_token_starts"]


def _first_token_from(doc: Doc, char: int) -> int:
    """The index of the first token starting at or after ``char`` (``len(doc)`` when none)."""
    return bisect.bisect_left(_token_starts(doc), char)


def sentence_of(token: Token):
    """``token.sent``, found by bisection over the doc's sentences (spaCy walks all of them each time)."""
    doc = token.doc
    if "quotes_sentences" not in doc.user_data:
        sentences = list(doc.sents)
        doc.user_data["quotes_sentences"] = (sentences, [s.start for s in sentences])
    sentences, starts = doc.user_data["quotes_sentences"]
    return sentences[bisect.bisect_right(starts, token.i) - 1]


def _that_clause(noun: Token) -> Token | None:
    """The 'that'-clause a noun takes: 'his claim *that people would learn nothing*'."""
    return next((c for c in noun.rights if c.dep_ in ("acl", "ccomp", "relcl") and c.left_edge.lower_ == "that"), None)


def _to_infinitive(verb: Token) -> bool:
    """'to brag', 'to be': the verb takes the infinitive marker 'to'."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    text = text_of(doc)
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in TRAILING_PUNCT:
        end -= 1
    # 'that he had been offered a job, and': a conjunction the parse left at the end joins nothing
    if (dangling := _DANGLING.search(text, start, end)) is not None:
        return _trim(doc, start, dangling.start())
    return (start, end) if end > start else None


def _span_chars(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def _subtree_chars(token: Token) -> tuple[int, int]:
    return _span_chars(token.left_edge, token.right_edge)


def _minus(outer: tuple[int, int], hole: tuple[int, int]) -> list[tuple[int, int]]:
    pieces = []
    if hole[0] > outer[0]:
        pieces.append((outer[0], min(hole[0], outer[1])))
    if hole[1] < outer[1]:
        pieces.append((max(hole[1], outer[0]), outer[1]))
    return pieces


def _clean(doc: Doc, pieces: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    trimmed = [_trim(doc, a, b) for a, b in pieces]
    return tuple(p for p in trimmed if p is not None and any(ch.isalnum() for ch in text_of(doc)[p[0] : p[1]]))


def _clear(token: Token) -> bool:
    """'clear' of 'made it clear', which the parse makes a clause of its own ('it clear')."""
    return token.lower_ == "clear" and token.dep_ in ("ccomp", "acomp", "oprd")
