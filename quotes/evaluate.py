"""Scoring predicted quotes against gold, by the protocol of ../shared/eval/README.md.

- Only letters and digits inside the content fragments are compared.
- A prediction matches a gold quote when it covers at least TAU of the gold characters and at
  least half of its own characters fall inside the gold ones; pairs are taken greedily, most
  shared characters first, one to one.
- Speaker right: the predicted speaker span overlaps the gold one, or both are null.
- Tracks: ``direct`` (gold and predictions whose content holds a quotation mark) and ``all``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from quotes.standoff import Article

TAUS = (0.3, 0.8)


def harmonic_mean(p: float, r: float) -> float:
    """F1 of a precision and a recall (0 when both are)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def gold_article(doc: dict) -> Article:
    """A gold document as an input article, with the metadata a run would have (outlet, event...)."""
    meta = {key: doc.get(key) for key in ("outlet", "title", "date", "event_id") if doc.get(key)}
    return Article(str(doc["id"]), doc["text"], outlet_from="metadata" if "outlet" in meta else "unknown", **meta)


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
        return harmonic_mean(self.precision, self.recall)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0

    @property
    def quote_speaker_f1(self) -> float:
        p = self.speaker_right / self.predicted if self.predicted else 0.0
        r = self.speaker_right / self.gold if self.gold else 0.0
        return harmonic_mean(p, r)

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


def continuation_hosts(quotes: list[dict[str, Any]]) -> list[int]:
    """For each quote, its place among the quotes ``merge_continuations`` returns: a continuation
    (rule ``continuation``) takes the place of the earlier quote it continues."""
    places: list[int] = []
    count = 0
    for quote in quotes:
        host = quote.get("continues")
        if host is not None and 0 <= host < len(places) and quote.get("rule") == "continuation":
            places.append(places[host])
        else:
            places.append(count)
            count += 1
    return places


def merge_continuations(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold a same-speaker continuation into the quote it continues, as further fragments.

    PolNeAR annotates '"Q1," he said. "Q2"' as one attribution with two fragments; the
    extractor reports the continuation as its own quote (``continues`` = index of the first).
    """
    out: list[dict[str, Any]] = []
    for quote, place in zip(quotes, continuation_hosts(quotes), strict=True):
        if place < len(out):
            target = out[place]
            target["fragments"] = fragments_of(target) + fragments_of(quote)
            target["end"] = quote["end"]
        else:
            out.append(dict(quote))
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


def tracks_of(gold_docs: list[dict], predictions: dict[str, list[dict]], merge: bool = True) -> list[Scores]:
    """``score``'s table, with the ``direct`` track left out for an identity file (``has_identities``),
    whose direct gold content excludes its quotation marks."""
    table = score(gold_docs, predictions, merge=merge)
    return [s for s in table if s.track == "all"] if has_identities(gold_docs) else table


ATTRIBUTION_TYPES = ("direct", "mixed", "indirect", "according to")


def _kind(quote: dict) -> str:
    """'according to' for such a credit, else the quote's type."""
    if (quote.get("cue") or quote.get("cue_lemma") or "").lower() == "according to":
        return "according to"
    return quote.get("type") or "indirect"


def by_type(gold_docs: list[dict], predictions: dict[str, list[dict]], tau: float = 0.3) -> dict[str, dict]:
    """Track ``all`` at ``tau`` per attribution type (``ATTRIBUTION_TYPES``): recall over the gold
    attributions of the type, precision over the predictions of the type."""
    counts = {kind: {"gold": 0, "found": 0, "predicted": 0, "right": 0} for kind in ATTRIBUTION_TYPES}
    for doc in gold_docs:
        gold = doc.get("quotes") or []
        predicted = merge_continuations(predictions.get(doc["id"], []))
        pairs = match(doc["text"], gold, predicted, tau)
        found, right = {g for g, _ in pairs}, {p for _, p in pairs}
        for i, quote in enumerate(gold):
            counts[_kind(quote)]["gold"] += 1
            counts[_kind(quote)]["found"] += i in found
        for i, quote in enumerate(predicted):
            counts[_kind(quote)]["predicted"] += 1
            counts[_kind(quote)]["right"] += i in right
    table = {}
    for kind, c in counts.items():
        p = c["right"] / c["predicted"] if c["predicted"] else 0.0
        r = c["found"] / c["gold"] if c["gold"] else 0.0
        table[kind] = {
            "gold": c["gold"],
            "predicted": c["predicted"],
            "precision": round(100 * p, 1),
            "recall": round(100 * r, 1),
            "f1": round(100 * harmonic_mean(p, r), 1),
        }
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


# --- Speaker identity (identity-dev.jsonl): who really said each quote, across the run ---------------

IDENTITY_CLUSTER_KINDS = ("person", "government", "organisation", "media")
_DROPPED_NAME_WORDS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "the", "u", "s", "us"}
_ROMAN_SUFFIXES = {"ii", "iii", "iv"}
_PRONOUN_WORDS = {"he", "she", "they", "it", "who", "which", "that", "his", "her", "their", "its", "i", "we"}


