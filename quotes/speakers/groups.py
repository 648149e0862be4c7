"""Several people or a body's members as one speaker: 'Trump and Ryan', 'the president's personal
attorneys Rudy Giuliani and Jay Sekulow', 'whose members', 'prosecutors' as the article's 'federal
prosecutors'.

A mixin of the article's resolver (``resolver._Resolver``): it calls the resolver's
``_without_place`` and ``_name_after_title``."""

from __future__ import annotations

import re
from dataclasses import replace

from quotes.speakers.names import _DETERMINERS, NAMED_KINDS, Speaker, classify_name, clean_mention
from quotes.speakers.referents import Referents, _Referent
from quotes.speakers.sentences import _sentence_start
from quotes.standoff import Span

_CONJUNCTION = re.compile(r",\s*(?:and\s+)?|\s+(?:and|&)\s+")
# What stands between two people named together: '(D-Calif.) and Senate Minority Leader '.
_JOINED_NAME = re.compile(r"\s*(?:\([^()\n]{0,20}\)|,\s*[DRI]-[A-Z][\w.]*)?,?\s+and\s+(?:[A-Z][\w.’'-]*\s+){0,4}")


class _Groups(Referents):
    """Joint mentions and groups."""

    def _joint(self, mention: Span) -> Speaker | None:
        """'Trump and Ryan', 'Both Bolton and Gorka', 'The New York Times and the Wall Street Journal':
        two or more named speakers in one mention are one speaker of kind ``group``. None when a part
        is no name the recogniser found ('Pate and his allies', 'Popular Christian and corporate
        speaker X'), or one name holds the 'and' ('Procter and Gamble')."""
        if not re.search(r"\s(?:and|&)\s", self.text[mention.start : mention.end]):
            return None  # commas alone set off an apposition: "Mitch McConnell, R-Ky."
        parts, start = [], mention.start
        for match in _CONJUNCTION.finditer(self.text, mention.start, mention.end):
            parts.append(self._without_place(Span(start, match.start())))
            start = match.end()
        parts.append(self._without_place(Span(start, mention.end)))
        # One body's name holds the 'and' ('Procter and Gamble'); no person's does ('Trump and Ryan'
        # tagged as one person is the recogniser's slip).
        spanning = [r for r in self.referents + self.adjectives if r.start < parts[0].end and r.end > parts[1].start]
        if any(r.speaker.kind != "person" for r in spanning):
            return None
        names, unnamed = [], 0
        for part in parts:
            name = self._name_in_part(part)
            if name is None and part.end == mention.end and (after := self._name_after_title(part)) is not None:
                name = after.name  # 'Pelosi and Senate Democratic Leader' + ' Chuck Schumer', cut by the parse
            if name is None:
                # 'Mr. McConnell and White House officials': a named speaker with unnamed sources; 'Mr. Issa
                # and all seven Republicans on the Senate Judiciary Committee': with members of a body
                described = classify_name(self.text[part.start : part.end], None, self.rules)
                if described is None or described.kind not in ("anonymous", "group"):
                    return None
                if described.kind == "group":
                    name = described.name
                else:
                    name, unnamed = _DETERMINERS.sub("", clean_mention(self.text[part.start : part.end])), unnamed + 1
            names.append(name)
        names = list(dict.fromkeys(names))
        if len(names) < 2 or unnamed == len(names):
            return None
        return Speaker(" and ".join(names), "group", mention="name")

    def _name_in_part(self, part: Span) -> str | None:
        """The canonical name a part of a joint mention gives: a person with any title words before
        the name, or one the article names elsewhere; or a body named by the whole part ('the State
        Department'); else None."""
        referent = self._head_referent(part, self.referents)
        words = self.text[part.start : part.end]
        if referent is None:  # missed by the recogniser: a person the article names elsewhere
            named = classify_name(words, "PERSON", self.rules)
            known = named is not None and self.people.knows(named.name)
            return self.person(named).name if known else None
        if self._head_referent(part, self.adjectives) is not None:
            return None
        if referent.speaker.kind != "person":
            # 'both the ...', 'some Republicans' of 'Democrats and some Republicans': the body named
            opening = re.sub(r"^(?:both\s+|some\s+|many\s+|most\s+)?(?:the\s+)?", "", words, flags=re.I)
            if referent.start not in (part.start, part.end - len(opening)) or referent.speaker.kind not in NAMED_KINDS:
                return None  # 'a study by economists at Duke University': more than the body's name
            return referent.speaker.name
        named = classify_name(words, "PERSON", self.rules)
        return self.person(named).name if named is not None and named.kind == "person" else None

    def _names_after(self, mention: Span) -> Speaker | None:
        """'the president’s personal attorneys Rudy Giuliani and Jay Sekulow', 'two senators, Mark Udall
        and Ron Wyden,': a plural description right before a joint mention of people is the group they
        make."""
        words = self.text[mention.start : mention.end].split()
        if not re.fullmatch(r"[a-z]+s", words[-1]):
            return None
        people, end = [], mention.end
        for referent in self.referents:
            if referent.start < end:
                continue
            between = self.text[end : referent.start]
            joined = _CONJUNCTION.fullmatch(between) if people else not between.strip(", ")
            if referent.speaker.kind != "person" or not joined:
                break
            people.append(referent)
            end = referent.end
        if len(people) < 2 or not re.search(r"\s(?:and|&)\s", self.text[people[-2].end : people[-1].start]):
            return None
        joint = self._joint(Span(people[0].start, people[-1].end))
        return None if joint is None else replace(joint, mention="apposition")

    def _members_of_body(self, noun: str, mention: Span) -> Speaker | None:
        """'whose members' after a body named in the sentence: the group 'Tea Party members'; None for a
        noun of no group of people ('whose report') or with no body named before it in the sentence."""
        if noun.lower() not in self.rules.group_nouns:
            return None
        start = _sentence_start(self.text, mention.start)
        bodies = [
            r
            for r in self.referents
            if start <= r.start and r.end <= mention.start and r.speaker.kind in ("organisation", "government")
        ]
        if not bodies:
            return None
        return Speaker(f"{bodies[-1].speaker.name} {noun.lower()}", "group", mention="description")

    def _joined_to(self, subject: _Referent, before: list[_Referent]) -> _Referent | None:
        """'Nancy Pelosi (D-Calif.) and Senate Minority Leader Chuck Schumer (D-N.Y.) released a joint
        statement': the two issued it, one speaker of kind ``group``; None when no person is joined."""
        if subject.speaker.kind != "person":
            return None
        joined = next((r for r in before if r.start > subject.end and r.speaker.kind == "person"), None)
        if joined is None or not _JOINED_NAME.fullmatch(self.text, subject.end, joined.start):
            return None
        names = f"{self.person(subject.speaker).name} and {self.person(joined.speaker).name}"
        return _Referent(subject.start, joined.end, Speaker(names, "group", mention="name"), True)


