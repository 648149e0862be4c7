"""Quotes against a primary source: each class on invented text, and the tables built from them."""

from __future__ import annotations

import pandas as pd
import pytest

from quotes.against import coverage, fidelity, spoke_in
from quotes.fidelity import Record, align, judge, paraphrase, words
from quotes.sources import Source, distinct, folder_sources, read_source

STATEMENT = (
    "The council approved the new harbour plan on Monday after a long debate. The plan protects the old "
    "fish market (OFM) and moves the ferry terminal two miles north.\n\n"
    '"We listened to every fisher in this town," said Mayor Ana Ruiz. "Nobody will lose a berth."\n\n'
    "Construction starts in the U.S. fiscal year 2027 and costs 40 million dollars."
)
SOURCE = Record.of("council", STATEMENT)


def check(quote: str):
    return judge(quote, [(0, len(quote))], SOURCE)


def test_a_quote_word_for_word_is_verbatim_whatever_its_punctuation():
    found = check("“We listened to every fisher in this town”")
    assert found.verdict == "verbatim"
    assert found.score == 1.0
    assert STATEMENT[slice(*found.passage)] == "We listened to every fisher in this town"


def test_an_abbreviation_written_otherwise_is_verbatim_with_a_style_note():
    found = check('"Construction starts in the US fiscal year 2027"')
    assert found.verdict == "verbatim"
    assert [d.describe() for d in found.differences] == ["“US” for “U.S.” (style)"]


@pytest.mark.parametrize(
    ("quote", "said", "marked"),
    [
        ('"The plan protects the old fish market and moves the ferry terminal two miles north."', "(OFM)", False),
        ('"The plan protects the old fish market ... two miles north."', "(OFM) and moves the ferry terminal", True),
    ],
)
def test_words_left_out_of_one_sentence_are_trimmed(quote, said, marked):
    found = check(quote)
    assert found.verdict == "trimmed"
    assert [(d.kind, d.source, d.ellipsis) for d in found.differences] == [("left out", said, marked)]


def test_a_word_changed_or_a_bracketed_insertion_is_edited_and_shown():
    found = check('"The plan protects the old fish market and moves the [passenger] terminal two miles north"')
    assert found.verdict == "edited"
    assert [d.describe() for d in found.differences] == ["left out “(OFM)”", "“[passenger]” for “ferry”"]


def test_words_added_to_the_end_are_edited():
    found = check('"Nobody will lose a berth, ever, under any plan."')
    assert found.verdict == "edited"
    assert found.differences[-1].kind == "added"
    assert found.differences[-1].quote == "ever, under any plan"


@pytest.mark.parametrize(
    "quote",
    [
        '"The council approved the new harbour plan and costs 40 million dollars."',  # across sentences
        '"Nobody will lose a berth. We listened to every fisher in this town."',  # out of order
    ],
)
def test_a_quote_joined_from_distant_passages_is_spliced(quote):
    found = check(quote)
    assert found.verdict == "spliced"
    assert len(found.matched) == 2


def test_two_sentences_that_follow_each_other_are_no_splice():
    found = check('"We listened to every fisher in this town. Nobody will lose a berth."')
    assert found.verdict == "verbatim"


def test_words_the_source_never_said_are_not_found():
    found = check('"The harbour will be sold to a private investor next spring."')
    assert found.verdict == "not found"
    assert found.score < 0.5


def test_an_indirect_statement_is_a_paraphrase_with_its_nearest_sentence_and_a_score():
    text = "the council said the ferry terminal would move two miles north"
    found = paraphrase(text, [(0, len(text))], SOURCE)
    assert found.verdict == "paraphrase"
    assert 0.5 < found.score <= 1.0
    assert "ferry terminal two miles north" in STATEMENT[slice(*found.passage)]
    assert not [d for d in found.differences if d.kind != "quoted words"]


def test_an_indirect_statement_far_from_the_source_has_no_close_passage_and_its_quoted_words_are_judged():
    text = 'the mayor promised a "bigger stadium" for the team'
    found = paraphrase(text, [(0, len(text))], SOURCE)
    assert found.verdict == "no close passage"
    assert [(d.kind, d.source, d.quote) for d in found.differences] == [("quoted words", "not found", "bigger stadium")]