def normalise_name(name: str | None) -> str:
    """A speaker name as the identity protocol compares it: lowercase, no "'s", no punctuation but
    hyphens, no roman-numeral suffix, no one-letter middle name, no honorific or 'the' ('Jr.' stays)."""
    if not name:
        return ""
    text = re.sub(r"['’]s\b", "", name.lower())
    words = re.sub(r"[^\w\s-]", " ", text).split()
    words = [w for w in words if w not in _DROPPED_NAME_WORDS and w not in _ROMAN_SUFFIXES]
    words = [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and len(w) == 1)]
    return " ".join(words)


def gold_aliases(docs: list[dict]) -> dict[str, list[str]]:
    """Normalised variant -> the normalised canonical names it is listed for, in file order, from the
    gold file's ``{"aliases": ...}`` line. A variant may be listed for two names ("the administration"
    for "Obama administration" and "White House"); the first is its cluster in B-cubed."""
    table: dict[str, list[str]] = {}
    for doc in docs:
        for canonical, variants in (doc.get("aliases") or {}).items():
            for variant in [canonical, *variants]:
                names = table.setdefault(normalise_name(variant), [])
                if normalise_name(canonical) not in names:
                    names.append(normalise_name(canonical))
    return table


@dataclass
class IdentityScores:
    """The identity protocol's figures over a gold file, and the errors behind them."""

    gold: int = 0
    covered: int = 0
    right: int = 0
    by_kind: dict[str, Counter] = field(default_factory=dict)
    # covered and right per ``speaker_resolution`` of the prediction: what each confidence level is worth
    by_resolution: dict[str, Counter] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    confusions: Counter = field(default_factory=Counter)  # (gold speaker, predicted name) of wrong ones
    bcubed_precision: float = 0.0
    bcubed_recall: float = 0.0
    # Precision again with every quote that has no speaker id in one cluster, as a stricter reading.
    bcubed_precision_pooled: float = 0.0

    @property
    def coverage(self) -> float:
        return self.covered / self.gold if self.gold else 0.0

    @property
    def identity(self) -> float:
        return self.right / self.covered if self.covered else 0.0

    @property
    def end_to_end(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def bcubed_f1(self) -> float:
        return harmonic_mean(self.bcubed_precision, self.bcubed_recall)

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "covered": self.covered,
            "right": self.right,
            "coverage": round(100 * self.coverage, 1),
            "identity": round(100 * self.identity, 1),
            "end_to_end": round(100 * self.end_to_end, 1),
            "bcubed_precision": round(100 * self.bcubed_precision, 1),
            "bcubed_recall": round(100 * self.bcubed_recall, 1),
            "bcubed_f1": round(100 * self.bcubed_f1, 1),
            "bcubed_precision_pooled": round(100 * self.bcubed_precision_pooled, 1),
            "by_kind": {kind: dict(counts) for kind, counts in sorted(self.by_kind.items())},
            "by_resolution": {how: dict(counts) for how, counts in sorted(self.by_resolution.items())},
            "errors": dict(self.errors),
            "confusions": [[g, p, n] for (g, p), n in self.confusions.most_common()],
        }


def covering_prediction(chars: frozenset[int], predicted_chars: list[frozenset[int]]) -> int | None:
    """Index of the prediction sharing the most letters and digits (``content_chars``) with a gold
    quote's ``chars``, when it covers at least half of them and at least half of its own lie inside."""
    best, best_shared = None, 0
    for index, own in enumerate(predicted_chars):
        shared = len(chars & own)
        if shared > best_shared and shared >= 0.5 * len(chars) and shared >= 0.5 * len(own):
            best, best_shared = index, shared
    return best


