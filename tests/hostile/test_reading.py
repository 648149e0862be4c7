"""Files and text an attacker controls: names and text that are not valid Unicode, JSON nested without
end, folder link loops, links out of the input folder, FIFOs. Each is a warning or a skipped row."""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from quotes.read import MAX_JSON_DEPTH, count_articles, read_articles
from quotes.standoff import Article, ArticleError

from .conftest import article

TEXT = article(0)["text"]


def _by_id(items):
    return {item.id: item for item in items}


def test_a_file_name_that_is_not_utf8_is_read_with_a_warning(tmp_path, quotes_cli):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsencode(folder) + b"/bad-\xff\xfe.txt"
    with open(name, "wb") as handle:
        handle.write(TEXT.encode("utf-8"))
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    items = list(read_articles([folder]))
    assert len(items) == 2 and all(isinstance(i, Article) for i in items)
    bad = next(i for i in items if i.id != "good")
    assert "\ufffd" in bad.id and any("not valid Unicode" in w for w in bad.warnings)
    code, _, err = quotes_cli("extract", folder, "-o", tmp_path / "x.csv")
    assert code == 0 and "Traceback" not in err and "not valid Unicode" in err
    assert len(pd.read_csv(tmp_path / "x.articles.csv")) == 2


def test_a_lone_surrogate_in_jsonl_is_replaced_and_the_row_kept(tmp_path, quotes_cli):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps(article(0, title="bad \ud800 title"))  # json.dumps writes it as the escape \\ud800
        + "\n"
        + json.dumps(article(1, text='Odd \udfff. "The road opens soon," Mayor Ann Lee said.\n'))
        + "\n"
        + json.dumps(article(2))
        + "\n",
        encoding="utf-8",
    )
    items = _by_id(read_articles([source]))
    assert items["a0"].title == "bad \ufffd title" and items["a1"].text.startswith("Odd \ufffd.")
    code, _, err = quotes_cli("report", source, "-o", tmp_path / "out")
    assert code == 0 and "Traceback" not in err, err
    articles = pd.read_csv(tmp_path / "out" / "articles.csv")
    assert list(articles["status"]) == ["ok", "ok", "ok"]


def test_json_nested_without_end_is_a_skipped_row(tmp_path):
    source = tmp_path / "in.jsonl"
    deep = '{"id": "deep", "text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    just_too_deep = json.dumps({"id": "d2", "text": TEXT, "x": json.loads("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)})
    source.write_text("[" * 100_000 + "\n" + deep + "\n" + just_too_deep + "\n" + json.dumps(article(1)) + "\n")
    items = list(read_articles([source]))
    assert [type(i) for i in items] == [ArticleError, ArticleError, ArticleError, Article]
    assert all(f"nested deeper than {MAX_JSON_DEPTH}" in i.error for i in items[:3])


def test_a_folder_link_loop_is_walked_once(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for n in range(3):
        (folder / f"f{n}.txt").write_text(TEXT)
    (folder / "sub" / "g.txt").write_text(TEXT)
    (folder / "dotloop").symlink_to(".")
    (folder / "sub" / "up").symlink_to("..")
    items = list(read_articles([folder]))
    assert sorted(i.id for i in items) == ["f0", "f1", "f2", "g"]
    assert count_articles([folder]) == 4


def test_a_link_out_of_the_input_folder_is_reported_not_read(tmp_path, quotes_cli):
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text('"The password is swordfish," the admin said.\n')
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT)
    (folder / "etc").symlink_to(outside)
    (folder / "leak.txt").symlink_to(outside / "secret.txt")
    items = _by_id(read_articles([folder]))
    assert isinstance(items["good"], Article)
    assert isinstance(items["etc"], ArticleError) and "--follow-links" in items["etc"].error
    assert isinstance(items["leak"], ArticleError) and "outside the input folder" in items["leak"].error
    assert "secret" not in items
    followed = _by_id(read_articles([folder], follow_links=True))
    assert isinstance(followed["secret"], Article) and isinstance(followed["leak"], Article)
    code, _, err = quotes_cli("extract", folder, "-o", tmp_path / "x.csv")
    assert code == 0 and "skipped etc" in err and "skipped leak" in err
    assert "swordfish" not in (tmp_path / "x.csv").read_text()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_reported_as_skipped_and_never_read(tmp_path, quotes_cli):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT)
    os.mkfifo(folder / "pipe.txt")  # opening it would wait for a writer forever
    items = _by_id(read_articles([folder]))
    assert isinstance(items["pipe"], ArticleError) and "not a regular file (a FIFO)" in items["pipe"].error
    assert count_articles([folder]) == 2
    code, _, err = quotes_cli("extract", folder / "pipe.txt", folder / "good.txt", "-o", tmp_path / "x.csv")
    assert code == 0 and "skipped pipe" in err
