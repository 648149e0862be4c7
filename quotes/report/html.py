"""Render a story's report as one self-contained HTML page: the articles side by side, one column per
outlet, every quote highlighted in its speaker's colour, and every claim of the report linked to the
text it is drawn from. No network: CSS, script and charts are inline; all text is escaped.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from quotes.against import AgainstRecord
from quotes.compare import uncertain_speakers
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
from quotes.safety import safe_href, web_link

UNKNOWN_COLOUR = "#d9d9d9"
_ASSETS = Path(__file__).parent / "assets"
# Light colours a colour-blind reader tells apart (Paul Tol's 'light' and 'pale' schemes; their greys
# are the unknown and uncertain speakers', their yellows the highlight of a clicked claim's), dark text
# legible on each.
SPEAKER_PALETTE = (
    "#77AADD", "#EE8866", "#44BB99", "#FFAABB", "#99DDFF", "#BBCC33", "#AAAA00",
    "#BBCCEE", "#FFCCCC", "#CCDDAA", "#CCEEFF",
)  # fmt: skip


def speaker_colours(quotes: pd.DataFrame) -> dict[str, str]:
    """A colour for each speaker id, most quoted first, from ``SPEAKER_PALETTE``: every speaker of the
    story its own while the palette lasts; past it, speakers quoted in one article still never share
    one (a greedy colouring of the graph whose edges join speakers of the same article, with distinct
    generated hues past the palette)."""
    named = quotes[quotes["speaker_id"].notna()]
    order = list(named["speaker_id"].value_counts(sort=True).index)  # ties in first-seen order
    together: dict[str, set[str]] = {speaker: set() for speaker in order}
    for ids in named.groupby("article_id")["speaker_id"].agg(set):
        for speaker in ids:
            together[speaker] |= ids - {speaker}
    if len(order) <= len(SPEAKER_PALETTE):  # room for all: the legend shows no colour twice
        return dict(zip(order, SPEAKER_PALETTE, strict=False))
    colours: dict[str, str] = {}
    for speaker in order:
        taken = {colours[other] for other in together[speaker] if other in colours}
        colours[speaker] = next(c for c in _colours() if c not in taken)
    return colours


def _colours():
    """``SPEAKER_PALETTE``, then light hues spaced by the golden angle: never the same twice."""
    yield from SPEAKER_PALETTE
    n = 0
    while True:
        n += 1
        yield f"hsl({round(n * 137.508) % 360} 70% {80 + n % 3 * 4}%)"


# --- report blocks --------------------------------------------------------------------------------


def _attr(value) -> str:
    return escape(str(value), quote=True)


def _spans_attr(spans: tuple[Span, ...]) -> str:
    data = [[s.article_id, s.start, s.end] for s in spans]
    return f' class="claim" tabindex="0" role="button" data-spans="{_attr(json.dumps(data))}"'


def inline(parts: list[Inline]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Strong):
            out.append(f"<strong>{escape(part.text)}</strong>")
        elif isinstance(part, Emph):
            out.append(f"<em>{escape(part.text)}</em>")
        elif isinstance(part, Code):
            out.append(f"<code>{escape(part.text)}</code>")
        elif isinstance(part, Link):
            target = safe_href(html_target(part.target))  # a report file or an http(s) URL; else text alone
            out.append(f'<a href="{_attr(target)}">{escape(part.text)}</a>' if target else escape(part.text))
        else:
            out.append(escape(str(part)))
    return "".join(out)


def html_target(target: str) -> str:
    """The page beside a markdown file ('s1/report.md' -> 's1/report.html')."""
    return target[: -len(".md")] + ".html" if target.endswith(".md") else target


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, Strong | Emph | Code | Link):
        return inline([value])
    return escape(str(value))


def _table(table: Table) -> str:
    frame = table.frame
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for position, values in enumerate(frame.itertuples(index=False)):
        cells = []
        for column, value in zip(frame.columns, values, strict=True):
            spans = table.cell_spans.get((position, column))
            content = _cell(value)
            cells.append(f"<td><span{_spans_attr(spans)}>{content}</span></td>" if spans else f"<td>{content}</td>")
        spans = table.row_spans.get(position)
        rows.append(f"<tr{_spans_attr(spans) if spans else ''}>{''.join(cells)}</tr>")
    # a table wider than its panel scrolls in its own box, which the keyboard can reach (tabindex)
    label = _attr(f"table: {', '.join(str(c) for c in frame.columns)}")
    return (
        f'<div class="table" tabindex="0" role="region" aria-label="{label}"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _items(items: list[Item]) -> str:
    out = []
    for item in items:
        body = f"<span{_spans_attr(item.spans)}>{inline(item.parts)}</span>" if item.spans else inline(item.parts)
        children = _items(item.children) if item.children else ""
        out.append(f"<li>{body}{children}</li>")
    return f"<ul>{''.join(out)}</ul>"


def block(block: Block, charts: dict[str, str]) -> str:
    """One block as HTML; ``charts`` maps a chart name to its image source (a data: URI)."""
    if isinstance(block, Heading):
        level = min(block.level, 6)
        claim = _spans_attr(block.spans) if block.spans else ""
        return f"<h{level}><span{claim}>{escape(block.text)}</span></h{level}>"
    if isinstance(block, Paragraph):
        return f"<p{_spans_attr(block.spans) if block.spans else ''}>{inline(block.parts)}</p>"
    if isinstance(block, Bullets):
        intro = f"<p>{inline(block.intro)}</p>" if block.intro is not None else ""
        return intro + _items(block.items) if block.items else ""
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        source = charts.get(block.name)
        return f'<figure><img src="{_attr(source)}" alt="{_attr(block.alt)}"></figure>' if source else ""
    raise TypeError(f"not a report block: {block!r}")


def sections_html(sections: list[Section], charts: dict[str, str]) -> str:
    out = []
    for section in sections:
        body = "".join(block(b, charts) for b in section.blocks)
        out.append(f'<section id="{_attr(section.key)}">{body}</section>')
    return "".join(out)


def png_uri(png: bytes) -> str:
    """A PNG as a data: URI, so the page needs no file beside it."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def chart_sources(directory: Path, chart_files: dict[str, str]) -> dict[str, str]:
    """The drawn charts as data: URIs (``png_uri``)."""
    return {name: png_uri((directory / file).read_bytes()) for name, file in chart_files.items()}


