"""Pronoun speakers on PolNeAR dev: how many get a name, and a sample of 50 to read by hand.

    python benchmarks/pronoun_check.py [DOCS.jsonl] [--sample 50] [--show]

Prints the share of distinct pronoun speaker mentions ("he", "she", "they", "it", "who", "its foreign
ministry"...) that resolve to a name: one row per mention, however many quotes it credits ('he said
X and Y', a continuation), so that no mention counts twice in the figure or in the sample. Writes a
reproducible sample to ``benchmarks/pronoun_sample.tsv`` (mentions ordered by a hash of their place, so the sample stays
put when extraction changes elsewhere): article id, offsets, pronoun, resolved name and the
antecedent's offsets, with a ``verdict`` column read by hand (kept across runs for the same rows).
No article text goes into the file; ``--show`` prints each row's context to the terminal.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from verdicts import draw, keep_verdicts, print_figure

from quotes.cues import load_lexicon
from quotes.extract import entities_in, parse_article, quotes_in
from quotes.nlp import load_model
from quotes.speakers import POSSESSIVES, PRONOUNS, resolve_speakers
from quotes.standoff import Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DOCS = ROOT.parent / "shared" / "eval" / "polnear-dev.jsonl"
SAMPLE_FILE = ROOT / "benchmarks" / "pronoun_sample.tsv"
FIELDS = ["article_id", "speaker_start", "speaker_end", "pronoun", "speaker_name", "antecedent", "verdict"]


def is_pronoun(mention: str) -> bool:
    words = mention.lower().split()
    return bool(words) and ((len(words) == 1 and words[0] in PRONOUNS) or words[0] in POSSESSIVES)


def pronoun_rows(path: Path) -> tuple[list[dict], dict[str, str]]:
    nlp, lexicon = load_model(), load_lexicon()
    rows, texts = [], {}
    seen: set[tuple[str, int]] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        article = Article(doc["id"], doc["text"])
        texts[article.id] = article.text
        parses = parse_article(article, nlp, lexicon)
        quotes = quotes_in(article, parses, lexicon)
        for quote, speaker in zip(
            quotes, resolve_speakers(article, quotes, entities_in(article, nlp, parses)), strict=True
        ):
            if quote.speaker is None:
                continue
            mention = article.text[quote.speaker.start : quote.speaker.end]
            if not is_pronoun(mention):
                continue
            antecedent = f"{speaker.antecedent.start}-{speaker.antecedent.end}" if speaker.antecedent else ""
            if (article.id, quote.speaker.start) in seen:
                continue  # one mention crediting several quotes
            seen.add((article.id, quote.speaker.start))
            rows.append(
                {
                    "article_id": article.id,
                    "speaker_start": str(quote.speaker.start),
                    "speaker_end": str(quote.speaker.end),
                    "pronoun": mention,
                    "speaker_name": speaker.name or "",
                    "antecedent": antecedent,
                }
            )
    return rows, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--show", action="store_true", help="print each sampled row's context")
    args = parser.parse_args()
    rows, texts = pronoun_rows(args.docs)
    named = [r for r in rows if r["speaker_name"]]
    print(
        f"distinct pronoun speaker mentions: {len(rows)}; resolved to a name: {len(named)}"
        f" ({100 * len(named) / len(rows):.1f}%)"
    )

    # Named mentions only, in the hash order of their place (``verdicts.draw``).
    sample = [r for r in draw(rows, len(rows)) if r["speaker_name"]][: args.sample]
    sample.sort(key=lambda r: (r["article_id"], int(r["speaker_start"])))
    keep_verdicts(SAMPLE_FILE, sample, FIELDS, ("article_id", "speaker_start", "speaker_name"))
    print_figure(SAMPLE_FILE, sample, "right", "wrong", "right")
    if args.show:
        for i, row in enumerate(sample):
            text, start = texts[row["article_id"]], int(row["speaker_start"])
            end = int(row["speaker_end"])
            context = f"{text[max(0, start - 400) : start]}[[{text[start:end]}]]{text[end : end + 60]}"
            context = context.replace("\n", " / ")
            print(
                f"\n[{i}] {row['pronoun']!r} -> {row['speaker_name']!r} ({row['verdict'] or 'unjudged'})\n…{context}…"
            )


if __name__ == "__main__":
    main()
