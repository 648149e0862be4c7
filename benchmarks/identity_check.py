"""Hand check of resolved speakers on BASIL articles the identity gold does not hold.

    python benchmarks/identity_check.py [--sample 60] [--show]

Runs the extractor over the articles of ``../shared/eval/basil-articles.jsonl`` that are not in
``identity-dev.jsonl``, as one run (so speakers are linked across articles as a user's run links
them), and draws a reproducible sample of distinct speaker mentions (one row per mention however
many quotes it credits; ordered by a hash of its place, so the draw stays put when extraction
changes elsewhere). Writes ``benchmarks/identity_sample.tsv``: article id, offsets, the mention as
written, the resolved ``speaker_name``, kind and resolution, and a ``verdict`` column read by hand
against the article text (kept across runs for the same rows): ``right`` when the name is who said
it (for an unnamed or anonymous source, when the description is the text's), ``wrong`` otherwise.
No article text goes into the file; ``--show`` prints each row's context to the terminal.
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


def held_out_articles() -> list[dict]:
    """The BASIL articles that identity-dev.jsonl does not hold."""
    gold = {json.loads(line).get("id") for line in (EVAL / "identity-dev.jsonl").read_text().splitlines()}
    docs = [json.loads(line) for line in (EVAL / "basil-articles.jsonl").read_text(encoding="utf-8").splitlines()]
    return [d for d in docs if d["id"] not in gold]


def mention_rows(docs: list[dict]) -> tuple[list[dict], int, int]:
    """One row per distinct speaker mention of the run; and the number of quotes, and of those with no mention."""
    articles = (
        Article(d["id"], d["text"], outlet=d["outlet"], title=d.get("title"), event_id=d.get("event_id")) for d in docs
    )
    tables = Tables(extract_all(articles))
    quotes = tables.quotes
    with_mention = quotes.dropna(subset=["speaker_start"]).drop_duplicates(["article_id", "speaker_start"])
    rows = [
        {
            "article_id": q.article_id,
            "speaker_start": str(int(q.speaker_start)),
            "speaker_end": str(int(q.speaker_end)),
            "mention": q.speaker,
            "speaker_name": q.speaker_name if isinstance(q.speaker_name, str) else "",
            "kind": q.speaker_kind,
            "resolution": q.speaker_resolution,
        }
        for q in with_mention.itertuples()
    ]
    return rows, len(quotes), int(quotes["speaker_start"].isna().sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--show", action="store_true", help="print each sampled row's context")
    args = parser.parse_args()
    docs = held_out_articles()
    texts = {d["id"]: d["text"] for d in docs}
    rows, quotes, no_mention = mention_rows(docs)
    print(
        f"{len(docs)} articles, {quotes} quotes ({no_mention} with no speaker mention), "
        f"{len(rows)} distinct speaker mentions"
    )
    sample = sorted(draw(rows, args.sample), key=lambda r: (r["article_id"], int(r["speaker_start"])))
    keep_verdicts(SAMPLE_FILE, sample, FIELDS, ("article_id", "speaker_start", "speaker_name"))
    print_figure(SAMPLE_FILE, sample, "right", "wrong", "right")
    if args.show:
        for i, row in enumerate(sample):
            text, start, end = texts[row["article_id"]], int(row["speaker_start"]), int(row["speaker_end"])
            context = f"{text[max(0, start - 500) : start]}[[{text[start:end]}]]{text[end : end + 250]}"
            print(
                f"\n[{i}] {row['mention']!r} -> {row['speaker_name']!r} ({row['kind']}, {row['resolution']}; "
                f"{row['verdict'] or 'unjudged'})\n…{context.replace(chr(10), ' / ')}…"
            )


if __name__ == "__main__":
    main()
