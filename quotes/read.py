"""Reading articles: .txt files and folders (with a manifest CSV or a front-matter header),
JSONL and CSV with one article per row. A stream: nothing holds a whole corpus.

An input that cannot be read becomes an ``ArticleError`` in the stream, so a batch reports it
and goes on; no article is silently dropped.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

from dateutil import parser as dateutil_parser

from quotes.fetch import Fetcher, FetchError, Page, is_url
from quotes.safety import clean_text
from quotes.standoff import Article, ArticleError
from quotes.web import HTML_SUFFIXES, not_english, page_article

ARTICLE_FIELDS = ("outlet", "title", "date", "url", "event_id")
TEXT_SUFFIXES = {".txt", ".text", ".md"}
MANIFEST_NAME = "manifest.csv"  # in a folder of .txt files: their metadata, not articles
SOURCES_FOLDER = "sources"  # in a story folder: its primary sources (``quotes.sources``), not articles
TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# Credit lines and datelines that name the outlet: "According to CNN" as a first line,
# "WASHINGTON (Reuters) -", "(AP) —".
_CREDIT_LINE = re.compile(r"\A\s*(?:According to|Source:|Via|By)\s+([A-Z][\w.&'’ -]{1,40}?)\s*[.:]?\s*\r?\n")
_DATELINE = re.compile(
    r"\A\s*(?:[A-Z][A-Za-z.,' -]{1,60}\s)?\((AP|Reuters|AFP|UPI|CNN|Bloomberg|[A-Z]{2,10})\)\s*[—–-]"
)
_AGENCIES = {"AP": "Associated Press", "AFP": "Agence France-Presse", "UPI": "United Press International"}

MAX_JSON_DEPTH = 64  # a JSONL row nested deeper than this (lists in dicts in lists...) is a skipped row

csv.field_size_limit(sys.maxsize)


class InputError(ValueError):
    """A path that cannot be read at all (missing, unknown type); the message says what to do."""


_BOMS = (  # UTF-32 before UTF-16: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """UTF-8 (BOM removed), UTF-16 or UTF-32 with a BOM, else cp1252 with a warning; raises ``ValueError``
    for binary data."""
    body = data.removeprefix(codecs.BOM_UTF8)
    encoding, warnings = _encoding(data, lambda: [body], source)
    if encoding is not None:
        return body.decode(encoding), warnings
    bom, encoding = next((bom, encoding) for bom, encoding in _BOMS if data.startswith(bom))
    try:
        return data[len(bom) :].decode(encoding), []
    except UnicodeDecodeError as error:
        raise ValueError(f"undecodable {encoding.upper()} text ({error.reason} at byte {error.start})") from None


def _encoding(head: bytes, blocks: Callable[[], Iterable[bytes]], source: str) -> tuple[str | None, list[str]]:
    """How ``decode`` reads a text whose first bytes are ``head`` and whose bytes after any UTF-8 BOM
    ``blocks()`` gives (as often as asked: a file is read in blocks, never whole): None for UTF-16 or
    UTF-32 with a BOM, else 'utf-8', or 'cp1252' with a warning; ``ValueError`` for binary data or text
    that is neither."""
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None, []
    if b"\x00" in head[:4096]:
        raise ValueError("binary file, not text (holds NUL bytes)")
    for encoding in ("utf-8", "cp1252"):
        decoder, offset = codecs.getincrementaldecoder(encoding)(), 0
        try:
            for block in blocks():
                decoder.decode(block)
                offset += len(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            if encoding == "utf-8":
                continue
            reason = f"{error.reason} at byte {offset + error.start}"
            raise ValueError(f"undecodable text (neither UTF-8 nor cp1252: {reason})") from None
        return encoding, [] if encoding == "utf-8" else [f"{source}: not UTF-8; read as cp1252 (Windows-1252)"]
    raise AssertionError("unreachable: cp1252 either decodes or raises")


def _opened(path: Path, source: str):
    """The row file as text, read as ``decode`` would read it but in blocks, never whole, and the
    warnings of its reading: a CSV file as the csv module wants it, JSON Lines ending at "\n" alone
    (a UTF-16 or UTF-32 file is decoded whole)."""
    newline = "" if path.suffix.lower() == ".csv" else "\n"
    raw = open(path, "rb")
    try:
        head = raw.read(4096)
        skip = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0

        def blocks() -> Iterator[bytes]:
            raw.seek(skip)
            return iter(lambda: raw.read(1 << 20), b"")

        encoding, warnings = _encoding(head, blocks, source)
    except BaseException:
        raw.close()
        raise
    if encoding is None:
        raw.close()
        text, _ = decode(path.read_bytes(), source)
        return io.StringIO(text, newline=newline), warnings
    raw.seek(skip)
    return io.TextIOWrapper(raw, encoding=encoding, newline=newline), warnings


def outlet_from_text(text: str) -> tuple[str, str]:
    """The outlet a credit line or dateline names, and which of the two it was; else unknown."""
    if match := _CREDIT_LINE.match(text):
        return match.group(1).strip(), "credit line"
    if match := _DATELINE.match(text):
        agency = match.group(1)
        return _AGENCIES.get(agency, agency), "dateline"
    return "unknown", "unknown"


def make_article(
    id: str, text: str, source: str, meta: dict | None = None, warnings: list[str] | None = None
) -> Article:
    """An ``Article`` with metadata taken from ``meta``; the outlet falls back to the text's credit."""
    meta = {k: v for k, v in (meta or {}).items() if v not in (None, "")}
    outlet, outlet_from = meta.get("outlet"), "metadata"
    if not outlet:
        outlet, outlet_from = outlet_from_text(text)
    known = {"id", "text", "quotes", "annotations", *ARTICLE_FIELDS}
    return Article(
        id=str(id),
        text=text,
        outlet=str(outlet),
        title=meta.get("title"),
        date=iso_date(meta.get("date")),
        url=meta.get("url"),
        event_id=None if meta.get("event_id") is None else str(meta["event_id"]),
        source=source,
        outlet_from=outlet_from,
        extra={k: v for k, v in meta.items() if k not in known},
        warnings=list(warnings or []),
    )


