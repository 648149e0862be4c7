"""Guards against hostile input: the names of files made from data, links, spreadsheet cells, text.

Articles, pages and link lists come from people the user does not control. What they hold must
never pick where the tool writes (``FileNamer``, ``inside``), become a live script link
(``web_link``, ``safe_href``), run as a spreadsheet formula (``neutralise_cell``) or end a run
in a traceback (``clean_text``).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

MAX_NAME_BYTES = 80  # a file or folder name made from data, before its suffix (UTF-8 bytes)
HASH_CHARS = 8  # hex digits of the value's SHA-1 added to a name that had to change
# Names a run writes itself (a story folder may not take one) and names some systems refuse.
RESERVED_NAMES = frozenset(
    {
        "index.md",
        "index.html",
        "report.md",
        "report.html",
        "quotes.jsonl",
        "schema.json",
        "texts",
        *(
            f"{table}.{suffix}"
            for table in ("stories", "articles", "quotes", "speakers")
            for suffix in ("csv", "parquet")
        ),
        "con",
        "prn",
        "aux",
        "nul",
        *(f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)),
    }
)
_UNSAFE = re.compile(r"[^\w.-]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


class UnsafePath(ValueError):
    """A path made from data that would leave the output folder."""


def _short(value: str, limit: int) -> str:
    """``value`` cut to at most ``limit`` UTF-8 bytes, on a character boundary."""
    return value.encode("utf-8")[:limit].decode("utf-8", "ignore")


def _digest(value: str, length: int) -> str:
    return hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:length]


class FileNamer:
    """Distinct file names for distinct values, inside one folder.

    A value that is already a plain name (letters, digits, ``.``, ``-``, ``_``; not hidden, not
    reserved, short enough, not taken up to case) is its own name; any other gets its plain part
    and a short hash of the whole value (``a/b`` -> ``a-b-1c2d3e4f``), so that ``a/b``, ``a b`` and
    ``a-b`` never share a file. Never empty, ``.``, ``..`` or a name of ``reserved``.
    """

    def __init__(self, reserved: frozenset[str] | set[str] = RESERVED_NAMES, suffix: str = "") -> None:
        self.reserved = {name.lower() for name in reserved}
        self.suffix = suffix
        self.names: dict[str, str] = {}  # value -> name
        self._taken: set[str] = set()  # names in lower case: a case-insensitive file system joins 'A' and 'a'

    def __call__(self, value: object) -> str:
        value = str(value)
        if value in self.names:
            return self.names[value]
        plain = _short(_UNSAFE.sub("-", value).strip("-."), MAX_NAME_BYTES)
        name, length = plain, HASH_CHARS
        if plain != value or not self._free(plain):
            name, tries = "", 0
            while not self._free(name):
                digest = _digest(value, length) + (f"-{tries}" if length >= 40 else "")
                name = f"{_short(plain, MAX_NAME_BYTES - len(digest) - 1) or 'item'}-{digest}"
                length, tries = min(length + 4, 40), tries + 1
        self.names[value] = name
        self._taken.add((name + self.suffix).lower())
        return name

    def _free(self, name: str) -> bool:
        full = (name + self.suffix).lower()
        return (
            bool(name) and full not in self._taken and full not in self.reserved and name.lower() not in self.reserved
        )


def inside(root: Path | str, *parts: str) -> Path:
    """``root / parts...``, or ``UnsafePath`` when that resolves outside ``root`` (``..``, an absolute
    part, a symbolic link leading out)."""
    root = Path(root)
    path = root.joinpath(*parts)
    base = root.resolve()
    resolved = path.resolve()
    if resolved != base and base not in resolved.parents:
        raise UnsafePath(f"{'/'.join(parts)!r} would be written outside the output folder {root}")
    return path


# --- links ----------------------------------------------------------------------------------------

_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these from a URL ('java\tscript:' runs)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def web_link(url: object) -> str | None:
    """``url`` when it is an ``http:`` or ``https:`` URL (the only kind shown as a link), else None."""
    if not isinstance(url, str) or not url.strip():
        return None
    if _INVISIBLE.search(url.strip()):
        return None
    value = url.strip()
    return value if value.lower().startswith(("http://", "https://")) and len(value) > len("https://") else None


def safe_href(target: str) -> str | None:
    """A link target the tool made (a relative file of the report) or an http(s) URL; None for any
    other scheme (``javascript:``, ``data:``, ``file:``...)."""
    if not isinstance(target, str) or not target or _INVISIBLE.search(target):
        return None
    if _SCHEME.match(target) or target.startswith("//"):
        return web_link(target)
    return target


# --- spreadsheet cells ----------------------------------------------------------------------------

# A cell a spreadsheet reads as a formula (OWASP, "CSV injection"): it starts with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def neutralise_cell(value: str) -> str:
    """A leading ``'`` before a cell that would be a formula (``=1+1`` -> ``'=1+1``), and before one
    that looks neutralised already (``'=x`` -> ``''=x``), so that ``restore_cell`` undoes it exactly."""
    return "'" + value if value.lstrip("'").startswith(FORMULA_START) else value


def restore_cell(value: str) -> str:
    """The value ``neutralise_cell`` was given."""
    return value[1:] if _NEUTRALISED.match(value) else value


# --- text -----------------------------------------------------------------------------------------


def clean_text(value: str) -> tuple[str, bool]:
    """``value`` with each lone surrogate (from JSON ``\\ud800`` or a file name that is not UTF-8)
    replaced by U+FFFD, one character for one; and whether there were any."""
    cleaned, count = _SURROGATE.subn("\ufffd", value)
    return cleaned, bool(count)
