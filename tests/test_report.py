"""The comparison tables behind the report, the markdown, the charts and ``quotes report``."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import unquote

import pandas as pd
import pytest

from quotes import cli
from quotes.compare import (
    compare,
    differences,
    distinctive_terms,
    left_out,
    shared_statements,
    wording_differences,
)
from quotes.extract import ArticleResult, analyse_article, extract_all
from quotes.read import read_articles
from quotes.report import StoryReport, markdown_table, shorten, write_reports
from quotes.standoff import Article, Quote, Span
from quotes.tables import Tables, load_table
from quotes.wording import profile_article
from tests.conftest import SEEDS


def _quote(text: str, content: str, speaker: str, cue: str, name: str, kind: str = "person", type_: str = "direct"):
    start = text.index(content)
    speaker_start = text.index(speaker)
    cue_start = text.index(cue, speaker_start - 20 if speaker_start > 20 else 0)
    return Quote(
        fragments=(Span(start, start + len(content)),),
        type=type_,
        speaker=Span(speaker_start, speaker_start + len(speaker)),
        cue=Span(cue_start, cue_start + len(cue)),
        cue_lemma=cue.lower(),
        cue_class="neutral",
        speaker_name=name,
        speaker_kind=kind,
    )


def _result(article_id: str, outlet: str, text: str, quotes: list[Quote], **meta) -> ArticleResult:
    article = Article(article_id, text, outlet=outlet, outlet_from="metadata", **meta)
    return ArticleResult(article, quotes, profile=profile_article(article, quotes))


# Two made-up outlets covering one made-up story, written for these tests.
ALPHA = (
    'The mayor said the bridge would reopen. "The bridge is safe and it will reopen on Monday for all traffic," '
    'Mayor Ann Lee said. "We thank the engineers." Critics were not convinced.'
)
BETA = (
    '"The bridge is safe and will reopen Monday for all traffic," Lee told reporters. '
    'A local resident, Tom Hart, said: "I will believe it when I see it."'
)


def two_outlet_results() -> list[ArticleResult]:
    """The two made-up outlets' articles, their quotes found by hand."""
    alpha = [
        _quote(
            ALPHA,
            '"The bridge is safe and it will reopen on Monday for all traffic,"',
            "Mayor Ann Lee",
            "said",
            "Ann Lee",
        ),
        _quote(ALPHA, '"We thank the engineers."', "Mayor Ann Lee", "said", "Ann Lee"),
    ]
    beta = [
        _quote(BETA, '"The bridge is safe and will reopen Monday for all traffic,"', "Lee", "told", "Lee"),
        _quote(BETA, '"I will believe it when I see it."', "Tom Hart", "said", "Tom Hart"),
    ]
    return [_result("a1", "Alpha", ALPHA, alpha), _result("b1", "Beta", BETA, beta)]


@pytest.fixture()
def two_outlets() -> Tables:
    return Tables(two_outlet_results())


def test_speakers_matrix_counts_quotes_per_outlet_and_joins_the_surname(two_outlets):
    c = compare(two_outlets)
    assert c.outlets == ["Alpha", "Beta"]
    by_name = c.quotes_matrix.droplevel("speaker_id")
    assert by_name.loc["Ann Lee"].to_dict() == {"Alpha": 2, "Beta": 1}
    assert by_name.loc["Tom Hart"].to_dict() == {"Alpha": 0, "Beta": 1}
    # the in-memory matrix carries the identity as the written table does
    ids = dict(zip(c.voices["speaker_name"], c.voices["speaker_id"], strict=True))
    assert list(c.quotes_matrix.index) == [(ids["Ann Lee"], "Ann Lee"), (ids["Tom Hart"], "Tom Hart")]
    written = c.frames()["quotes_matrix"]
    assert list(written.columns[:2]) == ["speaker_id", "speaker_name"]
    assert list(zip(written["speaker_id"], written["speaker_name"], strict=True)) == list(c.quotes_matrix.index)
    assert list(c.single_outlet_speakers["speaker_name"]) == ["Tom Hart"]
    assert c.overview.set_index("outlet").loc["Alpha", "quotes"] == 2