_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.I)


def iso_date(value) -> str | None:
    """A date as an ISO string: ISO input as given ('2020-03-12', '2020-03-12T09:30:00Z'), a date with a
    month name ('March 12, 2020', '12 Mar 2020') as 'YYYY-MM-DD'; anything else (03/04/2020 could be
    either) as written."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
        return text
    except ValueError:
        pass
    if _MONTH_NAME.search(text):
        try:
            return dateutil_parser.parse(text).date().isoformat()
        except (ValueError, OverflowError):
            pass
    return text


def read_manifest(path: Path | str) -> dict[str, dict]:
    """A manifest CSV (columns file, outlet, publisher, title, date, url) keyed by file name."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: manifest not found; give a CSV with a 'file' column")
    text, _ = decode(path.read_bytes(), str(path))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    if not rows or "file" not in rows[0]:
        raise InputError(f"{path}: manifest has no 'file' column (expected file,outlet,publisher,title,date,url)")
    return {Path(row["file"]).name: row for row in rows}


def _front_matter(text: str) -> tuple[dict[str, str], str, int]:
    """``key: value`` lines between ``---`` fences at the top; returns (meta, body, body offset)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    meta = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[match.end() :], match.end()


def read_text_file(path: Path, manifest: dict[str, dict] | None = None) -> Article | ArticleError:
    """One .txt article; its id is the file name without suffix."""
    source = str(path)
    try:
        text, warnings = decode(path.read_bytes(), source)
    except (OSError, ValueError) as error:
        return ArticleError(path.stem, source, f"{source}: {error}")
    meta, body, _ = _front_matter(text)
    if not body.strip():
        return ArticleError(path.stem, source, f"{source}: empty file, no article text")
    meta = {**(manifest or {}).get(path.name, {}), **meta}
    return make_article(meta.pop("id", None) or path.stem, body, source, meta, warnings)


def read_rows(path: Path) -> Iterator[Article | ArticleError]:
    """Articles from a JSONL or CSV file, one per row (``id``, ``text`` and any metadata)."""
    source = str(path)
    try:
        handle, warnings = _opened(path, source)
    except (OSError, ValueError) as error:
        yield ArticleError(path.stem, source, f"{source}: {error}")
        return
    with handle:
        yield from _rows_of(path, handle, warnings)


def _rows_of(path: Path, handle, warnings: list[str]) -> Iterator[Article | ArticleError]:
    """The articles of an open row file, read a row at a time (the file is never held whole)."""
    source = str(path)
    if path.suffix.lower() == ".csv":
        # a real CSV parser: quoted fields keep their line breaks, U+2028 and all
        rows: Iterable[tuple[int, dict | str]] = enumerate(csv.DictReader(handle), start=2)
    else:
        # JSON Lines end at "\n" alone (str.splitlines would also cut at U+2028 inside a string)
        rows = ((n, line) for n, line in enumerate(handle, start=1) if line.strip())
    count = 0
    for number, row in rows:
        count += 1
        where = f"{source}:{number}"
        if isinstance(row, str):
            try:
                row = json.loads(row)
            except json.JSONDecodeError as error:
                yield ArticleError(f"{path.stem}:{number}", where, f"{where}: malformed JSON ({error.msg})")
                continue
            except RecursionError:
                row = None
            if row is None or _depth(row) > MAX_JSON_DEPTH:
                reason = f"{where}: JSON nested deeper than {MAX_JSON_DEPTH} levels; row skipped"
                yield ArticleError(f"{path.stem}:{number}", where, reason)
                continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"].strip():
            yield ArticleError(
                str((row or {}).get("id") or f"{path.stem}:{number}")
                if isinstance(row, dict)
                else f"{path.stem}:{number}",
                where,
                f"{where}: row has no 'text'",
            )
            continue
        yield make_article(row.get("id") or f"{path.stem}:{number}", row["text"], where, row, warnings)
    if count == 0:
        yield ArticleError(path.stem, source, f"{source}: empty file, no rows")


def _depth(value) -> int:
    """How deeply ``value`` nests lists and dicts (a string or number is 0), counted without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level + 1)
            if deepest > MAX_JSON_DEPTH:
                return deepest
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def read_articles(
    paths: Iterable[Path | str],
    manifest: Path | str | None = None,
    fetcher: Fetcher | None = None,
    any_language: bool = False,
    follow_links: bool = False,
) -> Iterator[Article | ArticleError]:
    """Every article under ``paths`` (files, folders read recursively, and ``http(s)://`` URLs fetched by
    ``fetcher``), in order. Raises ``InputError`` only for a path that does not exist or has a type it
    cannot read; bad content, a page that cannot be fetched or holds no article is an ``ArticleError``.
    Web pages not in English are errors unless ``any_language``. Ids are unique in the stream: a
    repeated id becomes ``id#2``, ``id#3``... with a warning. Folders are walked once per real folder;
    a link leading out of the folder given is an error row unless ``follow_links``. Text and names that
    are not valid Unicode (a lone surrogate, a file name that is not UTF-8) are kept with U+FFFD."""
    seen: dict[str, int] = {}
    for item in _read_paths(paths, manifest, fetcher, follow_links):
        item = _valid_unicode(item)
        if isinstance(item, Article) and not any_language and (refused := not_english(item)) is not None:
            item = refused
        count = seen.get(item.id, 0) + 1
        seen[item.id] = count
        if count > 1:
            new_id = f"{item.id}#{count}"
            while new_id in seen:
                count += 1
                new_id = f"{item.id}#{count}"
            seen[new_id] = 1
            note = f"{item.source}: id {item.id!r} already used by an earlier article; this one is {new_id!r}"
            if isinstance(item, Article):
                item = replace(item, id=new_id, warnings=[*item.warnings, note])
            else:
                item = replace(item, id=new_id)
        yield item


