"""Who spoke: each quote's speaker mention resolved to a named speaker, within one article.

A pure per-article step after extraction. It reads the quotes' speaker mentions, the named entities
of the parsed paragraphs, and the rule lists of ``rules/speakers/``:

- names lose their titles and honorifics, and name variants merge ("Esper", "Mr. Esper" and
  "Secretary of Defense Dr. Mark T. Esper" are "Mark T. Esper");
- organisations go through the alias table ("the Pentagon", "DoD" are the U.S. Department of
  Defense), capitals speak for their country ("Tehran" is Iran);
- pronouns ("he", "who", "its foreign ministry") and descriptions that refer back ("the department",
  "the statement", "the president") take the nearest fitting speaker or entity before them;
- unnamed sources ("a US defense official", "sources") are anonymous;
- a quote relayed by an outlet ("According to AFP, Tehran warned...") gets ``via``, and every
  outlet the text names is listed as a media mention with its role.

Cross-article identity (one id for "Esper" in every outlet) is a separate step: ``identities``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from quotes.marks import find_quote_spans
from quotes.read import outlet_from_text
from quotes.rules_data import SpeakerRules, alias_key, load_speaker_rules
from quotes.standoff import Article, Quote, Span

PERSON_PRONOUNS = {"he", "she", "him", "her"}
WRITER_PRONOUNS = {"i", "we", "me", "us"}  # outside a quotation: the article's writer
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "them"}
RELATIVE_PRONOUNS = {"who", "that", "whom", "which"}
PRONOUNS = PERSON_PRONOUNS | WRITER_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS | RELATIVE_PRONOUNS
POSSESSIVES = {"his": "person", "her": "person", "its": "thing", "their": "group"}
POSSESSIVE_PRONOUNS = {"his": "he", "its": "it", "their": "they", "my": "i", "our": "we", "whose": "who"}
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
NAME_PARTICLES = {"de", "van", "von", "da", "al", "bin", "le", "la", "del", "der", "di"}
KINDS = ("person", "organisation", "government", "anonymous", "media", "group", "unnamed", "author", "unknown")
NAMED_KINDS = ("person", "organisation", "government", "media")
_DETERMINERS = re.compile(r"^(?:the|a|an|one|two|three|several|some|many|other|another|senior|top)\s+", re.I)
# "an architect who said", "a Democratic strategist who": a relative pronoun right after a common
# noun (its modifiers lowercase or a nationality or party adjective) speaks for that noun.
_RELATIVE_HEAD = re.compile(
    r"(?<![\w.'’-])((?:a|an|the|his|her|their|its)\s+(?:(?:[a-z][\w-]*|[A-Z][a-z]+(?:an|ic|ish|ese))\s+){0,2}"
    r"[a-z][\w-]*|[a-z][\w-]*[^s\W]s),?\s+$"
)
_PREPOSITIONS = {"at", "of", "for", "from", "with", "in", "on"}
_NEXT_WORD = re.compile(r"\s+(\w+)")  # the word after a name: "Romney campaign", "Saudi government"
_DATE_WORD = re.compile(
    r"\d[\d,.]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\.?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day",
    re.I,
)
_FUNCTION_WORDS = STOP_WORDS - {"will", "may"}  # Rep. Will Hurd, May Boeve
_CONJUNCTION = re.compile(r",\s*(?:and\s+)?|\s+(?:and|&)\s+")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_APPOSITION = re.compile(r",\s+((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*)\s*(?:,|\([^)]*\),)")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']*\s+(?=[A-Z\"“‘'])|\s*\n\s*")


@dataclass(frozen=True)
class Entity:
    """A named entity of a parsed paragraph, in article offsets; ``subject`` when it heads a subject."""

    start: int
    end: int
    label: str  # spaCy's: PERSON, ORG, GPE, NORP
    subject: bool = False


@dataclass(frozen=True)
class Speaker:
    """Who a quote's speaker mention is, as far as the article tells."""

    name: str | None  # canonical name within the article; None when unknown
    kind: str  # one of KINDS
    title: str | None = None  # role or title the text gives ("Secretary of Defense")
    via: str | None = None  # the outlet that relayed the quote
    mention: str = "none"  # how the text names them: name, pronoun, description, none
    antecedent: Span | None = None  # the earlier mention a pronoun or description was resolved to
    affiliation: str | None = None  # party or body the text ties a person to ("Democrats", "Obama campaign")