# --- the articles ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    """A stretch of an article to mark: a quote (``quote`` = 'ARTICLE:INDEX'), a speaker mention or a cue."""

    start: int
    end: int
    kind: str
    quote: str


def _quote_marks(quote) -> list[_Mark]:
    key = f"{quote.article_id}:{quote.quote_index}"
    fragments = quote.fragments if isinstance(quote.fragments, list) else []
    pieces = [(int(a), int(b)) for a, b in fragments] or [(int(quote.start), int(quote.end))]
    marks = [_Mark(a, b, "quote", key) for a, b in pieces]
    for kind, start, end in (
        ("mention", quote.speaker_start, quote.speaker_end),
        ("cue", quote.cue_start, quote.cue_end),
    ):
        if pd.notna(start) and pd.notna(end) and int(end) > int(start):
            marks.append(_Mark(int(start), int(end), kind, key))
    return marks


def _quote_title(quote) -> str:
    name = quote.speaker_name if isinstance(quote.speaker_name, str) and quote.speaker_name else "(not identified)"
    lines = [
        f"Speaker: {name} ({quote.speaker_kind})",
        f"Cue: {quote.cue if isinstance(quote.cue, str) and quote.cue else '(none)'}",
        f"Type: {quote.type}",
    ]
    if isinstance(quote.via, str) and quote.via:
        lines.append(f"Via: {quote.via}")
    lines.append(f"Confidence: {quote.speaker_confidence:.2f} ({quote.speaker_resolution})")
    if getattr(quote, "uncertain", False):
        lines.append("Speaker uncertain: not counted in the report")
    return "\n".join(lines)