def _other_layers(index: int, quotes: list[dict], chars: list[frozenset[int]]) -> list[str]:
    """Speakers of the gold quotes annotated over the same content as quote ``index`` in another layer
    ('Comey wrote that Trump said ...': Comey's and Trump's); ``chars`` are the quotes' ``content_chars``."""
    speakers = []
    for other, (quote, theirs) in enumerate(zip(quotes, chars, strict=True)):
        shared = len(chars[index] & theirs)
        if other != index and shared and shared >= 0.5 * min(len(chars[index]), len(theirs) or 1):
            speakers.append(quote.get("speaker"))
    return speakers


def _identity_error(gold: dict, predicted: dict) -> str:
    """A short class for a wrong identity, for the error list."""
    name, kind = predicted.get("speaker_name"), predicted.get("speaker_kind") or "unknown"
    gold_kind = gold.get("speaker_kind") or "?"
    if not name or kind == "unknown":
        how = "pronoun" if (predicted.get("speaker") or "").lower() in _PRONOUN_WORDS else "mention"
        return f"{gold_kind}: no name ({'no mention' if predicted.get('speaker') is None else how})"
    if gold_kind == "anonymous":
        return f"anonymous named as {kind}"
    g, p = ([w for w in normalise_name(n).split() if w not in ("jr", "sr")] for n in (gold.get("speaker"), name))
    if gold_kind == "person" and g and p and g[-1] == p[-1]:
        return "person: another of the same surname"
    if kind != gold_kind:
        return f"{gold_kind} as {kind}"
    return f"{gold_kind}: another {kind}"


def identity_right(gold: dict, predicted: dict, layers: list[str], aliases: dict[str, list[str]]) -> bool:
    """The prediction names the gold speaker (or a gold speaker of another layer over the same content):
    the same normalised name, or a name the aliases line lists for it."""
    if gold.get("speaker_kind") == "anonymous":
        return predicted.get("speaker_kind") == "anonymous"
    name = normalise_name(predicted.get("speaker_name"))
    if not name:
        return False
    named = {name, *aliases.get(name, ())}
    return any(named & {n, *aliases.get(n, ())} for n in map(normalise_name, [gold.get("speaker"), *layers]) if n)


def score_identity(
    gold_docs: list[dict], predictions: dict[str, list[dict]], aliases: dict[str, list[str]], merge: bool = False
) -> IdentityScores:
    """The identity protocol of ../shared/eval/README.md: coverage, identity, end-to-end, B-cubed.
    ``aliases``: ``gold_aliases`` of the file's aliases line. The protocol folds no continuations
    (``merge`` False): an interrupted gold quote is covered by the prediction holding most of it."""
    scores = IdentityScores()
    clustered: list[tuple[str, str]] = []  # (gold cluster, predicted cluster) per covered quote
    for doc in gold_docs:
        text, quotes = doc["text"], doc.get("quotes") or []
        predicted = predictions.get(doc["id"], [])
        predicted = merge_continuations(predicted) if merge else predicted
        gold_chars = [content_chars(text, q) for q in quotes]
        predicted_chars = [content_chars(text, q) for q in predicted]
        for index, gold in enumerate(quotes):
            kind = gold.get("speaker_kind") or "unknown"
            if kind == "unknown" or gold.get("speaker") in (None, "unknown"):
                continue
            counts = scores.by_kind.setdefault(kind, Counter())
            scores.gold += 1
            counts["gold"] += 1
            found = covering_prediction(gold_chars[index], predicted_chars)
            if found is None:
                scores.errors[f"not covered ({gold.get('type', '?')})"] += 1
                continue
            scores.covered += 1
            counts["covered"] += 1
            quote = predicted[found]
            resolution = scores.by_resolution.setdefault(quote.get("speaker_resolution") or "none", Counter())
            resolution["covered"] += 1
            if identity_right(gold, quote, _other_layers(index, quotes, gold_chars), aliases):
                scores.right += 1
                counts["right"] += 1
                resolution["right"] += 1
            else:
                scores.errors[_identity_error(gold, quote)] += 1
                scores.confusions[(gold.get("speaker"), quote.get("speaker_name") or "-")] += 1
            if kind in IDENTITY_CLUSTER_KINDS:
                truth = normalise_name(gold["speaker"])
                truth = (aliases.get(truth) or [truth])[0]
                clustered.append((truth, quote.get("speaker_id") or f"#{doc['id']}/{index}"))
    scores.bcubed_precision, scores.bcubed_recall = bcubed(clustered)
    pooled = [(truth, "#" if predicted.startswith("#") else predicted) for truth, predicted in clustered]
    scores.bcubed_precision_pooled = bcubed(pooled)[0]
    return scores


