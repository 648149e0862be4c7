"""The report against primary sources: the section, its tables, the page's source column, the CLI."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from quotes import cli
from quotes.extract import analyse_article
from quotes.read import read_articles
from quotes.report import StoryReport, write_reports
from quotes.sources import Source, folder_sources
from quotes.tables import Tables
from quotes.wording import profile_article
from tests.conftest import SEEDS
from tests.test_report import ALPHA, BETA, two_outlet_results
from tests.test_web import server  # noqa: F401, F811 (a fixture: pages served on 127.0.0.1)

# The mayor's statement that both made-up outlets of ``test_report`` quote, written for these tests.
STATEMENT = (
    "The bridge is safe and it will reopen on Monday for all traffic. We thank the engineers.\n\n"
    "Repairs cost two million dollars and took nine weeks."
)


def _tables() -> Tables:
    return Tables(two_outlet_results(), keep_texts=True)


@pytest.fixture()
def report() -> StoryReport:
    source = Source("statement", STATEMENT, speakers=("Mayor Ann Lee",), date="2026-05-04", title="Mayor's statement")
    return StoryReport("The bridge", _tables(), sources=[source])


def test_the_section_sets_each_quote_of_the_sources_speaker_beside_its_passage(report):
    found = report.record.fidelity
    assert list(zip(found["outlet"], found["verdict"], strict=True)) == [
        ("Alpha", "verbatim"),
        ("Alpha", "verbatim"),
        ("Beta", "trimmed"),
    ]
    assert found.iloc[2]["differences"] == ["left out “it”", "left out “on”"]
    markdown = report.to_markdown()
    section = markdown[markdown.index("## Against the record") :]
    section = section[: section.index("\n## ", 5)]
    assert "Mayor's statement (Mayor Ann Lee; 2026-05-04)" in section
    assert "3 quotes set beside the source: 2 verbatim and 1 trimmed" in section
    assert "I will believe it" not in section  # Tom Hart spoke in no source
    assert "“Repairs cost two million dollars and took nine weeks.”" in section  # no outlet quoted it


def test_the_tables_are_written_and_read_back(report, tmp_path):
    report.write(tmp_path)
    fidelity = pd.read_parquet(tmp_path / "fidelity.parquet")
    assert list(fidelity["verdict"]) == ["verbatim", "verbatim", "trimmed"]
    for row in fidelity.itertuples():
        assert STATEMENT[row.passage_start : row.passage_end] == row.passage
    csv = pd.read_csv(tmp_path / "fidelity.csv")
    assert json.loads(csv["differences"].iloc[2]) == ["left out “it”", "left out “on”"]
    coverage = pd.read_csv(tmp_path / "source_coverage.csv")
    assert set(coverage["outlet"]) == {"Alpha", "Beta"} and coverage["sentence_index"].nunique() == 3
    assert (tmp_path / "source_coverage.png").stat().st_size > 5000
    assert pd.read_csv(tmp_path / "sources.csv")["speakers"].tolist() == ["Mayor Ann Lee"]


def test_the_page_shows_the_source_and_each_row_points_into_it(report):
    page = report.to_html()
    assert 'data-article="source:statement"' in page and "Source: Mayor&#x27;s statement" in page
    rows = re.findall(r'<tr class="claim"[^>]*data-spans="([^"]+)"', page)
    spans = [json.loads(r.replace("&quot;", '"')) for r in rows]
    assert any({s[0] for s in row} == {"a1", "source:statement"} for row in spans)
    assert '<div class="strip"><span>Alpha</span>' in page


def test_a_source_of_one_story_is_set_beside_that_story_alone(tmp_path):
    tables = _tables()
    tables.articles["event_id"] = ["s1", "s2"]
    source = Source("statement", STATEMENT, speakers=("Ann Lee",), story="s2")
    write_reports(tables, tmp_path, group_by="event_id", sources=[source], processes=1)
    assert not (tmp_path / "s1" / "fidelity.csv").exists()
    assert list(pd.read_csv(tmp_path / "s2" / "fidelity.csv")["outlet"]) == ["Beta"]


def test_the_seeds_report_quotes_the_defense_departments_statement(nlp):
    results = [analyse_article(a, nlp) for a in read_articles([SEEDS])]
    for result in results:
        result.profile = profile_article(result.article, result.quotes)
    sources, problems = folder_sources([str(SEEDS)])
    assert problems == [] and [s.id for s in sources] == ["dod-statement-2020-03-12"]
    found = StoryReport("Seeds", Tables(results, keep_texts=True), sources=sources).record.fidelity

    def verdict(outlet: str, opening: str):
        (row,) = [r for r in found.itertuples() if r.outlet == outlet and r.content.lstrip('"“').startswith(opening)]
        return row.verdict, row.differences

    assert verdict("CNN", "These strikes were defensive") == ("verbatim", [])
    assert verdict("CBS News", "These strikes were defensive") == (
        "edited",
        ["left out “(SMG)”", "“[Operation Inherent Resolve]” for “OIR”"],
    )
    assert verdict("CBS News", "The United States will not") == ("verbatim", [])
    assert verdict("CNN", "These terror groups") == ("verbatim", ["“US” for “U.S.” (style)"])


def test_a_source_that_cannot_be_read_ends_the_command_before_any_work(tmp_path, capsys):
    code = cli.main(["report", str(SEEDS), "-o", str(tmp_path / "r"), "--source", str(tmp_path / "nope.txt")])
    assert code == 1
    error = capsys.readouterr().err
    assert "nope.txt: no such source file" in error and "Traceback" not in error
    assert not (tmp_path / "r").exists()


def test_every_quote_needs_a_source(tmp_path, capsys):
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(ALPHA, encoding="utf-8")
    code = cli.main(["report", str(folder), "-o", str(tmp_path / "r"), "--every-quote"])
    assert code == 1
    assert "--every-quote needs a primary source" in capsys.readouterr().err


def test_a_source_url_is_fetched_and_read_as_a_web_page(server, tmp_path):  # noqa: F811
    from quotes.fetch import Fetcher
    from quotes.sources import read_source
    from tests.test_web import _Pages

    paragraphs = "".join(f"<p>{line}</p>" for line in STATEMENT.split("\n") if line.strip())
    page = (
        f"<html lang='en'><head><title>Statement</title></head><body><article>{paragraphs * 2}</article></body></html>"
    )
    _Pages.routes["/statement.html"] = (200, "text/html; charset=utf-8", page)
    source = read_source(f"{server}/statement.html", Fetcher(tmp_path))
    assert "Repairs cost two million dollars" in source.text
    assert source.origin == f"{server}/statement.html"


def test_extract_says_a_sources_folder_holds_no_articles(tmp_path, capsys):
    (tmp_path / "story" / "sources").mkdir(parents=True)
    (tmp_path / "story" / "a.txt").write_text(ALPHA, encoding="utf-8")
    (tmp_path / "story" / "sources" / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    out = tmp_path / "quotes.jsonl"
    assert cli.main(["extract", str(tmp_path / "story"), "-o", str(out), "--processes", "1"]) == 0
    assert "sources: primary sources, not articles" in capsys.readouterr().err
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a"]


def test_a_story_folders_sources_are_set_beside_that_storys_articles_alone(tmp_path):
    from quotes.extract import extract_all

    for story, text in (("bridge", ALPHA), ("ferry", BETA)):
        folder = tmp_path / "run" / story
        (folder / "sources").mkdir(parents=True)
        (folder / f"{story}.txt").write_text(f"---\nevent_id: {story}\noutlet: {story.title()} Times\n---\n{text}")
    (tmp_path / "run" / "bridge" / "sources" / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    tables = Tables(extract_all(read_articles([tmp_path / "run"]), processes=1, profile=True), keep_texts=True)
    sources, _ = folder_sources([str(tmp_path / "run")])
    write_reports(tables, tmp_path / "out", group_by="event_id", sources=sources, processes=1)
    assert (tmp_path / "out" / "bridge" / "fidelity.csv").exists()
    assert not (tmp_path / "out" / "ferry" / "fidelity.csv").exists()


def test_the_index_adds_up_every_storys_quotes_against_its_sources(tmp_path):
    tables = _tables()
    tables.articles["event_id"] = ["s1", "s2"]
    source = Source("statement", STATEMENT, speakers=("Ann Lee",))
    index = write_reports(tables, tmp_path, group_by="event_id", sources=[source], processes=1)
    found = pd.read_csv(tmp_path / "fidelity.csv")
    assert list(zip(found["event_id"], found["outlet"], found["verdict"], strict=True)) == [
        ("s1", "Alpha", "verbatim"),
        ("s1", "Alpha", "verbatim"),
        ("s2", "Beta", "trimmed"),
    ]
    markdown = index.read_text(encoding="utf-8")
    section = markdown[markdown.index("## Against the record, across stories") :]
    rows = {cells[0]: cells[1:] for cells in (_cells(line) for line in section.splitlines() if line.startswith("| "))}
    assert rows["outlet"] == ["verbatim", "trimmed", "verbatim share"]
    assert rows["Alpha"] == ["2", "0", "100%"] and rows["Beta"] == ["0", "1", "0%"]
    assert "2 stories" in section


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_the_section_says_when_an_outlet_credits_a_reporters_question_to_the_speaker(tmp_path):
    transcript = (
        "MAYOR LEE: The bridge is safe and it will reopen on Monday for all traffic.\n"
        "Q: We thank the engineers, but who pays for the repairs?\n"
        "MAYOR LEE: The city does.\n"
    )
    report = StoryReport("The bridge", _tables(), sources=[Source("briefing", transcript, speakers=("Ann Lee",))])
    found = report.record.fidelity
    assert list(zip(found["outlet"], found["source_speaker"], found["as_in_source"], strict=True)) == [
        ("Alpha", "MAYOR LEE", True),
        ("Alpha", "Q", False),
        ("Beta", "MAYOR LEE", True),
    ]
    markdown = report.to_markdown()
    assert "Credited otherwise than in the transcript:" in markdown
    assert '- Alpha credits to Ann Lee words that briefing gives to Q: “"We thank the engineers."”' in markdown
    report.write(tmp_path)
    assert pd.read_parquet(tmp_path / "fidelity.parquet")["as_in_source"].tolist() == [True, False, True]
