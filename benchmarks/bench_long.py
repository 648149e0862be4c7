"""Time against size within one document: a long document, the same text cut into short articles, a
1 MB line, and 100,000 quotation marks. One process, the model loaded once, one core.

    python benchmarks/bench_long.py [--mb 5]

The long document is the BASIL articles of ../shared/eval joined (repeated up to the size asked);
they stay in ../shared, nothing is written. Prints seconds and characters per second for each.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from quotes.extract import analyse_article
from quotes.nlp import load_model
from quotes.standoff import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "basil-articles.jsonl"


def timed(nlp, article_id: str, text: str) -> tuple[float, int]:
    started = time.perf_counter()
    result = analyse_article(Article(article_id, text), nlp)
    assert all(text[q.start : q.end] == q.to_standoff(text)["text"] for q in result.quotes)
    return time.perf_counter() - started, len(result.quotes)


def pieces(text: str, size: int) -> list[str]:
    """``text`` cut at paragraph breaks into articles of about ``size`` characters."""
    out, start = [], 0
    while start < len(text):
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end + 1
        out.append(text[start:end])
        start = end
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the long document in MB (default 5)")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"bench_long: needs {SHARED}", file=sys.stderr)
        return 1
    texts = [json.loads(line)["text"] for line in SHARED.open(encoding="utf-8")]
    joined = "\n\n".join(texts)
    size = int(args.mb * 1_000_000)
    long = (joined + "\n\n") * (size // len(joined) + 1)
    long = long[:size]
    nlp = load_model()
    analyse_article(Article("warm", texts[0]), nlp)

    rows = []
    seconds, quotes = timed(nlp, "long", long)
    rows.append((f"one document, {len(long):,} chars", len(long), seconds, quotes))
    started, quotes = time.perf_counter(), 0
    for number, piece in enumerate(pieces(long, 2_000)):
        quotes += timed(nlp, f"p{number}", piece)[1]
    elapsed = time.perf_counter() - started
    rows.append((f"the same cut into ~2 KB articles ({number + 1:,})", len(long), elapsed, quotes))
    line = " ".join(joined.split())
    line = (line + " ") * (1_050_000 // len(line) + 1)
    line = line[:1_050_000]
    seconds, quotes = timed(nlp, "line", line)
    rows.append(("one line of 1,050,000 chars", len(line), seconds, quotes))
    marks = '"a" ' * 50_000
    seconds, quotes = timed(nlp, "marks", marks)
    rows.append(("100,000 quotation marks ('\"a\" ' x 50,000)", len(marks), seconds, quotes))

    print("| input | chars | seconds | chars/s | quotes |")
    print("| --- | --- | --- | --- | --- |")
    for label, chars, seconds, quotes in rows:
        print(f"| {label} | {chars:,} | {seconds:.1f} | {chars / seconds:,.0f} | {quotes:,} |")
    print(f"\nlong document / short articles: {rows[0][2] / rows[1][2]:.2f}x the time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
