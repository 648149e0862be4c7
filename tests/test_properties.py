"""Properties over generated and mutated texts (Hypothesis): every offset slices to its string and
nothing raises, whatever the quotation style, line ends or unusual characters."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.extract import analyse_article
from quotes.standoff import Article
from quotes.tables import Tables

SENTENCES = [
    '"We will not back down," Mayor Ann Lee said on Monday.',
    "“The plan is a bridge to nowhere,” said Sen. Tom Hart, a Republican.",
    "The council, according to its chair, “will vote again” next week.",
    "She told reporters that the budget was “dead on arrival”.",
    "« Nous ne céderons pas », a déclaré le ministre.",
    "‘It was a mistake,’ he added. ‘We regret it.’",
    "Officials said the bridge would reopen in May.",
    "Trump wrote on Twitter: “FAKE NEWS!”",
    "WASHINGTON (Reuters) - The talks ended without a deal.",
    "“Q1,” she said, “Q2.”",
]
ODD = [
    "\r\n",
    "\n",
    "\u2028",
    "\u2029",
    "\u200b",
    "\u200d",
    "\ufeff",
    "😀",
    "👩‍👩‍👧",
    "\u202e",
    "שלום",
    "مرحبا",
    '"',
    "“",
    "”",
    "'",
    "’",
    "«",
    "»",
    " — ",
    "\t",
]


@st.composite
def texts(draw) -> str:
    parts = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8))
    text = draw(st.sampled_from([" ", "\n", "\r\n", "\n\n"])).join(parts)
    for _ in range(draw(st.integers(0, 6))):  # insert odd characters and stray marks anywhere
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(ODD)) + text[at:]
    for _ in range(draw(st.integers(0, 3))):  # delete a stretch (often half a quotation)
        if text:
            at = draw(st.integers(0, len(text) - 1))
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
    return text


def _check(text: str, result) -> None:
    for quote in result.quotes:
        record = quote.to_standoff(text)
        assert text[quote.start : quote.end] == record["text"]
        assert 0 <= quote.start <= quote.end <= len(text)
        for fragment in quote.fragments:
            assert quote.start <= fragment.start <= fragment.end <= quote.end
        for span in (quote.speaker, quote.cue):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start : span.end].strip()
    for mention in result.media:
        assert text[mention.start : mention.end] == mention.mention


@pytest.mark.filterwarnings("ignore")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts())
def test_offsets_hold_and_nothing_raises_on_mutated_texts(nlp, text):
    result = analyse_article(Article("p", text), nlp)
    _check(text, result)
    Tables([result])  # the run-wide step takes it too


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=0, max_size=400))
def test_any_unicode_text_at_all(nlp, text):
    _check(text, analyse_article(Article("u", text), nlp))
