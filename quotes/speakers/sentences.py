"""Sentence boundaries for speaker resolution: a light regular-expression split on the raw text
(no parse), that knows a title's full stop ends no sentence ("Sen. Mitch McConnell")."""

from __future__ import annotations

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


def _sentence_start(text: str, position: int) -> int:
    starts = [m.end() for m in _sentence_breaks(text, 0, position)]
    return starts[-1] if starts else 0
