"""Cue-governed attribution over one parsed paragraph: cue, speaker mention and content span.

Small pure functions over a spaCy ``Doc``. Offsets returned here are relative to the ``Doc``'s
text; ``extract`` shifts them to article offsets. The content of a cue is what the parse says it
governs (its clausal complement, the clause it interrupts, its infinitive or prepositional
object), not whatever text lies nearest.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotes.cues import Cue, CueLexicon, load_lexicon
from quotes.nlp import sentence_starts
from quotes.rules_data import load_speaker_rules

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Children of a speaker's head that belong to the mention ("a spokesman for the department").
MENTION_RIGHT = {"prep", "pobj", "compound", "flat", "nummod", "poss", "case", "conj", "cc", "amod", "npadvmod"}
# Children of a speaker's head before it that belong to the mention ("Secretary of Defense Dr. Mark T.").
MENTION_LEFT = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "advmod", "predet"}
# Dependents that interrupt or follow a mention and are not part of it.
MENTION_STOP = {"appos", "relcl", "acl", "punct", "advcl", "parataxis"}
EDGE_PUNCT = set(" \t\n,;:—–-")
TRAILING_PUNCT = EDGE_PUNCT | {"."}
_DANGLING = re.compile(r"[\s,;]+(?:and|but|or|nor)$")
OBJECT_PREPS = {"as", "of", "for", "over", "about", "with", "to"}


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
    """``token`` starts inside one of ``spans`` (sorted, not overlapping, as quotations are)."""
    at = bisect.bisect_right(spans, (token.idx, math.inf)) - 1
    return at >= 0 and spans[at][0] <= token.idx < spans[at][1]


# Lookups a long paragraph asks for thousands of times, by position rather than by walking the doc.


_FIRST_WORD = re.compile(r"[ ,;]*\s*(\S*)")


def text_of(doc: Doc) -> str:
    """``doc.text``, kept (spaCy joins every token's text again on each call)."""
    if "quotes_text" not in doc.user_data:
        doc.user_data["quotes_text"] = doc.text
    return doc.user_data["quotes_text"]


def _token_starts(doc: Doc) -> list[int]:
    """The character offset of every token of ``doc`` (computed once per doc)."""
    if "quotes_token_starts" not in doc.user_data:
        doc.user_data["quotes_token_starts"] = [t.idx for t in doc]
    return doc.user_data["quotes_token_starts"]


def _first_token_from(doc: Doc, char: int) -> int:
    """The index of the first token starting at or after ``char`` (``len(doc)`` when none)."""
    return bisect.bisect_left(_token_starts(doc), char)


def sentence_of(token: Token):
    """``token.sent``, found by bisection over the doc's sentences (spaCy walks all of them each time)."""
    doc = token.doc
    if "quotes_sentences" not in doc.user_data:
        sentences = list(doc.sents)
        doc.user_data["quotes_sentences"] = (sentences, [s.start for s in sentences])
    sentences, starts = doc.user_data["quotes_sentences"]
    return sentences[bisect.bisect_right(starts, token.i) - 1]


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


def _that_clause(noun: Token) -> Token | None:
    """The 'that'-clause a noun takes: 'his claim *that people would learn nothing*'."""
    return next((c for c in noun.rights if c.dep_ in ("acl", "ccomp", "relcl") and c.left_edge.lower_ == "that"), None)


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


def mention_span(head: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``head``, without appositives or clauses."""
    tokens = [head]
    for child in head.lefts:
        if child.dep_ in MENTION_LEFT:
            tokens.extend(child.subtree)
    for child in head.rights:
        if child.dep_ in MENTION_STOP or _is_time(child):
            break  # "Barr and Rosenstein on Sunday": the time is when they spoke, not who
        if child.dep_ in MENTION_RIGHT:
            tokens.extend(child.subtree)
    # The mention is the unbroken run around the head: a comma, a quotation mark or a token
    # outside the phrase ends it.
    indices = {t.i for t in tokens}
    doc = head.doc
    first = last = head.i
    while first - 1 in indices and not _breaks_mention(doc[first - 1]):
        first -= 1
    while last + 1 in indices and not _breaks_mention(doc[last + 1]):
        last += 1
    while last > head.i and doc[last].is_punct and doc[last].text not in ".)":
        last -= 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _is_time(child: Token) -> bool:
    """'on Sunday', 'Friday', 'last week' after a speaker's head: a time, in the recogniser's view."""
    if child.dep_ == "prep":
        return any(t.dep_ == "pobj" and t.ent_type_ in ("DATE", "TIME") for t in child.children)
    return child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME")


def _breaks_mention(token: Token) -> bool:
    return token.is_punct and token.text not in ".'’&-()" or token.is_quote


# Prepositions that hang a participle clause on the main verb: 'before claiming', 'by arguing'.
_CLAUSE_PREPOSITIONS = {"before", "after", "by", "in", "on", "upon", "without", "since"}


def _is_document(noun: Token) -> bool:
    """'statement', 'letter', 'ad': a document noun of ``rules/speakers/documents.txt``."""
    return noun.lemma_.lower() in load_speaker_rules().document_nouns


def _to_infinitive(verb: Token) -> bool:
    """'to brag', 'to be': the verb takes the infinitive marker 'to'."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _purpose_of_object(verb: Token) -> bool:
    """'held a press briefing to brag', 'took the opportunity to comment': a to-infinitive on the
    object of a verb that names no one else ('gave Pence the chance to respond' does)."""
    governor = verb.head.head
    return (
        verb.dep_ in ("acl", "relcl")
        and _to_infinitive(verb)
        and verb.head.dep_ == "dobj"
        and not any(c.dep_ in ("dative", "iobj") for c in governor.children)
    )


def subject_of(verb: Token, depth: int = 3) -> Token | None:
    """The speaker of ``verb``: its subject, or its governing verb's for 'saying', 'adding',
    'before claiming', 'issued a statement calling', 'held a briefing to brag'; the name the
    parser made the sentence's root when it hung the cue on it."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        # 'Mr. Trump, who he said "led me to..."': the relative pronoun is the quoted clause's subject;
        # of two subjects the parse gave the verb, the nearer before it ('-- an accusation Romney has
        # some experience with -- the presumptive nominee acknowledged'), the one after the dash
        named = [c for c in subjects if c.tag_ not in ("WP", "WDT")] or subjects
        dash = max((t.i for t in verb.doc[named[0].i : verb.i] if t.text in ("--", "—", "–")), default=None)
        after_dash = [c for c in named if dash is not None and dash < c.i < verb.i]
        return after_dash[-1] if after_dash else named[0]
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if depth and verb.dep_ == "acl" and verb.head.dep_ == "dobj" and _is_document(verb.head):
        return subject_of(verb.head.head, depth - 1)  # 'the Council issued a statement calling X Y'
    if depth and _purpose_of_object(verb):
        return subject_of(verb.head.head, depth - 1)  # 'Obama held a briefing to brag that ...'
    if depth and verb.dep_ == "pcomp" and verb.head.lower_ in _CLAUSE_PREPOSITIONS and verb.head.head.pos_ == "VERB":
        return subject_of(verb.head.head, depth - 1)  # 'Trump said, before claiming that ...'
    if depth and verb.dep_ == "pcomp" and (governing := _verb_over_prepositions(verb)) is not None:
        return subject_of(governing, depth - 1)  # 'Ms. Harris, in addition to calling for X, called
    if depth and verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and _reports(verb.head.head):
        # 'Thune added that Democrats "have not laid a glove on him" and predicted ...': the parse hung
        # the second report on the first one's clause; it is the reporter's
        return subject_of(verb.head.head, depth - 1)
    if depth and verb.dep_ in ("advcl", "xcomp", "conj", "pcomp") and verb.head != verb:
        if (subject := subject_of(verb.head, depth - 1)) is not None:
            return subject
    elif (subject := _subject_cut_off(verb)) is not None:
        return subject
    root = verb.sent.root
    if root.pos_ == "PROPN" and root.i < verb.i and any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        # 'Chuck Schumer, the Senate minority leader, called X Y', 'Cantor, who had ..., shifted sharply,
        # saying he would ...': parsed with no main verb (not 'a plan called Medicare for All': that
        # participle has no object of its own)
        set_off = root.i + 1 < len(root.doc) and root.doc[root.i + 1].text in (",", "—", "–", "--")
        if verb.dep_ in ("acl", "advcl") and root.left_edge.i == verb.sent.start and set_off:
            return root
    return None


def _subject_cut_off(verb: Token) -> Token | None:
    """'the aide, Elizabeth Lauten, who has ... and at the time was a spokeswoman ..., wrote': the parse
    made the relative clause's last verb a complement before the cue and took the subject with it;
    the subject is the one whose relative clause runs up to that verb."""
    clause = _clause_cut_off(verb)
    return next(c for c in clause.children if c.dep_ == "nsubj") if clause is not None else None


def _clause_cut_off(verb: Token) -> Token | None:
    """The complement before ``verb`` that is the end of its subject's relative clause (see
    ``_subject_cut_off``): no content of the cue. None when the cue has a subject of its own ('The
    program, which was created in 1990, has expanded, they said': the clause is what they said)."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i > verb.i:
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
        if subject is not None and any(c.dep_ == "relcl" and c.i < clause.i for c in subject.children):
            return clause
    return None


def _reports(verb: Token) -> bool:
    """A verb of saying or writing with a subject of its own ('added', 'said'), by the lexicon."""
    entry = load_lexicon().verb(verb.lemma_.lower()) if verb.pos_ in ("VERB", "AUX") else None
    return (
        entry is not None
        and entry.cls in ("neutral", "evaluative")
        and any(c.dep_ in ("nsubj", "csubj") for c in verb.children)
    )


def _verb_over_prepositions(verb: Token) -> Token | None:
    """The verb a complex preposition hangs a participle on: 'in addition to calling', 'instead of
    saying'; None through anything but prepositions and their objects."""
    token = verb.head
    for _ in range(4):
        if token.dep_ not in ("prep", "pobj", "pcomp") or token.head == token:
            return None
        token = token.head
        if token.pos_ == "VERB":
            return token
    return None


def _has_contracted(verb: Token) -> bool:
    """'he's said', 'she’s argued': a past participle after a contracted 's, not 'is told'."""
    return (
        verb.tag_ == "VBN"
        and verb.lemma_ not in ("tell", "ask", "inform", "quote")
        and [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")] in (["'s"], ["’s"])
    )


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    text = text_of(doc)
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in TRAILING_PUNCT:
        end -= 1
    # 'that he had been offered a job, and': a conjunction the parse left at the end joins nothing
    if (dangling := _DANGLING.search(text, start, end)) is not None:
        return _trim(doc, start, dangling.start())
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
    return tuple(p for p in trimmed if p is not None and any(ch.isalnum() for ch in text_of(doc)[p[0] : p[1]]))


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


def _clear(token: Token) -> bool:
    """'clear' of 'made it clear', which the parse makes a clause of its own ('it clear')."""
    return token.lower_ == "clear" and token.dep_ in ("ccomp", "acomp", "oprd")


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


def _narration_before(
    match: CueMatch, clauses: list[Token], quoted: list[tuple[int, int]], cue_verbs: frozenset[int]
) -> tuple[int, int] | None:
    """'Sen. Hirono blasted the decision for creating a doctrine out of whole cloth, “So, so much for
    judicial modesty,” she said': the parse took the whole sentence as what she said, but the writer's
    clause, its own subject and verb outside the marks, ends at a comma before the quotation the credit
    follows. That quotation, or None; None too when another cue stands between ('Canova bristled and
    said, “No comment,” the Herald reported', 'Biden weighed in, telling Mic, “Q,” he said')."""
    quotation = _quotation_right_before(match, quoted)
    if quotation is None or len(clauses) != 1 or clauses[0].i > match.token.i:
        return None
    clause, text = clauses[0], text_of(match.token.doc)
    if not text[max(0, quotation[0] - 8) : quotation[0]].rstrip().endswith(",") or clause.left_edge.idx >= quotation[0]:
        return None
    doc = match.token.doc
    if any(i in cue_verbs for i in range(clause.left_edge.i, _first_token_from(doc, quotation[0])) if i != clause.i):
        return None
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx < quotation[0]]
    if clause.idx >= quotation[0] or not subjects or subjects[0].pos_ not in ("PROPN", "NOUN"):
        return None  # the clause's verb is inside the quotation, or 'he blasted' may be the speaker's words
    return quotation


def _quotation_right_before(match: CueMatch, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation that ends just before the credit ('"Q1," the investor said'), if any."""
    verb = match.token
    subject = subject_of(verb)
    first = min(verb.i, subject.left_edge.i) if subject is not None and subject.head == verb else verb.i
    start = verb.doc[first].idx
    text = text_of(verb.doc)
    # quotations are sorted and do not overlap: only the few that start before the credit can end at it
    first = bisect.bisect_right(quoted, (start, len(text) + 1))
    for begin, stop in quoted[max(0, first - 3) : first]:
        if stop <= start and start - stop <= 3 and all(ch in " ," for ch in text[stop:start]):
            return begin, stop
    return None


def _quotation_right_after(
    match: CueMatch, quoted: list[tuple[int, int]], loose: bool = False, that: bool = False
) -> tuple[int, int] | None:
    """The quotation that starts just after the cue ('replied, "…'), if any; ``loose``: or after a
    time or medium the cue hangs on ('tweeted on Friday "…'); ``that``: or after 'that' ('concluded
    that "…', where the parse found no clause)."""
    end = match.span[1]
    text = text_of(match.token.doc)
    first = bisect.bisect_left(quoted, (end,))
    for start, stop in quoted[first : first + 1]:  # the first quotation starting at or after the cue
        if start - end <= 3 and all(ch in " ,:" for ch in text[end:start]):
            return start, stop
        if that and text[end:start].strip() == "that" and start - end <= 7:
            return start, stop  # 'concluded that "allegations ... rest on ..."', parsed with no clause
        if loose and start - end <= 40 and _when_or_where(match.token, end, start):
            return start, stop  # 'tweeted on Friday "…', 'wrote on Twitter: "…'
    return None


_MEDIA_WORDS = {"twitter", "facebook", "instagram", "x"}


def _when_or_where(verb: Token, start: int, end: int) -> bool:
    """True when the words from ``start`` to ``end`` only say when or where the cue's speaker spoke:
    a time ('on Friday', 'Tuesday night') or a medium ('on Twitter'), hung on the cue."""
    words = [t for t in verb.doc if start <= t.idx < end and not t.is_space]
    said = [t for t in words if not t.is_punct]
    return bool(said) and all(
        t.is_punct
        or (t.ent_type_ in ("DATE", "TIME") or t.lower_ in _MEDIA_WORDS or _prep_within(t, verb, end))
        and verb in (t.head, t.head.head, t.head.head.head)
        for t in words
    )


def _prep_within(token: Token, verb: Token, end: int) -> bool:
    """A preposition of the cue whose object ends before ``end``: 'on Friday', not 'on "Fox News Sunday"'."""
    return token.dep_ == "prep" and token.head == verb and token.right_edge.idx < end


def quotation_after(text: str, end: int, quoted: list[tuple[int, int]], words: int = 0) -> tuple[int, int] | None:
    """The first quotation of ``quoted`` that starts at most ``words`` plain words after ``end``
    (0: only spaces between), if any: 'called a "let a thousand flowers bloom" approach'."""
    # Only the first quotation at or after ``end`` can qualify: any later one has that quotation's marks
    # between.
    first = bisect.bisect_left(quoted, (end,))
    for start, stop in quoted[first : first + 1]:
        between = text[end:start]
        if len(between.split()) <= words and re.fullmatch(r"[\w\s-]*", between):
            return start, stop
    return None


def attributions(doc: Doc, lexicon: CueLexicon, quoted: list[tuple[int, int]]) -> list[Attribution]:
    """Every cue in ``doc`` whose parse gives it content, with its speaker mention."""
    found = []
    matches = find_cues(doc, lexicon, quoted)
    cue_verbs = frozenset(m.token.i for m in matches)
    breaks = sentence_breaks(text_of(doc), quoted)
    for match in matches:
        content, rule, confidence = content_of(match, quoted, cue_verbs)
        content = _without_tail(doc, _within_sentence(content, match.span, breaks), match.span, quoted)
        if (
            len(content) == 1
            and text_of(doc)[content[0][0] : content[0][1]].lower() in _PRONOUN_CONTENT
            and quotation_after(text_of(doc), content[0][1], quoted) is None
        ):
            content = ()  # 'he supports it': what 'it' is, the sentence does not say ('called that "Q"' does)
        if not content:
            found.append(Attribution(match, _speaker_span(match, quoted), (), "cue-only", 0.0))
            continue
        found.append(Attribution(match, _speaker_span(match, quoted), content, rule, confidence))
    return found


_PRONOUN_CONTENT = {"it", "this", "that", "them", "him", "her", "these", "those", "so", "one"}


def colon_cue(doc: Doc, colon: int, lexicon: CueLexicon) -> Attribution | None:
    """'Biden was quick to retort: "Q"' where the parser read the cue as a noun: the last word
    before the colon at ``colon`` (a character offset) that is a cue verb in any part of speech,
    and the subject of its sentence. None when the sentence names no cue or no subject."""
    position = _first_token_from(doc, colon)
    at = doc[position] if position < len(doc) and doc[position].idx == colon else None
    if at is None:
        return None
    before = [t for t in sentence_of(at) if t.i < at.i]
    cue = next((t for t in reversed(before) if _speech_verb(t, lexicon)), None)
    if cue is None:
        return None
    subject = subject_of(cue) if cue.pos_ in ("VERB", "AUX") else None
    subject = subject or next((t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.i < cue.i), None)
    if subject is None or subject.pos_ == "PRON" and subject.lower_ in ("it", "there", "this", "that"):
        return None
    entry = lexicon.verb(lexicon.lemma_of(cue.text, cue.lemma_))
    return Attribution(CueMatch(cue, entry), mention_span(subject), (), "cue-only", 0.0)


def _speech_verb(token: Token, lexicon: CueLexicon) -> bool:
    """A verb of saying (neutral or evaluative cue), read as a verb or right after 'to' ('quick to
    retort', where the parser took 'retort' for a noun); not 'the question', 'my answer'."""
    entry = lexicon.verb(lexicon.lemma_of(token.text, token.lemma_))
    if entry is None or entry.cls not in ("neutral", "evaluative"):
        return False
    return token.pos_ in ("VERB", "AUX") or (token.i > 0 and token.nbor(-1).lower_ == "to")


def sentence_breaks(text: str, quoted: list[tuple[int, int]]) -> list[int]:
    """Where sentences start in ``text`` (Punkt), except inside a quotation ('"Q1. Q2," she said')."""
    inside = [(a + 1, b) for a, b in quoted]  # a start strictly inside (a, b)
    return [s for s in sentence_starts(text)[1:] if not _within(s, inside)]


def _within(position: int, spans: list[tuple[int, int]]) -> bool:
    at = bisect.bisect_right(spans, (position, math.inf)) - 1
    return at >= 0 and spans[at][0] <= position < spans[at][1]


def _within_sentence(
    content: tuple[tuple[int, int], ...], cue: tuple[int, int], breaks: list[int]
) -> tuple[tuple[int, int], ...]:
    """Content cut to the cue's sentence: a reported clause never runs past a sentence end outside
    quotations, even when the parser joined two sentences ('... complicated. Said Ellis: "Q"')."""
    first = max((b for b in breaks if b <= cue[0]), default=0)
    last = min((b for b in breaks if b >= cue[1]), default=None)
    clipped = []
    for start, end in content:
        start, end = max(start, first), end if last is None else min(end, last)
        if end > start:
            clipped.append((start, end))
    return tuple(clipped)


def _without_tail(
    doc: Doc, content: tuple[tuple[int, int], ...], cue: tuple[int, int], quoted: list[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Content cut where the writer takes over again (the parser often hangs these inside the
    reported clause): after the cue, before a semicolon, a final dash aside, or a comma that opens
    a final participle (', referring to ...'), relative clause (', which would ...') or a clause
    with its own subject (', but he also noted'); before the cue, after a semicolon. A piece cut
    off from the cue by a semicolon is not its content."""
    cut = []
    text = text_of(doc)
    for start, end in content:
        if ";" in text[end : cue[0]] or ";" in text[cue[1] : start]:
            continue
        span = doc[_first_token_from(doc, start) : _first_token_from(doc, end)]
        tokens = [t for t in span if not _inside(t, quoted)]
        if end > cue[1]:
            after = max(start, cue[1])
            ends = [
                t.idx
                for t in tokens
                if t.idx > after and _ends_reported_clause(t, end, _quoted_before(t, quoted, after))
            ]
            ends += [
                b
                for a, b in quoted
                if after <= a and b < end and _closes_with_comma(text[a:b]) and _tail_at(doc, b, end)
            ]
            end = min(ends, default=end)
        if start < cue[0]:
            start = max([t.idx + 1 for t in tokens if t.text == ";" and t.idx < cue[0]], default=start)
        piece = _trim(doc, start, end)
        if piece is not None:
            cut.append(piece)
    return tuple(cut)


def _quoted_before(token: Token, quoted: list[tuple[int, int]], start: int) -> bool:
    return any(start <= a and b <= token.idx for a, b in quoted)


def _closes_with_comma(quotation: str) -> bool:
    """'"ready for anything,"': the comma inside the closing mark ends the quoted clause."""
    return quotation.rstrip("\"'”’»").endswith(",")


def _tail_at(doc: Doc, char: int, end: int) -> bool:
    """A participle or relative clause starts at ``char`` and runs to ``end``."""
    following = next((t for t in doc[_first_token_from(doc, char) :] if not t.is_punct), None)
    if following is None:
        return False
    runs_to_end = following.head.right_edge.idx + len(following.head.right_edge.text) >= end - 1
    if following.tag_ == "VBG" and following.dep_ in ("advcl", "xcomp", "conj", "acl"):
        return following.right_edge.idx + len(following.right_edge.text) >= end - 1
    return following.tag_ in ("WDT", "WP") and following.head.dep_ == "relcl" and runs_to_end


def _ends_reported_clause(token: Token, end: int, after_quotation: bool) -> bool:
    """True when ``token`` starts the writer's own words that run to ``end``; a dash only after a
    quotation ('it "risks higher inflation" - except that ...')."""
    doc = token.doc
    if token.text == ";":
        return True
    if token.text in ("—", "--", "–") or (token.text == "-" and token.whitespace_):
        rest = doc[token.i + 1 : _first_token_from(doc, end)]
        return after_quotation and not any(t.text == token.text for t in rest)
    if token.text != "," or token.i + 1 >= len(doc):
        return False
    following = doc[token.i + 1]
    if following.dep_ == "cc" and token.i + 2 < len(doc) and doc[token.i + 2].dep_ in SUBJECTS:
        return True
    return _tail_at(doc, following.idx, end)


def _speaker_span(match: CueMatch, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    if "by" in match.cue.frames and match.particle is not None:
        obj = next((c for c in match.particle.children if c.dep_ == "pobj"), None)
        return mention_span(obj) if obj is not None else None
    if "noun" in match.cue.frames:
        owner = _possessor(match.token)
        return mention_span(owner) if owner is not None else None
    subject = subject_of(match.token)
    if subject is None and _has_contracted(match.token):
        # "he's maintained that": the parse read "'s" as "is" (a passive); before a cue it is "has"
        subject = next((c for c in match.token.children if c.dep_ == "nsubjpass"), None)
    if subject is not None and _inside(subject, quoted):
        # A word of the quotation is never its speaker: the parse went wrong; another subject of
        # the cue outside it ('," said Leslie Wimes'), or the words between the closing mark and
        # the cue ('," Secretary of Defense Dr. Mark T. Esper added') are.
        outside = [c for c in match.token.children if c.dep_ in ("nsubj", "csubj") and not _inside(c, quoted)]
        return mention_span(outside[0]) if outside else _credit_between(match, quoted)
    if subject is None:
        return _noun_phrase_before(match, quoted)
    if subject.lower_ == "there":
        return None
    if subject.dep_ == "nsubjpass" and not (subject.head == match.token and _has_contracted(match.token)):
        return None
    return mention_span(subject)


def _noun_phrase_before(match: CueMatch, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A finite cue the parse left without a subject ('In the newly filed court papers, prosecutors and
    lawyers for both Jackson and his wife said they ...', where 'prosecutors' hung on 'papers'): the
    noun phrase right before it, back to a comma or the sentence's start, when it holds no verb."""
    cue = match.token
    sentence = sentence_of(cue)
    if cue.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # 'saying', 'to say': a participle or infinitive has its speaker elsewhere
    if not sentence.text.rstrip().endswith((".", "!", "?", '"', "”", "’", "'")):
        return None  # a headline: 'Clinton coverage highlights TV gender gap'
    if (named := _name_set_off_before(cue)) is not None:
        return mention_span(named)
    tokens = []
    for token in reversed(cue.doc[sentence.start : cue.i]):
        if _inside(token, quoted):
            return None  # 'curb "activist" investors and others focused on': an object, not a subject
        if token.text in (",", ";", ":", "(", ")", "--", "—", "–"):
            break
        tokens.insert(0, token)
    while tokens and (tokens[-1].pos_ == "ADV" or tokens[-1].dep_ in ("aux", "neg")):
        tokens.pop()  # 'also said', 'have said'
    if not tokens or len(tokens) > 12 or tokens[-1].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    if any(t.pos_ in ("VERB", "AUX", "SCONJ") for t in tokens) or tokens[0].tag_ in ("WDT", "WP", "IN"):
        return None  # a clause, not a noun phrase; 'which said', 'in the report said'
    if any(t.ent_type_ in ("DATE", "TIME") for t in tokens):
        return None  # 'Wednesday added', 'Last week proved', 'Long on Monday also denied'
    preposition = next((t for t in tokens if t.pos_ == "ADP"), None)
    if preposition is not None and not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in tokens if t.i < preposition.i):
        return None  # 'most in both states': no noun before the preposition to head the phrase
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _name_set_off_before(cue: Token) -> Token | None:
    """'the Senate Democratic leader, Chuck Schumer of New York, went to the floor and announced that':
    the parse hung the leader on an earlier noun and left the verbs without a subject; the name set
    off by commas right before the first verb is it."""
    verb = cue
    while verb.dep_ == "conj" and verb.head.i < verb.i and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    if verb.i < 2 or verb.doc[verb.i - 1].text != ",":
        return None
    name = verb.doc[verb.i - 2]
    while name.dep_ in ("pobj", "prep") and name.head.i < name.i:
        name = name.head  # 'Chuck Schumer of New York'
    if name.dep_ != "appos" or name.ent_type_ in ("GPE", "LOC"):
        return None  # 'the mayor of Washington, DC, suggested': a place
    if name.head.pos_ == "PROPN":
        return name.head  # 'Bill Skelly, a longtime RNC data operative, vouched'
    return name if name.pos_ == "PROPN" else None


def _credit_between(match: CueMatch, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    cue = match.token
    closing = max((end for _, end in quoted if end <= cue.idx), default=None)
    if closing is None:
        return None
    tokens = [t for t in cue.doc if closing <= t.idx < cue.idx and not t.is_space]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens or len(tokens) > 10 or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in tokens):
        return None
    if any(t.is_sent_start for t in tokens[1:]) or any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
