"""Token features for the learned attribution tagger, in named groups an ablation can switch off.

One pure function per group, each over a parsed paragraph (a spaCy ``Doc``); ``features_of`` joins the
groups asked for into one dict per token, the form python-crfsuite reads (a string value is the feature
``name:value``).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

from quotes.cues import CueLexicon

Features = dict[str, str | float]
# Dependency relations that lead from a cue to what it reports or to who speaks.
_REPORTING_DEPS = {"ccomp", "xcomp", "dobj", "pobj", "prep", "advcl", "parataxis", "conj", "nsubj", "nsubjpass"}


def _word(token: Token) -> Features:
    """The word itself: its form, shape, suffix and entity type."""
    return {
        "w": token.lower_,
        "lemma": token.lemma_.lower(),
        "shape": token.shape_[:4],
        "suf3": token.lower_[-3:],
        "title": float(token.is_title),
        "punct": float(token.is_punct),
        "ent": token.ent_type_ or "-",
        "ent_iob": token.ent_iob_ or "-",
    }


def _syntax(token: Token) -> Features:
    """Part of speech and the token's place in the parse: its relation, its head, its children."""
    head = token.head
    features: Features = {
        "pos": token.pos_,
        "tag": token.tag_,
        "dep": token.dep_,
        "head_lemma": head.lemma_.lower(),
        "head_pos": head.pos_,
        "dep_head": f"{token.dep_}>{head.lemma_.lower()}",
        "head_dep": head.dep_,
        "root": float(token.dep_ == "ROOT"),
    }
    for child in token.children:
        if child.dep_ in _REPORTING_DEPS:
            features[f"child_{child.dep_}"] = 1.0
            if token.pos_ in ("VERB", "AUX", "NOUN"):
                features[f"{child.dep_}_of"] = token.lemma_.lower()  # 'ccomp_of: believe'
    # the nearest verb above and the relation of the branch the token hangs from ('ccomp' under 'warn')
    child = token
    for depth, ancestor in enumerate(token.ancestors, 1):
        if ancestor.pos_ in ("VERB", "AUX") or depth > 5:
            features["verb_above"] = ancestor.lemma_.lower()
            features["branch"] = child.dep_
            features["branch_verb"] = f"{child.dep_}>{ancestor.lemma_.lower()}"
            break
        child = ancestor
    return features