def _valid_unicode(item: Article | ArticleError) -> Article | ArticleError:
    """``item`` with every lone surrogate in its strings replaced by U+FFFD (no table or page could be
    written with one), and a warning on an article that had one."""
    found = False

    def clean(value):
        nonlocal found
        if isinstance(value, str):
            value, changed = clean_text(value)
            found = found or changed
        elif isinstance(value, dict):
            value = {clean(k): clean(v) for k, v in value.items()}
        elif isinstance(value, list):
            value = [clean(v) for v in value]
        return value

    if isinstance(item, ArticleError):
        return ArticleError(clean(item.id), clean(item.source), clean(item.error))
    fields = ("id", "text", "outlet", "title", "date", "url", "event_id", "source", "extra", "warnings")
    cleaned = replace(item, **{name: clean(getattr(item, name)) for name in fields})
    if found:
        note = f"{cleaned.source}: text or name not valid Unicode (a lone surrogate, a file name not in UTF-8)"
        note += "; kept with U+FFFD in its place"
        cleaned.warnings.append(note)
    return cleaned


def _read_paths(
    paths: Iterable[Path | str], manifest: Path | str | None, fetcher: Fetcher | None, follow_links: bool
) -> Iterator[Article | ArticleError]:
    rows = read_manifest(manifest) if manifest else None
    paths = list(paths)
    urls = [str(p) for p in paths if is_url(str(p))]
    pages = (fetcher or Fetcher()).get_all(urls) if urls else iter(())  # fetched a few at a time, in order
    for raw in paths:
        if is_url(str(raw)):
            yield _page_from(*next(pages))
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            walk = _Walk(path.resolve(), follow_links)
            found = yield from _read_folder(path, rows, manifest, walk)
            if not found:
                raise InputError(f"{path}: folder holds no .txt, .html, .jsonl or .csv articles")
        elif (problem := _not_regular(path)) is not None:
            yield ArticleError(path.stem, str(path), f"{path}: {problem}")
        else:
            yield from _read_file(path, rows)