@pytest.mark.parametrize(
    ("quote", "verdict", "said"),
    [
        ('"[T]he plan protects the old fish market"', "verbatim", ["“[T]he” for “The” (style)"]),
        ('"[N]obody will lose a berth"', "verbatim", ["“[N]obody” for “Nobody” (style)"]),
        ('"Construction start[s] in the U.S. fiscal year"', "verbatim", ["“start[s]” for “starts” (style)"]),
    ],
)
def test_letters_an_outlet_bracketed_into_a_word_belong_to_the_word(quote, verdict, said):
    found = check(quote)
    assert (found.verdict, [d.describe() for d in found.differences]) == (verdict, said)


def test_words_in_brackets_are_never_aligned_and_an_ellipsis_is_noted():
    found = words("we [the council] listened … to every")
    assert [w.key for w in found if w.bracketed] == ["the", "council"]
    assert [w.key for w in found if w.after_ellipsis] == ["to"]


def test_alignment_finds_blocks_in_any_order():
    blocks = align("d e f a b c".split(), "a b c x d e f".split())
    assert [(b.q, b.s, b.size) for b in blocks] == [(0, 4, 3), (3, 0, 3)]


def test_only_fragments_of_the_quote_are_read():
    text = '"Nobody will lose a berth," she said, "or a job."'
    found = judge(text, [(0, 26), (37, len(text))], SOURCE)
    assert found.differences[-1].describe() == "added “or a job”"


# --- tables -----------------------------------------------------------------------------------------


class _Tables:
    """What ``against.fidelity`` reads of a run's tables: the quotes and the texts."""

    def __init__(self, rows: list[dict], texts: dict[str, str]) -> None:
        self.quotes = pd.DataFrame(rows)
        self.texts = texts


ARTICLE = (
    'Mayor Ana Ruiz said: "We listened to every fisher in this town." '
    'The sheriff said: "Crime is down." Ruiz said the terminal would move two miles north.'
)


def _quote(text: str, part: str, kind: str, speaker: str, index: int) -> dict:
    start = text.index(part)
    return {
        "article_id": "a1",
        "outlet": "The Gazette",
        "quote_index": index,
        "type": kind,
        "speaker_name": speaker,
        "speaker_id": speaker.lower().replace(" ", "-"),
        "speaker_kind": "person",
        "speaker_confidence": 0.9,
        "content": part,
        "start": start,
        "end": start + len(part),
        "fragments": [],
    }


TABLES = _Tables(
    [
        _quote(ARTICLE, "We listened to every fisher in this town.", "direct", "Ana Ruiz", 0),
        _quote(ARTICLE, "Crime is down.", "direct", "Tom Hale", 1),
        _quote(ARTICLE, "the terminal would move two miles north", "indirect", "Ana Ruiz", 2),
    ],
    {"a1": ARTICLE},
)


def test_the_fidelity_table_holds_the_quotes_of_the_sources_speaker():
    source = Source("council", STATEMENT, speakers=("Mayor Ruiz",))
    table = fidelity(TABLES, [source])
    assert list(table["quote_index"]) == [0, 2]
    assert list(table["verdict"]) == ["verbatim", "paraphrase"]
    row = table.iloc[0]
    assert STATEMENT[row.passage_start : row.passage_end] == row.passage


def test_a_source_naming_no_speaker_is_the_words_of_those_quoted_from_it():
    table = fidelity(TABLES, [Source("council", STATEMENT)])
    assert list(table["speaker_name"]) == ["Ana Ruiz", "Ana Ruiz"]
    assert len(fidelity(TABLES, [Source("council", STATEMENT)], every_quote=True)) == 3


@pytest.mark.parametrize(
    ("named", "speaker", "same"),
    [
        ("Defense Department", "U.S. Department of Defense", True),
        ("Mark T. Esper", "Mark Esper", True),
        ("Mark T. Esper", "Mark Milley", False),
        ("Mark T. Esper", None, False),
    ],
)
def test_a_source_speaker_is_matched_by_alias_and_by_another_form_of_the_name(named, speaker, same):
    assert spoke_in(Source("s", "text", speakers=(named,)), speaker) is same


def test_coverage_says_which_sentences_each_outlet_quoted():
    source = Source("council", STATEMENT, speakers=("Ana Ruiz",))
    table = coverage(fidelity(TABLES, [source]), [source], ["The Gazette", "The Herald"])
    quoted = table[table["quoted_share"] > 0]
    assert list(quoted["outlet"]) == ["The Gazette"]
    assert "We listened" in quoted["sentence"].iloc[0]
    assert table.loc[table["outlet"] == "The Gazette", "paraphrased"].sum() == 1
    assert (table.loc[table["outlet"] == "The Herald", "quoted_share"] == 0).all()


# --- reading sources ----------------------------------------------------------------------------------


