"""Names made from data never choose where the tool writes: '..', '.', 'a/b', 'index.html', long or
look-alike values each get a folder or file of their own inside -o, and the index records it."""

from __future__ import annotations

import pandas as pd
import pytest

from quotes.safety import MAX_NAME_BYTES, RESERVED_NAMES, FileNamer, UnsafePath, inside

from .conftest import article, snapshot, write_jsonl


@pytest.mark.parametrize("value", ["story-1", "Iraq_strikes", "2020.03.12", "café"])
def test_a_plain_value_is_its_own_name(value):
    assert FileNamer()(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "..",
        ".",
        "",
        "/",
        "a/b",
        "../../etc",
        ".hidden",
        "index.html",
        "STORIES.CSV",
        "texts",
        "con",
        "x" * 200,
        "é" * 60,
    ],
)
def test_an_unsafe_value_gets_a_safe_name(value):
    name = FileNamer()(value)
    assert name not in ("", ".", "..") and not name.startswith(".")
    assert "/" not in name and "\\" not in name
    assert name.lower() not in RESERVED_NAMES
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES


def test_values_that_look_alike_get_distinct_names_in_any_order():
    values = ["a/b", "a-b", "a b", "a\\b", "A-B", "x" * 100 + "1", "x" * 100 + "2", "..", "."]
    for order in (values, values[::-1]):
        namer = FileNamer()
        names = [namer(v) for v in order]
        assert len({n.lower() for n in names}) == len(values)
        assert [namer(v) for v in order] == names  # the same value keeps its name


def test_a_value_equal_to_a_name_given_already_gets_another():
    namer = FileNamer()
    hashed = namer("a/b")
    assert namer(hashed) != hashed


def test_a_suffix_counts_for_reserved_names():
    assert FileNamer(suffix=".html")("index") != "index"
    assert FileNamer()("index") == "index"


def test_inside_refuses_a_path_that_leaves_the_folder(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "up").symlink_to(tmp_path)
    assert inside(tmp_path / "out", "story") == tmp_path / "out" / "story"
    for part in ("..", "../x", "/etc", "up/x"):
        with pytest.raises(UnsafePath):
            inside(tmp_path / "out", part)


STORIES = ["..", ".", "a/b", "a-b", "a b", "index.html", "stories.csv", "y" * 90 + "1", "y" * 90 + "2"]


def test_hostile_story_values_stay_inside_the_output_folder(tmp_path, quotes_cli):
    parent = tmp_path / "home"
    parent.mkdir()
    (parent / "report.md").write_text("my own report\n")
    (parent / "quotes.csv").write_text("my,own\n")
    source = write_jsonl(tmp_path / "in.jsonl", [article(n, event_id=v) for n, v in enumerate(STORIES)])
    out = parent / "out"
    before = snapshot(parent)
    code, _, err = quotes_cli("report", source, "-o", out, "--group-by", "event_id")
    assert code == 0, err
    after = snapshot(parent)
    assert {k: v for k, v in after.items() if not k.startswith("out")} == before  # nothing outside -o changed
    stories = pd.read_csv(out / "stories.csv", dtype=str, keep_default_na=False)
    assert sorted(stories["event_id"]) == sorted(STORIES)
    folders = list(stories["folder"])
    assert len(set(folders)) == len(STORIES)  # every story its own folder
    for value, folder in zip(stories["event_id"], folders, strict=True):
        assert (out / folder).parent == out and (out / folder / "report.md").is_file()
        story = pd.read_csv(out / folder / "articles.csv", dtype=str)
        assert list(story["event_id"]) == [value]  # and the folder holds that story, no other
    assert (out / "index.html").is_file() and (out / "stories.csv").is_file()
    index = (out / "index.md").read_text(encoding="utf-8")
    for folder in folders:
        assert f"]({folder}/report.md)" in index


def test_page_texts_of_look_alike_ids_do_not_share_a_file(tmp_path, quotes_cli):
    page = "<html><head><title>T{n}</title></head><body><article><p>{text}</p></article></body></html>"
    pages = tmp_path / "pages"
    pages.mkdir()
    texts = {}
    for n, name in enumerate(["a b", "a-b", "a_b"]):
        text = article(n)["text"].strip() + f" The road is number {n}, the council said on Tuesday in a long meeting."
        texts[name] = text
        (pages / f"{name}.html").write_text(page.format(n=n, text=text), encoding="utf-8")
    code, _, err = quotes_cli("report", pages, "-o", tmp_path / "out")
    assert code == 0, err
    articles = pd.read_csv(tmp_path / "out" / "articles.csv", dtype=str)
    assert articles["text_file"].nunique() == 3
    for row in articles.itertuples():
        assert (tmp_path / "out" / row.text_file).read_text(encoding="utf-8") == texts[row.article_id]
