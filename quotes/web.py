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

from quotes.boilerplate import without_furniture
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
# trafilatura's precision mode leaves out more page furniture than its default (measured on the shared
# pages: benchmarks/web_pages.py), but on some pages it loses the article and keeps a box: when it
# keeps a short text, and less than this share of the default mode's words, the default mode's text
# is taken (a long text that precision mode cut to a third is usually furniture it rightly left out).
PRECISION_KEEPS = 1 / 3
SHORT_ARTICLE_WORDS = 150
MIN_BODY_WORDS = 30  # an article-body container with fewer words is an empty shell or a caption


@lru_cache(maxsize=1)
def outlets_by_domain() -> dict[str, tuple[str, bool]]:
    """``rules/web/outlets.tsv``: domain -> (outlet name, whether the host is a platform that carries
    other publishers' articles)."""
    pairs = (line.split("\t") for line in rules_lines("web", "outlets.tsv"))
    return {d.strip().lower(): (o.strip(), "platform" in rest) for d, o, *rest in pairs}


def domain_of(url: str | None) -> str | None:
    host = urlparse(url).hostname if url else None
    return host[4:] if host and host.startswith("www.") else host


def _known(domain: str) -> tuple[str, bool] | None:
    """The outlets table's entry for ``domain`` or its nearest parent ('edition.cnn.com' is CNN's)."""
    table = outlets_by_domain()
    parts = domain.split(".")
    for start in range(len(parts) - 1):
        if (candidate := ".".join(parts[start:])) in table:
            return table[candidate]
    return None


def outlet_of(site_name: str | None, url: str | None, title: str | None = None) -> tuple[str, str]:
    """The outlet and where it came from: the outlets table's name for the page's domain (one name on
    every page, whatever a page calls itself), except on a platform host; else the page's own name for
    its publisher (its site name, unless that is only a piece of the domain, as 'Nj' of nj.com, else
    the title's suffix: 'Headline | NJ.com'); else the domain itself, never a fragment of it."""
    domain = domain_of(url)
    known = _known(domain) if domain else None
    if known is not None and not known[1]:
        return known[0], "domain"
    named = site_name.strip() if site_name and site_name.strip() else None
    if named and domain and _is_fragment(named, domain):
        named = None
    named = named or _title_suffix(title)
    if named:
        return named, "site name"
    if known is not None:
        return known[0], "domain"
    return (domain, "domain") if domain else ("unknown", "unknown")


def _is_fragment(name: str, domain: str) -> bool:
    """'Nj' of nj.com, 'Hosted' of hosted.ap.org, 'livescience.com': a name made from the host, not the
    publisher's own (trafilatura falls back to one when a page states no site name). A name of
    several words ('River Times' of rivertimes.com) is the publisher's own spelling of it."""
    if len(name.split()) > 1:
        return False
    plain = re.sub(r"[^a-z0-9.]", "", name.lower())
    return plain == domain or plain in domain.split(".")


_SEPARATOR = r"\s[|–—-]\s"  # between a title and the site's name: ' | ', ' - ', ' — '
_TITLE_SUFFIX = re.compile(_SEPARATOR + r"([^|–—]{2,40})$")


def _title_suffix(title: str | None) -> str | None:
    """The site a title ends with ('Headline | NJ.com' -> 'NJ.com'), at most five words."""
    found = _TITLE_SUFFIX.search(title or "")
    return found.group(1).strip() if found and len(found.group(1).split()) <= 5 else None


def without_site(title: str | None, outlet: str, site_name: str | None) -> str | None:
    """The title without a trailing ' | Site' naming the outlet or the page's site ('How to tackle it |
    The Beachbody Blog' -> 'How to tackle it')."""
    if not title:
        return title
    for name in {n.strip() for n in (outlet, site_name) if n and n.strip()}:
        found = re.search(_SEPARATOR + re.escape(name) + "$", title, re.I)
        if found and found.start() > 0:
            return title[: found.start()].rstrip()
    return title


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


