"""Quotation marks to spans, with exact offsets, on raw text (no parse needed).

Handles straight and curly double quotes, the ``''…''`` and ````…''`` conventions, « », „ “, single
quotes when they are quotes and not apostrophes, nesting, and the newswire convention of a quote
running over several paragraphs with an opening mark on each and a closing mark only on the last.
Unbalanced marks never raise: an unclosed quote ends at its paragraph's end and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quotes.standoff import Span

# Longest alternatives first so that '' and `` are read as one double mark.
_MARK = re.compile(r"'(?='')|''|``|[\"“”„«»‟‘’'‚‹›]")
_DOUBLE_OPENERS = {"“", "„", "«", "``", "‟"}
_DOUBLE_CLOSERS = {"”", "»"}
_DOUBLE_EITHER = {'"', "''"}
_SINGLE_OPENERS = {"‘", "‚", "‹"}
_SINGLE_CLOSERS = {"’", "›"}
_SINGLE_EITHER = {"'"}
_OPEN_CONTEXT = set("([{—–-/") | {"", " "}
_CLOSE_CONTEXT = set(".,;:!?)]}—–-/…")
# Apostrophes that look like opening single quotes: 'em, 'til, '90s, 'n'.
_ELISION = re.compile(r"(?:em|til|tis|twas|n|cause|bout|round|\d\d?s?)\b", re.IGNORECASE)

QUOTE_CHARS = "\"“”„«»‟‘’‚‹›'`"
# A quote bridged over paragraphs with no marks of their own: at most this many, this short.
_BRIDGE_PARAGRAPHS = 4
_BRIDGE_LENGTH = 400


@dataclass
class QuoteSpan:
    """A quotation from its opening mark to its closing mark (both included)."""

    start: int
    end: int
    closed: bool = True  # False when the paragraph ended before a closing mark
    double: bool = True  # double marks (or « ») rather than single
    nested: list[QuoteSpan] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def paragraph_spans(text: str) -> list[Span]:
    """Non-empty lines of ``text`` (news paragraphs), without their surrounding white space."""
    spans = []
    for match in re.finditer(r"[^\r\n]+", text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append(Span(start, end))
    return spans


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return before, after


def _can_open(before: str, after: str) -> bool:
    opening_before = before in _OPEN_CONTEXT or before.isspace() or before in QUOTE_CHARS
    return opening_before and after != "" and not after.isspace()


def _can_close(before: str, after: str) -> bool:
    closing_after = after == "" or after.isspace() or after in _CLOSE_CONTEXT or after in QUOTE_CHARS
    return closing_after and before != "" and not before.isspace()


def _classify(mark: str, before: str, after: str) -> str | None:
    """'open', 'close', 'either' or None (an apostrophe or stray mark)."""
    can_open, can_close = _can_open(before, after), _can_close(before, after)
    if mark in _DOUBLE_OPENERS or mark in _SINGLE_OPENERS:
        # A directional mark used the wrong way round is still read by its context.
        return "close" if can_close and not can_open else "open"
    if mark in _DOUBLE_CLOSERS or mark in _SINGLE_CLOSERS:
        if mark == "’" and before.isalnum() and after.isalnum():
            return None  # apostrophe: don’t
        return "open" if can_open and not can_close else "close"
    if mark in _SINGLE_EITHER and before.isalnum() and after.isalnum():
        return None  # apostrophe: don't
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


def _is_double(mark: str) -> bool:
    return mark in _DOUBLE_OPENERS or mark in _DOUBLE_CLOSERS or mark in _DOUBLE_EITHER


def _scan_paragraph(text: str, para: Span) -> list[QuoteSpan]:
    marks = []
    for match in _MARK.finditer(text, para.start, para.end):
        mark = match.group()
        before, after = _context(text, match.start(), match.end())
        kind = _classify(mark, before, after)
        if kind is not None:
            marks.append((match.start(), match.end(), mark, kind))

    doubles = [m for m in marks if _is_double(m[2])]
    singles = [m for m in marks if not _is_double(m[2])]
    spans = _pair_doubles(doubles, para)
    singles_spans = _pair_singles(text, singles)
    # Single quotes inside a double quote are nested; outside they are top-level quotes.
    top_level = list(spans)
    for single in singles_spans:
        host = next((s for s in spans if s.start < single.start and single.end <= s.end), None)
        if host is not None:
            host.nested.append(single)
        elif not any(s.start <= single.start < s.end for s in spans):
            top_level.append(single)
    return sorted(top_level, key=lambda s: s.start)


def _pair_doubles(marks: list[tuple[int, int, str, str]], para: Span) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for start, end, _mark, kind in marks:
        if open_at is None:
            if kind in ("open", "either"):
                open_at = start
            # A closing mark with nothing open is stray: ignored.
        elif kind in ("close", "either"):
            spans.append(QuoteSpan(open_at, end))
            open_at = None
        else:  # an opening mark while one is open: the earlier one was never closed
            spans.append(QuoteSpan(open_at, _trim_end(start, para), closed=False))
            open_at = start
    if open_at is not None:
        spans.append(QuoteSpan(open_at, para.end, closed=False))
    return [s for s in spans if s.end - s.start > 1]


def _trim_end(position: int, para: Span) -> int:
    return max(position, para.start)


def _pair_singles(text: str, marks: list[tuple[int, int, str, str]]) -> list[QuoteSpan]:
    """Pair single marks; an opener with no closer is an apostrophe or a stray mark."""
    spans = []
    i = 0
    while i < len(marks):
        start, _end, _mark, kind = marks[i]
        if kind in ("open", "either") and not _ELISION.match(text, start + 1):
            closer = next((j for j in range(i + 1, len(marks)) if marks[j][3] in ("close", "either")), None)
            if closer is not None:
                spans.append(QuoteSpan(start, marks[closer][1], double=False))
                i = closer + 1
                continue
        i += 1
    return spans


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Top-level quotations in ``text``, in order, with nested single quotes inside them.

    A paragraph that opens a quote and never closes it, followed by a paragraph that opens
    another, is the newswire multi-paragraph convention: each paragraph's part is its own span
    with ``closed=False``, and the attribution stage links them.
    """
    paragraphs = paragraph_spans(text)
    found = [_scan_paragraph(text, para) for para in paragraphs]
    for i, own in enumerate(found):
        if own and not own[-1].closed and own[-1].double:
            _bridge(text, paragraphs, found, i)
    return [span for own in found for span in own]


def _bridge(text: str, paragraphs: list[Span], found: list[list[QuoteSpan]], opened: int) -> None:
    """A quote left open at a paragraph's end and closed a few short paragraphs later by a closing
    mark with no opening one (a tweet or letter quoted with its line breaks): the paragraphs between
    and the closed part become spans of it, each its own, as in the newswire convention."""
    for j in range(opened + 1, min(opened + 1 + _BRIDGE_PARAGRAPHS, len(paragraphs))):
        para = paragraphs[j]
        if found[j] or para.end - para.start > _BRIDGE_LENGTH:
            return
        doubles = [m for m in _MARK.finditer(text, para.start, para.end) if _is_double(m.group())]
        if not doubles:
            continue
        first = doubles[0]
        if _classify(first.group(), *_context(text, first.start(), first.end())) != "close":
            return
        found[j] = [QuoteSpan(para.start, first.end())]
        for k in range(opened + 1, j):
            found[k] = [QuoteSpan(paragraphs[k].start, paragraphs[k].end, closed=False)]
        return
