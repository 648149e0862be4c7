"""Long articles in windows: a hearing transcript or a long-read archive is analysed piece by piece, so
that time grows linearly with its length and no paragraph reaches the model's length limit.

An article longer than ``LONG_TEXT`` characters is cut at paragraph breaks (inside a paragraph longer
than a window, at sentence ends, else at a space) into windows of about ``WINDOW`` characters. Each
window is analysed with up to ``CONTEXT`` characters of the paragraphs before it, so that "he said"
at a window's start still finds who "he" is; a quote is kept by the window it starts in. Offsets are
shifted back into the whole text, so ``text[start:end]`` holds as everywhere else. News articles are
far shorter than ``LONG_TEXT`` (the longest of PolNeAR train has 33,672 characters) and are analysed
whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from quotes.standoff import Article, Quote, Span

LONG_TEXT = 50_000
WINDOW = 20_000
CONTEXT = 2_000
_SENTENCE_END = re.compile(r"[.!?][\"”’']*\s+")


@dataclass(frozen=True)
class Window:
    """Analyse ``text[context:end]``; keep what starts in ``[start, end)``."""

    context: int
    start: int
    end: int


def _cut(text: str, start: int, limit: int, stop: int | None = None) -> int:
    """Where a window starting at ``start`` ends: the last paragraph break before ``limit``, else the
    last sentence end, else the last space, else ``limit`` itself (a window is never empty); never
    past ``stop`` (default: the end of ``text``)."""
    stop = len(text) if stop is None else stop
    if limit >= stop:
        return stop
    floor = start + (limit - start) // 2  # a cut in the window's second half, so windows stay large
    newline = text.rfind("\n", floor, limit)
    if newline >= 0:
        return newline + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, floor, limit)]
    if ends:
        return ends[-1]
    space = text.rfind(" ", floor, limit)
    return space + 1 if space >= 0 else limit


def pieces(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut into consecutive pieces of about ``size`` characters, at sentence ends
    where it can (else at a space)."""
    found = []
    while start < end:
        cut = _cut(text, start, start + size, end)
        found.append((start, cut))
        start = cut
    return found


def windows(text: str, size: int = WINDOW, context: int = CONTEXT) -> list[Window]:
    """The windows of ``text``: consecutive, covering it exactly once, each with its context."""
    cuts, start = [], 0
    while start < len(text):
        end = _cut(text, start, start + size)
        cuts.append((start, end))
        start = end
    found = []
    for start, end in cuts:
        # the context begins at a paragraph start, at most ``context`` characters back
        back = max(0, start - context)
        paragraph = text.find("\n", back, start)
        found.append(Window(paragraph + 1 if 0 <= paragraph < start else start if back else 0, start, end))
    return found


def _shift(span: Span | None, delta: int) -> Span | None:
    return None if span is None else Span(span.start + delta, span.end + delta)


def shifted(quote: Quote, delta: int) -> Quote:
    """``quote`` with every offset moved by ``delta``."""
    return replace(
        quote,
        fragments=tuple(_shift(f, delta) for f in quote.fragments),
        speaker=_shift(quote.speaker, delta),
        cue=_shift(quote.cue, delta),
    )


def analyse_in_windows(article: Article, analyse: Callable):
    """Run ``analyse`` (one article in, its ``ArticleResult`` out) window by window and join the results."""
    text = article.text
    quotes: list[Quote] = []
    media = []
    people: dict[str, None] = {}
    for window in windows(text):
        part = replace(article, text=text[window.context : window.end])
        result = analyse(part)
        delta = window.context
        index: dict[int, int] = {}  # the window's quote numbers -> the article's
        for number, quote in enumerate(result.quotes):
            if quote.start + delta < window.start:
                continue  # it starts in the context: the previous window has it
            index[number] = len(quotes)
            quotes.append(shifted(quote, delta))
        for number, position in index.items():
            continued = result.quotes[number].continues
            quotes[position].continues = index.get(continued) if continued is not None else None
        media += [
            replace(m, start=m.start + delta, end=m.end + delta)
            for m in result.media
            if m.start + delta >= window.start
        ]
        people.update(dict.fromkeys(getattr(result, "people", ())))
    return replace(result, article=article, quotes=quotes, media=media, people=tuple(people))
