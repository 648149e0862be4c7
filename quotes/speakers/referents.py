"""The referents of one article: what a later pronoun or description can point back to.

Built from the named entities of the parsed paragraphs and from resolved speakers as they come;
knows their kind, gender (first names, honorifics, pronouns close by, role nouns) and number, and
finds the antecedent that fits a pronoun or a description.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace

from quotes.marks import find_quote_spans
from quotes.rules_data import SpeakerRules
from quotes.speakers.names import (
    _DETERMINERS,
    _NEXT_WORD,
    KINDS,
    Entity,
    Speaker,
    _kind_of_org,
    _People,
    classify_name,
)
from quotes.speakers.sentences import _sentence_end, _sentence_start
from quotes.standoff import Article, Span

# A first name joined by "and" to the full name that follows it: "Malia and " of "Malia and Sasha Obama".
_FIRST_NAME_JOINED = re.compile(r"(?<![\w.'’-])([A-Z][a-z]+) (?:and|&) $")


@dataclass(frozen=True)
class _Referent:
    """Something a later pronoun or description can point back to."""

    start: int
    end: int
    speaker: Speaker
    subject: bool
    gender: str | None = None  # "m", "f" or unknown
    plural: bool = False
    spoke: bool = False  # the speaker of a quote (``remember``), not a name the text mentions


# A name's possessive ending, within the name's span or right after it: 'Bush’s', "Sessions'".
_POSSESSIVE = re.compile(r"\w(?:['’]s|s['’])(?!\w)")

# Before a pronoun that opens a clause joined to its sentence: 'as he', 'when she', 'and he'.
_JOINED_PRONOUN = re.compile(r"\b(?:as|when|while|after|before|because|since|and|but)\s+$", re.I)

# A title after one of these is another office: 'Vice President', 'Deputy Secretary', 'Lieutenant Governor'.
_SECOND_IN_RANK = {"vice", "deputy", "assistant", "lieutenant", "lt.", "under", "associate"}
# What the text sets off right after a name: '(R-Idaho)', ', R-Texas,', ', a Republican of Idaho,'.
_SET_OFF = re.compile(r"\s*(?:\([^()\n]{0,30}\)|,[^,.;\n]{0,40},)")


class Referents:
    """The referents of one article, and the antecedent search over them."""

    def __init__(self, article: Article, entities: list[Entity], rules: SpeakerRules):
        self.text = article.text
        self.rules = rules
        self.outlet = rules.media.get(article.outlet, article.outlet)  # the article's own, canonical
        # the words a run of title words before a name is made of ('Vice President', 'Defense Secretary')
        self.title_words = rules.titles | rules.title_forms.keys() | _SECOND_IN_RANK
        self.reported: list[Span] = []  # content fragments of the quotes resolved so far (``report_contents``)
        self.reported_starts: list[int] = []
        self.people = _People(rules.first_names)
        self.referents: list[_Referent] = []
        self.adjectives: list[_Referent] = []
        found = []
        for entity in entities:
            if entity.label not in ("PERSON", "ORG", "GPE", "NORP"):
                continue
            speaker = classify_name(self.text[entity.start : entity.end], self._label(entity), rules)
            if speaker is None or speaker.kind == "anonymous":
                continue
            if speaker.kind == "person":
                self.people.add(speaker.name)
                if (sibling := self._sharing_surname(entity.start, speaker.name)) is not None:
                    self.people.add(sibling)  # "Malia and Sasha Obama": Malia Obama is a person too
            found.append((entity, speaker))
        # One-word names the recogniser tagged a person more often than anything else ("Trump").
        votes = Counter(s.name for _, s in found if " " not in (s.name or ""))
        people_votes = Counter(s.name for _, s in found if s.kind == "person" and " " not in s.name)
        self.mostly_people = frozenset(name for name, n in people_votes.items() if 2 * n > votes[name])
        # "Mr. Obama": the honorific a name is written with decides between people of one surname.
        found = [(entity, self.person(speaker, self._honorific_gender(entity.start))) for entity, speaker in found]
        self.genders = self._gender_evidence([(e, s) for e, s in found if s.kind == "person"])
        for entity, speaker in found:
            plural = entity.label == "NORP"
            if plural and not self.text[entity.start : entity.end].endswith("s"):
                # "American", "Democratic": an adjective no "they" points back to, but its label
                # still reads "the Wisconsin Republican" as no person ...
                self.adjectives.append(_Referent(entity.start, entity.end, speaker, False))
                word = _NEXT_WORD.match(self.text, entity.end)
                if word and word.group(1).lower() in rules.org_words:
                    # ... and "the Saudi government" is a body a later "which" or "it" names.
                    end = word.end()
                    body = classify_name(self.text[entity.start : end], "NORP", rules) or speaker
                    self.referents.append(_Referent(entity.start, end, body, entity.subject))
                continue
            self.referents.append(
                _Referent(entity.start, entity.end, speaker, entity.subject, self._gender(speaker), plural)
            )
        self.referents.extend(self._gendered_descriptions())
        # A name inside a quotation is the quoted speaker's word, not the writer's antecedent.
        quoted = [q.span for q in find_quote_spans(self.text)]
        self.referents = sorted(
            (r for r in self.referents if not any(q.start <= r.start < q.end for q in quoted)), key=lambda r: r.start
        )

    def _sharing_surname(self, start: int, name: str) -> str | None:
        """'Malia and Sasha Obama', 'Bill and Hillary Clinton': the first name joined to a full name
        before it names another person of that surname (so 'Obama' alone fits two people here)."""
        words = name.split()
        joined = _FIRST_NAME_JOINED.search(self.text, max(0, start - 30), start)
        if len(words) != 2 or joined is None or joined.group(1).lower() not in self.rules.first_names:
            return None
        if re.search(r"[A-Z][\w.'’-]*\s+$", self.text[max(0, joined.start() - 30) : joined.start()]):
            return None  # "Nancy Foner and Richard Alba": the word before 'and' ends a name
        return f"{joined.group(1)} {words[-1]}"

    def _label(self, entity: Entity) -> str:
        """The recogniser's label, except that a two-to-four-word 'organisation' followed by ', who'
        or right after a person's title is a person ('Felipe Calderon, who was president')."""
        words = self.text[entity.start : entity.end].split()
        if entity.label != "ORG" or not 2 <= len(words) <= 4 or _kind_of_org(" ".join(words), self.rules):
            return entity.label
        before = self.text[max(0, entity.start - 30) : entity.start].split()
        if re.match(r",\s+who\b", self.text[entity.end : entity.end + 8]) or (
            before and before[-1].lower() in self.rules.titles
        ):
            return "PERSON"
        return entity.label

    def _gendered_descriptions(self) -> list[_Referent]:
        """'the woman', 'my father': unnamed people a later 'she' or 'he' can point back to."""
        found = []
        for match in self.rules.gendered_role_pattern.finditer(self.text):
            before = self.text[: match.start()].rstrip()
            if before and before[-1] not in '.!?\n"”':
                continue  # only as a sentence's subject: "The woman's enthusiasm", not "the second woman"
            description = match.group(0)
            name = (
                description
                if description.split()[0].lower() in ("my", "his", "her", "their", "our")
                else (_DETERMINERS.sub("", description))
            )
            speaker = Speaker(name, "unnamed", mention="description")
            if titled := self._titled_before(match.group(1), match.start()):
                speaker = titled.speaker  # 'The congressman also expressed concern': the congressman named before
            found.append(_Referent(match.start(), match.end(), speaker, True, self.rules.gender[match.group(1)], False))
        return found

    def _titled_before(self, role: str, position: int) -> _Referent | None:
        """The latest person before ``position`` the text gives the title ``role`` ('congressman' fits
        'Rep. Anthony Weiner'); None when the role is no title or nobody has it."""
        if role.lower() not in self.rules.titles and role.lower() not in self.rules.title_forms:
            return None
        return self._latest_described(role.lower(), position, ("person",))

    def _latest_described(
        self, head: str, position: int, kinds: tuple[str, ...], modifiers: tuple[str, ...] = ()
    ) -> _Referent | None:
        """The latest referent before ``position``, of one of ``kinds``, that ``head`` describes. With
        ``modifiers`` ('Idaho' of 'the Idaho congressman'), the latest whose mentions the text places
        beside those words ('Rep. Raúl Labrador (R-Idaho)'); when none is, the one person described if
        there is only one, else none: two congressmen and no Idaho decide nothing."""
        described = self._described_before(head, position, kinds)
        if not modifiers or not described:
            return described[0] if described else None
        if fitting := [r for r in described if self._placed_beside(r.speaker, modifiers)]:
            return fitting[0]
        return described[0] if len({r.speaker.name for r in described}) == 1 else None

    def _sole_described(self, head: str, position: int) -> bool:
        """True when the text before ``position`` gives the title ``head`` to one person only, by name
        ('Congressman Anthony Weiner ... the congressman')."""
        return len({r.speaker.name for r in self._described_before(head, position, ("person",)) if not r.spoke}) == 1

    def _described_before(self, head: str, position: int, kinds: tuple[str, ...]) -> list[_Referent]:
        """The referents before ``position``, of one of ``kinds``, that ``head`` describes, latest first."""
        return [
            r
            for r in sorted(self.referents, key=lambda r: -r.start)
            if r.end <= position and r.speaker.kind in kinds and self._described_as(r, head)
        ]

    def _placed_beside(self, speaker: Speaker, words: tuple[str, ...]) -> bool:
        """True when one of ``words`` stands near a mention of ``speaker`` ('Texas Sen. Ted Cruz',
        'Ted Cruz (R-Texas)', 'Raúl Labrador, a Republican of Idaho')."""
        for r in self.referents:
            if r.speaker.name == speaker.name:
                before = re.split(r"[.,;:()\"“”\n]", self.text[max(0, r.start - 30) : r.start])[-1]
                after = _SET_OFF.match(self.text, r.end)
                near = before + (after.group() if after else "")
                if set(re.findall(r"[A-Z][\w.]*", near)) & set(words):
                    return True
        return False

    def _gender(self, speaker: Speaker) -> str | None:
        """'m' or 'f' from a first name, else the article's honorifics and pronouns, else a role noun."""
        if speaker.kind == "person" and speaker.name:
            name = self.people.canonical(speaker.name)
            first = name.split()[0].lower()
            if len(name.split()) > 1 and first in self.rules.first_names:
                return self.rules.first_names[first]
            if first in self.rules.gender:
                return self.rules.gender[first]
            if name in self.genders:
                return self.genders[name]
            titles = (speaker.title or "").lower().split()
            return next((self.rules.gender[w] for w in reversed(titles) if w in self.rules.gender), None)
        if speaker.kind in ("unnamed", "anonymous") and speaker.name:
            return next(
                (self.rules.gender[w] for w in reversed(speaker.name.lower().split()) if w in self.rules.gender), None
            )
        return None

    def _honorific_gender(self, position: int) -> str | None:
        """'m' or 'f' for a 'Mr.', 'Mrs.' or 'Ms.' right before ``position``."""
        before = self.text[max(0, position - 6) : position].lower()
        match = re.search(r"\b(mrs?|ms)\.?\s+$", before)
        return self.rules.gender.get(match.group(1)) if match else None

    def _gender_evidence(self, people: list[tuple[Entity, Speaker]]) -> dict[str, str]:
        """'Clinton said she...': the first he/she/his/her after a name, before any other name; and an
        honorific before it."""
        votes: dict[str, list[str]] = {}
        starts = sorted(e.start for e, _ in people)
        for entity, speaker in people:
            name = self.people.canonical(speaker.name)
            if (gender := self._honorific_gender(entity.start)) is not None:
                votes.setdefault(name, []).extend([gender] * 3)
            limit = min([s for s in starts if s > entity.start] + [_sentence_end(self.text, entity.end)])
            # Only close by, in the same clause: "Clinton said she", "Trump and his".
            window = re.split(r"[,;:—]|\band\b|\bbut\b", self.text[entity.end : limit])[0]
            pronoun = re.match(r"(?:\W*\w+){0,4}?\W*\b(he|his|him|she|her)\b", window, re.I)
            if pronoun:
                votes.setdefault(name, []).append("m" if pronoun.group(1).lower() in ("he", "his", "him") else "f")
        # On a tie the earlier evidence wins (not a set's order, which changes with the hash salt).
        return {name: max(dict.fromkeys(v), key=v.count) for name, v in votes.items()}

    def remember(self, span: Span, speaker: Speaker) -> None:
        if speaker.name and speaker.kind not in ("unknown", "author"):
            head = speaker.name.split()[-1].lower()
            plural = speaker.kind == "group" or (speaker.kind != "person" and head.endswith("s"))
            self.referents.append(_Referent(span.start, span.end, speaker, True, self._gender(speaker), plural, True))

    def person(self, speaker: Speaker, gender: str | None = None) -> Speaker:
        """A person's fullest name in the article, of the gender the mention is written with (``gender``:
        'Mr. Obama'); a lone surname the recogniser took for an organisation or a place ("Fox said" where
        the article names Vicente Fox; "Trump" where the recogniser tags "Trump" a person more often than
        not) becomes that person."""
        if speaker.kind == "person":
            return replace(speaker, name=self.people.canonical(speaker.name, gender))
        if speaker.kind in ("organisation", "government") and speaker.name and " " not in speaker.name:
            full = self.people.canonical(speaker.name, gender)
            # "Labrador said" where the article names Raúl Labrador: the person, not the place
            if full != speaker.name or (speaker.kind == "organisation" and full in self.mostly_people):
                return replace(speaker, name=full, kind="person")
        return speaker

    def report_contents(self, spans: tuple[Span, ...]) -> None:
        """Add the content of a quote just resolved: its names are no later pronoun's antecedent."""
        for span in spans:
            i = bisect.bisect_right(self.reported_starts, span.start)
            self.reported.insert(i, span)
            self.reported_starts.insert(i, span.start)

    def _reported_at(self, position: int) -> bool:
        """True inside the content of a quote: 'X said Mr. Trump "sought to obstruct justice." "I think
        ...," he said': a name in what X said is X's word, not the writer's next 'he' when another fits."""
        i = bisect.bisect_right(self.reported_starts, position) - 1
        return i >= 0 and position < self.reported[i].end

    def _head_referent(self, mention: Span, pool: list[_Referent]) -> _Referent | None:
        """The first referent of ``pool`` that holds the mention's last word, its head ("Defense" in
        a title is not)."""
        end = mention.start + len(self.text[mention.start : mention.end].rstrip(" ,.'’s"))
        return next((r for r in pool if r.start < end <= r.end), None)

    def _label_at(self, mention: Span) -> str | None:
        """The entity label of the mention's head."""
        if (referent := self._head_referent(mention, self.referents + self.adjectives)) is None:
            return None
        return {"person": "PERSON", "government": "GPE"}.get(referent.speaker.kind, "ORG")

    def _antecedent(
        self, position: int, want: str, window: int | None = None, gender: str | None = None
    ) -> _Referent | None:
        """The nearest earlier referent that fits: a subject of the last three sentences first."""
        kinds = {
            "person": ("person", "unnamed", "anonymous"),
            "thing": ("organisation", "government", "media"),
            "group": ("organisation", "government", "group", "unnamed", "anonymous"),
            "who": ("person", "group", "unnamed", "anonymous", "organisation"),
            "which": ("organisation", "government", "media"),
        }.get(want, KINDS)
        before = [
            r
            for r in self.referents
            if r.end <= position
            and (window is None or r.start >= window)
            and r.speaker.kind in kinds
            and (want != "person" or ((r.speaker.kind == "person" or r.gender) and not r.plural))
            and (want != "thing" or not r.plural)
            and (want != "who" or r.speaker.kind != "organisation" or r.plural)
            and (gender is None or r.gender in (None, gender))
        ]
        if not before:
            return None
        if want not in ("who", "which"):
            # A name in what someone said is their word: the writer's next 'he' points elsewhere if it can.
            told = [r for r in before if r.spoke or not self._reported_at(r.start)]
            before = told or before
        if want in ("who", "which"):
            # A relative pronoun names the noun phrase it follows, not the sentence's subject:
            # "Republicans questioned ... John Bentel, a tech staffer at the State Department, who".
            return max(before, key=lambda r: r.start)
        if want == "person" and (joined := self._joined_clause_antecedent(position, before)) is not None:
            return joined
        recent = _sentence_start(self.text, position)
        for _ in range(2):  # this sentence and the two before it
            recent = _sentence_start(self.text, max(0, len(self.text[:recent].rstrip()) - 1))
        near = [r for r in before if r.start >= recent]
        subjects = [r for r in near if r.subject]
        if want == "thing":
            before = near = subjects  # "it" needs an organisation as subject in sight
        elif want == "group":
            before = near = [r for r in near if r.plural] or subjects
        for pool in (subjects, near, [r for r in before if r.subject], before):
            if pool:
                latest = max(pool, key=lambda r: r.start)
                return self._owned_by_other(latest, pool) or latest
        return None  # "it" or "they" with nothing fitting in sight: better unknown than a guess

    def _joined_clause_antecedent(self, position: int, before: list[_Referent]) -> _Referent | None:
        """'This triggered a response from Fox, as he called on Trump': a pronoun opening a clause joined
        to a sentence whose subject is no one ('This') is the person that sentence names before it,
        not the subject of an earlier sentence. None when the sentence has a fitting subject."""
        if not _JOINED_PRONOUN.search(self.text, max(0, position - 12), position):
            return None
        start = _sentence_start(self.text, position)
        same = [r for r in before if r.start >= start]
        if not same or any(r.subject for r in same):
            return None
        return max(same, key=lambda r: r.start)

    def _owned_by_other(self, latest: _Referent, pool: list[_Referent]) -> _Referent | None:
        """No subject in sight: a possessive ('Bush’s campaign') is not what the sentence is about, the
        person it opens with is ('Gorsuch, who worked on George W. Bush’s campaign, ...; he stated').
        The candidate that opens the sentence, when the latest is a possessive later in it; else None."""
        if not _POSSESSIVE.search(self.text, latest.start, latest.end + 2):
            return None
        start = _sentence_start(self.text, latest.start + 1)  # + 1: the sentence may open with it
        opening = next((r for r in pool if start <= r.start < latest.start), None)
        if (
            opening is None
            or opening.speaker.name == latest.speaker.name
            or self.text[start : opening.start].strip(" \"“‘'")
        ):
            return None
        return opening

    def _described_as(self, referent: _Referent, head: str) -> bool:
        """'the senator' fits 'Sen. Jane Roe': the head word, or another form of the same title
        (``title_forms``), in the referent's name, its title, or the words just before it."""
        forms = self.rules.title_forms
        before = []  # the title words right before the name: 'Defense Secretary', 'Sen.'
        for word in reversed(self.text[max(0, referent.start - 40) : referent.start].split("\n")[-1].split()):
            if word.lower() not in self.title_words:
                break
            before.append(word)
        words = f"{referent.speaker.name} {referent.speaker.title or ''} {self.text[referent.start : referent.end]}"
        words = [w.strip(",()").lower() for w in (*reversed(before), *words.split())]
        wanted = {forms.get(head, head)} | self.rules.title_covers.get(head, frozenset())
        # 'Vice President Mike Pence' is no president, 'Deputy Secretary' no secretary
        return any(
            forms.get(w, w) in wanted and (i == 0 or words[i - 1] not in _SECOND_IN_RANK) for i, w in enumerate(words)
        )