def test_shared_statement_with_its_wording_differences_and_single_outlet_quotes(two_outlets):
    c = compare(two_outlets)
    shared = c.statements[c.statements["outlets"] > 1]
    assert sorted(shared["outlet"]) == ["Alpha", "Beta"]
    assert shared["statement"].nunique() == 1
    diffs = set(zip(c.wording_differences["outlet_has"], c.wording_differences["other_has"], strict=True))
    assert diffs == {("it", ""), ("on", "")}
    alone = c.single_outlet_quotes
    assert set(zip(alone["outlet"], alone["content"], strict=True)) == {
        ("Alpha", '"We thank the engineers."'),
        ("Beta", '"I will believe it when I see it."'),
    }


def test_cue_verbs_mark_the_ones_only_one_outlet_uses(two_outlets):
    cues = compare(two_outlets).cue_verbs.set_index(["outlet", "cue"])
    assert bool(cues.loc[("Beta", "told"), "only_this_outlet"])
    assert not bool(cues.loc[("Alpha", "said"), "only_this_outlet"])


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "hosting [Operation Inherent Resolve] coalition forces",
            "hosting OIR coalition forces",
            [("[Operation Inherent Resolve]", "OIR")],
        ),
        ("militia groups who attack", "militia groups (SMG) who attack", [("", "(SMG)")]),
        ("“It is over,” he said", '"It is over," he said', []),  # marks and apostrophes are no difference
        ("We won’t go", "we won't go", []),
        ("a b c", "a x c", [("b", "x")]),
    ],
)
def test_differences(a, b, expected):
    assert differences(a, b) == expected


@pytest.mark.parametrize(
    ("texts", "shared"),
    [
        ([("X", "The economy is strong and growing."), ("Y", "The economy is strong and growing fast.")], True),
        ([("X", "The economy is strong."), ("Y", "We will never surrender to anyone.")], False),
        ([("X", "The economy is strong."), ("X", "The economy is strong.")], False),  # one outlet twice
        ([("X", "direct response"), ("Y", "It was a direct response to the attack.")], True),  # quoted part
        ([("X", "No"), ("Y", "No, we will not go.")], False),  # one word is too little to call it shared
    ],
)
def test_shared_statements(texts, shared):
    sentences = pd.DataFrame(
        [
            {
                "outlet": o,
                "article_id": f"{o}{i}",
                "quote_index": 0,
                "speaker_id": "s",
                "speaker_name": "S",
                "cue": "said",
                "sentence": 0,
                "text": t,
            }
            for i, (o, t) in enumerate(texts)
        ]
    )
    table = shared_statements(sentences)
    assert (table["outlets"].max() > 1) == shared


def test_distinctive_terms_rank_an_outlets_own_words_first():
    rows = []
    for outlet, words in {
        "A": {"bridge": 20, "safe": 10, "mayor": 5},
        "B": {"bridge": 20, "danger": 10, "mayor": 5},
        "C": {"bridge": 20, "mayor": 5, "river": 3},
    }.items():
        rows += [
            {"article_id": outlet, "outlet": outlet, "part": "narrative", "term": t, "count": n}
            for t, n in words.items()
        ]
    tables = Tables([])
    tables.terms = pd.DataFrame(rows)
    table = distinctive_terms(tables, "narrative", top=3)
    top = table.groupby("outlet").head(1).set_index("outlet")["term"].to_dict()
    assert top == {"A": "safe", "B": "danger", "C": "river"}
    assert table.set_index(["outlet", "term"]).loc[("A", "safe"), "z"] > 1.96
    assert table.set_index(["outlet", "term"]).loc[("A", "bridge"), "z"] < 1.96  # shared by all: not distinctive


def test_tone_separates_quoted_and_narrative_text():
    text = 'The team was praised. "This is a terrible, awful disaster," the coach said.'
    quote = _quote(text, '"This is a terrible, awful disaster,"', "the coach", "said", "coach")
    profile = profile_article(Article("t", text), [quote])
    assert profile.parts["quoted"]["tone"] < 0 < profile.parts["narrative"]["tone"]
    assert profile.terms["quoted"]["disaster"] == 1 and "disaster" not in profile.terms["narrative"]


@pytest.mark.parametrize(
    ("value", "cell"),
    [("a | b", "a \\| b"), ("two\nlines", "two lines"), (None, "")],
)
def test_markdown_table_cells_stay_in_their_row(value, cell):
    lines = markdown_table(pd.DataFrame({"x": [value]})).splitlines()
    assert len(lines) == 3
    assert lines[2].strip("| ").strip() == cell


