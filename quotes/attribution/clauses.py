"""Clause-level tests and cuts used to find where reported content starts and ends."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from quotes.attribution.matches import CueMatch
from quotes.attribution.parse import (
    _FIRST_WORD,
    SUBJECTS,
    _span_chars,
    _that_clause,
    _to_infinitive,
    sentence_of,
    text_of,
)

OBJECT_PREPS = {"as", "of", "for", "over", "about", "with", "to"}


def _parenthetical_hole(match: CueMatch, speaker: Token | None) -> tuple[int, int]:
    """The cue's own words inside the clause it interrupts: 'Mr. Obama often says'."""
    verb = match.token
    tokens = [verb]
    if speaker is not None:
        tokens.extend(speaker.subtree)
    for child in verb.children:
        if child.dep_ in ("advmod", "aux", "neg", "npadvmod", "prep", "punct") or child.dep_ in SUBJECTS:
            tokens.extend(child.subtree)
        elif child.i > verb.i and child.dep_ in ("advcl", "xcomp", "dobj", "dative", "agent"):
            tokens.extend(child.subtree)  # '..., said Joe Biden, urging them to wait': the writer's words
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return _span_chars(first, last)


def _that_clause_after(clause: Token, head: Token) -> bool:
    return clause.dep_ in ("ccomp", "csubj", "advcl") and clause.i > head.i and clause.left_edge.lower_ == "that"


def _clause_after_time(verb: Token) -> Token | None:
    """'said for the first time (that) he supports it', 'said at the time that ...': the parse hangs
    the reported clause on 'time' as a relative clause. Only a clause with its own subject that no
    relative word opens ('the first time when ...' is no report). And 'saying after Barr’s announcement
    that C': C, for a participle with no clause of its own."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i or prep.lower_ not in ("for", "at", "after", "following"):
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            if noun.lower_ != "time":
                # 'saying on Sunday after Barr’s announcement that the candidate made ...': a verb of
                # saying with no words of its own reports the clause the parse hung on the noun
                if verb.tag_ == "VBG" and (clause := _that_clause(noun)) is not None and clause.dep_ != "relcl":
                    return clause
                continue
            for clause in noun.children:
                if (
                    clause.dep_ == "relcl"
                    and clause.i > noun.i
                    and clause.left_edge.lower_ not in ("when", "which", "who", "where")
                    and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < clause.i for c in clause.children)
                ):
                    return clause
    return None


FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


SUBORDINATORS = {"after", "before", "when", "since", "while", "because", "until", "once", "as", "although", "though"}


def _adjunct_cut(first: Token, last: Token, quoted: list[tuple[int, int]]) -> Token:
    """'blasted Clinton as a "disgrace" Wednesday on a radio show': after the last quotation, a
    time or place adjunct is the writer's; the content ends with the quotation."""
    doc = first.doc
    closing = max((b for a, b in quoted if first.idx <= a and b <= last.idx + len(last.text)), default=None)
    if closing is None:
        return last
    after = next((t for t in doc[first.i : last.i + 1] if t.idx >= closing and not t.is_punct), None)
    if after is None:
        return last
    if (
        after.dep_ in ("npadvmod", "advmod")
        or after.ent_type_ in ("DATE", "TIME")
        or (after.dep_ == "prep" and after.lower_ not in OBJECT_PREPS)
    ):
        return next(t for t in reversed(doc[first.i : after.i]) if t.idx < closing)
    return last


def _as_credit(match: CueMatch, cue_verbs: frozenset[int] = frozenset()) -> bool:
    """True for a cue in an 'as'-clause hung on another clause: 'as S said', 'as reported by S'.
    Not 'as he said he would', nor a temporal 'as he welcomed the guests' (a credit takes no object),
    nor an 'as'-clause hung on a cue with a reported clause of its own ('As the brawl continued, the
    campaign said that ...')."""
    verb = match.token
    return (
        verb.dep_ == "advcl"
        and verb.head != verb
        and not (verb.head.i in cue_verbs and any(_finite_clause(c) for c in verb.head.children))
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
        and not any(c.dep_ == "dobj" and c.lower_ != "it" for c in verb.children)
        and (match.particle is None or match.particle.lower_ == "it")
    )


def _finite_clause(token: Token) -> bool:
    """A reported clause with a tense of its own: 'said that it would', not 'found it to be'."""
    return token.dep_ == "ccomp" and not _to_infinitive(token)


