"""The who-said-what report: markdown, charts and the tables behind them, per story.

Rendering only: every number and every sentence comes from a ``compare.Comparison`` table, and each
table is written beside the report so that a reader can trace it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from quotes import charts
from quotes.compare import UNCERTAIN, Comparison, compare, is_significant, outlets_of, statement_versions
from quotes.tables import Tables, write_atomic, write_frame, write_jsonl

DISPLAY_CHARS = 220  # quotes longer than this are shortened with … in the report (never in the tables)
TOP_TERMS = 8
NO_GROUP = "(none)"


def shorten(text: str, limit: int = DISPLAY_CHARS) -> str:
    """``text`` on one line, cut at a word boundary with … when longer than ``limit`` (display only)."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _shares_per_outlet(mix: pd.DataFrame, unit: str) -> list[str]:
    """'- CNN: person 60% and government 40% of 5 quotes.' for each row of an outlet-by-column count table."""
    lines = []
    for outlet, row in mix.iterrows():
        total = int(row.sum())
        parts = [f"{column} {_percent(count / total)}" for column, count in row.items() if count]
        lines.append(f"- {outlet}: {_names(parts)} of {_plural(total, unit)}." if total else f"- {outlet}: none.")
    return lines


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


def _percent(value) -> str:
    return "" if value is None or pd.isna(value) else f"{100 * value:.0f}%"


