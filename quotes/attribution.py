"""Cue-governed attribution over one parsed paragraph: cue, speaker mention and content span.

Small pure functions over a spaCy ``Doc``. Offsets returned here are relative to the ``Doc``'s
text; ``extract`` shifts them to article offsets. The content of a cue is what the parse says it
governs (its clausal complement, the clause it interrupts, its infinitive or prepositional
object), not whatever text lies nearest.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span as TokenSpan, Token

from quotes.cues import Cue, CueLexicon

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Children of a speaker's head that belong to the mention ("a spokesman for the department").
MENTION_RIGHT = {"prep", "pobj", "compound", "flat", "nummod", "poss", "case", "conj", "cc", "amod", "npadvmod"}
# Dependents that interrupt or follow a mention and are not part of it.
MENTION_STOP = {"appos", "relcl", "acl", "punct", "advcl", "parataxis"}
EDGE_PUNCT = set(" \t\n,;:—–-")
TRAILING_PUNCT = EDGE_PUNCT | {"."}


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


def _inside(token: Token, spans: list[tuple[int, int]]) -> bool:
    return any(start <= token.idx < end for start, end in spans)


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
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "compound", "aux", "auxpass"):
            continue
        lemma = token.lemma_.lower()
        phrase = next(
            (
                (lexicon.phrase(lemma, child.lower_), child)
                for child in token.children
                if child.dep_ in ("prep", "prt", "dative") and lexicon.phrase(lemma, child.lower_)
            ),
            None,
        )
        if phrase is not None:
            matches.append(CueMatch(token, phrase[0], phrase[1]))
        elif cue := lexicon.verb(lemma):
            matches.append(CueMatch(token, cue))
    return matches


def mention_span(head: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``head``, without appositives or clauses."""
    tokens = [head]
    for child in head.lefts:
        if child.dep_ not in MENTION_STOP:
            tokens.extend(child.subtree)
    for child in head.rights:
        if child.dep_ in MENTION_STOP:
            break
        if child.dep_ in MENTION_RIGHT:
            tokens.extend(child.subtree)
    tokens = [t for t in tokens if not (t.is_punct and t.text not in ".'’&")] or [head]
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def subject_of(verb: Token, depth: int = 3) -> Token | None:
    """The speaker of ``verb``: its subject, or its governing verb's for 'saying', 'adding'."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if depth and verb.dep_ in ("advcl", "xcomp", "conj", "pcomp") and verb.head is not verb:
        return subject_of(verb.head, depth - 1)
    return None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    text = doc.text
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in TRAILING_PUNCT:
        end -= 1
    return (start, end) if end > start else None


def _span_chars(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def _subtree_chars(token: Token) -> tuple[int, int]:
    return _span_chars(token.left_edge, token.right_edge)


def _minus(outer: tuple[int, int], hole: tuple[int, int]) -> list[tuple[int, int]]:
    pieces = []
    if hole[0] > outer[0]:
        pieces.append((outer[0], min(hole[0], outer[1])))
    if hole[1] < outer[1]:
        pieces.append((max(hole[1], outer[0]), outer[1]))
    return pieces


def _clean(doc: Doc, pieces: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    trimmed = [_trim(doc, a, b) for a, b in pieces]
    return tuple(p for p in trimmed if p is not None and any(ch.isalnum() for ch in doc.text[p[0] : p[1]]))


def _parenthetical_hole(match: CueMatch, speaker: Token | None) -> tuple[int, int]:
    """The cue's own words inside the clause it interrupts: 'Mr. Obama often says'."""
    verb = match.token
    tokens = [verb]
    if speaker is not None:
        tokens.extend(speaker.subtree)
    for child in verb.children:
        if child.dep_ in ("advmod", "aux", "neg", "npadvmod", "prep", "punct") or child.dep_ in SUBJECTS:
            tokens.extend(child.subtree)
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return _span_chars(first, last)


