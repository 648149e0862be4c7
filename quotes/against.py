"""Against the record, as tables: every quote of a story set beside the primary sources its speaker
spoke in (``fidelity``), and which sentences of each source every outlet quoted (``source_coverage``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from quotes.compare import uncertain_speakers
from quotes.fidelity import CLASSES, FOUND_VERDICTS, Finding, Record, judge, paraphrase
from quotes.rules_data import load_speaker_rules
from quotes.sources import Source
from quotes.speakers.names import classify_name, could_be_one, fold

if TYPE_CHECKING:
    from quotes.tables import Tables

FIDELITY_COLUMNS = {
    "article_id": "the article the quote is in",
    "outlet": "the article's outlet",
    "quote_index": "the quote's position in its article (the quotes table's quote_index)",
    "type": "direct, mixed or indirect",
    "speaker_name": "who the quote is credited to",
    "speaker_uncertain": "True when the run is unsure of the speaker (the report counts no claim on it elsewhere)",
    "source_id": "the primary source it was set beside",
    "source_speaker": "in a transcript, the label of the turn the passage is in ('SECRETARY ESPER', 'Q'); else empty",
    "as_in_source": "True when the quote's speaker is the transcript turn's speaker, False when another (a"
    " reporter's question, another official); empty when the source is no transcript",
    "verdict": "verbatim, trimmed (words left out), edited (words changed or added), spliced (joined from"
    " distant passages), not found (under half its words in the source); for an indirect statement paraphrase, or"
    " no close passage (no sentence holds 30% of its content words)",
    "score": "share of the quote's words found in the passage (of its content words, for a paraphrase), 0 to 1",
    "passage_start": "offset in the source where the passage starts",
    "passage_end": "offset in the source where the passage ends",
    "passage": "the source's words, verbatim: source[passage_start:passage_end]",
    "content": "the quote as the outlet printed it",
    "differences": "each difference: 'left out “(SMG)”', '“[Operation Inherent Resolve]” for “OIR”', '“US” for"
    " “U.S.” (style)' (JSON in CSV)",
    "matched_starts": "source offsets where each run of the quote's words starts (JSON in CSV)",
    "matched_ends": "source offsets where each run ends (JSON in CSV)",
}
COVERAGE_COLUMNS = {
    "source_id": "the primary source",
    "sentence_index": "the sentence's position in the source (0-based)",
    "start": "offset of the sentence in the source",
    "end": "end offset of the sentence",
    "sentence": "the sentence, verbatim",
    "outlet": "an outlet of the story",
    "quoted_share": "share of the sentence's words the outlet quoted directly, 0 to 1",
    "paraphrased": "True when one of the outlet's indirect statements is closest to this sentence",
}
# A quote is set beside a source its speaker spoke in; a better verdict wins between two sources.
_RANK = {v: n for n, v in enumerate(CLASSES)}


@lru_cache(maxsize=4096)
def _canonical(name: str) -> str:
    """A name as the speakers table would write it ('Defense Department' -> 'U.S. Department of Defense')."""
    speaker = classify_name(name, None, load_speaker_rules())
    return speaker.name if speaker is not None and speaker.name else name


@lru_cache(maxsize=64)
def prepared(source: Source) -> Record:
    """A source made ready for alignment, once per run: every story and table of it reads the same one."""
    return Record.of(source.id, source.text)


def spoke_in(source: Source, speaker_name) -> bool:
    """True when a quote credited to ``speaker_name`` may come from ``source``: the source names no
    speaker, or one of its speakers is that speaker by name, alias or another form of the name."""
    if not source.speakers:
        return True
    if not isinstance(speaker_name, str) or not speaker_name:
        return False
    return any(
        fold(_canonical(s)) == fold(speaker_name) or could_be_one(_canonical(s), speaker_name) for s in source.speakers
    )


def fidelity(tables: Tables, sources: list[Source], every_quote: bool = False) -> pd.DataFrame:
    """One row per quote set beside a source (columns ``FIDELITY_COLUMNS``), against the source that
    renders it best: the quotes of each source's speakers (a source that names none is taken to be the
    words of each speaker with a direct quote found in it), or with ``every_quote`` all quotes."""
    records = {s.id: prepared(s) for s in sources}
    findings: dict[int, list[Finding]] = {}
    for i, q in enumerate(tables.quotes.itertuples(index=False)):
        text = tables.texts.get(q.article_id)
        candidates = [s for s in sources if every_quote or spoke_in(s, q.speaker_name)]
        if text is not None and candidates:
            spans = [(int(a), int(b)) for a, b in q.fragments] or [(int(q.start), int(q.end))]
            check = judge if q.type == "direct" else paraphrase
            findings[i] = [check(text, spans, records[s.id]) for s in candidates]
    if not every_quote:
        findings = _speakers_found(tables.quotes, findings, {s.id for s in sources if not s.speakers})
    unsure = uncertain_speakers(tables.quotes) if len(tables.quotes) else pd.Series(dtype=bool)
    rows = []
    for i, found in findings.items():
        best = min(found, key=lambda f: (_RANK[f.verdict], -f.score))
        rows.append({**_row(tables.quotes.iloc[i], best, records[best.source_id]), "speaker_uncertain": unsure.iloc[i]})
    return pd.DataFrame(rows, columns=list(FIDELITY_COLUMNS))


def _speakers_found(quotes: pd.DataFrame, findings: dict[int, list[Finding]], untagged: set[str]):
    """``findings`` but those against a source naming no speaker of quotes whose speaker has no direct
    quote found in it: an unnamed statement is the words of the speakers it is quoted from."""
    names = quotes["speaker_name"]
    spoke = {
        (f.source_id, names.iloc[i])
        for i, found in findings.items()
        for f in found
        if f.source_id in untagged and f.verdict in FOUND_VERDICTS and isinstance(names.iloc[i], str)
    }
    kept = {}
    for i, found in findings.items():
        mine = [f for f in found if f.source_id not in untagged or (f.source_id, names.iloc[i]) in spoke]
        if mine:
            kept[i] = mine
    return kept


def _row(q, finding: Finding, record: Record) -> dict:
    start, end = finding.passage or (None, None)
    return {
        "article_id": q.article_id,
        "outlet": q.outlet,
        "quote_index": q.quote_index,
        "type": q.type,
        "speaker_name": q.speaker_name,
        "source_id": finding.source_id,
        "verdict": finding.verdict,
        "score": round(finding.score, 3),
        "passage_start": start,
        "passage_end": end,
        "passage": record.text[start:end] if finding.passage else "",
        **_credit(record, finding, q.speaker_name),
        "content": q.content,
        "differences": [d.describe() for d in finding.differences],
        "matched_starts": [a for a, _ in finding.matched],
        "matched_ends": [b for _, b in finding.matched],
    }


# Transcript labels that are no one's name: the words are a question from the floor.
QUESTIONERS = frozenset({"Q", "QUESTION", "REPORTER", "AUDIENCE MEMBER", "UNIDENTIFIED REPORTER"})
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "to", "de", "van", "von"})


def _credit(record: Record, finding: Finding, speaker_name) -> dict:
    """Who the transcript gives the passage to, and whether that is the quote's speaker."""
    found = finding.passage is not None and finding.verdict in FOUND_VERDICTS
    label = record.said_by(finding.passage[0]) if found else None
    if label is None:
        return {"source_speaker": None, "as_in_source": None}
    same = None
    if isinstance(speaker_name, str) and speaker_name:
        name = _canonical(label_name(label))
        same = label.upper() not in QUESTIONERS and (
            fold(name) == fold(speaker_name) or could_be_one(name, speaker_name)
        )
    return {"source_speaker": label, "as_in_source": same}


