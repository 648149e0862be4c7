"""A story's report and a run's reports: the files written (markdown, charts, tables), per story."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from quotes import charts
from quotes.against import FIDELITY_COLUMNS, AgainstRecord
from quotes.compare import Comparison, compare, is_significant, outlets_of
from quotes.report import html, markdown
from quotes.report.html import chart_sources, png_uri
from quotes.report.index import RunIndex
from quotes.report.model import Section
from quotes.report.sections import TOP_TERMS, StorySections
from quotes.rollup import Rollup, rollup
from quotes.safety import FileNamer, inside
from quotes.sources import Source
from quotes.tables import Tables, swapped_folder, write_atomic, write_jsonl, write_tables

NO_GROUP = "(none)"


@dataclass
class StoryReport:
    """One story's report: its tables, their comparison, and the markdown and page that show them."""

    title: str
    tables: Tables
    comparison: Comparison = field(init=False)
    colours: dict[str, str] = field(default_factory=dict)
    story: tuple[str, str] | None = None  # (group-by column, value) of a story in a grouped run
    csv_raw: bool = False  # CSV cells as written, formulas included (see ``tables.write_frame_to``)
    sources: list[Source] = field(default_factory=list)  # primary sources the quotes are checked against
    every_quote: bool = False  # check every quote against the sources, not only their speakers'
    record: AgainstRecord | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.comparison = compare(self.tables)
        outlets = self.comparison.outlets
        self.colours = {**charts.outlet_colours(outlets), **self.colours}
        if self.sources:
            self.record = AgainstRecord.of(self.tables, self.sources, outlets, self.every_quote)

    # --- output -----------------------------------------------------------------------------------

    def write(self, directory: Path | str) -> Path:
        """Write report.md and report.html, the PNG charts, every table (CSV and Parquet) and quotes.jsonl
        into ``directory``."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        chart_files = self.write_charts(directory)
        frames = self.table_frames()
        write_tables(frames, directory, self.csv_raw)
        write_jsonl(self.tables.standoff, directory / "quotes.jsonl")
        self.write_page_texts(directory)
        sections = self.sections(list(frames))
        page = self.to_html(sections, chart_sources(directory, chart_files))
        write_atomic(directory / "report.html", lambda tmp: Path(tmp).write_text(page, encoding="utf-8"))
        path = directory / "report.md"
        text = markdown.render(sections, chart_files, page="report.html")
        write_atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
        return path

    def write_page_texts(self, directory: Path) -> None:
        """``texts/ID.txt``: the text found in each web page, which every offset of its quotes points into."""
        for article_id, name in self.page_text_files().items():
            text = self.tables.texts[article_id]
            path = inside(directory, "texts", name)
            write_atomic(path, lambda tmp, text=text: Path(tmp).write_text(text, encoding="utf-8", newline=""))

    def page_text_files(self) -> dict[str, str]:
        """Article id -> the file in ``texts/`` that holds its page's text (a distinct file for each id,
        whatever the ids hold: ``a b`` and ``a-b`` never share one)."""
        articles = self.tables.articles
        if "page_chars" not in articles.columns:
            return {}
        namer = FileNamer(suffix=".txt")
        ids = articles.loc[articles["page_chars"].notna(), "article_id"]
        return {i: f"{namer(i)}.txt" for i in ids if self.tables.texts.get(i) is not None}

    def table_frames(self) -> dict[str, pd.DataFrame]:
        """The run's tables for this story and the comparison tables, by file name."""
        articles = self.tables.articles
        if files := self.page_text_files():  # where each page's text is, that its offsets point into
            articles = articles.assign(text_file=[files.get(i) and f"texts/{files[i]}" for i in articles["article_id"]])
        frames = {
            "articles": articles,
            "quotes": self.tables.quotes,
            "speakers": self.tables.speakers,
            "text_parts": self.tables.text_parts,
        }
        frames.update(self.comparison.frames())
        if self.record is not None:
            frames.update(self.record.frames())
        if self.story is not None:
            # every row belongs to the story: its column makes the tables of all stories concatenable
            column, value = self.story
            frames = {
                name: frame if column in frame.columns else frame.assign(**{column: value})[[column, *frame.columns]]
                for name, frame in frames.items()
            }
        return frames

    def write_charts(self, directory: Path) -> dict[str, str]:
        """Draw the charts that have data; returns chart name -> file name."""
        return _draw(self.chart_makers(), directory)

    def chart_sources(self) -> dict[str, str]:
        """The charts that have data, drawn in memory: chart name -> data: URI (for ``to_html``)."""
        return {name: png_uri(charts.png_bytes(make())) for name, make in self.chart_makers().items()}

    def chart_makers(self) -> dict[str, Callable[[], object]]:
        """Chart name -> a function drawing it, for the charts that have data."""
        c = self.comparison
        makers: dict[str, Callable[[], object]] = {}
        if not c.quotes_matrix.empty:
            makers["quotes_per_speaker"] = lambda: charts.quotes_per_speaker(c.quotes_matrix, self.colours)
        if not c.kind_mix.empty:
            makers["speaker_kinds"] = lambda: charts.kind_mix(c.kind_mix)
        if not c.cue_classes.empty:
            makers["cue_classes"] = lambda: charts.cue_classes(c.cue_classes)
        if not self.tables.quotes.empty:
            makers["positions"] = lambda: charts.positions(self.tables.quotes, self.colours)
        if self.record is not None and len(self.record.coverage):
            makers["source_coverage"] = lambda: charts.source_coverage(self.record.coverage, self.colours)
        terms = pd.concat([c.distinctive_quoted, c.distinctive_narrative])
        if len(terms) and terms["z"].map(is_significant).any():  # else the section says no term stands out
            makers["distinctive_terms"] = lambda: charts.distinctive_terms(
                c.distinctive_quoted.groupby("outlet").head(TOP_TERMS),
                c.distinctive_narrative.groupby("outlet").head(TOP_TERMS),
                self.colours,
            )
        return makers

    def sections(self, table_names: list[str] | None = None) -> list[Section]:
        """The report as data: its sections, in order (``table_names``: the tables written beside it,
        when the caller has them already)."""
        names = list(self.table_frames()) if table_names is None else table_names
        return StorySections(self.title, self.tables, self.comparison, names, self.record).sections()

    def to_html(self, sections: list[Section] | None = None, charts: dict[str, str] | None = None) -> str:
        """The report as one self-contained HTML page; ``charts`` maps chart name -> image source (by
        default the charts are drawn and embedded)."""
        sections = self.sections() if sections is None else sections
        charts = self.chart_sources() if charts is None else charts
        quotes = self.tables.quotes
        return html.page(
            self.title,
            sections,
            self.tables.articles,
            self.tables.texts,
            quotes,
            charts or {},
            self.record,
            self.colours,
        )

    def to_markdown(self, chart_files: dict[str, str] | None = None, page: str | None = None) -> str:
        """The report as markdown; ``chart_files`` (name -> path) are linked where they belong; with
        ``page`` (the page's file name beside it) each claim links to its passages there."""
        return markdown.render(self.sections(), chart_files, page)


