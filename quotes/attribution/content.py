"""The content span a cue governs (``content_of``): named rules in a registry (``RULES``), tried in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Token

from quotes.attribution.clauses import (
    _SET_OFF_AFTER,
    OBJECT_PREPS,
    SUBORDINATORS,
    _adjunct_cut,
    _as_credit,
    _clause_after_time,
    _clause_chars,
    _garden_path_clause,
    _parenthetical_hole,
    _reported_conjunct,
    _set_off_by_commas,
    _starts_coordinate_clause,
    _that_clause_after,
)
from quotes.attribution.matches import CueMatch
from quotes.attribution.parse import (
    _clean,
    _clear,
    _inside,
    _minus,
    _span_chars,
    _subtree_chars,
    _that_clause,
    sentence_of,
    text_of,
)
from quotes.attribution.quotations import (
    _closes_with_comma,
    _narration_before,
    _quotation_right_after,
    _quotation_right_before,
    quotation_after,
)
from quotes.attribution.sources import _clause_cut_off, subject_of

Fragments = tuple[tuple[int, int], ...]
Content = tuple[Fragments, str, float]  # fragments, the rule's name as the quote records it, confidence
NOTHING: Content = ((), "", 0.0)


@dataclass
class Reading:
    """What the content rules read: the cue, the quotations of its ``Doc``, the token indices of the other
    cues, and the cue's children as the rules before have left them."""

    match: CueMatch
    quoted: list[tuple[int, int]]
    cue_verbs: frozenset[int]
    children: list[Token]

    @property
    def verb(self) -> Token:
        return self.match.token

    @property
    def frames(self) -> frozenset[str]:
        return self.match.cue.frames

    @property
    def doc(self):
        return self.match.token.doc

    @cached_property
    def clauses(self) -> list[Token]:
        """The clauses the cue governs: its complement clauses (not one the parse cut off, not one
        before a subordinator the cue stands in), else a 'that' clause parsed as an adverbial or a
        clause after a time phrase."""
        verb, children = self.verb, self.children
        cut_off = _clause_cut_off(verb)
        clauses = [c for c in children if c.dep_ in ("ccomp", "csubj") and (cut_off is None or c.i != cut_off.i)]
        # 'tweeted in the early morning hours that Machado was "disgusting"': parsed as an adverbial
        clauses = clauses or [
            c for c in children if c.dep_ == "advcl" and c.i > verb.i and c.left_edge.lower_ == "that"
        ]
        # 'said in a statement that C': the parse hung the clause on the statement
        clauses = clauses or [
            clause
            for prep in children
            if prep.dep_ == "prep" and prep.lower_ in ("in", "on") and prep.i > verb.i
            for noun in prep.children
            if noun.dep_ == "pobj"
            for clause in noun.children
            if clause.dep_ in ("acl", "ccomp") and clause.left_edge.lower_ == "that" and clause.left_edge.dep_ == "mark"
        ]
        if not clauses and (after_time := _clause_after_time(verb)) is not None:
            clauses = [after_time]
        if (mark := next((c for c in children if c.dep_ == "mark" and c.lower_ in SUBORDINATORS), None)) is not None:
            # 'X reiterated that C, hours after Obama announced his support': a cue in a clause of time or
            # cause reports nothing said before it (the parse made that clause the sentence's root)
            clauses = [c for c in clauses if c.i > mark.i]
        return clauses


def content_of(
    match: CueMatch,
    quoted: list[tuple[int, int]] = (),
    lexicon_cue_verbs: frozenset[int] = frozenset(),
    skip: frozenset[str] = frozenset(),
) -> Content:
    """The content governed by a cue: (fragments, rule name, confidence); empty when none.

    ``quoted`` are the quotations of the ``Doc`` (character spans); ``lexicon_cue_verbs`` the token
    indices of the other cues, where a coordinated clause stops belonging to this one. The rules of
    ``RULES`` are tried in order; the first that answers decides (an empty answer included). ``skip``
    names rules to leave out (for tests and error analysis).
    """
    reading = Reading(match, list(quoted), lexicon_cue_verbs, list(match.token.children))
    for name, rule in RULES:
        if name not in skip and (found := rule(reading)) is not None:
            return found
    return NOTHING


def _noun(r: Reading) -> Content | None:
    """'the claim that C': a noun cue's 'that' clause, or nothing."""
    if "noun" not in r.frames:
        return None
    clause = _that_clause(r.verb)
    return (_clean(r.doc, [_subtree_chars(clause)]), "noun", 0.7) if clause is not None else NOTHING


