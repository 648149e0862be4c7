"""Page furniture: datelines, bylines, link and credit lines are nobody's words."""

from __future__ import annotations

import pytest

from quotes.furniture import blank, furniture_spans
from quotes.standoff import Article


@pytest.mark.parametrize(
    "text, furniture",
    [
        ("WASHINGTON — President Barack Obama said.", ["WASHINGTON — "]),
        ("PALM BEACH, Fla. — Trump said", ["PALM BEACH, Fla. — "]),
        ("SEOUL (Reuters) - Kim said", ["SEOUL (Reuters) - "]),
        ("CHARLESTON, S.C. — Democratic candidates", ["CHARLESTON, S.C. — "]),
        ("(AP) — Officials said", ["(AP) — "]),
        ("By Jane Roe and John Smith\n\nNEW YORK -- The", ["By Jane Roe and John Smith", "NEW YORK -- "]),
        ('More: Trump says "no"\nHe said it.', ['More: Trump says "no"']),
        ('Related: "A disgrace," senator says', ['Related: "A disgrace," senator says']),
        ("She smiled (Photo: Getty Images) and left.", ["(Photo: Getty Images)"]),
        # not furniture
        ("NATO said on Monday that", []),
        ("FBI - the bureau said", []),
        ("US-China talks - Beijing said", []),
        ("By the time he arrived, Trump said", []),
        ("Trump said.\n\nMore than 40 people came.", []),
        ("One.\n\nTwo.\n\nThree.\n\nWASHINGTON — Late in a story", []),  # datelines open a story
    ],
)
def test_furniture_spans(text, furniture):
    assert [text[s.start : s.end] for s in furniture_spans(text)] == furniture


def test_blank_keeps_every_offset():
    text = "WASHINGTON — Obama said."
    blanked = blank(text, furniture_spans(text))
    assert len(blanked) == len(text) and blanked.endswith("Obama said.") and "WASHINGTON" not in blanked


def test_a_dateline_is_no_speaker(nlp):
    from quotes.extract import analyse_article

    text = (
        "WASHINGTON -- President Barack Obama on Friday forcefully defended the program, saying "
        'Congress was fully briefed.\n\nRelated: "Not on my watch," senator says\n\n'
        '"We are safe," Obama said.'
    )
    result = analyse_article(Article("t", text), nlp)
    assert len(result.quotes) >= 2 and {q.speaker_name for q in result.quotes} == {"Barack Obama"}
    assert all("WASHINGTON" not in text[q.speaker.start : q.speaker.end] for q in result.quotes)
    assert all("Not on my watch" not in text[q.start : q.end] for q in result.quotes)
