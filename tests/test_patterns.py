"""Each attribution pattern news uses, pinned positive and negative, through the whole pipeline."""

from __future__ import annotations

import importlib

import pytest

from quotes.attribution.sentences import _within_sentence, sentence_breaks
from quotes.extract import extract_article
from quotes.standoff import Article

DIRECT = [
    ('"We will rebuild the bridge," Mayor Ann Lee said.', '"We will rebuild the bridge,"', "Mayor Ann Lee", "said"),
    ('"We will rebuild the bridge," said Mayor Ann Lee.', '"We will rebuild the bridge,"', "Mayor Ann Lee", "said"),
    ('Mayor Ann Lee said, "We will rebuild the bridge."', '"We will rebuild the bridge."', "Mayor Ann Lee", "said"),
    ('The minister said: "Prices will fall next year."', '"Prices will fall next year."', "The minister", "said"),
    (
        '"The virus spreads fast," Maria Costa, a doctor at the city hospital, said.',
        '"The virus spreads fast,"',
        "Maria Costa",
        "said",
    ),
    (
        "“We will not tolerate attacks,” the company statement read.",
        "“We will not tolerate attacks,”",
        "the company statement",
        "read",
    ),
    (
        'The statement added, "These groups must cease their attacks."',
        '"These groups must cease their attacks."',
        "The statement",
        "added",
    ),
    ('"We did nothing wrong," Smith added in the statement.', '"We did nothing wrong,"', "Smith", "added"),
    ("''It is a slow-moving issue,'' Mr. Obama said.", "''It is a slow-moving issue,''", "Mr. Obama", "said"),
    ("«Nous allons gagner», the coach told reporters.", "«Nous allons gagner»", "the coach", "told"),
    # the parser reads 'retort' as a noun here: the colon and the word before it still credit the quote
    ('Biden was quick to retort: "That is a bunch of malarkey."', '"That is a bunch of malarkey."', "Biden", "retort"),
]


@pytest.mark.parametrize("text, content, speaker, cue", DIRECT)
def test_direct_quote_is_attributed(extract, text, content, speaker, cue):
    found = extract(text)
    assert ("direct", content, speaker, cue) in found


def test_two_fragments_are_one_quote(nlp):
    text = '"We knew the risks," she said, "and we took them anyway."'
    quotes = extract_article(Article("t", text), nlp)
    assert len(quotes) == 1
    fragments = [text[f.start : f.end] for f in quotes[0].fragments]
    assert fragments == ['"We knew the risks,"', '"and we took them anyway."']
    assert text[quotes[0].speaker.start : quotes[0].speaker.end] == "she"


def test_continuation_keeps_the_speaker(nlp):
    text = '"The plan failed," Jones said. "Nobody wants to admit it."'
    quotes = extract_article(Article("t", text), nlp)
    assert [text[q.start : q.end] for q in quotes] == ['"The plan failed,"', '"Nobody wants to admit it."']
    assert quotes[1].speaker == quotes[0].speaker and quotes[1].continues == 0


def test_quote_paragraph_continues_previous_speaker(nlp):
    text = 'Jones spoke first.\n"The plan failed," Jones said.\n"Nobody wants to admit it, but it did."'
    quotes = extract_article(Article("t", text), nlp)
    assert len(quotes) == 2
    assert quotes[1].speaker == quotes[0].speaker and quotes[1].rule == "paragraph-continuation"


def test_newswire_multi_paragraph_quote(nlp):
    text = (
        '"The first part of what I said goes here, and it goes on," Jones said. "Then more.\n'
        '"And the last paragraph closes it."'
    )
    quotes = extract_article(Article("t", text), nlp)
    assert [text[q.start : q.end] for q in quotes][-1] == '"And the last paragraph closes it."'
    assert all(q.speaker == quotes[0].speaker for q in quotes)


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“Trump must stop portraying us as dangerous gangsters.” ― Carla Sanchez", "Carla Sanchez"),
        ('"The vote was rigged from the start" - Jane Doe, activist', "Jane Doe"),
    ],
)
def test_dash_credit(extract, text, speaker):
    assert [(t, s, c) for t, _, s, c in extract(text)][0][1] == speaker


def test_according_to_with_a_quote(extract):
    text = 'According to the report, "the budget is unsustainable."'
    assert extract(text)[0][2:] == ("the report", "According to")


@pytest.mark.parametrize(
    "text",
    [
        'He watched "Gone with the Wind" last night.',
        'The so-called "reform" failed to pass the Senate.',
        "The film 'Casablanca' plays tonight at the cinema.",
        "The students' books were stacked on the desk.",
    ],
)
def test_titles_and_scare_quotes_are_not_quotes(extract, text):
    assert extract(text) == []


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "Long and Bosma conceded they called the press conference because Pence failed to explain the law "
            "during an appearance Sunday on ABC’s “This Week.”",
            "“This Week.”",
        ),
        ('"We will win," Trump said. He spoke later on NBC\'s "Meet the Press."', '"Meet the Press."'),
    ],
)
def test_a_title_after_a_possessive_continues_no_quote(extract, text, title):
    """'ABC’s “This Week.”' names a programme: no continuation of the words before it."""
    assert all(c != title for _, c, _, _ in extract(text)), extract(text)


