"""Claims checked against the texts (``quotes.claims``): 'only in', 'left out' and 'attributed
differently' are made only when the articles' full texts bear them out. Invented texts."""

from __future__ import annotations

import pytest

from quotes.claims import TextIndex, is_statement, is_title, normal_words
from quotes.compare import compare
from quotes.tables import Tables
from tests.test_report import _quote, _result


@pytest.mark.parametrize(
    "text, normal",
    [("“We don’t like him,” he said.", "we dont like him he said"), ("F.B.I. agents", "f b i agents")],
)
def test_normal_words(text, normal):
    assert normal_words(text) == normal


@pytest.mark.parametrize(
    "text, statement",
    [
        ("a lot", False),  # a fragment
        ("it is what it is", False),  # function words only
        ("Born In The U.S.A. Again", False),  # a title
        ("We will rebuild the bridge by spring", True),
        ("The bridge is safe", True),  # two content words
        ("we said it would", False),  # one
        ("The bridge is safe and open", True),
    ],
)
def test_is_statement(text, statement):
    assert is_statement(text, 4) is statement


def test_is_title():
    assert is_title("The Star-Spangled Banner") and not is_title("The bridge is safe")


@pytest.mark.parametrize(
    "text, words, carried",
    [
        ("Mr. vice president, I know you're under a lot of duress to catch up.", "I know you’re under duress", True),
        ("“We don't want him. We reject his visit,” Mr. Fox said.", "We reject his visit.", True),
        ("“We don't want him. We reject his visit,” Mr. Fox said.", "We don’t like him at all.", False),
        ("The council met on Monday.", "a lot", True),  # too few words to tell: never a claim
        ("Visit the city, reject his plan, we said.", "We reject his visit.", False),  # not in order
    ],
)
def test_a_text_carries_words_in_order_wherever_it_cut_them(text, words, carried):
    assert TextIndex({"b": text}, {"b": "Beta"}).carries(["b"], words) is carried


ALPHA = (
    'Mayor Ann Lee spoke on Monday. "The bridge is safe and it will reopen on Monday for all traffic. '
    'We thank the engineers who worked through the winter," Lee said. "Nobody will pay a toll," she added.'
)
BETA = (
    'Lee said the bridge was safe. "The bridge is safe and it will reopen on Monday for all traffic," Lee said. '
    "She said we thank the engineers who worked through the winter. Nobody will pay a toll, the mayor promised."
)


def _alpha_results() -> list:
    """Alpha's article: the mayor's two quotes."""
    alpha = [
        _quote(
            ALPHA,
            '"The bridge is safe and it will reopen on Monday for all traffic. We thank the engineers who worked'
            ' through the winter,"',
            "Lee",
            "said",
            "Ann Lee",
        ),
        _quote(ALPHA, '"Nobody will pay a toll,"', "she", "added", "Ann Lee"),
    ]
    return [_result("a1", "Alpha", ALPHA, alpha)]


@pytest.fixture()
def story() -> Tables:
    beta = [
        _quote(BETA, '"The bridge is safe and it will reopen on Monday for all traffic,"', "Lee", "said", "Ann Lee")
    ]
    return Tables([*_alpha_results(), _result("b1", "Beta", BETA, beta)])


def test_a_quote_another_outlet_carries_unquoted_is_not_only_in_one(story):
    alone = compare(story).single_outlet_quotes
    assert alone.empty, alone[["outlet", "content"]]


def test_a_sentence_the_other_text_lacks_is_left_out_and_one_it_carries_is_not(story):
    left = compare(story).left_out
    assert left.empty  # Beta's text has "we thank the engineers who worked through the winter", unquoted
    text = BETA.replace("She said we thank the engineers who worked through the winter. ", "")
    beta = [
        _quote(text, '"The bridge is safe and it will reopen on Monday for all traffic,"', "Lee", "said", "Ann Lee")
    ]
    tables = Tables([*_alpha_results(), _result("b1", "Beta", text, beta)])
    left = compare(tables).left_out
    assert list(left["text"]) == ["We thank the engineers who worked through the winter,"]
    assert list(left["other_outlet"]) == ["Beta"]


def test_a_quote_no_other_text_carries_is_only_in_one_with_the_texts_checked():
    text = BETA.replace("Nobody will pay a toll, the mayor promised.", "")
    beta = [
        _quote(text, '"The bridge is safe and it will reopen on Monday for all traffic,"', "Lee", "said", "Ann Lee")
    ]
    alone = compare(Tables([*_alpha_results(), _result("b1", "Beta", text, beta)])).single_outlet_quotes
    assert list(zip(alone["outlet"], alone["content"], alone["checked"], strict=True)) == [
        ("Alpha", '"Nobody will pay a toll,"', 1)
    ]


@pytest.mark.parametrize(
    "words, claimed",
    [("it is what it is", False), ("Born In The U.S.A. Again", False), ("we will rebuild the old bridge", True)],
)
def test_a_fragment_or_a_title_is_never_attributed_differently(words, claimed):
    alpha_text = f'Ann Lee said: "{words}." The rest is history.'
    beta_text = f'Tom Hart said: "{words}." Nothing more.'
    alpha = [_quote(alpha_text, f'"{words}."', "Ann Lee", "said", "Ann Lee")]
    beta = [_quote(beta_text, f'"{words}."', "Tom Hart", "said", "Tom Hart")]
    tables = Tables([_result("a1", "Alpha", alpha_text, alpha), _result("b1", "Beta", beta_text, beta)])
    differently = compare(tables).attributed_differently
    assert set(differently["speaker_name"]) == ({"Ann Lee", "Tom Hart"} if claimed else set())
