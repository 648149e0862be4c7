"""The learned attribution tagger: tags from gold spans, attributions from tags, training, combining."""

from __future__ import annotations

import json

import pytest

from quotes.attribution.combine import added
from quotes.attribution.features import ALL_GROUPS, GROUPS, features_of, without
from quotes.attribution.learned import Tagger, gold_labels, proposals, runs_of
from quotes.cues import load_lexicon
from quotes.standoff import Quote, Span
from quotes.training import Sequence, _monotone, fit, write_settings


def _parts(text: str, **spans: str) -> list[tuple[str, int, int]]:
    parts = []
    for part, words in spans.items():
        start = text.index(words)
        parts.append((part.upper(), start, start + len(words)))
    return sorted(parts, key=lambda p: p[1])


def test_gold_spans_become_bio_tags(nlp):
    text = "The mayor said that the bridge would reopen."
    doc = nlp(text)
    labels = gold_labels(doc, _parts(text, src="The mayor", cue="said", con="that the bridge would reopen"))
    assert labels == ["B-SRC", "I-SRC", "B-CUE", "B-CON", "I-CON", "I-CON", "I-CON", "I-CON", "O"]


def test_two_spans_of_one_part_side_by_side_each_begin():
    assert [(r.part, r.first, r.last) for r in runs_of(["B-CON", "I-CON", "B-CON", "O"], [1.0] * 4)] == [
        ("CON", 0, 1),
        ("CON", 2, 2),
    ]


def test_an_inside_tag_with_no_begin_still_opens_a_run():
    assert [(r.part, r.first, r.last) for r in runs_of(["O", "I-CUE", "O"], [1.0] * 3)] == [("CUE", 1, 1)]


def test_tags_become_one_attribution_per_cue_with_its_fragments(nlp):
    text = '"We will rebuild," the mayor said, "and soon."'
    doc = nlp(text)
    labels = gold_labels(
        doc, _parts(text, con='"We will rebuild,"', src="the mayor", cue="said") + _parts(text, con='"and soon."')
    )
    found = proposals(doc, labels, [0.9] * len(doc))
    assert len(found) == 1
    (proposal,) = found
    assert text[slice(*proposal.cue)] == "said"
    assert text[slice(*proposal.speaker)] == "the mayor"
    assert [text[a:b] for a, b in proposal.content] == ['"We will rebuild,"', '"and soon."']
    assert proposal.confidence == pytest.approx(0.9)


def test_content_with_no_cue_proposes_nothing(nlp):
    doc = nlp("The bridge would reopen soon.")
    assert proposals(doc, ["B-CON"] + ["I-CON"] * (len(doc) - 1), [0.9] * len(doc)) == []


def test_feature_groups_can_be_left_out(nlp):
    doc = nlp('The mayor said "soon".')
    rows = features_of(doc, [(16, 22)], load_lexicon())
    assert {key.split(".")[0] for row in rows for key in row} == {"bias", *ALL_GROUPS}
    assert not any(key.startswith("lexicon.") for row in without(rows, ["lexicon"]) for key in row)
    assert rows[4]["quotation.quoted"] == 1.0 and rows[0]["quotation.quoted"] == 0.0


def _quote(start: int, end: int, confidence: float, rule: str = "model") -> Quote:
    return Quote((Span(start, end),), "indirect", None, None, rule=rule, confidence=confidence)


def test_the_tagger_adds_only_what_no_rule_holds_above_the_threshold():
    rules = [_quote(0, 50, 0.9, "clause")]
    proposed = [_quote(40, 80, 0.95), _quote(100, 150, 0.7), _quote(200, 240, 0.3), _quote(120, 160, 0.6)]
    kept = added(rules, proposed, threshold=0.5)
    assert [(q.start, q.end) for q in kept] == [(100, 150)]  # overlaps the rule, below threshold, overlaps 100-150


def test_a_tagger_that_needs_a_speaker_adds_no_statement_without_one():
    with_speaker = Quote((Span(100, 150),), "indirect", Span(90, 95), None, rule="model", confidence=0.9)
    without = _quote(200, 250, 0.95)
    assert added([], [with_speaker, without], 0.5) == [without, with_speaker]
    assert added([], [with_speaker, without], 0.5, needs_speaker=True) == [with_speaker]


