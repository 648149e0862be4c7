"""Documents and spokespeople as speakers: who issued 'the statement', 'a report released by X',
'the report, by X', 'The NAACP passed a resolution ... The resolution says'.

A mixin of the article's resolver (``resolver._Resolver``): it calls the resolver's ``resolve_text``
and the groups mixin's ``_joined_to``."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from quotes.rules_data import SpeakerRules
from quotes.speakers.names import _DETERMINERS, _NEXT_WORD, NAMED_KINDS, Speaker, classify_name, clean_mention
from quotes.speakers.referents import Referents, _Referent
from quotes.speakers.sentences import _sentence_start
from quotes.standoff import Span

_DATE_WORD = re.compile(
    r"\d[\d,.]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\.?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day",
    re.I,
)

# 'papers released by federal prosecutors on Wednesday', 'a report issued by the Pentagon said': the
# issuer runs to a time, a preposition, a verb of reporting or punctuation
_ISSUER_ENDS = (
    r"on|in|at|last|this|that|which|who|and(?!\s+[A-Z])|to|for|with|about|earlier|said|say|says|show|shows|showed|"
    "provided|provide|found|detail|details|detailed|revealed|allege|alleged"
)
_AGENT = (
    rf"(?P<agent>[\w.'’-]+(?:\s+(?!(?:{_ISSUER_ENDS})\b)[\w.'’-]+){{0,5}}?)"
    rf"(?=\s+(?:{_ISSUER_ENDS})\b|\s*[,.;:()—]|$)"
)
_RELEASED_BY = re.compile(
    r"\b(?P<noun>[A-Za-z]+)\s+(?:released|filed|issued|published|prepared|written|signed|sent|made public)\s+by\s+"
    + _AGENT
)
# 'the report, by White House Counsel Robert Bauer, concluded', 'a memo by the inspector general': a
# document's author named without a verb (kept only when the noun is a document's)
_DOCUMENT_BY = re.compile(r"\b(?P<noun>[A-Za-z]+),?\s+by\s+" + _AGENT)

# A document cited as a source, not issued by the sentence's subject: 'according to the documents'.
_CITED = re.compile(r"\baccording to (?:the |these |those |a |an )?(?:\w+ ){0,2}$", re.I)

# Who brings a prosecution, as articles name them; ``_prosecutors`` takes the one named nearest before
# the document (else the first after it).
_PROSECUTORS = re.compile(
    r"\b(?P<special>special counsel)|\b(?P<independent>independent counsel)"
    r"|\b(?P<attorney>(?:U\.S\.|United States) [Aa]ttorney['’]s [Oo]ffice)"
    r"|\b(?P<prosecutors>(?:(?:[Ff]ederal|[Ss]tate|[Cc]ounty|[Dd]istrict) )?prosecutors)\b",
    re.I,
)
_PROSECUTION_NAMES = {
    "special": "Special Counsel's Office",
    "independent": "Independent Counsel's Office",
    "attorney": "U.S. Attorney's Office",
}


class _Documents(Referents):
    """Who issued the documents an article cites."""

    _releases: list[re.Match] | None = None  # 'papers released by X' in the text (``_released_by``)
    _release_ends: list[int] = []
    _authored: dict[str, list[re.Match]] = {}  # 'the report, by X': by the document's noun
    _prosecutions: list[re.Match] | None = None  # the prosecuting offices the text names (``_prosecutors``)

    def _prosecutors(self, mention: Span) -> Speaker | None:
        """Who filed a charging document ('the indictment', "Stone's indictment"): the prosecuting
        office the article names nearest before ``mention``, else first after it, else its
        'prosecutors'; None when it names none."""
        if self._prosecutions is None:  # found once per article, however many documents it cites
            found = list(_PROSECUTORS.finditer(self.text))
            offices = [m for m in found if m.lastgroup in _PROSECUTION_NAMES]
            self._prosecutions = offices or found  # 'prosecutors' are the office's, when the article names one
        found = self._prosecutions
        before = [m for m in found if m.end() <= mention.start]
        after = [m for m in found if m.start() >= mention.end]
        chosen = before[-1] if before else after[0] if after else None
        if chosen is None:
            return None
        where = Span(chosen.start(), chosen.end())
        if chosen.lastgroup in _PROSECUTION_NAMES:
            return Speaker(_PROSECUTION_NAMES[chosen.lastgroup], "government", mention="description", antecedent=where)
        named = self.resolve_text(chosen.group(), where, [])
        if named.kind == "unknown":
            named = Speaker(chosen.group().lower(), "unnamed")
        return replace(named, mention="description", antecedent=where)

    def _issuer(self, noun: str, position: int, mention: str) -> Speaker | None:
        """Who the text said issued the document, reached by ``mention`` ('description', 'pronoun'):
        'The NAACP passed a resolution ... The resolution says' is the NAACP's, the subject before the
        noun's last mention, in that sentence."""
        found = self._issuing_referent(noun, position)
        if found is None:
            return None
        return replace(self.person(found.speaker), mention=mention, antecedent=Span(found.start, found.end))

    def _issuing_referent(self, noun: str, position: int) -> _Referent | None:
        """The referent ``_issuer`` names: the sentence subject before the noun's last mention."""
        earlier = [
            m
            for m in re.finditer(rf"\b{re.escape(noun)}s?\b", self.text[:position], re.I)
            if not _CITED.search(self.text, max(0, m.start() - 30), m.start())
        ]  # 'Mr. Jackson bought TVs, according to the documents' says nothing of who issued them
        if not earlier:
            return None
        mentioned = earlier[-1].start()
        start = _sentence_start(self.text, mentioned)
        before = [
            r for r in self.referents if start <= r.start and r.end <= mentioned and r.speaker.kind in NAMED_KINDS
        ]
        if subjects := [r for r in before if r.subject]:
            subject = max(subjects, key=lambda r: r.start)
            return self._joined_to(subject, before) or subject
        # No named subject: an organisation named after the name that opens the sentence ('The Romney
        # campaign retorted with an ad' is the Romney campaign's).
        for r in before:
            word = _NEXT_WORD.match(self.text, r.end)
            if self.text[start : r.start].strip(" \"“‘'").lower() in ("", "the") and word is not None:
                if word.group(1) in self.rules.org_words:
                    body = classify_name(self.text[r.start : word.end()], "ORG", self.rules)
                    return _Referent(r.start, word.end(), body, True) if body else r
        return None

    def _find_releases(self) -> None:
        """The text's release phrases, found once per article: linear in the text however many mentions."""
        if self._releases is None:
            self._releases = list(_RELEASED_BY.finditer(self.text))
            self._release_ends = [m.end() for m in self._releases]
            self._authored = {}
            for m in _DOCUMENT_BY.finditer(self.text):
                if (noun := self.rules.document_noun(m.group("noun"))) is not None:
                    self._authored.setdefault(noun, []).append(m)

    def _released_with(self, mention: Span) -> Speaker | None:
        """The mention's own release phrase: 'a report released by the Brookings Institution last year
        estimated' is the Brookings Institution's."""
        self._find_releases()
        at = bisect.bisect_left(self._release_ends, mention.start)
        phrases = [*self._releases[at : at + 2], *(m for ms in self._authored.values() for m in ms)]
        for found in phrases:
            if mention.start <= found.start("noun") < mention.end and self.rules.is_document(found.group("noun")):
                return self._agent(found)
        return None

    def _released_by(self, position: int, noun: str) -> Speaker | None:
        """Who the text last said released a document before ``position``: 'Court papers released by
        federal prosecutors on Wednesday ... according to the documents' are the prosecutors'; and 'the
        report, by White House Counsel Robert Bauer,' is Bauer's when the mention is a report too."""
        self._find_releases()
        before = bisect.bisect_right(self._release_ends, position)
        released = self._releases[before - 1] if before else None
        if released is not None and not self.rules.is_document(released.group("noun")):
            released = None
        # without a verb only the same noun: 'a memo by the inspector general' wrote no report
        authored = [m for m in self._authored.get(self.rules.document_noun(noun) or "", []) if m.end() <= position]
        candidates = [m for m in (released, authored[-1] if authored else None) if m is not None]
        found = max(candidates, key=lambda m: m.end(), default=None)
        return self._agent(found) if found is not None else None

    def _agent(self, found: re.Match) -> Speaker:
        """The speaker a release phrase names: its agent, resolved, or the words as an unnamed one."""
        agent = Span(found.start("agent"), found.end("agent"))
        named = self.resolve_text(found.group("agent"), agent, [])
        if named.kind != "unknown":
            return replace(named, mention="description", antecedent=agent)
        return Speaker(_DETERMINERS.sub("", found.group("agent")).lower(), "unnamed", mention="description")


