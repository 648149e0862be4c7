"""Speaker resolution checked against BASIL's in-quote bias spans that name their speaker.

    python benchmarks/basil_speakers.py [../shared/eval/basil-articles.jsonl]

For each annotation with ``quote: true`` and a ``speaker_label`` that is a name ("Donald_Trump",
"House_Democrats"; not the stance classes "other_*"): is it covered by an extracted quote (the
quote holds at least half of the span's letters and digits), and does that quote's resolved
``speaker_name`` name the labelled speaker? Also prints the mention-as-name baseline (the speaker
mention as written, unresolved) on the same quotes, and a second, looser figure: the name, or an
affiliation the run's texts give that speaker (the speakers table's ``affiliations``, as the
report's party section uses them; BASIL often labels a senator's quote with their group,
"Democratic_lawmakers", where the extractor names the senator).

A name matches a label when the label's most specific word (its last word that is not a generic
group noun such as "lawmakers") starts a word of the name, after Porter stemming ("Democratic" and
"Democrats" agree; "Felipe_Calder" matches "Felipe Calderón").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from nltk.stem import PorterStemmer

import quotes
from quotes.standoff import Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "basil-articles.jsonl"
GENERIC = {"lawmakers", "officials", "members", "committee", "campaign", "leaders", "supporters", "officers"}
_STEM = PorterStemmer()


def names_label(name: str | None, label: str) -> bool:
    if not name:
        return False
    words = [w for w in label.replace("_", " ").lower().split() if w not in GENERIC] or label.lower().split("_")
    key = _STEM.stem(words[-1])
    return any(_STEM.stem(w).startswith(key) or w.startswith(words[-1]) for w in name.lower().replace("'s", "").split())


def covered_by(text: str, start: int, end: int, fragments: list[tuple[int, int]]) -> bool:
    chars = [i for i in range(start, end) if text[i].isalnum()]
    inside = sum(any(a <= i < b for a, b in fragments) for i in chars)
    return bool(chars) and inside >= len(chars) / 2


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [Article(d["id"], d["text"], outlet=d.get("outlet", "unknown")) for d in docs]
    tables = quotes.Tables(quotes.extract_all(articles))
    by_article = {aid: group for aid, group in tables.quotes.groupby("article_id")}
    affiliations = {
        row.speaker_id: list(row.affiliations) for row in tables.speakers.itertuples() if len(row.affiliations)
    }  # the speakers table holds each speaker's affiliations as a list
    spans = covered = resolved = baseline = affiliated = 0
    for doc in docs:
        group = by_article.get(doc["id"])
        for note in doc.get("annotations", []):
            label = note.get("speaker_label")
            if not note.get("quote") or not label or label.startswith("other_"):
                continue
            spans += 1
            if group is None:
                continue
            for row in group.itertuples():
                fragments = [tuple(f) for f in row.fragments]  # a list of [start, end] pairs
                if covered_by(doc["text"], note["start"], note["end"], fragments):
                    covered += 1
                    name = row.speaker_name if isinstance(row.speaker_name, str) else None
                    bodies = affiliations.get(row.speaker_id, [])
                    resolved += names_label(name, label)
                    affiliated += names_label(name, label) or any(names_label(b, label) for b in bodies)
                    baseline += names_label(row.speaker if isinstance(row.speaker, str) else None, label)
                    break
    print(f"in-quote spans with a named speaker: {spans}")
    print(f"covered by a quote: {covered} ({100 * covered / spans:.1f}%)")
    print(f"speaker_name names the labelled speaker: {resolved} ({100 * resolved / max(1, covered):.1f}% of covered)")
    print(f"baseline, mention as written: {baseline} ({100 * baseline / max(1, covered):.1f}% of covered)")
    print(
        f"... or an affiliation of theirs names it: {affiliated} ({100 * affiliated / max(1, covered):.1f}% of covered)"
    )


if __name__ == "__main__":
    main()
