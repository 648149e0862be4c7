"""The report's charts (matplotlib), each drawn from one comparison table.

Every outlet keeps one colour across all charts and stories of a run (``outlet_colours``).
"""

from __future__ import annotations

import io
import math
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display needed

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import PercentFormatter  # noqa: E402

from quotes.tables import write_atomic  # noqa: E402

KIND_COLOURS = {
    "person": "#4C72B0",
    "government": "#55A868",
    "organisation": "#C44E52",
    "anonymous": "#8172B2",
    "media": "#CCB974",
    "group": "#8C8C8C",
    "unnamed": "#64B5CD",
    "author": "#DD8452",
    "unknown": "#B0B0B0",
}
CUE_CLASS_COLOURS = {
    "neutral": "#9DB4C0",
    "evaluative": "#E07A5F",
    "belief": "#81B29A",
    "intention": "#F2CC8F",
    "evidence": "#3D405B",
    "none": "#D0D0D0",
}
TYPE_MARKERS = {"direct": "o", "mixed": "D", "indirect": "s"}
MAX_SPEAKERS = 15
MAX_ARTICLE_ROWS = 30
# Past this many outlets a bar per outlet is unreadable: the charts turn to a grid (outlets as
# columns) or show the outlets with the most to show, and say how many they leave out.
MAX_OUTLET_BARS = 8
MAX_TERM_OUTLETS = 8
TERM_COLUMNS = 4
# No chart is wider than this (inches at ``DPI``): it must fit a page beside the articles.
MAX_WIDTH = 12.0
DPI = 110


def outlet_colours(outlets: list[str]) -> dict[str, str]:
    """One colour per outlet (in the given order), from matplotlib's tab10 then tab20."""
    palette = list(plt.get_cmap("tab10").colors) + list(plt.get_cmap("tab20").colors[1::2])
    return {outlet: matplotlib.colors.to_hex(palette[i % len(palette)]) for i, outlet in enumerate(outlets)}


def _label(text: str, width: int = 28) -> str:
    """``text`` wrapped to ``width`` (never cut: a label that is cut can make rows look alike)."""
    return "\n".join(textwrap.wrap(str(text), width, break_on_hyphens=False)) or str(text)


def quotes_per_speaker(matrix: pd.DataFrame, colours: dict[str, str]) -> Figure:
    """Grouped horizontal bars: quotes per speaker (most quoted first), one bar per outlet, counts on the
    bars; past ``MAX_SPEAKERS`` the rest are summed in one row."""
    if isinstance(matrix.index, pd.MultiIndex):  # (speaker_id, speaker_name): label by name
        matrix = matrix.set_axis(matrix.index.get_level_values("speaker_name"), axis=0)
    if len(matrix) > MAX_SPEAKERS:
        rest = matrix.iloc[MAX_SPEAKERS - 1 :]
        others = pd.DataFrame([rest.sum()], index=[f"{len(rest)} other speakers"])
        matrix = pd.concat([matrix.iloc[: MAX_SPEAKERS - 1], others])
    if len(matrix.columns) > MAX_OUTLET_BARS:
        return _count_grid(matrix, "Quotes per speaker and outlet", "quotes")
    matrix = matrix.iloc[::-1]
    outlets = list(matrix.columns)
    height = 0.8 / max(1, len(outlets))
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.45 * len(matrix) * max(1, len(outlets) / 2)), layout="constrained")
    for i, outlet in enumerate(outlets):
        # First outlet on top within each speaker's group, as in the legend.
        positions = [row - (i - (len(outlets) - 1) / 2) * height for row in range(len(matrix))]
        bars = ax.barh(positions, matrix[outlet], height=height, color=colours[outlet], label=outlet)
        ax.bar_label(bars, labels=[str(v) if v else "" for v in matrix[outlet]], fontsize="x-small", padding=2)
    ax.set_yticks(range(len(matrix)), [_label(name) for name in matrix.index])
    ax.set_xlabel("quotes")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.margins(x=0.08)
    ax.set_title(f"Quotes per speaker and outlet ({len(matrix)} rows, most quoted first)")
    ax.legend(loc="lower right", fontsize="small")
    return fig


