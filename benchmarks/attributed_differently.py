"""Hand check of the report's "Attributed differently" lines over the 70 BASIL stories.

    python benchmarks/attributed_differently.py [--show]

Runs the extractor over ``../shared/eval/basil-articles.jsonl`` as ``quotes report --group-by
event_id`` does (one run, one comparison per story) and lists every statement the report says the
outlets attribute differently. Writes ``benchmarks/attributed_differently.tsv``: story, statement,
each outlet's speaker, and a ``verdict`` read by hand against the texts (kept across runs for the
same line): ``real`` when the outlets' texts do credit the words to different speakers, ``false``
when the difference is the tool's. ``--show`` prints each outlet's credit in context.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from verdicts import keep_verdicts, print_figure

from quotes.compare import compare
from quotes.extract import extract_all
from quotes.standoff import Article
from quotes.tables import Tables

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "eval" / "basil-articles.jsonl"
OUT = ROOT / "benchmarks" / "attributed_differently.tsv"
FIELDS = ["event_id", "statement", "speakers", "verdict"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each outlet's credit in context")
    args = parser.parse_args()
    docs = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    texts = {d["id"]: d["text"] for d in docs}
    articles = (
        Article(d["id"], d["text"], outlet=d["outlet"], title=d.get("title"), event_id=d["event_id"]) for d in docs
    )
    tables = Tables(extract_all(articles))
    lines, contexts = [], []
    for event_id, group in tables.articles.groupby("event_id", sort=True):
        story = tables.subset(group["article_id"])
        differently = compare(story).attributed_differently
        quotes = story.quotes.set_index(["article_id", "quote_index"])
        for _, versions in differently.groupby("statement", sort=True):
            speakers = "; ".join(f"{v.outlet}: {v.speaker_name}" for v in versions.itertuples())
            lines.append({"event_id": event_id, "statement": versions.iloc[0]["text"][:80], "speakers": speakers})
            shown = []
            for v in versions.itertuples():
                q = quotes.loc[(v.article_id, v.quote_index)]
                text, start = texts[v.article_id], int(q["start"])
                mention = int(q["speaker_start"]) if q["speaker_start"] == q["speaker_start"] else start
                left = max(0, min(start, mention) - 200)
                shown.append(f"  {v.outlet} -> {v.speaker_name}: …{text[left : max(start, mention) + 160]}…")
            contexts.append("\n".join(shown).replace("\n\n", " / "))
    keep_verdicts(OUT, lines, FIELDS, ("event_id", "statement", "speakers"))
    print(f"'attributed differently' lines: {len(lines)}")
    print_figure(OUT, lines, "real", "false", "real differences")
    if args.show:
        for i, (line, context) in enumerate(zip(lines, contexts, strict=True)):
            print(f"\n[{i}] {line['speakers']} ({line['verdict'] or 'unjudged'})\n  “{line['statement']}”\n{context}")


if __name__ == "__main__":
    main()
