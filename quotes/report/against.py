"""The report's "Against the record" section: each quote beside the primary source it renders.

Every claim carries two spans, the quote in its article and the passage in the source (a source's
text is shown in the page as ``source:ID``), so the passage is one click away.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from quotes.against import AgainstRecord
from quotes.fidelity import CLASSES, PARAPHRASES
from quotes.report.model import Bullets, Chart, Heading, Item, Paragraph, Section, Span, Table, text
from quotes.report.phrasing import names, percent, plural, shorten
from quotes.sources import Source

QUOTE_VERDICTS = [c for c in CLASSES if c not in PARAPHRASES]


PARAPHRASE_NOTE = (
    "Indirect statements, each with the source sentence (or two) closest to it: a paraphrase, never a quote."
    " Similarity is the share of its content words (stemmed) the passage holds; under 30% there is no close passage."
)


def source_key(source_id: str) -> str:
    """The id a source's text has in the page (never an article's: articles have no ':' prefix there)."""
    return f"source:{source_id}"


def against_record(record: AgainstRecord, tables) -> Section:
    """The section: a summary, per-outlet counts, each quote beside its passage, the paraphrases, and the
    sentences of each source that no outlet quoted."""
    found = record.fidelity
    blocks = [Heading(2, "Against the record")]
    blocks += [Paragraph(text(_source_line(s))) for s in record.sources]
    if found.empty:
        blocks.append(Paragraph(text("No quote in this story is credited to a speaker of these sources.")))
        return Section("against_record", blocks)
    blocks.append(Paragraph(text(_summary(found))))
    blocks.append(Table(_counts(found)))
    direct = found[~found["verdict"].isin(PARAPHRASES)]
    if len(direct):
        blocks.append(Heading(3, "Quotes beside the source"))
        blocks.append(_side_by_side(direct, tables))
        blocks += _credits(direct, tables, {s.id: source_title(s) for s in record.sources})
    paraphrases = found[found["verdict"].isin(PARAPHRASES)]
    if len(paraphrases):
        blocks.append(Heading(3, "Statements in the outlets' words"))
        blocks.append(Paragraph(text(PARAPHRASE_NOTE)))
        blocks.append(_paraphrases(paraphrases, tables))
    blocks += _left_out(record)
    return Section("against_record", blocks)


def _source_line(source: Source) -> str:
    who = names(list(source.speakers)) if source.speakers else "its speakers inferred from the quotes found in it"
    when = source.date or "date not given"
    size = plural(len(source.text.split()), "word")
    return f"Source {source.id}: {source_title(source)} ({who}; {when}), {size}."


def source_title(source: Source) -> str:
    """A source's title, else its file's name (never the path it was read from), else its id."""
    if source.title:
        return source.title
    return (source.url or Path(source.origin).name or source.id) if source.origin else source.id


def _summary(found: pd.DataFrame) -> str:
    direct = found[~found["verdict"].isin(PARAPHRASES)]
    counts = direct["verdict"].value_counts()
    parts = [f"{counts[v]} {v}" for v in QUOTE_VERDICTS if v in counts]
    said = f"{plural(len(direct), 'quote')} set beside the source: {names(parts)}" if len(direct) else "No quote"
    indirect = found[found["verdict"].isin(PARAPHRASES)]
    close = int((indirect["verdict"] == "paraphrase").sum())
    return (
        f"{said}; {close} of {plural(len(indirect), 'indirect statement')} close to a passage (paraphrase)."
        " Word-by-word alignment: punctuation, case and quotation marks aside; words in [brackets] are the outlet's."
    )


def _counts(found: pd.DataFrame) -> pd.DataFrame:
    """Outlet × verdict counts."""
    table = pd.crosstab(found["outlet"], found["verdict"])
    return table.reindex(columns=[c for c in CLASSES if c in table.columns]).reset_index()


def _spans(row, tables) -> tuple[Span, ...]:
    """The quote in its article and its passage in the source."""
    quote = tables.quotes[
        (tables.quotes["article_id"] == row.article_id) & (tables.quotes["quote_index"] == row.quote_index)
    ].iloc[0]
    pieces = [(int(a), int(b)) for a, b in quote["fragments"]] or [(int(quote["start"]), int(quote["end"]))]
    spans = [Span(str(row.article_id), a, b) for a, b in pieces]
    if pd.notna(row.passage_start):
        matched = zip(row.matched_starts, row.matched_ends, strict=True)
        spans += [Span(source_key(row.source_id), int(a), int(b)) for a, b in matched] or [
            Span(source_key(row.source_id), int(row.passage_start), int(row.passage_end))
        ]
    return tuple(spans)


def _speakers(found: pd.DataFrame) -> list[str]:
    return [
        (name if isinstance(name, str) and name else "an unidentified speaker") + (" (uncertain)" if unsure else "")
        for name, unsure in zip(found["speaker_name"], found["speaker_uncertain"], strict=True)
    ]


def _side_by_side(direct: pd.DataFrame, tables) -> Table:
    return _beside(
        direct,
        tables,
        verdict=direct["verdict"],
        differences=["; ".join(d) if len(d) else "none" for d in direct["differences"]],
        quote=direct["content"].map(shorten),
        source=[shorten(p) if p else "—" for p in direct["passage"]],
    )


def _beside(found: pd.DataFrame, tables, **columns) -> Table:
    """A row per quote of ``found``: its outlet, its speaker and ``columns``; a row's click lights the
    quote in its article and its passage in the source."""
    shown = pd.DataFrame({"outlet": found["outlet"], "speaker": _speakers(found), **columns}).reset_index(drop=True)
    return Table(shown, row_spans={i: _spans(row, tables) for i, row in enumerate(found.itertuples())})


def _credits(direct: pd.DataFrame, tables, titles: dict[str, str]) -> list:
    """Where a transcript's turn gives the quoted words to someone else than the outlet does."""
    placed = direct[direct["source_speaker"].notna()]
    if placed.empty:
        return []
    other = placed[placed["as_in_source"].eq(False)]
    if other.empty:
        said = (
            f"Each of the {plural(len(placed), 'quote')} found in a transcript is credited to the speaker of its turn."
        )
        return [Paragraph(text(said))]
    items = [
        Item(
            text(
                f"{r.outlet} credits to {r.speaker_name} words that {titles[r.source_id]} gives to"
                f" {r.source_speaker}: “{shorten(r.content)}”"
            ),
            spans=_spans(r, tables),
        )
        for r in other.itertuples()
    ]
    return [Bullets(items, intro=text("Credited otherwise than in the transcript:"))]


