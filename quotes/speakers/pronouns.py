"""Pronouns and possessives as speakers: 'he said' is the antecedent that fits in gender and number,
'who' the noun or name before it, 'his spokesman' speaks for him, 'its foreign ministry' is the
country's.

A mixin of the article's resolver (``resolver._Resolver``): it calls the resolver's ``resolve_text``."""

from __future__ import annotations

import re
from dataclasses import replace

from quotes.speakers.documents import _document_head, is_person_noun
from quotes.speakers.names import _DETERMINERS, NAMED_KINDS, Speaker
from quotes.speakers.referents import Referents
from quotes.speakers.sentences import _sentence_start
from quotes.standoff import Span

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


class _Pronouns(Referents):
    """Pronouns, relative pronouns and possessives."""

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
        if self.rules.is_not_agent(head):
            return Speaker(None, "unknown", mention="pronoun")  # 'his rejection of the figure' says nothing
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
                if self.rules.is_charging_document(noun.group(1)) and (filed := self._prosecutors(phrase)):
                    return replace(filed, mention="pronoun")  # 'the indictment, which refers to'
                document = _document_head(noun.group(1), self.rules)
                if document is not None and document[1] and not document[2]:
                    # 'a Guardian newspaper report that described': the report names its issuer
                    issued = self.resolve_text(document[1], phrase, [])
                    if issued.kind in NAMED_KINDS:
                        return replace(issued, mention="pronoun", antecedent=phrase)
                if document is not None and not is_person_noun(document[0]):
                    # 'Mr. Sanders ... releasing a statement that condemned': the sentence's subject
                    # issued it; 'reports that quoted' are no one's
                    single = document[0] in self.rules.document_nouns  # 'reports' have no one issuer
                    if single and (issuer := self._issuer(document[0], phrase.end, "pronoun")) is not None:
                        return issuer
                    return Speaker(None, "unknown", mention="pronoun")
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
