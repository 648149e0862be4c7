"""Per-article wording profile: the text split into quoted and narrative parts, their terms and tone.

A pure per-article step like extraction (one article and its quotes in, rows out), so that the
cross-article comparison (``compare``) never needs the article texts. "Quoted" is the text inside the
quotation marks of the article's direct and mixed quotes, in the speakers' words; "narrative" is
everything else, in the outlet's own words (reported speech included: its wording is the outlet's).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from nltk.tokenize import RegexpTokenizer
from spacy.lang.en.stop_words import STOP_WORDS

from quotes.marks import find_quote_spans
from quotes.nlp import sentence_tokenizer
from quotes.standoff import Article, Quote, Span

PARTS = ("quoted", "narrative")
# Words of two letters or more, inner apostrophes and hyphens kept ("Iranian-backed", "don't").
_WORDS = RegexpTokenizer(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{2,}")


@dataclass
class TextProfile:
    """One article's parts: characters, words, sentences and tone per part, and term counts."""

    parts: dict[str, dict] = field(default_factory=dict)  # part -> chars, words, sentences, tone
    terms: dict[str, Counter] = field(default_factory=dict)  # part -> term -> count


def quoted_spans(text: str, quotes: list[Quote]) -> list[Span]:
    """The spans inside quotation marks that belong to the article's direct and mixed quotes."""
    marked = [q.span for q in find_quote_spans(text)]
    spans = []
    for quote in quotes:
        if quote.type == "direct":
            spans.extend(quote.fragments)
        elif quote.type == "mixed":
            for fragment in quote.fragments:
                spans.extend(m for m in marked if fragment.contains(m))
    return _union(spans)


def _union(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def _complement(spans: list[Span], length: int) -> list[Span]:
    gaps, position = [], 0
    for span in spans:
        if span.start > position:
            gaps.append(Span(position, span.start))
        position = max(position, span.end)
    if position < length:
        gaps.append(Span(position, length))
    return gaps


def terms(text: str) -> list[str]:
    """Lower-cased content words of ``text`` (spaCy's English stop words left out)."""
    words = (w.lower().replace("’", "'") for w in _WORDS.tokenize(text))
    return [w for w in words if w not in STOP_WORDS and w.strip("'-") == w]


@lru_cache(maxsize=1)
def _vader():
    # vaderSentiment ships its lexicon inside the package: nothing to download.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences of ``text`` (NLTK Punkt) that hold a letter, whitespace trimmed."""
    spans = []
    for a, b in sentence_tokenizer().span_tokenize(text):
        a, b = trimmed(text, a, b)
        if any(map(str.isalpha, text[a:b])):
            spans.append((a, b))
    return spans


def trimmed(text: str, start: int, end: int, chars: str | None = None) -> tuple[int, int]:
    """``(start, end)`` narrowed past leading and trailing ``chars`` (whitespace by default), like ``str.strip``."""
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip(chars))
    return start + left, start + len(piece.rstrip(chars))


def sentences_of(text: str) -> list[str]:
    """The sentences of ``text`` (NLTK Punkt) that hold a letter, stripped."""
    return [text[a:b] for a, b in sentence_spans(text)]


def sentences_in(text: str, spans: list[Span]) -> list[str]:
    """The sentences of each span of ``text``, as strings."""
    return [sentence for span in spans for sentence in sentences_of(text[span.start : span.end])]


def profile_article(article: Article, quotes: list[Quote]) -> TextProfile:
    """Split ``article`` into quoted and narrative text and measure each part."""
    text = article.text
    quoted = quoted_spans(text, quotes)
    by_part = {"quoted": quoted, "narrative": _complement(quoted, len(text))}
    profile = TextProfile()
    for part, spans in by_part.items():
        sentences = sentences_in(text, spans)
        tones = [_vader().polarity_scores(s)["compound"] for s in sentences]
        words = sum(len(text[s.start : s.end].split()) for s in spans)
        profile.parts[part] = {
            "chars": sum(len(s) for s in spans),
            "words": words,
            "sentences": len(sentences),
            "tone": round(sum(tones) / len(tones), 4) if tones else None,
        }
        profile.terms[part] = Counter(t for s in spans for t in terms(text[s.start : s.end]))
    return profile