@pytest.mark.parametrize(
    "text, quotation, speaker",
    [
        # the writer's clause before the quotation is no part of what she said
        (
            "Sen. Mazie Hirono (D-Hawaii) blasted Roberts’ decision in Shelby County for creating a whole new "
            "constitutional doctrine out of whole cloth, “So, so much for judicial modesty,” she said.",
            "“So, so much for judicial modesty,”",
            "she",
        ),
    ],
)
def test_a_quotation_the_credit_follows_is_cut_from_the_writers_clause(extract, text, quotation, speaker):
    assert (quotation, speaker) in [(c, s) for _, c, s, _ in extract(text)], extract(text)


def test_a_quotation_another_cue_introduces_is_that_cues(extract):
    """'Biden weighed in, telling Mic, “Q,” he said': 'telling' introduces the quotation, so the clause
    before it is not cut away as the writer's, which would leave 'telling' a quote of both."""
    text = (
        "Vice President Joe Biden weighed in as well, telling Mic in an interview published on Monday, “But "
        "gosh almighty, they’re both qualified,” he said, adding, “Hillary’s overwhelmingly qualified.”"
    )
    assert not any("weighed in" in c and "gosh" in c for _, c, _, _ in extract(text)), extract(text)


@pytest.mark.parametrize(
    "text, words",
    [
        ('Trump said "There will always be exceptions," the Times reported.', "the Times reported"),
        ('He said "We are going to defeat them fast," referring to the Islamic State.', "referring"),
        ('He said "Donald Trump will build the wall" - at which point the crowd chanted.', "at which point"),
    ],
)
def test_a_quotation_closed_by_a_comma_or_a_dash_ends_what_was_said(extract, text, words):
    assert not any(words in c for _, c, _, _ in extract(text)), extract(text)


def test_a_quotation_after_that_takes_no_quotation_before_the_cue(extract):
    """'"Q1," adding that "Q2"': the cue reports Q2; Q1 is what came before, not words it interrupts."""
    text = (
        "On the same day that footage emerged of an individual at a Trump rally punching a protester, Mr. Trump "
        "said of the episode, ''I don't like it,'' adding that ''they have anger that's unbelievable.''"
    )
    assert not any("adding" in c for _, c, _, _ in extract(text)), extract(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wednesday added one more unusual development to the list: a running mate.",  # a day is no speaker
        # an object before a participle the parse read as a verb
        'The plan is supposed to curb "activist" investors and others focused on short-term results.',
    ],
)
def test_no_speaker_is_made_of_words_that_are_no_subject(extract, text):
    assert all(s not in ("Wednesday", "investors and others") for _, _, s, _ in extract(text)), extract(text)


@pytest.mark.parametrize(
    "text",
    [
        'The challenge is exemplified by this finding: "27 companies reported 16,389 subsidiaries."',
        'I had to change my answer: "Of course I believe in the devil."',
    ],
)
def test_a_noun_before_a_colon_is_no_cue(extract, text):
    assert extract(text) == []


INDIRECT = [
    ("The mayor said that the bridge would reopen in May.", "that the bridge would reopen in May", "The mayor", "said"),
    ("The mayor said the bridge would reopen in May.", "the bridge would reopen in May", "The mayor", "said"),
    ("The bridge will reopen in May, the mayor said.", "The bridge will reopen in May", "the mayor", "said"),
    ("The bridge will reopen in May, said the mayor.", "The bridge will reopen in May", "the mayor", "said"),
    (
        "A US defense official told CNN that the strikes were carried out by manned aircraft.",
        "that the strikes were carried out by manned aircraft",
        "A US defense official",
        "told",
    ),
    (
        "According to the ministry, the talks will resume on Monday.",
        "the talks will resume on Monday",
        "the ministry",
        "According to",
    ),
    (
        "The talks will resume on Monday, according to the ministry.",
        "The talks will resume on Monday",
        "the ministry",
        "according to",
    ),
    (
        "The company said in a statement that it had fired the manager.",
        "that it had fired the manager",
        "The company",
        "said",
    ),
    (
        "Officials warned that the storm could worsen overnight.",
        "that the storm could worsen overnight",
        "Officials",
        "warned",
    ),
    (
        "The senator called for an independent inquiry into the spending.",
        "an independent inquiry into the spending",
        "The senator",
        "called for",
    ),
    (
        "As the Gazette reported, the council spent twice its budget on the bridge.",
        "the council spent twice its budget on the bridge",
        "the Gazette",
        "reported",
    ),
    (
        "The mayor hopes to reopen the bridge in May.",  # the lemmatizer makes 'hopes' 'hop'
        "to reopen the bridge in May",
        "The mayor",
        "hopes",
    ),
    (
        "The mayor tweeted late on Sunday that the bridge would reopen in May.",
        "that the bridge would reopen in May",
        "The mayor",
        "tweeted",
    ),
    (
        "The mayor told reporters the bridge would reopen, implicitly blaming the contractor for the delay.",
        "the bridge would reopen",
        "The mayor",
        "told",
    ),
]