def test_shorten_cuts_only_long_text_at_a_word():
    assert shorten("short one") == "short one"
    assert shorten("word " * 100, 20) == "word word word word …"


def test_empty_sections_say_so():
    text = "The council met on Tuesday. Nothing was decided."
    report = StoryReport("A quiet day", Tables([_result("q1", "Alpha", text, [])]))
    markdown = report.to_markdown()
    assert "No quote has an identified speaker." in markdown
    assert "Only one outlet in this story: nothing to compare." in markdown
    assert "No cue found." in markdown


def _table_rows(markdown: str) -> list[list[str]]:
    return [line.split("|") for line in markdown.splitlines() if line.startswith("|")]


def test_seeds_report_shows_what_the_two_copies_differ_on(nlp, tmp_path):
    results = [analyse_article(a, nlp) for a in read_articles([SEEDS])]
    for result in results:
        result.profile = profile_article(result.article, result.quotes)
    report = StoryReport("Seeds", Tables(results))
    c = report.comparison
    diffs = set(zip(c.wording_differences["outlet_has"], c.wording_differences["other_has"], strict=True))
    assert ("[Operation Inherent Resolve]", "OIR") in diffs and ("", "(SMG)") in diffs
    alone = c.single_outlet_speakers.set_index("speaker_name")["outlet"].to_dict()
    assert alone["Mark T. Esper"] == "CBS News" and alone["Iran"] == "CBS News"
    assert any(
        kind == "anonymous"
        for kind in c.single_outlet_speakers.loc[c.single_outlet_speakers["outlet"] == "CNN", "speaker_kind"]
    )
    only_cnn = c.single_outlet_quotes[c.single_outlet_quotes["outlet"] == "CNN"]
    assert only_cnn["content"].str.contains("terror groups must cease").any()
    assert "via Agence France-Presse" in report.to_markdown()
    fox = c.media_mentions[c.media_mentions["mentioned"] == "Fox News"]
    assert list(fox["outlet"]) == ["CNN"]
    assert {"read", "stated", "told"} <= set(
        c.cue_verbs.loc[c.cue_verbs["only_this_outlet"] & (c.cue_verbs["outlet"] == "CNN"), "cue"]
    )
    # Every markdown table row has as many cells as its header.
    path = report.write(tmp_path)
    markdown = path.read_text(encoding="utf-8")
    for block in re.split(r"\n\n", markdown):
        rows = _table_rows(block)
        assert len({len(r) for r in rows}) <= 1
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown):
        assert (tmp_path / image).stat().st_size > 5000
    assert (tmp_path / "quotes.parquet").exists() and (tmp_path / "wording_differences.csv").exists()


def test_stories_written_in_parallel_are_the_serial_files_byte_for_byte(tmp_path):
    texts = [ALPHA, BETA, 'The council met. "We voted no," the chair said.', '"It is over," the mayor said.']
    rows = [(f"a{n}", ["Alpha", "Beta"][n % 2], f"s{n // 2}", texts[n % 4]) for n in range(8)]
    source = tmp_path / "articles.jsonl"
    source.write_text(
        "\n".join(pd.Series({"id": i, "outlet": o, "event_id": e, "text": t}).to_json() for i, o, e, t in rows) + "\n",
        encoding="utf-8",
    )
    tables = Tables(extract_all(read_articles([source]), processes=1, profile=True))
    for processes in (1, 2):
        write_reports(tables, tmp_path / f"out{processes}", group_by="event_id", processes=processes)
    serial = sorted(p.relative_to(tmp_path / "out1") for p in (tmp_path / "out1").rglob("*") if p.is_file())
    parallel = sorted(p.relative_to(tmp_path / "out2") for p in (tmp_path / "out2").rglob("*") if p.is_file())
    assert serial == parallel and len(serial) > 20
    for name in serial:
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes(), name


def test_group_by_writes_one_report_per_story_and_an_index(tmp_path):
    rows = [
        ("a1", "Alpha", "s1", ALPHA),
        ("b1", "Beta", "s1", BETA),
        ("a2", "Alpha", "s2", 'The council met. "We voted no," the chair said.'),
    ]
    source = tmp_path / "articles.jsonl"
    source.write_text(
        "\n".join(pd.Series({"id": i, "outlet": o, "event_id": e, "text": t}).to_json() for i, o, e, t in rows) + "\n",
        encoding="utf-8",
    )
    tables = Tables(extract_all(read_articles([source]), processes=1, profile=True))
    index = write_reports(tables, tmp_path / "out", group_by="event_id")
    text = index.read_text(encoding="utf-8")
    assert "(s1/report.md)" in text and "(s2/report.md)" in text
    s1 = pd.read_csv(tmp_path / "out" / "s1" / "articles.csv")
    assert sorted(s1["article_id"]) == ["a1", "b1"]
    assert (tmp_path / "out" / "s2" / "report.md").read_text(encoding="utf-8").count(
        "Only one outlet in this story"
    ) >= 1


