"""Results as pandas tables (``articles`` and ``quotes``) and their atomic writers.

Column meanings are documented in ``ARTICLE_COLUMNS`` and ``QUOTE_COLUMNS`` (and the README).
"""

from __future__ import annotations

import bisect
import json
import os
import pickle
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from quotes.extract import ArticleResult
from quotes.identities import SPEAKER_CONFIDENCE, link_speakers
from quotes.marks import paragraph_spans
from quotes.nlp import sentence_starts
from quotes.overrides import SpeakerOverrides
from quotes.safety import neutralise_cell, restore_cell
from quotes.standoff import Article

ARTICLE_COLUMNS = {
    "article_id": "the article's id (file name without suffix, or the row's id)",
    "source": "file (and line or row) it was read from",
    "outlet": "outlet from metadata, else from a credit line or dateline in the text, else 'unknown'",
    "outlet_from": "where the outlet came from: metadata, credit line, dateline or unknown",
    "title": "title from metadata",
    "date": "date from metadata",
    "url": "URL from metadata",
    "event_id": "story identifier from metadata, for grouping coverage of one event",
    "status": "'ok', or 'error' when the article could not be read or processed",
    "error": "what went wrong, for status 'error'",
    "warnings": "list of non-fatal notes (e.g. text read as cp1252; JSON in CSV)",
    "chars": "length of the text in characters",
    "words": "number of whitespace-separated words",
    "paragraphs": "number of non-empty lines",
    "quotes": "number of quotes found",
    "direct": "number of direct quotes (content entirely inside quotation marks)",
    "mixed": "number of mixed quotes (reported clause with quoted fragments)",
    "indirect": "number of indirect (reported) statements",
    "left_out": "attributions found but left out of the tables, under the run's --min-confidence",
    "people": "list of the full names of the people the text names (JSON in CSV): the evidence that tells"
    " 'Roger J. Stone Jr.' (one person with 'Roger Stone') from 'Donald Trump Jr.' across articles",
}
# After these come the input's other metadata columns with plain values (publisher, event...).
QUOTE_COLUMNS = {
    "article_id": "the article it comes from",
    "outlet": "the article's outlet",
    "quote_index": "position of the quote within its article (0, 1, ...)",
    "type": "direct, mixed or indirect",
    "content": "the content, verbatim: text[start:end] (fragments may leave the credit in between)",
    "start": "character offset where the content starts",
    "end": "character offset where the content ends",
    "fragments": "list of [start, end] pieces of the content (JSON in CSV)",
    "speaker": "the speaker mention as written ('he', 'the Defense Department'), empty when none",
    "speaker_start": "offset of the speaker mention",
    "speaker_end": "end offset of the speaker mention",
    "cue": "the cue as written ('said', 'according to', ':', '—')",
    "cue_start": "offset of the cue",
    "cue_end": "end offset of the cue",
    "cue_lemma": "the cue's lexicon entry ('say', 'call for')",
    "cue_class": "neutral, evaluative, belief, intention or evidence (rules/cues)",
    "sentence_index": "sentence of the article where the content starts (0-based)",
    "paragraph_index": "paragraph (non-empty line) where the content starts (0-based)",
    "position": "relative position of the content start in the article, 0 to 1",
    "confidence": "the share of attributions found this way that are right on PolNeAR dev, 0 to 1 (by rule, or by"
    " the tagger's own confidence)",
    "rule": "the pattern that found it (ccomp, parenthetical, adjacent-cue, continuation...; model: the tagger)",
    "found_by": "rules (hand-written patterns) or model (the tagger trained on PolNeAR train)",
    "continues": "quote_index of the quote this one continues (same speaker), else empty",
    "speaker_id": "the speaker's id in the run (see the speakers table); empty when unknown",
    "speaker_name": "who spoke, resolved: canonical name across the run ('Mark T. Esper' for 'he')",
    "speaker_kind": (
        "person, organisation, government, anonymous, media, group (named speakers quoted jointly: 'Trump and "
        "Ryan'), unnamed, author or unknown"
    ),
    "speaker_title": "title or role the text gives the speaker ('Secretary of Defense')",
    "speaker_affiliation": "party or body the text ties a person to: '(D-N.Y.)', 'Democratic Sen.' or "
    "', Democrat of Connecticut' -> 'Democrats'; else a body named before the title or in an apposition: "
    "'NAACP President', ', a spokeswoman for the NAACP' -> 'NAACP'",
    "via": "the outlet that relayed the quote ('According to AFP, Tehran warned...')",
    "speaker_resolution": (
        "how speaker_name was reached: name (the mention names them), apposition, pronoun, title ('the "
        "congressman' where the article names one), description ('the senator' among two), cross-article (a "
        "surname joined to the one full name of the run), surname only, none"
    ),
    "speaker_confidence": "how sure speaker_name is, 0 to 1, by speaker_resolution (identities.SPEAKER_CONFIDENCE)",
    "speaker_link": "why the run gave the quote this speaker_id: same name, surname fits one person, another form"
    " of the name, a suffix or misspelling on one name only, a role named in another article, or this article's own",
}
MEDIA_COLUMNS = {
    "article_id": "the article naming the outlet",
    "outlet": "the article's own outlet",
    "mentioned": "the outlet named in the text",
    "mention": "as written",
    "start": "offset of the mention",
    "end": "end offset of the mention",
    "role": "credit line, dateline, interviewed ('told CNN'), relayed a quote, reported, quoted or mentioned",
}
TEXT_PART_COLUMNS = {
    "article_id": "the article",
    "outlet": "the article's outlet",
    "part": "quoted (inside the marks of its direct and mixed quotes) or narrative (all the rest)",
    "chars": "characters of the article in this part",
    "words": "whitespace-separated words in this part",
    "sentences": "sentences (or sentence pieces) in this part",
    "tone": "mean VADER compound score of those sentences, -1 to 1 (empty when none)",
}
TERM_COLUMNS = {
    "article_id": "the article",
    "outlet": "the article's outlet",
    "part": "quoted or narrative",
    "term": "a lower-cased content word (stop words left out)",
    "count": "how often it occurs in this part of the article",
}