def test_calibration_bins_pool_until_the_share_rises():
    # [upper bound, right, count]: 0.6 is right less often than 0.5, so the two are pooled
    assert _monotone([[0.5, 6, 10], [0.6, 5, 10], [0.7, 9, 10]]) == [[0.6, 11, 20], [0.7, 9, 10]]


_PLAIN = ["The trains were late again on Monday.", "Taxes rose in the spring.", "The pitch was wet after rain."]


def test_a_tiny_model_learns_a_cue_it_was_shown(nlp, tmp_path, unknown_cue_sentences):
    lexicon = load_lexicon()
    assert lexicon.verb("gripe") is None  # learned, not looked up
    data = []
    for source, cue, content in unknown_cue_sentences:
        text = f"{source} {cue} {content}."
        doc = nlp(text)
        labels = gold_labels(doc, _parts(text, src=source, cue=cue, con=content))
        data.append(Sequence("t", features_of(doc, [], lexicon), labels))
    for text in _PLAIN:
        doc = nlp(text)
        data.append(Sequence("t", features_of(doc, [], lexicon), ["O"] * len(doc)))
    fit(data, tmp_path / "tagger.crfsuite", params={"c1": 0.0, "c2": 0.01, "max_iterations": 60}, log=lambda m: None)
    write_settings(tmp_path, {"groups": list(GROUPS), "threshold": 0.5})
    tagger = Tagger(tmp_path)
    text = "The senator griped that the vote was rushed."
    found = tagger.propose(nlp(text), [], lexicon)
    assert [text[slice(*p.cue)] for p in found] == ["griped"]
    assert text[slice(*found[0].speaker)] == "The senator"
    assert "the vote was rushed" in text[slice(*found[0].content[0])]
    assert tagger.propose(nlp("The vote was rushed on Monday."), [], lexicon) == []
    assert json.loads((tmp_path / "model.json").read_text())["threshold"] == 0.5


def test_rule_marks_follow_the_rules_spans(nlp):
    from quotes.attribution.features import rule_marks

    text = "The mayor said the bridge would reopen."
    doc = nlp(text)
    start = text.index("the bridge")
    marks = rule_marks(doc, [("CON", start, len(text) - 1, "ccomp", "indirect")])
    assert marks[:3] == [None, None, None]
    assert marks[3] == ("CON", "ccomp", "indirect", True)
    assert marks[4] == ("CON", "ccomp", "indirect", False)
    assert marks[-1] is None  # the full stop


def test_rule_parts_are_relative_to_their_paragraph():
    from quotes.attribution.learned import rule_parts

    quote = Quote((Span(110, 130),), "indirect", Span(100, 104), Span(105, 109), rule="ccomp")
    assert rule_parts([quote], 100, 200) == [
        ("CUE", 5, 9, "ccomp", "indirect"),
        ("SRC", 0, 4, "ccomp", "indirect"),
        ("CON", 10, 30, "ccomp", "indirect"),
    ]
    assert rule_parts([quote], 200, 300) == []


def test_quotes_under_the_floor_are_left_out_and_counted():
    from quotes.extract import ArticleResult, _at_least
    from quotes.standoff import Article

    quotes = [_quote(0, 10, 0.9), _quote(20, 30, 0.2), _quote(40, 50, 0.8)]
    quotes[2].continues = 0
    result = _at_least(ArticleResult(Article("a", "x" * 60), quotes), 0.5)
    assert [(q.start, q.confidence) for q in result.quotes] == [(0, 0.9), (40, 0.8)]
    assert result.quotes[1].continues == 0
    assert result.left_out == 1


def test_the_same_data_gives_the_same_model(nlp, tmp_path, unknown_cue_sentences):
    lexicon = load_lexicon()
    data = []
    for source, cue, content in unknown_cue_sentences[:3]:
        text = f"{source} {cue} {content}."
        doc = nlp(text)
        data.append(Sequence("t", features_of(doc, [], lexicon), gold_labels(doc, _parts(text, src=source, cue=cue))))
    params = {"c1": 0.1, "c2": 0.01, "max_iterations": 20}
    first = fit(data, tmp_path / "a.crfsuite", params=params, log=lambda m: None).read_bytes()
    assert fit(data, tmp_path / "b.crfsuite", params=params, log=lambda m: None).read_bytes() == first
