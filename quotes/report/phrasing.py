"""How the report words its numbers and lists: plain helpers every section builder shares."""

from __future__ import annotations

import re

import pandas as pd

DISPLAY_CHARS = 220  # quotes longer than this are shortened with … in the report (never in the tables)


def shorten(value: str, limit: int = DISPLAY_CHARS) -> str:
    """``value`` on one line, cut at a word boundary with … when longer than ``limit`` (display only)."""
    value = re.sub(r"\s+", " ", str(value)).strip()
    if len(value) <= limit:
        return value
    return value[:limit].rsplit(" ", 1)[0] + " …"


def percent(value) -> str:
    return "" if value is None or pd.isna(value) else f"{100 * value:.0f}%"


def names(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural_form or word + 's')}"