def test_a_source_file_carries_its_speakers_and_date_in_front_matter(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(f"---\nspeaker: Harbour Council; Ana Ruiz\ndate: March 3, 2026\n---\n{STATEMENT}", encoding="utf-8")
    source = read_source(str(path))
    assert source.speakers == ("Harbour Council", "Ana Ruiz")
    assert source.date == "2026-03-03"
    assert source.text == STATEMENT


def test_a_story_folders_sources_are_read_as_sources_not_articles(tmp_path):
    from quotes.read import read_articles

    (tmp_path / "sources").mkdir()
    (tmp_path / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sources" / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    (tmp_path / "sources" / "manifest.csv").write_text("file,speaker,date\nstatement.txt,Ana Ruiz,2026-03-03\n")
    assert [a.id for a in read_articles([tmp_path])] == ["a1"]
    sources, problems = folder_sources([str(tmp_path)])
    assert [(s.id, s.speakers, s.date) for s in sources] == [("statement", ("Ana Ruiz",), "2026-03-03")]
    assert problems == []


def test_a_pdf_source_is_read_for_its_text(tmp_path):
    import matplotlib.pyplot as plt

    figure = plt.figure()
    figure.text(0.1, 0.5, "We listened to every fisher in this town.")
    with plt.rc_context({"pdf.fonttype": 42}):
        figure.savefig(tmp_path / "speech.pdf")
    plt.close(figure)
    (tmp_path / "manifest.csv").write_text("file,speaker\nspeech.pdf,Ana Ruiz\n", encoding="utf-8")
    source = read_source(str(tmp_path / "speech.pdf"))
    assert (source.id, source.speakers) == ("speech", ("Ana Ruiz",))
    assert check_against(source, "“We listened to every fisher in this town”") == "verbatim"


def check_against(source: Source, quote: str) -> str:
    return judge(quote, [(0, len(quote))], Record.of(source.id, source.text)).verdict


def test_the_same_source_given_twice_is_read_once_with_what_either_says_of_it():
    given = [Source("a", STATEMENT), Source("b", STATEMENT + "\n", speakers=("Ana Ruiz",)), Source("a", "other")]
    kept = distinct(given)
    assert [(s.id, s.speakers) for s in kept] == [("a", ("Ana Ruiz",)), ("a#2", ())]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("missing.txt", None, "no such source file"),
        ("folder", "dir", "is a folder"),
        ("empty.txt", b"", "empty file"),
        ("scan.pdf", b"%PDF-1.4 not really", "cannot read this PDF"),
    ],
)
def test_a_source_that_cannot_be_read_says_why(tmp_path, name, data, message):
    from quotes.read import InputError

    if data == "dir":
        (tmp_path / name).mkdir()
    elif data is not None:
        (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_source(str(tmp_path / name))


# --- transcripts -------------------------------------------------------------------------------------

TRANSCRIPT = (
    "MAYOR RUIZ: Good morning. We listened to every fisher in this town.\n"
    "Q: Is it true that nobody will lose a berth, whatever the cost?\n"
    "MAYOR RUIZ: Nobody will lose a berth. Construction starts next year.\n"
)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (TRANSCRIPT, ["MAYOR RUIZ", "Q", "MAYOR RUIZ"]),
        ("WASHINGTON: The council met on Monday. It voted for the plan.", []),  # one label is a dateline
        ("The plan: a new terminal.\nThe cost: 40 million dollars.", []),  # labels are in capitals
    ],
)
def test_a_transcripts_turns_are_its_lines_led_by_a_label_in_capitals(text, labels):
    from quotes.fidelity import transcript_turns

    assert [label for _, _, label in transcript_turns(text)] == labels


def test_a_quote_is_checked_against_the_speaker_of_its_transcript_turn():
    article = (
        'Mayor Ana Ruiz said: "We listened to every fisher in this town." '
        'She added: "Is it true that nobody will lose a berth, whatever the cost?"'
    )
    tables = _Tables(
        [
            _quote(article, "We listened to every fisher in this town.", "direct", "Ana Ruiz", 0),
            _quote(article, "Is it true that nobody will lose a berth, whatever the cost?", "direct", "Ana Ruiz", 1),
        ],
        {"a1": article},
    )
    table = fidelity(tables, [Source("briefing", TRANSCRIPT, speakers=("Ana Ruiz",))])
    assert list(table["source_speaker"]) == ["MAYOR RUIZ", "Q"]
    assert list(table["as_in_source"]) == [True, False]  # the second is a reporter's question