def article_html(
    article_id: str, text: str, quotes: pd.DataFrame, cuts: set[int], colours: dict[str, str] | None = None
) -> str:
    """The article's text, verbatim (``white-space: pre-wrap``), cut into spans at every mark and at ``cuts``
    (the ends of claim spans), each span carrying its offsets ``data-s``/``data-e``. A quote is marked in
    its speaker's colour (``colours``, speaker id -> colour); one whose speaker is unsure (``uncertain``
    column) in grey hatching, with no speaker to filter by."""
    colours = speaker_colours(quotes) if colours is None else colours
    marks = [m for quote in quotes.itertuples() for m in _quote_marks(quote)]
    info = {f"{q.article_id}:{q.quote_index}": q for q in quotes.itertuples()}
    bounds = sorted(
        {0, len(text), *(c for c in cuts if 0 < c < len(text)), *(m.start for m in marks), *(m.end for m in marks)}
    )
    starting: dict[int, list[_Mark]] = {}
    for mark in marks:
        starting.setdefault(mark.start, []).append(mark)
    active: list[_Mark] = []  # the marks covering the current piece (a sweep: linear in pieces and marks)
    first_piece: set[str] = set()
    out = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        active = [m for m in active if m.end > start] + starting.get(start, [])
        quotes_here = list(dict.fromkeys(m.quote for m in active if m.kind == "quote"))
        classes = sorted({m.kind for m in active if m.kind != "quote"})
        attributes = f' data-s="{start}" data-e="{end}"'
        piece = escape(text[start:end])
        if quotes_here:
            quote = info[quotes_here[0]]
            unsure = bool(getattr(quote, "uncertain", False))
            speaker = quote.speaker_id if isinstance(quote.speaker_id, str) and not unsure else ""
            colour = colours.get(speaker, UNKNOWN_COLOUR)
            focus = ""
            if quotes_here[0] not in first_piece:
                first_piece.add(quotes_here[0])
                focus = ' tabindex="0"'
            attributes += (
                f' class="{" ".join(["q", *(["uncertain"] if unsure else []), *classes])}"'
                f' data-q="{_attr(" ".join(quotes_here))}" data-speaker="{_attr(speaker)}" style="--c: {colour}"'
                f' title="{_attr(_quote_title(quote))}"{focus}'
            )
            out.append(f"<mark{attributes}>{piece}</mark>")
        elif classes:
            owner = info[active[0].quote]
            title = _attr(_quote_title(owner))
            out.append(f'<span{attributes} class="{" ".join(classes)}" title="{title}">{piece}</span>')
        else:
            out.append(f"<span{attributes}>{piece}</span>")
    return f'<div class="text" data-article="{_attr(article_id)}">{"".join(out)}</div>'


def _claim_cuts(sections: list[Section]) -> dict[str, set[int]]:
    """Every offset where a claim's span starts or ends, per article."""
    cuts: dict[str, set[int]] = {}

    def add(spans) -> None:
        for span in spans:
            cuts.setdefault(span.article_id, set()).update((span.start, span.end))

    def walk(items: list[Item]) -> None:
        for item in items:
            add(item.spans)
            walk(item.children)

    for section in sections:
        for b in section.blocks:
            if isinstance(b, Heading | Paragraph):
                add(b.spans)
            elif isinstance(b, Bullets):
                walk(b.items)
            elif isinstance(b, Table):
                for spans in [*b.cell_spans.values(), *b.row_spans.values()]:
                    add(spans)
    return cuts