def test_report_command_rejects_an_unknown_group_column(tmp_path, capsys):
    code = cli.main(["report", str(SEEDS), "-o", str(tmp_path / "r"), "--group-by", "story", "--processes", "1"])
    assert code == 1
    error = capsys.readouterr().err
    assert "--group-by story: no such column" in error and "Traceback" not in error


def test_report_command_default_folder_is_reports_and_the_input_name():
    assert str(cli.default_report_dir([str(SEEDS)])) == "reports/seeds"


def test_a_version_quoting_part_of_the_sentence_is_an_extent_difference_not_a_wording_one():
    texts = [("X", "We don't want him."), ("Y", "By 130 million people, we don't like him, we don't want him.")]
    sentences = pd.DataFrame(
        [
            {
                "outlet": o,
                "article_id": o,
                "quote_index": 0,
                "speaker_id": o,
                "speaker_name": o,
                "cue": "said",
                "sentence": 0,
                "start": 0,
                "end": len(t),
                "text": t,
            }
            for o, t in texts
        ]
    )
    diffs = wording_differences(shared_statements(sentences))
    assert list(diffs["change"]) == ["extent"]
    assert list(diffs["outlet_has"]) == [""]
    assert list(diffs["other_has"]) == ["By 130 million people, we don't like him"]


def _sentences(quotes: list[tuple[str, list[str]]]) -> pd.DataFrame:
    """The quoted-sentence table of one quote per outlet, each given as its sentences."""
    rows = []
    for outlet, sentences in quotes:
        start = 0
        for number, sentence in enumerate(sentences):
            rows.append(
                {
                    "outlet": outlet,
                    "article_id": outlet,
                    "quote_index": 0,
                    "speaker_id": "lee",
                    "speaker_name": "Lee",
                    "speaker_kind": "person",
                    "cue": "said",
                    "sentence": number,
                    "start": start,
                    "end": start + len(sentence),
                    "text": sentence,
                }
            )
            start += len(sentence) + 1
    return pd.DataFrame(rows)


def test_where_an_outlet_cut_the_sentence_is_no_difference():
    """'... not happen that he comes here' against '... not happen. He comes here': one word apart."""
    sentences = _sentences(
        [
            ("X", ["It should not happen that he comes here with a smile on his face."]),
            ("Y", ["It should not happen.", "He comes here with a smile on his face."]),
        ]
    )
    diffs = wording_differences(shared_statements(sentences))
    assert list(zip(diffs["change"], diffs["outlet_has"], diffs["other_has"], strict=True)) == [("wording", "that", "")]


def test_a_sentence_one_word_apart_inside_a_shared_quote_is_worded_differently_not_left_out():
    sentences = _sentences(
        [
            ("X", ["We do not like him at all.", "We reject his visit."]),
            ("Y", ["We do not like him at all.", "We reject his message."]),
        ]
    )
    statements = shared_statements(sentences)
    assert statements["statement"].nunique() == 2 and (statements["outlets"] == 2).all()
    assert left_out(statements).empty
    diffs = wording_differences(statements)
    assert ("visit", "message") in set(zip(diffs["outlet_has"], diffs["other_has"], strict=True))
    # the same two sentences with no shared quote around them are different statements
    alone = shared_statements(_sentences([("X", ["We reject his visit."]), ("Y", ["We reject his message."])]))
    assert (alone["outlets"] == 1).all()