def _paraphrases(found: pd.DataFrame, tables) -> Table:
    return _beside(
        found,
        tables,
        verdict=found["verdict"],
        similarity=found["score"].map(percent),
        **{"quoted words": ["; ".join(d) if len(d) else "" for d in found["differences"]]},
        statement=found["content"].map(shorten),
        **{"nearest passage": [shorten(p) if p else "—" for p in found["passage"]]},
    )


def _left_out(record: AgainstRecord) -> list:
    """Per source: what each outlet quoted of it, and the sentences no outlet quoted or paraphrased."""
    blocks: list = []
    charted = False
    for source in record.sources:
        mine = record.coverage[record.coverage["source_id"] == source.id]
        if mine.empty:
            continue
        key = source_key(source.id)
        count = mine["sentence_index"].nunique()
        blocks.append(Heading(3, f"What the outlets took from {source_title(source)}"))
        if not charted:
            blocks.append(Chart("source_coverage", "What each outlet quoted of each source, sentence by sentence"))
            charted = True
        for outlet, theirs in mine.groupby("outlet", sort=True):
            quoted = theirs[theirs["quoted_share"] > 0]
            said = f"{outlet} quotes {len(quoted)} of the source's {plural(count, 'sentence')} and paraphrases"
            spans = tuple(Span(key, int(r.start), int(r.end)) for r in quoted.itertuples())
            blocks.append(Paragraph(text(f"{said} {int(theirs['paraphrased'].sum())}."), spans))
        unused = unquoted(mine)
        if unused.empty:
            blocks.append(Paragraph(text("Every sentence of it is quoted or paraphrased by at least one outlet.")))
            continue
        items = [
            Item(text(f"“{shorten(r.sentence)}”"), spans=(Span(key, int(r.start), int(r.end)),))
            for r in unused.itertuples()
        ]
        intro = f"No outlet quotes or paraphrases {plural(len(unused), 'sentence')} of it:"
        blocks.append(Bullets(items, intro=text(intro)))
    return blocks


def unquoted(coverage: pd.DataFrame) -> pd.DataFrame:
    """The sentences of a source's coverage rows that no outlet quoted or paraphrased, in order."""
    used = coverage.groupby("sentence_index").agg(quoted=("quoted_share", "max"), near=("paraphrased", "any"))
    left = used.index[(used["quoted"] == 0) & ~used["near"]]
    sentences = coverage.drop_duplicates("sentence_index")
    return sentences[sentences["sentence_index"].isin(left)]
