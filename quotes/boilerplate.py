"""Page furniture left in a web page's extracted text: paragraphs that are not the article.

trafilatura keeps some of what stands around an article (reprint and print tools, copyright lines,
"Write to ... at ...@...", newsletter and subscription boxes, "Follow us on Twitter", "Related: ..."
links) and, on some pages, the headline again as the first paragraph. The web reader drops them
before the text becomes an article, so that they are neither measured as article text nor read for
quotes. The patterns are data (``rules/web/boilerplate.txt``, each with its kind); only short
paragraphs are tested, so no article paragraph of any length is lost to a pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quotes.rules_data import rules_lines

MAX_FURNITURE_WORDS = 60  # a paragraph longer than this is never tested against the patterns
MAX_HEADLINE_WORDS = 30
HEADLINE_PARAGRAPHS = 3  # the headline comes again above the text, or under its first paragraph
HEADLINE_OVERLAP = 0.75  # share of the two word sets in common that makes a paragraph the headline again
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """``rules/web/boilerplate.txt`` as (kind, whole-paragraph pattern)."""
    found = []
    for line in rules_lines("web", "boilerplate.txt"):
        kind, pattern = line.split("\t", 1)
        found.append((kind, re.compile(pattern, re.I)))
    return found


def furniture_kind(paragraph: str) -> str | None:
    """The kind of furniture a paragraph is (``rules/web/boilerplate.txt``), or None."""
    squeezed = " ".join(paragraph.split())
    if not squeezed or len(squeezed.split()) > MAX_FURNITURE_WORDS:
        return None
    return next((kind for kind, pattern in patterns() if pattern.fullmatch(squeezed)), None)


def _words(text: str) -> set[str]:
    return {w.replace("’", "'") for w in _WORD.findall(text.lower())}


def is_headline(paragraph: str, title: str | None) -> bool:
    """A short paragraph without a closing full stop whose words are mostly the title's: the headline
    printed again ("Julian Assange: Sweden drops rape investigation" under the title "Sweden drops
    Assange rape investigation")."""
    if not title or len(paragraph.split()) > MAX_HEADLINE_WORDS:
        return False
    if paragraph.strip() == title.strip():
        return True
    if paragraph.rstrip().endswith("."):
        return False
    mine, theirs = _words(paragraph), _words(title)
    return bool(mine and theirs) and len(mine & theirs) / len(mine | theirs) >= HEADLINE_OVERLAP


def without_furniture(text: str, title: str | None = None) -> str:
    """``text`` (paragraphs one per line) without its furniture paragraphs and without the title
    printed again among its first paragraphs."""
    paragraphs = text.split("\n")
    kept = [
        p
        for n, p in enumerate(paragraphs)
        if furniture_kind(p) is None and not (n < HEADLINE_PARAGRAPHS and is_headline(p, title))
    ]
    return "\n".join(kept).strip("\n")