def _context(doc: Doc, i: int, sentence: tuple[int, int]) -> Features:
    """The words around the token (two each side) and where it stands in its sentence (``sentence``:
    its first token and length)."""
    features: Features = {}
    for offset in (-2, -1, 1, 2):
        j = i + offset
        if 0 <= j < len(doc):
            features[f"{offset}:w"] = doc[j].lower_
            features[f"{offset}:pos"] = doc[j].pos_
        else:
            features[f"{offset}:edge"] = 1.0
    token = doc[i]
    features["bigram"] = f"{doc[i - 1].lower_ if i else '^'}|{token.lower_}"
    features["sent_start"] = float(token.is_sent_start or i == 0)
    first, length = sentence
    features["sent_pos"] = str(min(4, (i - first) * 5 // max(1, length)))
    return features


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Per token, its sentence's first token and length (``Token.sent`` builds a span each call)."""
    per_token: list[tuple[int, int]] = []
    for sentence in doc.sents:
        per_token += [(sentence.start, len(sentence))] * len(sentence)
    return per_token


def _lexicon(token: Token, lexicon: CueLexicon) -> Features:
    """What the cue lexicon says of the token, its head and its nearest verb ancestor."""
    features: Features = {}
    lemma = lexicon.lemma_of(token.text, token.lemma_)
    cue = lexicon.verb(lemma) or lexicon.noun(lemma)
    if cue is not None:
        features["cue_class"] = cue.cls
        features["cue_word"] = 1.0
    head = token.head
    head_cue = lexicon.verb(lexicon.lemma_of(head.text, head.lemma_))
    if head_cue is not None and head is not token:
        features["head_cue"] = head_cue.cls
        features["head_cue_dep"] = token.dep_
    # the path up to the nearest cue verb: 'ccomp' for content, 'nsubj' for the speaker
    child, depth = token, 0
    for ancestor in token.ancestors:
        depth += 1
        if depth > 6:
            break
        if lexicon.verb(lexicon.lemma_of(ancestor.text, ancestor.lemma_)) is not None:
            features["cue_above"] = child.dep_
            features["cue_above_depth"] = str(min(depth, 4))
            break
        child = ancestor
    return features


def _quotation(token: Token, quoted: list[tuple[int, int]], starts: list[int]) -> Features:
    """Whether the token lies in a quotation, opens or closes one, or stands right after one."""
    j = bisect.bisect_right(starts, token.idx) - 1
    inside = j >= 0 and quoted[j][0] <= token.idx < quoted[j][1]
    features: Features = {"quoted": float(inside)}
    if inside and token.idx == quoted[j][0]:
        features["opens"] = 1.0
    if inside and token.idx + len(token.text) >= quoted[j][1]:
        features["closes"] = 1.0
    if j >= 0 and not inside and 0 <= token.idx - quoted[j][1] <= 3:
        features["after_quote"] = 1.0
    return features


RuleMark = tuple[str, str, str, bool]  # part (CUE, SRC, CON), rule, type, whether the span starts here


def rule_marks(doc: Doc, parts: list[tuple[str, int, int, str, str]]) -> list[RuleMark | None]:
    """Per token, the rules' attribution part that covers it: ``parts`` are ``(part, start, end, rule,
    type)`` relative to ``doc``."""
    marks: list[RuleMark | None] = [None] * len(doc)
    for part, start, end, rule, kind in parts:
        first = True
        for token in doc:
            if marks[token.i] is None and token.idx < end and start < token.idx + len(token.text):
                marks[token.i] = (part, rule, kind, first)
                first = False
    return marks


def _rules(i: int, marks: list[RuleMark | None]) -> Features:
    """What the hand-written rules found here: the part, the rule and the type of its attribution."""
    mark = marks[i]
    before = marks[i - 1] if i else None
    after = marks[i + 1] if i + 1 < len(marks) else None
    features: Features = {"before": before[0] if before else "O", "after": after[0] if after else "O"}
    if mark is None:
        return features | {"part": "O"}
    part, rule, kind, first = mark
    return features | {"part": part, "rule": f"{part}:{rule}", "type": kind, "first": float(first)}


GROUPS: dict[str, str] = {
    "word": "the word itself",
    "syntax": "part of speech, relation, head, children",
    "context": "two words each side, place in the sentence",
    "lexicon": "the cue lexicon on the token, its head and its verb ancestors",
    "quotation": "inside, opening or closing a quotation",
}
# The rules' own output as features: the combined tagger learns where to trust and extend them.
RULE_GROUP = "rules"
ALL_GROUPS = (*GROUPS, RULE_GROUP)


def features_of(
    doc: Doc,
    quoted: list[tuple[int, int]],
    lexicon: CueLexicon,
    groups: Iterable[str] = ALL_GROUPS,
    rules: list[tuple[str, int, int, str, str]] | None = None,
) -> list[Features]:
    """One feature dict per token of ``doc``; ``quoted``: the quotations, relative to ``doc``; ``rules``:
    the rules' attribution parts (``rule_marks``), for the ``rules`` group."""
    groups = set(groups)
    marks = rule_marks(doc, rules or [])
    quoted = sorted(quoted)
    starts = [a for a, _ in quoted]
    sentences = _sentences(doc) if "context" in groups else []
    makers: list[tuple[str, Callable[[int, Token], Features]]] = [
        ("word", lambda i, t: _word(t)),
        ("syntax", lambda i, t: _syntax(t)),
        ("context", lambda i, t: _context(doc, i, sentences[i])),
        ("lexicon", lambda i, t: _lexicon(t, lexicon)),
        ("quotation", lambda i, t: _quotation(t, quoted, starts)),
        (RULE_GROUP, lambda i, t: _rules(i, marks)),
    ]
    makers = [(name, make) for name, make in makers if name in groups]
    rows = []
    for i, token in enumerate(doc):
        row: Features = {"bias": 1.0}
        for name, make in makers:
            row.update({f"{name}.{key}": value for key, value in make(i, token).items()})
        rows.append(row)
    return rows


def without(rows: list[Features], groups: Iterable[str]) -> list[Features]:
    """``rows`` with the features of ``groups`` left out."""
    prefixes = tuple(f"{g}." for g in groups)
    return [{k: v for k, v in row.items() if not k.startswith(prefixes)} for row in rows]