@dataclass(frozen=True)
class MediaMention:
    """An outlet named in an article's text, and what it does there."""

    outlet: str
    mention: str
    start: int
    end: int
    role: str  # credit line, dateline, interviewed, relayed a quote, reported, quoted, mentioned


UNKNOWN = Speaker(None, "unknown")


@dataclass(frozen=True)
class _Referent:
    """Something a later pronoun or description can point back to."""

    start: int
    end: int
    speaker: Speaker
    subject: bool
    gender: str | None = None  # "m", "f" or unknown
    plural: bool = False


def clean_mention(mention: str) -> str:
    """The mention without a leading article, possessive, parenthesis or trailing apposition."""
    text = re.sub(r"\s*\([^)]*\)", "", mention).split(",")[0].strip()
    text = re.sub(r"['’]s?$", "", text).strip()
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I).strip()


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or token.lower() in NAME_PARTICLES


def _is_title(token: str, rules: SpeakerRules) -> bool:
    """'Sen.', 'Senators', 'Sens.' (the plurals of joint mentions), and a party word before a name
    ('Republican Trump and Democrat Clinton')."""
    word = token.lower().strip(",")
    singular = re.sub(r"s(\.?)$", r"\1", word)
    return word in rules.titles or singular in rules.titles or word in rules.party_words


def split_title(mention: str, rules: SpeakerRules) -> tuple[str | None, str | None]:
    """("Secretary of Defense Dr. Mark T. Esper") -> ("Mark T. Esper", "Secretary of Defense")."""
    tokens = clean_mention(mention).split()
    # "partner at Lenox", "director of the FBI": the name is not in what follows a lowercase head.
    cut = next((i for i in range(1, len(tokens)) if tokens[i] in _PREPOSITIONS and tokens[i - 1].islower()), None)
    tokens = tokens[:cut]
    last_title = max((i for i, t in enumerate(tokens) if _is_title(t, rules)), default=-1)
    rest = tokens[last_title + 1 :]
    start = len(rest)
    while start > 0 and _capitalised(rest[start - 1]):
        start -= 1
    # "Secretary of Defense Mark Esper": the words after 'of' name the office until the last two,
    # or until a known first name or an initial ("Secretary of State John F. Kerry").
    if 0 < start and rest[start - 1].lower() in ("of", "for"):
        while (
            len(rest) - start > 2
            and rest[start].lower() not in rules.gender
            and not re.fullmatch(r"[A-Z]\.", rest[start])
        ):
            start += 1
    name_tokens = rest[start:]
    while name_tokens and name_tokens[0] in NAME_PARTICLES:  # "of al-Qaida", not "Sen. Al Franken"
        name_tokens = name_tokens[1:]
    while len(name_tokens) > 1 and name_tokens[0].lower() in _FUNCTION_WORDS:
        name_tokens = name_tokens[1:]  # the recogniser's "Beyond Trump's" is Trump
    if not name_tokens and last_title > 0 and tokens[last_title - 1].lower() in rules.honorifics:
        name_tokens, last_title = [tokens[last_title]], last_title - 1  # "Mr. Justice" is a name
    title_tokens = [t for t in tokens[: last_title + 1] + rest[:start] if t.lower() not in rules.honorifics]
    name = " ".join(name_tokens) or None
    return name, " ".join(title_tokens) or None


def surname(name: str) -> str:
    tokens = [t for t in name.split() if t.lower().strip(",") not in NAME_SUFFIXES]
    return (tokens or name.split())[-1].lower().strip(".,").replace("’", "'")  # O’Neill is O'Neill


