"""Web pages and URLs in, against a local HTTP server this test starts on 127.0.0.1: the seed articles
inside realistic page furniture give the same quotes as the .txt seeds, and every page that cannot
give an article ends as an error row with its reason."""

from __future__ import annotations

import csv
import html
import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from quotes.extract import analyse_article
from quotes.fetch import Fetcher
from quotes.read import read_articles
from quotes.standoff import Article, ArticleError
from tests.conftest import SEEDS

GERMAN = "<p>„Wir werden nicht nachgeben“, sagte die Bürgermeisterin am Montag in Berlin vor der Presse.</p>" * 3


def seed_page(text: str, meta: dict) -> str:
    """A seed article as a news site would serve it: menus, a cookie banner, related links and comments
    holding quotation marks, an image caption, and its metadata in JSON-LD and Open Graph tags."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line.strip())
    data = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": meta["title"],
            "datePublished": meta["date"],
            "author": {"@type": "Person", "name": "Staff Writer"},
        }
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(meta["title"])} - {html.escape(meta["outlet"])}</title>
<meta property="og:site_name" content="{html.escape(meta["outlet"])}">
<meta property="og:title" content="{html.escape(meta["title"])}">
<link rel="canonical" href="{html.escape(meta["url"])}">
<script type="application/ld+json">{data}</script></head>
<body><header><nav><a href="/">Home</a> | <a href="/politics">Politics</a> | <a href="/world">World</a></nav></header>
<div id="cookie-banner" class="cookie-consent">We use cookies. "Accept all," says our banner. <button>OK</button></div>
<main><article><h1>{html.escape(meta["title"])}</h1>
{paragraphs}
<figure><img src="/strike.jpg" alt="">
<figcaption>"We are ready," a soldier said in a photo caption. (Photo: AP)</figcaption></figure>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">"Stop lying," Vicente Fox tells Trump</a></li><li><a href="/b">Trump: "Fake news"</a></li></ul></aside>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>"This is all fake," wrote reader123.</p></div></section></main>
<footer><p>© 2020 {html.escape(meta["outlet"])}. All rights reserved.</p></footer></body></html>"""


def _seeds() -> list[tuple[str, str, dict]]:
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    return [(p.stem, p.read_text(encoding="utf-8"), rows[p.name]) for p in sorted(SEEDS.glob("*.txt"))]


class _Pages(BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(3)
        if path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        status, kind, body = self.routes.get(path, (404, "text/html", "<h1>Not found</h1>"))
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    routes = {
        f"/seed{i}.html": (200, "text/html; charset=utf-8", seed_page(text, meta))
        for i, (_, text, meta) in enumerate(_seeds())
    }
    routes.update(
        {
            "/500": (500, "text/html", "<h1>Server error</h1>"),
            "/pdf": (200, "application/pdf", "%PDF-1.4 not a page"),
            "/de": (
                200,
                "text/html",
                f'<html lang="de"><body><article><h1>Brücke</h1>{GERMAN}</article></body></html>',
            ),
            "/empty": (200, "text/html", "<html><body></body></html>"),
            "/slow": (200, "text/html", "<html><body><p>late</p></body></html>"),
        }
    )
    _Pages.routes = routes
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _said(article: Article, nlp) -> set[tuple]:
    result = analyse_article(article, nlp)
    return {
        (q.to_standoff(article.text)["text"], q.to_standoff(article.text)["speaker"], q.speaker_name)
        for q in result.quotes
    }


def test_pages_give_the_quotes_and_outlets_of_the_txt_seeds(server, nlp, tmp_path):
    fetcher = Fetcher(tmp_path / "cache")
    pages = list(read_articles([f"{server}/seed0.html", f"{server}/seed1.html"], fetcher=fetcher))
    seeds = list(read_articles([SEEDS]))
    assert all(isinstance(p, Article) for p in pages)
    for page, seed in zip(pages, seeds, strict=True):
        assert page.outlet == seed.outlet and page.title == seed.title and page.date == seed.date
        assert page.url == seed.url  # the canonical URL, not the test server's
        assert page.extra["language"] == "en" and page.extra["author"] == "Staff Writer"
        assert page.text.strip() == seed.text.strip()  # no menu, banner, caption, related link or comment
        assert _said(page, nlp) == _said(seed, nlp)


def test_saved_pages_are_read_like_urls(server, nlp, tmp_path):
    for stem, text, meta in _seeds():
        (tmp_path / f"{stem}.html").write_text(seed_page(text, meta), encoding="utf-8")
    pages = list(read_articles([tmp_path]))
    assert [p.outlet for p in pages] == [meta["outlet"] for _, _, meta in _seeds()]


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/404", "HTTP 404"),
        ("/500", "HTTP 500"),
        ("/slow", "timed out after 1 s"),
        ("/loop", "redirect loop"),
        ("/pdf", "not a web page (application/pdf)"),
        ("/de", "the page is in 'de', not English"),
        ("/empty", "no article text found"),
    ],
)
def test_a_page_without_an_article_is_an_error_row_with_its_reason(server, tmp_path, path, reason):
    fetcher = Fetcher(tmp_path / "cache", timeout=1, retries=1)
    (item,) = read_articles([server + path], fetcher=fetcher)
    assert isinstance(item, ArticleError) and reason in item.error, item


def test_report_from_urls_then_offline_is_the_same_byte_for_byte(server, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# the seeds, served\n{server}/seed0.html\n\n{server}/seed1.html\n", encoding="utf-8")
    cache = tmp_path / "cache"
    quotes = [sys.executable, "-m", "quotes.cli", "report", "--processes", "1", "--cache", str(cache)]
    first = subprocess.run(
        [*quotes, "--urls", str(urls), "-o", str(tmp_path / "online")], capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    second = subprocess.run(
        [*quotes, f"{server}/seed0.html", f"{server}/seed1.html", "--offline", "-o", str(tmp_path / "offline")],
        capture_output=True,
        text=True,
    )
    assert second.returncode == 0, second.stderr
    for name in ("report.md", "report.html", "quotes.jsonl", "articles.csv"):
        assert (tmp_path / "online" / name).read_bytes() == (tmp_path / "offline" / name).read_bytes(), name
    records = [json.loads(line) for line in (tmp_path / "online" / "quotes.jsonl").read_text().splitlines()]
    for record in records:  # every offset checks against the text saved beside the outputs
        saved = (tmp_path / "online" / "texts" / f"{record['id']}.txt").read_text(encoding="utf-8")
        assert saved == record["text"]
        assert all(saved[q["start"] : q["end"]] == q["text"] for q in record["quotes"])
    assert "Only CBS News quotes Mark T. Esper" in (tmp_path / "online" / "report.md").read_text(encoding="utf-8")
    uncached = subprocess.run(
        [*quotes, f"{server}/seed9.html", "--offline", "-o", str(tmp_path / "x")], capture_output=True, text=True
    )
    assert uncached.returncode == 1 and "not in the cache" in uncached.stderr and "Traceback" not in uncached.stderr
