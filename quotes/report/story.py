"""A story's report and a run's reports: the files written (markdown, charts, tables), per story."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from quotes import charts
from quotes.compare import Comparison, compare, outlets_of
from quotes.report import markdown
from quotes.report.markdown import markdown_table
from quotes.report.model import Section
from quotes.report.sections import TOP_TERMS, StorySections, names, plural, shorten
from quotes.tables import Tables, write_atomic, write_frame, write_jsonl

NO_GROUP = "(none)"


@dataclass
class StoryReport:
    """One story's report: its tables, their comparison, and the markdown that shows them."""

    title: str
    tables: Tables
    comparison: Comparison = field(init=False)
    colours: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.comparison = compare(self.tables)
        outlets = self.comparison.outlets
        self.colours = {**charts.outlet_colours(outlets), **self.colours}

    # --- output -----------------------------------------------------------------------------------

    def write(self, directory: Path | str) -> Path:
        """Write report.md, its PNG charts, every table (CSV and Parquet) and quotes.jsonl into ``directory``."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        chart_files = self.write_charts(directory)
        write_tables(self.table_frames(), directory)
        write_jsonl(self.tables.standoff, directory / "quotes.jsonl")
        path = directory / "report.md"
        markdown = self.to_markdown(chart_files)
        write_atomic(path, lambda tmp: Path(tmp).write_text(markdown, encoding="utf-8"))
        return path

    def table_frames(self) -> dict[str, pd.DataFrame]:
        """The run's tables for this story and the comparison tables, by file name."""
        frames = {
            "articles": self.tables.articles,
            "quotes": self.tables.quotes,
            "speakers": self.tables.speakers,
            "text_parts": self.tables.text_parts,
        }
        frames.update(self.comparison.frames())
        return frames

    def write_charts(self, directory: Path) -> dict[str, str]:
        """Draw the charts that have data; returns chart name -> file name."""
        c, drawn = self.comparison, {}
        makers: dict[str, Callable[[], object]] = {}
        if not c.quotes_matrix.empty:
            makers["quotes_per_speaker"] = lambda: charts.quotes_per_speaker(c.quotes_matrix, self.colours)
        if not c.kind_mix.empty:
            makers["speaker_kinds"] = lambda: charts.kind_mix(c.kind_mix)
        if not c.cue_classes.empty:
            makers["cue_classes"] = lambda: charts.cue_classes(c.cue_classes)
        if not self.tables.quotes.empty:
            makers["positions"] = lambda: charts.positions(self.tables.quotes, self.colours)
        if not (c.distinctive_quoted.empty and c.distinctive_narrative.empty):
            makers["distinctive_terms"] = lambda: charts.distinctive_terms(
                c.distinctive_quoted.groupby("outlet").head(TOP_TERMS),
                c.distinctive_narrative.groupby("outlet").head(TOP_TERMS),
                self.colours,
            )
        for name, make in makers.items():
            charts.save(make(), directory / f"{name}.png")
            drawn[name] = f"{name}.png"
        return drawn

    def sections(self) -> list[Section]:
        """The report as data: its sections, in order."""
        return StorySections(self.title, self.tables, self.comparison, list(self.table_frames())).sections()

    def to_markdown(self, chart_files: dict[str, str] | None = None) -> str:
        """The report as markdown; ``chart_files`` (name -> path) are linked where they belong."""
        return markdown.render(self.sections(), chart_files)


def write_tables(frames: dict[str, pd.DataFrame], directory: Path) -> None:
    """Each table as ``NAME.csv`` and ``NAME.parquet`` in ``directory``."""
    for name, frame in frames.items():
        write_frame(frame, directory / f"{name}.csv")
        write_frame(frame, directory / f"{name}.parquet")


# --- runs -----------------------------------------------------------------------------------------


def story_title(articles: pd.DataFrame, group_by: str | None, value: str | None) -> str:
    """A story's title: the input's ``event`` column when given, else the group value, else the first title."""
    if "event" in articles.columns and articles["event"].notna().any():
        return str(articles["event"].dropna().iloc[0])
    if group_by is not None:
        return f"{group_by} {value}"
    titles = articles["title"].dropna() if "title" in articles.columns else []
    return f"Who said what: {titles.iloc[0]}" if len(titles) else "Who said what"


def _slug(value: str) -> str:
    return re.sub(r"[^\w.-]+", "-", str(value)).strip("-")[:80] or "story"


def stories(tables: Tables, group_by: str) -> list[tuple[str, list[str]]]:
    """The values of ``group_by`` (in input order) and the ids of their articles."""
    if group_by not in tables.articles.columns:
        available = ", ".join(tables.articles.columns)
        raise KeyError(f"no column {group_by!r} to group by; the articles table has: {available}")
    values = tables.articles[group_by].astype("object").where(tables.articles[group_by].notna(), NO_GROUP).astype(str)
    return [(value, list(tables.articles.loc[values == value, "article_id"])) for value in dict.fromkeys(values)]


def write_reports(tables: Tables, directory: Path | str, group_by: str | None = None, progress=iter) -> Path:
    """Write the run's report into ``directory``: one report, or with ``group_by`` one per story and an index.

    Returns the path of the report (or of the index).
    """
    directory = Path(directory)
    colours = charts.outlet_colours(outlets_of(tables))
    if group_by is None:
        return StoryReport(story_title(tables.articles, None, None), tables, colours=colours).write(directory)
    rows = []
    for value, article_ids in progress(stories(tables, group_by)):
        part = tables.subset(article_ids)
        report = StoryReport(story_title(part.articles, group_by, value), part, colours=colours)
        folder = _slug(value)
        report.write(directory / folder)
        overview = report.comparison.overview
        shared = report.comparison.statements
        rows.append(
            {
                "story": f"[{shorten(report.title, 80)}]({folder}/report.md)",
                group_by: value,
                "outlets": len(report.comparison.outlets),
                "articles": len(part.articles),
                "quotes": int(overview["quotes"].sum()) if len(overview) else 0,
                "speakers": part.quotes["speaker_id"].nunique(),
                "shared sentences": int(shared.loc[shared["outlets"] > 1, "statement"].nunique()) if len(shared) else 0,
            }
        )
    index = pd.DataFrame(rows)
    write_tables({"articles": tables.articles, "quotes": tables.quotes, "speakers": tables.speakers}, directory)
    text = "\n".join(
        [
            f"# Stories by {group_by}",
            "",
            f"{plural(len(index), 'story', 'stories')}, {plural(len(tables.articles), 'article')} from "
            f"{plural(len(colours), 'outlet')} ({names(list(colours))}). The run's articles, quotes and speakers "
            "tables are beside this index (speaker ids are the same in every story).",
            "",
            markdown_table(index),
            "",
        ]
    )
    path = directory / "index.md"
    write_atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return path