# Heads of the documents list that are people speaking for their employer ('a spokesman said'): an
# agent even when the text does not say whose; every other head is a document, which speaks for no one
# unless the text names who issued it.
_PERSON_NOUNS = ("spokes", "representative")


def is_person_noun(head: str) -> bool:
    """'spokesman', 'representatives': a person who speaks for someone, not a document."""
    return head.lower().startswith(_PERSON_NOUNS)


# Prepositions after a document noun that name whom it went to or what it is about.
_NOT_ISSUER = frozenset(("to", "on", "about", "with", "against", "dated", "sent"))
_LINKING = _NOT_ISSUER | {"of", "for"}


def _document_head(mention: str, rules: SpeakerRules) -> tuple[str, str, bool] | None:
    """A document or spokesperson noun heading the mention, the words naming its issuer ('' when
    none), and whether they follow the noun: ('spokesperson', 'Google', True) for 'A spokesperson
    for Google'; ('statement', 'department', False) for 'the department statement'. None when no
    such noun heads the mention."""
    words = clean_mention(mention).split()
    for i, word in enumerate(words):
        if not word.islower() or not rules.is_document(word):  # a document is no proper name
            continue
        # "Taylor's letter to the committee": what follows names its recipient or subject, not its
        # issuer (not in 'One person familiar with Mr. Cohen’s testimony to ...', headed by 'person')
        if i == len(words) - 1 or (words[i + 1] in _NOT_ISSUER and not _LINKING & set(words[:i])):
            issuer = words[:i]
            # "A September 2010 Congressional Research Service report", "the new Pentagon statement"
            while issuer and (_DATE_WORD.fullmatch(issuer[0]) or (issuer[0].islower() and issuer[-1][:1].isupper())):
                issuer = issuer[1:]
            return word, " ".join(issuer), False
        if words[i + 1] in ("for", "from", "of"):
            return word, re.sub(r"^the\s+", "", " ".join(words[i + 2 :])), True
    return None