# --- runs -----------------------------------------------------------------------------------------


def story_title(articles: pd.DataFrame, group_by: str | None, value: str | None) -> str:
    """A story's title: the input's ``event`` column when given, else its first article's title, else the
    group value."""
    if "event" in articles.columns and articles["event"].notna().any():
        return str(articles["event"].dropna().iloc[0])
    titles = articles["title"].dropna() if "title" in articles.columns else []
    if len(titles):
        return str(titles.iloc[0])
    return f"{group_by} {value}" if group_by is not None else "Who said what"


def stories(tables: Tables, group_by: str) -> list[tuple[str, list[str]]]:
    """The values of ``group_by`` (in input order) and the ids of their articles."""
    if group_by not in tables.articles.columns:
        available = ", ".join(tables.articles.columns)
        raise KeyError(f"no column {group_by!r} to group by; the articles table has: {available}")
    values = tables.articles[group_by].astype("object").where(tables.articles[group_by].notna(), NO_GROUP).astype(str)
    return [(value, list(tables.articles.loc[values == value, "article_id"])) for value in dict.fromkeys(values)]


def write_reports(
    tables: Tables,
    directory: Path | str,
    group_by: str | None = None,
    progress=iter,
    compare_by: list[str] | tuple[str, ...] = (),
    csv_raw: bool = False,
    processes: int | None = None,
    sources: list[Source] | None = None,
    every_quote: bool = False,
) -> Path:
    """Write the run's report into ``directory``: one report, or with ``group_by`` one per story and an
    index with the roll-up across stories per outlet and per each ``compare_by`` column. Stories are
    written on ``processes`` cores (default: all), the files the same as one by one. Quotes are checked
    against ``sources`` (each story against those of no story or of its own, ``Source.story``).

    Returns the path of the report (or of the index).
    """
    directory = Path(directory)
    rollups = [rollup(tables, column) for column in dict.fromkeys(["outlet", *compare_by])] if group_by else []
    with swapped_folder(directory) as target:  # the folder appears whole, or stays as it was
        colours = charts.outlet_colours(outlets_of(tables))
        run = _Run(tables, target, group_by or "", colours, csv_raw, list(sources or []), every_quote)
        path = _write_run(run, progress, rollups, processes)
    return directory / path.relative_to(target)