def _count_grid(matrix: pd.DataFrame, title: str, what: str, share: bool = False) -> Figure:
    """Rows by outlets (columns) as a grid of cells shaded by value, each value written in its cell:
    readable at any number of outlets, never wider than ``MAX_WIDTH``."""
    rows, columns = len(matrix), len(matrix.columns)
    width = min(MAX_WIDTH, 3.0 + 0.32 * columns)
    fig, ax = plt.subplots(figsize=(width, 1.6 + 0.34 * rows + 0.06 * max(len(str(c)) for c in matrix.columns)))
    values = matrix.to_numpy(dtype=float)
    top = max(1.0, float(values.max()) * 1.15)
    ax.imshow(values, aspect="auto", cmap="Blues", vmin=0, vmax=top)
    for (r, c), value in np.ndenumerate(values):
        if value:
            label = f"{value:.0%}" if share else str(int(value))
            ink = "#ffffff" if value > 0.55 * top else "#111111"  # legible on the dark cells too
            ax.text(c, r, label, ha="center", va="center", fontsize=6 if columns > 20 else 7, color=ink)
    ax.set_xticks(range(columns), [_label(c, 18) for c in matrix.columns], rotation=90, fontsize="x-small")
    ax.set_yticks(range(rows), [_label(r) for r in matrix.index], fontsize="small")
    ax.set_title(f"{title} ({rows} rows, {columns} outlets; {what} in each cell)", fontsize="medium")
    fig.subplots_adjust(left=0.28 if width < 8 else 0.2, right=0.98, bottom=0.25, top=0.92)
    return fig