def _first_names_agree(a: str, b: str) -> bool:
    """'Mark' and 'M.' agree; 'Mark' and 'Mary' do not."""
    a, b = a.lower().strip("."), b.lower().strip(".")
    return a == b or (min(len(a), len(b)) == 1 and a[0] == b[0])


def same_person(short: str, full: str) -> bool:
    """True when ``short`` can name the person ``full`` names ('Esper' / 'Mark T. Esper';
    'Van Voorhis' / 'Chandler Van Voorhis')."""
    s, f = short.split(), full.split()
    if len(s) > 1 and s[0].lower() in NAME_PARTICLES:
        s = s[-1:]
    if not s or not f or surname(short) != surname(full):
        return False
    return len(s) == 1 or len(f) == 1 or _first_names_agree(s[0], f[0])


class _People:
    """Person names of one article, merged by surname and agreeing first names."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def add(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)

    def canonical(self, name: str) -> str:
        """The longest name of the article for the same person ('Esper' -> 'Mark T. Esper')."""
        matches = [n for n in self.names if same_person(name, n)]
        if len(name.split()) == 1:
            # A bare surname stays as it is when two different people share it.
            firsts = {
                n.split()[0].lower()[0]
                for n in matches
                if len(n.split()) > 1 and n.split()[0].lower() not in NAME_PARTICLES  # "De Blasio"
            }
            if len(firsts) > 1:
                return name
        return max(matches + [name], key=lambda n: (len(n.split()), len(n)))


def _kind_of_org(name: str, rules: SpeakerRules) -> str | None:
    written = name.split()
    words = [w.lower().strip(".,'’s") for w in written]
    if written and written[-1][:1].islower() and _is_title(written[-1], rules):
        return None  # "Obama's campaign press secretary", "the university's top executives": people
    kinds = [rules.org_words[w] for w in words if w in rules.org_words]
    if not kinds:
        return None
    return "government" if "government" in kinds else "organisation"


def _looks_like_person(words: list[str], rules: SpeakerRules) -> bool:
    """A known first name, or a middle initial, in two to four capitalised words."""
    return 2 <= len(words) <= 4 and (
        rules.gender.get(words[0].lower()) is not None or any(re.fullmatch(r"[A-Z]\.", w) for w in words[1:-1])
    )


def classify_name(mention: str, label: str | None, rules: SpeakerRules) -> Speaker | None:
    """A speaker for a mention that names someone, or None when it names no one (a description)."""
    cleaned = clean_mention(mention)
    if not cleaned:
        return None
    if (hit := rules.aliases.get(alias_key(cleaned))) is not None:
        return Speaker(hit[0], hit[1], mention="name")
    if (country := rules.capitals.get(alias_key(cleaned))) is not None:
        return Speaker(country, "government", mention="name")
    if cleaned in rules.media:
        return Speaker(rules.media[cleaned], "media", mention="name")
    words = cleaned.split()
    if words[-1].lower() in rules.anonymous_heads:
        return Speaker(f"anonymous {_DETERMINERS.sub('', cleaned)}", "anonymous", mention="description")
    if not any(w[:1].isupper() for w in words):
        return None
    if label is None and len(words) == 1 and words[0].endswith("s") and words[0][1:].islower():
        return None  # "Critics said": a sentence-initial common noun, not a name
    org_kind = _kind_of_org(cleaned, rules)
    if label == "ORG" and not org_kind and _looks_like_person(words, rules):
        label = "PERSON"  # the recogniser's slip: "Keith Lamont Scott" as an organisation
    if label in ("ORG", "NORP", "GPE") or (org_kind and label != "PERSON"):
        kind = org_kind or ("government" if label == "GPE" else "organisation")
        return Speaker(cleaned, kind, mention="name")
    if any(w.lower().strip(",") in _WEEKDAYS for w in words):
        return None  # the recogniser's slip: "Earlier Friday" as a person
    name, title = split_title(mention, rules)
    if name is None:
        return None
    return Speaker(name, "person", title=title, mention="name")


@lru_cache(maxsize=1)
def _title_stops() -> frozenset[str]:
    """The titles of ``titles.txt`` that end in a full stop ('sen.', 'dr.')."""
    return frozenset(title for title in load_speaker_rules().titles if title.endswith("."))


def _sentence_breaks(text: str, start: int, end: int):
    """Sentence breaks between ``start`` and ``end``, except after a title: "urging Trump and Sen.
    Mitch McConnell to ..." is one sentence."""
    for match in _SENTENCE_BREAK.finditer(text, start, end):
        before = text[max(0, match.start() - 12) : match.start() + 1].split()
        if not (text[match.start()] == "." and before and before[-1].lower() in _title_stops()):
            yield match


