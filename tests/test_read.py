"""Reading articles in every supported form, and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.read import InputError, outlet_from_text, read_articles
from quotes.standoff import Article, ArticleError
from tests.conftest import SEEDS


def test_seed_folder_reads_manifest_metadata():
    articles = list(read_articles([SEEDS]))
    assert [a.outlet for a in articles] == ["CBS News", "CNN"]
    assert all(isinstance(a, Article) and a.date == "2020-03-12" and a.extra.get("publisher") for a in articles)


def test_front_matter_header(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("---\noutlet: The Daily\ntitle: A title\n---\nBody text here.\n", encoding="utf-8")
    (article,) = read_articles([path])
    assert (article.outlet, article.title, article.text) == ("The Daily", "A title", "Body text here.\n")


def test_jsonl_rows_keep_extra_columns(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [{"id": "x1", "text": "Some text.", "outlet": "Fox News", "event_id": 7, "stance": "left"}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    (article,) = read_articles([path])
    assert (article.id, article.outlet, article.event_id, article.extra["stance"]) == ("x1", "Fox News", "7", "left")


def test_csv_rows(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('id,text,outlet\nr1,"Line one, with comma.\nLine two.",CNN\n', encoding="utf-8")
    (article,) = read_articles([path])
    assert (article.id, article.outlet, article.text) == ("r1", "CNN", "Line one, with comma.\nLine two.")


@pytest.mark.parametrize(
    "text, outlet, how",
    [
        ("According to CNN\nThe US carried out strikes.", "CNN", "credit line"),
        ("WASHINGTON (Reuters) - The Senate voted.", "Reuters", "dateline"),
        ("NEW YORK (AP) — Markets fell.", "Associated Press", "dateline"),
        ("The US carried out strikes.", "unknown", "unknown"),
        ("According to officials, the strikes worked.", "unknown", "unknown"),
    ],
)
def test_outlet_from_credit_line_or_dateline(text, outlet, how):
    assert outlet_from_text(text) == (outlet, how)


def test_bom_crlf_and_cp1252(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfHe said \xe2\x80\x9chi\xe2\x80\x9d.\r\n")
    (tmp_path / "win.txt").write_bytes("He said \u201chi\u201d and caf\u00e9.".encode("cp1252"))
    bom, win = read_articles([tmp_path])
    assert bom.text == "He said “hi”.\r\n" and not bom.warnings
    assert win.text == "He said “hi” and café." and "cp1252" in win.warnings[0]


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"   \n", "empty file"),
        ("binary.txt", b"\x00\x01\x02binary", "binary file"),
        ("undecodable.txt", b"caf\x81\x8d\x8f\x90\x9d", "undecodable"),
    ],
)
def test_bad_text_files_become_errors_not_exceptions(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("A fine article.", encoding="utf-8")
    items = list(read_articles([tmp_path]))
    errors = [i for i in items if isinstance(i, ArticleError)]
    assert len(items) == 2 and len(errors) == 1 and message in errors[0].error and name in errors[0].error


def test_malformed_jsonl_row_is_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n{not json\n{"id": "c"}\n{"id": "d", "text": "Four."}\n')
    items = list(read_articles([path]))
    assert [type(i).__name__ for i in items] == ["Article", "ArticleError", "ArticleError", "Article"]
    assert "a.jsonl:2: malformed JSON" in items[1].error and "no 'text'" in items[2].error


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: (d / "a.pdf").write_bytes(b"%PDF") and d / "a.pdf", "unknown file type"),
        (lambda d: (d / "sub").mkdir() or d / "sub", "holds no"),
    ],
)
def test_unreadable_paths_raise_input_error(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        list(read_articles([make(tmp_path)]))


@pytest.mark.parametrize(
    "given, expected",
    [
        ("2020-03-12", "2020-03-12"),
        ("2020-03-12T09:30:00Z", "2020-03-12T09:30:00Z"),
        ("March 12, 2020", "2020-03-12"),
        ("12 Mar 2020", "2020-03-12"),
        ("Thu, 12 Mar. 2020", "2020-03-12"),
        ("03/04/2020", "03/04/2020"),  # month or day first: kept as written
        ("", None),
        (None, None),
    ],
)
def test_dates_are_iso_where_they_can_be_read_without_guessing(given, expected):
    from quotes.read import iso_date

    assert iso_date(given) == expected


def test_a_line_separator_inside_jsonl_and_csv_keeps_the_row_whole(tmp_path):
    text = "First line\u2028second part, \u201cquoted,\u201d he said.\u2029End."
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "x", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (tmp_path / "b.csv").write_text(f'id,text\ny,"{text}"\nz,other\n', encoding="utf-8")
    articles = list(read_articles([tmp_path / "a.jsonl", tmp_path / "b.csv"]))
    assert [(a.id, a.text) for a in articles] == [("x", text), ("y", text), ("z", "other")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, encoding):
    text = "“We will go,” Ann Lee said.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "a.txt").write_bytes(data)
    (article,) = read_articles([tmp_path / "a.txt"])
    assert article.text == text and not article.warnings


def test_repeated_ids_are_made_unique_with_a_warning(tmp_path):
    rows = [{"id": "a", "text": "One."}, {"id": "a", "text": "Two."}, {"id": "a#2", "text": "Three."}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    articles = list(read_articles([tmp_path / "a.jsonl"]))
    assert [a.id for a in articles] == ["a", "a#2", "a#2#2"]
    assert "already used" in articles[1].warnings[-1] and not articles[0].warnings


def test_subfolders_are_read_and_a_missing_manifest_file_is_an_error_row(tmp_path):
    (tmp_path / "cnn").mkdir()
    (tmp_path / "cnn" / "one.txt").write_text("Text one.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Text two.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,outlet\none.txt,CNN\ntwo.txt,Fox News\ngone.txt,BBC\n", encoding="utf-8"
    )
    items = list(read_articles([tmp_path]))
    ok = {a.id: a.outlet for a in items if isinstance(a, Article)}
    assert ok == {"one": "CNN", "two": "Fox News"}  # the folder's manifest reaches into its subfolder
    (error,) = [a for a in items if isinstance(a, ArticleError)]
    assert error.id == "gone" and "lists gone.txt, which is not in" in error.error


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_a_row_file_is_read_a_row_at_a_time_never_whole(tmp_path, monkeypatch, suffix):
    """Memory stays flat however large the file: a UTF-8 or cp1252 row file is never read whole."""
    from quotes.read import read_rows

    path = tmp_path / f"rows{suffix}"
    if suffix == ".jsonl":
        path.write_text("".join(json.dumps({"id": f"a{i}", "text": f"Text {i}\u2028."}) + "\n" for i in range(3)))
    else:
        path.write_text("id,text\n" + "".join(f'a{i},"Text {i}\u2028."\n' for i in range(3)), encoding="utf-8")

    def whole(self):
        raise AssertionError(f"{self} read whole")

    monkeypatch.setattr(Path, "read_bytes", whole)
    monkeypatch.setattr(Path, "read_text", whole)
    articles = list(read_rows(path))
    assert [a.id for a in articles] == ["a0", "a1", "a2"] and articles[2].text == "Text 2\u2028."


def test_a_cp1252_row_file_with_a_utf8_mark_reads_as_decode_reads_it(tmp_path):
    """The mark a Windows editor puts before cp1252 text is dropped, as for a text file: no row lost."""
    from quotes.read import decode, read_rows

    data = b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": "caf\u00e9"}, ensure_ascii=False).encode("cp1252") + b"\n"
    path = tmp_path / "rows.jsonl"
    path.write_bytes(data)
    [article] = read_rows(path)
    assert isinstance(article, Article) and article.text == "caf\u00e9"
    assert "cp1252" in article.warnings[0] and decode(data, "x")[0].startswith('{"id"')
