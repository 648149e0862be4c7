"""Hand check of the run-wide link decisions between person names on the BASIL articles.

    python benchmarks/link_check.py [--sample 40] [--show]

Runs the extractor over all of ``../shared/eval/basil-articles.jsonl`` as one run and lists every
pair of distinct person names, as two articles resolved them, that share a surname: a **merge** when
the run gave them one ``speaker_id``, a **refusal** when it kept them apart. Draws a reproducible
sample (ordered by a hash of the pair) into ``benchmarks/link_sample.tsv`` with a ``verdict`` column
read by hand against the articles (``right``: a merge of one person, or a refusal of two people;
``wrong`` otherwise), kept across runs for the same pair and decision. No article text goes into the
file; ``--show`` prints a sentence of each name's context.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from verdicts import keep_verdicts, print_figure

from quotes.extract import extract_all
from quotes.speakers import surname
from quotes.standoff import Article
from quotes.tables import Tables

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SAMPLE_FILE = ROOT / "benchmarks" / "link_sample.tsv"
FIELDS = ["name_a", "article_a", "name_b", "article_b", "decision", "speaker_link", "verdict"]


def pairs(quotes) -> list[dict]:
    """Each pair of distinct article-level person names of one surname: merged or refused."""
    people = quotes[quotes["speaker_kind"] == "person"]
    seen: dict[str, tuple[str, str, str, str]] = {}  # article-level name -> (article, id, run name, link)
    for row in people.itertuples():
        name = row.given_name
        if isinstance(name, str) and " " in name and name not in seen:
            seen[name] = (row.article_id, row.speaker_id, row.speaker_name, row.speaker_link)
    names = sorted(seen)
    found = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if surname(a) != surname(b) or seen[a][0] == seen[b][0]:
                continue
            merged = seen[a][1] == seen[b][1]
            link = seen[b][3] if seen[b][2] != b else seen[a][3]
            found.append(
                {
                    "name_a": a,
                    "article_a": seen[a][0],
                    "name_b": b,
                    "article_b": seen[b][0],
                    "decision": "merge" if merged else "refusal",
                    "speaker_link": link if merged else "",
                }
            )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--show", action="store_true", help="print a context of each name")
    args = parser.parse_args()
    docs = [json.loads(line) for line in (EVAL / "basil-articles.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = {d["id"]: d["text"] for d in docs}
    articles = (Article(d["id"], d["text"], outlet=d["outlet"], event_id=d.get("event_id")) for d in docs)
    results = list(extract_all(articles))
    given = {(r.article.id, i): q.speaker_name for r in results for i, q in enumerate(r.quotes)}
    tables = Tables(iter(results))
    quotes = tables.quotes
    quotes["given_name"] = [given.get((a, i)) for a, i in zip(quotes["article_id"], quotes["quote_index"], strict=True)]
    found = pairs(quotes)
    merges = sum(p["decision"] == "merge" for p in found)
    print(f"{len(docs)} articles: {len(found)} same-surname pairs of names across articles, {merges} merged")
    # half merges, half refusals, when there are enough of each
    key = lambda p: hashlib.sha256(f"{p['name_a']}|{p['name_b']}".encode()).hexdigest()  # noqa: E731
    merged = sorted((p for p in found if p["decision"] == "merge"), key=key)
    refused = sorted((p for p in found if p["decision"] == "refusal"), key=key)
    half = args.sample // 2
    sample = merged[: max(half, args.sample - len(refused))] + refused[: max(half, args.sample - len(merged))]
    sample = sorted(sample[: args.sample], key=lambda p: (p["name_a"], p["name_b"]))
    keep_verdicts(SAMPLE_FILE, sample, FIELDS, ("name_a", "name_b", "decision"))
    print_figure(SAMPLE_FILE, sample, "right", "wrong", "right")
    if args.show:
        for i, p in enumerate(sample):
            print(f"\n[{i}] {p['decision']}: {p['name_a']!r} / {p['name_b']!r} ({p['verdict'] or 'unjudged'})")
            for name, article in ((p["name_a"], p["article_a"]), (p["name_b"], p["article_b"])):
                text = texts[article]
                at = text.find(name.split()[-1])
                print(f"   {article[:8]}: …{text[max(0, at - 150) : at + 100].replace(chr(10), ' / ')}…")


if __name__ == "__main__":
    main()
