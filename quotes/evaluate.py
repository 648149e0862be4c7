"""Scoring predicted quotes against gold, by the protocol of ../shared/eval/README.md.

- Only letters and digits inside the content fragments are compared.
- A prediction matches a gold quote when it covers at least TAU of the gold characters and at
  least half of its own characters fall inside the gold ones; pairs are taken greedily, most
  shared characters first, one to one.
- Speaker right: the predicted speaker span overlaps the gold one, or both are null.
- Tracks: ``direct`` (gold and predictions whose content holds a quotation mark) and ``all``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

TAUS = (0.3, 0.8)
QUOTATION_MARKS = ('"', "“", "”", "„", "«", "»", "''", "``", "‘")


@dataclass
class Scores:
    """One row of the protocol's table, and the error classes behind it."""

    track: str
    tau: float
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_right: int = 0
    no_speaker: int = 0
    errors: Counter = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0

    @property
    def quote_speaker_f1(self) -> float:
        p = self.speaker_right / self.predicted if self.predicted else 0.0
        r = self.speaker_right / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "track": self.track,
            "tau": self.tau,
            "gold": self.gold,
            "predicted": self.predicted,
            "precision": round(100 * self.precision, 1),
            "recall": round(100 * self.recall, 1),
            "f1": round(100 * self.f1, 1),
            "speaker_accuracy": round(100 * self.speaker_accuracy, 1),
            "quote_speaker_f1": round(100 * self.quote_speaker_f1, 1),
            "no_speaker_share": round(100 * self.no_speaker / self.predicted, 1) if self.predicted else 0.0,
            "errors": dict(self.errors),
        }


def fragments_of(quote: dict[str, Any]) -> list[tuple[int, int]]:
    return [tuple(f) for f in quote.get("fragments") or [[quote["start"], quote["end"]]]]


def content_chars(text: str, quote: dict[str, Any]) -> frozenset[int]:
    """Offsets of the letters and digits inside a quote's fragments."""
    return frozenset(i for a, b in fragments_of(quote) for i in range(a, min(b, len(text))) if text[i].isalnum())


def has_quotation_mark(text: str, quote: dict[str, Any]) -> bool:
    return any(mark in text[a:b] for a, b in fragments_of(quote) for mark in QUOTATION_MARKS)


def speaker_right(gold: dict[str, Any], predicted: dict[str, Any]) -> bool:
    g, p = gold.get("speaker_start"), predicted.get("speaker_start")
    if g is None or p is None:
        return g is None and p is None
    return p < gold["speaker_end"] and g < predicted["speaker_end"]


def merge_continuations(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold a same-speaker continuation into the quote it continues, as further fragments.

    PolNeAR annotates '"Q1," he said. "Q2"' as one attribution with two fragments; the
    extractor reports the continuation as its own quote (``continues`` = index of the first).
    """
    merged: dict[int, dict[str, Any]] = {}
    out = []
    for index, quote in enumerate(quotes):
        host = quote.get("continues")
        if host is not None and host in merged and quote.get("rule") == "continuation":
            target = merged[host]
            target["fragments"] = fragments_of(target) + fragments_of(quote)
            target["end"] = quote["end"]
            merged[index] = target
            continue
        copy = dict(quote)
        merged[index] = copy
        out.append(copy)
    return out


def match(text: str, gold: list[dict], predicted: list[dict], tau: float) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, predicted index), most shared characters first."""
    gold_chars = [content_chars(text, q) for q in gold]
    pred_chars = [content_chars(text, q) for q in predicted]
    candidates = []
    for gi, g in enumerate(gold_chars):
        for pi, p in enumerate(pred_chars):
            shared = len(g & p)
            if shared and g and p and shared >= tau * len(g) and shared >= 0.5 * len(p):
                candidates.append((shared, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold, used_pred, pairs = set(), set(), []
    for _shared, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def _classify_misses(text, gold, predicted, pairs, scores: Scores) -> None:
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    for gi, quote in enumerate(gold):
        if gi not in matched_gold:
            chars = content_chars(text, quote)
            touched = any(chars & content_chars(text, p) for p in predicted)
            scores.errors[f"missed {quote.get('type', '?')}" + (" (span off)" if touched else "")] += 1
    for pi, quote in enumerate(predicted):
        if pi not in matched_pred:
            chars = content_chars(text, quote)
            touched = any(chars & content_chars(text, g) for g in gold)
            label = quote.get("rule") or quote.get("type", "?")
            scores.errors[f"spurious {label}" + (" (span off)" if touched else "")] += 1
    for gi, pi in pairs:
        if not speaker_right(gold[gi], predicted[pi]):
            kind = "no speaker" if predicted[pi].get("speaker_start") is None else "wrong speaker"
            scores.errors[f"{kind} ({predicted[pi].get('rule') or '?'})"] += 1


def score(gold_docs: list[dict], predictions: dict[str, list[dict]], merge: bool = True) -> list[Scores]:
    """The protocol's table: one ``Scores`` per (track, TAU)."""
    table = []
    for track in ("direct", "all"):
        for tau in TAUS:
            scores = Scores(track, tau)
            for doc in gold_docs:
                text = doc["text"]
                gold = doc.get("quotes") or []
                predicted = predictions.get(doc["id"], [])
                predicted = merge_continuations(predicted) if merge else predicted
                if track == "direct":
                    gold = [q for q in gold if has_quotation_mark(text, q)]
                    predicted = [q for q in predicted if has_quotation_mark(text, q)]
                pairs = match(text, gold, predicted, tau)
                scores.gold += len(gold)
                scores.predicted += len(predicted)
                scores.matched += len(pairs)
                scores.speaker_right += sum(speaker_right(gold[g], predicted[p]) for g, p in pairs)
                scores.no_speaker += sum(q.get("speaker_start") is None for q in predicted)
                _classify_misses(text, gold, predicted, pairs, scores)
            table.append(scores)
    return table


def format_table(table: list[Scores], errors: int = 8) -> str:
    """The protocol's table as markdown, then the commonest error classes per row."""
    lines = [
        "| track | TAU | gold | pred | P | R | F1 | speaker acc | quote+speaker F1 | no speaker |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in table:
        d = s.as_dict()
        lines.append(
            f"| {s.track} | {s.tau} | {s.gold} | {s.predicted} | {d['precision']} | {d['recall']} | {d['f1']} | "
            f"{d['speaker_accuracy']} | {d['quote_speaker_f1']} | {d['no_speaker_share']}% |"
        )
    if errors:
        for s in table:
            top = ", ".join(f"{k}: {v}" for k, v in s.errors.most_common(errors))
            lines.append(f"\nerrors, {s.track} at TAU {s.tau}: {top}")
    return "\n".join(lines)