INDIRECT += [
    # a noun cue with its owner and a that-clause
    (
        "Reporters checked the mayor's claim that the bridge was safe.",
        "that the bridge was safe",
        "the mayor's",
        "claim",
    ),
    ("His warning that the dam could fail went unheeded.", "that the dam could fail", "His", "warning"),
    # object cues with a complement
    ('The agency rated the claim as "mostly false."', 'the claim as "mostly false."', "The agency", "rated"),
    (
        'The senator likened the rules to "burning the constitution."',
        'the rules to "burning the constitution."',
        "The senator",
        "likened",
    ),
]
INDIRECT += [
    ("Experts see the vote as a test of the new rules.", "the vote as a test of the new rules", "Experts", "see"),
    ("The mayor expressed concern about the bridge.", "concern about the bridge", "The mayor", "expressed"),
    ("The senator responded to the criticism.", "the criticism", "The senator", "responded to"),
]
INDIRECT_TYPES = {"rated": "mixed", "likened": "mixed"}


@pytest.mark.parametrize("text, content, speaker, cue", INDIRECT)
def test_reported_speech(extract, text, content, speaker, cue):
    assert (INDIRECT_TYPES.get(cue, "indirect"), content, speaker, cue) in extract(text)


def test_as_credit_takes_the_clause_around_it(nlp):
    text = "The plan, as the governor put it, is a bridge to nowhere."
    quote = extract_article(Article("t", text), nlp)[0]
    assert [text[f.start : f.end] for f in quote.fragments] == ["The plan", "is a bridge to nowhere"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            '"Flynn lied," Trump said, before again claiming that Clinton "lied many times."',
            ("mixed", 'that Clinton "lied many times."', "Trump", "claiming"),
        ),
        (
            "The senator spoke for an hour after claiming that the vote was rigged.",
            ("indirect", "that the vote was rigged", "The senator", "claiming"),
        ),
        # a comparison is no time clause: nobody here asks anything
        (
            "Few dilemmas are harder than asking whether to trade prisoners.",
            ("indirect", "whether to trade prisoners", None, "asking"),
        ),
    ],
)
def test_a_cue_after_a_time_preposition_takes_the_clause_subject(extract, text, expected):
    assert expected in extract(text)


def test_a_relative_pronoun_before_the_speaker_is_not_the_speaker(extract):
    text = (
        "He said he took full responsibility for his crimes, but said he acted out of blind loyalty to "
        "Mr. Trump, who he said “led me to choose a path of darkness over light.”"
    )
    assert ("direct", "“led me to choose a path of darkness over light.”", "he", "said") in extract(text)


def test_an_as_clause_on_another_cue_is_no_credit(extract):
    found = extract("As the debate continued on Tuesday, the campaign said that the plan would end Medicare.")
    assert ("indirect", "that the plan would end Medicare", "the campaign", "said") in found
    assert [f for f in found if f[3] == "continued"] == []


def test_sentence_breaks_skip_those_inside_quotations():
    text = 'He left. "We tried. It failed," she said. Then rain.'
    quoted = [(9, 32)]
    assert sentence_breaks(text, quoted) == [text.index('"'), text.index("Then")]


@pytest.mark.parametrize(
    "content, cue, breaks, expected",
    [
        (((10, 90),), (0, 8), [50], ((10, 50),)),  # cue first: content ends at the next sentence
        (((0, 90),), (95, 99), [40], ((40, 90),)),  # credit after: content starts at its sentence
        (((10, 30), (40, 60)), (32, 38), [70], ((10, 30), (40, 60))),  # within one sentence: unchanged
        (((60, 90),), (0, 8), [50], ()),  # wholly in another sentence: nothing left
    ],
)
def test_content_stays_in_the_cue_sentence(content, cue, breaks, expected):
    assert _within_sentence(content, cue, breaks) == expected


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Costs rose again this year. Said Jane Roe, a tax lawyer: "Nobody asked for this."', "Jane Roe"),
        # parsed as a name 'Said Jones'; the credit rule still reads it
        (
            'Analysts say the new rules would make filing more complicated. Said Jones: "Nobody asked for this."',
            "Jones",
        ),
    ],
)
def test_inverted_credit_opening_a_sentence(extract, text, speaker):
    assert ("direct", '"Nobody asked for this."', speaker, "Said") in extract(text)


@pytest.mark.parametrize(
    "text, content",
    [
        # the writer takes over: a final relative clause, dash aside, participle, or a new subject
        (
            'The senator said he would "take a look" at the bill, which would fund the bridge.',
            'he would "take a look" at the bill',
        ),
        ('The mayor called the plan "a disaster" - though she had voted for it in May.', 'the plan "a disaster"'),
        (
            'The mayor said the town was "ready for anything," referring to the storm.',
            'the town was "ready for anything,"',
        ),
        ('Most residents were angry; many said the council was "out of touch."', 'the council was "out of touch."'),
        # ... but not an aside inside the reported clause
        (
            'The mayor said the plan, which cost $5 million, was "a disaster."',
            'the plan, which cost $5 million, was "a disaster."',
        ),
        (
            'The mayor said the bridge - a $5 million project - was "a disaster."',
            'the bridge - a $5 million project - was "a disaster."',
        ),
    ],
)
def test_reported_clause_ends_where_the_writer_takes_over(extract, text, content):
    assert content in [found[1] for found in extract(text)]


@pytest.mark.parametrize(
    "text, content",
    [
        ('The governor blasted the plan as a "disgrace" Wednesday on a radio show.', 'the plan as a "disgrace"'),
        ('The governor criticized the law as a "crazy system" during a stop in Flint.', 'the law as a "crazy system"'),
        # a complement of the object stays
        ('The governor called the plan "a waste" of money.', 'the plan "a waste" of money'),
    ],
)
def test_object_content_ends_before_a_time_or_place_adjunct(extract, text, content):
    assert [found[1] for found in extract(text)] == [content]