def test_report_shows_progress_bars_on_a_terminal(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    rows = [("a1", "Alpha", "s1", ALPHA), ("b1", "Beta", "s2", BETA)]
    source = tmp_path / "articles.jsonl"
    source.write_text(
        "\n".join(pd.Series({"id": i, "outlet": o, "event_id": e, "text": t}).to_json() for i, o, e, t in rows) + "\n",
        encoding="utf-8",
    )
    code = cli.main(["report", str(source), "-o", str(tmp_path / "r"), "--group-by", "event_id", "--processes", "1"])
    err = capsys.readouterr().err
    assert code == 0
    assert "2/2" in err and "article" in err and "stories" in err


def test_parties_of_the_people_quoted_per_outlet():
    alpha = 'Sen. Ann Lee (D-Ohio) spoke. "The bridge is safe," Lee said.'
    beta = 'Republican Sen. Tom Hart spoke. "The bridge is not safe," Hart said. "Nor the road," Lee said.'
    results = [
        _result("a1", "Alpha", alpha, [_quote(alpha, '"The bridge is safe,"', "Lee", "said", "Ann Lee")]),
        _result(
            "b1",
            "Beta",
            beta,
            [
                _quote(beta, '"The bridge is not safe,"', "Hart", "said", "Tom Hart"),
                _quote(beta, '"Nor the road,"', "Lee", "said", "Ann Lee"),
            ],
        ),
    ]
    results[0].quotes[0].speaker_affiliation = "Democrats"
    results[1].quotes[0].speaker_affiliation = "Republicans"
    report = StoryReport("Bridge", Tables(results))
    mix = report.comparison.affiliation_mix
    assert mix.loc["Alpha"].to_dict() == {"Democrats": 1, "Republicans": 0}
    # Beta does not say Lee's party; Alpha does, and the run knows her as one speaker
    assert mix.loc["Beta"].to_dict() == {"Democrats": 1, "Republicans": 1}
    markdown = report.to_markdown()
    assert "- Alpha: Democrats 100% of 1 such quote." in markdown
    assert "- Beta: Democrats 50% and Republicans 50% of 2 such quotes." in markdown


def test_an_uncertain_speaker_makes_no_claim():
    alpha = '"The bridge is safe," Mayor Ann Lee said.'
    beta = 'Tom Hart spoke first. "The bridge is safe," the official said.'
    said_by_lee = _quote(alpha, '"The bridge is safe,"', "Mayor Ann Lee", "said", "Ann Lee")
    described = _quote(beta, '"The bridge is safe,"', "the official", "said", "Tom Hart")
    described.speaker_resolution = "description"  # 'the official' read as Tom Hart: under the claim confidence
    results = [_result("a1", "Alpha", alpha, [said_by_lee]), _result("b1", "Beta", beta, [described])]
    report = StoryReport("Bridge", Tables(results))
    markdown = report.to_markdown()
    assert "Attributed differently" not in markdown
    assert "Tom Hart" not in report.comparison.quotes_matrix.index.get_level_values("speaker_name")
    assert list(report.comparison.uncertain_speakers["speaker_name"]) == ["Tom Hart"]
    assert "Speaker uncertain (1 quote" in markdown and "[Tom Hart?, by description]" in markdown
    assert report.comparison.overview.set_index("outlet").loc["Beta", "uncertain_speaker"] == 1
    # the same reading by name is a claim
    described.speaker_resolution = "name"
    markdown = StoryReport("Bridge", Tables(results)).to_markdown()
    assert "Attributed differently: Alpha to Ann Lee; Beta to Tom Hart." in markdown


def _versions(*rows):
    """A statements table: one shared statement, one row (outlet, speaker, kind, resolution) per outlet."""
    text = "We will not back down from this fight"
    return pd.DataFrame(
        [
            {
                "outlet": outlet,
                "article_id": f"a{i}",
                "quote_index": 0,
                "speaker_id": name.lower().replace(" ", "-") if name else None,
                "speaker_name": name,
                "speaker_kind": kind,
                "speaker_resolution": how,
                "cue": "said",
                "sentence": 0,
                "start": 0,
                "end": len(words or text),
                "text": words or text,
                "statement": 0,
                "outlets": len(rows),
            }
            for i, (outlet, name, kind, how, words) in enumerate(rows)
        ]
    )


@pytest.mark.parametrize(
    "rows, claimed",
    [
        ([("A", "Ann Lee", "person", "name", ""), ("B", "Tom Hart", "person", "name", "")], True),
        # a pronoun's reading is not enough to state that outlets disagree
        ([("A", "Ann Lee", "person", "name", ""), ("B", "Tom Hart", "person", "pronoun", "")], False),
        # a description is no identity: naming and describing is no disagreement
        ([("A", "Ann Lee", "person", "name", ""), ("B", "mayor", "unnamed", "description", "")], False),
        # the same person written two ways
        ([("A", "John Roberts", "person", "name", ""), ("B", "John G. Roberts Jr.", "person", "name", "")], False),
        ([("A", "Vincente Fox", "person", "name", ""), ("B", "Vicente Fox", "person", "name", "")], False),
        (
            [("A", "Nancy Pelosi", "person", "name", ""), ("B", "Nancy Pelosi and Chuck Schumer", "group", "name", "")],
            False,
        ),
        # a phrase this short is no statement
        (
            [
                ("A", "Ann Lee", "person", "name", "politically motivated"),
                ("B", "Tom Hart", "person", "name", "politically motivated"),
            ],
            False,
        ),
    ],
)
def test_attributed_differently_only_between_named_identities(rows, claimed):
    from quotes.compare import attributed_differently

    assert (not attributed_differently(_versions(*rows)).empty) is claimed


@pytest.fixture(scope="module")
def seeds_report(nlp) -> StoryReport:
    results = [analyse_article(a, nlp) for a in read_articles([SEEDS])]
    for result in results:
        result.profile = profile_article(result.article, result.quotes)
    return StoryReport("Seeds", Tables(results))


@pytest.fixture(scope="module")
def seeds_markdown(seeds_report) -> str:
    return seeds_report.to_markdown()


def _section(markdown: str, heading: str) -> str:
    """The text under a '## ' heading, up to the next one."""
    start = markdown.index(f"\n{heading}\n")
    end = markdown.find("\n## ", start + len(heading) + 2)
    return markdown[start : end if end >= 0 else len(markdown)]


# Every section of the seeds report and a line only its content gives: removing or emptying any fails.
SEEDS_SECTIONS = [
    (
        "## Overview",
        ["| CBS News |", "- CBS News: 7 quotes from 4 identified speakers", "- Most quotes per 1,000 words"],
    ),
    (
        "## Who said what",
        [
            "Quotes (and quoted words) per speaker and outlet:",
            "- **Mark T. Esper** (person, Secretary of Defense), 2 quotes:",
            "- Speaker uncertain (2 quotes",
        ],
    ),
    (
        "## Voices",
        ["| CNN ", "### Quoted first", "- Only CBS News quotes Mark T. Esper (person, 2 quotes) and Iran"],
    ),
    (
        "## Shared quotes",
        [
            "### “These strikes were defensive",
            "- CBS News has “[Operation Inherent Resolve]” where CNN has “OIR”.",
            "- Only in CNN (1 quote):",
            "terror groups must cease",
        ],
    ),
    ("## Other media named", ["- CNN names Fox News (reported); only CNN names Fox News."]),
    ("## Cue verbs", ["- CBS News: said ×3", "used by CNN alone"]),
    ("## Distinctive wording", ["### In quoted text", "- CNN: coalition", "### In narrative text"]),
    ("## Tone", ["- Quoted: lowest CNN", "- Narrative: lowest CNN"]),
    ("## Where quotes fall", ["of its quotes in the first half of the article; median position"]),
]
PAGE_SECTIONS = {
    "## Overview": "overview",
    "## Who said what": "who_said_what",
    "## Voices": "voices",
    "## Shared quotes": "shared_quotes",
    "## Other media named": "media",
    "## Cue verbs": "cues",
    "## Distinctive wording": "wording",
    "## Tone": "tone",
    "## Where quotes fall": "positions",
}


@pytest.mark.parametrize("heading, lines", SEEDS_SECTIONS)
def test_every_section_of_the_seeds_report_has_its_content(seeds_markdown, heading, lines):
    section = _section(seeds_markdown, heading)
    for line in lines:
        assert line in section, (heading, line)


@pytest.fixture(scope="module")
def seeds_page(seeds_report) -> str:
    return seeds_report.to_html()


@pytest.mark.parametrize("heading, lines", SEEDS_SECTIONS)
def test_every_section_of_the_seeds_page_has_its_content(seeds_page, heading, lines):
    found = re.search(rf'<section id="{PAGE_SECTIONS[heading]}">(.*?)</section>', seeds_page, re.S)
    assert found, heading
    section = html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))
    assert heading.lstrip("# ") in section
    for line in lines:
        words = re.sub(r"^(- |#+ )", "", line).replace("**", "").strip("| ")
        assert words in section, (heading, words)


