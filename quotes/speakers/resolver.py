"""Resolving the speaker mentions of one article in text order: names, joint mentions, appositions,
possessives, pronouns and descriptions (documents and spokespeople speak for their issuer)."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace
from typing import NamedTuple

from quotes.rules_data import SpeakerRules, load_speaker_rules
from quotes.speakers.affiliations import affiliations_in
from quotes.speakers.documents import _document_head, _Documents, is_person_noun
from quotes.speakers.groups import _described_alike, _Groups
from quotes.speakers.media import relayed_by
from quotes.speakers.names import (
    _DETERMINERS,
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
from quotes.speakers.personal_names import surname_first
from quotes.speakers.pronouns import POSSESSIVE_PRONOUNS, POSSESSIVES, PRONOUNS, _Pronouns
from quotes.standoff import Article, Quote, Span


# The name may carry its place ("Chuck Schumer of New York,") or party ("Joe Smith (R-Tex.),"), and
# may end the sentence ('said the spokesman, Nick Merrill.'); it is the shortest run of capitalised
# words that ends so, on one line ('Nick Merrill. Before Mr. Merrill' is two sentences), and the period
# of a title from titles.txt ('Indiana Gov. Mike Pence') ends no sentence.
@functools.lru_cache(maxsize=4)
def _apposition_pattern(titles: frozenset[str]) -> re.Pattern:
    periods = "".join(rf"(?<!\b{re.escape(t[:-1].capitalize())})" for t in sorted(titles) if t.endswith("."))
    return re.compile(
        r",\s+((?:[A-Z][\w.'’-]*[^\S\n]+){1,3}?[A-Z][\w.'’-]*)"
        r"(?:[^\S\n]+of[^\S\n]+[A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,2})?"
        rf"\s*(?:,|\([^)]*\),|(?<=[a-z]){periods}\.(?=\s|$))"
    )


# A description's second, lowercase apposition before its name: ', now a lawyer with Ifrah Law'.
# Not a clause ('who co-wrote a book with his father, Rev. Jesse Jackson,' names the father), nor
# words with a possessive pronoun, whose name is of another person.
_SECOND_APPOSITION = re.compile(
    r",\s+(?:now|then|formerly|also|an?|the)\b(?:(?!\b(?:his|her|their|its)\b)[^,;:“”\"()\n]){0,80}(?=,)"
)

# A name's first part the parse cut off: "O’" of "O’Rourke", "Holtz-" of "Holtz-Eakin".
_JOINED_BEFORE = re.compile(r"(?<![\w’'-])(?:O['’]|[A-Z][a-z]+-)$")
# The word before a mention: the surname of a surname-first name the parse cut off ("Ban" of "Ban Ki-moon").
_WORD_BEFORE = re.compile(r"(?<![\w’'-])([A-Z][a-z]+)\s$")


# The place or body a title is of, before the holder's name: ' for the District of Columbia'.
_TITLE_PLACE = re.compile(r"\s+(?:of|for|from)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of|the|and|[A-Z][\w.'’-]*))*$")

# A lede's unnamed subject is named by the paragraph after it within the article's first paragraphs.
_LEDE_PARAGRAPHS = 3
# How far back 'the newspaper' looks for the outlet it describes (characters: a few paragraphs).
_OUTLET_WINDOW = 1500


def _of_at(words: list[str]) -> int | None:
    """Where 'of'/'with'/'from'/'for' first links the head noun to what follows, among the first words
    ('A two-term Republican congressman from Idaho with a track record': 'congressman')."""
    return next((i for i, w in enumerate(words[:6]) if w in ("of", "for", "from", "with", "at", "in") and i), None)


class _Resolver(_Documents, _Groups, _Pronouns):
    """Resolves the speaker mentions of one article in text order (documents' issuers in ``documents``,
    joint mentions and groups in ``groups``, pronouns in ``pronouns``)."""

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
        if (before := _WORD_BEFORE.search(self.text, max(0, mention.start - 30), mention.start)) is not None:
            if surname_first([before.group(1), *self.text[mention.start : mention.end].split()]):
                mention = Span(before.start(1), mention.end)  # the parse's "Ki-moon" of "Ban Ki-moon"
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
        if not before:
            return None  # nothing but space before the name: the name itself
        # 'former U.S. attorney for the District of Columbia Joseph diGenova': a title and its place
        place = _TITLE_PLACE.search(" ".join(before))
        if place is not None and place.start() and not set(place.group().lower().split()) & self.rules.honorifics:
            before = " ".join(before)[: place.start()].split()  # not 'a lawyer for Mrs.' + 'Clinton'
        last = before[-1].lower().strip(",")
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
        apposition = _apposition_pattern(self.rules.titles)
        match = apposition.match(self.text, mention.end)
        if not match and (between := _SECOND_APPOSITION.match(self.text, mention.end)) is not None:
            match = apposition.match(self.text, between.end())  # 'A former official, now a lawyer, James Trusty,'
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
            if not several and (introduced := self._issuer(head, mention.start, "description")) is not None:
                return introduced
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
        if self.rules.is_charging_document(cleaned) and (prosecutors := self._prosecutors(mention)) is not None:
            return prosecutors  # "Stone's indictment" is the prosecutors', not Stone's
        if document is not None and not is_person_noun(head):
            return Speaker(None, "unknown", mention="description")  # a document no one is said to have issued
        linked = _of_at([w.lower() for w in words])
        if words and self.rules.is_not_agent(words[linked - 1] if linked else head):
            return Speaker(None, "unknown", mention="description")  # 'The press conference', 'the question'
        definite = mention_text.split()[0].lower() == "the"
        if head in self.rules.media_nouns and definite and (outlet := self._outlet_before(mention)):
            return outlet  # 'The tabloid published a story': the outlet named last
        if head in self.rules.org_words or head in self.rules.titles or head in self.rules.title_forms:
            wanted = ("organisation", "government") if head in self.rules.org_words else ("person",)
            # 'the Idaho congressman': the capitalised words before the head place who is meant
            modifiers = tuple(w for w in words[:-1] if w[:1].isupper() and w.lower() not in self.rules.party_words)
            if (referent := self._latest_described(head, mention.start, wanted, modifiers)) is not None:
                # 'the congressman' where the article has named one congressman: as sure as his name
                # ('the president's budget director' is someone's director: not it)
                plain = definite and not re.search(r"['’]s\b|\b(?:of|for|at|with)\b", mention_text)
                sole = plain and wanted == ("person",) and self._sole_described(head, mention.start)
                where = Span(referent.start, referent.end)
                return replace(referent.speaker, mention="title" if sole else "description", antecedent=where)
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


class ResolvedArticle(NamedTuple):
    """One ``Speaker`` per quote, and the full names of the people the article names: the evidence the
    run-wide step reads to tell 'Roger J. Stone Jr.' (one person with 'Roger Stone') from 'Donald Trump
    Jr.' (an article that names 'Donald Trump' too)."""

    speakers: list[Speaker]
    people: tuple[str, ...]


def resolve_speakers(
    article: Article, quotes: list[Quote], entities: list[Entity], rules: SpeakerRules | None = None
) -> list[Speaker]:
    """One ``Speaker`` per quote, in the quotes' order; quotes are in text order."""
    return resolve_article(article, quotes, entities, rules).speakers


def resolve_article(
    article: Article, quotes: list[Quote], entities: list[Entity], rules: SpeakerRules | None = None
) -> ResolvedArticle:
    """``resolve_speakers``, with the people the article names."""
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
    people = tuple(n for n in resolver.people.names if len(n.split()) > 1)
    return ResolvedArticle([replace(s, affiliation=_affiliation_of(s, affiliations)) for s in resolved], people)


def _affiliation_of(speaker: Speaker, affiliations: dict[str, str]) -> str | None:
    """A person's affiliation; a group's when all its members share one ('Toomey and Ayotte')."""
    if speaker.kind == "person":
        return affiliations.get(speaker.name)
    if speaker.kind == "group":
        shared = {affiliations.get(member) for member in speaker.name.split(" and ")}
        return shared.pop() if len(shared) == 1 else None
    return None
