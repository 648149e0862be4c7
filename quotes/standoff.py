"""The one record format every stage shares: character-offset standoff over the original text.

Offsets are Python string indices into ``Article.text``; ``text[start:end]`` is always the verbatim
quote. Nothing here normalises text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

QuoteType = str  # "direct" | "mixed" | "indirect"


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass
class Article:
    """One input article: its text and whatever metadata came with it."""

    id: str
    text: str
    outlet: str = "unknown"
    title: str | None = None
    date: str | None = None
    url: str | None = None
    event_id: str | None = None
    source: str | None = None  # file (and row) the article was read from
    outlet_from: str = "unknown"  # "metadata", "credit line", "dateline" or "unknown"
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ArticleError:
    """An input that could not be read as an article; it is reported, never dropped."""

    id: str
    source: str
    error: str


@dataclass
class Quote:
    """One attribution: content span (possibly in fragments), speaker mention and cue."""

    fragments: tuple[Span, ...]
    type: QuoteType
    speaker: Span | None
    cue: Span | None
    cue_lemma: str | None = None
    cue_class: str | None = None
    rule: str = ""  # which pattern produced it, for error analysis
    confidence: float = 0.5
    continues: int | None = None  # index of the quote this one continues (same speaker)
    # Filled by speaker resolution (``speakers``): who the mention is, and the outlet relaying it.
    speaker_name: str | None = None
    speaker_kind: str = "unknown"
    speaker_title: str | None = None
    speaker_affiliation: str | None = None
    via: str | None = None
    speaker_resolution: str = "none"  # how the name was reached: name, apposition, pronoun, description...

    @property
    def start(self) -> int:
        return self.fragments[0].start

    @property
    def found_by(self) -> str:
        """Which path found it: 'model' (the learned tagger) or 'rules'."""
        return "model" if self.rule == "model" else "rules"

    @property
    def end(self) -> int:
        return self.fragments[-1].end

    def to_standoff(self, text: str) -> dict[str, Any]:
        """The JSONL record of ../shared/eval/README.md, plus this project's own keys."""
        return {
            "text": text[self.start : self.end],
            "start": self.start,
            "end": self.end,
            "fragments": [[f.start, f.end] for f in self.fragments],
            "type": self.type,
            "speaker": text[self.speaker.start : self.speaker.end] if self.speaker else None,
            "speaker_start": self.speaker.start if self.speaker else None,
            "speaker_end": self.speaker.end if self.speaker else None,
            "cue": text[self.cue.start : self.cue.end] if self.cue else None,
            "cue_start": self.cue.start if self.cue else None,
            "cue_end": self.cue.end if self.cue else None,
            "cue_lemma": self.cue_lemma,
            "cue_class": self.cue_class,
            "rule": self.rule,
            "found_by": self.found_by,
            "confidence": round(self.confidence, 2),
            "continues": self.continues,
            "speaker_name": self.speaker_name,
            "speaker_kind": self.speaker_kind,
            "speaker_title": self.speaker_title,
            "speaker_affiliation": self.speaker_affiliation,
            "via": self.via,
            "speaker_resolution": self.speaker_resolution,
        }
