"""Affiliations: the party or body an article ties a person to ('(D-N.Y.)', 'Democratic Sen.',
', a spokeswoman for the NAACP', 'NAACP President')."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from quotes.rules_data import SpeakerRules, alias_key
from quotes.speakers.names import Entity, _body_named, classify_name
from quotes.standoff import Quote

if TYPE_CHECKING:
    from quotes.speakers.resolver import _Resolver


# "Sen. Chris Coons (D-Del.)", "Paul Ryan, R-Wis.,"; "Democratic Sen. Claire McCaskill".
@lru_cache(maxsize=4)
def _party_after(letters: str) -> re.Pattern:
    """'(D-N.Y.)', ', R-Wis.,', '(I)' right after a name, for the party letters of ``parties.tsv``."""
    one = f"[{re.escape(letters)}]"
    return re.compile(rf"\s*(?:\(({one})\)|(?:\(|,\s*)({one})-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\.?\s*[),])")


def affiliation_at(text: str, start: int, end: int, rules: SpeakerRules) -> str | None:
    """The party or body the text ties the name at ``start:end`` to: a '(D-N.Y.)' after it, or a
    party word or '<Body> spokeswoman' among the title words right before it."""
    if match := _party_after("".join(sorted(rules.party_letters))).match(text, end):
        return rules.party_letters.get(match.group(1) or match.group(2))
    if (after := _affiliation_after(text, end, rules)) is not None:
        return after
    chain: list[str] = []  # 'Obama campaign spokeswoman', 'Democratic Sen.', 'Republican presidential nominee'
    for word in reversed(text[max(0, start - 60) : start].split("\n")[-1].split()):
        bare = word.strip(",").lower()
        titled = word[:1].isupper() or bare in rules.titles or bare in ("campaign", "presidential")
        sentence_end = word.endswith(".") and bare not in rules.titles and bare not in rules.title_forms
        if re.search(r"[^\w.&-]$", word) or not titled or sentence_end or bare in STOP_WORDS:
            break  # 'America," Mr. Christie': punctuation ends the run of title words
        chain.insert(0, word)
    lowered = [w.lower().strip(".") for w in chain]
    if party := next((rules.party_words[w] for w in lowered if w in rules.party_words), None):
        return party
    if "campaign" in lowered and lowered.index("campaign") > 0:
        return " ".join(chain[: lowered.index("campaign") + 1])  # 'Obama campaign spokeswoman Lis Smith'
    if owned := _OWNED_BEFORE.search(text, max(0, start - 80), start):
        return f"{owned.group(1)} campaign"  # "Obama's current campaign press secretary, Ben LaBolt"
    return _body_before_title(chain, rules)


# "Clinton's campaign chairman, John Podesta": a person's campaign, then a role, then the name set off.
_OWNED_BEFORE = re.compile(r"\b([A-Z][\w.]*(?: [A-Z][\w.]*)*)['’]s (?:[a-z]+ ){0,2}campaign (?:[a-z]+ ){0,2}[a-z]+, $")


# ", Democrat of Connecticut", ", a conservative Republican"; ", a spokeswoman for the NAACP".
_PARTY_APPOSITION = re.compile(
    r",\s+(?:(?:a|an)\s+(?:[a-z-]+\s+)?([A-Z][a-z]+|GOP)\b|([A-Z][a-z]+)\s+(?:of|from)\s+[A-Z])"
)
_BODY_APPOSITION = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,3}?([\w-]+)\s+(?:of|for|at|with)\s+(?:the\s+)?"
    r"([A-Z][\w&'’.-]*(?: +(?:(?:of|for|on|and|the|to) +)*[A-Z][\w&'’.-]*)*)"
)


def _affiliation_after(text: str, end: int, rules: SpeakerRules) -> str | None:
    """The party or body an apposition right after a name gives: 'Michael R. Turner, Republican of
    Ohio', 'Andy Harris, a conservative Republican', 'Jane Roe, a spokeswoman for the NAACP'."""
    if match := _PARTY_APPOSITION.match(text, end):
        word = (match.group(1) or match.group(2)).lower()
        return rules.party_words.get(word)
    match = _BODY_APPOSITION.match(text, end)
    if match is None or match.group(1).lower() not in rules.titles:
        return None
    name = _before_sentence_end(match.group(2)).rstrip(".,")
    if any(w.lower() in rules.titles or w.lower() in rules.title_forms for w in name.split()):
        return None  # 'a spokesman for House Speaker Paul Ryan': a person, not a body
    return _body_named(name, rules)


def _before_sentence_end(words: str) -> str:
    """``words`` up to a full stop that ends a sentence: 'Iowa Renewable Fuels Association. And
    Iowa' stops after 'Association'; 'U.S. Chamber' and 'A.F.L.-C.I.O.' go on."""
    for match in re.finditer(r"\.\s", words):
        word = words[: match.start()].split()[-1]
        if "." not in word and len(word) > 2:
            return words[: match.start()]
    return words


def _body_before_title(chain: list[str], rules: SpeakerRules) -> str | None:
    """'NAACP President Benjamin Jealous', 'Human Rights Campaign President Chad Griffin': the body
    named before the first title word, when the rules know it as an organisation or government."""
    first = next((i for i, w in enumerate(chain) if w.lower().strip(",") in rules.titles), None)
    words = chain[:first] if first else []
    while words and words[-1].lower() in rules.rank_words:
        words = words[:-1]
    while words and words[0].lower() in rules.rank_words:
        words = words[1:]
    if not words or any("." in w for w in words) or alias_key(" ".join(words)) in rules.capitals:
        return None  # a place, not a body: 'U.S. Rep.', 'N.Y. Gov.', 'Washington Gov.'
    return _body_named(" ".join(words), rules)


def affiliations_in(text: str, entities: list[Entity], resolver: _Resolver, quotes: list[Quote]) -> dict[str, str]:
    """Canonical person name -> affiliation, from any mention of them in the article: a party over a
    body ('Senate Majority Leader' and '(R-Ky.)' make Republicans), else the first found."""
    found: dict[str, str] = {}
    parties = resolver.rules.parties
    spans = [(e.start, e.end) for e in entities if e.label == "PERSON"]
    spans += [(q.speaker.start, q.speaker.end) for q in quotes if q.speaker is not None]
    for start, end in sorted(spans):
        named = classify_name(text[start:end], "PERSON", resolver.rules)
        if named is None or named.kind != "person" or not named.name:
            continue
        if (affiliation := affiliation_at(text, start, end, resolver.rules)) is not None:
            name = resolver.people.canonical(named.name)
            if name not in found or (affiliation in parties and found[name] not in parties):
                found[name] = affiliation
    return found
