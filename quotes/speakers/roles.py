"""Roles as evidence of who spoke: 'Stone's attorney' is the person a text of the story names as
Stone's attorney ('Stone's attorney, Grant Smith, said'), when exactly one person is named so.

A role is read from a speaker's description as written ('Stone’s attorney', 'a lawyer for Mrs.
Clinton', "Hillary Clinton's lawyer", 'the spokesman') or from the title before a name ('Clinton
attorney David Kendall'): its role (``rules/speakers/roles.tsv``) and the surname of whom it is held
for, when the words say. 'A former lawyer', 'another spokesman' and plurals hold no one role.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from quotes.rules_data import rule_pairs
from quotes.speakers.names import distinct_people, surname

# Words that may stand before the role without changing who holds it ('his longtime lawyer').
_PLAIN = r"(?:(?i:longtime|personal|chief|lead|top|private|campaign)\s+)?"
_OWNER = r"(?P<owner>(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*?)"
_DETERMINER = r"(?:(?i:the|a|an)\s+)?"


class Role(NamedTuple):
    role: str  # 'lawyer', 'spokesperson'
    owner: str | None  # folded surname of whom it is held for ('stone'), None when the words do not say


@lru_cache(maxsize=1)
def _roles() -> dict[str, str]:
    return rule_pairs("roles.tsv")


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern, ...], re.Pattern]:
    """The patterns that name a role and its owner, and the one that names a role held for a pronoun."""
    nouns = "|".join(sorted((re.escape(n) for n in _roles()), key=len, reverse=True))
    role = rf"(?P<role>(?i:{nouns}))"
    owned = (
        re.compile(rf"{_DETERMINER}{_OWNER}(?:['’]s?)\s+{_PLAIN}{role}"),  # "Stone's attorney"
        re.compile(rf"{_DETERMINER}{_PLAIN}{role}\s+(?:for|to)\s+{_OWNER}"),  # 'a lawyer for Mrs. Clinton'
        re.compile(rf"{_OWNER}\s+{_PLAIN}{role}"),  # 'Clinton attorney'
        re.compile(rf"{_DETERMINER}{_PLAIN}{role}"),  # 'the spokesman'
    )
    return owned, re.compile(rf"{_DETERMINER}{_PLAIN}{role}\s+(?:for|to)\s+(?i:him|her|them)")  # 'a spokesman for her'


def role_of(words: str | None) -> Role | None:
    """The role a description or title names ('Stone’s attorney' -> lawyer of 'stone'), else None."""
    if not words:
        return None
    words = " ".join(words.split()).strip(" ,")
    owned, for_pronoun = _patterns()
    for pattern in owned:
        match = pattern.fullmatch(words)
        if match is None:
            continue
        owner = match.groupdict().get("owner")
        if owner is not None and (not owner[:1].isupper() or owner.lower() in ("the", "a", "an")):
            continue
        role = _roles()[match.group("role").lower()]
        return Role(role, surname(owner) if owner else None)  # folded
    if (match := for_pronoun.fullmatch(words)) is not None:  # whose, the words leave unsaid
        return Role(_roles()[match.group("role").lower()], None)
    return None


class Holder(NamedTuple):
    article: str
    event: str | None
    name: str
    role: Role


def holder_for(wanted: Role, article: str, event: str | None, holders: list[Holder]) -> Holder | None:
    """The one person named in the role ``wanted`` asks for: in the same article, else in the same
    story (``event``; the whole run when the articles carry none) with the same owner; None when no
    one or several people are."""
    for same_article in (True, False):
        found = [
            h
            for h in holders
            if (h.article == article) == same_article and h.event == event and fits(wanted, h.role, same_article)
        ]
        people = distinct_people([h.name for h in found])
        if len(people) == 1:
            return next(h for h in found if h.name == people[0])
        if people:
            return None  # two lawyers for Stone: neither
    return None


def fits(wanted: Role, held: Role, same_article: bool) -> bool:
    """A role held by a named person fits a described speaker's: the same role, and the same owner,
    or (within one article) an owner one of them leaves unsaid."""
    if wanted.role != held.role:
        return False
    if wanted.owner and held.owner:
        return wanted.owner == held.owner
    return same_article