def quote_rows(article: Article, result: ArticleResult) -> list[dict]:
    """One row per quote of ``result``, with the columns of ``QUOTE_COLUMNS``."""
    text = article.text
    sentences = sentence_starts(text)
    paragraphs = [p.start for p in paragraph_spans(text)]
    rows = []
    for index, quote in enumerate(result.quotes):
        record = quote.to_standoff(text)
        rows.append(
            {
                "article_id": article.id,
                "outlet": article.outlet,
                "quote_index": index,
                "type": quote.type,
                "content": record["text"],
                "start": quote.start,
                "end": quote.end,
                "fragments": [list(f) for f in record["fragments"]],
                "speaker": record["speaker"],
                "speaker_start": record["speaker_start"],
                "speaker_end": record["speaker_end"],
                "cue": record["cue"],
                "cue_start": record["cue_start"],
                "cue_end": record["cue_end"],
                "cue_lemma": quote.cue_lemma,
                "cue_class": quote.cue_class,
                "sentence_index": max(0, bisect.bisect_right(sentences, quote.start) - 1),
                "paragraph_index": max(0, bisect.bisect_right(paragraphs, quote.start) - 1),
                "position": round(quote.start / max(1, len(text)), 4),
                "confidence": record["confidence"],
                "rule": quote.rule,
                "found_by": quote.found_by,
                "continues": quote.continues,
                "speaker_id": None,  # set by the cross-article step (``identities``)
                "speaker_name": quote.speaker_name,
                "speaker_kind": quote.speaker_kind,
                "speaker_title": quote.speaker_title,
                "speaker_affiliation": quote.speaker_affiliation,
                "via": quote.via,
                "speaker_resolution": quote.speaker_resolution,
                "speaker_confidence": None,  # set with the run's identities
                "speaker_link": None,  # set with the run's identities
            }
        )
    return rows


