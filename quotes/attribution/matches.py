"""The cues of a paragraph (``find_cues``) and the named result types of attribution."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotes.attribution.parse import _clear, _inside, _that_clause
from quotes.cues import Cue, CueLexicon


@dataclass(frozen=True)
class CueMatch:
    """A cue found in a parse: its verb (or 'according') and the particle of a phrase cue."""

    token: Token
    cue: Cue
    particle: Token | None = None

    @property
    def span(self) -> tuple[int, int]:
        last = self.particle if self.particle is not None and self.particle.i > self.token.i else self.token
        return self.token.idx, last.idx + len(last.text)


@dataclass(frozen=True)
class Attribution:
    """Cue, speaker and content found in one parse; offsets relative to the ``Doc``."""

    cue: CueMatch
    speaker: tuple[int, int] | None
    content: tuple[tuple[int, int], ...]  # fragments
    rule: str
    confidence: float


def find_cues(doc: Doc, lexicon: CueLexicon, quoted: list[tuple[int, int]]) -> list[CueMatch]:
    """Cue verbs and phrases outside quotations (a cue inside a quote is the speaker's own word)."""
    matches = []
    for token in doc:
        if _inside(token, quoted):
            continue
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                to = doc[token.i + 1]
            if to is not None and (cue := lexicon.phrase("according", "to")):
                matches.append(CueMatch(token, cue, to))
            continue
        if token.pos_ == "NOUN":
            if (
                (cue := lexicon.noun(token.lemma_))
                and _possessor(token) is not None
                and _that_clause(token) is not None
            ):
                matches.append(CueMatch(token, cue))  # "Trump's claim that ..."
            continue
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "compound", "aux", "auxpass"):
            continue
        lemma = lexicon.lemma_of(token.text, token.lemma_)
        phrase = next(
            (
                (lexicon.phrase(lemma, child.lower_), child)
                for child in token.children
                if (child.dep_ in ("prep", "prt", "dative", "dobj") or _clear(child))
                and _follows(token, child)
                and lexicon.phrase(lemma, child.lower_)
            ),
            None,
        )
        if phrase is None:
            # 'called for the report to be released': the parse makes 'for' the mark of a clause
            phrase = next(
                (
                    (lexicon.phrase(lemma, clause.left_edge.lower_), clause.left_edge)
                    for clause in token.children
                    if clause.dep_ == "advcl"
                    and clause.left_edge.dep_ == "mark"
                    and _follows(token, clause.left_edge)
                    and lexicon.phrase(lemma, clause.left_edge.lower_)
                ),
                None,
            )
        if phrase is not None:
            matches.append(CueMatch(token, phrase[0], phrase[1]))
        elif cue := lexicon.verb(lemma):
            matches.append(CueMatch(token, cue))
    return matches


def _possessor(noun: Token) -> Token | None:
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _follows(verb: Token, particle: Token) -> bool:
    """A phrase's particle comes after its verb, at most an adverb, a pronoun or a day between ('called
    for', 'called publicly for', 'point it out', 'called Tuesday for', 'called on Monday for'); 'on
    Twitter, Bush called Trump ...' is not 'call on', nor is 'on' of 'called on Monday'."""
    if any(c.dep_ == "pobj" and _is_day(c) for c in particle.children):
        return False  # 'called on Monday for': 'on' is the day's
    between = verb.doc[verb.i + 1 : particle.i]
    if len(between) == 2 and between[0].lower_ == "on" and _is_day(between[1]):
        between = between[1:]  # 'on Monday'
    return particle.i > verb.i and len(between) <= 2 and all(t.pos_ in ("ADV", "PRON") or _is_day(t) for t in between)


def _is_day(token: Token) -> bool:
    """'Tuesday', 'today': a day named by one word (not 'months', 'nearly a decade')."""
    return token.ent_type_ == "DATE" and (token.pos_ == "PROPN" or token.lower_ in ("today", "yesterday"))


def _speech_verb(token: Token, lexicon: CueLexicon) -> bool:
    """A verb of saying (neutral or evaluative cue), read as a verb or right after 'to' ('quick to
    retort', where the parser took 'retort' for a noun); not 'the question', 'my answer'."""
    entry = lexicon.verb(lexicon.lemma_of(token.text, token.lemma_))
    if entry is None or entry.cls not in ("neutral", "evaluative"):
        return False
    return token.pos_ in ("VERB", "AUX") or (token.i > 0 and token.nbor(-1).lower_ == "to")
