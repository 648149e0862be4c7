"""A grouped run: story folders and their page, the index with its roll-up, and tables that load the same
from CSV and Parquet."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from quotes import cli
from quotes.extract import extract_all
from quotes.read import read_articles
from quotes.report import write_reports
from quotes.rollup import rollup
from quotes.tables import Tables, load_table

ROWS = [
    # id, outlet, story, leaning, title, text
    (
        "a1",
        "Alpha",
        "s1",
        "left",
        "Bridge to close",
        '"The bridge is unsafe," Mayor Ann Lee said on Monday. "We will close it," she added.\n'
        "Officials said repairs would take a year.",
    ),
    (
        "b1",
        "Beta",
        "s1",
        "right",
        "Mayor shuts bridge",
        '"The bridge is unsafe," Lee told reporters. A city official, who asked not to be named, said the cost was'
        " unknown.\nThe council meets on Friday.",
    ),
    (
        "a2",
        "Alpha",
        "s2",
        "left",
        "Council votes no",
        'The council met on Tuesday. "We voted no," council chair Tom Hart said.',
    ),
    (
        "c2",
        "Gamma",
        "s2",
        None,
        "Vote fails",
        'The vote failed. "We voted no because the plan was rushed," Tom Hart said after the meeting.',
    ),
    ("b3", "Beta", "s3", "right", None, ""),  # empty: an error row, kept
]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("run")
    source = folder / "articles.jsonl"
    lines = [
        json.dumps({"id": i, "outlet": o, "event_id": e, "leaning": lean, "title": t, "text": x})
        for i, o, e, lean, t, x in ROWS
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tables = Tables(extract_all(read_articles([source]), processes=1, profile=True))
    index = write_reports(tables, folder / "out", group_by="event_id", compare_by=["leaning"])
    return tables, index.parent


def test_the_index_lists_stories_by_title_and_links_both_formats(run):
    _, out = run
    markdown = (out / "index.md").read_text(encoding="utf-8")
    assert "[Bridge to close](s1/report.md)" in markdown
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="s1/report.html"' in page and 'href="s2/report.html"' in page
    for story in ("s1", "s2"):
        assert (out / story / "report.html").exists() and (out / story / "report.md").exists()


def test_the_rollup_adds_up_outlets_and_any_column(run):
    tables, out = run
    by_outlet = load_table(out / "rollup_outlet.csv").set_index("outlet")
    ok = tables.articles[tables.articles["status"] == "ok"]
    for outlet, row in by_outlet.iterrows():
        mine = tables.quotes[tables.quotes["outlet"] == outlet]
        words = ok.loc[ok["outlet"] == outlet, "words"].sum()
        assert row["quotes"] == len(mine)
        assert math.isclose(row["quotes_per_1000_words"], round(1000 * len(mine) / words, 2))
    assert by_outlet.loc["Alpha", "stories"] == 2
    by_leaning = load_table(out / "rollup_leaning.csv").set_index("leaning")
    assert set(by_leaning.index) == {"left", "right", "(none)"}  # Gamma's article has no leaning
    assert by_leaning.loc["left", "quotes"] == by_outlet.loc["Alpha", "quotes"]
    # anonymous sources ("Officials said", "A city official") counted per group
    leaning = dict(zip(tables.articles["article_id"], tables.articles["leaning"].fillna("(none)"), strict=True))
    quotes = tables.quotes.assign(leaning=tables.quotes["article_id"].map(leaning))
    for group, row in by_leaning.iterrows():
        mine = quotes[quotes["leaning"] == group]
        assert row["anonymous_share"] == round((mine["speaker_kind"] == "anonymous").sum() / len(mine), 3)
    assert by_leaning.loc["right", "anonymous_share"] > 0
    assert "Tom Hart" in list(by_outlet.loc["Gamma", "top_speakers"])
    markdown = (out / "index.md").read_text(encoding="utf-8")
    assert "## Across stories, by outlet" in markdown and "## Across stories, by leaning" in markdown
    assert "- Most quotes per 1,000 words:" in markdown
    assert "![Quotes per 1,000 words and anonymous share, by leaning](rollup_leaning_rates.png)" in markdown


def test_rollup_rejects_a_missing_column(run):
    tables, _ = run
    with pytest.raises(KeyError, match="no column 'leaning_x'"):
        rollup(tables, "leaning_x")


def test_every_story_table_carries_the_story_column(run):
    _, out = run
    for csv_file in (out / "s1").glob("*.csv"):
        frame = load_table(csv_file)
        assert list(frame.columns)[:1] == ["event_id"] or "event_id" in frame.columns, csv_file.name
        assert set(frame["event_id"].dropna()) <= {"s1"}, csv_file.name


def _tables_of(out):
    return sorted(out.rglob("*.csv"))


def test_every_table_loads_the_same_from_csv_and_parquet(run):
    _, out = run
    files = _tables_of(out)
    assert len(files) > 40
    for csv_file in files:
        from_csv = load_table(csv_file)
        from_parquet = load_table(csv_file.with_suffix(".parquet"))
        pd.testing.assert_frame_equal(from_csv, from_parquet, obj=csv_file.name)


def test_integers_lists_and_missing_values_are_written_plainly(run):
    _, out = run
    articles = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
    assert articles.set_index("article_id").loc["b3", "status"] == "error"
    assert articles.set_index("article_id").loc["a1", "words"].isdigit()  # 17, never 17.0
    quotes = pd.read_csv(out / "quotes.csv", dtype=str, keep_default_na=False)
    assert not quotes["speaker_start"].str.endswith(".0").any()
    assert all(isinstance(json.loads(v), list) for v in quotes["fragments"])
    speakers = pd.read_parquet(out / "speakers.parquet")
    assert speakers["speaker_id"].notna().all() and {"speaker_name", "speaker_kind"} <= set(speakers.columns)
    assert all(len(aliases) >= 1 for aliases in speakers["aliases"])  # a Parquet list, not "a; b" text
    parquet = pd.read_parquet(out / "articles.parquet")
    assert str(parquet["words"].dtype) == "Int64"


def _reject(constant: str):
    raise ValueError(f"not JSON: {constant}")


def test_the_standoff_jsonl_is_strict_json(run, tmp_path):
    _, out = run
    for path in [*out.rglob("quotes.jsonl")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            json.loads(line, parse_constant=_reject)
    assert (
        cli.main(["extract", str(out.parent / "articles.jsonl"), "-o", str(tmp_path / "x.jsonl"), "--processes", "1"])
        == 0
    )
    records = [json.loads(line, parse_constant=_reject) for line in (tmp_path / "x.jsonl").read_text().splitlines()]
    # a quote with no identified speaker: its missing values are null, which the strict parser accepted
    assert any(q["speaker_id"] is None and q["speaker_name"] is None for r in records for q in r["quotes"])


def test_compare_by_needs_group_by_and_a_real_column(run, capsys):
    _, out = run
    source = str(out.parent / "articles.jsonl")
    assert cli.main(["report", source, "-o", str(out.parent / "x"), "--compare-by", "leaning", "--processes", "1"]) == 1
    assert "--compare-by needs --group-by" in capsys.readouterr().err
    code = cli.main(
        [
            "report",
            source,
            "-o",
            str(out.parent / "y"),
            "--group-by",
            "event_id",
            "--compare-by",
            "lean",
            "--processes",
            "1",
        ]
    )
    error = capsys.readouterr().err
    assert code == 1 and "--compare-by lean: no such column" in error and "Traceback" not in error