def test_mixed_quote_spans_the_reported_clause(extract):
    text = 'She said the proposal was "dead on arrival" in the Senate.'
    assert extract(text) == [("mixed", 'the proposal was "dead on arrival" in the Senate', "She", "said")]


def test_parenthetical_credit_has_two_fragments(nlp):
    text = "Climate change, Mr. Obama often says, is the greatest long-term threat facing the world."
    quote = extract_article(Article("t", text), nlp)[0]
    assert [text[f.start : f.end] for f in quote.fragments] == [
        "Climate change",
        "is the greatest long-term threat facing the world",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The strikes were aimed at five weapon storage facilities.",
        "He said nothing at all.",
        "The weapons used to attack the base were stored nearby.",
        "There are at least 5,200 U.S. troops in Iraq.",
        "As the mayor wrote the letter, the crowd waited outside.",  # a temporal 'as', not a credit
        "The claim that the bridge was safe turned out to be false.",  # a noun cue with no owner
        "The mayor saw the film on Monday.",  # 'see' only with an 'as' complement
        'The governor signed "the bill" into law.',
    ],
)
def test_no_attribution_without_a_governed_statement(extract, text):
    assert extract(text) == []


@pytest.mark.parametrize(
    "text, content, speaker, cue",
    [
        (
            'Protesters marching through the streets chanted "What curfew?" and kept going.',
            '"What curfew?"',
            "Protesters",
            "chanted",
        ),
        (
            'Police are investigating a fire that the mayor described as "an intentional act."',
            'fire that the mayor described as "an intentional act."',
            "the mayor",
            "described",
        ),
    ],
)
def test_quotation_governed_without_a_clause(extract, text, content, speaker, cue):
    assert any(found[1:] == (content, speaker, cue) for found in extract(text))


def test_a_phrase_particle_follows_its_verb(extract):
    # 'On Twitter, ... called' is the verb 'call', not the phrase 'call on'.
    text = 'On Twitter, the governor called the plan "a disgrace."'
    assert extract(text) == [("mixed", 'the plan "a disgrace."', "the governor", "called")]


def test_quotes_are_verbatim_with_crlf_and_unbalanced_marks(nlp):
    text = 'Intro line.\r\n\r\n"We will open the bridge," the mayor said.\r\n\r\n"Never closed, she said.\r\n'
    quotes = extract_article(Article("t", text), nlp)
    assert [text[q.start : q.end] for q in quotes] == ['"We will open the bridge,"', '"Never closed, she said.']
    for quote in quotes:
        for fragment in quote.fragments:
            assert 0 <= fragment.start < fragment.end <= len(text)
            assert "\r" not in text[fragment.start : fragment.end]


def test_colon_at_paragraph_end_credits_the_next_quotation(nlp):
    text = 'The senator spoke at length.\nHe said:\n"We have a situation here that nobody wants to name."'
    (quote,) = extract_article(Article("t", text), nlp)
    assert text[quote.start : quote.end].startswith('"We have') and quote.rule == "colon-paragraph"
    assert text[quote.speaker.start : quote.speaker.end] == "He"


def test_an_object_takes_the_quotation_right_after_it(extract):
    # the parser leaves the quotation out of the object and makes the name the sentence's root
    text = (
        'For his part, Chuck Schumer, the Senate minority leader, called Trump\'s proposal "one-sided and ineffective."'
    )
    assert ("mixed", 'Trump\'s proposal "one-sided and ineffective."', "Chuck Schumer", "called") in extract(text)


@pytest.mark.parametrize(
    "text, speaker",
    [
        (  # the parse finds no main verb and makes the name the sentence's root
            "Cantor, who had once been more moderate on immigration issues – particularly on the bitterly divisive "
            "aspect of whether to give undocumented immigrants already in the U.S. a chance to legalize their status "
            "– shifted sharply to a hard line position, saying he would block any effort in the House to consider "
            "proposals to give such immigrants a break.",
            "Cantor",
        ),
        # a headline's first name is not set off: no speaker rather than the wrong one
        ("Glenn Beck Blasts Drudge for Mocking His Fast, Quotes Bible to Encourage Indiana to Turn Away.", None),
    ],
)
def test_a_participle_under_a_root_name_set_off_is_that_names(extract, text, speaker):
    assert {quote[2] for quote in extract(text)} == {speaker}


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "While a parade of witnesses addressed the Senate Judiciary Committee, trading dueling views of Judge "
            "Gorsuch, the Senate Democratic leader, Chuck Schumer of New York, went to the Senate floor and announced "
            "that he would try to lead Democrats in blocking an up-or-down vote on Judge Gorsuch.",
            "Chuck Schumer of New York",
        ),
        (  # a place set off by commas is no speaker
            "After the mayors of Chicago and Boston heaped scorn upon the company, the mayor of Washington, DC, "
            "suggested it was peddling hate chicken.",
            None,
        ),
    ],
)
def test_a_name_set_off_before_a_verb_left_without_subject(extract, text, speaker):
    assert {quote[2] for quote in extract(text)} == {speaker}


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        (
            "America Rising, a pro-Republican opposition research group, took aim at O’Rourke, saying on Sunday "
            "after Barr’s announcement that the candidate made brazen and incorrect claims on the campaign trail.",
            "that the candidate made brazen and incorrect claims on the campaign trail",
            "America Rising",
        ),
    ],
)
def test_a_participle_reports_the_clause_hung_on_a_noun_of_time(extract, text, content, speaker):
    assert any(q[1] == content and q[2] == speaker for q in extract(text)), extract(text)


