"""Combining the rules' attributions with the learned tagger's: the rules keep what they found (direct
quotes keep their verbatim spans and fragments); the tagger adds attributions whose content no rule
found, when its confidence reaches the threshold chosen on dev.

The default is the rules alone: the tagger learned PolNeAR's broad notion of attribution (votes,
declarations, stances, sourceless "was seen as"), and of its additions on BASIL only 31 in 60 are
statements with the right speaker (``benchmarks/model_only_check.py``)."""

from __future__ import annotations

from collections.abc import Iterable

from quotes.standoff import Quote

MODES = ("rules", "model", "combined")
DEFAULT_MODE = "rules"  # see the README: the tagger's additions are broad, PolNeAR-style attributions


def _letters(quote: Quote) -> set[int]:
    return {i for f in quote.fragments for i in range(f.start, f.end)}


def trusted(proposed: Iterable[Quote], threshold: float, needs_speaker: bool = False) -> list[Quote]:
    """The tagger's quotes at or above ``threshold``, and with a speaker mention when ``needs_speaker``."""
    return [q for q in proposed if q.confidence >= threshold and (q.speaker is not None or not needs_speaker)]


def added(
    rules: Iterable[Quote], proposed: Iterable[Quote], threshold: float, needs_speaker: bool = False
) -> list[Quote]:
    """The ``trusted`` proposed quotes whose content meets no rule quote's, nor an earlier added one's
    (each word belongs to one attribution)."""
    taken: set[int] = set()
    for quote in rules:
        taken |= _letters(quote)
    kept = []
    for quote in sorted(trusted(proposed, threshold, needs_speaker), key=lambda q: -q.confidence):
        letters = _letters(quote)
        if letters & taken:
            continue
        taken |= letters
        kept.append(quote)
    return kept
