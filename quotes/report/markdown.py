"""Render the report's sections (``model``) as GitHub markdown."""

from __future__ import annotations

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
    Strong,
    Table,
)


def markdown_table(frame: pd.DataFrame) -> str:
    """``frame`` as a GitHub markdown table (pipes escaped, one line per row)."""
    cells = frame.copy()
    for column in cells.columns:
        cells[column] = [
            ""
            if value is None or (isinstance(value, float) and pd.isna(value))
            else str(value).replace("|", "\\|").replace("\n", " ")
            for value in cells[column]
        ]
    return cells.to_markdown(index=False, disable_numparse=True)


def inline(parts: list[Inline]) -> str:
    """Inline parts as markdown (text as written: the report's own wording carries no markup)."""
    out = []
    for part in parts:
        if isinstance(part, Strong):
            out.append(f"**{part.text}**")
        elif isinstance(part, Emph):
            out.append(f"*{part.text}*")
        elif isinstance(part, Code):
            out.append(f"`{part.text}`")
        elif isinstance(part, Link):
            out.append(f"[{part.text}]({part.target})")
        else:
            out.append(part)
    return "".join(out)


def _items(items: list[Item], depth: int = 0) -> list[str]:
    lines = []
    for item in items:
        lines.append("  " * depth + "- " + inline(item.parts))
        lines += _items(item.children, depth + 1)
    return lines


def block(block: Block, chart_files: dict[str, str]) -> str:
    """One block as markdown ("" for a chart that was not drawn or an empty list)."""
    if isinstance(block, Heading):
        return "#" * block.level + " " + block.text
    if isinstance(block, Paragraph):
        return inline(block.parts)
    if isinstance(block, Bullets):
        lines = _items(block.items)
        if block.intro is not None:
            lines.insert(0, inline(block.intro))
        return "\n".join(lines)
    if isinstance(block, Table):
        marked = (Strong, Emph, Code, Link)
        return markdown_table(block.frame.map(lambda v: inline([v]) if isinstance(v, marked) else v))
    if isinstance(block, Chart):
        return f"![{block.alt}]({chart_files[block.name]})" if block.name in chart_files else ""
    raise TypeError(f"not a report block: {block!r}")


def render(sections: list[Section], chart_files: dict[str, str] | None = None) -> str:
    """The whole report: blocks separated by a blank line."""
    chart_files = chart_files or {}
    texts = ["\n\n".join(t for t in (block(b, chart_files) for b in s.blocks) if t) for s in sections]
    return "\n\n".join(t.strip() for t in texts if t) + "\n"