# Words that make a description more than a noun and its modifiers ('spokesman for her'), or another
# group than the one its noun names ('former prosecutors', 'another supporter', '520 superdelegates').
_LINKING_WORDS = {"of", "for", "by", "to", "from", "with", "in", "at", "on", "who", "whose", "that", "and", "or"}
_OTHER_WORDS = {"other", "another", "former", "ex", "else", "different", "about", "some", "many", "few", "several"}


def _described_alike(speakers: list[Speaker], mentions: list[str]) -> list[Speaker]:
    """'prosecutors' is the article's 'federal prosecutors' when that is the one fuller description of
    the article with the same noun (one group, one id); 'state prosecutors' as well makes it neither.
    ``mentions``: each speaker's mention as written ('Other leaders' are not the 'world leaders')."""
    fuller: dict[str, set[str]] = {}
    for s in speakers:
        words = (s.name or "").split()
        if (
            s.kind == "unnamed"
            and len(words) > 1
            and words[-1].isalpha()
            and not (_LINKING_WORDS | _OTHER_WORDS) & set(words)
            and not any(w[:1].isdigit() for w in words)
        ):
            fuller.setdefault(words[-1], set()).add(s.name)
    alike = {noun: names.pop() for noun, names in fuller.items() if len(names) == 1}
    return [
        replace(s, name=alike[s.name])
        if s.kind == "unnamed" and s.name in alike and not _OTHER_WORDS & set(mention.lower().split())
        else s
        for s, mention in zip(speakers, mentions, strict=True)
    ]
