"""Real-page rules of the HTML reader, on invented pages: the outlet's own name, the title without the
site's suffix, an article split into several body containers read whole; and, with ../shared, the
reader against the hand-checked article bodies of the shared pages."""

from __future__ import annotations

import json

import pytest

from quotes.web import outlet_of, page_article, prepared_page, without_site
from tests.conftest import EVAL, needs_shared


@pytest.mark.parametrize(
    ("site_name", "url", "title", "outlet"),
    [
        # the outlets table names the outlet the same way on every page, whatever the page calls itself
        ("NYTimes", "https://www.nytimes.com/2019/11/19/opinion/x.html", None, "New York Times"),
        ("BarronsOnline", "https://www.barrons.com/articles/x", None, "Barron's"),
        ("Nj", "https://www.nj.com/news/x.html", "A story | NJ.com", "NJ.com"),
        # a site name made from the host is no name: the title's suffix, else the host
        (
            "Examplegazette",
            "https://examplegazette.org/x",
            "Flood closes bridge | The Example Gazette",
            "The Example Gazette",
        ),
        ("Examplegazette", "https://examplegazette.org/x", "Flood closes bridge", "examplegazette.org"),
        # the host's words spelt out by the page are its name
        ("River Times", "https://www.rivertimes.example/x", None, "River Times"),
        # a page's own name where the table does not know its host
        ("The Riverside Courier", "https://riversidecourier.net/x", None, "The Riverside Courier"),
        # a platform host carries others' articles: the page's publisher names the outlet
        ("Reuters", "https://news.yahoo.com/x.html", None, "Reuters"),
        (None, "https://news.yahoo.com/x.html", None, "Yahoo News"),
        (None, None, None, "unknown"),
    ],
)
def test_the_outlet_is_the_outlets_own_name(site_name, url, title, outlet):
    assert outlet_of(site_name, url, title)[0] == outlet


def test_the_title_loses_the_sites_suffix_only():
    assert without_site("How to plan a garden | The Garden Blog", "The Garden Blog", None) == "How to plan a garden"
    assert without_site("Opinion | A long winter", "New York Times", "NYTimes") == "Opinion | A long winter"
    # a site name of any length, itself holding the separator
    long_name = "Riverside 80/90 - Memories of the valley"
    assert without_site(f"A story - {long_name}", long_name, long_name) == "A story"


ARTICLE = [
    "The council voted on Tuesday to close the old river bridge for two years of repairs, after an "
    "inspection found cracks in three of its four main cables and rust in the deck.",
    '"We had no choice but to act before the winter storms," Mayor Ann Lee said after the vote, adding '
    "that buses would carry commuters across the new bridge downstream until the repairs are finished "
    "and the cables have been replaced.",
]


def _split_page(second: str) -> str:
    body = '<div class="grid"><div class="body article__body"><p>{}</p></div></div>'
    return (
        '<html lang="en"><head><meta charset="utf-8"><title>Bridge to close | The River Times</title>'
        '<meta property="og:site_name" content="The River Times"></head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        + body.format(ARTICLE[0])
        + '<div class="row ad"><span>Advertisement</span></div>'
        + body.format(second)
        + "<footer>Copyright The River Times</footer></body></html>"
    )


def test_an_article_split_by_an_advertisement_row_is_read_whole():
    page = _split_page(ARTICLE[1])
    assert prepared_page(page)[1]  # its bodies joined
    article = page_article(page, "bridge", "bridge.html", "https://rivertimes.example/bridge")
    assert ARTICLE[0] in article.text and "Mayor Ann Lee said" in article.text
    assert "Advertisement" not in article.text and "Copyright" not in article.text
    assert article.outlet == "The River Times" and article.title == "Bridge to close"
    # a page that repeats its article (an AMP copy) is not doubled
    assert not prepared_page(_split_page(ARTICLE[0]))[1]


def test_the_shared_pages_are_read_as_their_article_bodies():
    needs_shared("eval", "web-pages-truth.json")
    from benchmarks.web_pages import ours, prf, ratio, words

    truth = json.loads((EVAL / "web-pages-truth.json").read_text(encoding="utf-8"))
    scores = []
    for name, entry in truth.items():
        article = ours(EVAL / "web-pages" / f"{name}.html", entry.get("url"))
        found, body = words(getattr(article, "text", "")), words(entry["article_body"])
        scores.append((ratio(found, body)[0], prf(found, body)[2]))
    assert sum(r for r, _ in scores) / len(scores) >= 0.98  # measured 0.985 (bare trafilatura: 0.949)
    assert sum(f for _, f in scores) / len(scores) >= 0.975  # measured 0.981 (bare trafilatura: 0.945)
