"""Render the report's sections (``model``) as GitHub markdown."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pandas as pd

from quotes.report.model import (
    Block,
    Bullets,
    Chart,
    Code,
    Emph,
    Heading,
    Inline,
    Item,
    Link,
    Paragraph,
    Section,
    Span,
    Strong,
    Table,
)
from quotes.safety import safe_href

# What would turn text into markup that does something: raw HTML or an autolink (``<``), a link or a
# link definition (``](``, ``][``, ``]:``), a code span, and a backslash that would undo the escape of
# the next one. Each is shown as itself behind a backslash; emphasis marks are left as written.
_MARKUP = re.compile(r"([\\`<]|\](?=[(\[:]))")
_LABEL_MARKUP = re.compile(r"([\\`<\[\]])")  # in a link's text every bracket, or one would end the link
_URL_SAFE = "/#:?&=%+@,;~!$*"  # kept as they are in a link target; spaces, brackets, quotes are %-encoded
# The sections whose lines compare outlets: each line links to its evidence in the page.
CLAIM_SECTIONS = ("voices", "shared_quotes")


def escape(value: object, markup: re.Pattern = _MARKUP) -> str:
    """Text as markdown that shows it as written, on one line: no HTML, link or code of its own."""
    return markup.sub(r"\\\1", re.sub(r"\s*[\r\n]+\s*", " ", str(value)))


def markdown_table(frame: pd.DataFrame, marked: tuple[type, ...] = ()) -> str:
    """``frame`` as a GitHub markdown table: every header and cell escaped (pipes too), one line per row;
    cells of the ``marked`` types (the report's own markup) are rendered by ``inline``."""

    def cell(value: object) -> str:
        if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
            return ""
        return (inline([value]) if isinstance(value, marked) else escape(value)).replace("|", "\\|")

    rows = [[cell(value) for value in row] for row in frame.itertuples(index=False, name=None)]
    cells = pd.DataFrame(rows, columns=[cell(column) for column in frame.columns])
    return cells.to_markdown(index=False, disable_numparse=True)


def inline(parts: list[Inline]) -> str:
    """Inline parts as markdown; every text escaped (``escape``), whatever the articles hold."""
    out = []
    for part in parts:
        if isinstance(part, Strong):
            out.append(f"**{escape(part.text)}**")
        elif isinstance(part, Emph):
            out.append(f"*{escape(part.text)}*")
        elif isinstance(part, Code):
            out.append(_code(part.text))
        elif isinstance(part, Link):
            out.append(_link(part))
        else:
            out.append(escape(part))
    return "".join(out)


def _code(value: str) -> str:
    """A code span that holds ``value`` as written, backticks included."""
    value = re.sub(r"[\r\n]+", " ", value)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def _link(link: Link) -> str:
    """A link to a report file (its path percent-encoded) or an http(s) URL; any other is its text alone."""
    target = safe_href(link.target)
    if target is None:
        return escape(link.text)
    return f"[{escape(link.text, _LABEL_MARKUP)}]({quote(target, safe=_URL_SAFE)})"


def evidence(spans: tuple[Span, ...], page: str | None) -> str:
    """' ([evidence](report.html#passages=...))': a link that opens the page with the passages a claim
    rests on highlighted ("" without spans or a page)."""
    if not spans or not page:
        return ""
    data = json.dumps([[s.article_id, s.start, s.end] for s in spans], separators=(",", ":"))
    label = "evidence" if len(spans) == 1 else f"evidence, {len(spans)} passages"
    return f" ([{label}]({quote(page)}#passages={quote(data, safe='')}))"


def _items(items: list[Item], depth: int = 0, page: str | None = None) -> list[str]:
    lines = []
    for item in items:
        lines.append("  " * depth + "- " + inline(item.parts) + evidence(item.spans, page))
        lines += _items(item.children, depth + 1, page)
    return lines


def block(block: Block, chart_files: dict[str, str], page: str | None = None) -> str:
    """One block as markdown ("" for a chart that was not drawn or an empty list); with ``page`` (the
    page's file name) each claim links to its passages there (``evidence``)."""
    if isinstance(block, Heading):
        return "#" * block.level + " " + escape(block.text) + evidence(block.spans, page if block.level > 2 else None)
    if isinstance(block, Paragraph):
        return inline(block.parts) + evidence(block.spans, page)
    if isinstance(block, Bullets):
        lines = _items(block.items, page=page)
        if block.intro is not None:
            lines.insert(0, inline(block.intro))
        return "\n".join(lines)
    if isinstance(block, Table):
        marked = (Strong, Emph, Code, Link)
        return markdown_table(block.frame, marked)
    if isinstance(block, Chart):
        return f"![{escape(block.alt)}]({quote(chart_files[block.name])})" if block.name in chart_files else ""
    raise TypeError(f"not a report block: {block!r}")


def render(sections: list[Section], chart_files: dict[str, str] | None = None, page: str | None = None) -> str:
    """The whole report: blocks separated by a blank line; with ``page`` (the page beside it,
    'report.html') every claim of the ``CLAIM_SECTIONS`` links to the passages it rests on."""
    chart_files = chart_files or {}
    texts = []
    for section in sections:
        linked = page if section.key in CLAIM_SECTIONS else None
        texts.append("\n\n".join(t for t in (block(b, chart_files, linked) for b in section.blocks) if t))
    return "\n\n".join(t.strip() for t in texts if t) + "\n"
