"""The learned attribution tagger: a linear-chain CRF that marks each token of a parsed paragraph as
cue, source or content (PolNeAR's three parts, in BIO tags), and the attributions read off its tags.

The model is trained by ``quotes.training`` on PolNeAR train and ships in ``quotes/models/attribution``;
``tagger()`` loads it once per process.
"""

from __future__ import annotations

import json
import lzma
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span

from quotes.attribution.features import ALL_GROUPS, features_of
from quotes.cues import CueLexicon
from quotes.standoff import Quote

PARTS = ("CUE", "SRC", "CON")
LABELS = ("O",) + tuple(f"{p}-{k}" for k in PARTS for p in "BI")
MODEL_DIR = "models/attribution"
ENV_VAR = "QUOTES_ATTRIBUTION_MODEL"  # a folder written by ``quotes train``, used in place of the shipped one


@dataclass(frozen=True)
class Proposal:
    """One attribution the tagger found; offsets relative to the ``Doc``."""

    cue: tuple[int, int]
    cue_head: int  # token index of the cue's main word
    speaker: tuple[int, int] | None
    content: tuple[tuple[int, int], ...]  # fragments
    confidence: float  # the tagger's own (uncalibrated) belief in the cue and content tags


@dataclass(frozen=True)
class _Run:
    part: str
    first: int  # token indices, inclusive
    last: int
    belief: float  # mean marginal probability of the run's tags


def gold_labels(doc: Doc, parts: list[tuple[str, int, int]]) -> list[str]:
    """BIO tags for ``doc`` from character spans ``(part, start, end)`` relative to it; a token takes
    the first span that overlaps it."""
    labels = ["O"] * len(doc)
    owner = [-1] * len(doc)
    for n, (part, start, end) in enumerate(parts):
        for token in doc:
            if labels[token.i] != "O" or token.is_space:
                continue
            if token.idx < end and start < token.idx + len(token.text):
                begins = token.i == 0 or owner[token.i - 1] != n
                labels[token.i] = f"{'B' if begins else 'I'}-{part}"
                owner[token.i] = n
    return labels


def runs_of(labels: list[str], beliefs: list[float]) -> list[_Run]:
    """The tagged spans: a B- tag starts one, I- tags of the same part continue it."""
    runs: list[_Run] = []
    first, part = None, ""
    for i, label in enumerate([*labels, "O"]):
        if first is not None and label != f"I-{part}":
            runs.append(_Run(part, first, i - 1, sum(beliefs[first:i]) / (i - first)))
            first = None
        if first is None and label != "O":
            first, part = i, label[2:]
    return runs


def _root(doc: Doc, run: _Run) -> int:
    """The token of a run whose head lies outside it (the first, if the parse says none)."""
    for i in range(run.first, run.last + 1):
        head = doc[i].head.i
        if not run.first <= head <= run.last or head == i:
            return i
    return run.first


def _governs(doc: Doc, run: _Run, cue: _Run) -> bool:
    """The cue is an ancestor of the run's root, or the run's root an ancestor of the cue (a cue set off
    inside its content: '"Q1," he said, "Q2"')."""
    root = doc[_root(doc, run)]
    cue_tokens = range(cue.first, cue.last + 1)
    if any(a.i in cue_tokens for a in root.ancestors):
        return True
    return any(a.i in range(run.first, run.last + 1) for a in doc[_root(doc, cue)].ancestors)


def _cue_for(doc: Doc, run: _Run, cues: list[_Run], reach: int) -> int | None:
    """The cue a content or source run belongs to: one the parse links it to, else the nearest in its
    sentence, else the nearest within ``reach`` tokens."""
    if not cues:
        return None
    linked = [n for n, cue in enumerate(cues) if _governs(doc, run, cue)]

    def distance(n: int) -> int:
        cue = cues[n]
        return max(0, cue.first - run.last, run.first - cue.last)

    if linked:
        return min(linked, key=distance)
    sentence = doc[run.first].sent
    same = [n for n, cue in enumerate(cues) if doc[cue.first].sent == sentence]
    if same:
        return min(same, key=distance)
    nearest = min(range(len(cues)), key=distance)
    return nearest if distance(nearest) <= reach else None


def _chars(doc: Doc, run: _Run) -> tuple[int, int]:
    span: Span = doc[run.first : run.last + 1]
    return span.start_char, span.end_char


def proposals(doc: Doc, labels: list[str], beliefs: list[float], reach: int = 30) -> list[Proposal]:
    """The attributions of one paragraph's tags: each cue with the content runs (fragments) and the
    source run that belong to it; a cue with no content proposes nothing."""
    runs = runs_of(labels, beliefs)
    cues = [r for r in runs if r.part == "CUE"]
    content: dict[int, list[_Run]] = {}
    sources: dict[int, list[_Run]] = {}
    for run in runs:
        if run.part == "CUE":
            continue
        n = _cue_for(doc, run, cues, reach)
        if n is not None:
            (content if run.part == "CON" else sources).setdefault(n, []).append(run)
    found = []
    for n, pieces in sorted(content.items()):
        cue = cues[n]
        source = min(sources.get(n, []), key=lambda r: abs(r.first - cue.first), default=None)
        belief = sum(r.belief * (r.last - r.first + 1) for r in pieces) / sum(r.last - r.first + 1 for r in pieces)
        confidence = math.sqrt(belief * cue.belief)
        found.append(
            Proposal(
                cue=_chars(doc, cue),
                cue_head=_root(doc, cue),
                speaker=_chars(doc, source) if source else None,
                content=tuple(_chars(doc, r) for r in sorted(pieces, key=lambda r: r.first)),
                confidence=confidence,
            )
        )
    return found