def _stacked_shares(table: pd.DataFrame, colours: dict[str, str], title: str, legend_title: str) -> Figure:
    shares = table.div(table.sum(axis=1), axis=0).fillna(0).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 1.6 + 0.5 * len(shares)), layout="constrained")
    counts = table.iloc[::-1]
    left = pd.Series(0.0, index=shares.index)
    for column in shares.columns:
        bars = ax.barh(
            [_label(o, 20) for o in shares.index],
            shares[column],
            left=left,
            color=colours.get(column, "#999999"),
            label=column,
        )
        # the count inside each segment wide enough to hold it: shares alone hide how few quotes there are
        ax.bar_label(
            bars,
            labels=[str(n) if share >= 0.06 else "" for n, share in zip(counts[column], shares[column], strict=True)],
            label_type="center",
            fontsize="x-small",
        )
        left += shares[column]
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the outlet's quotes")
    ax.set_title(title)
    ax.legend(title=legend_title, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    return fig


def kind_mix(table: pd.DataFrame) -> Figure:
    """Stacked bars: each outlet's quotes by speaker kind."""
    return _stacked_shares(table, KIND_COLOURS, "Who speaks: speaker kinds per outlet", "speaker kind")


def cue_classes(table: pd.DataFrame) -> Figure:
    """Stacked bars: each outlet's quotes by cue class."""
    return _stacked_shares(table, CUE_CLASS_COLOURS, "How they said it: cue classes per outlet", "cue class")


def positions(quotes: pd.DataFrame, colours: dict[str, str]) -> Figure:
    """Where quotes fall through the articles (0 = top, 1 = end): one row per article, or, with many
    articles, each outlet's share of quotes per tenth of the article."""
    articles = quotes[["outlet", "article_id"]].drop_duplicates().sort_values(["outlet", "article_id"])
    if len(articles) > MAX_ARTICLE_ROWS:
        return _position_shares(quotes, colours)
    rows = list(articles.itertuples(index=False))
    labels = [_label(f"{outlet} · {article_id}", 34) for outlet, article_id in rows]
    index = {key: n for n, key in enumerate(rows)}
    frame = quotes.assign(y=[index[(o, a)] for o, a in zip(quotes["outlet"], quotes["article_id"], strict=True)])
    fig, ax = plt.subplots(figsize=(8, 1.6 + 0.4 * len(labels)), layout="constrained")
    for kind, marker in TYPE_MARKERS.items():
        part = frame[frame["type"] == kind]
        colour = [colours[o] for o in part["outlet"]]
        ax.scatter(
            part["position"], part["y"], c=colour, marker=marker, s=40, alpha=0.75, label=kind, edgecolors="none"
        )
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("position in the article (0 = first character, 1 = last)")
    ax.set_title("Where the quotes fall")
    legend = ax.legend(title="type", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    for handle in legend.legend_handles:
        handle.set_color("#555555")
    return fig


def _position_shares(quotes: pd.DataFrame, colours: dict[str, str]) -> Figure:
    if quotes["outlet"].nunique() > MAX_OUTLET_BARS:
        tenths = pd.cut(quotes["position"], [i / 10 for i in range(11)], include_lowest=True, labels=False)
        shares = pd.crosstab(tenths, quotes["outlet"], normalize="columns").reindex(range(10), fill_value=0)
        shares.index = [f"{i / 10:.1f}-{(i + 1) / 10:.1f}" for i in range(10)]
        title = f"Where the quotes fall ({quotes['article_id'].nunique()} articles), by tenth of the article"
        return _count_grid(shares, title, "share of the outlet's quotes", share=True)
    fig, ax = plt.subplots(figsize=(8, 4), layout="constrained")
    tenths = [i / 10 for i in range(11)]
    for outlet, mine in quotes.groupby("outlet", sort=True):
        counts = pd.cut(mine["position"], tenths, include_lowest=True).value_counts(sort=False)
        ax.stairs(counts.to_numpy() / max(1, len(mine)), tenths, color=colours[outlet], linewidth=2, label=outlet)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article (0 = first character, 1 = last), in tenths")
    ax.set_ylabel("share of the outlet's quotes")
    ax.set_title(f"Where the quotes fall ({quotes['article_id'].nunique()} articles)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    return fig


def distinctive_terms(quoted: pd.DataFrame, narrative: pd.DataFrame, colours: dict[str, str]) -> Figure:
    """Per outlet and part, the most distinctive terms by weighted log-odds z-score: a grid of at most
    ``TERM_COLUMNS`` outlets a row, the ``MAX_TERM_OUTLETS`` outlets with the highest z when there are more."""
    parts = [("quoted", quoted), ("narrative", narrative)]
    everyone = sorted(set(quoted["outlet"]) | set(narrative["outlet"]))
    outlets = everyone
    if len(everyone) > MAX_TERM_OUTLETS:
        best = pd.concat([quoted, narrative]).groupby("outlet")["z"].max().sort_values(ascending=False, kind="stable")
        outlets = sorted(best.index[:MAX_TERM_OUTLETS])
    columns = max(1, min(TERM_COLUMNS, len(outlets)))
    blocks = math.ceil(max(1, len(outlets)) / columns)  # rows of outlets, each a quoted and a narrative row
    fig, axes = plt.subplots(
        2 * blocks,
        columns,
        figsize=(min(MAX_WIDTH, 3.0 * columns), 3.4 * 2 * blocks),
        layout="constrained",
        squeeze=False,
    )
    for row, (part, table) in enumerate(parts):
        for n, outlet in enumerate(outlets):
            ax = axes[2 * (n // columns) + row][n % columns]
            terms = table[table["outlet"] == outlet].iloc[::-1]
            ax.barh(terms["term"], terms["z"], color=colours[outlet])
            ax.axvline(1.96, color="#888888", linestyle="--", linewidth=0.8)
            ax.set_title(f"{_label(outlet, 24)}: {part}", fontsize="medium")
            ax.tick_params(axis="y", labelsize="small")
            if row == 1:
                ax.set_xlabel("z (dashed: 1.96)")
            if terms.empty:
                ax.text(0.5, 0.5, "no terms", ha="center", va="center", transform=ax.transAxes)
    for n in range(len(outlets), blocks * columns):  # the empty places of the last row of outlets
        for row in range(2):
            axes[2 * (n // columns) + row][n % columns].set_visible(False)
    shown = "" if outlets == everyone else f"; {len(outlets)} of {len(everyone)} outlets, those with the highest z"
    fig.suptitle(f"Distinctive wording (weighted log-odds, one outlet against the rest{shown})")
    return fig


def source_coverage(coverage: pd.DataFrame, colours: dict[str, str]) -> Figure:
    """What each outlet took from each primary source: a strip per outlet along the source, each sentence
    as wide as it is long, filled by the share of it quoted directly, hatched where paraphrased."""
    sources = list(dict.fromkeys(coverage["source_id"]))
    outlets = sorted(coverage["outlet"].unique())[:MAX_OUTLET_BARS]
    fig, axes = plt.subplots(
        len(sources), 1, figsize=(9, 0.9 + 0.45 * len(outlets) * len(sources)), layout="constrained", squeeze=False
    )
    for ax, source in zip(axes[:, 0], sources, strict=True):
        rows = coverage[coverage["source_id"] == source]
        length = max(int(rows["end"].max()), 1)
        for y, outlet in enumerate(outlets):
            for r in rows[rows["outlet"] == outlet].itertuples():
                width = (r.end - r.start) / length
                ax.barh(y, width, left=r.start / length, height=0.7, color="#EEEEEE", edgecolor="white")
                if r.quoted_share > 0:
                    ax.barh(y, width, left=r.start / length, height=0.7, color=colours[outlet], alpha=r.quoted_share)
                if r.paraphrased:
                    ax.barh(y, width, left=r.start / length, height=0.7, fill=False, hatch="///", edgecolor="#555555")
        ax.set_yticks(range(len(outlets)), [_label(o) for o in outlets])
        ax.set_ylim(len(outlets) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_title(f"What each outlet quoted of {_label(source, 60)} (filled: quoted; hatched: paraphrased)")
    axes[-1, 0].set_xlabel("position in the source")
    return fig


def rollup_rates(summary: pd.DataFrame, column: str) -> Figure:
    """Two panels per group of a roll-up: quotes per 1,000 words, and the share of anonymous sources
    (counts written on the bars)."""
    rows = summary.iloc[::-1]
    labels = [_label(v, 24) for v in rows[column]]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 1.4 + 0.45 * len(rows)), layout="constrained", sharey=True)
    bars = left.barh(labels, rows["quotes_per_1000_words"], color="#4C72B0")
    left.bar_label(
        bars,
        labels=[f"{v:.1f} ({q} quotes)" for v, q in zip(rows["quotes_per_1000_words"], rows["quotes"], strict=True)],
        fontsize="small",
        padding=2,
    )
    left.set_xlabel("quotes per 1,000 words")
    left.margins(x=0.35)
    shares = rows["anonymous_share"].fillna(0)
    bars = right.barh(labels, shares, color=KIND_COLOURS["anonymous"])
    anonymous = rows["anonymous_quotes"]
    right.xaxis.set_major_formatter(PercentFormatter(1.0))
    right.bar_label(
        bars, labels=[f"{s:.0%} ({n})" for s, n in zip(shares, anonymous, strict=True)], fontsize="small", padding=2
    )
    right.set_xlabel("share of quotes from anonymous sources")
    right.margins(x=0.35)
    fig.suptitle(f"Across stories, by {column}")
    return fig


def png_bytes(fig: Figure) -> bytes:
    """``fig`` as PNG bytes, as ``save`` writes it; the figure is freed."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    plt.close(fig)
    return buffer.getvalue()


def save(fig: Figure, path: Path) -> None:
    """Write ``fig`` as PNG (atomically) and free it."""
    write_atomic(path, lambda tmp: fig.savefig(tmp, format="png", dpi=DPI))
    plt.close(fig)