def _garden_path_clause(verb: Token) -> tuple[int, int] | None:
    """'the US assessed a group was responsible': the parse made 'a group' the object of the cue
    and left 'was' without a subject; the reported clause runs from the object to that verb's end."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.right_edge.i + 1 >= len(verb.doc):
        return None
    following = verb.doc[obj.right_edge.i + 1]
    if following.tag_ not in FINITE_TAGS:
        return None
    finite = following.head if following.dep_ in ("aux", "auxpass", "neg") else following
    if (
        finite.i < following.i
        or any(c.dep_ in SUBJECTS for c in finite.children)
        or sentence_of(finite).start != sentence_of(verb).start
    ):
        return None
    return _span_chars(obj.left_edge, finite.right_edge)


def _starts_coordinate_clause(doc: Doc, char: int) -> bool:
    """True when the words from ``char`` on begin with 'and', 'but' or 'or'."""
    word = _FIRST_WORD.match(text_of(doc), char).group(1)  # as .lstrip(" ,;").split()[0], without a copy
    return word.lower() in ("and", "but", "or", "while")


def _set_off_by_commas(verb: Token, speaker: Token | None) -> bool:
    """True for a parenthetical credit: ', Mr. Obama said,' between commas (or ending the clause)."""
    doc = verb.doc
    first = min(speaker.left_edge.i, verb.i) if speaker is not None and speaker.head == verb else verb.i
    before = doc[first - 1].text if first > 0 else ""
    after_index = verb.i + 1
    for child in verb.rights:  # 'said Thursday', 'said in a statement'
        if child.i == after_index and child.dep_ in ("advmod", "npadvmod", "prep", "agent", "dative", "dobj"):
            after_index = child.right_edge.i + 1
    after = doc[after_index].text if after_index < len(doc) else "."
    return before == "," and after in (",", ".", ";", "!", "?", "—", "--")


# What sets the words after a quotation off from it: '"Q," the Times reported', '"Q" - at which point'.
_SET_OFF_AFTER = re.compile(r"\s*[,;:(—–-]")


_BACKSHIFT = {"had", "'d", "would", "could", "might", "should", "couldn't", "wouldn't"}


def _reported_conjunct(verb: Token, clauses: list[Token], cue_verbs: frozenset[int]) -> int | None:
    """Where the reported words end when the parse hung their second half on the cue: 'He said he had
    never been more clear in his life, and had read the documents', 'the plan always was for him to stay,
    and he couldn't have served': a conjunct of the cue, after its clause, in the past perfect or with a
    modal, as reported speech is; not another cue ('and warned'). The end offset, or None."""
    last = clauses[-1]
    if last.i < verb.i:
        return None
    for child in verb.rights:
        if child.dep_ != "conj" or child.i <= last.right_edge.i or child.i in cue_verbs:
            continue
        between = verb.doc[last.right_edge.i + 1 : child.left_edge.i]
        if any(not (t.is_punct or t.dep_ == "cc") for t in between):
            return None  # 'and the White House ... had refused': words the parse took from the conjunct
        aux = [g for g in child.children if g.dep_ in ("aux", "auxpass") and g.i < child.i]
        subjects = [g for g in child.children if g.dep_ in SUBJECTS]
        that = any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children)
        # a subject of its own is a pronoun ('and he couldn't have served'), or the writer speaks again
        # ('and the White House for three months had refused to discuss it')
        if subjects and not that and subjects[0].pos_ != "PRON":
            return None
        if aux and aux[0].lower_ in _BACKSHIFT:
            return child.right_edge.idx + len(child.right_edge.text)
        return None
    return None


def _clause_chars(clause: Token, cue_verbs: frozenset[int]) -> tuple[int, int]:
    """A complement's extent, stopping before a coordinated cue ('…opposed to the test and warned…')."""
    last = clause.right_edge
    doc = clause.doc
    # 'may have violated the part of the U.S. code that says: "Whoever ..."': a relative clause whose own
    # cue opens a quotation reports another source's words
    for token in doc[clause.i + 1 : last.i + 1]:
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.dep_ == "relcl" and token.i in cue_verbs and following is not None and following.text == ":":
            last = doc[token.left_edge.i - 1]
            break
    for child in clause.rights:
        before = child.left_edge.i - 1
        if child.dep_ in ("advcl", "conj", "xcomp") and child.tag_ == "VBG" and doc[before].text == ",":
            # '..., implicitly putting his name on the line': the writer's gloss, not the words reported
            last = doc[before - 1]
            break
        backshifted = any(g.dep_ == "aux" and g.lower_ in _BACKSHIFT and g.i < child.i for g in child.children)
        if (
            child.dep_ == "conj"
            and child.i in cue_verbs
            and not any(g.dep_ in SUBJECTS for g in child.children)
            and not backshifted  # 'he had never been more clear, and had read the documents': his words
        ):
            cut = child.left_edge.i - 1
            while cut > clause.i and (clause.doc[cut].dep_ == "cc" or clause.doc[cut].is_punct):
                cut -= 1
            last = clause.doc[cut]
            break
    return _span_chars(clause.left_edge, last)
