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


# --- the identity protocol ------------------------------------------------------------------------

from quotes.evaluate import bcubed, gold_aliases, identity_right, normalise_name, score_identity  # noqa: E402


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("President Donald J. Trump", "donald trump", True),  # title and middle initial dropped
        ("Donald Trump Jr.", "Donald Trump", False),  # Jr. kept
        ("Sen. Ted Cruz's", "Ted Cruz", True),
        ("The U.S. Department of Defense", "Department of Defense", True),
        ("Pope John Paul II", "pope john paul", True),
        ("Moon Jae-in", "Moon Jae in", False),  # hyphens kept
    ],
)
def test_normalise_name(a, b, same):
    assert (normalise_name(a) == normalise_name(b)) is same


def test_bcubed_merge_costs_precision_split_costs_recall():
    assert bcubed([("a", "1"), ("a", "1"), ("b", "2")]) == (1.0, 1.0)
    p, r = bcubed([("a", "1"), ("b", "1")])  # two people merged
    assert (p, r) == (0.5, 1.0)
    p, r = bcubed([("a", "1"), ("a", "2")])  # one person split
    assert (p, r) == (1.0, 0.5)


IDENTITY_TEXT = '"We won," said Mr. Trump. Aides said the vote was close. "Never," a source said.'


def _gold(start, end, speaker, kind):
    return {"start": start, "end": end, "speaker": speaker, "speaker_kind": kind, "type": "direct"}


def test_score_identity_counts_coverage_identity_and_anonymous():
    gold = [
        {
            "id": "d",
            "text": IDENTITY_TEXT,
            "quotes": [
                _gold(1, 8, "Donald Trump", "person"),
                _gold(38, 55, "aides", "group"),  # not covered by any prediction
                _gold(58, 64, "anonymous: a source", "anonymous"),
                _gold(0, 3, "unknown", "unknown"),  # not scored
            ],
        }
    ]
    predicted = {
        "d": [
            {"start": 0, "end": 9, "speaker_name": "Mr. Trump", "speaker_kind": "person", "speaker_id": "trump"},
            {"start": 57, "end": 65, "speaker_name": "source", "speaker_kind": "anonymous", "speaker_id": None},
        ]
    }
    scores = score_identity(gold, predicted, aliases=gold_aliases([{"aliases": {"Donald Trump": ["Trump"]}}]))
    assert (scores.gold, scores.covered, scores.right) == (3, 2, 2)
    assert scores.by_kind["group"]["covered"] == 0
    wrong = {"d": [dict(predicted["d"][0], speaker_name="Donald Trump Jr."), predicted["d"][1]]}
    scores = score_identity(gold, wrong, aliases={})
    assert scores.right == 1 and scores.errors["person: another of the same surname"] == 1


@pytest.mark.parametrize(
    "predicted, right",
    [
        ("White House", True),
        ("Obama administration", True),  # listed for "White House", though a canonical name of its own
        ("the White House", True),
        ("Hillary Clinton", False),
        ("administration officials", False),
    ],
)
def test_identity_right_counts_every_name_the_aliases_list_for_the_gold_speaker(predicted, right):
    aliases = gold_aliases(
        [{"aliases": {"Obama administration": ["the administration"], "White House": ["Obama administration"]}}]
    )
    gold = {"speaker": "White House", "speaker_kind": "government"}
    assert identity_right(gold, {"speaker_name": predicted}, [], aliases) is right


def test_figures_per_attribution_type():
    from quotes.evaluate import by_type

    gold = [q(0, 28, type="direct"), q(45, 74, type="indirect"), q(75, 80, type="indirect", cue="according to")]
    text = TEXT + " According to them."
    doc = {"id": "d", "text": text, "quotes": gold}
    table = by_type([doc], {"d": [q(0, 28, type="direct"), q(29, 44, type="indirect")]})
    assert table["direct"] == {"gold": 1, "predicted": 1, "precision": 100.0, "recall": 100.0, "f1": 100.0}
    assert (table["indirect"]["gold"], table["indirect"]["recall"], table["indirect"]["precision"]) == (1, 0.0, 0.0)
    assert table["according to"]["gold"] == 1 and table["mixed"]["gold"] == 0


def test_each_quote_knows_its_place_among_the_folded_ones():
    from quotes.evaluate import continuation_hosts

    quotes = [
        q(0, 5),
        q(6, 9, continues=0, rule="continuation"),
        q(10, 12),
        q(13, 15, continues=1, rule="continuation"),
    ]
    quotes.append(q(16, 18, continues=2, rule="paragraph-continuation"))  # only 'continuation' folds
    assert continuation_hosts(quotes) == [0, 0, 1, 0, 2]
    assert len(merge_continuations(quotes)) == 3