def bcubed(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """B-cubed precision and recall of predicted clusters against gold ones, one (gold, predicted) per item."""
    if not pairs:
        return 0.0, 0.0
    both = Counter(pairs)
    gold_sizes = Counter(g for g, _ in pairs)
    pred_sizes = Counter(p for _, p in pairs)
    precision = sum(n * n / pred_sizes[p] for (_, p), n in both.items()) / len(pairs)
    recall = sum(n * n / gold_sizes[g] for (g, _), n in both.items()) / len(pairs)
    return precision, recall


def has_identities(gold_docs: list[dict]) -> bool:
    """True when the gold quotes carry canonical speakers (``speaker_kind``), as identity-dev.jsonl does."""
    return any("speaker_kind" in q for d in gold_docs for q in d.get("quotes") or [])


def format_parts(gold_docs: list[dict], predictions: dict[str, list[dict]], aliases: dict, first: int) -> str:
    """The identity figures of the first ``first`` documents, of the rest and of all, one row each (a
    file that grew keeps its old and new parts comparable)."""
    lines = [
        "| part | documents | gold | coverage | identity | end-to-end | B3 P | B3 R | B3 F1 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    parts = [(f"first {first}", gold_docs[:first]), ("the rest", gold_docs[first:]), ("all", gold_docs)]
    for name, docs in parts:
        d = score_identity(docs, predictions, aliases).as_dict()
        lines.append(
            f"| {name} | {len(docs)} | {d['gold']} | {d['coverage']} | {d['identity']} | {d['end_to_end']} | "
            f"{d['bcubed_precision']} | {d['bcubed_recall']} | {d['bcubed_f1']} |"
        )
    return "\n".join(lines)


def format_identity(scores: IdentityScores, errors: int = 10) -> str:
    """The identity figures as markdown, per speaker kind, then the commonest errors and confusions."""
    d = scores.as_dict()
    lines = [
        "| gold | covered | coverage | identity | end-to-end | B3 P | B3 R | B3 F1 | B3 P, no-id pooled |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        f"| {scores.gold} | {scores.covered} | {d['coverage']} | {d['identity']} | {d['end_to_end']} | "
        f"{d['bcubed_precision']} | {d['bcubed_recall']} | {d['bcubed_f1']} | {d['bcubed_precision_pooled']} |",
        "",
        "| speaker kind | gold | covered | identity right | identity |",
        "| --- | --- | --- | --- | --- |",
    ]
    for kind, counts in sorted(scores.by_kind.items(), key=lambda kv: -kv[1]["gold"]):
        share = round(100 * counts["right"] / counts["covered"], 1) if counts["covered"] else 0.0
        lines.append(f"| {kind} | {counts['gold']} | {counts['covered']} | {counts['right']} | {share} |")
    if scores.by_resolution:
        lines += ["", "| speaker resolution | covered | identity right | identity |", "| --- | --- | --- | --- |"]
        for how, counts in sorted(scores.by_resolution.items(), key=lambda kv: -kv[1]["covered"]):
            share = round(100 * counts["right"] / counts["covered"], 1) if counts["covered"] else 0.0
            lines.append(f"| {how} | {counts['covered']} | {counts['right']} | {share} |")
    if errors:
        lines.append("\nidentity errors: " + ", ".join(f"{k}: {v}" for k, v in scores.errors.most_common(errors)))
        top = ", ".join(f"{g} -> {p} ({n})" for (g, p), n in scores.confusions.most_common(errors))
        lines.append(f"\ncommonest confusions (gold -> predicted): {top}")
    return "\n".join(lines)