@dataclass(frozen=True)
class _Run:
    """What every story of a run is written with."""

    tables: Tables
    directory: Path
    group_by: str
    colours: dict[str, str]
    csv_raw: bool
    sources: list[Source] = field(default_factory=list)
    every_quote: bool = False

    def sources_of(self, story: str | None) -> list[Source]:
        """The sources a story is checked against: in a grouped run those that name it, those found in the
        folder its articles were read from, and those of no story in particular (``Source.is_for``)."""
        if not self.group_by:
            return list(self.sources)
        values = self.tables.articles[self.group_by].astype("object")
        read_from = list(self.tables.articles.loc[values.astype(str).eq(str(story)), "source"].dropna().astype(str))
        return [s for s in self.sources if s.is_for(story, read_from)]


# The run being written, set before the story workers fork, so that they inherit its tables unpickled.
_CURRENT: list[_Run] = []


def _write_story(job: tuple[str, list[str], str]) -> tuple[dict, pd.DataFrame | None]:
    """Write one story's report into its folder; returns its row of the index and its fidelity table
    (with its story column; None when it has no sources)."""
    value, article_ids, folder = job
    run = _CURRENT[-1]
    part = run.tables.subset(article_ids)
    report = StoryReport(
        story_title(part.articles, run.group_by, value),
        part,
        colours=run.colours,
        story=(run.group_by, value),
        csv_raw=run.csv_raw,
        sources=run.sources_of(value),
        every_quote=run.every_quote,
    )
    report.write(inside(run.directory, folder))
    overview = report.comparison.overview
    shared = report.comparison.statements
    found = None
    if report.record is not None:
        found = report.record.fidelity
        found = found.assign(**{run.group_by: value})[[run.group_by, *found.columns]]
    row = {
        run.group_by: value,
        "title": report.title,
        "folder": folder,
        "outlets": len(report.comparison.outlets),
        "articles": len(part.articles),
        "quotes": int(overview["quotes"].sum()) if len(overview) else 0,
        "speakers": part.quotes["speaker_id"].nunique(),
        "shared_sentences": int(shared.loc[shared["outlets"] > 1, "statement"].nunique()) if len(shared) else 0,
    }
    return row, found


class _Sized:
    """An iterator that says how many items it will give (for a progress bar's total)."""

    def __init__(self, items, count: int) -> None:
        self.items, self.count = items, count

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return self.count


def _own_spool() -> None:
    _CURRENT[-1].tables.reopen_spool()


def _written_stories(
    run: _Run, jobs: list[tuple[str, list[str], str]], progress, processes: int | None
) -> list[tuple[dict, pd.DataFrame | None]]:
    """Each story written, on ``processes`` forked workers when there are several stories (each story's
    report is independent of the others'), else here; what ``_write_story`` returns, in story order."""
    import multiprocessing

    from quotes.engine import default_processes

    workers = min(default_processes() if processes is None else processes, len(jobs))
    _CURRENT.append(run)
    try:
        forks = "fork" in multiprocessing.get_all_start_methods() and Path("/proc/self/fd").is_dir()
        if workers <= 1 or not forks:
            return list(progress(_Sized(map(_write_story, jobs), len(jobs))))
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_own_spool) as pool:
            return list(progress(_Sized(pool.map(_write_story, jobs), len(jobs))))
    finally:
        _CURRENT.pop()


