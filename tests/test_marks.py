"""Quotation marks to spans: conventions, nesting, apostrophes and unbalanced marks."""

from __future__ import annotations

import pytest

from quotes.marks import find_quote_spans


def quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"Hello," he said.', ['"Hello,"']),
        ("“Hello,” he said.", ["“Hello,”"]),
        ("''Hello,'' he said.", ["''Hello,''"]),
        ("``Hello,'' he said.", ["``Hello,''"]),
        ("Il a dit « bonjour » hier.", ["« bonjour »"]),
        ("Er sagte „Hallo“ gestern.", ["„Hallo“"]),
        ("She called it ‘a disgrace’ on Monday.", ["‘a disgrace’"]),
        ("She called it 'a disgrace' on Monday.", ["'a disgrace'"]),
        ('"One." Then "two."', ['"One."', '"two."']),
    ],
)
def test_quotation_conventions(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Don't stop; it's the students' turn.",
        "Rock 'n' roll in the '90s.",
        "Kata’ib Hezbollah’s fighters",
    ],
)
def test_apostrophes_are_not_quotes(text):
    assert quoted(text) == []


def test_nested_quotes_inside_double_quotes():
    text = "\"He told me 'never again' twice,\" she said."
    (span,) = find_quote_spans(text)
    assert [text[n.start : n.end] for n in span.nested] == ["'never again'"]


def test_nyt_nested_single_inside_double_apostrophes():
    text = "''It is 'terrifying,''' he said."
    (span,) = find_quote_spans(text)
    assert text[span.start : span.end] == "''It is 'terrifying,'''"


def test_newswire_paragraphs_open_without_closing():
    text = '"First paragraph of the quote.\n"Second paragraph ends it."'
    spans = find_quote_spans(text)
    assert [(text[s.start : s.end], s.closed) for s in spans] == [
        ('"First paragraph of the quote.', False),
        ('"Second paragraph ends it."', True),
    ]


@pytest.mark.parametrize("text", ['"', '"""', "“ ” “", 'a" b" c"', "”closing first“", "'", "''''"])
def test_unbalanced_marks_never_raise(text):
    for span in find_quote_spans(text):
        assert 0 <= span.start < span.end <= len(text)


def test_a_quote_left_open_is_bridged_to_a_closing_mark_a_few_short_paragraphs_on():
    text = "He tweeted: “I had to fire him.\n\nHe has pled guilty.\n\nThere was nothing to hide!” Then silence."
    assert [(text[s.start : s.end], s.closed) for s in find_quote_spans(text)] == [
        ("“I had to fire him.", False),
        ("He has pled guilty.", False),
        ("There was nothing to hide!”", True),
    ]


@pytest.mark.parametrize(
    "between",
    [
        "A paragraph with “a quotation of its own” in it.",  # marks of its own: not part of the open quote
        "A long paragraph of narrative. " * 20,  # longer than a tweet's line
    ],
)
def test_no_bridge_over_a_paragraph_with_marks_or_a_long_one(between):
    text = f"He said: “It was unfair.\n\n{between}\n\nThe end came.” Then silence."
    assert all("The end came" not in text[s.start : s.end] for s in find_quote_spans(text))
