"""The story page (report.html) in a real browser: headless Chromium driven by Playwright.

Skips when Chromium or Playwright is missing, unless QUOTES_REQUIRE_BROWSER is set (CI sets it, so
there the page is always tested).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

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


# --- the page at any width and number of outlets -----------------------------------------------------

SPEAKERS = ["Ann Lee", "Tom Hart", "Maria Costa", "Bob Stone", "Carla Diaz", "Omar Haddad", "Lena Vogel"]
WIDTHS = (1280, 1440, 1600)


def _outlets_story(count: int) -> list[Article]:
    """``count`` invented outlets covering one invented story: two named speakers each (taken in turn
    from ``SPEAKERS``), a resident, and a surname the run cannot place (an uncertain speaker)."""
    articles = []
    for i in range(count):
        first, second = SPEAKERS[i % len(SPEAKERS)], SPEAKERS[(i + 3) % len(SPEAKERS)]
        text = (
            f'The bridge reopened on Monday after two years of repairs. "The bridge is safe and will carry all '
            f'traffic again," {first} said. "We checked every cable twice this week," {first} added.\n\n'
            f'{second}, a critic, said the repairs came late. "I will believe it when I see cars on it," '
            f'{second} said. "We will appeal the ruling," Hartley said on Tuesday.'
        )
        name = f"The Daily Courier of Town Number {i + 1}" if count > 3 else f"Outlet {chr(65 + i)}"
        articles.append(Article(f"a{i:02d}", text, outlet=name, title="Bridge reopens after repairs"))
    return articles


@pytest.fixture(scope="module", params=[3, 35], ids=["3 outlets", "35 outlets"])
def outlets_page(request, nlp, tmp_path_factory):
    directory = tmp_path_factory.mktemp(f"outlets{request.param}")
    tables, url = _report(_outlets_story(request.param), nlp, directory)
    return request.param, tables, url


def _screenshots() -> Path:
    """Where the page tests leave their screenshots: $QUOTES_SCREENSHOTS, else a temporary folder."""
    folder = Path(os.environ.get("QUOTES_SCREENSHOTS") or tempfile.gettempdir()) / "quotes-page-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_reads_right_at_every_width_and_outlet_count(browser, outlets_page, width):
    outlets, tables, url = outlets_page
    page, errors = _open(browser, url, width=width)
    shot = _screenshots() / f"page-{outlets}-outlets-{width}px.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    layout = page.evaluate(
        """() => {
          const findings = document.querySelector('.findings');
          const right = findings.getBoundingClientRect().right;
          return {
            page: [document.documentElement.scrollWidth, window.innerWidth],
            findings: [findings.scrollWidth, findings.clientWidth],
            images: Array.from(findings.querySelectorAll('figure img'))
              .map(i => i.getBoundingClientRect().right - right),
            tables: Array.from(findings.querySelectorAll('.table')).map(t => t.getBoundingClientRect().right - right),
          };
        }"""
    )
    assert layout["page"][0] <= layout["page"][1], layout  # no sideways scroll of the page
    assert layout["findings"][0] <= layout["findings"][1] + 1, layout  # nothing sticks out of the findings
    assert layout["images"] and all(overflow <= 1 for overflow in layout["images"]), layout
    assert all(overflow <= 1 for overflow in layout["tables"]), layout  # wide tables scroll in their own box
    # the legend lists the speakers the matrix counts, and no uncertain one
    legend = page.evaluate(
        """() => Array.from(document.querySelectorAll('.legend button[data-speaker]'))
              .map(b => b.dataset.speaker).filter(s => s)"""
    )
    matrix_rows = page.locator("#who_said_what table tbody tr").count()
    assert len(legend) == matrix_rows
    shown = page.evaluate(
        """() => Array.from(document.querySelectorAll('.legend button[data-speaker]'))
              .map(b => b.style.getPropertyValue('--c'))"""
    )
    assert len(set(shown[1:])) == len(legend)  # the palette holds them all: no colour twice in the legend
    assert page.locator(".legend .key.uncertain").count() == 1
    hatched = page.evaluate(
        "() => Array.from(document.querySelectorAll('mark.q.uncertain')).map(m => [m.dataset.q, m.dataset.speaker])"
    )
    assert len({q for q, _ in hatched}) == outlets and not any(s for _, s in hatched)  # Hartley, in every article
    # speakers quoted in one article never share a colour
    colours = page.evaluate(
        """() => Array.from(document.querySelectorAll('mark.q:not(.uncertain)')).map(m =>
              [m.closest('.text').dataset.article, m.dataset.speaker, m.style.getPropertyValue('--c')])"""
    )
    by_article: dict[str, dict[str, str]] = {}
    for article, speaker, colour in colours:
        by_article.setdefault(article, {})[speaker] = colour
    for article, speakers in by_article.items():
        assert len(set(speakers.values())) == len(speakers), (article, speakers)
    assert errors == []


def test_the_page_passes_an_accessibility_check(browser, outlets_page):
    from axe_playwright_python.sync_playwright import Axe

    _, _, url = outlets_page
    page, _ = _open(browser, url, width=1440)
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_an_evidence_link_of_the_markdown_opens_the_page_with_its_passages_lit(browser, nlp, tmp_path):
    import re
    from urllib.parse import unquote

    tables, url = _report(list(read_articles([SEEDS])), nlp, tmp_path)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    fragment = re.search(r"\(report\.html(#passages=[^)]+)\)", markdown).group(1)
    spans = json.loads(unquote(fragment.removeprefix("#passages=")))
    page, errors = _open(browser, url + fragment)
    hits = page.evaluate(
        """() => Array.from(document.querySelectorAll('.hit'))
              .map(e => [e.closest('.text').dataset.article, e.textContent])"""
    )
    for article_id, start, end in spans:
        lit = "".join(t for a, t in hits if a == article_id)
        assert tables.texts[article_id][start:end] in lit
    assert errors == []


def test_a_primary_source_is_a_column_and_each_quote_beside_it_lights_both(browser, nlp, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    from quotes.sources import folder_sources

    results = [analyse_article(a, nlp) for a in read_articles([SEEDS])]
    for result in results:
        result.profile = profile_article(result.article, result.quotes)
    tables = Tables(results, keep_texts=True)
    sources, _ = folder_sources([str(SEEDS)])
    StoryReport("Seeds", tables, sources=sources).write(tmp_path)
    page, errors = _open(browser, (tmp_path / "report.html").as_uri())
    texts = SimpleNamespace(texts={**tables.texts, **{f"source:{s.id}": s.text for s in sources}})
    assert _check_claims_highlight_their_sentences(page, texts, "#against_record tr.claim") >= 5
    page.locator("#against_record tr.claim", has_text="edited").first.click()
    lit = page.evaluate("() => Array.from(document.querySelectorAll('.column.source .hit')).map(e => e.textContent)")
    assert "(SMG)" not in "".join(lit) and "OIR" not in "".join(lit)  # the words CBS left out or changed stay dark
    assert page.locator(".column.source .strip").count() == 2
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
    assert errors == []
