"""The story page (report.html) in a real browser: headless Chromium driven by Playwright.

Skips when Chromium or Playwright is missing, unless QUOTES_REQUIRE_BROWSER is set (CI sets it, so
there the page is always tested).
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from quotes.extract import analyse_article
from quotes.read import read_articles
from quotes.report import StoryReport
from quotes.standoff import Article
from quotes.tables import Tables
from quotes.wording import profile_article
from tests.conftest import EVAL, SEEDS, needs_shared

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# As the machine's notes advise: no background connections (the network is closed), a fresh profile.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or CHROMIUM is None:
        if os.environ.get("QUOTES_REQUIRE_BROWSER"):
            pytest.fail("QUOTES_REQUIRE_BROWSER is set but Chromium or Playwright is missing")
        pytest.skip("needs Debian's chromium and Playwright for Python")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _report(articles: list[Article], nlp, directory) -> tuple[Tables, str]:
    results = [analyse_article(a, nlp) for a in articles]
    for result in results:
        result.profile = profile_article(result.article, result.quotes)
    tables = Tables(results)
    StoryReport("A story", tables).write(directory)
    return tables, (directory / "report.html").as_uri()


def _open(browser, url: str, width: int = 1500):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return page, errors


def _marked_text(page, article_id: str, selector: str) -> str:
    return page.evaluate(
        """([article, selector]) => Array.from(
              document.querySelector('.text[data-article="' + CSS.escape(article) + '"]').querySelectorAll(selector)
           ).map(e => e.textContent).join('')""",
        [article_id, selector],
    )


def _expected_quote_text(tables: Tables, row) -> str:
    text = tables.texts[row.article_id]
    fragments = row.fragments if isinstance(row.fragments, list) else []
    return "".join(text[a:b] for a, b in fragments) or text[row.start : row.end]


def _check_every_quote_highlighted(page, tables: Tables) -> None:
    assert len(tables.quotes)
    for row in tables.quotes.itertuples():
        key = f"{row.article_id}:{row.quote_index}"
        shown = _marked_text(page, row.article_id, f'mark.q[data-q~="{key}"]')
        assert shown == _expected_quote_text(tables, row), key
        colour = page.evaluate(
            "key => getComputedStyle(document.querySelector('mark.q[data-q~=\"' + key + '\"]')).backgroundColor", key
        )
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), key


def _check_claims_highlight_their_sentences(page, tables: Tables, selector: str) -> int:
    """Click each claim under ``selector``: its spans, and only those, are highlighted in their columns."""
    claims = page.locator(selector)
    count = claims.count()
    for number in range(count):
        claim = claims.nth(number)
        claim.click()
        spans = json.loads(claim.get_attribute("data-spans"))
        assert spans
        for article_id, start, end in spans:
            hit = page.evaluate(
                """([article, start, end]) => Array.from(
                      document.querySelectorAll('.text[data-article="' + CSS.escape(article) + '"] .hit')
                   ).filter(e => +e.dataset.s >= start && +e.dataset.e <= end).map(e => e.textContent).join('')""",
                [article_id, start, end],
            )
            assert hit == tables.texts[article_id][start:end]
        hits = page.evaluate(
            """() => Array.from(document.querySelectorAll('.hit'))
                   .map(e => [e.closest('.text').dataset.article, +e.dataset.s, +e.dataset.e])"""
        )
        # nothing outside the claim's spans is highlighted
        assert all(any(a == h[0] and s <= h[1] and h[2] <= e for a, s, e in spans) for h in hits)
    return count


def test_seeds_page_highlights_every_quote_and_links_every_claim(browser, nlp, tmp_path):
    tables, url = _report(list(read_articles([SEEDS])), nlp, tmp_path)
    page, errors = _open(browser, url)
    _check_every_quote_highlighted(page, tables)
    # the shared statement: both outlets' versions light up
    assert _check_claims_highlight_their_sentences(page, tables, "#shared_quotes h3 .claim") >= 1
    page.locator("#shared_quotes h3 .claim").first.click()
    columns = page.evaluate(
        "() => new Set(Array.from(document.querySelectorAll('.hit')).map(e => e.closest('.column'))).size"
    )
    assert columns == 2
    # every other claim of the page, and the matrix cells
    assert (
        _check_claims_highlight_their_sentences(page, tables, "#shared_quotes li .claim, #shared_quotes tr.claim") >= 2
    )
    assert _check_claims_highlight_their_sentences(page, tables, "#voices .claim") >= 1
    assert _check_claims_highlight_their_sentences(page, tables, "#media .claim") >= 1
    assert _check_claims_highlight_their_sentences(page, tables, "#who_said_what td .claim") >= 4
    assert errors == []


def test_legend_filters_and_hover_explains(browser, nlp, tmp_path):
    tables, url = _report(list(read_articles([SEEDS])), nlp, tmp_path)
    page, errors = _open(browser, url)
    esper = tables.quotes[tables.quotes["speaker_name"] == "Mark T. Esper"]["speaker_id"].iloc[0]
    page.locator(f'.legend button[data-speaker="{esper}"]').click()
    dimmed = page.evaluate(
        "() => Array.from(document.querySelectorAll('mark.q'))"
        ".map(m => [m.dataset.speaker, m.classList.contains('dim')])"
    )
    assert {speaker for speaker, dim in dimmed if not dim} == {esper}
    assert any(dim for _, dim in dimmed)
    page.locator('.legend button[data-speaker=""]').click()
    assert page.locator("mark.q.dim").count() == 0
    page.locator(f'mark.q[data-speaker="{esper}"]').first.hover()
    info = page.locator("#info").inner_text()
    assert "Mark T. Esper (person)" in info and "Cue: added" in info and "Confidence:" in info
    assert errors == []


def test_markup_in_a_quote_is_text(browser, nlp, tmp_path):
    text = (
        '"Use <b>bold</b> and <script>window.hacked = 1</script> freely," Maria Lopez said on Tuesday.\n'
        '"Nothing here runs <img src=x onerror="window.hacked = 2">," she added.\n'
    )
    tables, url = _report([Article("markup", text, outlet="Test Wire", title="<i>Title</i>")], nlp, tmp_path)
    assert len(tables.quotes) == 2
    page, errors = _open(browser, url)
    assert page.evaluate("() => window.hacked") is None
    assert page.locator(".text b, .text script, .text img, .text i").count() == 0
    shown = _marked_text(page, "markup", "mark.q")
    assert "<b>bold</b>" in shown and "<script>window.hacked = 1</script>" in shown
    assert "<i>Title</i>" in page.locator(".meta").inner_text()
    _check_every_quote_highlighted(page, tables)
    assert errors == []


def test_a_three_outlet_basil_story(browser, nlp, tmp_path):
    needs_shared("eval", "basil-articles.jsonl")
    articles = list(read_articles([EVAL / "basil-articles.jsonl"]))
    first_event = articles[0].event_id
    story = [a for a in articles if a.event_id == first_event]
    assert len({a.outlet for a in story}) == 3
    tables, url = _report(story, nlp, tmp_path)
    page, errors = _open(browser, url)
    assert page.locator(".column").count() == 3
    _check_every_quote_highlighted(page, tables)
    assert _check_claims_highlight_their_sentences(page, tables, "#who_said_what td .claim") >= 3
    _check_claims_highlight_their_sentences(page, tables, "#shared_quotes .claim")
    assert errors == []


def test_narrow_screen_stacks_the_columns(browser, nlp, tmp_path):
    _, url = _report(list(read_articles([SEEDS])), nlp, tmp_path)
    page, errors = _open(browser, url, width=420)
    boxes = [page.locator(".column").nth(i).bounding_box() for i in range(2)]
    assert boxes[1]["y"] >= boxes[0]["y"] + boxes[0]["height"]  # one below the other
    assert boxes[0]["width"] <= 420
    assert errors == []
