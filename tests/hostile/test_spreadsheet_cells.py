"""Cells a spreadsheet would run as a formula are neutralised in CSV (a leading '), kept raw in Parquet
and JSONL, given back raw by load_table, and written raw with --csv-raw."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes.safety import neutralise_cell, restore_cell
from quotes.tables import load_table, write_frame

from .conftest import write_jsonl


@pytest.mark.parametrize(
    "value, written",
    [
        ('=HYPERLINK("http://e.x")', '\'=HYPERLINK("http://e.x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("'=x", "''=x"),
        ("plain", "plain"),
        ("'90s", "'90s"),
        ("a=b", "a=b"),
    ],
)
def test_a_formula_gets_a_leading_quote(value, written):
    assert neutralise_cell(value) == written
    assert restore_cell(written) == value


@given(st.text())
def test_neutralising_is_undone_exactly(value):
    shown = neutralise_cell(value)
    assert not shown.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore_cell(shown) == value


def test_tables_keep_the_raw_value_for_pandas(tmp_path):
    frame = pd.DataFrame({"quote": ["=1+1", "-x", "ok", None], "n": [-1, 2, 3, 4], "=col": ["a", "b", "c", "d"]})
    write_frame(frame, tmp_path / "t.csv")
    write_frame(frame, tmp_path / "t.parquet")
    raw = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert "'=1+1" in raw and "'-x" in raw and "'=col" in raw and ",-1," in raw  # numbers stay numbers
    for suffix in ("csv", "parquet"):
        loaded = load_table(tmp_path / f"t.{suffix}")
        assert list(loaded.columns) == ["quote", "n", "=col"]
        assert list(loaded["quote"].fillna("<NA>")) == ["=1+1", "-x", "ok", "<NA>"]
        assert list(loaded["n"]) == [-1, 2, 3, 4]


def test_csv_raw_writes_formulas_as_they_are(tmp_path):
    frame = pd.DataFrame({"quote": ["=1+1"]})
    write_frame(frame, tmp_path / "t.csv", csv_raw=True)
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()[1] == "=1+1"


ROW = {
    "id": "f1",
    "outlet": "=cmd|' /C calc'!A0",
    "title": "@SUM(1+1)",
    "text": 'The vote was close. "=1+1 is not a plan," said +Ann Lee, the mayor.\n',
}


def test_report_and_extract_tables_neutralise_and_jsonl_keeps_raw(tmp_path, quotes_cli):
    source = write_jsonl(tmp_path / "in.jsonl", [ROW])
    code, _, err = quotes_cli("report", source, "-o", tmp_path / "out")
    assert code == 0, err
    tables = sorted((tmp_path / "out").glob("*.csv"))
    assert len(tables) > 10
    for path in tables:  # every cell and header of every table
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        for value in [*frame.columns, *frame.to_numpy().ravel()]:
            assert not str(value).startswith(("=", "+", "@")), (path.name, value)
            assert not str(value).startswith("-") or str(value).lstrip("-").replace(".", "").isdigit()
    articles = load_table(tmp_path / "out" / "articles.csv")
    assert articles.loc[0, "outlet"] == ROW["outlet"] and articles.loc[0, "title"] == ROW["title"]
    assert pd.read_parquet(tmp_path / "out" / "articles.parquet").loc[0, "outlet"] == ROW["outlet"]
    code, _, err = quotes_cli("extract", source, "-o", tmp_path / "x.jsonl")
    assert code == 0, err
    assert json.loads((tmp_path / "x.jsonl").read_text(encoding="utf-8"))["outlet"] == ROW["outlet"]
    code, _, err = quotes_cli("extract", source, "-o", tmp_path / "x.csv", "--csv-raw")
    assert code == 0, err
    assert pd.read_csv(tmp_path / "x.articles.csv", dtype=str).loc[0, "outlet"] == ROW["outlet"]
