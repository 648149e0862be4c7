"""Every cross-outlet claim of the 70-story BASIL report, checked against the articles' texts.

    python benchmarks/claims_check.py [--sample 60] [--show] [--fails]

Runs the extractor over ``../shared/eval/basil-articles.jsonl`` as ``quotes report --group-by
event_id`` does (one run, one comparison per story) and checks each claim the report makes, by a
method of its own (word bigrams, not the report's character alignment):

- ``only in A``: no sentence of the quote is carried by another outlet's article of the story;
- ``left out by B``: B's articles of the story do not carry the sentence;
- ``attributed differently``: the versions are the same words (the shorter one, of at least three
  content words, inside the longer) and their speakers are different names.

A text carries a sentence when a stretch of it (one and a half times the sentence's length) holds
75% of the sentence's word bigrams (letters and digits, case folded; a sentence of one or two words:
the words in a row). Prints each kind's share of claims
that hold, and writes a reproducible sample of claims of all kinds to ``benchmarks/claims_sample.tsv``
(offsets and the credited speaker, no article text) with a ``verdict`` read by hand against the
articles: ``true`` when the line is right (the words are the outlet's alone, or missing from the
other's, and credited to who said them), ``false`` otherwise. ``--show`` prints the sampled claims
with their words and context.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from verdicts import draw, keep_verdicts, print_figure

from quotes.compare import compare, quoted_sentences
from quotes.extract import extract_all
from quotes.read import read_articles
from quotes.standoff import Article
from quotes.tables import Tables

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "eval" / "basil-articles.jsonl"
SAMPLE_FILE = ROOT / "benchmarks" / "claims_sample.tsv"
FIELDS = [
    "kind",
    "event_id",
    "article_id",
    "start",
    "end",
    "outlet",
    "speaker",
    "other_outlet",
    "mechanical",
    "verdict",
]
CARRIED = 0.75
_FUNCTION_WORDS = set(
    "a an the and or but of to in on at by for with from as is are was were be been it its this that these those"
    " i we you he she they me us him her them my our your his their not no do does did have has had will would"
    " can could should so if than then there here what which who".split()
)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


def bigrams(tokens: list[str]) -> list[tuple[str, str]]:
    return list(zip(tokens, tokens[1:], strict=False))


def bigram_places(tokens: list[str]) -> dict[tuple[str, str], list[int]]:
    places: dict[tuple[str, str], list[int]] = {}
    for i, gram in enumerate(bigrams(tokens)):
        places.setdefault(gram, []).append(i)
    return places


def carries(text_words: list[str], places: dict, sentence: str) -> bool:
    """True when a stretch of the text (the sentence's length and a half) holds ``CARRIED`` of the
    sentence's word bigrams; a sentence of one or two words: the words in a row."""
    mine = words(sentence)
    if not mine:
        return False
    if len(mine) < 3:
        n = len(mine)
        return any(text_words[i : i + n] == mine for i in range(len(text_words) - n + 1))
    grams = set(bigrams(mine))
    span = len(mine) + len(mine) // 2
    for start in sorted({p for g in grams for p in places.get(g, ())}):
        window = set(bigrams(text_words[start : start + span]))
        if len(grams & window) >= CARRIED * len(grams):
            return True
    return False


def alike(a: str, b: str) -> bool:
    """The shorter version's words are in the longer one."""
    short, long = sorted((a, b), key=lambda t: len(words(t)))
    return carries(words(long), bigram_places(words(long)), short)


def content_words(text: str) -> int:
    return sum(w not in _FUNCTION_WORDS for w in words(text))


def story_claims(story: Tables, event_id: str, indexed: dict) -> list[dict]:
    """The claims of one story's comparison, each with its mechanical check."""
    c = compare(story)
    outlets = story.articles.set_index("article_id")["outlet"].to_dict()
    claims = []

    def others(outlet: str) -> list[str]:
        return [a for a, o in outlets.items() if o != outlet]

    sentences = quoted_sentences(story)
    for row in c.single_outlet_quotes.itertuples():
        mine = sentences[(sentences["article_id"] == row.article_id) & (sentences["quote_index"] == row.quote_index)]
        # its sentences of three words or more (fewer prove nothing), else all its words
        checked = [t for t in mine["text"] if len(words(t)) >= 3] or [" ".join(mine["text"])]
        held = not any(carries(*indexed[a], t) for t in checked for a in others(row.outlet))
        claims.append(_claim("only in", event_id, row, "", held))
    for row in c.left_out.itertuples():
        theirs = [a for a, o in outlets.items() if o == row.other_outlet]
        held = not any(carries(*indexed[a], row.text) for a in theirs)
        claims.append(_claim("left out", event_id, row, row.other_outlet, held))
    for _, versions in c.attributed_differently.groupby("statement", sort=True):
        first = next(versions.itertuples())
        same_words = all(alike(v.text, first.text) for v in versions.itertuples())
        short = min(versions["text"], key=lambda t: len(words(t)))
        held = same_words and content_words(short) >= 3 and versions["speaker_name"].nunique() > 1
        other = "; ".join(f"{v.outlet}: {v.speaker_name}" for v in versions.itertuples())
        claims.append(_claim("attributed differently", event_id, first, other, held))
    return claims


def _claim(kind: str, event_id: str, row, other: str, held: bool) -> dict:
    """A claim's row of the sample; ``row`` a row of the comparison table (``itertuples``)."""
    return {
        "kind": kind,
        "event_id": event_id,
        "article_id": str(row.article_id),
        "start": str(int(row.start)),
        "end": str(int(row.end)),
        "outlet": str(row.outlet),
        "speaker": row.speaker_name if isinstance(row.speaker_name, str) else "",
        "other_outlet": other,
        "mechanical": "holds" if held else "fails",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--show", action="store_true", help="print each sampled claim in context")
    parser.add_argument("--fails", action="store_true", help="print each claim the check finds false")
    args = parser.parse_args()
    # read as ``quotes report`` reads them: a repeated id (BASIL has two articles 'empty') becomes 'empty#2'
    articles = [a for a in read_articles([ARTICLES]) if isinstance(a, Article)]
    texts = {a.id: a.text for a in articles}
    indexed = {key: (words(text), bigram_places(words(text))) for key, text in texts.items()}
    tables = Tables(extract_all(articles))
    claims = []
    for event_id, group in tables.articles.groupby("event_id", sort=True):
        claims += story_claims(tables.subset(group["article_id"]), event_id, indexed)
    counts = Counter((c["kind"], c["mechanical"]) for c in claims)
    print(f"{len(claims)} claims over {tables.articles['event_id'].nunique()} stories; checked against the texts:")
    for kind in ("only in", "left out", "attributed differently"):
        total = counts[(kind, "holds")] + counts[(kind, "fails")]
        share = f"{100 * counts[(kind, 'holds')] / total:.1f}%" if total else "-"
        print(f"  {kind}: {counts[(kind, 'holds')]} of {total} hold ({share})")
    sample = draw(claims, args.sample, ("kind", "article_id", "start", "other_outlet"))
    sample.sort(key=lambda r: (r["kind"], r["article_id"], int(r["start"])))
    keep_verdicts(SAMPLE_FILE, sample, FIELDS, ("kind", "article_id", "start", "end", "other_outlet"))
    print_figure(SAMPLE_FILE, sample, "true", "false", "true")
    if args.show:
        for i, claim in enumerate(sample):
            show(f"[{i}]", claim, texts)
    if args.fails:
        for claim in claims:
            if claim["mechanical"] == "fails":
                show("[fails]", claim, texts)


def show(label: str, claim: dict, texts: dict[str, str]) -> None:
    """A claim with its words marked [[...]] in context."""
    text, start, end = texts[claim["article_id"]], int(claim["start"]), int(claim["end"])
    context = f"{text[max(0, start - 200) : start]}[[{text[start:end]}]]{text[end : end + 100]}".replace("\n", " / ")
    print(
        f"\n{label} {claim['kind']} {claim['outlet']} / {claim['other_outlet'] or '-'} -> {claim['speaker'] or '-'} "
        f"({claim['mechanical']}; {claim.get('verdict') or 'unjudged'})\n…{context}…"
    )


if __name__ == "__main__":
    main()
