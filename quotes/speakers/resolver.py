"""Resolving the speaker mentions of one article in text order: names, joint mentions, appositions,
possessives, pronouns and descriptions (documents and spokespeople speak for their issuer)."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from quotes.rules_data import SpeakerRules, load_speaker_rules
from quotes.speakers.affiliations import affiliations_in
from quotes.speakers.media import relayed_by
from quotes.speakers.names import (
    _DETERMINERS,
    _NEXT_WORD,
    NAMED_KINDS,
    UNKNOWN,
    Entity,
    Speaker,
    _acronym,
    _kind_of_org,
    classify_name,
    clean_mention,
    split_title,
    without_quantity,
)
from quotes.speakers.referents import Referents, _Referent
from quotes.speakers.sentences import _sentence_start
from quotes.standoff import Article, Quote, Span

PERSON_PRONOUNS = {"he", "she", "him", "her"}
WRITER_PRONOUNS = {"i", "we", "me", "us"}  # outside a quotation: the article's writer
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "them"}
RELATIVE_PRONOUNS = {"who", "that", "whom", "which"}
PRONOUNS = PERSON_PRONOUNS | WRITER_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS | RELATIVE_PRONOUNS
POSSESSIVES = {"his": "person", "her": "person", "its": "thing", "their": "group"}
POSSESSIVE_PRONOUNS = {"his": "he", "its": "it", "their": "they", "my": "i", "our": "we", "whose": "who"}
# "an architect who said", "a Democratic strategist who": a relative pronoun right after a common
# noun (its modifiers lowercase or a nationality or party adjective) speaks for that noun.
_RELATIVE_HEAD = re.compile(
    r"(?<![\w.'’-])((?:a|an|the|his|her|their|its)\s+(?:(?:[a-z][\w-]*|[A-Z][a-z]+(?:an|ic|ish|ese)|(?:[A-Z]\.){2,})\s+){0,2}"
    r"[a-z][\w-]*|[a-z][\w-]*[^s\W]s),?\s+$"
)
_DATE_WORD = re.compile(
    r"\d[\d,.]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\.?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day",
    re.I,
)
_CONJUNCTION = re.compile(r",\s*(?:and\s+)?|\s+(?:and|&)\s+")
# The name may carry its place ("Chuck Schumer of New York,") or party ("Joe Smith (R-Tex.),").
_APPOSITION = re.compile(
    r",\s+((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*)(?:\s+of\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?"
    r"\s*(?:,|\([^)]*\),)"
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

# What stands between two people named together: '(D-Calif.) and Senate Minority Leader '.
_JOINED_NAME = re.compile(r"\s*(?:\([^()\n]{0,20}\)|,\s*[DRI]-[A-Z][\w.]*)?,?\s+and\s+(?:[A-Z][\w.’'-]*\s+){0,4}")

# A document cited as a source, not issued by the sentence's subject: 'according to the documents'.
_CITED = re.compile(r"\baccording to (?:the |these |those |a |an )?(?:\w+ ){0,2}$", re.I)

# A name's first part the parse cut off: "O’" of "O’Rourke", "Holtz-" of "Holtz-Eakin".
_JOINED_BEFORE = re.compile(r"(?<![\w’'-])(?:O['’]|[A-Z][a-z]+-)$")


# A lede's unnamed subject is named by the paragraph after it within the article's first paragraphs.
_LEDE_PARAGRAPHS = 3
# How far back 'the newspaper' looks for the outlet it describes (characters: a few paragraphs).
_OUTLET_WINDOW = 1500


def _of_at(words: list[str]) -> int | None:
    """Where 'of'/'with'/'from'/'for' first links the head noun to what follows, among the first words
    ('A two-term Republican congressman from Idaho with a track record': 'congressman')."""
    return next((i for i, w in enumerate(words[:6]) if w in ("of", "for", "from", "with", "at", "in") and i), None)


class _Resolver(Referents):
    """Resolves the speaker mentions of one article in text order."""

    _releases: list[re.Match] | None = None  # 'papers released by X' in the text (``_released_by``)
    _release_ends: list[int] = []
    _authored: dict[str, list[re.Match]] = {}  # 'the report, by X': by the document's noun
    _paragraph_starts: list[int] | None = None  # for ``_named_below``

    def resolve(self, mention: Span | None, previous: list[Speaker]) -> Speaker:
        if mention is None:
            return UNKNOWN
        words = self.text[mention.start : mention.end].split()
        if not words:
            return UNKNOWN
        first = words[0].lower()
        if len(words) == 1 and (pronoun := POSSESSIVE_PRONOUNS.get(first, first)) in PRONOUNS:
            return self._pronoun(pronoun, mention)  # "he said", or the owner of "his claim that ..."
        if (named := self._apposition(mention)) is not None:
            return named  # "His former partner, Lawrence B. Cummings, said"
        if (named := self._names_after(mention)) is not None:
            return named  # "said the president’s personal attorneys Rudy Giuliani and Jay Sekulow"
        if (named := self._name_after_title(mention)) is not None:
            return named  # "Senate Democratic Leader" + "Chuck Schumer", "his likely GOP rival Mitt Romney"
        if first in ("a", "an", "the") and (named := self._named_below(mention)) is not None:
            return named  # "A Republican staffer apologized ... ¶ Elizabeth Lauten, the communications director"
        if first in POSSESSIVES and len(words) > 1:
            return self._possessive(first, words[1:], mention)
        if first == "whose" and len(words) == 2 and (members := self._members_of_body(words[1], mention)):
            return members  # 'the Tea Party, a loosely organized political movement whose members cite'
        if (joint := self._joint(mention)) is not None:
            return joint  # "Trump and Ryan said"
        mention = self._without_place(mention)
        if (joined := _JOINED_BEFORE.search(self.text, max(0, mention.start - 30), mention.start)) is not None:
            mention = Span(joined.start(), mention.end)  # the parse's "Rourke" of "O’Rourke", "Eakin" of "Holtz-Eakin"
        mention_text = self.text[mention.start : mention.end]
        if (own := self._own_outlet(mention_text)) is not None:
            return own
        label = self._label_at(mention)
        named = None if _document_head(mention_text, self.rules) else classify_name(mention_text, label, self.rules)
        if named is not None:
            if named.kind == "person":
                self.people.add(named.name)
            # 'Mr. Obama': the honorific before the name the mention ends with
            return self.person(named, self._honorific_gender(mention.end - len(named.name.split()[-1])))
        return self._description(mention_text, mention, previous)

    def _own_outlet(self, mention_text: str) -> Speaker | None:
        """'the Times' in a New York Times article, 'the Post' in a Washington Post one: the article's
        own outlet, named by the last word of its name."""
        cleaned = clean_mention(mention_text)
        words = self.outlet.split()
        if (
            len(words) > 1
            and cleaned == words[-1]
            and cleaned[:1].isupper()
            and self.outlet in self.rules.media.values()
        ):
            return Speaker(self.outlet, "media", mention="name")
        return None

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

    def _without_place(self, mention: Span) -> Span:
        """'Sen. Kamala Harris of California' is Kamala Harris, 'Peter Keating at Vanity Fair' is Peter
        Keating: a titled name, or a name of two words or more, before 'of PLACE' or 'at BODY' is the
        person ('Secretary of Defense Mark Esper' and 'Bank of America' are left whole)."""
        text = self.text[mention.start : mention.end]
        match = re.match(r"(.+?)\s+(?:of|at)\s+(?:the\s+)?[A-Z]", text)
        if not match:
            return mention
        name, title = split_title(match.group(1), self.rules)
        words = (name or "").split()
        if words and all(w[:1].isupper() for w in words) and (title or len(words) >= 2):
            if not _kind_of_org(match.group(1), self.rules):
                return Span(mention.start, mention.start + len(match.group(1)))
        return mention

    def _name_after_title(self, mention: Span) -> Speaker | None:
        """A person the recogniser found at the end of the mention, or right after it, when the words
        before are someone's ('his likely GOP rival Mitt Romney') or a description ending in a title (a
        mention cut before its name by the parse: 'Senate Democratic Leader' + ' Chuck Schumer')."""
        after = next((r for r in self.referents if r.speaker.kind == "person" and mention.end <= r.start), None)
        inside = self._head_referent(mention, self.referents)
        if inside is not None and inside.speaker.kind == "person" and inside.start > mention.start:
            before = self.text[mention.start : inside.start].split()
            referent = inside
        elif after is not None and not self.text[mention.end : after.start].strip():
            before = self.text[mention.start : mention.end].split()
            referent = after
        else:
            return None
        last = before[-1].lower().strip(",") if before else ""
        if not before:
            return None  # nothing but space before the name: the name itself
        owned = referent is inside and (before[0].lower() in POSSESSIVES or before[0].endswith(("'s", "’s")))
        if {"and", "&"} & set(before) or last in self.rules.honorifics:
            return None  # 'Mr. Udall and Mr. Wyden': a joint mention; 'Mr. Udall': a name
        if not owned and (last not in self.rules.titles or (len(before) == 1 and referent is inside)):
            return None  # no title before the name, or 'Sen. Kamala Harris': a name with its title
        if (joined := self._joined_to(referent, self.referents)) is not None:
            return joined.speaker  # 'Senate Minority Leader' + ' Chuck Schumer, D-N.Y., and Sen. Elizabeth Warren'
        return replace(self.person(referent.speaker), mention="name")

    def _apposition(self, mention: Span) -> Speaker | None:
        """A name set off by commas right after a description names its speaker."""
        match = _APPOSITION.match(self.text, mention.end)
        if not match:
            return None
        own = classify_name(self.text[mention.start : mention.end], None, self.rules)
        if own is not None and own.kind == "person":
            return None  # 'Mr. Trump, Melania Trump, ...': a list of people, not a description and its name
        words = self.text[mention.start : mention.end].split()
        linked = next((i for i, w in enumerate(words[:4]) if w in ("of", "for") and i), None)
        head = words[linked - 1] if linked else words[-1]  # 'A lawyer for the news outlets': 'lawyer'
        if re.fullmatch(r"[A-Za-z]+(?:men|[^s]s)", head) and head.lower() not in self.rules.titles:
            return None  # 'Spokesmen for the United States attorney in Brooklyn, Loretta E. Lynch,': hers
        named = classify_name(match.group(1), "PERSON", self.rules)
        if named is None or named.kind != "person":
            return None
        self.people.add(named.name)
        return self.person(replace(named, mention="apposition"))

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

    def _named_below(self, mention: Span) -> Speaker | None:
        """A lede that names its subject one paragraph later: 'A two-term Republican congressman from
        Idaho said Friday he would run. ¶ Raul Labrador, a 46-year-old ...' is Raul Labrador; 'A major
        climate group ... ¶ NextGen Climate, founded by ...' is NextGen Climate. Only in the first
        paragraphs, only a paragraph that opens with the name set off by a comma, and only a person for
        one person ('A group of senators' is none) and a body for a body."""
        if self._paragraph_starts is None:
            self._paragraph_starts = [m.end() for m in re.finditer(r"\n\s*", self.text)]
        starts = self._paragraph_starts
        if bisect.bisect_right(starts, mention.start) > _LEDE_PARAGRAPHS - 1:
            return None
        below = next((p for p in starts if p > mention.end), None)
        if below is None:
            return None
        opening = next((r for r in self.referents if r.start == below), None)
        if opening is None or not (self.text.startswith(",", opening.end) or opening.subject):
            return None
        definite = self.text[mention.start : mention.end].split()[0].lower() == "the"
        if definite and any(r.start < mention.start for r in self.referents):
            return None  # 'the' points back to someone named before, if anyone was
        words = without_quantity(clean_mention(self.text[mention.start : mention.end])).split()
        head = words[_of_at(words) - 1 if _of_at(words) else -1].lower()
        rules, where = self.rules, Span(opening.start, opening.end)
        if opening.speaker.kind == "person":  # one person, spoken of with a word for a person
            people_words = rules.titles | rules.title_forms.keys() | rules.anonymous_heads | rules.gendered_roles
            if opening.plural or head not in people_words:
                return None
            said = self.rules.gender.get(head)
            if said is not None and opening.gender is not None and said != opening.gender:
                return None  # 'a woman at one of Trump’s rallies ... ¶ Trump was': someone else
            return replace(self.person(opening.speaker), mention="description", antecedent=where)
        if head not in rules.org_words:  # a body, spoken of with a word for a body
            return None
        return replace(opening.speaker, mention="description", antecedent=where)

    def _possessive(self, word: str, rest: list[str], mention: Span) -> Speaker:
        """'its foreign ministry' is Iran's; 'his spokesman' speaks for him; 'his campaign' is the
        person's campaign, an organisation; 'his wife' is unnamed."""
        want = POSSESSIVES[word]
        gender = {"his": "m", "her": "f"}.get(word)
        owner = self._antecedent(mention.start, want, gender=gender) if want == "person" else None
        owner = owner or self._antecedent(mention.start, "thing" if want == "thing" else "group")
        if owner is None:
            return Speaker(None, "unknown", mention="pronoun")
        role = " ".join(rest)
        where = Span(owner.start, owner.end)
        if self.rules.is_document(rest[-1]):
            return replace(self.person(owner.speaker), mention="pronoun", antecedent=where)
        if owner.speaker.kind in ("government", "organisation"):
            return Speaker(f"{owner.speaker.name} ({role})", owner.speaker.kind, mention="pronoun", antecedent=where)
        owner_name = self.person(owner.speaker).name
        head = (
            re.split(r"\s(?:to|of|for|in|on|at|with|from)\s", role)[0].split()[-1].lower()
        )  # "submission to the court"
        if (body := self.rules.org_words.get(head)) is not None and owner.speaker.kind == "person":
            # 'his campaign', 'her office': a body of the person's, as 'the Clinton campaign' is
            return Speaker(f"{owner_name} {role}", body, mention="pronoun", antecedent=where)
        return Speaker(f"{owner_name}'s {role}", "unnamed", mention="pronoun", antecedent=where)

    def _pronoun(self, word: str, mention: Span) -> Speaker:
        if word in WRITER_PRONOUNS:
            return Speaker("the writer", "author", mention="pronoun")
        if word in RELATIVE_PRONOUNS and (
            noun := _RELATIVE_HEAD.search(self.text, max(0, mention.start - 80), mention.start)
        ):
            if noun.group(1).split()[-1] not in ("and", "but", "or", "said", "says"):
                phrase = Span(noun.start(1), noun.end(1))
                document = _document_head(noun.group(1), self.rules)
                if document is not None and document[1] and not document[2]:
                    # 'a Guardian newspaper report that described': the report names its issuer
                    issued = self.resolve_text(document[1], phrase, [])
                    if issued.kind in NAMED_KINDS:
                        return replace(issued, mention="pronoun", antecedent=phrase)
                return Speaker(_DETERMINERS.sub("", noun.group(1)), "unnamed", mention="pronoun")
        if word in RELATIVE_PRONOUNS:
            want = "which" if word == "which" else "who"
            found = self._antecedent(mention.start, want, window=_sentence_start(self.text, mention.start))
        elif word in PERSON_PRONOUNS:
            found = self._antecedent(mention.start, "person", gender={"he": "m", "him": "m"}.get(word, "f"))
        elif word in THING_PRONOUNS:
            found = self._antecedent(mention.start, "thing")
        else:
            found = self._antecedent(mention.start, "group")
        if found is None:
            return Speaker(None, "unknown", mention="pronoun")
        return replace(self.person(found.speaker), mention="pronoun", antecedent=Span(found.start, found.end))

    def _description(self, mention_text: str, mention: Span, previous: list[Speaker]) -> Speaker:
        """'the department', 'the statement', 'the president', 'a Pentagon spokesman', 'critics'."""
        cleaned = clean_mention(mention_text)
        words = cleaned.split()
        head = words[-1].lower() if words else ""
        if (document := _document_head(mention_text, self.rules)) is not None:
            head, issuer, issuer_follows = document
            if issuer:
                found = self.resolve_text(issuer, mention, previous)
                if found.kind != "unknown":
                    return replace(found, title=found.title or head if found.kind == "person" else found.title)
            if issuer_follows:  # "the transcript of the debate" names its own issuer, or none
                return Speaker(_DETERMINERS.sub("", cleaned).lower(), "unnamed", mention="description")
            # 'reports', 'leaked documents': many sources, so neither the latest speaker nor the
            # latest subject is their issuer; only a text that says who released them names one
            several = head not in self.rules.document_nouns
            if (released := self._released_with(mention)) is not None:
                return released
            if not several and (introduced := self._issuer(head, mention.start)) is not None:
                where = Span(introduced.start, introduced.end)
                return replace(self.person(introduced.speaker), mention="description", antecedent=where)
            if (released := self._released_by(mention.start, head)) is not None:
                return released
            recent = [s for s in previous if s.name and s.kind != "unknown"]
            if recent and not several:
                return replace(recent[-1], mention="description")
            # "The Pentagon issued a statement."
            issuer_found = None if several else self._antecedent(mention.start, "which")
            if issuer_found is not None:
                where = Span(issuer_found.start, issuer_found.end)
                return replace(issuer_found.speaker, mention="description", antecedent=where)
        definite = mention_text.split()[0].lower() == "the"
        if head in self.rules.media_nouns and definite and (outlet := self._outlet_before(mention)):
            return outlet  # 'The tabloid published a story': the outlet named last
        if head in self.rules.org_words or head in self.rules.titles or head in self.rules.title_forms:
            wanted = ("organisation", "government") if head in self.rules.org_words else ("person",)
            # 'the Idaho congressman': the capitalised words before the head place who is meant
            modifiers = tuple(w for w in words[:-1] if w[:1].isupper() and w.lower() not in self.rules.party_words)
            if (referent := self._latest_described(head, mention.start, wanted, modifiers)) is not None:
                return replace(referent.speaker, mention="description", antecedent=Span(referent.start, referent.end))
        return Speaker(
            _DETERMINERS.sub("", without_quantity(cleaned)).lower() or None, "unnamed", mention="description"
        )

    def _outlet_before(self, mention: Span) -> Speaker | None:
        """The outlet the text names last before ``mention`` (in a quotation too: 'his friends at the
        National Enquirer'), within a few paragraphs. None when there is none, when the mention names
        its own ('the news site RTL Info'), or when a body the outlet list does not know is named
        between them ('the Orlando Sentinel reported ... The newspaper reported')."""
        if re.match(r"\s+[A-Z]", self.text[mention.end : mention.end + 3]):
            return None
        start = max(0, mention.start - _OUTLET_WINDOW)
        named = [
            m
            for m in self.rules.media_pattern.finditer(self.text, start, mention.start)
            if self.rules.media[m.group()] != self.outlet
            and not re.search(r"[A-Z][a-z]+\s+$", self.text[max(0, m.start() - 20) : m.start()])  # Andrew Breitbart
        ]
        if not named:
            return None
        last = named[-1]
        if any(last.end() < r.start < mention.start and r.speaker.kind != "person" for r in self.referents):
            return None
        outlet = self.rules.media[last.group()]
        return Speaker(outlet, "media", mention="description", antecedent=Span(last.start(), last.end()))

    def _issuer(self, noun: str, position: int) -> _Referent | None:
        """Who the text said issued the document: 'The NAACP passed a resolution ... The resolution
        says' is the NAACP's, the subject before the noun's last mention, in that sentence."""
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

    def resolve_text(self, words: str, mention: Span, previous: list[Speaker]) -> Speaker:
        """Resolve part of a mention ('the department' of 'the department statement')."""
        at = self.text.find(words, mention.start, mention.end)
        label = self._label_at(Span(at, at + len(words))) if at >= 0 else None
        if label is None and _acronym(words):
            label = "ORG"  # "The FEC report"
        named = classify_name(words, label, self.rules)
        if named is not None and named.kind == "person" and label is None and named.name not in self.people:
            return UNKNOWN  # "campaign TV" of "A campaign TV ad": no one the article names
        if named is not None:
            return self.person(named)
        head = clean_mention(words).lower()
        if head in self.rules.org_words or head in self.rules.titles:
            found = self._description(words, mention, previous)
            return found if found.kind != "unnamed" else UNKNOWN
        body = re.sub(r"(?:\s+[a-z][\w'’-]*)+$", "", words)  # "State Department inspector general's"
        if body != words and (named := classify_name(body, None, self.rules)) is not None and named.kind != "person":
            return named
        return UNKNOWN


