"""Screenshots of a story page (report.html), wide and narrow, in headless Chromium (Debian's package).

    python scripts/page_screenshots.py reports/seeds/report.html

writes page-wide.png (1600x900, after clicking the first shared statement), page-record.png (the same,
after clicking a quote set beside its primary source, when the page has one) and page-narrow.png
(420x900) beside the page. Needs Playwright for Python (a test extra) and /usr/bin/chromium.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
ARGS += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(page_path: str) -> int:
    page_file = Path(page_path).resolve()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("page_screenshots: needs Debian's chromium (apt-get install -y chromium)", file=sys.stderr)
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        wide = browser.new_page(viewport={"width": 1600, "height": 900})
        wide.goto(page_file.as_uri())
        claim = wide.locator("#shared_quotes h3 .claim")
        if claim.count():
            claim.first.scroll_into_view_if_needed()
            claim.first.click()
        wide.screenshot(path=str(page_file.with_name("page-wide.png")))
        rows = wide.locator("#against_record tr.claim")
        if rows.count():  # a quote beside its primary source: the first that is not verbatim, else the first
            changed = wide.locator("#against_record tr.claim", has_not_text="verbatim")
            row = changed.first if changed.count() else rows.first
            row.scroll_into_view_if_needed()
            row.click()
            wide.screenshot(path=str(page_file.with_name("page-record.png")))
        narrow = browser.new_page(viewport={"width": 420, "height": 900})
        narrow.goto(page_file.as_uri())
        narrow.locator(".column").first.scroll_into_view_if_needed()
        narrow.screenshot(path=str(page_file.with_name("page-narrow.png")))
        browser.close()
    print(f"page_screenshots: page-wide.png and page-narrow.png beside {page_file}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "reports/seeds/report.html"))