def test_left_out_sentences_are_reported():
    alpha = '"The bridge is safe. We will reopen it on Monday for all traffic," Mayor Ann Lee said.'
    beta = '"The bridge is safe," Mayor Ann Lee said.'
    results = [
        _result(
            "a1", "Alpha", alpha, [_quote(alpha, alpha[: alpha.index(" Mayor")], "Mayor Ann Lee", "said", "Ann Lee")]
        ),
        _result("b1", "Beta", beta, [_quote(beta, '"The bridge is safe,"', "Mayor Ann Lee", "said", "Ann Lee")]),
    ]
    section = _section(StoryReport("Bridge", Tables(results)).to_markdown(), "## Shared quotes")
    assert (
        "- Alpha's quote of Ann Lee goes on, Beta leaves out: “We will reopen it on Monday for all traffic,”" in section
    )


def test_every_table_of_a_report_loads_in_pandas_even_when_empty(tmp_path):
    text = "The council met on Tuesday. Nothing was decided."
    StoryReport("A quiet day", Tables([_result("q1", "Alpha", text, [])])).write(tmp_path)
    for csv_file in tmp_path.glob("*.csv"):
        frame = pd.read_csv(csv_file)  # raises on a file with no header
        assert list(frame.columns) == list(pd.read_parquet(csv_file.with_suffix(".parquet")).columns), csv_file.name


