"""The scoring protocol of ../shared/eval/README.md on small hand-made cases."""

from __future__ import annotations

import pytest

from quotes.evaluate import has_quotation_mark, match, merge_continuations, score

TEXT = '"We will win the next game," the coach said. The team, he added, is ready.'


def q(start, end, speaker=None, **extra):
    record = {"start": start, "end": end, "fragments": [[start, end]], "speaker_start": None, "speaker_end": None}
    if speaker:
        record.update(speaker_start=speaker[0], speaker_end=speaker[1])
    return {**record, **extra}


GOLD = [q(0, 28, (29, 38)), q(45, 74, (56, 58))]


@pytest.mark.parametrize(
    "pred, tau, matched",
    [
        ([q(0, 28)], 0.8, 1),  # exact
        ([q(0, 12)], 0.3, 1),  # covers a third of the gold characters
        ([q(0, 12)], 0.8, 0),  # but not 80 %
        ([q(0, 44)], 0.3, 1),  # overshoots into the credit, still half inside
        ([q(0, 74)], 0.3, 0),  # spanning two quotes: under half of it is in either
        ([q(29, 44)], 0.3, 0),  # only the credit
    ],
)
def test_match_thresholds(pred, tau, matched):
    assert len(match(TEXT, GOLD, pred, tau)) == matched


def test_speaker_accuracy_and_tracks():
    doc = {"id": "d", "text": TEXT, "quotes": GOLD}
    table = score([doc], {"d": [q(0, 28, (33, 38)), q(45, 74, None)]})
    direct = next(s for s in table if s.track == "direct" and s.tau == 0.3)
    every = next(s for s in table if s.track == "all" and s.tau == 0.3)
    assert (direct.gold, direct.matched, direct.speaker_right) == (1, 1, 1)
    assert (every.gold, every.matched, every.speaker_right, every.no_speaker) == (2, 2, 1, 1)
    assert every.errors["no speaker (?)"] == 1


def test_continuations_fold_into_one_attribution():
    quotes = [q(0, 10, rule="ccomp"), q(20, 30, rule="continuation", continues=0)]
    (merged,) = merge_continuations(quotes)
    assert merged["fragments"] == [(0, 10), (20, 30)] and merged["end"] == 30


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"Yes," he said', True),
        ("''Yes,'' he said", True),
        ("‘Yes’", True),
        ("he is ready", False),
        ("the team’s win", False),
    ],
)
def test_direct_track_needs_a_quotation_mark(text, expected):
    assert has_quotation_mark(text, {"start": 0, "end": len(text)}) is expected
