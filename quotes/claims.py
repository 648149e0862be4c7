"""Claims that hold: a comparison line is stated only when the articles' full texts bear it out.

The comparison (``compare``) finds its candidates in the extracted quotes; this step reads the texts:
'only in A' holds when no article of another outlet in the story carries the quote's words anywhere
in its text (an outlet may carry them unquoted, or in a quote the extractor missed); 'left out by B'
when none of B's articles carries the sentence; 'attributed differently' needs a statement, not a
fragment ('a lot') or a title ('Born in the U.S.A.').

Words are compared on letters and digits alone, case folded, so punctuation, quotation marks and
where a sentence was cut make no difference: a text carries a sentence when some stretch of it holds
``CARRIED`` of the sentence's words in their order (rapidfuzz's longest common subsequence over
words, in a window around each place a word of the sentence occurs), so "I know you're under a lot of
duress" carries "I know you're under duress".
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from functools import lru_cache

from rapidfuzz.distance import LCSseq
from spacy.lang.en.stop_words import STOP_WORDS

from quotes.rules_data import rules_lines

# A text carries a sentence when some stretch of it holds this share of the sentence's words, in order.
CARRIED = 0.8
# Fewer words than this prove nothing: any text of the story has them somewhere.
MIN_CHECKED_WORDS = 3
# A statement two outlets can credit to different people has this many content words at least.
MIN_CONTENT_WORDS = 2
_WORD = re.compile(r"[^\W_]+")


def normal_words(text: str) -> str:
    """The text's letters and digits, case folded, one space between words ("don’t" is "dont")."""
    return " ".join(_WORD.findall(text.lower().replace("’", "").replace("'", "")))


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """``rules/function_words.txt``: articles, pronouns, prepositions, conjunctions, auxiliaries."""
    return frozenset(line.strip() for line in rules_lines("function_words.txt"))


def content_words(text: str) -> list[str]:
    """The words of ``text`` that are not function words."""
    return [w for w in normal_words(text).split() if w not in function_words()]


def is_title(text: str) -> bool:
    """Words capitalised throughout, as a song's or a book's title is ('Born In The U.S.A.')."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", text) if w.lower() not in STOP_WORDS]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def is_statement(text: str, min_words: int) -> bool:
    """Long enough to be one statement that two outlets report: ``min_words`` words, of them
    ``MIN_CONTENT_WORDS`` content words, and not a title."""
    return (
        len(normal_words(text).split()) >= min_words
        and len(content_words(text)) >= MIN_CONTENT_WORDS
        and not is_title(text)
    )


class TextIndex:
    """The normalised texts of a story's articles, by outlet, to ask whether an outlet carries words."""

    def __init__(self, texts: dict[str, str], outlets: dict[str, str]):
        self._outlets = outlets  # article id -> outlet
        self._texts = texts
        self._words: dict[str, tuple[list[str], dict[str, list[int]]]] = {}

    def articles_of(self, outlet: str) -> list[str]:
        """The articles of ``outlet``."""
        return [a for a, o in self._outlets.items() if o == outlet]

    def others(self, outlet: str) -> list[str]:
        """The articles of every outlet but ``outlet``."""
        return [a for a, o in self._outlets.items() if o != outlet]

    def readable(self, articles: list[str]) -> bool:
        """True when every article's text is at hand (a claim about an unread text is not made)."""
        return all(a in self._texts for a in articles)

    def carries(self, articles: list[str], words: str) -> bool:
        """True when one of ``articles`` holds ``words`` (``CARRIED``), or when they are too few to tell."""
        wanted = normal_words(words).split()
        if len(wanted) < MIN_CHECKED_WORDS:
            return True
        return any(holds(wanted, *self._indexed(article)) for article in articles)

    def _indexed(self, article: str) -> tuple[list[str], dict[str, list[int]]]:
        if article not in self._words:
            found = normal_words(self._texts.get(article, "")).split()
            places = defaultdict(list)
            for i, word in enumerate(found):
                places[word].append(i)
            self._words[article] = found, places
        return self._words[article]


def holds(wanted: list[str], found: list[str], places: dict[str, list[int]]) -> bool:
    """True when a stretch of ``found`` (twice the sentence's length) holds ``CARRIED`` of ``wanted``
    in order. Stretches are tried around each place a content word of ``wanted`` occurs."""
    n = len(wanted)
    need = math.ceil(CARRIED * n)
    anchors = [w for w in set(wanted) if w not in STOP_WORDS] or set(wanted)
    starts = {max(0, p - n) for w in anchors for p in places.get(w, ())}
    return any(LCSseq.similarity(wanted, found[s : s + 2 * n], score_cutoff=need) for s in starts)
