"""Links and markup from the articles: only http(s) URLs become links, in the page and in markdown;
raw HTML, pipes and link syntax in titles, outlets, speakers and quotes are shown as text."""

from __future__ import annotations

import re

import pytest

from quotes.report.markdown import escape, markdown_table
from quotes.safety import safe_href, web_link

from .conftest import article, write_jsonl

HOSTILE_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "http://",
    "http://exa mple.com/",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_only_http_urls_are_links(url):
    assert web_link(url) is None
    assert safe_href(url) is None


@pytest.mark.parametrize("url", ["http://example.com/a", "https://example.com/a?b=1#c", " https://x.org/ "])
def test_http_urls_are_links(url):
    assert web_link(url) == url.strip()


def test_report_files_are_links():
    assert safe_href("story-1/report.html") == "story-1/report.html"


@pytest.mark.parametrize(
    "value",
    ["<script>alert(1)</script>", "[click](javascript:alert(1))", "\\<b>bold</b>", "`code`", "[x]: http://e.com"],
)
def test_escaped_text_makes_no_markup(value):
    shown = escape(value)
    assert not re.search(r"(?<!\\)<", shown)  # every '<' escaped: no tag, no autolink
    assert "](" not in shown.replace("\\](", "") and "]:" not in shown.replace("\\]:", "")
    assert not re.search(r"(?<!\\)`", shown)


def test_a_pipe_or_a_line_break_in_a_header_or_cell_keeps_the_table_whole():
    import pandas as pd

    table = markdown_table(pd.DataFrame({"Fox | News": ["a|b"], "CNN\nx": ["c\nd"]}))
    header, rule, row = table.splitlines()
    cells = [len(re.findall(r"(?<!\\)\|", line)) - 1 for line in (header, rule, row)]
    assert cells == [2, 2, 2]
    assert "Fox \\| News" in header and "a\\|b" in row


def test_hostile_metadata_makes_no_live_link_or_markup_in_the_report(tmp_path, quotes_cli):
    rows = [
        article(0, url="javascript:alert(document.cookie)", title="<script>alert(1)</script>", outlet="Fox | News"),
        article(1, url="data:text/html,<script>alert(2)</script>", title="a](javascript:alert(3)) b", outlet="CNN"),
        article(2, url="https://example.com/real", title="Plain", outlet="<img src=x onerror=alert(4)>"),
    ]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    code, _, err = quotes_cli("report", source, "-o", tmp_path / "out")
    assert code == 0, err
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert "https://example.com/real" in hrefs
    assert not [h for h in hrefs if not h.startswith(("http://", "https://", "#")) and ":" in h]
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "javascript:alert(document.cookie)" in page  # shown, as text
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(script|img)", markdown)
    assert not re.search(r"(?<!\\)\]\(javascript", markdown)
    table_lines = [line for line in markdown.splitlines() if line.startswith("|")]
    assert any("Fox \\| News" in line for line in table_lines)


def test_hostile_story_titles_keep_the_index_links(tmp_path, quotes_cli):
    rows = [article(0, event_id="s1", title="x](javascript:alert(1)) [y"), article(1, event_id="s2", title="<b>t</b>")]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    code, _, err = quotes_cli("report", source, "-o", tmp_path / "out", "--group-by", "event_id")
    assert code == 0, err
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "(s1/report.md)" in index and "(s2/report.md)" in index
    assert not re.search(r"(?<!\\)\]\(javascript", index) and not re.search(r"(?<!\\)<b>", index)
    assert "[x\\](javascript:alert(1)) \\[y](s1/report.md)" in index
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="s1/report.html"' in page and "<b>t</b>" not in page