def _sentence_end(text: str, position: int) -> int:
    match = next(_sentence_breaks(text, position, len(text)), None)
    return match.start() + 1 if match else len(text)


def _sentence_start(text: str, position: int) -> int:
    starts = [m.end() for m in _sentence_breaks(text, 0, position)]
    return starts[-1] if starts else 0


class _Resolver:
    """Resolves the speaker mentions of one article in text order."""

    def __init__(self, article: Article, entities: list[Entity], rules: SpeakerRules):
        self.text = article.text
        self.rules = rules
        self.people = _People()
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
            found.append((entity, speaker))
        # One-word names the recogniser tagged a person more often than anything else ("Trump").
        votes = Counter(s.name for _, s in found if " " not in (s.name or ""))
        people_votes = Counter(s.name for _, s in found if s.kind == "person" and " " not in s.name)
        self.mostly_people = frozenset(name for name, n in people_votes.items() if 2 * n > votes[name])
        found = [(entity, self.person(speaker)) for entity, speaker in found]
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

    def _latest_described(self, head: str, position: int, kinds: tuple[str, ...]) -> _Referent | None:
        """The latest referent before ``position``, of one of ``kinds``, that ``head`` describes."""
        return next(
            (
                r
                for r in sorted(self.referents, key=lambda r: -r.start)
                if r.end <= position and r.speaker.kind in kinds and self._described_as(r, head)
            ),
            None,
        )

    def _gender(self, speaker: Speaker) -> str | None:
        """'m' or 'f' from a first name, else the article's honorifics and pronouns, else a role noun."""
        if speaker.kind == "person" and speaker.name:
            name = self.people.canonical(speaker.name)
            first = name.split()[0].lower()
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

    def _gender_evidence(self, people: list[tuple[Entity, Speaker]]) -> dict[str, str]:
        """'Clinton said she...': the first he/she/his/her after a name, before any other name."""
        votes: dict[str, list[str]] = {}
        starts = sorted(e.start for e, _ in people)
        for entity, speaker in people:
            name = self.people.canonical(speaker.name)
            before = self.text[max(0, entity.start - 6) : entity.start].lower()
            for honorific, gender in (("mr", "m"), ("mrs", "f"), ("ms", "f")):
                if re.search(rf"\b{honorific}\.?\s+$", before):
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
            self.referents.append(_Referent(span.start, span.end, speaker, True, self._gender(speaker), plural))

    def person(self, speaker: Speaker) -> Speaker:
        """A person's fullest name in the article; a lone surname the recogniser took for an organisation
        ("Fox said" where the article names Vicente Fox; "Trump" where the recogniser tags "Trump" a
        person more often than not) becomes that person."""
        if speaker.kind == "person":
            return replace(speaker, name=self.people.canonical(speaker.name))
        if speaker.kind == "organisation" and speaker.name and " " not in speaker.name:
            full = self.people.canonical(speaker.name)
            if full != speaker.name or full in self.mostly_people:
                return replace(speaker, name=full, kind="person")
        return speaker

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
        if first in POSSESSIVES and len(words) > 1:
            return self._possessive(first, words[1:], mention)
        if (joint := self._joint(mention)) is not None:
            return joint  # "Trump and Ryan said"
        mention = self._without_place(mention)
        mention_text = self.text[mention.start : mention.end]
        label = self._label_at(mention)
        named = None if _document_head(mention_text, self.rules) else classify_name(mention_text, label, self.rules)
        if named is not None:
            if named.kind == "person":
                self.people.add(named.name)
            return self.person(named)
        return self._description(mention_text, mention, previous)

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
        names = []
        for part in parts:
            name = self._name_in_part(part)
            if name is None:
                return None
            names.append(name)
        names = list(dict.fromkeys(names))
        return Speaker(" and ".join(names), "group", mention="name") if len(names) > 1 else None

    def _name_in_part(self, part: Span) -> str | None:
        """The canonical name a part of a joint mention gives: a person with any title words before
        the name, or one the article names elsewhere; or a body named by the whole part ('the State
        Department'); else None."""
        referent = self._head_referent(part, self.referents)
        words = self.text[part.start : part.end]
        if referent is None:  # missed by the recogniser: a person the article names elsewhere
            named = classify_name(words, "PERSON", self.rules)
            known = named is not None and any(same_person(named.name, n) for n in self.people.names)
            return self.person(named).name if known else None
        if self._head_referent(part, self.adjectives) is not None:
            return None
        if referent.speaker.kind != "person":
            opening = re.sub(r"^(?:both\s+)?(?:the\s+)?", "", words, flags=re.I)
            if referent.start not in (part.start, part.end - len(opening)) or referent.speaker.kind not in NAMED_KINDS:
                return None  # 'a study by economists at Duke University': more than the body's name
            return referent.speaker.name
        named = classify_name(words, "PERSON", self.rules)
        return self.person(named).name if named is not None and named.kind == "person" else None

    def _without_place(self, mention: Span) -> Span:
        """'Sen. Kamala Harris of California' is Kamala Harris: a titled name, or a name of two words
        or more, before 'of PLACE' is the person ('Secretary of Defense Mark Esper' and 'Bank of
        America' are left whole)."""
        text = self.text[mention.start : mention.end]
        match = re.match(r"(.+?)\s+of\s+(?:the\s+)?[A-Z]", text)
        if not match:
            return mention
        name, title = split_title(match.group(1), self.rules)
        words = (name or "").split()
        if words and all(w[:1].isupper() for w in words) and (title or len(words) >= 2):
            if not _kind_of_org(match.group(1), self.rules):
                return Span(mention.start, mention.start + len(match.group(1)))
        return mention

    def _apposition(self, mention: Span) -> Speaker | None:
        """A name set off by commas right after a description names its speaker."""
        match = _APPOSITION.match(self.text, mention.end)
        if not match:
            return None
        own = classify_name(self.text[mention.start : mention.end], None, self.rules)
        if own is not None and own.kind != "anonymous":
            return None
        named = classify_name(match.group(1), "PERSON", self.rules)
        if named is None or named.kind != "person":
            return None
        self.people.add(named.name)
        return self.person(replace(named, mention="description"))

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
        if rest[-1].lower() in self.rules.document_nouns:
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

    def _pronoun(self, word: str, mention: Span) -> Speaker:
        if word in WRITER_PRONOUNS:
            return Speaker("the writer", "author", mention="pronoun")
        if word in RELATIVE_PRONOUNS and (
            noun := _RELATIVE_HEAD.search(self.text, max(0, mention.start - 80), mention.start)
        ):
            if noun.group(1).split()[-1] not in ("and", "but", "or", "said", "says"):
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
        if want in ("who", "which"):
            # A relative pronoun names the noun phrase it follows, not the sentence's subject:
            # "Republicans questioned ... John Bentel, a tech staffer at the State Department, who".
            return max(before, key=lambda r: r.start)
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
                return max(pool, key=lambda r: r.start)
        return None  # "it" or "they" with nothing fitting in sight: better unknown than a guess

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
            if (introduced := self._issuer(head, mention.start)) is not None:
                where = Span(introduced.start, introduced.end)
                return replace(self.person(introduced.speaker), mention="description", antecedent=where)
            recent = [s for s in previous if s.name and s.kind != "unknown"]
            if recent:
                return replace(recent[-1], mention="description")
            issuer_found = self._antecedent(mention.start, "which")  # "The Pentagon issued a statement."
            if issuer_found is not None:
                where = Span(issuer_found.start, issuer_found.end)
                return replace(issuer_found.speaker, mention="description", antecedent=where)
        if head in self.rules.org_words or head in self.rules.titles or head in self.rules.title_forms:
            wanted = ("organisation", "government") if head in self.rules.org_words else ("person",)
            if (referent := self._latest_described(head, mention.start, wanted)) is not None:
                return replace(referent.speaker, mention="description", antecedent=Span(referent.start, referent.end))
        return Speaker(_DETERMINERS.sub("", cleaned).lower() or None, "unnamed", mention="description")

    def _issuer(self, noun: str, position: int) -> _Referent | None:
        """Who the text said issued the document: 'The NAACP passed a resolution ... The resolution
        says' is the NAACP's, the subject before the noun's last mention, in that sentence."""
        earlier = list(re.finditer(rf"\b{re.escape(noun)}s?\b", self.text[:position], re.I))
        if not earlier:
            return None
        mentioned = earlier[-1].start()
        start = _sentence_start(self.text, mentioned)
        before = [
            r for r in self.referents if start <= r.start and r.end <= mentioned and r.speaker.kind in NAMED_KINDS
        ]
        if subjects := [r for r in before if r.subject]:
            return max(subjects, key=lambda r: r.start)
        # No named subject: an organisation named after the name that opens the sentence ('The Romney
        # campaign retorted with an ad' is the Romney campaign's).
        for r in before:
            word = _NEXT_WORD.match(self.text, r.end)
            if self.text[start : r.start].strip(" \"“‘'").lower() in ("", "the") and word is not None:
                if word.group(1) in self.rules.org_words:
                    body = classify_name(self.text[r.start : word.end()], "ORG", self.rules)
                    return _Referent(r.start, word.end(), body, True) if body else r
        return None

    def _described_as(self, referent: _Referent, head: str) -> bool:
        """'the senator' fits 'Sen. Jane Roe': the head word, or another form of the same title
        (``title_forms``), in the referent's name, its title, or the words just before it."""
        forms = self.rules.title_forms
        before = []  # the title words right before the name: 'Defense Secretary', 'Sen.'
        for word in reversed(self.text[max(0, referent.start - 40) : referent.start].split("\n")[-1].split()):
            if word.lower() not in self.rules.titles and word.lower() not in forms:
                break
            before.append(word)
        words = f"{referent.speaker.name} {referent.speaker.title or ''} {self.text[referent.start : referent.end]}"
        words = [w.strip(",()").lower() for w in (*words.split(), *before)]
        return any(forms.get(w, w) == forms.get(head, head) for w in words)

    def resolve_text(self, words: str, mention: Span, previous: list[Speaker]) -> Speaker:
        """Resolve part of a mention ('the department' of 'the department statement')."""
        at = self.text.find(words, mention.start, mention.end)
        label = self._label_at(Span(at, at + len(words))) if at >= 0 else None
        if label is None and _acronym(words):
            label = "ORG"  # "The FEC report"
        named = classify_name(words, label, self.rules)
        if named is not None and named.kind == "person" and label is None and named.name not in self.people.names:
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
        if word not in rules.document_nouns:  # lowercase only: a document is no proper name
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
    for quote in quotes:
        speaker = resolver.resolve(quote.speaker, resolved)
        if quote.speaker is not None:
            resolver.remember(quote.speaker, speaker)
        via = relayed_by(article.text, quote, speaker, rules)
        resolved.append(replace(speaker, via=via) if via else speaker)
    affiliations = affiliations_in(article.text, entities, resolver, quotes)
    return [replace(s, affiliation=_affiliation_of(s, affiliations)) for s in resolved]