def test_a_participle_after_a_credit_is_no_credit_of_its_own(extract):
    text = (
        "“After careful deliberation I cannot support the nomination,” Mr. Schumer said, citing concerns over "
        "Judge Gorsuch’s record on workers’ rights, adding, “My vote will be no.”"
    )
    found = {(q[0], q[1], q[3]) for q in extract(text)}
    assert ("direct", "“After careful deliberation I cannot support the nomination,”", "said") in found
    assert ("indirect", "concerns over Judge Gorsuch’s record on workers’ rights", "citing") in found
    assert not any(q[3] == "citing" and "deliberation" in q[1] for q in extract(text))


@pytest.mark.parametrize(
    "text, credited",
    [
        (
            '"Rise to the occasion. Dress like you deserve respect." added Lauten, who works for Rep. Stephen Fincher.',
            ("direct", '"Rise to the occasion. Dress like you deserve respect."', "Lauten", "added"),
        ),
        ('"It is over." Trump then left.', None),  # the next sentence, no cue
        ('"It is over." meanwhile Trump left.', None),  # no cue verb
    ],
)
def test_a_cue_after_a_quotation_ending_its_own_sentence(extract, text, credited):
    assert extract(text) == ([credited] if credited else [])


def test_a_cue_with_content_of_its_own_credits_the_quote_after_its_colon(extract):
    text = 'Trump responded to the allegations in a statement on Friday:\n\n"I have no idea whether it is true."'
    assert ("direct", '"I have no idea whether it is true."', "Trump", "responded to") in extract(text)


def test_colon_credit_needs_a_cue():
    text = 'Contents:\n"Chapter one is called the start of something."'
    from quotes.nlp import load_model

    assert extract_article(Article("t", text), load_model()) == []


def test_a_cue_with_a_subject_inside_the_quotation_takes_the_one_outside(extract):
    # the parse gives 'said' two subjects: 'mode', inside the quotation, and 'Leslie Wimes'
    text = (
        "“Hillary Clinton’s campaign is in panic mode. Full panic mode,” said Leslie Wimes, "
        "a South Florida-based president of the Democratic African-American Women Caucus."
    )
    assert [(speaker, cue) for _, _, speaker, cue in extract(text)] == [("Leslie Wimes", "said")]


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            'The Security Council issued a statement calling the test "a clear violation" of the resolutions.',
            "The Security Council",
        ),
        # only a document speaks for whoever issued it: the man calling, not the mayor who saw him
        ('The mayor saw a man calling the plan "a disgrace" outside the hall.', "a man"),
    ],
)
def test_a_document_cue_is_spoken_by_its_issuer(extract, text, speaker):
    assert [found[2] for found in extract(text) if found[3] == "calling"] == [speaker]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Obama on Friday held an impromptu press briefing to brag that the unemployment rate has fallen.", "Obama"),
        # the to-infinitive belongs to the person the verb names, not to its subject
        ("Trump gave Pence the chance to respond to the charge.", None),
    ],
)
def test_a_purpose_clause_on_an_object_is_spoken_by_the_subject(extract, text, speaker):
    assert [found[2] for found in extract(text)] == [speaker]


@pytest.mark.parametrize(
    "text, content, speaker, cue",
    [
        (
            "In 2009, under what Mr. Hedge called ''the prior economy model,'' the club let non-members play.",
            "what Mr. Hedge called ''the prior economy model,''",
            "Mr. Hedge",
            "called",
        ),
        (
            "The campaign is building what it calls “psychographic” profiles.",
            "what it calls “psychographic”",
            "it",
            "calls",
        ),
    ],
)
def test_what_someone_called_a_quoted_name(extract, text, content, speaker, cue):
    assert ("mixed", content, speaker, cue) in extract(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # the parse makes 'for' the mark of a clause: still 'call for'
        (
            "Mayor Pete Buttigieg also called for the entire report to be released.",
            ("indirect", "the entire report to be released", "Mayor Pete Buttigieg", "called for"),
        ),
        # the parse hangs the object inside its complement
        (
            "Sen. Pat Leahy (D-Vt.) called this “an extraordinary blockade.”",
            ("mixed", "this “an extraordinary blockade.”", "Sen. Pat Leahy", "called"),
        ),
    ],
)
def test_cues_the_parse_hides(extract, text, expected):
    assert expected in extract(text)


@pytest.mark.parametrize(
    "text",
    ["The program, called EB-5, lets investors buy visas.", "They fished a mountain stream called Miracle Run."],
)
def test_a_name_given_is_no_quote(extract, text):
    assert extract(text) == []


def test_a_participle_naming_is_no_quote(extract):
    assert extract("Armed school personnel, called school resource officers, would be trained.") == []


