"""Page furniture left in a page's extracted text (``quotes.boilerplate``) and taken out of the page
before it is read (``quotes.web.prepared_page``), on invented paragraphs and pages."""

from __future__ import annotations

import pytest

from quotes.boilerplate import furniture_kind, is_headline, without_furniture
from quotes.nlp import load_model
from quotes.web import page_article

LONG = " ".join(["The council met for hours and argued over the budget line by line."] * 6)


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        ("- Order Reprints", "tools"),
        ("https://www.example.com/articles/flood-bridge-123", "tools"),
        ("This copy is for your personal, non-commercial use only. Visit example.com.", "reprints"),
        ("Copyright ©2019 Example Media, Inc. All Rights Reserved", "reprints"),
        ("Write to Jane Roe at jane.roe@example.com", "contact"),
        ("Reach the reporters on Twitter at http://twitter.com/janeroe", "contact"),
        ("An error has occurred, please try again later.", "form"),
        ("Get the day's top stories in our Morning newsletter. Sign up now.", "subscription"),
        ("Join Example Pro for as little as $5 a month. Use the code SAVE, our subscription offer.", "subscription"),
        ("Her book is out now. Follow her on Twitter @janeroe.", "social"),
        ("Reporting by Jane Roe; Editing by John Doe", "credits"),
        ("We'd like to hear what you think about this article. Email letters@example.com.", "letters"),
        ("Related: Bridge closes for repairs", "related"),
        ("Related News", "related"),
        # the article's own words
        ("The mayor thanked the crews. Thank you, she said, for working through the night.", None),
        ("Copies of the report were sent to the council.", None),
        ("Thank you.", None),
        ('"Follow the money," the senator said.', None),
        (LONG + " Follow us on Twitter.", None),  # too long to be a box
    ],
)
def test_furniture_paragraphs_are_known_by_kind(paragraph, kind):
    assert furniture_kind(paragraph) == kind


def test_the_headline_printed_again_is_not_text():
    title = "Sweden drops Assange rape investigation"
    assert is_headline("Julian Assange: Sweden drops rape investigation", title)
    assert not is_headline("Sweden dropped the investigation into Assange on Tuesday.", title)
    assert not is_headline("Prosecutors in Stockholm said little", title)
    text = "The lede sentence of the story.\nJulian Assange: Sweden drops rape investigation\nMore text."
    assert without_furniture(text, title) == "The lede sentence of the story.\nMore text."


STORY = (
    "<p>The council voted on Tuesday to close the old river bridge for two years of repairs, after an "
    "inspection found cracks in three of its four main cables and rust in the deck of the span.</p>"
    '<p>"We had no choice but to act before the winter storms," Mayor <span class="hover-wrap">'
    '<a href="/people/ann-lee">Ann Lee</a><span class="hovercard"><a href="/x">"Lee opens market"</a> '
    '<a href="/y">MORE</a></span></span> said after the vote, adding that buses would carry commuters '
    "across the new bridge downstream until the repairs are finished and the cables replaced.</p>"
    "<p>Engineers said the work would begin in March and that the bridge would reopen in 2027, when "
    "the new cables and the resurfaced deck have been inspected by the state.</p>"
)
FURNITURE = (
    '<ul><li><a href="/news/other-1">"Shocking," says fan of new stadium</a></li>'
    '<li><a href="https://rivertimes.example/news/other-2">Market opens downtown</a></li></ul>'
    "<p>Get the day's top stories in our newsletter. Sign up now.</p>"
    '<p>Her book, "Bridges," is out now. Follow her on Twitter @annroe.</p>'
    "<p>Copyright 2026 The River Times. All Rights Reserved</p>"
)


def _page(body: str) -> str:
    return (
        '<html lang="en"><head><meta charset="utf-8"><title>Bridge to close | The River Times</title></head>'
        f"<body><article>{body}</article></body></html>"
    )


def test_furniture_on_a_page_is_neither_text_nor_quotes():
    article = page_article(_page(STORY + FURNITURE), "bridge", "bridge.html", "https://rivertimes.example/bridge")
    text = article.text
    assert "Mayor Ann Lee said after the vote" in text  # the hover card goes, the sentence stays whole
    for furniture in ("MORE", "Lee opens market", "Shocking", "newsletter", "Follow her", "Copyright"):
        assert furniture not in text
    from quotes.extract import extract_article

    said = [text[q.start : q.end] for q in extract_article(article, load_model())]
    assert any("no choice" in s for s in said) and not any("Bridges" in s or "Shocking" in s for s in said)


def test_a_list_of_the_articles_own_points_or_of_other_sites_stays():
    points = "<ul><li>Buses every ten minutes from the old bridge to the new one.</li><li>Night ferries.</li></ul>"
    shops = (
        '<ul><li><a href="https://shop.example/a">Get it at Shop for $20</a></li>'
        '<li><a href="https://shop.example/b">Get it at Store for $25</a></li></ul>'
    )
    article = page_article(_page(STORY + points + shops), "b", "b.html", "https://rivertimes.example/bridge")
    assert "Night ferries" in article.text