def article_row(result: ArticleResult) -> dict:
    """One row of the ``articles`` table (failed articles included, with their error)."""
    item = result.article
    if not isinstance(item, Article):
        return {
            "article_id": item.id,
            "source": item.source,
            "outlet": "unknown",
            "status": "error",
            "error": item.error,
        }
    types = [q.type for q in result.quotes]
    extra = {
        k: v for k, v in item.extra.items() if k not in ARTICLE_COLUMNS and isinstance(v, str | int | float | bool)
    }
    return {
        "article_id": item.id,
        "source": item.source,
        "outlet": item.outlet,
        "outlet_from": item.outlet_from,
        "title": item.title,
        "date": item.date,
        "url": item.url,
        "event_id": item.event_id,
        "status": "error" if result.error else "ok",
        "error": result.error,
        "warnings": list(item.warnings),
        "chars": len(item.text),
        "words": len(item.text.split()),
        "paragraphs": len(paragraph_spans(item.text)),
        "quotes": len(types),
        "direct": types.count("direct"),
        "mixed": types.count("mixed"),
        "indirect": types.count("indirect"),
        "left_out": result.left_out,
        "people": list(result.people),
        **extra,
    }


# Rows are gathered this many at a time, then kept as a DataFrame (arrow-backed strings) in a
# temporary file until the run's last article: while articles are analysed the run holds at most one
# chunk of rows per table, whatever the size of the corpus.
CHUNK_ROWS = 5_000


