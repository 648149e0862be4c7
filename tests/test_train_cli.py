"""``quotes train`` end to end on invented annotated articles, and extraction with what it wrote."""

from __future__ import annotations

import json

import pytest

from quotes.cli import ATTRIBUTION_MODES, FEATURE_GROUPS, main


def _article(n: int, source: str, cue: str, content: str) -> dict:
    text = f"It rained in the town on Monday.\n{source} {cue} {content}.\nThe market opened late."
    start = text.index(source)
    cue_start = text.index(cue, start)
    content_start = text.index(content)
    quote = {
        "text": content,
        "start": content_start,
        "end": content_start + len(content),
        "fragments": [[content_start, content_start + len(content)]],
        "type": "indirect",
        "speaker": source,
        "speaker_start": start,
        "speaker_end": start + len(source),
        "cue": cue,
        "cue_start": cue_start,
        "cue_end": cue_start + len(cue),
    }
    return {"id": f"a{n}", "text": text, "quotes": [quote]}


@pytest.fixture
def gold(tmp_path, unknown_cue_sentences):
    path = tmp_path / "gold.jsonl"
    lines = (json.dumps(_article(n, *s)) + "\n" for n, s in enumerate(unknown_cue_sentences))
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_train_writes_both_taggers_and_extraction_uses_them(gold, tmp_path, monkeypatch, capsys):
    out = tmp_path / "model"
    assert main(["train", "--train", str(gold), "--dev", str(gold), "-o", str(out), "--c1", "0"]) == 0
    for kind in ("model", "combined"):
        settings = json.loads((out / kind / "model.json").read_text())
        assert (out / kind / "tagger.crfsuite").stat().st_size > 0
        assert 0 < settings["threshold"] < 1 and settings["chosen_on"] == ["gold.jsonl"]
        assert isinstance(settings["needs_speaker"], bool)
        assert ("rules" in settings["groups"]) == (kind == "combined")
    assert (out / "checkpoint" / "gold" / "part-0000.pkl").exists()  # a rerun resumes from here
    capsys.readouterr()
    assert main(["train", "--train", str(gold), "-o", str(out), "--c1", "0"]) == 0
    rerun = capsys.readouterr().err
    assert rerun.count("already trained") == 2 and "featurised" not in rerun  # nothing left to fit
    article = tmp_path / "new.txt"
    # a paragraph with a quotation mark is parsed ('griped' is no cue word the rules know)
    article.write_text('The senator griped that the "vote" was rushed.\n', encoding="utf-8")
    monkeypatch.setenv("QUOTES_ATTRIBUTION_MODEL", str(out))
    result = tmp_path / "found.jsonl"
    assert main(["extract", str(article), "--attribution", "model", "--processes", "1", "-o", str(result)]) == 0
    (record,) = [json.loads(line) for line in result.read_text().splitlines()]
    found = [(q["cue"], q["speaker"], q["found_by"]) for q in record["quotes"]]
    assert found == [("griped", "The senator", "model")]
    assert 0 <= record["quotes"][0]["confidence"] <= 1


def test_an_unknown_feature_group_is_a_clear_error(gold, tmp_path, capsys):
    assert main(["train", "--train", str(gold), "-o", str(tmp_path / "m"), "--groups", "word,magic"]) == 1
    assert "unknown group magic" in capsys.readouterr().err


def test_a_missing_training_file_is_a_clear_error(tmp_path, capsys):
    assert main(["train", "--train", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "m")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_the_cli_names_the_feature_groups_and_modes_of_the_tagger():
    from quotes.attribution.combine import MODES
    from quotes.attribution.features import GROUPS

    assert FEATURE_GROUPS == tuple(GROUPS)
    assert ATTRIBUTION_MODES == MODES


def test_min_confidence_leaves_attributions_out_and_counts_them(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text('"We will rebuild," the mayor said. She said that the bridge would reopen.\n', encoding="utf-8")
    kept, dropped = tmp_path / "all.csv", tmp_path / "none.csv"
    assert main(["extract", str(article), "--processes", "1", "-o", str(kept)]) == 0
    assert main(["extract", str(article), "--processes", "1", "--min-confidence", "1", "-o", str(dropped)]) == 0
    import pandas as pd

    found = len(pd.read_csv(kept))
    assert found >= 2
    assert len(pd.read_csv(dropped)) == 0
    assert pd.read_csv(tmp_path / "none.articles.csv")["left_out"].tolist() == [found]


def test_min_confidence_above_one_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["extract", str(tmp_path), "--min-confidence", "1.5"])
    assert "from 0 to 1" in capsys.readouterr().err