def _according_to(r: Reading) -> Content | None:
    """'according to S, C' / 'C, according to S': the sentence without the credit."""
    if "by" not in r.frames:
        return None
    sentence = sentence_of(r.verb)
    hole = _subtree_chars(r.verb)
    return _clean(r.doc, _minus(_span_chars(sentence[0], sentence[-1]), hole)), "according-to", 0.85


def _as_credit_clause(r: Reading) -> Content | None:
    """'As The Daily Caller reported, C' / 'C, as Ms. Simonyan put it': the clause it credits."""
    if "clause" in r.frames and r.match.cue.cls != "belief" and _as_credit(r.match, r.cue_verbs):
        return _clean(r.doc, _minus(_subtree_chars(r.verb.head), _subtree_chars(r.verb))), "as-credit", 0.8
    return None


def _cue_prep_clause(r: Reading) -> Content | None:
    """'called for the report to be released': the clause the phrase cue's particle marks."""
    particle = r.match.particle
    if particle is None or particle.dep_ != "mark":
        return None
    return _clean(r.doc, [_span_chars(r.doc[particle.i + 1], particle.head.right_edge)]), "cue-prep", 0.75


def _cue_prep_object(r: Reading) -> Content | None:
    """'railed against X': the object of the phrase cue's preposition, to the next cue or conjunct."""
    verb, particle, doc = r.verb, r.match.particle, r.doc
    if particle is None or particle.dep_ != "prep":
        return None
    objects = [c for c in particle.children if c.dep_ in ("pobj", "pcomp")]
    if not objects:
        return None
    start = objects[0].left_edge
    end = max(verb.right_edge, particle.right_edge, key=lambda t: t.i)
    for child in r.children:  # 'railed against X and cast himself as Y': the next verb is not X
        if (
            child.i > particle.i
            and child.tag_ == "VBG"
            and child.i in r.cue_verbs
            and doc[child.left_edge.i - 1].text == ","
        ):
            end = doc[child.left_edge.i - 2]  # 'pointed to X as Y, saying, "Q"': the next cue's words
            break
        if child.i > particle.i and child.dep_ == "conj":
            end = doc[max(particle.i, child.left_edge.i - 1)]
            while end.i > particle.i and (end.dep_ == "cc" or end.is_punct):
                end = doc[end.i - 1]
            break
    return _clean(doc, [_span_chars(start, end)]), "cue-prep", 0.75


def _made_clear(r: Reading) -> Content | None:
    """'made it clear that C': C may hang on 'clear'; else 'clear' is no child the later rules read."""
    particle = r.match.particle
    if particle is None or not _clear(particle):
        return None
    clause = next((c for c in particle.children if _that_clause_after(c, particle)), None)
    if clause is not None:
        return _clean(r.doc, [_clause_chars(clause, r.cue_verbs)]), "ccomp", 0.85
    r.children = [c for c in r.children if c != particle]
    return None


def _complement(r: Reading) -> Content | None:
    """The clause the cue governs ('said that C'), or the quotation it introduces when the parse took
    another clause as the complement, or the narration before it."""
    if "clause" not in r.frames or not r.clauses:
        return None
    match, quoted, verb, doc, clauses = r.match, r.quoted, r.verb, r.doc, r.clauses
    following = _quotation_right_after(match, quoted, that=True)
    after_that = following is not None and _quotation_right_after(match, quoted) is None
    runs_on = following is not None and any(
        c.i > verb.i and c.left_edge.idx <= following[0] and c.right_edge.idx >= following[1] for c in clauses
    )
    # ... or goes on past it with words of its own when the quotation opens the clause inside its marks
    # ('insisted "nothing improper" happened with Sestak'); not past a comma ('"Q," the Times reported')
    runs_on = runs_on or (
        following is not None
        and not _closes_with_comma(doc.text[following[0] : following[1]])
        and not _SET_OFF_AFTER.match(doc.text, following[1])
        and any(
            c.i > verb.i
            and c.left_edge.idx < following[1]
            and any(t.idx >= following[1] and not t.is_punct for t in c.subtree)
            for c in clauses
        )
    )
    if (
        following is not None
        and not runs_on  # 'he said "budget reforms" and the collection of taxes would pay': the clause goes on
        and not any(c.i < verb.i and _inside(c, quoted) for c in clauses)
    ):
        # '…when pressed, the mother replied, "Q"': the parse took the clause before as the
        # complement, but the words said are the quotation the cue introduces ('"Q1," the
        # investor said, "Q2"': and the one the credit interrupts).
        opening = None if after_that else _quotation_right_before(match, quoted)  # 'Q1," adding that "Q2'
        return (*([opening] if opening else []), following), "cue-quote", 0.8
    if (before := _narration_before(match, clauses, quoted, r.cue_verbs)) is not None:
        return (before,), "adjacent-cue", 0.75
    pieces = [_clause_chars(c, r.cue_verbs) for c in clauses]
    if (reported := _reported_conjunct(verb, clauses, r.cue_verbs)) is not None:
        pieces[-1] = (pieces[-1][0], reported)
    return _clean(doc, pieces), "ccomp", 0.9