class _Rows:
    """Rows (dicts) arriving one by one, kept as typed DataFrame chunks of ``CHUNK_ROWS`` in a
    temporary file (unlinked at once: nothing is left on any exit)."""

    def __init__(self, columns: list[str]):
        self.columns, self.rows, self.chunks = columns, [], 0
        self._spool = None

    def extend(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= CHUNK_ROWS:
            if self._spool is None:
                self._spool = tempfile.TemporaryFile()
            pickle.dump(pd.DataFrame(self.rows, columns=self.columns), self._spool, pickle.HIGHEST_PROTOCOL)
            self.chunks += 1
            self.rows = []

    def _stored(self) -> list[pd.DataFrame]:
        if self._spool is None:
            return []
        self._spool.seek(0)
        chunks = [pickle.load(self._spool) for _ in range(self.chunks)]
        self._spool.close()
        self._spool, self.chunks = None, 0
        return chunks

    def frame(self) -> pd.DataFrame:
        """All rows, typed as one DataFrame built from them at once would be."""
        chunks = [*self._stored(), pd.DataFrame(self.rows, columns=self.columns)]
        self.rows = []
        if len(chunks) == 1:
            return chunks[0]
        whole = pd.concat(chunks, ignore_index=True)
        # A column typed differently in two chunks (text in one, all empty in another) is joined as
        # objects: infer its type again over all its values.
        for column in whole.columns:
            if whole[column].dtype == object:
                whole[column] = pd.Series(whole[column].tolist(), index=whole.index)
        return whole


@dataclass
class ArticleRows:
    """One article's rows of each table and its standoff line (JSON and a newline): what the run-wide
    step gathers from it. ``text`` is kept for the report's pages."""

    article: dict
    quotes: list[dict]
    media: list[dict]
    parts: list[dict]
    terms: list[dict]
    standoff: str
    text: str | None


def article_rows(result: ArticleResult, keep_text: bool = True) -> ArticleRows:
    """The rows of every table for one result (a failed article has its articles row and line alone)."""
    item = result.article
    read = isinstance(item, Article)
    profiled = result.profile is not None
    return ArticleRows(
        article=article_row(result),
        quotes=quote_rows(item, result) if read else [],
        media=media_rows(result) if read else [],
        parts=text_part_rows(result) if profiled else [],
        terms=term_rows(result) if profiled else [],
        standoff=json.dumps(standoff_record(result), ensure_ascii=False) + "\n",
        text=item.text if read and keep_text else None,
    )


@dataclass
class WrittenPartition:
    """Articles analysed on a Dask worker, which wrote their quote rows (Parquet) and standoff lines
    (JSONL) to files, so the bulk of the results never travels through the scheduler. ``articles``
    holds the rest of their rows (``quotes`` empty, ``standoff`` '')."""

    articles: list[ArticleRows]
    quotes_file: str | None
    standoff_file: str

    def read_quotes(self) -> list[dict]:
        """The quote rows, as ``quote_rows`` gave them (the file is removed once read)."""
        if self.quotes_file is None:
            return []
        rows = pq.read_table(_readable(self.quotes_file)).to_pylist()
        os.unlink(self.quotes_file)
        return rows

    def read_standoff(self) -> Iterator[str]:
        """The standoff lines in input order (the file is removed once read)."""
        with open(_readable(self.standoff_file), encoding="utf-8") as lines:
            yield from lines
        os.unlink(self.standoff_file)


def _readable(path: str) -> str:
    if not os.path.exists(path):
        raise PartitionMissing(
            f"{path}: a Dask worker wrote its partition there, but this machine cannot read it; give"
            " --partitions a folder that this machine and the workers both see"
        )
    return path


class PartitionMissing(OSError):
    """A partition a worker wrote is not visible here (the workers write to another machine's disk)."""


def write_partition(results: list[ArticleResult], folder: str, number: int, keep_texts: bool) -> WrittenPartition:
    """Write ``results``' quote rows as ``quotes-NUMBER.parquet`` and their standoff lines as
    ``standoff-NUMBER.jsonl`` in ``folder`` (each file renamed into place whole) and return the rest."""
    os.makedirs(folder, exist_ok=True)
    gathered = [article_rows(result, keep_texts) for result in results]
    quotes = [row for rows in gathered for row in rows.quotes]
    quotes_file = None
    if quotes:
        # column by column, so each column's type is inferred from all its values (not the first row's)
        table = pa.table({column: [row[column] for row in quotes] for column in QUOTE_COLUMNS})
        quotes_file = os.path.join(folder, f"quotes-{number:06d}.parquet")
        write_atomic(quotes_file, lambda tmp: pq.write_table(table, tmp))
    standoff_file = os.path.join(folder, f"standoff-{number:06d}.jsonl")
    lines = "".join(rows.standoff for rows in gathered)
    write_atomic(standoff_file, lambda tmp: Path(tmp).write_text(lines, encoding="utf-8"))
    kept = [replace(rows, quotes=[], standoff="") for rows in gathered]
    return WrittenPartition(kept, quotes_file, standoff_file)


class Tables:
    """The tables of a run, built from a stream of results.

    ``articles`` (one row per input), ``quotes`` (one per quote, speakers resolved across the run),
    ``speakers`` (one per speaker identity) and ``media_mentions`` (outlets the texts name), ``texts``
    (article id -> text, for the page that shows them); and, when
    the results carry wording profiles, ``text_parts`` and ``terms`` (else empty). ``speakers``, a
    user's speakers file (``overrides``), corrects who spoke before speakers are linked across articles.
    ``standoff`` yields each article's standoff record; the records wait in a temporary file, not in
    memory. ``results`` are the local engine's ``ArticleResult``s or the Dask engine's
    ``WrittenPartition``s, in input order.
    """

    def __init__(
        self,
        results: Iterable[ArticleResult | WrittenPartition],
        speakers: SpeakerOverrides | None = None,
        keep_texts: bool = True,
    ):
        articles = _Rows(list(ARTICLE_COLUMNS))
        quotes, media = _Rows(list(QUOTE_COLUMNS)), _Rows(list(MEDIA_COLUMNS))
        parts, terms = _Rows(list(TEXT_PART_COLUMNS)), _Rows(list(TERM_COLUMNS))
        extra_columns: dict[str, None] = {}
        # The standoff records and texts, not the results: a result also holds its parse. The records
        # go to a file that is gone when closed (unlinked at once), so nothing is left on any exit.
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._keep: set[str] | None = None
        self.texts: dict[str, str] = {}
        for item in results:
            if isinstance(item, WrittenPartition):  # a Dask worker's: its quotes and lines are in files
                gathered = item.articles
            else:
                gathered = [article_rows(item, keep_texts)]
            for rows in gathered:
                row = rows.article
                if any(k not in ARTICLE_COLUMNS and k not in extra_columns for k in row):
                    extra_columns.update((k, None) for k in row if k not in ARTICLE_COLUMNS)
                    articles.columns = [*ARTICLE_COLUMNS, *extra_columns]
                articles.extend([row])
                if rows.text is not None and keep_texts:  # the report's pages show them; tables do not
                    self.texts[row["article_id"]] = rows.text
                self._spool.write(rows.standoff)
                quotes.extend(rows.quotes)
                media.extend(rows.media)
                parts.extend(rows.parts)
                terms.extend(rows.terms)
            if isinstance(item, WrittenPartition):
                quotes.extend(item.read_quotes())
                self._spool.writelines(item.read_standoff())
        self.articles = articles.frame()
        self.quotes = quotes.frame()
        self.media_mentions = media.frame()
        self.text_parts = parts.frame()
        self.terms = terms.frame()
        for column in ("speaker_start", "speaker_end", "cue_start", "cue_end", "continues"):
            self.quotes[column] = self.quotes[column].astype("Int64")
        # failed articles have no counts: integers with missing values, never 3.0
        for column in ("chars", "words", "paragraphs", "quotes", "direct", "mixed", "indirect", "left_out"):
            self.articles[column] = self.articles[column].astype("Int64")
        for column in ("warnings", "people"):
            self.articles[column] = [w if isinstance(w, list) else [] for w in self.articles[column]]
        people = dict(zip(self.articles["article_id"], self.articles["people"], strict=True))
        events = {
            a: e if isinstance(e, str) else None
            for a, e in zip(self.articles["article_id"], self.articles["event_id"], strict=True)
        }
        linked = link_speakers(self.quotes, speakers, people, events)
        self.speakers = linked.speakers
        # as text columns (arrow-backed), not one Python string per quote
        self.quotes["speaker_id"] = linked.speaker_id.astype("str")
        self.quotes["speaker_name"] = linked.speaker_name.astype("str")
        self.quotes["speaker_kind"] = linked.speaker_kind.astype("str")
        self.quotes["speaker_resolution"] = linked.speaker_resolution.astype("str")
        self.quotes["speaker_confidence"] = linked.speaker_resolution.map(SPEAKER_CONFIDENCE).astype(float)
        self.quotes["speaker_link"] = linked.speaker_link.astype("str")

    def subset(self, article_ids: Iterable[str]) -> Tables:
        """The same run's tables restricted to some articles (speaker ids stay run-wide)."""
        keep = set(article_ids)
        part = object.__new__(Tables)
        for name in ("articles", "quotes", "media_mentions", "text_parts", "terms"):
            frame = getattr(self, name)
            setattr(part, name, frame[frame["article_id"].isin(keep)].reset_index(drop=True))
        part.speakers = self.speakers[self.speakers["speaker_id"].isin(set(part.quotes["speaker_id"].dropna()))]
        part._spool, part._keep = self._spool, keep if self._keep is None else keep & self._keep
        part.texts = {key: value for key, value in self.texts.items() if key in keep}
        return part

    def reopen_spool(self) -> None:
        """Read the records through a file of this process's own: a forked process shares its parent's
        read position on the spool, so two of them reading at once would read each other's lines
        (Linux: through ``/proc/self/fd``)."""
        if self._spool is None:
            return
        self._spool = open(f"/proc/self/fd/{self._spool.fileno()}", encoding="utf-8")  # noqa: SIM115

    @property
    def standoff(self) -> Iterator[dict]:
        """Each article's standoff record, in input order, with the run's speaker ids."""
        columns = ["speaker_id", "speaker_name", "speaker_kind", "speaker_resolution", "speaker_confidence"]
        # The quotes table holds the records' quotes in the same order: walk both together.
        keys = zip(self.quotes["article_id"], self.quotes["quote_index"], strict=True)
        linked = zip(keys, zip(*(self.quotes[c] for c in columns), strict=True), strict=True)
        pending = next(linked, None)
        self._spool.seek(0)
        for line in self._spool:
            record = json.loads(line)
            for index, quote in enumerate(record["quotes"]):
                values = (None, None, "unknown", "none", 0.0)
                if pending is not None and pending[0] == (record["id"], index):
                    values, pending = pending[1], next(linked, None)
                # pandas' missing values are null in JSON, not NaN
                quote.update((c, None if pd.isna(v) else v) for c, v in zip(columns, values, strict=True))
            if self._keep is None or record["id"] in self._keep:
                yield record


def media_rows(result: ArticleResult) -> list[dict]:
    """One row per outlet named in the article's text."""
    return [
        {
            "article_id": result.article.id,
            "outlet": result.article.outlet,
            "mentioned": m.outlet,
            "mention": m.mention,
            "start": m.start,
            "end": m.end,
            "role": m.role,
        }
        for m in result.media
    ]


def text_part_rows(result: ArticleResult) -> list[dict]:
    """One row per part (quoted, narrative) of the article's wording profile."""
    item = result.article
    return [
        {"article_id": item.id, "outlet": item.outlet, "part": part, **values}
        for part, values in result.profile.parts.items()
    ]


def term_rows(result: ArticleResult) -> list[dict]:
    """One row per (part, term) of the article's wording profile."""
    item = result.article
    return [
        {"article_id": item.id, "outlet": item.outlet, "part": part, "term": term, "count": count}
        for part, counts in result.profile.terms.items()
        for term, count in sorted(counts.items())
    ]


def standoff_record(result: ArticleResult) -> dict:
    """The JSONL line of one article: ``id`` and ``quotes`` in the shared standoff format."""
    item = result.article
    record = {"id": item.id}
    if isinstance(item, Article):
        record.update({"outlet": item.outlet, "title": item.title, "date": item.date, "url": item.url})
        if "page_chars" in item.extra:  # a web page: the text it gave is saved, so every offset can be checked
            record["text"] = item.text
        if item.event_id is not None:
            record["event_id"] = item.event_id
        record["quotes"] = [q.to_standoff(item.text) for q in result.quotes]
        record["media_mentions"] = [{"outlet": m.outlet, "mention": m.mention, "role": m.role} for m in result.media]
    else:
        record["quotes"] = []
    if result.error:
        record["error"] = result.error
    return record


def write_atomic(path: Path | str, write: Callable[[str], None]) -> None:
    """Call ``write(temporary_path)`` then move the file into place, so no half-written output."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the user's usual mode
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


# Column types of the written tables, as recorded in a report folder's schema.json and applied by load_table.
DTYPES = {"string": "string", "integer": "Int64", "float": "Float64", "boolean": "boolean"}
LIST = "list"
# Columns that hold lists, for tables read without a schema.json (``quotes extract -o x.csv``).
LIST_COLUMNS = {"fragments", "warnings", "people", "titles", "affiliations", "aliases", "outlets", "top_speakers"}
LIST_COLUMNS |= {"passage_article_ids", "passage_starts", "passage_ends", "passage_words"}  # the claims table
LIST_COLUMNS |= {"differences", "matched_starts", "matched_ends"}  # the fidelity table


def column_types(frame: pd.DataFrame) -> dict[str, str]:
    """Each column's type: string, integer, float, boolean or list (what ``load_table`` gives back)."""
    types = {}
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_bool_dtype(series.dtype):
            types[column] = "boolean"
        elif pd.api.types.is_integer_dtype(series.dtype):
            types[column] = "integer"
        elif pd.api.types.is_float_dtype(series.dtype):
            types[column] = "float"
        else:
            values = [v for v in series if isinstance(v, list | tuple) or not pd.isna(v)]
            if values and all(isinstance(v, list | tuple) for v in values):
                types[column] = LIST
            elif values and all(isinstance(v, bool) for v in values):
                types[column] = "boolean"
            elif values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                types[column] = "integer"
            else:
                types[column] = "string"
    return types


def typed(frame: pd.DataFrame, types: dict[str, str]) -> pd.DataFrame:
    """``frame`` with each column converted to its type (lists from JSON text where they were written as such)."""
    out = frame.copy()
    for column, kind in types.items():
        if column not in out.columns:
            continue
        if kind == LIST:
            out[column] = [_as_list(v) for v in out[column]]
        elif kind == "string":
            # "" is missing: CSV cannot tell the two apart, so neither format does
            values = [None if not isinstance(v, list | tuple) and pd.isna(v) else str(v) or None for v in out[column]]
            out[column] = pd.array(values, dtype="string")
        elif kind == "boolean":
            truth = {"True": True, "False": False, "true": True, "false": False}
            out[column] = pd.array([truth.get(v, v) if isinstance(v, str) else v for v in out[column]], dtype="boolean")
        else:
            out[column] = pd.to_numeric(out[column]).astype(DTYPES[kind])
    return out


def _as_list(value) -> list:
    if isinstance(value, str):
        value = json.loads(value) if value else []
    if value is None or (not hasattr(value, "__len__") and pd.isna(value)):
        return []
    return [_as_list(v) if hasattr(v, "__len__") and not isinstance(v, str) else v for v in value]


def write_atomic_set(writes: dict[Path, Callable[[str], None]]) -> None:
    """Write several files as one output: each to a temporary sibling, then all renamed into place, so
    a failure in any leaves the previous files as they were and no temporary file behind."""
    temporaries: dict[Path, str] = {}
    try:
        for path, write in writes.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporaries[path] = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            os.close(handle)
            os.chmod(temporaries[path], 0o666 & ~_umask())
            write(temporaries[path])
        for path, temporary in temporaries.items():
            os.replace(temporary, path)
    except BaseException:
        for temporary in temporaries.values():
            if os.path.exists(temporary):
                os.unlink(temporary)
        raise


# What a report folder holds that this tool wrote (the rest, a user's notes or screenshots, is kept).
_OWN_OUTPUT = re.compile(
    r"(report|index)\.(md|html)|quotes\.jsonl|schema\.json|.+\.(csv|parquet)"
    r"|(quotes_per_speaker|speaker_kinds|cue_classes|positions|distinctive_terms|rollup_.+)\.png"
)


def _own_output(entry: Path) -> bool:
    if entry.is_dir():
        return entry.name == "texts" or (entry / "report.md").exists()  # the pages' texts, a story's folder
    return _OWN_OUTPUT.fullmatch(entry.name) is not None


@contextmanager
def swapped_folder(directory: Path | str) -> Iterator[Path]:
    """Write a folder of outputs whole: yields an empty temporary sibling to write into; when the block
    ends it replaces ``directory`` (keeping the files there this tool did not write); on any failure or
    interrupt it is removed and ``directory`` is left as it was."""
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{directory.name}.new-", dir=directory.parent))
    os.chmod(temporary, 0o777 & ~_umask())
    previous = directory.with_name(f".{directory.name}.old-{temporary.name.rsplit('-', 1)[-1]}")
    try:
        yield temporary
        if directory.exists():
            for entry in directory.iterdir():
                if not _own_output(entry) and not (temporary / entry.name).exists():
                    copy = shutil.copytree if entry.is_dir() else shutil.copy2
                    copy(entry, temporary / entry.name)
            os.replace(directory, previous)
        os.replace(temporary, directory)
    except BaseException:
        if previous.exists() and not directory.exists():
            os.replace(previous, directory)  # interrupted between the two renames: put the old one back
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_frame(frame: pd.DataFrame, path: Path | str, csv_raw: bool = False) -> None:
    """Write a table as CSV or Parquet, by the suffix of ``path``, atomically: the same columns and types
    in both (integers with missing values as integers, lists as Parquet lists and as JSON in CSV)."""
    write_atomic(path, lambda tmp: write_frame_to(frame, path, tmp, csv_raw=csv_raw))


def write_frame_to(
    frame: pd.DataFrame,
    path: Path | str,
    target: str | None = None,
    types: dict[str, str] | None = None,
    csv_raw: bool = False,
) -> None:
    """Write ``frame`` in the format of ``path``'s suffix into ``target`` (default ``path`` itself).
    With ``types`` (``column_types``), ``frame`` is taken as already ``typed``. In CSV a text cell or
    header a spreadsheet would run as a formula gets a leading ``'`` (``safety.neutralise_cell``;
    ``load_table`` takes it off) unless ``csv_raw``; Parquet always holds the raw text."""
    suffix = Path(path).suffix.lower()
    target = target or str(path)
    if types is None:
        types = column_types(frame)
        frame = typed(frame, types)
    if suffix == ".csv":
        cells = {c: [json.dumps(v, ensure_ascii=False) for v in frame[c]] for c, kind in types.items() if kind == LIST}
        if not csv_raw:
            for column, kind in types.items():
                if kind == "string":
                    cells[column] = [v if v is pd.NA else neutralise_cell(v) for v in frame[column]]
        out = frame.assign(**cells) if cells else frame
        if not csv_raw:
            out = out.rename(columns=lambda c: neutralise_cell(c) if isinstance(c, str) else c)
        out.to_csv(target, index=False)
    elif suffix == ".parquet":
        frame.to_parquet(target, index=False)
    else:
        raise ValueError(f"{path}: unknown table type {suffix or '(none)'}; use .csv, .parquet or .jsonl")


def write_tables(frames: dict[str, pd.DataFrame], directory: Path, csv_raw: bool = False) -> None:
    """Each table as ``NAME.csv`` and ``NAME.parquet`` in ``directory``, and their column types in
    ``schema.json`` (read back with ``load_table``); each table's types are worked out once for all three."""
    schema = {}
    for name, frame in frames.items():
        types = schema[name] = column_types(frame)
        frame = typed(frame, types)
        for suffix in (".csv", ".parquet"):
            path = directory / f"{name}{suffix}"
            write_atomic(path, partial(write_frame_to, frame, path, types=types, csv_raw=csv_raw))
    text = json.dumps(schema, indent=1, sort_keys=True) + "\n"
    write_atomic(directory / "schema.json", lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def load_table(path: Path | str, csv_raw: bool = False) -> pd.DataFrame:
    """Read a table this tool wrote (CSV or Parquet) with its types: nullable integers, floats, booleans
    and strings, and list columns as lists. Uses the folder's ``schema.json`` when there is one. A CSV
    cell's formula guard (a leading ``'``) is taken off, unless the table was written with ``csv_raw``."""
    path = Path(path)
    schema_file = path.with_name("schema.json")
    types = json.loads(schema_file.read_text(encoding="utf-8")).get(path.stem) if schema_file.exists() else None
    if path.suffix.lower() == ".parquet":
        frame = pd.read_parquet(path)
        types = types or column_types(frame.map(lambda v: list(v) if hasattr(v, "tolist") else v))
        return typed(frame, types)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    restore = (lambda v: v) if csv_raw else restore_cell
    frame.columns = [restore(c) for c in frame.columns]
    if types is None:
        inferred = pd.read_csv(path, dtype_backend="numpy_nullable")
        inferred.columns = frame.columns
        types = {c: LIST if c in LIST_COLUMNS else t for c, t in column_types(inferred).items()}
    for column, kind in types.items():
        if kind == "string" and column in frame.columns and not csv_raw:
            frame[column] = [v if isinstance(v, float) or v is None else restore(v) for v in frame[column]]
    return typed(frame, types)


def write_jsonl(records: Iterable[dict], path: Path | str) -> None:
    """Write standoff records (``standoff_record``), one article a line."""

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")

    write_atomic(path, write)