@dataclass
class _Walk:
    """One walk of an input folder: the real folders seen (each is read once, so a link loop ends), and
    whether links leading out of ``root`` are followed."""

    root: Path
    follow_links: bool
    seen: set[tuple[int, int]] = field(default_factory=set)

    def first_visit(self, folder: Path) -> bool:
        info = folder.stat()
        key = (info.st_dev, info.st_ino)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def entries(self, folder: Path, skip: set[str]) -> tuple[list[Path], list[ArticleError], list[Path]]:
        """A folder's article files, the entries it holds that are reported instead of read (a link out of
        the input folder, a FIFO), and its subfolders but ``sources/``; each sorted by name."""
        files, refused, folders = [], [], []
        for entry in sorted(folder.iterdir()):
            article_like = entry.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES | HTML_SUFFIXES
            if entry.name.startswith(".") and entry.is_dir():
                continue  # hidden folders are left out
            if entry.is_symlink() and (problem := self._link_problem(entry)):
                if article_like or entry.is_dir():
                    refused.append(ArticleError(entry.stem, str(entry), f"{entry}: skipped: {problem}"))
            elif entry.is_dir():
                if entry.name != SOURCES_FOLDER:
                    folders.append(entry)
            elif article_like and entry.name not in skip:
                problem = _not_regular(entry)
                if problem is None:
                    files.append(entry)
                else:
                    refused.append(ArticleError(entry.stem, str(entry), f"{entry}: skipped: {problem}"))
        return files, refused, folders

    def _link_problem(self, link: Path) -> str | None:
        """Why a symbolic link is not read: it leads nowhere, or out of the input folder (unless asked)."""
        if not link.exists():
            return "a link to nothing"
        target = link.resolve()
        if not self.follow_links and target != self.root and self.root not in target.parents:
            return f"a link to {target}, outside the input folder {self.root} (--follow-links reads it)"
        return None


