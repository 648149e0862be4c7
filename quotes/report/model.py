"""The report as data: sections of blocks that the markdown and the HTML renderers both read.

Text is kept as written (never pre-escaped): each renderer escapes for its own format. A claim that
is drawn from the articles carries the ``Span``s of text it comes from, so that the page can show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Span:
    """A stretch ``[start, end)`` of one article's text that a claim is drawn from."""

    article_id: str
    start: int
    end: int


# --- inline text ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Emph:
    text: str


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    """A link to another report file; ``target`` is the markdown file (the HTML renderer swaps the suffix)."""

    text: str
    target: str


Inline = str | Strong | Emph | Code | Link


# --- blocks ---------------------------------------------------------------------------------------


@dataclass
class Heading:
    level: int
    text: str
    spans: tuple[Span, ...] = ()


@dataclass
class Paragraph:
    parts: list[Inline]
    spans: tuple[Span, ...] = ()


@dataclass
class Item:
    """A bullet; ``spans`` are the article text it is drawn from (empty when it is not about the text)."""

    parts: list[Inline]
    children: list[Item] = field(default_factory=list)
    spans: tuple[Span, ...] = ()


@dataclass
class Bullets:
    """A list of items, optionally led by a line with no blank line between ('Differences:')."""

    items: list[Item]
    intro: list[Inline] | None = None


@dataclass
class Table:
    """A table; ``cell_spans`` maps (row position, column name) to the text a cell counts."""

    frame: pd.DataFrame
    cell_spans: dict[tuple[int, str], tuple[Span, ...]] = field(default_factory=dict)
    row_spans: dict[int, tuple[Span, ...]] = field(default_factory=dict)


@dataclass
class Chart:
    """A chart by its name in the report's ``chart_files`` (drawn only when it has data)."""

    name: str
    alt: str


Block = Heading | Paragraph | Bullets | Table | Chart


@dataclass
class Section:
    """One section of the report (``key`` names it for tests and page anchors)."""

    key: str
    blocks: list[Block]


def text(*parts: Inline) -> list[Inline]:
    """Inline parts as a list (a readable shorthand in the section builders)."""
    return list(parts)
