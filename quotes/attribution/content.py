"""The content span a cue governs (``content_of``)."""

from __future__ import annotations

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


def content_of(
    match: CueMatch, quoted: list[tuple[int, int]] = (), lexicon_cue_verbs: frozenset[int] = frozenset()
) -> tuple[tuple[tuple[int, int], ...], str, float]:
    """The content governed by a cue: (fragments, rule name, confidence); empty when none.

    ``quoted`` are the quotations of the ``Doc`` (character spans); ``lexicon_cue_verbs`` the token
    indices of the other cues, where a coordinated clause stops belonging to this one.
    """
    verb, cue, doc = match.token, match.cue, match.token.doc
    if "noun" in cue.frames:
        clause = _that_clause(verb)
        return (_clean(doc, [_subtree_chars(clause)]), "noun", 0.7) if clause is not None else ((), "", 0.0)
    if "by" in cue.frames:  # according to S, C  /  C, according to S
        sentence = sentence_of(verb)
        hole = _subtree_chars(verb)
        return _clean(doc, _minus(_span_chars(sentence[0], sentence[-1]), hole)), "according-to", 0.85

    if "clause" in cue.frames and cue.cls != "belief" and _as_credit(match, lexicon_cue_verbs):
        # 'As The Daily Caller reported, C' / 'C, as Ms. Simonyan put it': the clause it credits.
        return _clean(doc, _minus(_subtree_chars(verb.head), _subtree_chars(verb))), "as-credit", 0.8

    children = list(verb.children)
    if match.particle is not None and match.particle.dep_ == "mark":  # 'called for the report to be released'
        clause = match.particle.head
        return _clean(doc, [_span_chars(doc[match.particle.i + 1], clause.right_edge)]), "cue-prep", 0.75
    if match.particle is not None and match.particle.dep_ == "prep":
        objects = [c for c in match.particle.children if c.dep_ in ("pobj", "pcomp")]
        if objects:
            start = objects[0].left_edge
            end = max(verb.right_edge, match.particle.right_edge, key=lambda t: t.i)
            for child in children:  # 'railed against X and cast himself as Y': the next verb is not X
                if (
                    child.i > match.particle.i
                    and child.tag_ == "VBG"
                    and child.i in lexicon_cue_verbs
                    and doc[child.left_edge.i - 1].text == ","
                ):
                    end = doc[child.left_edge.i - 2]  # 'pointed to X as Y, saying, "Q"': the next cue's words
                    break
                if child.i > match.particle.i and child.dep_ == "conj":
                    end = doc[max(match.particle.i, child.left_edge.i - 1)]
                    while end.i > match.particle.i and (end.dep_ == "cc" or end.is_punct):
                        end = doc[end.i - 1]
                    break
            return _clean(doc, [_span_chars(start, end)]), "cue-prep", 0.75

    if match.particle is not None and _clear(match.particle):  # 'made it clear that C': C may hang on 'clear'
        clause = next((c for c in match.particle.children if _that_clause_after(c, match.particle)), None)
        if clause is not None:
            return _clean(doc, [_clause_chars(clause, lexicon_cue_verbs)]), "ccomp", 0.85
        children = [c for c in children if c != match.particle]

    cut_off = _clause_cut_off(verb)
    clauses = [c for c in children if c.dep_ in ("ccomp", "csubj") and (cut_off is None or c.i != cut_off.i)] or [
        # 'tweeted in the early morning hours that Machado was "disgusting"': parsed as an adverbial
        c
        for c in children
        if c.dep_ == "advcl" and c.i > verb.i and c.left_edge.lower_ == "that"
    ]
    if not clauses and (after_time := _clause_after_time(verb)) is not None:
        clauses = [after_time]
    if (mark := next((c for c in children if c.dep_ == "mark" and c.lower_ in SUBORDINATORS), None)) is not None:
        # 'X reiterated that C, hours after Obama announced his support': a cue in a clause of time or
        # cause reports nothing said before it (the parse made that clause the sentence's root)
        clauses = [c for c in clauses if c.i > mark.i]
    if "clause" in cue.frames and clauses:
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
        if (before := _narration_before(match, clauses, quoted, lexicon_cue_verbs)) is not None:
            return (before,), "adjacent-cue", 0.75
        pieces = [_clause_chars(c, lexicon_cue_verbs) for c in clauses]
        if (reported := _reported_conjunct(verb, clauses, lexicon_cue_verbs)) is not None:
            pieces[-1] = (pieces[-1][0], reported)
        return _clean(doc, pieces), "ccomp", 0.9

    # A time or medium may stand before the quotation ('tweeted on Friday "…') when no quotation opens
    # the sentence ('"Q1," Mr. Conway wrote on Twitter, "Q2"' is read as the credit it interrupts).
    sentence = sentence_of(verb)
    loose = not any(sentence[0].idx <= start and end <= verb.idx for start, end in quoted)
    if "clause" in cue.frames and not clauses and (following := _quotation_right_after(match, quoted, loose, True)):
        if not any(c.dep_ == "dobj" and c.i > verb.i and not _inside(c, quoted) for c in children):
            return ((following[0], following[1]),), "cue-quote", 0.75  # 'Protesters chanted "What curfew?"'

    if "clause" in cue.frames and (clause := _garden_path_clause(verb)) is not None:
        return _clean(doc, [clause]), "object-clause", 0.75

    colon = next((c for c in children if c.text == ":" and c.i > verb.i), None)
    if colon is None and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ":":
        colon = doc[verb.i + 1]
    if "clause" in cue.frames and colon is not None:
        end = sentence_of(verb)[-1]
        if colon.i + 1 <= end.i:
            return _clean(doc, [_span_chars(doc[colon.i + 1], end)]), "colon", 0.8

    if "infinitive" in cue.frames:
        for child in children:
            if child.dep_ == "xcomp" and child.i > verb.i:
                return _clean(doc, [_subtree_chars(child)]), "infinitive", 0.7

    if "clause" in cue.frames and cue.cls != "belief":
        # 'denied colluding with', 'acknowledge handing over': a gerund right after the cue is what was said
        gerund = next((c for c in children if c.dep_ == "xcomp" and c.i == verb.i + 1 and c.tag_ == "VBG"), None)
        if gerund is not None:
            return _clean(doc, [_subtree_chars(gerund)]), "gerund", 0.65

    speaker = subject_of(verb)
    head = verb.head
    set_off = _set_off_by_commas(verb, speaker)
    if (
        "clause" in cue.frames
        and verb.dep_ in ("parataxis", "ccomp", "conj", "advcl")
        and head != verb
        and head.pos_ in ("VERB", "AUX")
        and speaker is not None
        and set_off
        and not (verb.tag_ == "VBG" and verb.dep_ == "advcl")  # '"C," S said, citing X': the credit is 'said'
    ):
        # "C, S said, D": the cue interrupts or follows the clause it reports.
        hole = _parenthetical_hole(match, speaker if speaker.head == verb else None)
        pieces = _minus(_subtree_chars(head), hole)
        if len(pieces) == 2 and _starts_coordinate_clause(doc, pieces[1][0]):
            pieces = pieces[:1]  # "C1, S said, and C2": the credit closes C1
        return _clean(doc, pieces), "parenthetical", 0.8

    if "as" in cue.frames and "object" not in cue.frames:
        # 'Experts see the vote as a test': read only with its 'as' complement ('saw the film' is no cue)
        obj = next((c for c in children if c.dep_ == "dobj" and c.i > verb.i), None)
        as_phrase = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i), None)
        if obj is not None and as_phrase is not None:
            return _clean(doc, [_span_chars(obj.left_edge, as_phrase.right_edge)]), "object", 0.6

    if "object" in cue.frames:
        obj = next((c for c in children if c.dep_ in ("dobj", "attr") and c.i > verb.i), None)
        if obj is None and verb.dep_ == "relcl" and verb.head.i < verb.i:
            # 'what she called a "rant"': the object is the relative word, the complement follows.
            complement = [
                c
                for c in children
                if c.i > verb.i
                and (c.dep_ in ("oprd", "xcomp", "ccomp", "dobj") or (c.dep_ == "prep" and c.lower_ == "as"))
            ]
            if complement:
                return _clean(doc, [_span_chars(verb.head, complement[-1].right_edge)]), "object", 0.6
        relative = next((c for c in children if c.dep_ == "dobj" and c.tag_ == "WP" and c.i < verb.i), None)
        if (
            obj is None
            and relative is not None
            and (named := quotation_after(text_of(doc), match.span[1], quoted, 3)) is not None
        ):
            # 'under what Mr. Hedge called "the prior economy model"': the free relative and the name it gives
            return ((relative.idx, named[1]),), "object", 0.6
        complement = next((c for c in children if c.dep_ == "oprd" and c.i > verb.i), None)
        # a participle set off by a comma names ('Armed school personnel, called school resource officers,')
        said = verb.dep_ != "acl" and doc[verb.i - 1].text != "," and any(c.dep_ == "nsubj" for c in children)
        if obj is None and relative is None and complement is not None and said:
            # 'called this "an extraordinary blockade"', 'he called a former Miss Universe "disgusting"': the
            # parse hangs the object inside its complement ('a stream called Miracle Run' names no one)
            return _clean(doc, [_subtree_chars(complement)]), "object", 0.6
        named = obj is not None and (obj.ent_type_ == "PERSON" or (obj.pos_ == "PROPN" and not obj.ent_type_))
        if named and "no-person" in cue.frames:
            return (), "", 0.0  # 'voted to confirm Gorsuch to the court': no words of his confirmed
        if obj is not None:
            end = obj.right_edge
            for child in children:  # 'called X Y', 'blasted X as Y', 'accused X of Y'
                if child.i > end.i and (
                    child.dep_ in ("oprd", "xcomp", "ccomp") or (child.dep_ == "prep" and child.lower_ in OBJECT_PREPS)
                ):
                    end = child.right_edge
            return _clean(doc, [_span_chars(obj.left_edge, _adjunct_cut(obj.left_edge, end, quoted))]), "object", 0.6
    return (), "", 0.0