def _quotation_after_cue(r: Reading) -> Content | None:
    """'Protesters chanted "What curfew?"': the quotation right after a cue with no clause and no object.
    A time or medium may stand before it ('tweeted on Friday "…') when no quotation opens the sentence
    ('"Q1," Mr. Conway wrote on Twitter, "Q2"' is read as the credit it interrupts)."""
    if "clause" not in r.frames or r.clauses:
        return None
    sentence = sentence_of(r.verb)
    loose = not any(sentence[0].idx <= start and end <= r.verb.idx for start, end in r.quoted)
    following = _quotation_right_after(r.match, r.quoted, loose, True)
    if following and not any(c.dep_ == "dobj" and c.i > r.verb.i and not _inside(c, r.quoted) for c in r.children):
        return ((following[0], following[1]),), "cue-quote", 0.75
    return None


def _object_clause(r: Reading) -> Content | None:
    """A clause the parse read as the cue's object ('said the deal would pass' parsed as 'said the deal')."""
    if "clause" in r.frames and (clause := _garden_path_clause(r.verb)) is not None:
        return _clean(r.doc, [clause]), "object-clause", 0.75
    return None


def _colon(r: Reading) -> Content | None:
    """'said: C': the rest of the sentence after the colon."""
    verb, doc = r.verb, r.doc
    colon = next((c for c in r.children if c.text == ":" and c.i > verb.i), None)
    if colon is None and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ":":
        colon = doc[verb.i + 1]
    if "clause" in r.frames and colon is not None:
        end = sentence_of(verb)[-1]
        if colon.i + 1 <= end.i:
            return _clean(doc, [_span_chars(doc[colon.i + 1], end)]), "colon", 0.8
    return None


def _infinitive(r: Reading) -> Content | None:
    """'vowed to fight': the infinitive complement."""
    if "infinitive" in r.frames:
        for child in r.children:
            if child.dep_ == "xcomp" and child.i > r.verb.i:
                return _clean(r.doc, [_subtree_chars(child)]), "infinitive", 0.7
    return None


def _gerund(r: Reading) -> Content | None:
    """'denied colluding with', 'acknowledge handing over': a gerund right after the cue is what was said."""
    if "clause" in r.frames and r.match.cue.cls != "belief":
        verb = r.verb
        gerund = next((c for c in r.children if c.dep_ == "xcomp" and c.i == verb.i + 1 and c.tag_ == "VBG"), None)
        if gerund is not None:
            return _clean(r.doc, [_subtree_chars(gerund)]), "gerund", 0.65
    return None


def _parenthetical(r: Reading) -> Content | None:
    """ "C, S said, D": the cue interrupts or follows the clause it reports."""
    verb, doc = r.verb, r.doc
    speaker = subject_of(verb)
    head = verb.head
    if not (
        "clause" in r.frames
        and verb.dep_ in ("parataxis", "ccomp", "conj", "advcl")
        and head != verb
        and head.pos_ in ("VERB", "AUX")
        and speaker is not None
        and _set_off_by_commas(verb, speaker)
        and not (verb.tag_ == "VBG" and verb.dep_ == "advcl")  # '"C," S said, citing X': the credit is 'said'
    ):
        return None
    hole = _parenthetical_hole(r.match, speaker if speaker.head == verb else None)
    pieces = _minus(_subtree_chars(head), hole)
    if len(pieces) == 2 and _starts_coordinate_clause(doc, pieces[1][0]):
        pieces = pieces[:1]  # "C1, S said, and C2": the credit closes C1
    return _clean(doc, pieces), "parenthetical", 0.8


