"""The report's sections, built as data (``model``) from one story's tables and their comparison.

Every number and sentence comes from a ``compare.Comparison`` table; claims about the articles carry
the spans of text they are drawn from.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from quotes.against import AgainstRecord
from quotes.compare import UNCERTAIN, Comparison, is_significant, other_versions, statement_versions
from quotes.report.against import against_record
from quotes.report.model import (
    Bullets,
    Chart,
    Code,
    Emph,
    Heading,
    Item,
    Paragraph,
    Section,
    Span,
    Strong,
    Table,
    text,
)
from quotes.report.phrasing import names, percent, plural, shorten
from quotes.tables import Tables

TOP_TERMS = 8


def speaker_label(name, kind) -> str:
    """A speaker as the report names them: the name, else why there is none."""
    if isinstance(name, str) and name:
        return name
    return "a speaker the tool is unsure of" if kind == UNCERTAIN else "an unidentified speaker"


def quote_spans(quotes: pd.DataFrame) -> tuple[Span, ...]:
    """The text of each quote (its content span)."""
    return tuple(
        Span(str(a), int(s), int(e))
        for a, s, e in zip(quotes["article_id"], quotes["start"], quotes["end"], strict=True)
    )


def _spans_each(rows: pd.DataFrame) -> list[tuple[Span, ...]]:
    """One span per row, for a table whose rows are text spans."""
    return [(span,) for span in quote_spans(rows)]


def _shares_per_outlet(mix: pd.DataFrame, unit: str) -> list[Item]:
    """'CNN: person 60% and government 40% of 5 quotes.' for each row of an outlet-by-column count table."""
    items = []
    for outlet, row in mix.iterrows():
        total = int(row.sum())
        parts = [f"{column} {percent(count / total)}" for column, count in row.items() if count]
        items.append(Item(text(f"{outlet}: {names(parts)} of {plural(total, unit)}." if total else f"{outlet}: none.")))
    return items


# What the wording and tone sections say of tables extracted without wording profiles.
NO_PROFILE = (
    "Not computed: these tables were extracted without wording profiles; extract with"
    " quotes.extract(paths, profile=True), as quotes report does, to see this section."
)


@dataclass
class StorySections:
    """Builds the sections of one story's report."""

    title: str
    tables: Tables
    comparison: Comparison
    table_names: list[str]
    record: AgainstRecord | None = None  # the quotes against the primary sources, when there are any

    def _unprofiled(self) -> bool:
        """True when the tables were extracted without wording profiles (``quotes.extract`` without
        ``profile=True``): the wording and tone sections have nothing to show, and say why."""
        ok = self.tables.articles["status"] == "ok"
        return self.tables.text_parts.empty and bool((self.tables.articles.loc[ok, "words"] > 0).any())

    def sections(self) -> list[Section]:
        return [
            self.heading(),
            self.overview(),
            self.who_said_what(),
            self.voices(),
            self.shared_quotes(),
            *([against_record(self.record, self.tables)] if self.record is not None else []),
            self.media(),
            self.cues(),
            self.wording(),
            self.tone(),
            self.positions(),
            self.files(),
        ]

    def heading(self) -> Section:
        articles = self.tables.articles
        ok = articles[articles["status"] == "ok"]
        outlets = self.comparison.outlets
        blocks = [
            Heading(1, self.title),
            Paragraph(
                text(
                    f"{plural(len(ok), 'article')} from {plural(len(outlets), 'outlet')} "
                    f"({_some(outlets) or 'none'}). Every figure below is computed from the tables "
                    "saved beside this report (CSV and Parquet); quotes are verbatim, shortened with … only"
                    " for display."
                )
            ),
        ]
        failed = articles[articles["status"] == "error"]
        if len(failed):
            intro = text(
                f"{plural(len(failed), 'article')} could not be processed"
                f" and {'is' if len(failed) == 1 else 'are'} left out:"
            )
            items = [Item(text(Code(str(row.article_id)), f": {row.error}")) for row in failed.itertuples()]
            blocks.append(Bullets(items, intro=intro))
        left_out = int(articles["left_out"].fillna(0).sum()) if "left_out" in articles else 0
        if left_out:
            blocks.append(
                Paragraph(
                    text(
                        f"{plural(left_out, 'attribution')} found with a confidence under the run's"
                        " --min-confidence are left out of every table and figure below."
                    )
                )
            )
        return Section("heading", blocks)

    def overview(self) -> Section:
        table = self.comparison.overview
        if table.empty:
            return Section("overview", [Heading(2, "Overview"), Paragraph(text("No article could be read."))])
        shown = table.assign(
            direct_share=table["direct_share"].map(percent), quoted_text_share=table["quoted_text_share"].map(percent)
        ).rename(
            columns={
                "unknown_speaker": "unknown speaker",
                "uncertain_speaker": "speaker uncertain",
                "direct_share": "direct share",
                "quoted_text_share": "quoted text",
            }
        )
        items = []
        for row in table.itertuples():
            items.append(
                Item(
                    text(
                        f"{row.outlet}: {plural(row.quotes, 'quote')} from {plural(row.speakers, 'identified speaker')}"
                        f" in {plural(row.words, 'word')}; {row.direct} direct, {row.mixed} mixed,"
                        f" {row.indirect} reported"
                        + (
                            f"; {percent(row.quoted_text_share)} of its text is inside quotation marks."
                            if row.quoted_text_share is not None
                            else "."
                        )
                    )
                )
            )
        if len(table) > 1 and table["quotes"].sum():
            per_1000 = table.assign(rate=1000 * table["quotes"] / table["words"].clip(lower=1)).sort_values(
                "rate", ascending=False
            )
            top, bottom = per_1000.iloc[0], per_1000.iloc[-1]
            items.append(
                Item(
                    text(
                        f"Most quotes per 1,000 words: {top['outlet']} ({top['rate']:.1f});"
                        f" fewest: {bottom['outlet']} ({bottom['rate']:.1f})."
                    )
                )
            )
        return Section("overview", [Heading(2, "Overview"), Table(shown), Bullets(items)])

    def who_said_what(self) -> Section:
        c = self.comparison
        blocks = [Heading(2, "Who said what")]
        if c.voices.empty:
            return Section("who_said_what", [*blocks, Paragraph(text("No quote has an identified speaker."))])
        quotes = self.tables.quotes.sort_values(["outlet", "article_id", "start"])
        unsure = quotes.set_index(["article_id", "quote_index"]).index.isin(
            c.uncertain_speakers.set_index(["article_id", "quote_index"]).index
        )
        matrix = c.quotes_matrix.copy()
        words = c.words_matrix.reindex(index=matrix.index, columns=matrix.columns, fill_value=0)
        cells = matrix.astype(str) + " (" + words.astype(str) + " words)"
        cells = cells.where(matrix > 0, "–")
        kinds = c.voices.drop_duplicates("speaker_id").set_index("speaker_id")["speaker_kind"]
        cells.insert(0, "kind", [kinds.get(speaker_id, "") for speaker_id, _ in cells.index])
        counted = quotes[~unsure & quotes["speaker_id"].notna()]
        cell_spans = {}
        for row, (speaker_id, _) in enumerate(matrix.index):
            for outlet in matrix.columns:
                said = counted[(counted["speaker_id"] == speaker_id) & (counted["outlet"] == outlet)]
                if len(said):
                    cell_spans[(row, outlet)] = quote_spans(said)
        shown = cells.reset_index(level="speaker_id", drop=True).rename_axis("speaker").reset_index()
        blocks += [
            Paragraph(text("Quotes (and quoted words) per speaker and outlet:")),
            Table(shown, cell_spans=cell_spans),
            Chart("quotes_per_speaker", "Quotes per speaker and outlet"),
        ]
        for outlet in c.outlets:
            mine = quotes[(quotes["outlet"] == outlet) & ~unsure]
            uncertain = quotes[(quotes["outlet"] == outlet) & unsure]
            blocks.append(Heading(3, outlet))
            if mine.empty and uncertain.empty:
                blocks.append(Paragraph(text("No quotes found.")))
                continue
            items = []
            for _, said in mine[mine["speaker_id"].notna()].groupby("speaker_id", sort=False):
                first = said.iloc[0]
                title = (
                    f", {first['speaker_title']}"
                    if isinstance(first["speaker_title"], str) and first["speaker_title"]
                    else ""
                )
                items.append(
                    Item(
                        text(
                            Strong(str(first["speaker_name"])),
                            f" ({first['speaker_kind']}{title}), {plural(len(said), 'quote')}:",
                        ),
                        [self._quote_item(row) for row in said.itertuples()],
                        quote_spans(said),
                    )
                )
            if len(uncertain):
                items.append(
                    Item(
                        text(
                            f"Speaker uncertain ({plural(len(uncertain), 'quote')}, in no comparison below; the tool's"
                            " reading and how it was reached in brackets):"
                        ),
                        [
                            self._quote_item(row, f" [{row.speaker_name}?, by {row.speaker_resolution}]")
                            for row in uncertain.itertuples()
                        ],
                        quote_spans(uncertain),
                    )
                )
            unknown = mine[mine["speaker_id"].isna()]
            if len(unknown):
                items.append(
                    Item(
                        text(f"Speaker not identified ({plural(len(unknown), 'quote')}, not counted as a voice):"),
                        [self._quote_item(row) for row in unknown.itertuples()],
                        quote_spans(unknown),
                    )
                )
            blocks.append(Bullets(items))
        return Section("who_said_what", blocks)

    @staticmethod
    def _quote_item(row, note: str = "") -> Item:
        cue = Emph(row.cue.strip()) if isinstance(row.cue, str) and row.cue.strip() else Emph("(no cue)")
        via = f" via {row.via}" if isinstance(row.via, str) and row.via else ""
        mention = f" as “{shorten(row.speaker, 60)}”" if isinstance(row.speaker, str) and row.speaker else ""
        spans = (Span(str(row.article_id), int(row.start), int(row.end)),)
        return Item(text(f"{row.type}, ", cue, f"{mention}{via}: {shorten(row.content)}{note}"), spans=spans)

    def _speaker_quotes(self, outlet: str, speaker_name: str) -> tuple[Span, ...]:
        quotes = self.tables.quotes
        return quote_spans(quotes[(quotes["outlet"] == outlet) & (quotes["speaker_name"] == speaker_name)])

    def voices(self) -> Section:
        c = self.comparison
        blocks = [Heading(2, "Voices")]
        if c.kind_mix.empty:
            return Section("voices", [*blocks, Paragraph(text("No quotes, so no voices."))])
        blocks += [
            Paragraph(
                text("Quotes per speaker kind (unknown: no speaker identified; not counted as a voice elsewhere):")
            ),
            Table(c.kind_mix.rename_axis("outlet").reset_index()),
            Bullets(_shares_per_outlet(c.kind_mix, "quote")),
            Chart("speaker_kinds", "Speaker kinds per outlet"),
            Heading(3, "Parties and bodies of the people quoted"),
        ]
        if c.affiliation_mix.empty:
            blocks.append(Paragraph(text("No text says which party or body the people it quotes belong to.")))
        else:
            blocks += [
                Paragraph(text("Quotes by people the text ties to a party or body ('(D-N.Y.)', 'Republican Sen.'):")),
                Table(c.affiliation_mix.rename_axis("outlet").reset_index()),
                Bullets(_shares_per_outlet(c.affiliation_mix, "such quote")),
            ]
        blocks.append(Heading(3, "Quoted first"))
        if c.first_quoted.empty:
            blocks.append(Paragraph(text("No article quotes an identified speaker.")))
        else:
            shown = c.first_quoted.drop(columns="speaker_id").assign(position=c.first_quoted["position"].map(percent))
            blocks.append(
                Table(shown.rename(columns={"speaker_name": "first speaker", "speaker_kind": "kind", "position": "at"}))
            )
        blocks.append(Heading(3, "Quoted by one outlet only"))
        if len(c.outlets) < 2:
            blocks.append(Paragraph(text("Only one outlet in this story: nothing to compare.")))
        elif c.single_outlet_speakers.empty:
            blocks.append(Paragraph(text("Every identified speaker is quoted by more than one outlet.")))
        else:
            items = []
            for outlet, alone in c.single_outlet_speakers.groupby("outlet", sort=True):
                named = [
                    f"{r.speaker_name} ({r.speaker_kind}, {plural(r.quotes, 'quote')})" for r in alone.itertuples()
                ]
                spans = tuple(s for r in alone.itertuples() for s in self._speaker_quotes(outlet, r.speaker_name))
                items.append(Item(text(f"Only {outlet} quotes {names(named)}."), spans=spans))
            blocks.append(Bullets(items))
        return Section("voices", blocks)

    def shared_quotes(self) -> Section:
        c = self.comparison
        blocks = [Heading(2, "Shared quotes")]
        if len(c.outlets) < 2:
            return Section(
                "shared_quotes", [*blocks, Paragraph(text("Only one outlet in this story: nothing to compare."))]
            )
        shared = c.statements[c.statements["outlets"] > 1]
        if shared.empty:
            blocks.append(Paragraph(text("No quoted sentence appears in more than one outlet.")))
        else:
            count = shared["statement"].nunique()
            blocks.append(
                Paragraph(
                    text(
                        f"{plural(count, 'quoted sentence')} {'appears' if count == 1 else 'appear'}"
                        " in more than one outlet (fuzzy match of the quoted words):"
                    )
                )
            )
        for number, versions in statement_versions(c.statements).groupby("statement", sort=True):
            # every sentence of the statement, in every outlet and quote that carries it
            carried = quote_spans(shared[shared["statement"] == number])
            blocks.append(Heading(3, f"“{shorten(versions.iloc[0]['text'], 90)}”", carried))
            shown = versions.assign(
                speaker=[
                    speaker_label(n, k) for n, k in zip(versions["speaker_name"], versions["speaker_kind"], strict=True)
                ]
            )[["outlet", "speaker", "cue", "text"]]
            blocks.append(Table(shown.reset_index(drop=True), row_spans=dict(enumerate(_spans_each(versions)))))
            differently = c.attributed_differently[c.attributed_differently["statement"] == number]
            if not differently.empty:
                said = [
                    f"{names(list(g['outlet']))} to {name}"
                    for name, g in differently.groupby("speaker_name", sort=False)
                ]
                blocks.append(Paragraph(text(f"Attributed differently: {'; '.join(said)}."), quote_spans(differently)))
            diffs = c.wording_differences[c.wording_differences["statement"] == number]
            if diffs.empty:
                blocks.append(Paragraph(text("Same wording in every outlet (quotation marks and case aside).")))
                continue
            items = []
            for row in diffs.itertuples():
                spans = (
                    Span(str(row.article_id), int(row.start), int(row.end)),
                    Span(str(row.other_article_id), int(row.other_start), int(row.other_end)),
                )
                if row.change == "extent":
                    items.append(Item(text(_extent_line(row)), spans=spans))
                    continue
                mine = f"“{row.outlet_has}”" if row.outlet_has else "nothing"
                theirs = f"“{row.other_has}”" if row.other_has else "nothing"
                items.append(Item(text(f"{row.outlet} has {mine} where {row.other_outlet} has {theirs}."), spans=spans))
            blocks.append(Bullets(items, intro=text("Differences:")))
        blocks.append(Heading(3, "Sentences one outlet leaves out"))
        if c.left_out.empty:
            blocks.append(
                Paragraph(text("Where outlets carry the same quote, none leaves out a sentence the other carries."))
            )
        else:
            items = [
                Item(
                    text(
                        f"{row.outlet}'s quote of {speaker_label(row.speaker_name, row.speaker_kind)} goes on,"
                        f" {row.other_outlet} leaves out: “{shorten(row.text)}”"
                    ),
                    spans=(Span(str(row.article_id), int(row.start), int(row.end)), *self._versions_in(row)),
                )
                for row in c.left_out.itertuples()
            ]
            blocks.append(Bullets(items))
        blocks.append(Heading(3, "Quotes only one outlet carries"))
        if c.single_outlet_quotes.empty:
            blocks.append(Paragraph(text("Every direct or mixed quote is carried by at least two outlets.")))
        else:
            items = []
            for outlet, alone in c.single_outlet_quotes.groupby("outlet", sort=True):
                children = [
                    Item(
                        text(
                            f"{speaker_label(row.speaker_name, row.speaker_kind)}, ",
                            Emph(str(row.cue or "").strip()),
                            f": {shorten(row.content)}",
                        ),
                        spans=(Span(str(row.article_id), int(row.start), int(row.end)),),
                    )
                    for row in alone.itertuples()
                ]
                said = text(f"Only in {outlet} ({plural(len(alone), 'quote')}):")
                items.append(Item(said, children, quote_spans(alone)))
            blocks.append(Bullets(items))
        return Section("shared_quotes", blocks)

    def _versions_in(self, left_out_row) -> tuple[Span, ...]:
        """The other outlet's sentences of the statements the quote a sentence is left out of shares."""
        return quote_spans(other_versions(self.comparison.statements, left_out_row))

    def media(self) -> Section:
        c = self.comparison
        blocks = [Heading(2, "Other media named")]
        if c.media_mentions.empty:
            return Section(
                "media", [*blocks, Paragraph(text("No article names another outlet, a news agency or a credit line."))]
            )
        mentions = c.media_mentions
        shown = mentions[["outlet", "mentioned", "role", "mention"]].drop_duplicates()
        others = shown[shown["mentioned"] != shown["outlet"]]
        items = []
        for outlet in c.outlets:
            named = others[others["outlet"] == outlet]
            own = shown[(shown["outlet"] == outlet) & (shown["mentioned"] == outlet)]
            if len(own):
                spans = quote_spans(mentions[(mentions["outlet"] == outlet) & (mentions["mentioned"] == outlet)])
                items.append(
                    Item(
                        text(f"{outlet}'s text names {outlet} itself ({', '.join(sorted(set(own['role'])))})."),
                        spans=spans,
                    )
                )
            if named.empty:
                items.append(Item(text(f"{outlet} names no other outlet.")))
                continue
            listed = [f"{m} ({', '.join(sorted(set(g['role'])))})" for m, g in named.groupby("mentioned", sort=True)]
            named_elsewhere = set(others.loc[others["outlet"] != outlet, "mentioned"])
            alone = sorted(set(named["mentioned"]) - named_elsewhere)
            note = f"; only {outlet} names {names(alone)}" if alone and len(c.outlets) > 1 else ""
            spans = quote_spans(mentions[(mentions["outlet"] == outlet) & (mentions["mentioned"] != outlet)])
            items.append(Item(text(f"{outlet} names {names(listed)}{note}."), spans=spans))
        return Section("media", [*blocks, Table(shown), Bullets(items)])

    def cues(self) -> Section:
        c = self.comparison
        blocks = [Heading(2, "Cue verbs")]
        if c.cue_verbs.empty:
            return Section("cues", [*blocks, Paragraph(text("No cue found."))])
        blocks += [
            Paragraph(text("Quotes per cue class (neutral: say, tell, add...; evaluative: claim, warn, insist...):")),
            Table(c.cue_classes.rename_axis("outlet").reset_index()),
        ]
        items = []
        for outlet, cues in c.cue_verbs.groupby("outlet", sort=True):
            used = [
                f"{r.cue} ×{r.quotes}" + (f" ({r.cue_class})" if r.cue_class != "neutral" else "")
                for r in cues.itertuples()
            ]
            only = cues[cues["only_this_outlet"]]
            children = (
                [Item(text(f"used by {outlet} alone: {', '.join(dict.fromkeys(only['cue']))}."))] if len(only) else []
            )
            items.append(Item(text(f"{outlet}: {', '.join(used)}."), children))
        blocks += [Bullets(items), Chart("cue_classes", "Cue classes per outlet")]
        return Section("cues", blocks)

    def wording(self) -> Section:
        c = self.comparison
        blocks = [
            Heading(2, "Distinctive wording"),
            Paragraph(
                text(
                    "Terms each outlet uses more than the others, by weighted log-odds with an informative Dirichlet "
                    "prior (Monroe, Colaresi & Quinn 2008), one outlet against the rest; z above 1.96 marked with *."
                )
            ),
        ]
        if self._unprofiled():
            return Section("wording", [*blocks, Paragraph(text(NO_PROFILE))])
        if len(c.outlets) < 2:
            return Section("wording", [*blocks, Paragraph(text("Only one outlet in this story: nothing to compare."))])
        for part, table in (("quoted", c.distinctive_quoted), ("narrative", c.distinctive_narrative)):
            blocks.append(Heading(3, f"In {part} text"))
            if table.empty:
                blocks.append(Paragraph(text(f"No {part} text to compare.")))
                continue
            items = []
            for outlet, terms in table.groupby("outlet", sort=True):
                shown = [
                    f"{r.term} ({r.z:+.1f}{'*' if is_significant(r.z) else ''})"
                    for r in terms.head(TOP_TERMS).itertuples()
                ]
                items.append(Item(text(f"{outlet}: {', '.join(shown)}")))
            if table[table["z"].map(is_significant)].empty:
                items.append(
                    Item(
                        text(
                            f"No {part} term reaches z 1.96: the texts are too short or too alike"
                            " for any difference to stand out."
                        )
                    )
                )
            blocks.append(Bullets(items))
        blocks.append(Chart("distinctive_terms", "Distinctive terms per outlet"))
        return Section("wording", blocks)

    def tone(self) -> Section:
        c = self.comparison
        blocks = [Heading(2, "Tone")]
        if self._unprofiled():
            return Section("tone", [*blocks, Paragraph(text(NO_PROFILE))])
        if c.tone.empty:
            return Section("tone", [*blocks, Paragraph(text("No sentence to score."))])
        table = c.tone.pivot_table(index="outlet", columns="part", values=["tone", "sentences"])
        rows = []
        for outlet in table.index:
            row = {"outlet": outlet}
            for part in ("quoted", "narrative"):
                if ("tone", part) in table.columns and pd.notna(table.loc[outlet, ("tone", part)]):
                    row[f"{part} tone"] = f"{table.loc[outlet, ('tone', part)]:+.2f}"
                    row[f"{part} sentences"] = int(table.loc[outlet, ("sentences", part)])
            rows.append(row)
        items = []
        for part in ("narrative", "quoted"):
            scores = c.tone[c.tone["part"] == part].sort_values("tone")
            if len(scores) > 1:
                low, high = scores.iloc[0], scores.iloc[-1]
                items.append(
                    Item(
                        text(
                            f"{part.capitalize()}: lowest {low['outlet']} ({low['tone']:+.2f}), "
                            f"highest {high['outlet']} ({high['tone']:+.2f})."
                        )
                    )
                )
        blocks += [
            Paragraph(
                text(
                    "Mean VADER compound score per sentence (-1 most negative, +1 most positive) of the quoted text "
                    "and of the outlet's own narrative:"
                )
            ),
            Table(pd.DataFrame(rows)),
            Bullets(items),
        ]
        return Section("tone", blocks)

    def positions(self) -> Section:
        quotes = self.tables.quotes
        blocks = [Heading(2, "Where quotes fall")]
        if quotes.empty:
            return Section("positions", [*blocks, Paragraph(text("No quotes."))])
        items = []
        for outlet, mine in quotes.groupby("outlet", sort=True):
            first_half = (mine["position"] < 0.5).mean()
            items.append(
                Item(
                    text(
                        f"{outlet}: {percent(first_half)} of its quotes in the first half of the article;"
                        f" median position {mine['position'].median():.2f}."
                    )
                )
            )
        return Section("positions", [*blocks, Bullets(items), Chart("positions", "Where quotes fall in each article")])

    def files(self) -> Section:
        listed: list = []
        for number, name in enumerate(self.table_names):
            listed += [", "] if number else []
            listed.append(Code(f"{name}.csv"))
        return Section(
            "files",
            [
                Heading(2, "Tables"),
                Paragraph(
                    text(
                        "Beside this report, each as CSV and Parquet: ",
                        *listed,
                        "; and ",
                        Code("quotes.jsonl"),
                        ", the quotes in standoff form (character offsets into each text)."
                        " Columns are documented in the README.",
                    )
                ),
            ],
        )


def _extent_line(row) -> str:
    """'B quotes more of it than A: also “...”', for a version that goes on where the other stops."""
    mine, theirs = row.outlet_has, row.other_has
    if mine and theirs:
        return (
            f"{row.outlet} and {row.other_outlet} quote different parts of it: only {row.outlet} has"
            f" “{shorten(mine)}”, only {row.other_outlet} has “{shorten(theirs)}”."
        )
    longer, has, shorter = (row.outlet, mine, row.other_outlet) if mine else (row.other_outlet, theirs, row.outlet)
    return f"{longer} quotes more of it than {shorter}: also “{shorten(has)}”."


def _some(outlets: list[str], shown: int = 8) -> str:
    """The outlets by name, the first ``shown`` of a long list and how many more (all are in the overview)."""
    if len(outlets) <= shown:
        return names(outlets)
    return f"{', '.join(outlets[:shown])} and {len(outlets) - shown} more, all in the overview"