def _document_head(mention: str, rules: SpeakerRules) -> tuple[str, str, bool] | None:
    """A document or spokesperson noun heading the mention, the words naming its issuer ('' when
    none), and whether they follow the noun: ('spokesperson', 'Google', True) for 'A spokesperson
    for Google'; ('statement', 'department', False) for 'the department statement'. None when no
    such noun heads the mention."""
    words = clean_mention(mention).split()
    for i, word in enumerate(words):
        if not word.islower() or not rules.is_document(word):  # a document is no proper name
            continue
        if i == len(words) - 1:
            issuer = words[:i]
            # "A September 2010 Congressional Research Service report", "the new Pentagon statement"
            while issuer and (_DATE_WORD.fullmatch(issuer[0]) or (issuer[0].islower() and issuer[-1][:1].isupper())):
                issuer = issuer[1:]
            return word, " ".join(issuer), False
        if words[i + 1] in ("for", "from", "of"):
            return word, re.sub(r"^the\s+", "", " ".join(words[i + 2 :])), True
    return None


def resolve_speakers(
    article: Article, quotes: list[Quote], entities: list[Entity], rules: SpeakerRules | None = None
) -> list[Speaker]:
    """One ``Speaker`` per quote, in the quotes' order; quotes are in text order."""
    rules = rules or load_speaker_rules()
    resolver = _Resolver(article, entities, rules)
    resolved: list[Speaker] = []
    by_mention: dict[Span, Speaker] = {}  # one mention crediting several quotes is resolved once
    for quote in quotes:
        if quote.speaker is not None and quote.speaker in by_mention:
            speaker = by_mention[quote.speaker]
        else:
            speaker = resolver.resolve(quote.speaker, resolved)
            if quote.speaker is not None:
                resolver.remember(quote.speaker, speaker)
                by_mention[quote.speaker] = speaker
        # A statement the tagger found with no one credited ('Mr. Trump's comments were reported') is the
        # writer's narrative: its names stay antecedents. A rule's credit without a mention is someone's
        # words whose source the parse missed ('who led the charge of conservatives calling for Steele to
        # step down'): its names are hidden, as every quote's are.
        if quote.speaker is not None or quote.rule != "model":
            resolver.report_contents(quote.fragments)
        via = relayed_by(article.text, quote, speaker, rules)
        resolved.append(replace(speaker, via=via) if via else speaker)
    affiliations = affiliations_in(article.text, entities, resolver, quotes)
    mentions = [article.text[q.speaker.start : q.speaker.end] if q.speaker else "" for q in quotes]
    resolved = _described_alike(resolved, mentions)
    return [replace(s, affiliation=_affiliation_of(s, affiliations)) for s in resolved]


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


def _affiliation_of(speaker: Speaker, affiliations: dict[str, str]) -> str | None:
    """A person's affiliation; a group's when all its members share one ('Toomey and Ayotte')."""
    if speaker.kind == "person":
        return affiliations.get(speaker.name)
    if speaker.kind == "group":
        shared = {affiliations.get(member) for member in speaker.name.split(" and ")}
        return shared.pop() if len(shared) == 1 else None
    return None
