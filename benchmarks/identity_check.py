"""Hand check of resolved speakers on BASIL articles the identity gold does not hold.

    python benchmarks/identity_check.py [--sample 60] [--show]
    python benchmarks/identity_check.py --quotes [--sample 80] [--show]

Runs the extractor over the articles of ``../shared/eval/basil-articles.jsonl`` that are not in
``identity-dev.jsonl``, as one run (so speakers are linked across articles as a user's run links
them), and draws a reproducible sample of distinct speaker mentions (one row per mention however
many quotes it credits; ordered by a hash of its place, so the draw stays put when extraction
changes elsewhere). Writes ``benchmarks/identity_sample.tsv``: article id, offsets, the mention as
written, the resolved ``speaker_name``, kind and resolution, and a ``verdict`` column read by hand
against the article text (kept across runs for the same rows): ``right`` when the name is who said
it (for an unnamed or anonymous source, when the description is the text's), ``wrong`` otherwise.
With ``--quotes`` the unit is a quote, not a mention: a reproducible sample of the run's quotes
(any kind, with or without a speaker mention), written to ``benchmarks/identity_quotes.tsv`` with
their content offsets; ``right`` when ``speaker_name`` is who the text says said it (for a quote the
text credits to no one, when the tool credits no one either); ``not a quote`` when the row is no
statement at all ('Christie initially supported [[the standards]]'), counted apart from the figure.
No article text goes into the files; ``--show`` prints each row's context to the terminal.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from verdicts import draw, keep_verdicts, print_figure

from quotes.extract import extract_all
from quotes.standoff import Article
from quotes.tables import Tables

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SAMPLE_FILE = ROOT / "benchmarks" / "identity_sample.tsv"
FIELDS = ["article_id", "speaker_start", "speaker_end", "mention", "speaker_name", "kind", "resolution", "verdict"]
QUOTES_FILE = ROOT / "benchmarks" / "identity_quotes.tsv"
QUOTE_FIELDS = ["article_id", "start", "end", "mention", "speaker_name", "kind", "resolution", "verdict"]


def held_out_articles() -> list[dict]:
    """The BASIL articles that identity-dev.jsonl does not hold."""
    gold = {json.loads(line).get("id") for line in (EVAL / "identity-dev.jsonl").read_text().splitlines()}
    docs = [json.loads(line) for line in (EVAL / "basil-articles.jsonl").read_text(encoding="utf-8").splitlines()]
    return [d for d in docs if d["id"] not in gold]


def run_quotes(docs: list[dict]):
    """The quotes table of one run over ``docs``."""
    articles = (
        Article(d["id"], d["text"], outlet=d["outlet"], title=d.get("title"), event_id=d.get("event_id")) for d in docs
    )
    return Tables(extract_all(articles)).quotes


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def quote_rows(quotes) -> list[dict]:
    """One row per quote of the run."""
    return [
        {
            "article_id": q.article_id,
            "start": str(int(q.start)),
            "end": str(int(q.end)),
            "mention": _text(q.speaker),
            "speaker_name": _text(q.speaker_name),
            "kind": q.speaker_kind,
            "resolution": q.speaker_resolution,
        }
        for q in quotes.itertuples()
    ]


def mention_rows(quotes) -> tuple[list[dict], int, int]:
    """One row per distinct speaker mention of the run; and the number of quotes, and of those with no mention."""
    with_mention = quotes.dropna(subset=["speaker_start"]).drop_duplicates(["article_id", "speaker_start"])
    rows = [
        {
            "article_id": q.article_id,
            "speaker_start": str(int(q.speaker_start)),
            "speaker_end": str(int(q.speaker_end)),
            "mention": q.speaker,
            "speaker_name": _text(q.speaker_name),
            "kind": q.speaker_kind,
            "resolution": q.speaker_resolution,
        }
        for q in with_mention.itertuples()
    ]
    return rows, len(quotes), int(quotes["speaker_start"].isna().sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", action="store_true", help="sample quotes, not distinct speaker mentions")
    parser.add_argument("--sample", type=int, help="rows to draw (default 60 mentions, 80 quotes)")
    parser.add_argument("--show", action="store_true", help="print each sampled row's context")
    args = parser.parse_args()
    docs = held_out_articles()
    texts = {d["id"]: d["text"] for d in docs}
    quotes = run_quotes(docs)
    if args.quotes:
        rows, path, fields, place = quote_rows(quotes), QUOTES_FILE, QUOTE_FIELDS, ("article_id", "start")
        print(f"{len(docs)} articles, {len(rows)} quotes")
    else:
        (rows, count, no_mention), path, fields = mention_rows(quotes), SAMPLE_FILE, FIELDS
        place = ("article_id", "speaker_start")
        print(
            f"{len(docs)} articles, {count} quotes ({no_mention} with no speaker mention), "
            f"{len(rows)} distinct speaker mentions"
        )
    size = args.sample or (80 if args.quotes else 60)
    sample = sorted(draw(rows, size, place), key=lambda r: (r["article_id"], int(r[place[1]])))
    keep_verdicts(path, sample, fields, (*place, "speaker_name"))
    print_figure(path, sample, "right", "wrong", "right")
    if not_quotes := sum(r["verdict"] == "not a quote" for r in sample):
        print(f"and {not_quotes} of the {len(sample)} rows are no statement (extraction errors, not counted)")
    if args.show:
        for i, row in enumerate(sample):
            show(i, row, texts[row["article_id"]], args.quotes)


def show(i: int, row: dict, text: str, quote: bool) -> None:
    """A sampled row in its context: the quote (or mention) marked [[...]]."""
    key = ("start", "end") if quote else ("speaker_start", "speaker_end")
    start, end = int(row[key[0]]), int(row[key[1]])
    context = f"{text[max(0, start - 400) : start]}[[{text[start:end]}]]{text[end : end + 250]}"
    print(
        f"\n[{i}] {row['mention']!r} -> {row['speaker_name']!r} ({row['kind']}, {row['resolution']}; "
        f"{row['verdict'] or 'unjudged'})\n…{context.replace(chr(10), ' / ')}…"
    )


if __name__ == "__main__":
    main()