def label_name(label: str) -> str:
    """A transcript's label in a name's case: 'SECRETARY OF DEFENSE MARK T. ESPER' -> 'Secretary of
    Defense Mark T. Esper'."""
    return " ".join(w.lower() if w.lower() in _SMALL_WORDS else w[:1] + w[1:].lower() for w in label.split())


def coverage(found: pd.DataFrame, sources: list[Source], outlets: list[str]) -> pd.DataFrame:
    """Each sentence of each source, for each outlet: how much of it the outlet quoted directly, and
    whether one of its indirect statements is closest to it (columns ``COVERAGE_COLUMNS``)."""
    rows = []
    for source in sources:
        record = prepared(source)
        mine = found[found["source_id"] == source.id]
        sizes = [0] * len(record.sentences)
        for i in record.sentence_of:
            if i >= 0:
                sizes[i] += 1
        for outlet in outlets:
            theirs = mine[mine["outlet"] == outlet]
            quoted = _quoted_per_sentence(record, _matched(theirs[theirs["verdict"].isin(FOUND_VERDICTS)]))
            near = theirs[theirs["verdict"] == "paraphrase"]
            for index, (start, end) in enumerate(record.sentences):
                rows.append(
                    {
                        "source_id": source.id,
                        "sentence_index": index,
                        "start": start,
                        "end": end,
                        "sentence": source.text[start:end],
                        "outlet": outlet,
                        "quoted_share": round(quoted[index] / sizes[index], 3) if sizes[index] else 0.0,
                        "paraphrased": bool(((near["passage_start"] <= start) & (near["passage_end"] >= end)).any()),
                    }
                )
    frame = pd.DataFrame(rows, columns=list(COVERAGE_COLUMNS))
    order = {s.id: n for n, s in enumerate(sources)}  # each sentence with its outlets, in the source's order
    return frame.sort_values(
        ["source_id", "sentence_index"], key=lambda c: c.map(order) if c.name == "source_id" else c, kind="stable"
    ).reset_index(drop=True)


def _quoted_per_sentence(record: Record, spans: list[tuple[int, int]]) -> list[int]:
    """How many words of each sentence of ``record`` lie inside ``spans``."""
    counts = [0] * len(record.sentences)
    for w, i in zip(record.words, record.sentence_of, strict=True):
        if i >= 0 and any(a <= w.start < b for a, b in spans):
            counts[i] += 1
    return counts


def _matched(found: pd.DataFrame) -> list[tuple[int, int]]:
    """The source spans the quotes of ``found`` were matched to."""
    return [(a, b) for r in found.itertuples() for a, b in zip(r.matched_starts, r.matched_ends, strict=True)]


@dataclass
class AgainstRecord:
    """A story's quotes against its primary sources: the sources, the fidelity table and the coverage of
    every source sentence by every outlet."""

    sources: list[Source]
    fidelity: pd.DataFrame
    coverage: pd.DataFrame

    @classmethod
    def of(cls, tables: Tables, sources: list[Source], outlets: list[str], every_quote: bool = False) -> AgainstRecord:
        found = fidelity(tables, sources, every_quote)
        return cls(list(sources), found, coverage(found, sources, outlets))

    def frames(self) -> dict[str, pd.DataFrame]:
        """The tables written beside the report: sources, fidelity, source_coverage."""
        listed = pd.DataFrame(
            [
                {
                    "source_id": s.id,
                    "title": s.title,
                    "date": s.date,
                    "speakers": "; ".join(s.speakers),
                    "url": s.url,
                    "origin": s.origin,
                    "words": len(s.text.split()),
                }
                for s in self.sources
            ],
            columns=["source_id", "title", "date", "speakers", "url", "origin", "words"],
        )
        return {"sources": listed, "fidelity": self.fidelity, "source_coverage": self.coverage}
