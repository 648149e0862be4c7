"""A person's name in its parts (given, middle, surname, suffix), parsed by ``nameparser`` and by the
shipped list of surname-first conventions (``rules/speakers/surname_first.tsv``): "Robert S. Mueller
III" is Robert / S. / Mueller / III, "Park Geun-hye" is Geun-hye / - / Park, "Kim Jong Un" is Jong Un /
- / Kim."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from nameparser import HumanName

from quotes.rules_data import rule_pairs

NUMERALS = {"ii", "iii", "iv"}  # a numeral on one name only does not split a person
SUFFIXES = {"jr", "sr"} | NUMERALS
# One pinyin syllable, or several run together ('Jinping', 'Keqiang'): a given name of the chinese shape.
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|[aoeiuv]))+"
)
_HYPHENATED = re.compile(r"[A-Z][a-z]+-[a-z]+")  # 'Geun-hye', 'Ing-wen'
_SYLLABLE = re.compile(r"[A-Z][a-z]{1,3}")  # 'Jong', 'Un'


class NameParts(NamedTuple):
    given: str
    middle: str
    surname: str
    suffix: str
    surname_first: bool = False  # 'Kim Jong Un': the given name is all of 'Jong Un'


@lru_cache(maxsize=1)
def _surname_first() -> dict[str, str]:
    return rule_pairs("surname_first.tsv")


def surname_first(words: list[str]) -> bool:
    """True when ``words`` (a name without its suffix) open with a surname of a surname-first
    convention and the rest has that convention's shape."""
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    convention, rest = _surname_first().get(words[0].lower()), words[1:]
    if convention == "korean":
        return (len(rest) == 1 and _HYPHENATED.fullmatch(rest[0]) is not None) or (
            len(rest) == 2 and all(_SYLLABLE.fullmatch(w) for w in rest)
        )
    if convention == "chinese":
        return len(rest) == 1 and (_HYPHENATED.fullmatch(rest[0]) is not None or _is_pinyin(rest[0]))
    if convention == "vietnamese":
        return len(rest) == 2 and all(re.fullmatch(r"[A-Z][a-z]{1,4}", w) for w in rest)
    return False


def _is_pinyin(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower() and _PINYIN.fullmatch(word.lower()) is not None


@lru_cache(maxsize=65536)
def parse_name(name: str) -> NameParts:
    """The parts of a person's name without its title ('Mark T. Esper', 'Trump Jr.', 'Xi Jinping')."""
    words = name.split()
    suffix = ""
    if len(words) > 1 and words[-1].lower().strip(".,") in SUFFIXES:
        suffix, words = words[-1].strip(","), words[:-1]
    if surname_first(words):
        return NameParts(" ".join(words[1:]), "", words[0], suffix, surname_first=True)
    if len(words) == 1:
        return NameParts("", "", words[0], suffix)
    parsed = HumanName(" ".join(words))
    if not parsed.last:  # a name nameparser reads as a title alone
        return NameParts(" ".join(words[:-1]), "", words[-1], suffix)
    return NameParts(parsed.first, parsed.middle, parsed.last, suffix or parsed.suffix)


def initials(middle: str) -> str:
    """'H. W.' and 'H.W.' -> 'HW'; 'Rodham' -> 'R'."""
    return "".join(part[0].upper() for part in re.split(r"[\s.]+", middle) if part)