def test_speaker_chart_sums_the_speakers_past_the_cap_and_labels_are_never_cut():
    from quotes import charts

    matrix = pd.DataFrame({"A": range(20, 0, -1), "B": [1] * 20}, index=[f"Speaker number {i}" for i in range(20)])
    fig = charts.quotes_per_speaker(matrix, {"A": "#111111", "B": "#222222"})
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == charts.MAX_SPEAKERS
    assert labels[0] == f"{20 - charts.MAX_SPEAKERS + 1} other speakers"  # drawn bottom-up
    counts = {t.get_text() for t in fig.axes[0].texts}
    assert str(sum(range(1, 20 - charts.MAX_SPEAKERS + 2))) in counts  # the summed row's count on its bar
    quotes = pd.DataFrame(
        {
            "outlet": ["CNN", "CNN"],
            "article_id": ["newswcl50_4-cnn", "newswcl50_4-fox"],
            "position": [0.1, 0.5],
            "type": ["direct", "mixed"],
        }
    )
    fig = charts.positions(quotes, {"CNN": "#111111"})
    labels = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert labels == ["CNN · newswcl50_4-cnn", "CNN · newswcl50_4-fox"]


def test_the_distinctive_terms_chart_is_drawn_only_when_a_term_stands_out(tmp_path):
    quiet = "The council met on Tuesday. Nothing was decided."
    results = [_result("q1", "Alpha", quiet, []), _result("q2", "Beta", quiet, [])]
    StoryReport("Quiet", Tables(results)).write(tmp_path / "quiet")
    assert not (tmp_path / "quiet" / "distinctive_terms.png").exists()
    assert "term reaches z 1.96" in (tmp_path / "quiet" / "report.md").read_text(encoding="utf-8")
    loud_a = " ".join(["The bridge closure angered drivers and the bridge stayed shut."] * 30)
    loud_b = " ".join(["The council approved the school budget after a long vote."] * 30)
    results = [_result("l1", "Alpha", loud_a, []), _result("l2", "Beta", loud_b, [])]
    StoryReport("Loud", Tables(results)).write(tmp_path / "loud")
    assert (tmp_path / "loud" / "distinctive_terms.png").exists()


def test_a_report_folder_is_replaced_whole_keeping_the_users_own_files(tmp_path):
    text = '"We will go," Ann Lee said.'
    results = [_result("a1", "Alpha", text, [_quote(text, '"We will go,"', "Ann Lee", "said", "Ann Lee")])]
    out = tmp_path / "r"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "distinctive_terms.png").write_bytes(b"stale chart of an earlier run")
    write_reports(Tables(results), out)
    assert (out / "notes.txt").read_text() == "mine" and (out / "report.html").exists()
    assert not (out / "distinctive_terms.png").exists()  # an output of ours this run does not draw
    assert [p.name for p in tmp_path.iterdir()] == ["r"]  # no temporary sibling left


