"""Hand check of the indirect attributions that only the learned tagger finds, on BASIL articles.

    python benchmarks/model_only_check.py [--sample 60] [--show]

Runs ``quotes extract``'s default (combined) attribution over ``../shared/eval/basil-articles.jsonl``
as one run, keeps the indirect attributions the tagger added (``rule`` 'model': no rule found them) and
draws a reproducible sample (ordered by a hash of each one's place). Writes
``benchmarks/model_only_sample.tsv``: article id, content offsets, cue, the speaker mention as written
and its resolved name, and a ``verdict`` read by hand against the article text (kept across runs for
the same rows): ``right`` when the span is a real attribution (someone said, wrote, believed or
reported it) and the mention is who did, ``wrong`` otherwise. No article text goes into the file;
``--show`` prints each row's sentence with the content in [brackets].
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
SAMPLE_FILE = ROOT / "benchmarks" / "model_only_sample.tsv"
FIELDS = ["article_id", "start", "end", "cue", "mention", "speaker_name", "confidence", "verdict"]


def model_rows(docs: list[dict]) -> list[dict]:
    articles = (Article(d["id"], d["text"], outlet=d["outlet"], event_id=d.get("event_id")) for d in docs)
    quotes = Tables(extract_all(articles, attribution="combined")).quotes
    added = quotes[(quotes["rule"] == "model") & (quotes["type"] == "indirect")]
    return [
        {
            "article_id": q.article_id,
            "start": str(int(q.start)),
            "end": str(int(q.end)),
            "cue": q.cue if isinstance(q.cue, str) else "",
            "mention": q.speaker if isinstance(q.speaker, str) else "",
            "speaker_name": q.speaker_name if isinstance(q.speaker_name, str) else "",
            "confidence": f"{q.confidence:.2f}",
        }
        for q in added.itertuples()
    ]


def _context(text: str, row: dict) -> str:
    start, end = int(row["start"]), int(row["end"])
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start - 200) if start > 200 else -1) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else min(right, end + 200)
    return f"{text[left:start]}[{text[start:end]}]{text[end:right]}".replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--show", action="store_true", help="print each row's context")
    args = parser.parse_args()
    docs = [json.loads(line) for line in (EVAL / "basil-articles.jsonl").read_text(encoding="utf-8").splitlines()]
    seen: dict[str, int] = {}
    for doc in docs:  # BASIL repeats an id ('empty'): the second is 'empty#2', as a run names it
        seen[doc["id"]] = seen.get(doc["id"], 0) + 1
        doc["id"] = doc["id"] if seen[doc["id"]] == 1 else f"{doc['id']}#{seen[doc['id']]}"
    rows = model_rows(docs)
    print(f"{len(rows)} indirect attributions only the tagger found, in {len(docs)} BASIL articles")
    sample = draw(rows, args.sample, place=("article_id", "start"))
    keep_verdicts(SAMPLE_FILE, sample, FIELDS, key=("article_id", "start", "end", "mention"))
    if args.show:
        texts = {d["id"]: d["text"] for d in docs}
        for n, row in enumerate(sample, 1):
            print(
                f"\n{n}. {row['article_id']} cue {row['cue']!r}, speaker {row['mention']!r} -> {row['speaker_name']!r}"
                f" ({row['confidence']}) verdict {row['verdict'] or '?'}"
            )
            print("   " + _context(texts[row["article_id"]], row))
    print_figure(SAMPLE_FILE, sample, "right", "wrong", "real attributions with the right speaker")


if __name__ == "__main__":
    main()
