"""The cue lexicon as data: package files, user files, and errors in them."""

from __future__ import annotations

import pytest

from quotes.cues import CLASSES, load_lexicon, read_cue_file


def test_package_lexicon_has_classes_and_phrases():
    lexicon = load_lexicon()
    assert lexicon.verb("say").cls == "neutral" and lexicon.verb("claim").cls == "evaluative"
    assert lexicon.phrase("call", "for").name == "call for" and lexicon.phrase("according", "to")
    assert {cue.cls for cue in lexicon.verbs.values()} <= set(CLASSES)


@pytest.mark.parametrize(
    "word, expected", [("said", True), ("insisted", True), ("according", True), ("telling", True), ("tomato", False)]
)
def test_word_forms_prefilter(word, expected):
    assert load_lexicon().mentions_cue(f"The {word} thing") is expected


def test_user_file_adds_and_overrides(tmp_path, monkeypatch):
    path = tmp_path / "mine.tsv"
    path.write_text("# mine\nopine\tevaluative\tclause\nsay\tevaluative\n", encoding="utf-8")
    lexicon = load_lexicon((str(path),))
    assert lexicon.verb("opine").cls == "evaluative" and lexicon.verb("say").cls == "evaluative"


@pytest.mark.parametrize(
    "line, message", [("say", "expected"), ("say\tloud", "class"), ("say\tneutral\tsideways", "unknown frame")]
)
def test_bad_lexicon_lines_name_the_line(line, message):
    with pytest.raises(ValueError, match=message):
        read_cue_file("mine.tsv", line)


def test_user_cues_change_extraction(tmp_path, nlp):
    from quotes.extract import extract_article
    from quotes.standoff import Article

    text = "The professor opined that the policy would fail."
    path = tmp_path / "mine.tsv"
    path.write_text("opine\tevaluative\tclause\n", encoding="utf-8")
    assert extract_article(Article("t", text), nlp) == []
    (quote,) = extract_article(Article("t", text), nlp, load_lexicon((str(path),)))
    assert text[quote.start : quote.end] == "that the policy would fail"
