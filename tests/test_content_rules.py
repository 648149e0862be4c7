"""The content rules' registry: each rule by name, what it reads, and what changes when it is switched off."""

from __future__ import annotations

import pytest

from quotes.attribution.content import RULES, content_of
from quotes.attribution.matches import find_cues
from quotes.cues import load_lexicon
from quotes.marks import find_quote_spans


def _read(nlp, text: str, cue: str, skip: frozenset[str] = frozenset()) -> tuple[list[str], str]:
    doc = nlp(text)
    quoted = [(q.start, q.end) for q in find_quote_spans(text)]
    (match,) = [m for m in find_cues(doc, load_lexicon(), quoted) if m.token.text == cue]
    fragments, rule, _ = content_of(match, quoted, skip=skip)
    return [text[a:b] for a, b in fragments], rule


@pytest.mark.parametrize(
    "name, text, cue, content, recorded",
    [
        (
            "noun",
            "The mayor's claim that the bridge was safe was false.",
            "claim",
            ["that the bridge was safe"],
            "noun",
        ),
        ("according-to", "According to the mayor, the bridge is safe.", "According", ["the bridge is safe"], None),
        ("as-credit", "As the Times reported, the bridge is safe.", "reported", ["the bridge is safe"], None),
        (
            "cue-prep-clause",
            "She called for the report to be released.",
            "called",
            ["the report to be released"],
            "cue-prep",
        ),
        ("cue-prep-object", "He railed against the new tax.", "railed", ["the new tax"], "cue-prep"),
        ("made-clear", "She made clear that the deal was dead.", "made", ["that the deal was dead"], "ccomp"),
        (
            "complement",
            "The mayor said that the bridge would reopen.",
            "said",
            ["that the bridge would reopen"],
            "ccomp",
        ),
        (
            "quotation-after-cue",
            'Protesters chanted "What curfew?" all night.',
            "chanted",
            ['"What curfew?"'],
            "cue-quote",
        ),
        ("object-clause", "The US assessed a group was responsible.", "assessed", ["a group was responsible"], None),
        ("colon", "The sign declared: no entry after dark.", "declared", ["no entry after dark"], None),
        ("infinitive", "The mayor vowed to reopen the bridge.", "vowed", ["to reopen the bridge"], None),
        ("gerund", "He denied colluding with Russia.", "denied", ["colluding with Russia"], None),
        ("parenthetical", "The bridge, the mayor said, will reopen.", "said", ["The bridge", "will reopen"], None),
        ("as-object", "Experts see the vote as a test.", "see", ["the vote as a test"], "object"),
        (
            "relative-object",
            'This is what she called a "rant" on Monday.',
            "called",
            ['what she called a "rant"'],
            "object",
        ),
        ("object", "He accused the mayor of lying.", "accused", ["the mayor of lying"], None),
    ],
)
def test_each_rule_reads_its_frame_and_can_be_switched_off(nlp, name, text, cue, content, recorded):
    assert _read(nlp, text, cue) == (content, recorded or name)
    assert _read(nlp, text, cue, skip=frozenset({name})) != (content, recorded or name)


def test_rule_names_are_unique_and_in_order():
    names = [name for name, _ in RULES]
    assert len(names) == len(set(names))
    assert names.index("noun") < names.index("complement") < names.index("object")


def test_made_clear_leaves_clear_out_of_what_the_later_rules_read(nlp):
    # without the rule 'clear' is read as part of what was said
    assert _read(nlp, "She made clear that the deal was dead.", "made", frozenset({"made-clear"}))[0][0] == "clear"


@pytest.mark.parametrize(
    "text, content",
    [
        # the parse hangs the clause on the statement: it is still what was said
        (
            "Finch’s attorney, Ann Roe, said in a statement that “there was no collusion” and that the charges were"
            " “a clear attempt at silencing Harold.”",
            ["that “there was no collusion” and that the charges were “a clear attempt at silencing Harold"],
        ),
        ("The senator said in an interview on Sunday that the bill would pass.", ["that the bill would pass"]),
    ],
)
def test_said_in_a_statement_that(nlp, text, content):
    assert _read(nlp, text, "said") == (content, "ccomp")


def test_a_statement_that_did_something_is_no_content(nlp):
    # 'that' is the statement's relative pronoun, not the complementizer of what was said
    fragments, _ = _read(nlp, 'She said in a statement that was released Friday: "We will win."', "said")
    assert not any(f.startswith("that was released") for f in fragments)