def test_a_failed_report_leaves_the_previous_one_intact(tmp_path, monkeypatch):
    text = '"We will go," Ann Lee said.'
    results = [_result("a1", "Alpha", text, [_quote(text, '"We will go,"', "Ann Lee", "said", "Ann Lee")])]
    out = tmp_path / "r"
    write_reports(Tables(results), out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(self, directory):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(StoryReport, "write_charts", broken)
    with pytest.raises(OSError):
        write_reports(Tables(results), out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["r"]


def test_files_written_as_a_set_are_all_replaced_or_none(tmp_path):
    from quotes.tables import write_atomic_set

    first, second = tmp_path / "x.csv", tmp_path / "x.articles.csv"
    first.write_text("old x")
    second.write_text("old articles")

    def fail(target):
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomic_set({first: lambda t: open(t, "w").write("new x"), second: fail})
    assert first.read_text() == "old x" and second.read_text() == "old articles"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.articles.csv", "x.csv"]


def test_the_library_takes_a_path_string_as_the_cli_does():
    import quotes

    tables = quotes.extract(str(SEEDS), processes=1)  # one folder, not the letters of its name
    assert sorted(tables.articles["status"]) == ["ok", "ok"] and len(tables.quotes) >= 10


def test_a_report_of_tables_without_profiles_says_so_and_its_page_has_the_charts(two_outlets):
    results = [_result("a1", "Alpha", ALPHA, []), _result("b1", "Beta", BETA, [])]
    for result in results:
        result.profile = None  # as quotes.extract(paths) gives them, without profile=True
    markdown = StoryReport("Bridge", Tables(results)).to_markdown()
    for heading in ("## Distinctive wording", "## Tone"):
        assert "Not computed: these tables were extracted without wording profiles" in _section(markdown, heading)
    report = StoryReport("Bridge", two_outlets)
    page = report.to_html()
    assert page.count('src="data:image/png;base64,') == len(report.chart_makers()) > 0


def test_speakers_of_one_article_never_share_a_colour_past_the_palette():
    from quotes.report.html import SPEAKER_PALETTE, speaker_colours

    # 20 speakers in 5 articles of 6 (neighbouring articles share two): more than the palette holds
    rows = [{"article_id": f"a{n}", "speaker_id": f"s{(4 * n + k) % 20}"} for n in range(5) for k in range(6)]
    quotes = pd.DataFrame(rows + [{"article_id": "a0", "speaker_id": None}])
    colours = speaker_colours(quotes)
    assert len(colours) == 20 > len(SPEAKER_PALETTE)
    for _, article in quotes.dropna().groupby("article_id"):
        used = [colours[s] for s in article["speaker_id"]]
        assert len(set(used)) == len(used)
    few = speaker_colours(quotes[quotes["article_id"] == "a0"].dropna())
    assert sorted(few.values()) == sorted(SPEAKER_PALETTE[:6])  # within the palette: every one its own


def test_every_claim_carries_its_passages_in_the_claims_table_and_the_markdown(two_outlets, tmp_path):
    report = StoryReport("Bridge", two_outlets)
    claims = report.comparison.claims
    assert {"only in", "wording"} <= set(claims["claim"])
    for row in claims.itertuples():
        assert row.passage_article_ids and len(row.passage_starts) == len(row.passage_ends) == len(row.passage_words)
        for article_id, start, end, words in zip(
            row.passage_article_ids, row.passage_starts, row.passage_ends, row.passage_words, strict=True
        ):
            assert two_outlets.texts[article_id][start:end] == words  # verbatim evidence
    alone = claims[claims["claim"] == "only in"].set_index("outlet")["passage_words"].to_dict()
    assert alone == {"Alpha": ['"We thank the engineers."'], "Beta": ['"I will believe it when I see it."']}
    # report.md: each line of the shared quotes links to the same passages in the page
    report.write(tmp_path)
    shared = _section((tmp_path / "report.md").read_text(encoding="utf-8"), "## Shared quotes")
    links = re.findall(r"\(\[evidence[^\]]*\]\(report\.html#passages=([^)]+)\)\)", shared)
    passages = [json.loads(unquote(link)) for link in links]
    assert passages and all(two_outlets.texts[a][s:e] for spans in passages for a, s, e in spans)
    only_beta = next(line for line in shared.splitlines() if "I will believe it" in line)
    assert "evidence" in only_beta
    assert (
        load_table(tmp_path / "claims.parquet")["passage_words"].map(len).sum()
        == claims["passage_words"].map(len).sum()
    )
