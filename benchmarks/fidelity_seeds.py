"""Every class decision on the seed story against its primary source, for reading by hand.

    python benchmarks/fidelity_seeds.py [--source FILE]

Runs the extractor over ``seeds/`` as ``quotes report seeds/`` does and sets each quote of the
statement's speakers beside ``seeds/sources/dod-statement-2020-03-12.txt`` (or ``--source``, e.g.
``../shared/seeds/sources/dod-statement-2020-03-12.txt``). Writes every decision, with the quote
and its passage, to ``benchmarks/fidelity_seeds.tsv``; its ``verdict`` column is read by hand
(``right`` when the class and the differences listed are what a reader comparing the two texts
finds, ``wrong`` otherwise) and kept across runs while the decision is unchanged.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from verdicts import keep_verdicts, print_figure

from quotes.against import fidelity
from quotes.extract import extract_all
from quotes.read import read_articles
from quotes.sources import folder_sources, read_source
from quotes.tables import Tables

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SAMPLE_FILE = ROOT / "benchmarks" / "fidelity_seeds.tsv"
FIELDS = [
    "outlet",
    "quote_index",
    "type",
    "speaker_name",
    "class",
    "score",
    "differences",
    "quote",
    "passage",
    "verdict",
]
KEY = ("outlet", "quote_index", "class", "differences")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="the statement to check against (default: the one in seeds/sources)")
    args = parser.parse_args()
    sources = [read_source(args.source)] if args.source else folder_sources([str(SEEDS)])[0]
    tables = Tables(extract_all(read_articles([SEEDS]), processes=1, profile=True), keep_texts=True)
    found = fidelity(tables, sources)
    rows = [
        {
            "outlet": r.outlet,
            "quote_index": str(r.quote_index),
            "type": r.type,
            "speaker_name": r.speaker_name,
            "class": r.verdict,
            "score": f"{r.score:.2f}",
            "differences": "; ".join(r.differences),
            "quote": " ".join(str(r.content).split()),
            "passage": " ".join(str(r.passage).split()),
        }
        for r in found.itertuples()
    ]
    keep_verdicts(SAMPLE_FILE, rows, FIELDS, KEY)
    for row in rows:
        print(f"{row['outlet']:9} {row['quote_index']:>2} {row['class']:16} {row['differences'] or '-'}")
    print_figure(SAMPLE_FILE, rows, "right", "wrong", "decisions right")


if __name__ == "__main__":
    main()
