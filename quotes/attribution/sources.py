"""The speaker mention of a cue: its subject, a name set off before it, a credit between quotations."""

from __future__ import annotations

from spacy.tokens import Token

from quotes.attribution.matches import CueMatch, _possessor
from quotes.attribution.parse import _inside, _to_infinitive, sentence_of
from quotes.cues import load_lexicon
from quotes.rules_data import load_speaker_rules

# Children of a speaker's head that belong to the mention ("a spokesman for the department").
MENTION_RIGHT = {"prep", "pobj", "compound", "flat", "nummod", "poss", "case", "conj", "cc", "amod", "npadvmod"}


# Children of a speaker's head before it that belong to the mention ("Secretary of Defense Dr. Mark T.").
MENTION_LEFT = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "advmod", "predet"}


# Dependents that interrupt or follow a mention and are not part of it.
MENTION_STOP = {"appos", "relcl", "acl", "punct", "advcl", "parataxis"}


def mention_span(head: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``head``, without appositives or clauses."""
    tokens = [head]
    for child in head.lefts:
        if child.dep_ in MENTION_LEFT or child.tag_ == "HYPH":  # 'the GOP front-runner'
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
    return (token.is_punct and token.text not in ".'’&-()" or token.is_quote) and not _possessive_mark(token)


def _possessive_mark(token: Token) -> bool:
    """The apostrophe of "FreedomWorks’ website", which the tagger may read as a closing quote."""
    if token.text not in "'’" or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return not before.whitespace_ and before.text[-1:] in "sS" and bool(token.whitespace_)


# Prepositions that hang a participle clause on the main verb: 'before claiming', 'by arguing'.
_CLAUSE_PREPOSITIONS = {"before", "after", "by", "in", "on", "upon", "without", "since"}


def _is_document(noun: Token) -> bool:
    """'statement', 'letter', 'ad': a document noun of ``rules/speakers/documents.txt``."""
    return noun.lemma_.lower() in load_speaker_rules().document_nouns


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
