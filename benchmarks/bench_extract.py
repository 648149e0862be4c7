"""Throughput: this extractor against textacy's direct_quotations, same documents, same run.

    python benchmarks/bench_extract.py [DOCS.jsonl] [--processes N] [--limit N] [--attribution rules,combined]

Both sides are timed as a whole process would run them, model loading included: textacy loads
the full spaCy pipeline and parses every document (its documented use); quotes starts its
worker processes, each loading the model, and parses only paragraphs that hold a quotation mark
or a cue word. Prints chars/s for each and the ratio. Without a DOCS file it uses
../shared/eval/polnear-dev.jsonl, or the bundled seeds when that is absent.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy
from textacy.extract import direct_quotations

from quotes.extract import extract_all
from quotes.nlp import model_name
from quotes.read import read_articles
from quotes.standoff import Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DOCS = ROOT.parent / "shared" / "eval" / "polnear-dev.jsonl"


def load_texts(path: Path | None, limit: int | None) -> list[str]:
    if path is None:
        path = DEFAULT_DOCS if DEFAULT_DOCS.exists() else ROOT / "seeds"
    if path.suffix == ".jsonl":
        texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        texts = [a.text for a in read_articles([path]) if isinstance(a, Article)]
    return texts[:limit] if limit else texts


def run_textacy(texts: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    nlp = spacy.load(model_name())
    found = 0
    for doc in nlp.pipe(texts):
        try:
            found += len(list(direct_quotations(doc)))
        except ValueError:  # textacy gives up on a document with an unclosed quotation
            pass
    return time.perf_counter() - start, found


def run_quotes(texts: list[str], processes: int | None, attribution: str = "rules") -> tuple[float, int]:
    start = time.perf_counter()
    articles = (Article(str(i), text) for i, text in enumerate(texts))
    results = extract_all(articles, processes=processes, attribution=attribution)
    found = sum(len(result.quotes) for result in results)
    return time.perf_counter() - start, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("docs", nargs="?", type=Path, help="JSONL with a 'text' per line, or a folder of .txt")
    parser.add_argument("--processes", type=int, default=None, help="quotes worker processes (default: all cores)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument(
        "--attribution", default="rules,combined", help="quotes' attribution modes to time, comma-separated"
    )
    args = parser.parse_args()

    texts = load_texts(args.docs, args.limit)
    chars = sum(map(len, texts))
    print(f"{len(texts)} documents, {chars:,} characters, model {model_name()}")
    baseline_seconds, baseline_found = run_textacy(texts)
    rows = [("textacy direct_quotations", baseline_seconds, baseline_found)]
    for mode in args.attribution.split(","):
        rows.append((f"quotes extract --attribution {mode}", *run_quotes(texts, args.processes, mode)))
    print(f"{'extractor':<36} {'seconds':>8} {'chars/s':>10} {'quotes':>7}")
    for name, seconds, found in rows:
        print(f"{name:<36} {seconds:>8.1f} {chars / seconds:>10,.0f} {found:>7}")
    for name, seconds, _ in rows[1:]:
        print(f"ratio ({name} / textacy chars per second): {baseline_seconds / seconds:.2f}")


if __name__ == "__main__":
    main()