@pytest.mark.parametrize(
    "text, content",
    [
        ("Warren called Tuesday for a delay on the vote.", "a delay on the vote"),
        ("Warren called on Monday for a delay on the vote.", "a delay on the vote"),  # not 'call on'
        ("Warren called today for a delay on the vote.", "a delay on the vote"),
        ("Warren commented on Tuesday.", None),  # the day is no comment
    ],
)
def test_a_day_between_a_cue_and_its_particle(extract, text, content):
    assert [quote[1] for quote in extract(text)] == ([content] if content else [])


@pytest.mark.parametrize(
    "text, confirmed",
    [
        ("The Senate voted to confirm Gorsuch to the court.", None),  # an appointment, no words
        ("Republicans will confirm Judge Neil Gorsuch if Democrats filibuster.", None),
        ("The Pentagon confirmed the report.", "the report"),
        ("She confirmed that Gorsuch will testify.", "that Gorsuch will testify"),
    ],
)
def test_confirming_a_person_is_no_quote(extract, text, confirmed):
    found = [quote[1] for quote in extract(text)]
    assert found == ([confirmed] if confirmed else [])


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "As part of a plea agreement, prosecutors recommended that Mr. Jackson serve 46 months in prison.",
            ("indirect", "that Mr. Jackson serve 46 months in prison", "prosecutors", "recommended"),
        ),
        (
            'Republicans panned the call as "ridiculous."',
            ("mixed", 'the call as "ridiculous."', "Republicans", "panned"),
        ),
        (
            "Dave Brat attacked the congressman as soft on border security.",
            ("indirect", "the congressman as soft on border security", "Dave Brat", "attacked"),
        ),
    ],
)
def test_recommend_pan_and_attack_as(extract, text, expected):
    assert expected in extract(text)


@pytest.mark.parametrize("text", ["Rebels attacked the base on Friday.", "The crew panned the camera across the room."])
def test_attack_and_pan_without_as_are_no_cue(extract, text):
    assert extract(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "He has denied colluding with the Russian government.",
            ("indirect", "colluding with the Russian government", "He", "denied"),
        ),
        ("But they acknowledge handing over material.", ("indirect", "handing over material", "they", "acknowledge")),
    ],
)
def test_a_gerund_after_a_cue_is_what_was_said(extract, text, expected):
    assert expected in extract(text)


@pytest.mark.parametrize("text", ["He kept saying that.", "They stopped talking."])
def test_a_gerund_after_a_verb_that_is_no_cue(extract, text):
    assert extract(text) == []


def test_a_cue_in_a_clause_of_time_reports_nothing_said_before_it(extract):
    text = (
        "Republican presidential candidate Mitt Romney on Wednesday reiterated that he opposes same-sex "
        "marriage, hours after President Obama announced his support."
    )
    found = extract(text)
    assert (
        "indirect",
        "that he opposes same-sex marriage",
        "Republican presidential candidate Mitt Romney",
        "reiterated",
    ) in found
    assert not any(speaker == "President Obama" and "opposes" in content for _, content, speaker, _ in found)


