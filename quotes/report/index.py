"""The index of a run grouped into stories: the stories by title, and the roll-up across them (per outlet,
and per any articles column asked for with ``--compare-by``), as sections the renderers read."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from quotes.fidelity import CLASSES, PARAPHRASES
from quotes.report.model import Bullets, Chart, Heading, Item, Link, Paragraph, Section, Table, text
from quotes.report.phrasing import names, percent, plural
from quotes.rollup import Rollup

TOP_SHOWN = 3  # speakers named per group in the roll-up's bullets


@dataclass
class RunIndex:
    """The index page of a grouped run: ``stories`` has one row per story (title, folder, counts)."""

    group_by: str
    stories: pd.DataFrame
    outlets: list[str]
    articles: int
    rollups: list[Rollup]
    fidelity: pd.DataFrame | None = None  # every story's quotes against its primary sources, when any

    def sections(self) -> list[Section]:
        rolled = [section for r in self.rollups for section in self.rollup(r)]
        record = [self.against_record()] if self.fidelity is not None else []
        return [self.heading(), *rolled, *record, self.files()]

    def against_record(self) -> Section:
        """Per outlet, across stories: how its quotes compare with the primary sources."""
        found = self.fidelity
        blocks = [Heading(2, "Against the record, across stories")]
        if found.empty:
            return Section("against_record", [*blocks, Paragraph(text("No quote is credited to a source's speaker."))])
        counts = pd.crosstab(found["outlet"], found["verdict"])
        counts = counts.reindex(columns=[c for c in CLASSES if c in counts.columns])
        quotes = counts[[c for c in counts.columns if c not in PARAPHRASES]].sum(axis=1)
        exact = counts["verbatim"] if "verbatim" in counts.columns else 0
        shown = counts.assign(**{"verbatim share": (exact / quotes.where(quotes > 0)).map(percent)}).reset_index()
        stories = found[self.group_by].nunique()
        said = (
            f"Quotes set beside the primary sources of {plural(stories, 'story', 'stories')}, per outlet (each story's"
            " report shows every quote beside its passage):"
        )
        return Section("against_record", [*blocks, Paragraph(text(said)), Table(shown)])

    def heading(self) -> Section:
        shown = self.stories.assign(
            story=[
                Link(t, f"{f}/report.md") for t, f in zip(self.stories["title"], self.stories["folder"], strict=True)
            ]
        )[["story", self.group_by, "outlets", "articles", "quotes", "speakers", "shared_sentences"]]
        return Section(
            "stories",
            [
                Heading(1, f"Stories by {self.group_by}"),
                Paragraph(
                    text(
                        f"{plural(len(self.stories), 'story', 'stories')}, {plural(self.articles, 'article')} from "
                        f"{plural(len(self.outlets), 'outlet')} ({names(self.outlets)}). The run's articles, quotes and"
                        " speakers tables are beside this index (speaker ids are the same in every story)."
                    )
                ),
                Table(shown.rename(columns={"shared_sentences": "shared sentences"})),
            ],
        )

    def rollup(self, rollup: Rollup) -> list[Section]:
        column, summary = rollup.column, rollup.summary
        key = f"rollup_{column}"
        blocks = [Heading(2, f"Across stories, by {column}")]
        if summary.empty:
            return [Section(key, [*blocks, Paragraph(text("No article could be read."))])]
        shown = summary.drop(columns="top_speakers").assign(
            direct_share=summary["direct_share"].map(percent),
            quoted_text_share=summary["quoted_text_share"].map(percent),
            anonymous_share=summary["anonymous_share"].map(percent),
        )
        blocks += [
            Paragraph(
                text(
                    f"Every story of the run added up per {column}: quotes per 1,000 words, the share of direct quotes,"
                    " of the text inside quotation marks and of quotes from anonymous sources."
                )
            ),
            Table(shown.rename(columns=lambda c: c.replace("_", " "))),
            Bullets(self._findings(rollup)),
            Chart(f"{key}_rates", f"Quotes per 1,000 words and anonymous share, by {column}"),
            Heading(3, "Speaker kinds"),
        ]
        if len(rollup.kinds):
            blocks += [Table(rollup.kinds.rename_axis(column).reset_index()), Chart(f"{key}_kinds", "Speaker kinds")]
        blocks.append(Heading(3, "Cue classes"))
        if len(rollup.cues):
            blocks += [Table(rollup.cues.rename_axis(column).reset_index()), Chart(f"{key}_cues", "Cue classes")]
        blocks.append(Heading(3, "Most quoted speakers"))
        items = []
        for group, top in rollup.speakers.groupby(column, sort=True):
            listed = [f"{r.speaker_name} ({r.speaker_kind}, {r.quotes})" for r in top.itertuples()]
            items.append(Item(text(f"{group}: {', '.join(listed)}.")))
        blocks.append(Bullets(items) if items else Paragraph(text("No quote has an identified speaker.")))
        return [Section(key, blocks)]

    @staticmethod
    def _findings(rollup: Rollup) -> list[Item]:
        summary, column = rollup.summary, rollup.column
        items = []
        if len(summary) < 2:
            return [Item(text(f"Only one {column} in this run: nothing to compare."))]
        for field, label, as_share in (
            ("quotes_per_1000_words", "Most quotes per 1,000 words", False),
            ("quoted_text_share", "Most text inside quotation marks", True),
            ("anonymous_share", "Most quotes from anonymous sources", True),
            ("direct_share", "Most direct quotes (of its quotes)", True),
        ):
            ranked = summary.dropna(subset=[field]).sort_values(field, ascending=False)
            if len(ranked) < 2:
                continue
            top, bottom = ranked.iloc[0], ranked.iloc[-1]

            def shown(row, field=field, as_share=as_share) -> str:
                return percent(row[field]) if as_share else f"{row[field]:.1f}"

            items.append(
                Item(text(f"{label}: {top[column]} ({shown(top)}); least: {bottom[column]} ({shown(bottom)})."))
            )
        for row in summary.itertuples():
            top = list(row.top_speakers)
            if top:
                items.append(Item(text(f"{getattr(row, column)} quotes most: {names(top[:TOP_SHOWN])}.")))
        return items

    def files(self) -> Section:
        tables = ["stories", "articles", "quotes", "speakers"]
        tables += [name for r in self.rollups for name in r.frames()]
        tables += ["fidelity"] if self.fidelity is not None else []
        return Section(
            "files",
            [
                Heading(2, "Tables"),
                Paragraph(
                    text(
                        "Beside this index, each as CSV and Parquet (column types in schema.json): "
                        + ", ".join(f"{name}.csv" for name in tables)
                        + ". Each story's folder holds its own report, page and tables."
                    )
                ),
            ],
        )
