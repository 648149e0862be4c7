"""Sentence boundaries for speaker resolution: a light regular-expression split on the raw text
(no parse), that knows a title's full stop ends no sentence ("Sen. Mitch McConnell")."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from quotes.rules_data import load_speaker_rules

_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']*\s+(?=[A-Z\"“‘'])|\s*\n\s*")


@lru_cache(maxsize=1)
def _title_stops() -> frozenset[str]:
    """The titles of ``titles.txt`` that end in a full stop ('sen.', 'dr.')."""
    return frozenset(title for title in load_speaker_rules().titles if title.endswith("."))


def _sentence_breaks(text: str, start: int, end: int):
    """Sentence breaks between ``start`` and ``end``, except after a title: "urging Trump and Sen.
    Mitch McConnell to ..." is one sentence."""
    for match in _SENTENCE_BREAK.finditer(text, start, end):
        before = text[max(0, match.start() - 12) : match.start() + 1].split()
        if not (text[match.start()] == "." and before and before[-1].lower() in _title_stops()):
            yield match


def _sentence_end(text: str, position: int) -> int:
    match = next(_sentence_breaks(text, position, len(text)), None)
    return match.start() + 1 if match else len(text)


@lru_cache(maxsize=8)
def _raw_breaks(text: str) -> tuple[list[int], list[bool]]:
    """The ends of every match of ``_SENTENCE_BREAK`` over the whole of ``text`` (found once per text), and
    whether each is a sentence break (not a title's full stop)."""
    ends, kept = [], []
    for match in _SENTENCE_BREAK.finditer(text):
        ends.append(match.end())
        before = text[max(0, match.start() - 12) : match.start() + 1].split()
        kept.append(not (text[match.start()] == "." and before and before[-1].lower() in _title_stops()))
    return ends, kept


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts, as a scan of ``text[:position]`` finds it: the breaks
    ending before ``position`` are looked up, and only the stretch after the last of them is scanned again
    (a break's lookahead cannot see past ``position``), so a long article costs no quadratic time."""
    ends, kept = _raw_breaks(text)
    last = bisect.bisect_left(ends, position) - 1  # breaks ending strictly before ``position``
    resume = ends[last] if last >= 0 else 0
    tail = [m.end() for m in _sentence_breaks(text, resume, position)]
    if tail:
        return tail[-1]
    found = next((ends[i] for i in range(last, -1, -1) if kept[i]), 0)
    return found
