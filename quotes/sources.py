"""Primary sources: the statements, speeches, transcripts and filings that quotes are checked against.

A source is read as an article is (a .txt file with a front-matter header, a saved .html page through
the web reader, a URL fetched) or from a PDF's text; its ``speaker`` (several joined with ';'),
``date``, ``title``, ``url`` and ``story`` come from the front matter or from a ``manifest.csv`` beside
it. A story folder's ``sources/`` subfolder holds its sources (``read.SOURCES_FOLDER``: never read as
articles).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from quotes.fetch import Fetcher, is_url
from quotes.read import (
    MANIFEST_NAME,
    SOURCES_FOLDER,
    InputError,
    iso_date,
    make_article,
    read_articles,
    read_manifest,
)
from quotes.safety import clean_text

PDF_SUFFIX = ".pdf"


@dataclass(frozen=True)
class Source:
    """A primary source: its text and who spoke in it."""

    id: str
    text: str
    speakers: tuple[str, ...] = ()  # empty: anyone's quote may come from it
    date: str | None = None
    title: str | None = None
    url: str | None = None
    origin: str = ""  # the file or URL it was read from
    story: str | None = None  # the story (group value) it belongs to; None: every story
    folder: str | None = None  # the story folder whose sources/ it was found in: its articles' story

    def is_for(self, story: str | None, article_sources: list[str]) -> bool:
        """True when a story (its group value, and where its articles were read from) is checked against
        this source: the story it names, else the story of the folder it was found in, else any."""
        if self.story is not None:
            return self.story == story
        if self.folder is not None:
            return any(_inside(path, self.folder) for path in article_sources)
        return True


def read_source(spec: str, fetcher: Fetcher | None = None) -> Source:
    """One source from a file or URL; raises ``InputError`` with a clear message when it cannot be read."""
    if not is_url(spec):
        path = Path(spec)
        if path.is_dir():
            raise InputError(f"{spec}: is a folder; --source takes a file or URL (an input folder's sources/ is read)")
        if not path.is_file():
            raise InputError(f"{spec}: no such source file")
        if path.suffix.lower() == PDF_SUFFIX:
            return _from_article(_pdf_article(path))
    beside = None if is_url(spec) else Path(spec).parent / MANIFEST_NAME
    manifest = beside if beside is not None and beside.is_file() else None
    items = list(read_articles([spec], manifest=manifest, fetcher=fetcher, any_language=True))
    if len(items) != 1:
        raise InputError(f"{spec}: a source is one text; this holds {len(items)}")
    item = items[0]
    if not hasattr(item, "text"):
        raise InputError(f"source {item.error}")
    return _from_article(item)


def folder_sources(paths: Iterable[str]) -> tuple[list[Source], list[str]]:
    """The sources in the ``sources/`` subfolders of the folders among ``paths`` (at any depth), and a
    message for each file there that could not be read."""
    found, problems = [], []
    for folder in sources_folders(paths):
        try:
            items = list(read_articles([folder], any_language=True))
        except InputError:  # a sources/ folder with no text file in it (perhaps PDFs alone)
            items = []
        for item in items:
            if hasattr(item, "text"):
                found.append(replace(_from_article(item), folder=str(folder.parent)))
            else:
                problems.append(item.error)
        for pdf in sorted(folder.glob("*.pdf")):
            try:
                found.append(replace(_from_article(_pdf_article(pdf)), folder=str(folder.parent)))
            except InputError as error:
                problems.append(str(error))
    return found, problems


def sources_folders(paths: Iterable[str]) -> list[Path]:
    """The ``sources/`` folders under the folders among ``paths``, at any depth, hidden ones aside."""
    folders = []
    for raw in paths:
        root = Path(raw)
        if is_url(raw) or not root.is_dir():
            continue
        folders += sorted(
            p
            for p in root.rglob(SOURCES_FOLDER)
            if p.is_dir() and not any(part.startswith(".") for part in p.parts[len(root.parts) :])
        )
    return folders


def distinct(sources: Iterable[Source]) -> list[Source]:
    """Each text once (the same statement given as a file and in a folder: what one names and the other
    does not, such as its speakers, is kept), ids made unique."""
    by_text: dict[str, Source] = {}
    for source in sources:
        key = source.text.strip()
        if (seen := by_text.get(key)) is not None:
            filled = {
                f: getattr(source, f) for f in ("speakers", "date", "title", "url", "story") if not getattr(seen, f)
            }
            by_text[key] = replace(seen, **filled)
        else:
            by_text[key] = source
    ids: set[str] = set()
    kept = []
    for source in by_text.values():
        new_id, n = source.id, 1
        while new_id in ids:
            n += 1
            new_id = f"{source.id}#{n}"
        ids.add(new_id)
        kept.append(replace(source, id=new_id))
    return kept


def _inside(path: str, folder: str) -> bool:
    try:
        return Path(folder).resolve() in Path(re.sub(r":\d+$", "", path)).resolve().parents  # 'rows.jsonl:3': a row
    except (OSError, ValueError):
        return False


def _from_article(article) -> Source:
    meta = article.extra
    named = meta.get("speaker") or meta.get("speakers") or ""
    return Source(
        id=article.id,
        text=article.text,
        speakers=tuple(s.strip() for s in str(named).split(";") if s.strip()),
        date=article.date,
        title=article.title,
        url=article.url,
        origin=article.source,
        story=meta.get("story") or None,
    )


def _pdf_article(path: Path):
    """A PDF's text (pypdf) as an article; its metadata from a ``manifest.csv`` beside it."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pages = [page.extract_text() or "" for page in PdfReader(path).pages]
    except (OSError, PdfReadError, ValueError) as error:
        raise InputError(f"{path}: cannot read this PDF ({error})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise InputError(f"{path}: this PDF holds no text (a scan?); give its text as a .txt file")
    manifest = path.parent / MANIFEST_NAME
    meta = read_manifest(manifest).get(path.name, {}) if manifest.is_file() else {}
    meta = {**meta, "date": iso_date(meta.get("date"))}
    text, _ = clean_text(text)  # a lone surrogate in a PDF's text becomes U+FFFD, as in any article
    return make_article(meta.pop("id", None) or path.stem, text, str(path), meta)
