"""Web pages in: the article text and its metadata from a page (trafilatura), the rest of the page left out.

``page_article`` turns a page's HTML into an ``Article`` whose text is what trafilatura finds as the
main text (navigation, cookie banners, related links, comments and captions left out) and whose
metadata is the page's own: title, date, author, site name, canonical URL, language. The outlet is
the page's site name, else its domain through ``rules/web/outlets.tsv``, else the domain. Quotes are
found in that text, and their offsets are into it (it is saved beside the outputs).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlparse

from quotes.rules_data import rules_lines
from quotes.standoff import Article, ArticleError

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ENGLISH = "en"
_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)
_META_LANG = re.compile(
    r"<meta[^>]+(?:http-equiv=[\"']content-language[\"'][^>]+content|property=[\"']og:locale[\"'][^>]+content)=[\"']([A-Za-z]{2,3})",
    re.I,
)
# Words that make up a good share of any English text: a page that states no language is read as
# English when they do.
_ENGLISH_WORDS = frozenset(
    "the and of to a in is that for on was with he she it said as by at from his her they".split()
)
MIN_ENGLISH_SHARE = 0.12


@lru_cache(maxsize=1)
def outlets_by_domain() -> dict[str, str]:
    """``rules/web/outlets.tsv``: domain -> outlet name."""
    pairs = (line.split("\t") for line in rules_lines("web", "outlets.tsv"))
    return {domain.strip().lower(): outlet.strip() for domain, outlet, *_ in pairs}


def domain_of(url: str | None) -> str | None:
    host = urlparse(url).hostname if url else None
    return host[4:] if host and host.startswith("www.") else host


def outlet_of(site_name: str | None, url: str | None) -> tuple[str, str]:
    """The outlet and where it came from: the page's site name, else the domain's entry in the outlets
    table (a subdomain finds its parent: 'edition.cnn.com' is CNN), else the domain itself."""
    if site_name and site_name.strip():
        return site_name.strip(), "site name"
    domain = domain_of(url)
    if not domain:
        return "unknown", "unknown"
    table = outlets_by_domain()
    parts = domain.split(".")
    for start in range(len(parts) - 1):
        if (candidate := ".".join(parts[start:])) in table:
            return table[candidate], "domain"
    return domain, "domain"


def not_english(article: Article) -> ArticleError | None:
    """The error for a page that is not in English (the extractor's rules and model are English)."""
    language = article.extra.get("language")
    if language in (None, ENGLISH):
        return None
    reason = f"{article.source}: the page is in '{language}', not English (--any-language reads it anyway)"
    return ArticleError(article.id, article.source or article.id, reason)


def language_of(html: str, text: str) -> str:
    """The page's language: its ``<html lang>`` or content-language, else English when English words
    make up a good share of the text, else 'und' (undetermined)."""
    if match := _LANG.search(html[:5000]) or _META_LANG.search(html[:20000]):
        return match.group(1).lower()
    words = re.findall(r"[a-z]+", text.lower())
    if words and sum(w in _ENGLISH_WORDS for w in words) / len(words) >= MIN_ENGLISH_SHARE:
        return ENGLISH
    return "und"


def page_article(
    html: str,
    article_id: str,
    source: str,
    url: str | None = None,
    meta: dict | None = None,
) -> Article | ArticleError:
    """The article a page holds (its ``extra`` says the page's ``language``), or an ``ArticleError`` when
    the page holds no article text."""
    import trafilatura

    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_tables=False,
        favor_precision=True,
    )
    document = found.as_dict() if hasattr(found, "as_dict") else (found or {})
    text = (document.get("text") or "").strip()
    title = document.get("title")
    if title and text.split("\n", 1)[0].strip() == title.strip():
        text = text.split("\n", 1)[1].lstrip("\n") if "\n" in text else ""  # the headline is the title, not text
    if not text:
        return ArticleError(article_id, source, f"{source}: no article text found in the page")
    language = language_of(html, text)
    canonical = document.get("url") or url
    outlet, outlet_from = outlet_of(document.get("sitename"), canonical or url)
    extra = {
        "site_name": document.get("sitename"),
        "author": document.get("author"),
        "language": language,
        "extracted_chars": len(text),
        "page_chars": len(html),
    }
    return Article(
        id=article_id,
        text=text,
        outlet=(meta or {}).get("outlet") or outlet,
        title=(meta or {}).get("title") or title,
        date=(meta or {}).get("date") or document.get("date"),
        url=canonical,
        event_id=(meta or {}).get("event_id"),
        source=source,
        outlet_from="metadata" if (meta or {}).get("outlet") else outlet_from,
        extra={k: v for k, v in extra.items() if v is not None},
    )