def _affiliation_of(speaker: Speaker, affiliations: dict[str, str]) -> str | None:
    """A person's affiliation; a group's when all its members share one ('Toomey and Ayotte')."""
    if speaker.kind == "person":
        return affiliations.get(speaker.name)
    if speaker.kind == "group":
        shared = {affiliations.get(member) for member in speaker.name.split(" and ")}
        return shared.pop() if len(shared) == 1 else None
    return None


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


def _body_named(name: str, rules: SpeakerRules) -> str | None:
    """The canonical name of ``name`` when the rules read it as an organisation, government or outlet
    ('FBI' -> 'Federal Bureau of Investigation'), else an unknown acronym as written ('NAACP')."""
    body = classify_name(name, None, rules)
    if body is not None and body.kind in ("organisation", "government", "media"):
        return body.name
    return name if _acronym(name) else None


def _acronym(name: str) -> bool:
    """'NAACP', 'NRA': one upper-case word of three letters or more."""
    return " " not in name and name.isupper() and len(name) >= 3


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


_ACCORDING = re.compile(r"(\w+)\s+to\s+(?:the\s+)?$")
_REPORTED_AFTER = re.compile(r"\s+(?:(?:was|were)\s+(?:the\s+)?first\s+to\s+report|(?:first\s+)?report(?:ed|s))\b")
_REPORTED_BEFORE = re.compile(r"\breported\s+by\s+(?:the\s+)?$")
_INTERVIEWED = re.compile(r"\b(?:told|tells|telling|said\s+to|speaking\s+to|interview\s+with)\s+(?:the\s+)?$", re.I)