def _names(items: list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def speaker_label(name, kind) -> str:
    """A speaker as the report names them: the name, else why there is none."""
    if isinstance(name, str) and name:
        return name
    return "a speaker the tool is unsure of" if kind == UNCERTAIN else "an unidentified speaker"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


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

    def to_markdown(self, chart_files: dict[str, str] | None = None) -> str:
        """The report as markdown; ``chart_files`` (name -> path) are linked where they belong."""
        chart_files = chart_files or {}
        sections = [
            self._heading(),
            self._overview(),
            self._who_said_what(chart_files),
            self._voices(chart_files),
            self._shared_quotes(),
            self._media(),
            self._cues(chart_files),
            self._wording(chart_files),
            self._tone(),
            self._positions(chart_files),
            self._files(),
        ]
        return "\n\n".join(s.strip() for s in sections if s) + "\n"

    # --- sections ---------------------------------------------------------------------------------

    def _heading(self) -> str:
        articles = self.tables.articles
        ok = articles[articles["status"] == "ok"]
        lines = [
            f"# {self.title}",
            "",
            f"{_plural(len(ok), 'article')} from {_plural(len(self.comparison.outlets), 'outlet')} "
            f"({_names(self.comparison.outlets) or 'none'}). Every figure below is computed from the tables "
            "saved beside this report (CSV and Parquet); quotes are verbatim, shortened with … only for display.",
        ]
        failed = articles[articles["status"] == "error"]
        if len(failed):
            lines += [
                "",
                f"{_plural(len(failed), 'article')} could not be processed"
                f" and {'is' if len(failed) == 1 else 'are'} left out:",
            ]
            lines += [f"- `{row.article_id}`: {row.error}" for row in failed.itertuples()]
        return "\n".join(lines)

    def _overview(self) -> str:
        table = self.comparison.overview
        if table.empty:
            return "## Overview\n\nNo article could be read."
        shown = table.assign(
            direct_share=table["direct_share"].map(_percent), quoted_text_share=table["quoted_text_share"].map(_percent)
        ).rename(
            columns={
                "unknown_speaker": "unknown speaker",
                "uncertain_speaker": "speaker uncertain",
                "direct_share": "direct share",
                "quoted_text_share": "quoted text",
            }
        )
        lines = ["## Overview", "", markdown_table(shown), ""]
        for row in table.itertuples():
            lines.append(
                f"- {row.outlet}: {_plural(row.quotes, 'quote')} from {_plural(row.speakers, 'identified speaker')}"
                f" in {_plural(row.words, 'word')}; {row.direct} direct, {row.mixed} mixed, {row.indirect} reported"
                + (
                    f"; {_percent(row.quoted_text_share)} of its text is inside quotation marks."
                    if row.quoted_text_share is not None
                    else "."
                )
            )
        if len(table) > 1 and table["quotes"].sum():
            per_1000 = table.assign(rate=1000 * table["quotes"] / table["words"].clip(lower=1)).sort_values(
                "rate", ascending=False
            )
            top, bottom = per_1000.iloc[0], per_1000.iloc[-1]
            lines.append(
                f"- Most quotes per 1,000 words: {top['outlet']} ({top['rate']:.1f});"
                f" fewest: {bottom['outlet']} ({bottom['rate']:.1f})."
            )
        return "\n".join(lines)

    def _who_said_what(self, chart_files: dict[str, str]) -> str:
        c = self.comparison
        lines = ["## Who said what", ""]
        if c.voices.empty:
            return "\n".join(lines + ["No quote has an identified speaker."])
        matrix = c.quotes_matrix.copy()
        words = c.words_matrix.reindex(index=matrix.index, columns=matrix.columns, fill_value=0)
        cells = matrix.astype(str) + " (" + words.astype(str) + " words)"
        cells = cells.where(matrix > 0, "–")
        kinds = c.voices.drop_duplicates("speaker_name").set_index("speaker_name")["speaker_kind"]
        cells.insert(0, "kind", [kinds.get(name, "") for name in cells.index])
        lines += [
            "Quotes (and quoted words) per speaker and outlet:",
            "",
            markdown_table(cells.rename_axis("speaker").reset_index()),
            "",
        ]
        if "quotes_per_speaker" in chart_files:
            lines += [f"![Quotes per speaker and outlet]({chart_files['quotes_per_speaker']})", ""]
        quotes = self.tables.quotes.sort_values(["outlet", "article_id", "start"])
        unsure = quotes.set_index(["article_id", "quote_index"]).index.isin(
            c.uncertain_speakers.set_index(["article_id", "quote_index"]).index
        )
        for outlet in c.outlets:
            mine = quotes[(quotes["outlet"] == outlet) & ~unsure]
            uncertain = quotes[(quotes["outlet"] == outlet) & unsure]
            lines += [f"### {outlet}", ""]
            if mine.empty and uncertain.empty:
                lines += ["No quotes found.", ""]
                continue
            for _, said in mine[mine["speaker_id"].notna()].groupby("speaker_id", sort=False):
                first = said.iloc[0]
                title = (
                    f", {first['speaker_title']}"
                    if isinstance(first["speaker_title"], str) and first["speaker_title"]
                    else ""
                )
                lines.append(
                    f"- **{first['speaker_name']}** ({first['speaker_kind']}{title}), {_plural(len(said), 'quote')}:"
                )
                lines += [f"  - {self._quote_line(row)}" for row in said.itertuples()]
            if len(uncertain):
                lines.append(
                    f"- Speaker uncertain ({_plural(len(uncertain), 'quote')}, in no comparison below; the tool's"
                    " reading and how it was reached in brackets):"
                )
                lines += [
                    f"  - {self._quote_line(row)} [{row.speaker_name}?, by {row.speaker_resolution}]"
                    for row in uncertain.itertuples()
                ]
            unknown = mine[mine["speaker_id"].isna()]
            if len(unknown):
                lines.append(f"- Speaker not identified ({_plural(len(unknown), 'quote')}, not counted as a voice):")
                lines += [f"  - {self._quote_line(row)}" for row in unknown.itertuples()]
            lines.append("")
        return "\n".join(lines)

    @staticmethod
    def _quote_line(row) -> str:
        cue = f"*{row.cue.strip()}*" if isinstance(row.cue, str) and row.cue.strip() else "*(no cue)*"
        via = f" via {row.via}" if isinstance(row.via, str) and row.via else ""
        mention = f" as “{shorten(row.speaker, 60)}”" if isinstance(row.speaker, str) and row.speaker else ""
        return f"{row.type}, {cue}{mention}{via}: {shorten(row.content)}"

    def _voices(self, chart_files: dict[str, str]) -> str:
        c = self.comparison
        lines = ["## Voices", ""]
        if c.kind_mix.empty:
            return "\n".join(lines + ["No quotes, so no voices."])
        lines += ["Quotes per speaker kind (unknown: no speaker identified; not counted as a voice elsewhere):", ""]
        lines += [markdown_table(c.kind_mix.rename_axis("outlet").reset_index()), ""]
        lines += _shares_per_outlet(c.kind_mix, "quote")
        if "speaker_kinds" in chart_files:
            lines += ["", f"![Speaker kinds per outlet]({chart_files['speaker_kinds']})"]
        lines += ["", "### Parties and bodies of the people quoted", ""]
        if c.affiliation_mix.empty:
            lines.append("No text says which party or body the people it quotes belong to.")
        else:
            lines += ["Quotes by people the text ties to a party or body ('(D-N.Y.)', 'Republican Sen.'):", ""]
            lines += [markdown_table(c.affiliation_mix.rename_axis("outlet").reset_index()), ""]
            lines += _shares_per_outlet(c.affiliation_mix, "such quote")
        lines += ["", "### Quoted first", ""]
        if c.first_quoted.empty:
            lines.append("No article quotes an identified speaker.")
        else:
            shown = c.first_quoted.assign(position=c.first_quoted["position"].map(_percent))
            lines += [
                markdown_table(
                    shown.rename(columns={"speaker_name": "first speaker", "speaker_kind": "kind", "position": "at"})
                )
            ]
        lines += ["", "### Quoted by one outlet only", ""]
        if len(c.outlets) < 2:
            lines.append("Only one outlet in this story: nothing to compare.")
        elif c.single_outlet_speakers.empty:
            lines.append("Every identified speaker is quoted by more than one outlet.")
        else:
            for outlet, alone in c.single_outlet_speakers.groupby("outlet", sort=True):
                named = [
                    f"{r.speaker_name} ({r.speaker_kind}, {_plural(r.quotes, 'quote')})" for r in alone.itertuples()
                ]
                lines.append(f"- Only {outlet} quotes {_names(named)}.")
        return "\n".join(lines)

    def _shared_quotes(self) -> str:
        c = self.comparison
        lines = ["## Shared quotes", ""]
        if len(c.outlets) < 2:
            return "\n".join(lines + ["Only one outlet in this story: nothing to compare."])
        shared = c.statements[c.statements["outlets"] > 1]
        if shared.empty:
            lines += ["No quoted sentence appears in more than one outlet.", ""]
        else:
            count = shared["statement"].nunique()
            lines += [
                f"{_plural(count, 'quoted sentence')} {'appears' if count == 1 else 'appear'}"
                " in more than one outlet (fuzzy match of the quoted words):",
                "",
            ]
        for number, versions in statement_versions(c.statements).groupby("statement", sort=True):
            lines += [f"### “{shorten(versions.iloc[0]['text'], 90)}”", ""]
            shown = versions.assign(
                speaker=[
                    speaker_label(n, k) for n, k in zip(versions["speaker_name"], versions["speaker_kind"], strict=True)
                ]
            )[["outlet", "speaker", "cue", "text"]]
            lines += [markdown_table(shown), ""]
            differently = c.attributed_differently[c.attributed_differently["statement"] == number]
            if not differently.empty:
                said = [
                    f"{_names(list(g['outlet']))} to {name}"
                    for name, g in differently.groupby("speaker_name", sort=False)
                ]
                lines += [f"Attributed differently: {'; '.join(said)}.", ""]
            diffs = c.wording_differences[c.wording_differences["statement"] == number]
            if diffs.empty:
                lines += ["Same wording in every outlet (quotation marks and case aside).", ""]
                continue
            lines.append("Differences:")
            for row in diffs.itertuples():
                if row.change == "extent":
                    lines.append(f"- {row.other_outlet} quotes a different part of it than {row.outlet} (see above).")
                    continue
                mine = f"“{row.outlet_has}”" if row.outlet_has else "nothing"
                theirs = f"“{row.other_has}”" if row.other_has else "nothing"
                lines.append(f"- {row.outlet} has {mine} where {row.other_outlet} has {theirs}.")
            lines.append("")
        lines += ["### Sentences one outlet leaves out", ""]
        if c.left_out.empty:
            lines.append("Where outlets carry the same quote, none leaves out a sentence the other carries.")
        else:
            for row in c.left_out.itertuples():
                lines.append(
                    f"- {row.outlet}'s quote of {speaker_label(row.speaker_name, row.speaker_kind)} goes on,"
                    f" {row.other_outlet} leaves out:"
                    f" “{shorten(row.text)}”"
                )
        lines += ["", "### Quotes only one outlet carries", ""]
        if c.single_outlet_quotes.empty:
            lines.append("Every direct or mixed quote is carried by at least two outlets.")
        else:
            for outlet, alone in c.single_outlet_quotes.groupby("outlet", sort=True):
                lines.append(f"- Only in {outlet} ({_plural(len(alone), 'quote')}):")
                for row in alone.itertuples():
                    speaker = speaker_label(row.speaker_name, row.speaker_kind)
                    lines.append(f"  - {speaker}, *{str(row.cue or '').strip()}*: {shorten(row.content)}")
        return "\n".join(lines)

    def _media(self) -> str:
        c = self.comparison
        lines = ["## Other media named", ""]
        if c.media_mentions.empty:
            return "\n".join(lines + ["No article names another outlet, a news agency or a credit line."])
        shown = c.media_mentions[["outlet", "mentioned", "role", "mention"]].drop_duplicates()
        lines += [markdown_table(shown), ""]
        others = shown[shown["mentioned"] != shown["outlet"]]
        for outlet in c.outlets:
            named = others[others["outlet"] == outlet]
            own = shown[(shown["outlet"] == outlet) & (shown["mentioned"] == outlet)]
            if len(own):
                lines.append(f"- {outlet}'s text names {outlet} itself ({', '.join(sorted(set(own['role'])))}).")
            if named.empty:
                lines.append(f"- {outlet} names no other outlet.")
                continue
            items = [f"{m} ({', '.join(sorted(set(g['role'])))})" for m, g in named.groupby("mentioned", sort=True)]
            named_elsewhere = set(others.loc[others["outlet"] != outlet, "mentioned"])
            alone = sorted(set(named["mentioned"]) - named_elsewhere)
            note = f"; only {outlet} names {_names(alone)}" if alone and len(c.outlets) > 1 else ""
            lines.append(f"- {outlet} names {_names(items)}{note}.")
        return "\n".join(lines)

    def _cues(self, chart_files: dict[str, str]) -> str:
        c = self.comparison
        lines = ["## Cue verbs", ""]
        if c.cue_verbs.empty:
            return "\n".join(lines + ["No cue found."])
        lines += ["Quotes per cue class (neutral: say, tell, add...; evaluative: claim, warn, insist...):", ""]
        lines += [markdown_table(c.cue_classes.rename_axis("outlet").reset_index()), ""]
        for outlet, cues in c.cue_verbs.groupby("outlet", sort=True):
            used = [
                f"{r.cue} ×{r.quotes}" + (f" ({r.cue_class})" if r.cue_class != "neutral" else "")
                for r in cues.itertuples()
            ]
            lines.append(f"- {outlet}: {', '.join(used)}.")
            only = cues[cues["only_this_outlet"]]
            if len(only):
                lines.append(f"  - used by {outlet} alone: {', '.join(dict.fromkeys(only['cue']))}.")
        if "cue_classes" in chart_files:
            lines += ["", f"![Cue classes per outlet]({chart_files['cue_classes']})"]
        return "\n".join(lines)

    def _wording(self, chart_files: dict[str, str]) -> str:
        c = self.comparison
        lines = [
            "## Distinctive wording",
            "",
            "Terms each outlet uses more than the others, by weighted log-odds with an informative Dirichlet prior "
            "(Monroe, Colaresi & Quinn 2008), one outlet against the rest; z above 1.96 marked with *.",
        ]
        if len(c.outlets) < 2:
            return "\n".join(lines + ["", "Only one outlet in this story: nothing to compare."])
        for part, table in (("quoted", c.distinctive_quoted), ("narrative", c.distinctive_narrative)):
            lines += ["", f"### In {part} text", ""]
            if table.empty:
                lines.append(f"No {part} text to compare.")
                continue
            for outlet, terms in table.groupby("outlet", sort=True):
                shown = [
                    f"{r.term} ({r.z:+.1f}{'*' if is_significant(r.z) else ''})"
                    for r in terms.head(TOP_TERMS).itertuples()
                ]
                lines.append(f"- {outlet}: {', '.join(shown)}")
            significant = table[table["z"].map(is_significant)]
            if significant.empty:
                lines.append(
                    f"- No {part} term reaches z 1.96: the texts are too short or too alike"
                    " for any difference to stand out."
                )
        if "distinctive_terms" in chart_files:
            lines += ["", f"![Distinctive terms per outlet]({chart_files['distinctive_terms']})"]
        return "\n".join(lines)

    def _tone(self) -> str:
        c = self.comparison
        lines = ["## Tone", ""]
        if c.tone.empty:
            return "\n".join(lines + ["No sentence to score."])
        table = c.tone.pivot_table(index="outlet", columns="part", values=["tone", "sentences"])
        rows = []
        for outlet in table.index:
            row = {"outlet": outlet}
            for part in ("quoted", "narrative"):
                if ("tone", part) in table.columns and pd.notna(table.loc[outlet, ("tone", part)]):
                    row[f"{part} tone"] = f"{table.loc[outlet, ('tone', part)]:+.2f}"
                    row[f"{part} sentences"] = int(table.loc[outlet, ("sentences", part)])
            rows.append(row)
        lines += [
            "Mean VADER compound score per sentence (-1 most negative, +1 most positive) of the quoted text "
            "and of the outlet's own narrative:",
            "",
            markdown_table(pd.DataFrame(rows)),
            "",
        ]
        for part in ("narrative", "quoted"):
            scores = c.tone[c.tone["part"] == part].sort_values("tone")
            if len(scores) > 1:
                low, high = scores.iloc[0], scores.iloc[-1]
                lines.append(
                    f"- {part.capitalize()}: lowest {low['outlet']} ({low['tone']:+.2f}), "
                    f"highest {high['outlet']} ({high['tone']:+.2f})."
                )
        return "\n".join(lines)

    def _positions(self, chart_files: dict[str, str]) -> str:
        quotes = self.tables.quotes
        lines = ["## Where quotes fall", ""]
        if quotes.empty:
            return "\n".join(lines + ["No quotes."])
        for outlet, mine in quotes.groupby("outlet", sort=True):
            first_half = (mine["position"] < 0.5).mean()
            lines.append(
                f"- {outlet}: {_percent(first_half)} of its quotes in the first half of the article;"
                f" median position {mine['position'].median():.2f}."
            )
        if "positions" in chart_files:
            lines += ["", f"![Where quotes fall in each article]({chart_files['positions']})"]
        return "\n".join(lines)

    def _files(self) -> str:
        names = ", ".join(f"`{name}.csv`" for name in self.table_frames())
        return (
            f"## Tables\n\nBeside this report, each as CSV and Parquet: {names}; and `quotes.jsonl`, the quotes"
            " in standoff form (character offsets into each text). Columns are documented in the README."
        )


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
            f"{_plural(len(index), 'story', 'stories')}, {_plural(len(tables.articles), 'article')} from "
            f"{_plural(len(colours), 'outlet')} ({_names(list(colours))}). The run's articles, quotes and speakers "
            "tables are beside this index (speaker ids are the same in every story).",
            "",
            markdown_table(index),
            "",
        ]
    )
    path = directory / "index.md"
    write_atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return path
