"""The HTML reader on real pages: is the text the article, all of it and nothing else?

    python benchmarks/web_pages.py [--pages DIR] [--truth FILE] [--show N] [--quotes]

Runs the project's reader (``quotes.read.read_html_file`` on each saved page with its URL, as
``quotes extract page.html --manifest m.csv`` reads it), bare ``trafilatura.extract`` (its defaults)
and jusText (``justext.justext`` with its English stoplist) over the pages of
``../shared/eval/web-pages/`` and compares each text with the page's hand-checked article body
(``../shared/eval/web-pages-truth.json``, ``{NAME: {url, article_body}}``):

- ``ratio``: difflib's word-sequence ratio of the extracted text to the body (1.0: the same words in
  the same order), with the words lost (in the body, not extracted) and added (extracted, not in the
  body);
- ``P``/``R``/``F1``: the article-extraction benchmark's measure (scrapinghub's
  article-extraction-benchmark): precision, recall and F1 over the multisets of 4-word shingles of
  the lower-cased words, per page, then averaged over the pages;
- with ``--quotes``, the project's quotes whose words are not in the article body (page furniture
  that spoke);
- the outlet the reader names for each page, to check by hand.

Prints a line per page (worst first, ``--show N`` of them; all by default) and the totals.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "eval" / "web-pages"
TRUTH = ROOT.parent / "shared" / "eval" / "web-pages-truth.json"
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def words(text: str) -> list[str]:
    """Lower-cased words (letters, digits, inner apostrophes)."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def ratio(found: list[str], body: list[str]) -> tuple[float, int, int]:
    """difflib's ratio of the two word sequences, and the words lost and added."""
    matcher = SequenceMatcher(None, found, body, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return matcher.ratio(), len(body) - same, len(found) - same


def shingles(tokens: list[str], n: int = 4) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))


def prf(found: list[str], body: list[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the 4-word shingles (as article-extraction-benchmark computes them:
    an empty prediction of an empty body is perfect, of a non-empty one zero)."""
    a, b = shingles(found), shingles(body)
    if not a and not b:
        return 1.0, 1.0, 1.0
    common = sum((a & b).values())
    precision = common / sum(a.values()) if a else 0.0
    recall = common / sum(b.values()) if b else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def ours(path: Path, url: str | None = None):
    """The project's article for a saved page (or its error), its URL given as a manifest gives it; the
    text is measured whatever the page's language (``--any-language``)."""
    from quotes.read import read_html_file

    return read_html_file(path, {path.name: {"url": url}} if url else None)


def bare(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def justext_text(html: str) -> str:
    """jusText's paragraphs that are not boilerplate (its English stoplist), another extractor on PyPI."""
    import justext

    paragraphs = justext.justext(html.encode("utf-8", errors="replace"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def furniture_quotes(article, body: str, nlp) -> list[str]:
    """The project's quotes whose words are not a run of the article body's words."""
    from quotes.extract import extract_article

    joined = " " + " ".join(words(body)) + " "
    found = []
    for quote in extract_article(article, nlp):
        said = " ".join(words(article.text[quote.start : quote.end]))
        if said and f" {said} " not in joined:
            found.append(article.text[quote.start : quote.end])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--truth", type=Path, default=TRUTH)
    parser.add_argument("--show", type=int, default=None, help="print the N worst pages (default: all)")
    parser.add_argument("--quotes", action="store_true", help="also extract quotes and count those from furniture")
    args = parser.parse_args()
    if not args.truth.exists():
        print(f"web_pages: {args.truth} not found (the shared eval folder)", file=sys.stderr)
        return 2
    from quotes.standoff import Article

    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    nlp = None
    if args.quotes:
        from quotes.nlp import load_model

        nlp = load_model()
    rows = []
    for name, entry in sorted(truth.items()):
        path = args.pages / f"{name}.html"
        body = words(entry["article_body"])
        article = ours(path, entry.get("url"))
        text = article.text if isinstance(article, Article) else ""
        mine = words(text)
        html = path.read_text(encoding="utf-8", errors="replace")
        theirs = words(bare(html, entry.get("url")))
        other = words(justext_text(html))
        row = {
            "page": name,
            "outlet": article.outlet if isinstance(article, Article) else f"(error: {article.error})",
            "ours": (*ratio(mine, body), *prf(mine, body)),
            "bare": (*ratio(theirs, body), *prf(theirs, body)),
            "justext": (*ratio(other, body), *prf(other, body)),
            "furniture": furniture_quotes(article, entry["article_body"], nlp) if nlp and text else [],
        }
        rows.append(row)
    rows.sort(key=lambda r: r["ours"][0])
    print("page | outlet | ratio | lost | added | P | R | F1 || bare ratio | bare F1")
    for r in rows[: args.show] if args.show else rows:
        o, b = r["ours"], r["bare"]
        print(
            f"{r['page']} | {r['outlet']} | {o[0]:.3f} | {o[1]} | {o[2]} | {o[3]:.3f} | {o[4]:.3f} | {o[5]:.3f}"
            f" || {b[0]:.3f} | {b[5]:.3f}"
        )
        for quote in r["furniture"]:
            print(f"    furniture quote: {quote[:100]!r}")
    n = len(rows)
    labels = {"ours": "quotes (project)", "bare": "bare trafilatura.extract", "justext": "jusText"}
    for side, label in labels.items():
        mean = [sum(r[side][i] for r in rows) / n for i in range(6)]
        worst = min(r[side][0] for r in rows)
        print(
            f"{label}: {n} pages, word-sequence ratio mean {mean[0]:.3f} (worst {worst:.3f}),"
            f" words lost {sum(r[side][1] for r in rows)}, added {sum(r[side][2] for r in rows)};"
            f" shingle P {mean[3]:.3f} R {mean[4]:.3f} F1 {mean[5]:.3f}"
        )
    if args.quotes:
        print(f"quotes from furniture: {sum(len(r['furniture']) for r in rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