def test_a_long_article_is_analysed_in_windows_with_exact_offsets(nlp):
    from quotes.extract import analyse_article
    from quotes.windows import LONG_TEXT, windows

    paragraph = '"We will not back down," Mayor Ann Lee said on Monday. She added that the bridge would reopen.\n'
    text = paragraph * (LONG_TEXT // len(paragraph) + 200)
    cut = windows(text)
    assert len(cut) > 2 and cut[0].start == 0 and cut[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(cut, cut[1:], strict=False)) and all(w.context <= w.start for w in cut)
    result = analyse_article(Article("long", text), nlp)
    per_paragraph = analyse_article(Article("one", paragraph * 3), nlp)
    assert len(result.quotes) == len(per_paragraph.quotes) // 3 * text.count("\n")
    for quote in result.quotes:
        assert text[quote.start : quote.end] == quote.to_standoff(text)["text"]
        assert quote.speaker_name == "Ann Lee"  # "She" at a window's start still finds her
    starts = [q.start for q in result.quotes]
    assert starts == sorted(set(starts))  # no quote twice at a window's edge


def test_a_line_longer_than_the_model_limit_is_cut_into_windows_the_model_can_read(nlp):
    from quotes.extract import analyse_article
    from quotes.windows import WINDOW, windows

    line = '"We will go," Ann Lee said. ' * 40_000  # one paragraph of 1,120,000 characters
    cut = windows(line)
    assert max(w.end - w.context for w in cut) <= WINDOW + 2_000 < nlp.max_length
    assert all(line[w.start - 1] == " " for w in cut[1:])  # cut at sentence ends, never inside a word
    text = line[:60_000]  # the same, analysed: a long line in windows, offsets exact
    result = analyse_article(Article("line", text), nlp)
    assert len(result.quotes) == text.count("said")
    assert all(text[q.start : q.end] == q.to_standoff(text)["text"] for q in result.quotes)


@pytest.mark.parametrize(
    "text, content, speaker, cue",
    [
        # a time or a medium between the cue and the quotation it introduces
        (
            'Rep. Steve King (R-Iowa), tweeted on Friday "#Labrador is pro amnesty. If not this year, he has '
            'strongly advocated for amnesty next year. No fair trying to redefine amnesty."',
            '"#Labrador is pro amnesty. If not this year, he has strongly advocated for amnesty next year. No fair '
            'trying to redefine amnesty."',
            "Rep. Steve King",
            "tweeted",
        ),
        (
            'Mr. Trump wrote on Twitter: "The economy is booming."',
            '"The economy is booming."',
            "Mr. Trump",
            "wrote",
        ),
    ],
)
def test_a_time_or_medium_before_the_quotation(extract, text, content, speaker, cue):
    assert (("direct", content, speaker, cue)) in extract(text)


def test_a_quotation_opening_the_sentence_keeps_both_fragments(extract):
    """'"Q1," Mr. Conway wrote on Twitter, "Q2"': one quote of two fragments, not Q2 alone."""
    text = '"If he knows he is going to lose," Mr. Conway wrote on Twitter, "then he knows he is violating the law."'
    found = extract(text)
    assert found and all(content != '"then he knows he is violating the law."' for _, content, _, _ in found)


@pytest.mark.parametrize(
    "text, kept",
    [
        (
            "Mitt Romney said he opposes it, a few hours after President Barack Obama said for the first time "
            "he supports it.",
            [],
        ),
        ("The senator praised him.", []),  # what was said of him, the sentence does not say
        ('Jeff Weaver called that "beyond preposterous."', ['"beyond preposterous."']),
    ],
)
def test_a_lone_pronoun_is_no_content(extract, text, kept):
    contents = [content for _, content, _, _ in extract(text)]
    assert all(c.lower() not in ("it", "him", "that") for c in contents)
    for wanted in kept:
        assert any(wanted in c for c in contents), contents


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        # a complex preposition hangs the participle on the main verb: its subject speaks
        (
            'Ms. Harris, in addition to calling for the report to be released "immediately," called on Mr. Barr '
            'to "publicly testify under oath."',
            "the report to be released",
            "Ms. Harris",
        ),
        # of two subjects the parse gave the cue, the one after the dash
        (
            "When asked whether Obama flip-flopped on same-sex marriage -- an accusation Romney has some "
            "experience with -- the presumptive Republican presidential nominee said he'd leave it to others.",
            "he'd leave it to others",
            "the presumptive Republican presidential nominee",
        ),
        # a pledge speaks for whoever signed it
        (
            "Last year Romney had signed a pledge sponsored by the National Organization for Marriage promising "
            "to support a federal amendment defining marriage.",
            "to support a federal amendment",
            "Romney",
        ),
        # the parse hangs the reported clause on 'time' as a relative clause
        ("President Barack Obama said for the first time he supports it.", "he supports it", "President Barack Obama"),
        ("Clapper conceded for the first time that the program existed.", "that the program existed", "Clapper"),
        ("He said at the time that the deal was fair.", "that the deal was fair", "He"),
        # 'made it clear': the clause hangs on 'clear', or on 'made'
        (
            "Mr. Romney made it clear that his opposition is a moral conviction.",
            "that his opposition is a moral conviction",
            "Mr. Romney",
        ),
        ("She made clear that she would run.", "that she would run", "She"),
        ("The senator made clear on Sunday that she would run.", "that she would run", "The senator"),
        # a conjunction the parse left at the end of the clause joins nothing to it
        (
            "Mr. Sestak first mentioned publicly in February that he had been offered a job but provided no "
            "details, and the White House for three months had refused to discuss it.",
            "that he had been offered a job but provided no details",
            "Mr. Sestak",
        ),
        # the second half of what was reported, hung on the cue by the parse: past perfect or modal
        (
            "A Kaine spokesman said that the senator was traveling during the vote, but had he been there, he "
            "would have voted to sustain the veto.",
            "that the senator was traveling during the vote, but had he been there, he would have voted to "
            "sustain the veto",
            "A Kaine spokesman",
        ),
        # a participle set off by a comma is the next cue's ('pointed to X as Y, saying, "Q"')
        (
            "In an interview on MSNBC, he pointed to the 2020 presidential election as the best way to oust "
            "Trump from the White House, saying, “I think this is further evidence of it.”",
            "the 2020 presidential election as the best way to oust Trump from the White House",
            "he",
        ),
        # a relative clause whose own cue opens a quotation reports another source ('the code that says:')
        (
            "Critics say the Sestak job offer may have violated the part of the U.S. code that says: "
            '"Whoever promises any employment shall be fined."',
            "the Sestak job offer may have violated the part of the U.S. code",
            "Critics",
        ),
        # a backshifted conjunct is reported even when its verb is a cue ('and had read')
        (
            "He said he had never been more clear in his life, and had read the documents thoroughly and had "
            "understood the consequences of his actions.",
            "he had never been more clear in his life, and had read the documents thoroughly and had understood "
            "the consequences of his actions",
            "He",
        ),
        # the clause runs on past the quotation that opens it: a mixed quote
        (
            'The report comes one day after President Obama insisted "nothing improper" happened with Sestak.',
            '"nothing improper" happened with Sestak',
            "President Obama",
        ),
        # 'that' and a quotation the parse read as no clause ('allegations' an object, 'rest' a noun)
        (
            'The report concluded that "allegations of improper conduct rest on factual errors."',
            '"allegations of improper conduct rest on factual errors."',
            "The report",
        ),
        # the parse hung the subject elsewhere ('prosecutors' on 'papers'): the noun phrase before the cue
        (
            "In the newly filed court papers, prosecutors and lawyers for both Jesse Jackson Jr. and Sandra "
            "Jackson said they were willing to proceed with the cases with Wilkins presiding.",
            "they were willing to proceed with the cases with Wilkins presiding",
            "prosecutors and lawyers for both Jesse Jackson Jr. and Sandra Jackson",
        ),
    ],
)
def test_who_speaks_through_the_parse(extract, text, content, speaker):
    assert any(c == content and s == speaker for _, c, s, _ in extract(text)), extract(text)