def rule_parts(quotes: Iterable[Quote], start: int, end: int) -> list[tuple[str, int, int, str, str]]:
    """The cue, speaker and content spans of ``quotes`` that start in ``start``-``end`` (a paragraph),
    relative to it, with each quote's rule and type: the ``rules`` feature group's input."""
    parts = []
    for quote in quotes:
        spans = [("CUE", quote.cue), ("SRC", quote.speaker)] + [("CON", f) for f in quote.fragments]
        for part, span in spans:
            if span is not None and start <= span.start < end:
                parts.append((part, span.start - start, span.end - start, quote.rule, quote.type))
    return parts


class Tagger:
    """A trained CRF and its settings (``model.json``): feature groups, the combination threshold and
    the calibration table."""

    def __init__(self, folder: Path):
        import pycrfsuite  # imported here: the rules alone never need it

        self.folder = Path(folder)
        self.settings = json.loads((self.folder / "model.json").read_text(encoding="utf-8"))
        self.groups = tuple(self.settings.get("groups", ALL_GROUPS))
        self._tagger = pycrfsuite.Tagger()
        packed = self.folder / "tagger.crfsuite.xz"  # the shipped taggers: a third of the size
        if packed.exists():
            # the tagger reads this buffer in place: it must live as long as the tagger
            self._model = lzma.decompress(packed.read_bytes())
            self._tagger.open_inmemory(self._model)
        else:
            self._tagger.open(str(self.folder / "tagger.crfsuite"))

    @property
    def threshold(self) -> float:
        return float(self.settings.get("threshold", 0.5))

    @property
    def needs_speaker(self) -> bool:
        """Whether its attributions are kept only with a speaker mention (chosen on dev)."""
        return bool(self.settings.get("needs_speaker", False))

    def tag(
        self, doc: Doc, quoted: list[tuple[int, int]], lexicon: CueLexicon, rules: list | None = None
    ) -> tuple[list[str], list[float]]:
        """The tags of ``doc``'s tokens and the marginal probability of each (``rules``: ``rule_parts``
        of the rules' quotes, for a tagger that reads them)."""
        if not len(doc):
            return [], []
        self._tagger.set(features_of(doc, quoted, lexicon, self.groups, rules))
        labels = self._tagger.tag()
        # beliefs are read only inside tagged runs (``runs_of``): an 'O' token's is never asked for
        return labels, [1.0 if label == "O" else self._tagger.marginal(label, i) for i, label in enumerate(labels)]

    def propose(
        self, doc: Doc, quoted: list[tuple[int, int]], lexicon: CueLexicon, rules: list | None = None
    ) -> list[Proposal]:
        labels, beliefs = self.tag(doc, quoted, lexicon, rules)
        return proposals(doc, labels, beliefs)

    def calibrated(self, confidence: float) -> float:
        """The share of its attributions right on dev at this raw confidence (``model.json``'s
        ``calibration``: ``[upper bound, share]`` bins), else the raw confidence. The rules' are
        calibrated by ``rule_confidence``."""
        for upper, share in self.settings.get("calibration", []):
            if confidence <= upper:
                return float(share)
        return confidence


def packaged_model() -> Path:
    return Path(str(resources.files("quotes") / MODEL_DIR))


def _models() -> Path:
    """The folder of the taggers in use: ``$QUOTES_ATTRIBUTION_MODEL``, else the shipped one."""
    return Path(os.environ.get(ENV_VAR) or packaged_model())


def tagger(kind: str = "combined", folder: str | None = None) -> Tagger:
    """The ``kind`` tagger ('model': parse features alone; 'combined': also the rules' output) in
    ``folder``, else in ``$QUOTES_ATTRIBUTION_MODEL``, else the one shipped in the package; each loaded
    once per process."""
    return _load(str(Path(folder or _models()) / kind))


@lru_cache(maxsize=4)
def _load(folder: str) -> Tagger:
    return Tagger(Path(folder))


def rule_confidence(rule: str, confidence: float) -> float:
    """The share right on dev of the rules' attributions found by ``rule`` (the combined tagger's
    ``rule_calibration``, read without loading the tagger), else ``confidence``."""
    return _rule_shares(str(_models())).get(rule, confidence)


@lru_cache(maxsize=4)
def _rule_shares(folder: str) -> dict[str, float]:
    path = Path(folder) / "combined" / "model.json"
    return json.loads(path.read_text(encoding="utf-8")).get("rule_calibration", {}) if path.exists() else {}