def _legend(quotes: pd.DataFrame, colours: dict[str, str]) -> str:
    """Buttons for the speakers whose quotes count (the uncertain ones are not speakers of the report),
    and a key for the greys."""
    named = quotes[quotes["speaker_id"].notna() & ~quotes["uncertain"]]
    counts = named.groupby(["speaker_id", "speaker_name"], sort=False).size().sort_values(ascending=False)
    buttons = [
        f'<button type="button" data-speaker="{_attr(sid)}" style="--c: {colours[sid]}" aria-pressed="false">'
        f"{escape(str(name))} <small>{count}</small></button>"
        for (sid, name), count in counts.items()
    ]
    keys = []
    if (quotes["speaker_id"].isna() & ~quotes["uncertain"]).any():
        keys.append(f'<span class="key" style="--c: {UNKNOWN_COLOUR}">no speaker identified</span>')
    if quotes["uncertain"].any():
        keys.append('<span class="key uncertain">speaker uncertain (not counted)</span>')
    if not buttons and not keys:
        return ""
    all_button = '<button type="button" data-speaker="" aria-pressed="true">All speakers</button>' if buttons else ""
    return (
        '<nav class="legend" aria-label="Speakers: show one speaker\'s quotes">'
        + all_button
        + "".join(buttons)
        + "".join(keys)
        + "</nav>"
    )


def _html(title: str, body: str, body_class: str = "") -> str:
    """A complete page: the shared inline style and script around ``body``."""
    style = (_ASSETS / "page.css").read_text(encoding="utf-8")
    script = (_ASSETS / "page.js").read_text(encoding="utf-8")
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{style}</style></head>"
        f'<body class="{body_class}">{body}<script>{script}</script></body></html>\n'
    )


def document(title: str, sections: list[Section], charts: dict[str, str]) -> str:
    """A page of sections alone (the run's index)."""
    findings = f'<div class="findings" role="region" aria-label="Findings">{sections_html(sections, charts)}</div>'
    return _html(title, findings, "document")


def page(
    title: str,
    sections: list[Section],
    articles: pd.DataFrame,
    texts: dict[str, str],
    quotes: pd.DataFrame,
    charts: dict[str, str],
    record: AgainstRecord | None = None,
    outlet_colours: dict[str, str] | None = None,
) -> str:
    """The whole page of one story; with ``record``, each primary source as a column after the outlets'."""
    cuts = _claim_cuts(sections)
    quotes = quotes.assign(uncertain=uncertain_speakers(quotes))
    colours = speaker_colours(quotes[~quotes["uncertain"]])
    readable = articles[articles["article_id"].isin(texts.keys())]
    columns = []
    for outlet, mine in readable.groupby("outlet", sort=True):
        parts = []
        for row in mine.itertuples():
            meta = " · ".join(str(v) for v in (row.title, row.date) if isinstance(v, str) and v)
            url = web_link(row.url)  # only http(s): a 'javascript:' or 'data:' URL would run in the page
            link = f' <a href="{_attr(url)}" rel="noopener noreferrer">source</a>' if url else ""
            if not url and isinstance(row.url, str) and row.url.strip():
                link = f" · source: {escape(row.url.strip())}"  # shown as text, never a link
            own = quotes[quotes["article_id"] == row.article_id]
            parts.append(
                f'<div class="article" id="{_attr("article-" + str(row.article_id))}">'
                f'<p class="meta">{escape(meta)}{link}</p>'
                + article_html(
                    str(row.article_id), texts[row.article_id], own, cuts.get(str(row.article_id), set()), colours
                )
                + "</div>"
            )
        columns.append(f'<article class="column"><h2>{escape(str(outlet))}</h2>{"".join(parts)}</article>')
    if record is not None:
        from quotes.report.source_html import source_columns

        columns += source_columns(record, cuts, outlet_colours or {})
    body = (
        '<div class="findings" role="region" aria-label="Findings">'
        f"{sections_html(sections[:1], charts)}"
        '<p class="hint">Quotes are highlighted in their speaker\'s colour in the articles; the speaker mention and'
        " the cue are underlined. Click a claim (dotted underline) to highlight the text it is drawn from.</p>"
        f"{_legend(quotes, colours)}{sections_html(sections[1:], charts)}</div>"
        f'<main class="columns">{"".join(columns)}</main>'
        '<div id="info" role="status" aria-live="polite"></div>'
    )
    return _html(title, body)