def _write_run(run: _Run, progress, rollups: list[Rollup], processes: int | None) -> Path:
    tables, directory, group_by, colours = run.tables, run.directory, run.group_by, run.colours
    if not group_by:
        title = story_title(tables.articles, None, None)
        report = StoryReport(
            title,
            tables,
            colours=colours,
            csv_raw=run.csv_raw,
            sources=run.sources_of(None),
            every_quote=run.every_quote,
        )
        return report.write(directory)
    folder_of = FileNamer()  # story values are data: '..', 'a/b' or 'index.html' never pick where a report goes
    jobs = [(value, ids, folder_of(value)) for value, ids in stories(tables, group_by)]
    written = _written_stories(run, jobs, progress, processes)
    rows = [row for row, _ in written]
    found = _run_fidelity(run, [part for _, part in written])
    index = RunIndex(group_by, pd.DataFrame(rows), list(colours), len(tables.articles), rollups, found)
    frames = {
        "stories": index.stories,
        "articles": tables.articles,
        "quotes": tables.quotes,
        "speakers": tables.speakers,
    }
    if found is not None:
        frames["fidelity"] = found
    for r in rollups:
        frames.update(r.frames())
    write_tables(frames, directory, run.csv_raw)
    chart_files = write_rollup_charts(rollups, directory)
    sections = index.sections()
    page = html.document(f"Stories by {group_by}", sections, chart_sources(directory, chart_files))
    write_atomic(directory / "index.html", lambda tmp: Path(tmp).write_text(page, encoding="utf-8"))
    path = directory / "index.md"
    text = markdown.render(sections, chart_files)
    write_atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return path


def _run_fidelity(run: _Run, parts: list[pd.DataFrame | None]) -> pd.DataFrame | None:
    """The stories' fidelity tables as one, in story order (None without sources)."""
    if not run.sources:
        return None
    parts = [part for part in parts if part is not None]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[run.group_by, *FIDELITY_COLUMNS])


def write_rollup_charts(rollups: list[Rollup], directory: Path) -> dict[str, str]:
    """The roll-up charts that have data; returns chart name -> file name."""
    drawn = {}
    for r in rollups:
        key = f"rollup_{r.column}"
        makers: dict[str, Callable[[], object]] = {}
        if len(r.summary):
            makers[f"{key}_rates"] = lambda r=r: charts.rollup_rates(r.summary, r.column)
        if len(r.kinds):
            makers[f"{key}_kinds"] = lambda r=r: charts.kind_mix(r.kinds)
        if len(r.cues):
            makers[f"{key}_cues"] = lambda r=r: charts.cue_classes(r.cues)
        drawn.update(_draw(makers, directory))
    return drawn


def _draw(makers: dict[str, Callable[[], object]], directory: Path) -> dict[str, str]:
    """Draw each chart into ``directory/NAME.png``; returns chart name -> file name."""
    namer = FileNamer(suffix=".png")  # a roll-up's chart is named after its column, which the data may name
    files = {name: f"{namer(name)}.png" for name in makers}
    for name, make in makers.items():
        charts.save(make(), inside(directory, files[name]))
    return files


def written_files(directory: Path | str) -> str:
    """What a report folder holds, in a line: its pages by name, then its charts, tables, page texts
    and story folders by count ('report.md, report.html, quotes.jsonl, 5 charts (PNG), 25 tables (CSV
    and Parquet)')."""
    directory = Path(directory)
    files = sorted(p.name for p in directory.iterdir() if p.is_file())
    named = [f for f in ("index.md", "index.html", "report.md", "report.html", "quotes.jsonl") if f in files]
    tables = {Path(f).stem for f in files if f.endswith((".csv", ".parquet"))}
    charts_drawn = [f for f in files if f.endswith(".png") and not f.startswith("page-")]
    parts = [*named]
    if charts_drawn:
        parts.append(_count(len(charts_drawn), "chart") + " (PNG)")
    if tables:
        parts.append(_count(len(tables), "table") + " (CSV and Parquet)")
    if (directory / "texts").is_dir():
        parts.append(_count(len(list((directory / "texts").iterdir())), "page text") + " (texts/)")
    folders = [p for p in directory.iterdir() if p.is_dir() and (p / "report.md").exists()]
    if folders:
        parts.append(_count(len(folders), "story folder") + ", each with its report.md, report.html, charts and tables")
    return ", ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