@pytest.mark.parametrize(
    "text, not_content",
    [
        ("He said it for the first time when he was asked.", "he was asked"),  # a relative 'when': a time
        ("He made it clear.", "clear"),  # nothing made clear
        ("The water ran clear that morning.", "morning"),
    ],
)
def test_no_clause_no_report(extract, text, not_content):
    assert all(not_content not in c for _, c, _, _ in extract(text)), extract(text)


def test_a_term_in_quotation_marks_after_a_quote_is_no_continuation(extract):
    """The writer's "cloture" in the next sentence is nobody's words; a quotation opening it is."""
    text = (
        'Chuck Schumer announced that he would lead Democrats in blocking a vote. The Senate\'s "cloture" rule '
        'requires 60 votes. "We will not stop," he added.'
    )
    contents = [c for _, c, _, _ in extract(text)]
    assert '"cloture"' not in contents
    assert '"We will not stop,"' in contents


def test_a_second_report_hung_on_the_first_ones_clause_is_the_reporters(extract):
    text = (
        "Thune, who serves in the No. 3 position in Senate GOP leadership, added that Democrats "
        '"have not laid a glove on him" in the hearings and predicted the judge would get an "affirmative" vote.'
    )
    found = {content: speaker for _, content, speaker, _ in extract(text)}
    predicted = next(c for c in found if c.startswith("the judge would get"))
    assert found[predicted] == "Thune"


@pytest.mark.parametrize(
    "text, kept",
    [
        # a title after a preposition is no continuation of the quote before it
        ('"We will do what is necessary," he told Fox News on "America\'s Newsroom," when asked.', False),
        # the speaker's own words after an article are
        ('Cruz called him a "pathological liar," a "serial philanderer" and a "bully."', True),
    ],
)
def test_a_short_quotation_after_a_preposition_is_a_title(extract, text, kept):
    contents = [c for _, c, _, _ in extract(text)]
    last = '"America\'s Newsroom,"' if not kept else '"bully."'
    assert (any(last in c for c in contents)) == kept, contents


def test_a_subject_whose_relative_clause_the_parse_cut_off_still_speaks(extract):
    text = (
        "On Friday, the aide, Elizabeth Lauten, 31, who has more than 14,000 followers on Twitter and at the "
        "time was a spokeswoman for a congressman from Tennessee, wrote an open letter on her Facebook page, "
        'saying they should "try showing a little class."'
    )
    found = extract(text)
    assert [(c[:10], s) for _, c, s, _ in found] == [("they shoul", "the aide")]  # the cut-off clause is no content


def test_a_quotation_nested_in_another_is_no_fragment_of_its_own(nlp):
    """Hypothesis found it: an opening "'" read as a quotation around two quotes gave a quote whose
    fragments overlapped and ran past its end."""
    text = (
        '\'"We will not back down," Mayor Ann Lee said on Monday. "We will not back down," Mayor Ann Lee said '
        "on Monday. The council, according to its chair', “will vote again” next week."
    )
    for quote in extract_article(Article("t", text), nlp):
        pieces = quote.fragments
        assert all(a.end <= b.start for a, b in zip(pieces, pieces[1:], strict=False))
        assert quote.start == pieces[0].start and quote.end == pieces[-1].end


def test_a_report_a_credit_points_at_is_the_inner_speakers(extract):
    """'referring to when Lee said ...': the quoted words are Lee's, not those of who referred to them."""
    text = '"She has changed her mind," Hardy said, referring to when Lee said she would "never raise the tax."'
    found = {content: (speaker, cue) for _, content, speaker, cue in extract(text)}
    assert found['she would "never raise the tax."'] == ("Lee", "said"), found
    assert not any(c.startswith("when Lee") for c in found)


def test_a_quotation_in_a_later_sentence_of_the_writers_carries_no_cue(extract):
    """The writer's own verb ('invited') governs the quotation: the last quote's cue is not carried."""
    text = (
        'Lee attacked the plan, promising that the city would "never pay for that bridge." She later '
        'invited Hardy "to come and see the river for himself."'
    )
    found = {content: (speaker, cue) for _, content, speaker, cue in extract(text)}
    assert found['"to come and see the river for himself."'] == ("Lee", None), found
    # a quotation that opens its sentence still carries the cue
    text = '"We will win," Smith said. "It is a good day for all of us." Then he laughed.'
    assert [cue for _, _, _, cue in extract(text)] == ["said", "said"]


@pytest.mark.parametrize(
    ("text", "end", "whole"),
    [
        ("might be closer to Trump’s.", 24, 26),  # the parser hangs "’s" outside the clause
        ("as strong as those who don't", 25, 28),
        ("she said it was hers", 20, 20),
        ("the 'plan' is final", 10, 10),  # a closing quotation mark is no clitic
    ],
)
def test_content_ends_on_a_whole_word(text, end, whole):
    from quotes.standoff import Span

    assert importlib.import_module("quotes.extract")._whole_words(text, Span(0, end)).end == whole