def _class_test(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


@lru_cache(maxsize=1)
def _body_xpath() -> str:
    """``rules/web/article_bodies.txt`` as one XPath: the elements marked as an article's body."""
    tests = []
    for line in rules_lines("web", "article_bodies.txt"):
        if line.startswith("itemprop="):
            tests.append(f'@itemprop="{line.removeprefix("itemprop=")}"')
        else:
            tests.append(_class_test(line))
    return "//*[" + " or ".join(tests) + "]"


@lru_cache(maxsize=1)
def _not_article_xpath() -> str:
    """``rules/web/not_article.txt`` as one XPath: elements inside an article that are not its text."""
    return "//*[" + " or ".join(_class_test(line) for line in rules_lines("web", "not_article.txt")) + "]"


def _parsed(html: str):
    from lxml import etree
    from lxml import html as lxml_html

    try:  # bytes with the encoding said, so that no meta tag or guess re-reads them as Latin-1
        parser = lxml_html.HTMLParser(encoding="utf-8")
        return lxml_html.document_fromstring(html.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _same_site(href: str | None, domain: str | None) -> bool:
    if not href or href.startswith("#"):
        return False
    linked = domain_of(href) if "//" in href else domain
    return bool(domain and linked) and (linked == domain or linked.endswith("." + domain))


def story_lists(page, url: str | None) -> list:
    """Lists of other stories: ``<ul>``/``<ol>`` of two items or more, each item one link to the
    page's own site and nothing else ("Moon Rush: Private Lunar Lander Plans", "Here's Where ...")."""
    domain = domain_of(url)
    found = []
    for listing in page.xpath("//ul | //ol"):
        items = listing.findall("li")
        if len(items) < 2:
            continue
        if all(_one_link(item, domain) for item in items):
            found.append(listing)
    return found


def _one_link(item, domain: str | None) -> bool:
    links = item.findall(".//a")
    if len(links) != 1 or not _same_site(links[0].get("href"), domain):
        return False
    return " ".join(links[0].text_content().split()) == " ".join(item.text_content().split())


def prepared_page(html: str, url: str | None = None) -> tuple[str, bool]:
    """The page as trafilatura should read it, and whether its article bodies were joined: hover cards
    and the like (``rules/web/not_article.txt``) and lists of the site's other stories taken out, and
    a page that splits its article into several containers rebuilt as its head and one ``<article>``
    of them (``joined_bodies``)."""
    from lxml import etree

    page = _parsed(html)
    if page is None:
        return html, False
    removed = page.xpath(_not_article_xpath()) + story_lists(page, url)
    for element in removed:
        if element.getparent() is not None:
            element.drop_tree()  # its tail (the sentence's rest) stays
    joined = joined_bodies(page)
    if joined is not None:
        return joined, True
    return (etree.tostring(page, encoding="unicode", method="html") if removed else html), False


def joined_bodies(page) -> str | None:
    """The parsed page rebuilt as its head and one ``<article>`` of its article-body containers, in page
    order, when the page splits its article into several (``rules/web/article_bodies.txt``); else None."""
    from lxml import etree

    found = page.xpath(_body_xpath())
    chosen = set(found)
    tops = [e for e in found if not any(a in chosen for a in e.iterancestors())]
    texts = [(e, " ".join(e.text_content().split())) for e in tops]
    parts = [(e, t) for e, t in texts if len(t.split()) >= MIN_BODY_WORDS]
    if len(parts) < 2 or len({t for _, t in parts}) < len(parts):
        return None  # one container, or the same text twice (a page that repeats its article)
    head = page.find("head")
    inner = "".join(etree.tostring(e, encoding="unicode", method="html") for e, _ in parts)
    head_html = etree.tostring(head, encoding="unicode", method="html") if head is not None else ""
    return f"<html>{head_html}<body><article>{inner}</article></body></html>"


def _extracted(html: str, url: str | None, **mode) -> tuple[dict, str]:
    """trafilatura's metadata and main text of a page (tables kept: a page may lay its article out in
    one)."""
    import trafilatura

    found = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_images=False, include_tables=True, **mode
    )
    document = found.as_dict() if hasattr(found, "as_dict") else (found or {})
    text = (document.get("text") or "").strip()
    return document, text


def page_article(
    html: str,
    article_id: str,
    source: str,
    url: str | None = None,
    meta: dict | None = None,
) -> Article | ArticleError:
    """The article a page holds (its ``extra`` says the page's ``language``), or an ``ArticleError`` when
    the page holds no article text."""
    prepared, joined = prepared_page(html, url)
    document, text = _extracted(prepared, url, favor_precision=True)
    if joined:  # the metadata is the whole page's
        from trafilatura.metadata import extract_metadata

        document = {**document, **(extract_metadata(html, default_url=url).as_dict() or {})}
    if len(text.split()) < SHORT_ARTICLE_WORDS:
        fuller = _extracted(prepared, url)
        if len(text.split()) < PRECISION_KEEPS * len(fuller[1].split()):
            document, text = fuller  # precision mode lost the article (it kept a box, or nothing)
    title = document.get("title")
    text = without_furniture(text, title)
    if not text:
        return ArticleError(article_id, source, f"{source}: no article text found in the page")
    language = language_of(html, text)
    canonical = document.get("url") or url
    outlet, outlet_from = outlet_of(document.get("sitename"), canonical or url, title)
    title = without_site(title, outlet, document.get("sitename"))
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
