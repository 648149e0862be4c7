"""Outlets in the text: the one a quote is relayed through (``via``), and every outlet named, with its role."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from quotes.read import outlet_from_text
from quotes.rules_data import SpeakerRules, load_speaker_rules
from quotes.speakers.names import Speaker
from quotes.speakers.sentences import _sentence_start
from quotes.standoff import Article, Quote


@dataclass(frozen=True)
class MediaMention:
    """An outlet named in an article's text, and what it does there."""

    outlet: str
    mention: str
    start: int
    end: int
    role: str  # credit line, dateline, interviewed, relayed a quote, reported, quoted, mentioned


_ACCORDING = re.compile(r"(\w+)\s+to\s+(?:the\s+)?$")
_REPORTED_AFTER = re.compile(r"\s+(?:(?:was|were)\s+(?:the\s+)?first\s+to\s+report|(?:first\s+)?report(?:ed|s))\b")
_REPORTED_BEFORE = re.compile(r"\breported\s+by\s+(?:the\s+)?$")
_INTERVIEWED = re.compile(r"\b(?:told|tells|telling|said\s+to|speaking\s+to|interview\s+with)\s+(?:the\s+)?$", re.I)


def _relay_phrase(text: str, start: int, end: int) -> bool:
    """'According to AFP,' (misspellings included), 'AFP reported', 'reported by AFP'."""
    before = text[max(0, start - 30) : start]
    according = _ACCORDING.search(before)
    if according and fuzz.ratio(according.group(1).lower(), "according") >= 75:
        return True
    return bool(_REPORTED_BEFORE.search(before) or _REPORTED_AFTER.match(text, end))


def relayed_by(text: str, quote: Quote, speaker: Speaker, rules: SpeakerRules) -> str | None:
    """The outlet a quote is credited through in its own sentence, when it is not the speaker."""
    if speaker.kind == "media":
        return None
    anchor = min(x.start for x in (quote.cue, quote.speaker, quote.fragments[0]) if x is not None)
    sentence = _sentence_start(text, anchor)
    for match in rules.media_pattern.finditer(text, sentence, anchor):
        if _relay_phrase(text, match.start(), match.end()):
            return rules.media[match.group()]
    return None


def media_mentions(
    article: Article, quotes: list[Quote], speakers: list[Speaker], rules: SpeakerRules | None = None
) -> list[MediaMention]:
    """Every outlet the text names, with its role: credit line, interviewed, relayed a quote..."""
    rules = rules or load_speaker_rules()
    text = article.text
    # The first line credits an outlet whatever the metadata says ("According to CNN").
    credit_kind = outlet_from_text(text)[1]
    first_line_end = text.find("\n") if "\n" in text else len(text)
    relays = {s.via for s in speakers if s.via}
    speaker_spans = [q.speaker for q, s in zip(quotes, speakers, strict=True) if q.speaker and s.kind == "media"]
    found = []
    for match in rules.media_pattern.finditer(text):
        outlet, start, end = rules.media[match.group()], match.start(), match.end()
        before = text[max(0, start - 30) : start]
        if start < first_line_end and credit_kind != "unknown":
            role = credit_kind
        elif _INTERVIEWED.search(before):
            role = "interviewed"
        elif outlet in relays and _relay_phrase(text, start, end):
            role = "relayed a quote"
        elif _relay_phrase(text, start, end):
            role = "reported"
        elif any(s.start <= start < s.end for s in speaker_spans):
            role = "quoted"
        else:
            role = "mentioned"
        found.append(MediaMention(outlet, match.group(), start, end, role))
    return found