def _as_object(r: Reading) -> Content | None:
    """'Experts see the vote as a test': read only with its 'as' complement ('saw the film' is no cue)."""
    if "as" not in r.frames or "object" in r.frames:
        return None
    obj = next((c for c in r.children if c.dep_ == "dobj" and c.i > r.verb.i), None)
    as_phrase = next((c for c in r.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > r.verb.i), None)
    if obj is not None and as_phrase is not None:
        return _clean(r.doc, [_span_chars(obj.left_edge, as_phrase.right_edge)]), "object", 0.6
    return None


def _relative_object(r: Reading) -> Content | None:
    """'what she called a "rant"', 'under what Mr. Hedge called "the prior economy model"': the relative
    word and the complement or name that follows the cue."""
    if "object" not in r.frames or _direct_object(r) is not None:
        return None
    verb, doc = r.verb, r.doc
    if verb.dep_ == "relcl" and verb.head.i < verb.i:
        complement = [
            c
            for c in r.children
            if c.i > verb.i
            and (c.dep_ in ("oprd", "xcomp", "ccomp", "dobj") or (c.dep_ == "prep" and c.lower_ == "as"))
        ]
        if complement:
            return _clean(doc, [_span_chars(verb.head, complement[-1].right_edge)]), "object", 0.6
    relative = _relative(r)
    if relative is not None and (named := quotation_after(text_of(doc), r.match.span[1], r.quoted, 3)) is not None:
        return ((relative.idx, named[1]),), "object", 0.6
    return None


def _direct_object(r: Reading) -> Token | None:
    return next((c for c in r.children if c.dep_ in ("dobj", "attr") and c.i > r.verb.i), None)


def _relative(r: Reading) -> Token | None:
    return next((c for c in r.children if c.dep_ == "dobj" and c.tag_ == "WP" and c.i < r.verb.i), None)


def _complement_object(r: Reading) -> Content | None:
    """'called this "an extraordinary blockade"', 'he called a former Miss Universe "disgusting"': the
    parse hangs the object inside its complement ('a stream called Miracle Run' names no one; a participle
    set off by a comma names: 'Armed school personnel, called school resource officers,')."""
    if "object" not in r.frames or _direct_object(r) is not None or _relative(r) is not None:
        return None
    verb, doc = r.verb, r.doc
    complement = next((c for c in r.children if c.dep_ == "oprd" and c.i > verb.i), None)
    said = verb.dep_ != "acl" and doc[verb.i - 1].text != "," and any(c.dep_ == "nsubj" for c in r.children)
    if complement is not None and said:
        return _clean(doc, [_subtree_chars(complement)]), "object", 0.6
    return None


def _object(r: Reading) -> Content | None:
    """'called X Y', 'blasted X as Y', 'accused X of Y': the object and what the cue says of it; nothing
    for a person's name after a 'no-person' cue ('voted to confirm Gorsuch': no words of his confirmed)."""
    if "object" not in r.frames or (obj := _direct_object(r)) is None:
        return None
    if (obj.ent_type_ == "PERSON" or (obj.pos_ == "PROPN" and not obj.ent_type_)) and "no-person" in r.frames:
        return NOTHING
    end = obj.right_edge
    for child in r.children:
        if child.i > end.i and (
            child.dep_ in ("oprd", "xcomp", "ccomp") or (child.dep_ == "prep" and child.lower_ in OBJECT_PREPS)
        ):
            end = child.right_edge
    return _clean(r.doc, [_span_chars(obj.left_edge, _adjunct_cut(obj.left_edge, end, r.quoted))]), "object", 0.6


# The content rules in the order they are tried; names are what tests switch off (``content_of(skip=)``).
RULES: list[tuple[str, Callable[[Reading], Content | None]]] = [
    ("noun", _noun),
    ("according-to", _according_to),
    ("as-credit", _as_credit_clause),
    ("cue-prep-clause", _cue_prep_clause),
    ("cue-prep-object", _cue_prep_object),
    ("made-clear", _made_clear),
    ("complement", _complement),
    ("quotation-after-cue", _quotation_after_cue),
    ("object-clause", _object_clause),
    ("colon", _colon),
    ("infinitive", _infinitive),
    ("gerund", _gerund),
    ("parenthetical", _parenthetical),
    ("as-object", _as_object),
    ("relative-object", _relative_object),
    ("complement-object", _complement_object),
    ("object", _object),
]
