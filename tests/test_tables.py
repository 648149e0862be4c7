"""Tables built in chunks: the same frames and records as built at once, without keeping every row."""

from __future__ import annotations

import pandas as pd
import pytest

from quotes import tables
from quotes.tables import _Rows

ROWS = [
    {"text": None, "count": 1, "pieces": [[0, 1]]},
    {"text": None, "count": None, "pieces": []},
    {"text": "b", "count": 3, "pieces": [[2, 4]]},
    {"text": "c", "count": 4, "pieces": [[5, 6]], "late": "x"},
]


@pytest.mark.parametrize("chunk", [1, 2, 3, 100])
def test_rows_in_chunks_are_typed_as_rows_at_once(monkeypatch, chunk):
    monkeypatch.setattr(tables, "CHUNK_ROWS", chunk)
    columns = ["text", "count", "pieces", "late"]
    rows = _Rows(columns)
    for row in ROWS:
        rows.extend([row])
    pd.testing.assert_frame_equal(rows.frame(), pd.DataFrame(ROWS, columns=columns))


def test_standoff_records_carry_the_run_ids_in_chunks(monkeypatch, nlp):
    from quotes.extract import analyse_article
    from quotes.standoff import Article

    texts = [
        'Mark Esper arrived. "We are ready," Mr. Esper said.',
        "No one spoke here.",
        '"It was a mistake," an official said. "We will fix it," Esper added.',
    ]
    results = [analyse_article(Article(f"a{i}", t, outlet="X"), nlp) for i, t in enumerate(texts)]
    monkeypatch.setattr(tables, "CHUNK_ROWS", 1)
    small = tables.Tables(results)
    monkeypatch.setattr(tables, "CHUNK_ROWS", 20_000)
    whole = tables.Tables(results)
    records = list(small.standoff)
    assert records == list(whole.standoff)
    assert [r["id"] for r in records] == ["a0", "a1", "a2"]
    ids = [q["speaker_id"] for r in records for q in r["quotes"]]
    assert ids == list(whole.quotes["speaker_id"].astype(object).where(whole.quotes["speaker_id"].notna(), None))
    assert "mark-esper" in ids
    # a subset reads only its own records, with the same ids
    assert [r["id"] for r in small.subset(["a2"]).standoff] == ["a2"]
    assert list(small.subset(["a2"]).standoff) == records[2:]


def test_a_long_paragraph_is_read_in_pieces_and_a_piece_without_capitals_or_cues_is_skipped(nlp):
    from quotes.extract import LONG_PARAGRAPH, analyse_article, parse_article, reading_units
    from quotes.standoff import Article

    marks = '"a" ' * 5_000
    text = "The senator spoke for an hour. " + marks + 'Then Mr. Smith said "we will win."'
    assert len(text) > LONG_PARAGRAPH
    units = reading_units(text)
    assert len(units) > 1 and units[0].start == 0 and units[-1].end == len(text.rstrip())
    assert all(a.end == b.start for a, b in zip(units, units[1:], strict=False))
    parsed = [unit for unit, _ in parse_article(Article("t", text), nlp)]
    assert len(parsed) < len(units)  # the pieces of marks alone are not parsed
    quotes = analyse_article(Article("t", text), nlp).quotes
    assert any(text[q.start : q.end] == '"we will win."' and q.speaker_name == "Smith" for q in quotes)
    # an ordinary paragraph is one unit, parsed whole
    short = 'Mr. Smith said "we will win."'
    assert reading_units(short) == [parsed_unit for parsed_unit, _ in parse_article(Article("s", short), nlp)]


def test_a_long_paragraph_is_never_cut_inside_a_quotation(nlp):
    """Pieces are cut at sentence ends; a quotation that spans a cut stays whole in one piece."""
    from quotes.extract import analyse_article, reading_units
    from quotes.marks import find_quote_spans
    from quotes.standoff import Article

    said = 'Ms. Lee said: "' + "We will rebuild the bridge. " * 120 + '" '
    text = ("The council met on Monday. " * 60 + said) * 4
    quoted = [(q.start, q.end) for q in find_quote_spans(text)]
    units = reading_units(text)
    assert len(units) > 4
    assert not any(a < unit.end < b for unit in units for a, b in quoted)
    quotes = analyse_article(Article("t", text), nlp).quotes
    assert len(quotes) == 4 and all(q.speaker_name == "Lee" for q in quotes)
    assert all(text[q.start : q.end] == q.to_standoff(text)["text"] for q in quotes)


def test_a_written_partition_gives_back_the_rows_and_lines_of_its_results(tmp_path, nlp):
    """What a Dask worker writes (Parquet quotes, JSONL lines) is read back as the parent would build it."""
    from quotes.extract import ArticleResult, analyse_article
    from quotes.standoff import Article, ArticleError

    texts = ['"We are ready," Mr. Esper said on Monday.', "No one spoke here.", '"Fine," she said.']
    results = [analyse_article(Article(f"a{i}", t, outlet="X"), nlp) for i, t in enumerate(texts)]
    results.append(ArticleResult(ArticleError("bad", "bad.txt", "not UTF-8"), error="not UTF-8"))
    written = tables.write_partition(results, str(tmp_path / "parts"), 3, keep_texts=False)
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == ["quotes-000003.parquet", "standoff-000003.jsonl"]
    whole = tables.Tables(results, keep_texts=False)
    read = tables.Tables([written], keep_texts=False)
    pd.testing.assert_frame_equal(read.quotes, whole.quotes)
    pd.testing.assert_frame_equal(read.articles, whole.articles)
    assert list(read.standoff) == list(whole.standoff)
    assert not any((tmp_path / "parts").iterdir())  # each file is removed once read


def test_a_partition_this_machine_cannot_see_is_a_clear_error(tmp_path):
    written = tables.WrittenPartition([], None, str(tmp_path / "elsewhere" / "standoff-000000.jsonl"))
    with pytest.raises(tables.PartitionMissing, match="--partitions a folder that this machine and the workers"):
        list(written.read_standoff())
