"""Page furniture: the parts of an article's text that are nobody's words.

Datelines ("WASHINGTON —", "PALM BEACH, Fla. —", "SEOUL (Reuters) -") open a story, bylines ("By
Jane Roe") and link or credit lines ("More: ...", "Related: ...", "Photo: ...", from
``rules/furniture.txt``) stand between paragraphs, and "(Photo: Getty Images)" sits inside one. None
of them is a speaker or a quote: the parser never sees them (they are blanked, offsets kept) and a
quotation inside a furniture line is a headline's, not a quote.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quotes.marks import paragraph_spans
from quotes.rules_data import rules_lines
from quotes.standoff import Span

# In the first paragraphs only: an upper-case place, an optional ", State" and "(Agency)", then a dash.
_DATELINE = re.compile(
    r"[ \t]*[A-Z][A-Z.'’ -]{1,40}[A-Z.](?:,[ \t]+[A-Z][A-Za-z.]{0,12}(?:[ \t]+[A-Z][A-Za-z.]{0,12})?)?"
    r"[ \t]*(?:\([A-Za-z .]{2,30}\)[ \t]*)?(?:—|–|―|--?)[ \t]*(?=[A-Z\"“‘'])"
)
_AGENCY_ONLY = re.compile(r"[ \t]*\((?:AP|Reuters|AFP|UPI|CNN)\)[ \t]*(?:—|–|―|--?)[ \t]*")
_BYLINE = re.compile(r"[ \t]*By[ \t]+[A-Z][\w.'’-]*(?:[ \t,]+(?:and[ \t]+)?[A-Z][\w.'’-]*){0,7}[ \t]*$")
_INLINE_CREDIT = re.compile(r"\((?:AP |Reuters |AFP |Getty )?(?:Photo|Image|Credit|Photograph)s?\b[^()\n]{0,80}\)")
_OPENING_PARAGRAPHS = 3


@lru_cache(maxsize=1)
def _labels() -> re.Pattern[str]:
    labels = [re.escape(x.strip()) for x in rules_lines("furniture.txt")]
    return re.compile(rf"[ \t]*(?:{'|'.join(sorted(labels, key=len, reverse=True))})[ \t]*(?::|—|–|-)", re.I)


def furniture_spans(text: str) -> list[Span]:
    """The furniture of ``text``, in text order: whole lines (bylines, link and credit lines) and
    pieces of lines (a dateline, an inline photo credit)."""
    found = []
    for number, paragraph in enumerate(paragraph_spans(text)):
        if _BYLINE.fullmatch(text, paragraph.start, paragraph.end) or _labels().match(
            text, paragraph.start, paragraph.end
        ):
            found.append(paragraph)
            continue
        if number < _OPENING_PARAGRAPHS:
            dateline = _DATELINE.match(text, paragraph.start, paragraph.end)
            dateline = dateline or _AGENCY_ONLY.match(text, paragraph.start, paragraph.end)
            if dateline and dateline.end() < paragraph.end:
                found.append(Span(paragraph.start, dateline.end()))
        found.extend(Span(m.start(), m.end()) for m in _INLINE_CREDIT.finditer(text, paragraph.start, paragraph.end))
    return sorted(found, key=lambda s: s.start)


def blank(text: str, spans: list[Span], offset: int = 0) -> str:
    """``text`` (which starts at ``offset`` in the article) with ``spans`` replaced by spaces, so that
    every character keeps its offset."""
    chars = list(text)
    for span in spans:
        for i in range(max(span.start - offset, 0), min(span.end - offset, len(chars))):
            if not chars[i].isspace():
                chars[i] = " "
    return "".join(chars)
