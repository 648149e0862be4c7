"""A primary source as a column of the story page: its text with what each outlet quoted marked, and a
coverage strip per outlet (the sentences it quoted, filled; those it paraphrased, hatched)."""

from __future__ import annotations

from html import escape

import pandas as pd

from quotes.against import AgainstRecord
from quotes.fidelity import FOUND_VERDICTS
from quotes.report.against import source_key, source_title
from quotes.report.html import _attr
from quotes.safety import web_link
from quotes.sources import Source


def source_columns(record: AgainstRecord, cuts: dict[str, set[int]], colours: dict[str, str]) -> list[str]:
    """One column per source (HTML)."""
    return [_column(source, record, cuts.get(source_key(source.id), set()), colours) for source in record.sources]


def _column(source: Source, record: AgainstRecord, cuts: set[int], colours: dict[str, str]) -> str:
    found = record.fidelity[record.fidelity["source_id"] == source.id]
    quoted = found[found["verdict"].isin(FOUND_VERDICTS)]
    by_outlet: dict[tuple[int, int], set[str]] = {}
    for row in quoted.itertuples():
        for a, b in zip(row.matched_starts, row.matched_ends, strict=True):
            by_outlet.setdefault((int(a), int(b)), set()).add(str(row.outlet))
    meta = " · ".join(v for v in ("; ".join(source.speakers), source.date or "") if v)
    url = web_link(source.url)
    link = f' <a href="{_attr(url)}" rel="noopener noreferrer">original</a>' if url else ""
    coverage = record.coverage[record.coverage["source_id"] == source.id]
    return (
        # focusable: a column scrolls on its own, and a keyboard must reach it (no link or quote in it may be)
        f'<article class="column source" id="{_attr(source_key(source.id))}" tabindex="0">'
        f"<h2>Source: {escape(source_title(source))}</h2>"
        f'<p class="meta">{escape(meta)}{link}</p>'
        f"{_strips(coverage, len(source.text), colours)}"
        f"{_text(source_key(source.id), source.text, by_outlet, cuts)}</article>"
    )


def _strips(coverage: pd.DataFrame, length: int, colours: dict[str, str]) -> str:
    """A bar per outlet along the source: each sentence a segment, as opaque as the share quoted."""
    rows = []
    for outlet, theirs in coverage.groupby("outlet", sort=True):
        segments = []
        for r in theirs.itertuples():
            left, width = 100 * r.start / max(length, 1), 100 * (r.end - r.start) / max(length, 1)
            style = f"left: {left:.2f}%; width: {width:.2f}%; --c: {colours.get(outlet, '#999')}; --a: {r.quoted_share}"
            kind = "quoted" if r.quoted_share > 0 else "paraphrased" if r.paraphrased else "unused"
            label = f"sentence {r.sentence_index + 1}: {kind}" + (f" ({r.quoted_share:.0%})" if r.quoted_share else "")
            segments.append(f'<i class="seg {kind}" style="{style}" title="{_attr(label)}"></i>')
        rows.append(
            f'<div class="strip"><span>{escape(str(outlet))}</span><b aria-hidden="true">{"".join(segments)}</b></div>'
        )
    label = "What each outlet quoted of the source, sentence by sentence (the tables say it in words)"
    return f'<div class="strips" role="img" aria-label="{_attr(label)}">{"".join(rows)}</div>'


def _text(key: str, text: str, by_outlet: dict[tuple[int, int], set[str]], cuts: set[int]) -> str:
    """The source's text verbatim, cut at every quoted stretch and claim span; a stretch an outlet quoted
    is marked with who quoted it."""
    bounds = sorted({0, len(text), *(c for c in cuts if 0 < c < len(text)), *(x for span in by_outlet for x in span)})
    out = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        who = sorted({o for (a, b), outlets in by_outlet.items() if a <= start and end <= b for o in outlets})
        piece = escape(text[start:end])
        attributes = f' data-s="{start}" data-e="{end}"'
        if who:
            out.append(f'<mark class="src"{attributes} title="{_attr("Quoted by " + ", ".join(who))}">{piece}</mark>')
        else:
            out.append(f"<span{attributes}>{piece}</span>")
    return f'<div class="text" data-article="{_attr(key)}">{"".join(out)}</div>'