def _relay_phrase(text: str, start: int, end: int) -> bool:
    """'According to AFP,' (misspellings included), 'AFP reported', 'reported by AFP'."""
    before = text[max(0, start - 30) : start]
    according = _ACCORDING.search(before)
    if according and fuzz.ratio(according.group(1).lower(), "according") >= 75:
        return True
    return bool(_REPORTED_BEFORE.search(before) or _REPORTED_AFTER.match(text, end))


def relayed_by(text: str, quote: Quote, speaker: Speaker, rules: SpeakerRules) -> str | None:
    """The outlet a quote is credited through in its own sentence, when it is not the speaker."""
    if speaker.kind == "media":
        return None
    anchor = min(x.start for x in (quote.cue, quote.speaker, quote.fragments[0]) if x is not None)
    sentence = _sentence_start(text, anchor)
    for match in rules.media_pattern.finditer(text, sentence, anchor):
        if _relay_phrase(text, match.start(), match.end()):
            return rules.media[match.group()]
    return None


def media_mentions(
    article: Article, quotes: list[Quote], speakers: list[Speaker], rules: SpeakerRules | None = None
) -> list[MediaMention]:
    """Every outlet the text names, with its role: credit line, interviewed, relayed a quote..."""
    rules = rules or load_speaker_rules()
    text = article.text
    # The first line credits an outlet whatever the metadata says ("According to CNN").
    credit_kind = outlet_from_text(text)[1]
    first_line_end = text.find("\n") if "\n" in text else len(text)
    relays = {s.via for s in speakers if s.via}
    speaker_spans = [q.speaker for q, s in zip(quotes, speakers, strict=True) if q.speaker and s.kind == "media"]
    found = []
    for match in rules.media_pattern.finditer(text):
        outlet, start, end = rules.media[match.group()], match.start(), match.end()
        before = text[max(0, start - 30) : start]
        if start < first_line_end and credit_kind != "unknown":
            role = credit_kind
        elif _INTERVIEWED.search(before):
            role = "interviewed"
        elif outlet in relays and _relay_phrase(text, start, end):
            role = "relayed a quote"
        elif _relay_phrase(text, start, end):
            role = "reported"
        elif any(s.start <= start < s.end for s in speaker_spans):
            role = "quoted"
        else:
            role = "mentioned"
        found.append(MediaMention(outlet, match.group(), start, end, role))
    return found