def content_of(match: CueMatch) -> tuple[tuple[tuple[int, int], ...], str, float]:
    """The content governed by a cue: (fragments, rule name, confidence); empty when none."""
    verb, cue, doc = match.token, match.cue, match.token.doc
    if "by" in cue.frames:  # according to S, C  /  C, according to S
        sentence = verb.sent
        hole = _subtree_chars(verb)
        return _clean(doc, _minus(_span_chars(sentence[0], sentence[-1]), hole)), "according-to", 0.85

    children = list(verb.children)
    if match.particle is not None and match.particle.dep_ == "prep":
        objects = [c for c in match.particle.children if c.dep_ in ("pobj", "pcomp")]
        if objects:
            start = objects[0].left_edge
            end = max(verb.right_edge, match.particle.right_edge, key=lambda t: t.i)
            return _clean(doc, [_span_chars(start, end)]), "cue-prep", 0.75

    clauses = [c for c in children if c.dep_ in ("ccomp", "csubj")]
    if "clause" in cue.frames and clauses:
        pieces = [_subtree_chars(c) for c in clauses]
        return _clean(doc, pieces), "ccomp", 0.9

    colon = next((c for c in children if c.text == ":" and c.i > verb.i), None)
    if colon is None and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ":":
        colon = doc[verb.i + 1]
    if "clause" in cue.frames and colon is not None:
        end = verb.sent[-1]
        if colon.i + 1 <= end.i:
            return _clean(doc, [_span_chars(doc[colon.i + 1], end)]), "colon", 0.8

    if "infinitive" in cue.frames:
        for child in children:
            if child.dep_ == "xcomp" and child.i > verb.i:
                return _clean(doc, [_subtree_chars(child)]), "infinitive", 0.7

    speaker = subject_of(verb)
    head = verb.head
    if (
        "clause" in cue.frames
        and verb.dep_ in ("parataxis", "ccomp", "conj", "advcl")
        and head is not verb
        and head.pos_ in ("VERB", "AUX")
        and speaker is not None
        and speaker.i > head.i
    ):
        # "C, S said, D": the cue interrupts or follows the clause it reports.
        hole = _parenthetical_hole(match, speaker if speaker.head is verb else None)
        pieces = _minus(_subtree_chars(head), hole)
        return _clean(doc, pieces), "parenthetical", 0.8

    if "object" in cue.frames:
        for child in children:
            if child.dep_ in ("dobj", "attr") and child.i > verb.i:
                end = max((c.right_edge for c in children if c.i >= child.i and c.dep_ in ("prep", "dobj", "advcl")),
                          key=lambda t: t.i)
                return _clean(doc, [_span_chars(child.left_edge, end)]), "object", 0.6
    return (), "", 0.0


def attributions(doc: Doc, lexicon: CueLexicon, quoted: list[tuple[int, int]]) -> list[Attribution]:
    """Every cue in ``doc`` whose parse gives it content, with its speaker mention."""
    found = []
    for match in find_cues(doc, lexicon, quoted):
        content, rule, confidence = content_of(match)
        if not content:
            found.append(Attribution(match, _speaker_span(match), (), "cue-only", 0.0))
            continue
        found.append(Attribution(match, _speaker_span(match), content, rule, confidence))
    return found


def _speaker_span(match: CueMatch) -> tuple[int, int] | None:
    if "by" in match.cue.frames and match.particle is not None:
        obj = next((c for c in match.particle.children if c.dep_ == "pobj"), None)
        return mention_span(obj) if obj is not None else None
    subject = subject_of(match.token)
    if subject is None or subject.dep_ == "nsubjpass" or subject.lower_ == "there":
        return None
    return mention_span(subject)


def sentence_of(doc: Doc, char: int) -> TokenSpan | None:
    """The sentence holding character ``char`` of ``doc``."""
    for sentence in doc.sents:
        if sentence.start_char <= char < sentence.end_char:
            return sentence
    return None