def _not_regular(path: Path) -> str | None:
    """Why ``path`` is not read as a file (a FIFO, a socket, a device), or None for a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return f"cannot read ({error.strerror or error})"
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device")):
        if test(mode):
            return f"not a regular file ({kind})"
    if stat.S_ISBLK(mode):
        return "not a regular file (a device)"
    return None


def _read_folder(path: Path, rows: dict[str, dict] | None, manifest: Path | str | None, walk: _Walk) -> Iterator:
    """The articles of a folder and its subfolders (sorted); each folder's own manifest.csv applies to it
    and below. A manifest row naming a file that is not there is an error row. Returns how many were read."""
    if not walk.first_visit(path):
        return 0  # a folder seen already through a link: read once
    if (path / MANIFEST_NAME).is_file():
        rows = read_manifest(path / MANIFEST_NAME)
        listed = path / MANIFEST_NAME
    else:
        listed = None
    skip = {MANIFEST_NAME, Path(manifest).name if manifest else MANIFEST_NAME}
    files, refused, folders = walk.entries(path, skip)
    count = 0
    for file in files:
        count += 1
        yield from _read_file(file, rows)
    for item in refused:
        count += 1
        yield item
    if listed is not None:
        present = {p.name for p in path.rglob("*") if p.is_file()}
        for name in rows or {}:
            if name not in present:
                count += 1
                yield ArticleError(Path(name).stem, str(listed), f"{listed}: lists {name}, which is not in {path}")
    for folder in folders:
        count += yield from _read_folder(folder, rows, manifest, walk)
    return count


def _folder_files(path: Path, skip: set[str], walk: _Walk) -> Iterator[Path | ArticleError]:
    """The article files under ``path`` as ``_read_folder`` reads them, and the entries it reports."""
    if not walk.first_visit(path):
        return
    files, refused, folders = walk.entries(path, skip)
    yield from files
    yield from refused
    for folder in folders:
        yield from _folder_files(folder, skip, walk)


def count_articles(
    paths: Iterable[Path | str], manifest: Path | str | None = None, follow_links: bool = False
) -> int | None:
    """How many articles ``read_articles`` will give, counted without decoding them (for a progress bar's
    total): one per text file, one per non-blank JSONL line or CSV row. None when a path cannot be counted."""
    skip = {MANIFEST_NAME, Path(manifest).name if manifest else MANIFEST_NAME}
    total = 0
    try:
        for raw in paths:
            if is_url(str(raw)):
                total += 1
                continue
            path = Path(raw)
            if path.is_dir():
                files = list(_folder_files(path, skip, _Walk(path.resolve(), follow_links)))
            else:
                files = [path]
            for file in files:
                if isinstance(file, ArticleError) or _not_regular(file) is not None:
                    total += 1
                    continue
                suffix = file.suffix.lower()
                if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
                    total += 1
                elif suffix in {".jsonl", ".ndjson"}:
                    with open(file, "rb") as handle:
                        total += max(1, sum(1 for line in handle if line.strip()))
                elif suffix == ".csv":
                    with open(file, encoding="utf-8", errors="replace", newline="") as handle:
                        total += max(1, sum(1 for _ in csv.reader(handle)) - 1)
    except (OSError, csv.Error):
        return None
    return total


def _read_file(path: Path, manifest: dict[str, dict] | None) -> Iterator[Article | ArticleError]:
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        yield from read_rows(path)
    elif suffix in TEXT_SUFFIXES:
        yield read_text_file(path, manifest)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path, manifest)
    else:
        raise InputError(f"{path}: unknown file type {suffix or '(none)'}; give .txt, .html, .jsonl or .csv")


def read_html_file(path: Path, manifest: dict[str, dict] | None = None) -> Article | ArticleError:
    """A saved web page: its main text and metadata (``web.page_article``); manifest columns win."""
    source = str(path)
    try:
        html, warnings = decode(path.read_bytes(), source)
    except (OSError, ValueError) as error:
        return ArticleError(path.stem, source, f"{source}: {error}")
    meta = (manifest or {}).get(path.name, {})
    article = page_article(html, meta.get("id") or path.stem, source, meta.get("url"), meta)
    if isinstance(article, Article):
        article.date = iso_date(article.date)
        article.warnings += warnings
    return article


def _page_from(url: str, page: Page | FetchError) -> Article | ArticleError:
    article_id = url_id(url)
    if isinstance(page, FetchError):
        return ArticleError(article_id, url, str(page))
    article = page_article(page.html, article_id, url, page.final_url)
    if isinstance(article, Article):
        article.date = iso_date(article.date)
        article.warnings += page.warnings
    return article


def url_id(url: str) -> str:
    """An article id from a URL: its host and path as one slug ('www.cnn.com/2020/x.html' -> 'cnn.com-2020-x')."""
    try:
        parsed = urlparse(url)
        host = (parsed.hostname or "").removeprefix("www.")
    except ValueError:  # a malformed URL ('http://[::1') still gets an id, for its error row
        return re.sub(r"[^\w.-]+", "-", url.split("://", 1)[-1]).strip("-.")[:120] or "page"
    path = re.sub(r"\.(s?html?|php|aspx?)$", "", parsed.path)
    return re.sub(r"[^\w.-]+", "-", f"{host}{path}").strip("-.")[:120] or "page"
