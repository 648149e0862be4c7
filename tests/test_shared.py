"""Checks on real annotated data in ../shared (skipped where it is absent)."""

from __future__ import annotations

import json

import pytest

from quotes.evaluate import match, score, speaker_right
from quotes.extract import extract_all
from quotes.standoff import Article
from tests.conftest import SEEDS, needs_shared


def _predict(docs, processes=2):
    articles = (Article(d["id"], d["text"]) for d in docs)
    results = extract_all(articles, processes=processes)
    return {r.article.id: [q.to_standoff(r.article.text) for q in r.quotes] for r in results}


def _cue_overlaps(gold, predicted):
    cues = [gold, *gold.get("cue_alternatives", [])]
    return predicted["cue_start"] is not None and any(
        predicted["cue_start"] < c["cue_end"] and c["cue_start"] < predicted["cue_end"] for c in cues
    )


def test_every_required_seed_quote_is_found_with_speaker_and_cue():
    gold_docs = [json.loads(line) for line in needs_shared("seeds", "gold.jsonl").read_text().splitlines()]
    for doc in gold_docs:
        doc["text"] = (SEEDS / f"{doc['id']}.txt").read_text(encoding="utf-8")
    predictions = _predict(gold_docs, processes=1)
    for doc in gold_docs:
        required = [q for q in doc["quotes"] if "optional" not in q.get("note", "")]
        predicted = predictions[doc["id"]]
        pairs = dict(match(doc["text"], required, predicted, 0.3))
        for index, quote in enumerate(required):
            assert index in pairs, f"missed: {quote['text'][:60]}"
            found = predicted[pairs[index]]
            assert speaker_right(quote, found), (quote["speaker"], found["speaker"])
            assert _cue_overlaps(quote, found), (quote["cue"], found["cue"])


# Floors a little under the figures in the README, so a change that loses accuracy fails here.
FLOORS = {("direct", 0.3): 89.5, ("direct", 0.8): 83.5, ("all", 0.3): 72.0, ("all", 0.8): 64.0}


@pytest.fixture(scope="module")
def polnear_dev_scores():
    docs = [json.loads(line) for line in needs_shared("eval", "polnear-dev.jsonl").read_text().splitlines()]
    return {(s.track, s.tau): s for s in score(docs, _predict(docs))}


@pytest.mark.parametrize("track, tau", list(FLOORS))
def test_polnear_dev_f1_does_not_drop(polnear_dev_scores, track, tau):
    assert 100 * polnear_dev_scores[(track, tau)].f1 >= FLOORS[(track, tau)]


def test_polnear_dev_speaker_accuracy(polnear_dev_scores):
    assert 100 * polnear_dev_scores[("direct", 0.3)].speaker_accuracy >= 90.0


def test_seed_speakers_resolve_to_their_canonical_names_and_media_are_listed():
    from quotes.rules_data import alias_key

    gold_docs = [json.loads(line) for line in needs_shared("seeds", "gold.jsonl").read_text().splitlines()]
    articles = [Article(d["id"], d["text"], outlet=d["outlet"]) for d in gold_docs]
    results = {r.article.id: r for r in extract_all(articles, processes=1)}
    for doc in gold_docs:
        result = results[doc["id"]]
        for quote in doc["quotes"]:
            if "optional" in (quote.get("note") or ""):
                continue
            found = next(q for q in result.quotes if q.speaker and q.speaker.start == quote["speaker_start"])
            # "Iran (Ministry of Foreign Affairs)" is Iran's; "U.S." and "US" are one spelling.
            name = alias_key(found.speaker_name or "")
            assert name and alias_key(quote["speaker_canonical"]).startswith(name), found.speaker_name
            assert found.via == quote.get("via")
        listed = {m.outlet for m in result.media}
        assert {m["outlet"] for m in doc.get("media_mentions", [])} <= listed


# Floors a little under the identity figures in the README (identity-dev.jsonl, 2026-11-30).
IDENTITY_FLOORS = {"coverage": 80.0, "identity": 79.5, "bcubed_f1": 88.0}


def test_identity_dev_does_not_drop():
    from quotes.evaluate import gold_aliases, gold_article, score_identity
    from quotes.tables import Tables

    lines = [json.loads(line) for line in needs_shared("eval", "identity-dev.jsonl").read_text().splitlines()]
    docs = [d for d in lines if "id" in d]
    aliases = gold_aliases([d for d in lines if "aliases" in d])
    tables = Tables(extract_all((gold_article(d) for d in docs), processes=2))
    scores = score_identity(docs, {r["id"]: r["quotes"] for r in tables.standoff}, aliases).as_dict()
    for name, floor in IDENTITY_FLOORS.items():
        assert scores[name] >= floor, (name, scores[name])
