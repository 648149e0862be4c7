"""Speaker resolution: titles, aliases, pronouns, descriptions, relays, media mentions, identities."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from quotes.extract import _surname_echoes, analyse_article
from quotes.identities import link_speakers
from quotes.rules_data import load_speaker_rules
from quotes.speakers import (
    Entity,
    _People,
    affiliation_at,
    classify_name,
    loosely_same,
    members_of,
    resolve_speakers,
    same_person,
    split_title,
    without_quantity,
)
from quotes.speakers.names import Speaker
from quotes.speakers.resolver import _described_alike
from quotes.speakers.roles import Role, role_of
from quotes.standoff import Article, Quote, Span

RULES = load_speaker_rules()


def quotes_table(articles, outlets, mentions, names, kinds, titles=None) -> pd.DataFrame:
    """A quotes table with the columns ``link_speakers`` reads (no titles or affiliations unless given)."""
    return pd.DataFrame(
        {
            "article_id": articles,
            "outlet": outlets,
            "speaker": mentions,
            "speaker_name": names,
            "speaker_kind": kinds,
            "speaker_title": titles or [None] * len(names),
            "speaker_affiliation": [None] * len(names),
        }
    )


@pytest.mark.parametrize(
    "mention, name, title",
    [
        ("Secretary of Defense Dr. Mark T. Esper", "Mark T. Esper", "Secretary of Defense"),
        ("Defense Secretary Mark Esper", "Mark Esper", "Defense Secretary"),
        ("Secretary of Defense Mark Esper", "Mark Esper", "Secretary of Defense"),
        ("Secretary of Homeland Security Kirstjen Nielsen", "Kirstjen Nielsen", "Secretary of Homeland Security"),
        ("Secretary of State John F. Kerry", "John F. Kerry", "Secretary of State"),
        ("White House press secretary Sarah Sanders", "Sarah Sanders", "White House press secretary"),
        ("Mr. Esper", "Esper", None),
        ("Sen. Ted Cruz (R-Texas)", "Ted Cruz", "Sen."),
        ("Mr. Justice", "Justice", None),
        ("Sen. Al Franken", "Al Franken", "Sen."),  # "Al" is a first name here, not a particle
        ("Representative-elect Mikie Sherrill", "Mikie Sherrill", "Representative-elect"),
        ("President-elect Donald Trump", "Donald Trump", "President-elect"),
        ("Beyond Trump's", "Trump", None),  # the recogniser's slip: a preposition is no first name
        ("Rep. Will Hurd", "Will Hurd", "Rep."),
        ("Senate Majority Whip Dick Durbin", "Dick Durbin", "Senate Majority Whip"),
        ("Republican Trump", "Trump", "Republican"),
        ("His former business partner at Lenox", None, "His former business partner"),
        ("the president", None, "president"),
    ],
)
def test_split_title(mention, name, title):
    assert split_title(mention, RULES) == (name, title)


def test_classify_name_reads_members_of_a_named_body_as_a_group():
    speaker = classify_name("all seven Republicans on the Senate Judiciary Committee", None, RULES)
    assert (speaker.name, speaker.kind) == ("Senate Judiciary Committee Republicans", "group")
    assert classify_name("Friends of the Earth", "ORG", RULES).name == "Friends of the Earth"  # a body's name


@pytest.mark.parametrize(
    "description, name",
    [
        ("conservatives in the House", "House conservatives"),
        ("Democrats on the Senate Judiciary Committee", "Senate Judiciary Committee Democrats"),
        ("Supporters of Mr. McCarthy", "McCarthy supporters"),
        ("supporters of Democrat Hillary Clinton", "Hillary Clinton supporters"),
        ("senators from Ohio", "Ohio senators"),  # a title's plural
        ("members of the Justice Department", "Justice Department members"),  # a body keeps its title word
        ("comments from Fox", None),  # no people
        ("critics of the plan", None),  # no name after the preposition
        ("months of Trump", None),
        ("supporters of Mr. McCarthy and others", None),  # more than a name after it
    ],
)
def test_members_of(description, name):
    assert members_of(description, RULES) == name


@pytest.mark.parametrize(
    "description, kept",
    [
        ("Some Republicans", "Republicans"),
        ("all seven Republicans", "Republicans"),
        ("Four other candidates", "candidates"),
        ("Two of his colleagues", "Two of his colleagues"),  # the number is who they are
        ("Six in 10 voters", "Six in 10 voters"),
        ("Nine months of Trump", "Nine months of Trump"),
        ("2020 Democrats", "2020 Democrats"),
    ],
)
def test_without_quantity(description, kept):
    assert without_quantity(description) == kept


@pytest.mark.parametrize(
    "mention, label, name, kind",
    [
        ("the Pentagon", None, "U.S. Department of Defense", "government"),
        ("DoD", None, "U.S. Department of Defense", "government"),
        ("The U.S. Defense Department", None, "U.S. Department of Defense", "government"),
        ("Tehran", "GPE", "Iran", "government"),
        ("Reuters", "ORG", "Reuters", "media"),
        ("A US defense official", None, "anonymous US defense official", "anonymous"),
        ("sources", None, "anonymous sources", "anonymous"),
        ("the Clinton campaign", None, "Clinton campaign", "organisation"),
        ("Keith Lamont Scott", "ORG", "Keith Lamont Scott", "person"),
        ("the Log Cabin Republicans", "PERSON", "Log Cabin Republicans", "organisation"),  # a party's, no surname
        ("Stormy Daniels", "PERSON", "Stormy Daniels", "person"),
    ],
)
def test_classify_name(mention, label, name, kind):
    speaker = classify_name(mention, label, RULES)
    assert (speaker.name, speaker.kind) == (name, kind)


@pytest.mark.parametrize("mention", ["the department", "critics", "the statement", "he", "Earlier Friday"])
def test_descriptions_and_pronouns_are_not_names(mention):
    assert classify_name(mention, None, RULES) is None


@pytest.fixture(scope="module")
def speakers_of(nlp):
    def run(text: str):
        result = analyse_article(Article("t", text), nlp)
        return [
            (text[q.speaker.start : q.speaker.end] if q.speaker else None, q.speaker_name, q.speaker_kind, q.via)
            for q in result.quotes
        ], result.media

    return run


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            'Defense Secretary Mark Esper spoke on Friday. "We will respond," he said.',
            [("he", "Mark Esper", "person")],
        ),
        (
            'Mark Esper arrived. "We are ready," Mr. Esper said.',
            [("Mr. Esper", "Mark Esper", "person")],
        ),
        (
            'Hillary Clinton met Donald Trump in the debate. "It was a good night," she said.',
            [("she", "Hillary Clinton", "person")],
        ),
        (
            'The Justice Department opened an inquiry. "No one is above the law," the department said.',
            [("the department", "U.S. Department of Justice", "government")],
        ),
        (
            'The Pentagon issued a statement on Monday. "We acted in self-defense," the statement read.',
            [("the statement", "U.S. Department of Defense", "government")],
        ),
        (
            "Critics said the plan would fail.",
            [("Critics", "critics", "unnamed")],
        ),
        (
            '"It was a mistake," an official said.',
            [("an official", "anonymous official", "anonymous")],
        ),
    ],
)
def test_resolved_speakers(speakers_of, text, expected):
    found, _ = speakers_of(text)
    assert [(m, n, k) for m, n, k, _ in found] == expected


@pytest.mark.parametrize(
    "text, name",
    [
        # a title's full stop ends no sentence, so the subject two sentences back is still in sight
        (
            "House leader Steny Hoyer spoke next, urging Sen. Mitch McConnell to act. "
            "“The president must stop. There is no reason to wait,” he said.",
            "Steny Hoyer",
        ),
        # the owner of a subject is what the sentence is about
        (
            'John Podesta spoke first. Barack Obama’s bet is that the rules will last. "They will hold," he says.',
            "Barack Obama",
        ),
        # a title used as a description is the person given that title
        (
            "Rep. Anthony Weiner spoke to Jane Roe on Monday. The congressman also expressed concern. "
            "“I am protecting my wife,” he told CNN.",
            "Anthony Weiner",
        ),
    ],
)
def test_a_pronoun_names_the_latest_subject_in_sight(speakers_of, text, name):
    found, _ = speakers_of(text)
    assert found[-1][:2] == ("he", name)


@pytest.mark.parametrize(
    "text, name",
    [
        # a clause joined by 'as' to a sentence whose subject is no one: the person that sentence names
        (
            "Mayor Bob Lee spoke first. The plan drew a sharp reply from Tom Hardy, as he called on Lee "
            'to "stop pretending."',
            "Tom Hardy",
        ),
        # a sentence with a person as subject keeps the subject: 'he' is Mayor Lee, not Hardy
        (
            'Mayor Tom Lee met Bob Hardy on Monday, and he said the plan would "work for everyone."',
            "Tom Lee",
        ),
    ],
)
def test_a_pronoun_in_a_joined_clause_names_who_its_sentence_names(speakers_of, text, name):
    found, _ = speakers_of(text)
    assert found[-1][:2] == ("he", name), found


def test_unresolvable_pronoun_is_unknown(speakers_of):
    found, _ = speakers_of('"We will win," they said.')
    assert found[0][1:3] == (None, "unknown")


def test_relay_and_media_mentions(speakers_of):
    text = (
        "According to Agence France-Presse, Tehran later warned Washington, saying "
        '"Mr. Trump should reconsider." A US official told CNN that talks would go on. '
        "Fox News was first to report the strike."
    )
    found, media = speakers_of(text)
    tehran = next(q for q in found if q[0] == "Tehran")
    assert tehran[1:] == ("Iran", "government", "Agence France-Presse")
    roles = {(m.outlet, m.role) for m in media}
    assert ("CNN", "interviewed") in roles
    assert ("Fox News", "reported") in roles
    assert ("Agence France-Presse", "relayed a quote") in roles


def test_a_plain_mention_of_an_outlet_is_no_relay(speakers_of):
    found, media = speakers_of('Reuters has an office in Baghdad. "We are safe," the mayor said.')
    assert found and all(via is None for *_, via in found)
    assert [m.role for m in media] == ["mentioned"]


def test_one_identity_across_articles():
    quotes = quotes_table(
        ["a", "b", "c", "c", "d"],
        ["CBS", "CNN", "Fox", "Fox", "Fox"],
        ["Esper", "Defense Secretary Mark Esper", "the Pentagon", "officials", "he"],
        ["Esper", "Mark Esper", "U.S. Department of Defense", "anonymous officials", None],
        ["person", "person", "government", "anonymous", "unknown"],
        titles=[None, "Defense Secretary", None, None, None],
    )
    ids, names, _, _, speakers, links = link_speakers(quotes)
    assert ids[0] == ids[1] == "mark-esper"
    assert links[0] == "surname fits one person of the run: Mark Esper"
    assert links[1] == "same name"
    assert links[3].startswith("this article's own")
    assert links[4] is None
    assert list(names[:2]) == ["Mark Esper", "Mark Esper"]
    assert pd.isna(ids[4])  # unknown speakers get no id and are not counted
    assert set(speakers["speaker_name"]) == {"Mark Esper", "U.S. Department of Defense", "anonymous officials"}
    assert speakers.set_index("speaker_name").loc["Mark Esper", "outlets"] == ["CBS", "CNN"]


def test_a_missing_name_in_a_string_column_gets_no_id():
    # pandas 3 reads text columns as strings with NaN for missing values; NaN is no name.
    quotes = quotes_table(["a", "b"], ["X", "Y"], ["the panel", "Esper"], [None, "Esper"], ["unnamed", "person"])
    quotes["speaker_name"] = quotes["speaker_name"].astype("string")
    ids, names, *_ = link_speakers(quotes)
    assert ids[0] is None and pd.isna(names[0]) and ids[1] == "esper"


def test_two_people_sharing_a_surname_stay_apart():
    quotes = quotes_table(
        ["a", "b", "c"],
        ["X", "Y", "Z"],
        ["Donald Trump", "Ivanka Trump", "Trump"],
        ["Donald Trump", "Ivanka Trump", "Trump"],
        ["person"] * 3,
    )
    ids, *_ = link_speakers(quotes)
    assert ids[0] != ids[1]
    assert ids[2] == "trump"  # ambiguous surname: not forced onto either


def test_a_surname_goes_to_the_person_quoted_far_more_often():
    names = ["Donald Trump"] * 3 + ["Ivanka Trump", "Trump"]
    quotes = quotes_table(list("abcde"), ["X"] * 5, names, names, ["person"] * 5)
    linked = link_speakers(quotes)
    assert linked.speaker_id[4] == "donald-trump" != linked.speaker_id[3]


def test_a_surname_taken_for_an_organisation_joins_the_one_person_with_that_surname():
    quotes = quotes_table(
        ["a", "b", "c"],
        ["X", "Y", "Z"],
        ["Jim Mattis", "Mattis", "Google"],
        ["Jim Mattis", "Mattis", "Google"],
        ["person", "organisation", "organisation"],
    )
    linked = link_speakers(quotes)
    assert linked.speaker_id[0] == linked.speaker_id[1] == "jim-mattis"
    assert list(linked.speaker_kind) == ["person", "person", "organisation"]  # no person is called Google


def test_a_group_has_the_affiliation_its_members_share(nlp):
    text = (
        'Sen. Pat Toomey (R-Pa.) spoke. Sen. Kelly Ayotte (R-N.H.) agreed. "We will win," Toomey and Ayotte said. '
        'Sen. Tim Kaine (D-Va.) spoke. "No," Toomey and Kaine said.'
    )
    found = [(q.speaker_name, q.speaker_affiliation) for q in analyse_article(Article("t", text), nlp).quotes]
    assert found == [("Pat Toomey and Kelly Ayotte", "Republicans"), ("Pat Toomey and Tim Kaine", None)]


def test_a_group_stays_in_its_article_and_apart_from_its_members():
    quotes = quotes_table(
        ["a", "b", "b"],
        ["X", "Y", "Y"],
        ["Trump and Ryan", "Trump and Ryan", "Ryan"],
        ["Donald Trump and Paul Ryan", "Donald Trump and Paul Ryan", "Paul Ryan"],
        ["group", "group", "person"],
    )
    ids = list(link_speakers(quotes).speaker_id)
    assert len(set(ids)) == 3 and ids[2] == "paul-ryan"


def test_a_persons_campaign_is_one_body_across_articles():
    quotes = quotes_table(
        ["a", "b", "c", "c"],
        ["X", "Y", "Z", "Z"],
        ["his campaign", "the Sanders campaign", "Sanders", "the Clinton campaign"],
        ["Bernie Sanders campaign", "Sanders campaign", "Bernie Sanders", "Clinton campaign"],
        ["organisation", "organisation", "person", "organisation"],
    )
    ids = list(link_speakers(quotes).speaker_id)
    assert ids[0] == ids[1] == "bernie-sanders-campaign"
    assert ids[3] == "clinton-campaign"  # no Clinton of the run to name it after


def test_user_alias_file(tmp_path):
    mine = tmp_path / "aliases.tsv"
    mine.write_text("Acme Widgets\tAcme Corporation\torganisation\n", encoding="utf-8")
    rules = load_speaker_rules((str(mine),))
    assert classify_name("Acme Widgets", None, rules).name == "Acme Corporation"


@pytest.mark.parametrize(
    "text, name, kind",
    [
        # the recogniser's "organisation" followed by ', who' or after a person's title is a person
        ('Jorge Salas, who led the union, spoke first. "We will not pay," he said.', "Jorge Salas", "person"),
        ('Former Governor Jorge Salas spoke first. "We will not pay," he said.', "Jorge Salas", "person"),
        # ... but not a named organisation
        ('Acme Holdings, which owns the plant, replied. "We will not pay," it said.', "Acme Holdings", "organisation"),
    ],
)
def test_organisation_label_read_as_person_from_context(text, name, kind):
    start, pronoun, opening = text.index(name), text.rindex(" said") - 2, text.index('"')
    entities = [Entity(start, start + len(name), "ORG", True)]
    content = Span(opening, text.index('"', opening + 1) + 1)
    quote = Quote(
        (content,), "direct", Span(pronoun, pronoun + 2), Span(pronoun + 3, pronoun + 7), "say", "neutral", "ccomp", 0.9
    )
    speaker = resolve_speakers(Article("t", text), [quote], entities)[0]
    assert (speaker.name, speaker.kind) == (name, kind)


@pytest.mark.parametrize(
    "text, name, affiliation",
    [
        ("Senate Minority Leader Chuck Schumer (D-N.Y.) spoke.", "Chuck Schumer", "Democrats"),
        ("House Speaker Paul Ryan, R-Wis., spoke.", "Paul Ryan", "Republicans"),
        ("Democratic Sen. Claire McCaskill spoke.", "Claire McCaskill", "Democrats"),
        ("Republican presidential nominee Donald Trump spoke.", "Donald Trump", "Republicans"),
        ("Obama campaign spokeswoman Lis Smith spoke.", "Lis Smith", "Obama campaign"),
        ("NAACP President Ben Jealous spoke.", "Ben Jealous", "NAACP"),
        ("Clinton's campaign chairman, John Podesta, spoke.", "John Podesta", "Clinton campaign"),
        ("Clinton's lawyer, John Podesta, spoke.", "John Podesta", None),
        # a known acronym reads as its body's one name, before a title as in an apposition
        ("FBI Director Chris Wray spoke.", "Chris Wray", "Federal Bureau of Investigation"),
        ("Chris Wray, the director of the FBI, spoke.", "Chris Wray", "Federal Bureau of Investigation"),
        ("White House Communications Director Hope Hicks spoke.", "Hope Hicks", "White House"),
        ("Pentagon spokesman Jonathan Hoffman spoke.", "Jonathan Hoffman", "U.S. Department of Defense"),
        ("Senate Majority Leader Mitch McConnell spoke.", "Mitch McConnell", "U.S. Senate"),
        ("Defense Secretary Mark Esper spoke.", "Mark Esper", None),
        ("Washington Gov. Jay Inslee (D) spoke.", "Jay Inslee", "Democrats"),
        ('"We are ready for it," Mr. Jay Inslee said.', "Jay Inslee", None),
        # an apposition right after the name
        ("Senator Richard Blumenthal, Democrat of Connecticut, spoke.", "Richard Blumenthal", "Democrats"),
        ("Kevin Madden, a Republican communications strategist, spoke.", "Kevin Madden", "Republicans"),
        ("Jane Roe, a spokeswoman for the NAACP, spoke.", "Jane Roe", "NAACP"),
        ("John Doe, a professor at Georgetown University. He spoke.", "John Doe", "Georgetown University"),
        # no affiliation given, or one that belongs to something else
        ("Jim Manley, a spokesman for House Speaker Paul Ryan, spoke.", "Jim Manley", None),
        ("Hillary Clinton, Republican nominee Donald Trump said, is a liar.", "Hillary Clinton", None),
        ("Mary Jones spoke.", "Mary Jones", None),
        ("The Republican plan, Mary Jones said, is flawed.", "Mary Jones", None),
        ("Critics of the Democratic bill, like Mary Jones (a lawyer), spoke.", "Mary Jones", None),
    ],
)
def test_affiliation_the_text_gives(text, name, affiliation):
    start = text.index(name)
    assert affiliation_at(text, start, start + len(name), load_speaker_rules()) == affiliation


@pytest.mark.parametrize(
    "text, name",
    [
        # the quotation in between is someone else's: the document is still its issuer's
        (
            "The American Library Association passed a resolution on Tuesday. "
            '"We disagree," said Mayor Ann Lee. "Books are not crimes," the resolution says.',
            "American Library Association",
        ),
        (
            "The Republican National Committee released an ad on Monday. "
            '"It is a lie," said Mayor Ann Lee. "She will fight for you," the ad says.',
            "Republican National Committee",
        ),
        # no named subject: the name that opens the sentence ('The Romney campaign') issued it
        (
            "The Romney campaign retorted with an ad of its own on Tuesday. "
            '"It is a lie," said Mayor Ann Lee. "You paid in to Medicare for years," the ad says.',
            "Romney",
        ),
        (
            "Donald Trump spoke on Friday. Later, Trump’s account tweeted: “I had to fire General Flynn.”",
            "Donald Trump",
        ),
    ],
)
def test_a_document_speaks_for_who_the_text_says_issued_it(speakers_of, text, name):
    found, _ = speakers_of(text)
    assert found[-1][1] is not None and name in found[-1][1], found


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Court papers released by federal prosecutors on Wednesday detailed the spending. "
            '"I regret it," Jackson said. He bought a guitar, according to the documents.',
            "federal prosecutors",
        ),
        (
            "Filings made public by the Federal Election Commission on Monday were long. "
            '"We won," said Mayor Ann Lee. The campaign spent $2 million, the filings say.',
            "Federal Election Commission",
        ),
        # two people who issued it together are one group
        (
            "House Speaker Nancy Pelosi (D-Calif.) and Senate Minority Leader Chuck Schumer (D-N.Y.) released a "
            'joint statement. "Barr must not give Trump a preview," the joint statement said.',
            "Nancy Pelosi and Chuck Schumer",
        ),
        # a document cited as a source says nothing of who issued it ('according to the documents')
        (
            "Court papers released by federal prosecutors on Wednesday detailed the spending. Mr. Jackson bought "
            "televisions, according to the documents. In 2008, Mr. Jackson used the money for dinners, the "
            "document said.",
            "federal prosecutors",
        ),
        # the mention's own release phrase
        (
            "Mr. Comey spoke on Monday. A report released by the Brookings Institution last year estimated "
            "that 46,000 accounts were used.",
            "Brookings Institution",
        ),
        # an author named without a verb: 'the report, by X,'
        (
            "The White House said in a report released Friday that it acted lawfully. But the report, by White "
            "House Counsel Robert Bauer, was short. Batting down the claims, the report said that no job was offered.",
            "Robert Bauer",
        ),
    ],
)
def test_documents_speak_for_who_the_text_says_released_them(speakers_of, text, name):
    found, _ = speakers_of(text)
    assert found[-1][1] == name, found


def test_a_document_by_someone_is_no_other_document(speakers_of):
    """'a memo by the inspector general' wrote no report: without a verb of release, the nouns agree."""
    text = (
        '"We won," said Mayor Ann Lee. A memo by the inspector general was found in a drawer. '
        "The congressional report said that the data was lost."
    )
    found, _ = speakers_of(text)
    assert found[-1][0] == "The congressional report" and "inspector" not in (found[-1][1] or ""), found


def test_documents_from_many_sources_are_not_the_latest_speakers(speakers_of):
    """'Leaked documents' and 'the reports' have many authors: no one the text last quoted."""
    found, _ = speakers_of('"We won," said Mayor Ann Lee. Leaked documents revealed that the city paid $2 million.')
    assert found[-1][0] == "Leaked documents" and found[-1][1] != "Ann Lee", found


@pytest.mark.parametrize(
    "text, name",
    [
        ("Clinton met a Democratic strategist who said that the race was close.", "Democratic strategist"),
        ("Trump met the Mexican president, who said that NAFTA was good.", "Mexican president"),
    ],
)
def test_a_relative_pronoun_after_a_common_noun_speaks_for_that_noun(speakers_of, text, name):
    found, _ = speakers_of(text)
    assert found[-1][1:3] == (name, "unnamed"), found


@pytest.mark.parametrize(
    "text, name",
    [
        # the document's own words name its issuer
        (
            "On top of a Guardian newspaper report that revealed how authorities were collecting phone records "
            "from millions, a second program came to light.",
            "The Guardian",
        ),
        # the sentence says who released it
        (
            "The Nevada Democratic Party said the convention was chaotic. But Mr. Sanders showed no sign of "
            "backing down, releasing a statement that condemned violence.",
            "Sanders",
        ),
    ],
)
def test_a_relative_pronoun_after_a_document_speaks_for_the_issuer_it_names(speakers_of, text, name):
    found, _ = speakers_of(text)
    assert found and found[-1][1] == name, found


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ('A spokesperson for Google says the company "cares deeply" about data.', "Google", "organisation"),
        ('"We are ready," a Pentagon spokesman said.', "U.S. Department of Defense", "government"),
        ('"We comply with the law," said a Microsoft spokesperson.', "Microsoft", "organisation"),
        ('"We are ready," the new Pentagon statement said.', "U.S. Department of Defense", "government"),
        ('"We are ready," a statement from the White House said.', "White House", "government"),
        (
            "A September 2010 Congressional Research Service report said that the rule was legal.",
            "Congressional Research Service",
            "organisation",
        ),
        # the words after the noun name the issuer, or no one: no earlier speaker stands in
        (
            'Clinton spoke. "We won," she said. The transcript of the debate shows that she won.',
            "transcript of the debate",
            "unnamed",
        ),
    ],
)
def test_a_spokesperson_or_document_speaks_for_the_body_it_names(speakers_of, text, name, kind):
    found, _ = speakers_of(text)
    assert found[-1][1:3] == (name, kind), found


@pytest.mark.parametrize(
    "text, entity, name",
    [
        ('Republican voters are angry. "We want change," they said.', "Republican", None),  # an adjective
        ('Republicans are angry. "We want change," they said.', "Republicans", "Republicans"),
    ],
)
def test_they_points_back_to_a_group_noun_not_an_adjective(text, entity, name):
    entities = [Entity(0, len(entity), "NORP", True)]
    mention, content = text.rindex("they"), Span(text.index('"'), text.rindex('"') + 1)
    quote = Quote((content,), "direct", Span(mention, mention + 4), Span(mention + 5, mention + 9), "say")
    [speaker] = resolve_speakers(Article("t", text), [quote], entities, RULES)
    assert speaker.name == name


@pytest.mark.parametrize(
    "text, name, kind",
    [
        (
            'Donald Trump met Paul Ryan. "We will work together," Trump and Ryan said. "We are united," they said.',
            "Donald Trump and Paul Ryan",
            "group",
        ),
        (
            '"It is over," said Senator Ted Cruz of Texas and Senator Rand Paul of Kentucky.',
            "Ted Cruz and Rand Paul",
            "group",
        ),
        ('"We are ready," said The New York Times and the Wall Street Journal.', None, "group"),
        # 'some' of a body's members: the body
        (
            "Democrats and some Republicans have said it is hardly unusual for presidents to offer jobs.",
            "Democrats and Republicans",
            "group",
        ),
        # one body's name holds the 'and'; a part that names no one makes no group
        ('"It is over," said Procter and Gamble.', "Procter and Gamble", "organisation"),
        ('Sen. John Pate met voters. "We will win," Pate and his allies said.', "pate and his allies", "unnamed"),
    ],
)
def test_named_speakers_quoted_jointly_are_one_group(speakers_of, text, name, kind):
    found, _ = speakers_of(text)
    assert found and all(k == kind for _, _, k, _ in found), found
    assert name is None or all(n == name for _, n, _, _ in found), found


def test_it_points_back_to_the_body_a_document_speaks_for(speakers_of):
    text = (
        'The Romney campaign released an ad on Tuesday. "You paid into Medicare," the ad says. '
        'It also claims that "Obama cut Medicare."'
    )
    found, _ = speakers_of(text)
    assert [(m, n, k) for m, n, k, _ in found] == [
        ("the ad", "Romney campaign", "organisation"),
        ("It", "Romney campaign", "organisation"),
    ]


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ('Bernie Sanders spoke in Iowa. "We will win," his campaign said.', "Bernie Sanders campaign", "organisation"),
        ('Bernie Sanders spoke in Iowa. "We will win," his wife said.', "Bernie Sanders's wife", "unnamed"),
        # a title at the end describes a person, not the body before it
        ('"We will win," Clinton\'s campaign chairman, John Podesta, said.', "John Podesta", "person"),
        ('"We will win," said Obama\'s campaign press secretary.', "obama's campaign press secretary", "unnamed"),
    ],
)
def test_a_persons_campaign_is_an_organisation(speakers_of, text, name, kind):
    found, _ = speakers_of(text)
    assert found[-1][1:3] == (name, kind), found


def test_a_nationality_before_a_body_word_is_that_body():
    text = "Lobbyists met members of the Saudi government, which said that it had no role."
    start = text.index("Saudi")
    mention = text.index("which")
    content = Span(text.index("that it"), len(text) - 1)
    quote = Quote((content,), "indirect", Span(mention, mention + 5), Span(mention + 6, mention + 10), "say")
    [speaker] = resolve_speakers(Article("t", text), [quote], [Entity(start, start + 5, "NORP", False)], RULES)
    assert (speaker.name, speaker.kind) == ("Saudi government", "government")


@pytest.mark.parametrize(
    "labels, kind",
    [
        (["PERSON", "PERSON", "PERSON", "ORG", "ORG"], "person"),
        (["PERSON", "ORG", "PERSON", "ORG", "ORG"], "organisation"),  # no majority: the recogniser's label stands
    ],
)
def test_a_one_word_name_mostly_tagged_a_person_is_one(labels, kind):
    text = 'President Trump spoke. Trump left. Mr. Trump ate. Trump met Bob Lee. "I won," Trump says.'
    entities = [
        Entity(m.start(), m.end(), label, False) for m, label in zip(re.finditer("Trump", text), labels, strict=True)
    ]
    mention, content = text.rindex("Trump"), Span(text.index('"'), text.rindex('"') + 1)
    quote = Quote((content,), "direct", Span(mention, mention + 5), Span(mention + 6, mention + 10), "say")
    [speaker] = resolve_speakers(Article("t", text), [quote], entities, RULES)
    assert (speaker.name, speaker.kind) == ("Trump", kind)


def test_a_name_particle_is_no_first_name():
    people = _People()
    for name in ("Bill de Blasio", "De Blasio", "Bill Lee"):
        people.add(name)
    assert people.canonical("Blasio") == "Bill de Blasio"  # "De Blasio" is no second Blasio
    assert same_person("Van Voorhis", "Chandler Van Voorhis")
    assert same_person("O'Neill", "James O’Neill")  # either apostrophe
    assert not same_person("Van Voorhis", "Chandler Voorhees")


@pytest.mark.parametrize(
    "short, full, same",
    [
        ("Donald Trump", "Donald Trump Jr.", False),  # a suffix makes another person
        ("Donald J. Trump", "Donald Trump Jr.", False),
        ("James Clapper Sr.", "James R. Clapper Jr.", False),
        ("Trump", "Donald Trump Jr.", True),  # a surname alone may name either
        ("Trump Jr.", "Donald Trump Jr.", True),  # a surname and its suffix
        ("Trump Jr.", "Donald Trump", False),
        ("Clapper Sr.", "James R. Clapper Jr.", False),
        ("Jesse L. Jackson Jr.", "Jesse Jackson Jr.", True),
        ("Bob Goodlatte", "Robert W. Goodlatte", True),  # nicknames.tsv
        ("Raul Labrador", "Raúl R. Labrador", True),  # accents do not matter
        ("Mark Esper", "Mary Esper", False),
        ("George W. Bush", "George H. W. Bush", False),  # middle initials that differ: two people
        ("George Bush", "George H. W. Bush", True),  # a middle initial on one name only: one
        ("Robert Mueller", "Robert S. Mueller III", True),  # a numeral on one name only: one
        ("Robert Mueller II", "Robert S. Mueller III", False),
        ("Kim", "Kim Jong Un", True),  # surname first (surname_first.tsv)
        ("Jong Un", "Kim Jong Un", False),  # the given name is no surname
        ("Kim Jong Il", "Kim Jong Un", False),  # the whole given name decides: father and son
        ("Kim Jong-un", "Kim Jong Un", True),
        ("Park", "Park Geun-hye", True),
        ("Geun-hye", "Park Geun-hye", False),
        ("Xi", "Xi Jinping", True),
        ("Nguyen", "Nguyen Xuan Phuc", True),
        ("Davis", "Kim Davis", True),  # Western order: 'Davis' is no given name of the korean shape
        ("Kim", "Kim Davis", False),
        ("Wood", "Lin Wood", True),  # 'Wood' is no pinyin
        ("Joseph diGenova", "diGenova", True),
        ("Michael Conaway", "K. Michael Conaway", True),  # an initial before the name he goes by
        ("Mary Conaway", "K. Michael Conaway", False),
    ],
)
def test_same_person(short, full, same):
    assert same_person(short, full) is same
    assert same_person(full, short) is same


def test_a_surname_goes_to_the_one_person_of_its_gender():
    people = _People(RULES.first_names)
    for name in ("Malia Obama", "Sasha Obama", "Harold Finch", "Harold Finch Jr.", "Donald Trump", "Donald Trump Jr."):
        people.add(name)
    assert people.canonical("Obama") == "Obama"  # two fit, nothing decides
    assert people.canonical("Obama", "m") == "Obama"  # 'Mr. Obama' is neither daughter
    people.add("Barack Obama")
    assert people.canonical("Obama", "m") == "Barack Obama"
    assert people.canonical("Finch") == "Finch"  # father and son
    assert people.canonical("Donald Trump") == "Donald Trump"
    # namesakes.txt: a mention without the suffix is never Donald Trump Jr.
    assert people.canonical("Trump") == "Donald Trump"
    assert people.canonical("Trump Jr.") == "Donald Trump Jr."


def test_mr_and_mrs_decide_between_people_of_one_surname(nlp):
    from quotes.extract import analyse_article

    text = (
        "Melania Trump and Donald Trump arrived on Monday.\n\n"
        '"It was a long trip," Mrs. Trump said.\n\n'
        '"We will be back," Mr. Trump said.\n\n'
        '"Thank you," Trump said.'
    )
    names = [q.speaker_name for q in analyse_article(Article("t", text), nlp).quotes]
    assert names == ["Melania Trump", "Donald Trump", "Trump"]  # the last stays unresolved in the article


def test_a_son_is_never_his_father_across_the_run():
    names = ["Donald Trump", "Donald Trump Jr.", "Donald J. Trump", "Trump", "Donald Trump"]
    quotes = quotes_table(list("abcde"), ["X"] * 5, names, names, ["person"] * 5)
    linked = link_speakers(quotes)
    assert linked.speaker_id[1] == "donald-trump-jr"
    assert (
        linked.speaker_id[0]
        == linked.speaker_id[2]
        == linked.speaker_id[3]
        == linked.speaker_id[4]
        != "donald-trump-jr"
    )


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ('"We need answers," said Sen. Jane Roe of California.', "Jane Roe", "person"),
        ('"We need answers," said Rev. John Paul Hopping of Our Lady of Grace.', "John Paul Hopping", "person"),
        ('"It is over," said Bank of America.', "Bank of America", "organisation"),
    ],
)
def test_a_person_of_a_place_is_the_person(speakers_of, text, name, kind):
    found, _ = speakers_of(text)
    assert found[0][1:3] == (name, kind)


def test_a_lone_surname_the_recogniser_missed_is_the_person_named_in_full():
    text = "Rep. Adam Schiff spoke. Later, Schiff doubled down; Schiffer and Mr. Schiff's aide left."
    named = Entity(text.index("Adam"), text.index("Adam") + len("Adam Schiff"), "PERSON", True)
    echoes = _surname_echoes(text, [named], [])
    assert [(text[e.start : e.end], e.start) for e in echoes] == [
        ("Schiff", text.index("Schiff doubled")),
        ("Schiff", text.index("Schiff's")),
    ]
    assert echoes and all(e.label == "PERSON" for e in echoes)


@pytest.mark.parametrize(
    "mention, label, name, kind",
    [
        ("Some Republicans", "NORP", "Republicans", "organisation"),
        ("a few of the most hardline House Republicans", "NORP", "hardline House Republicans", None),
        ("A number of the Internet companies", "ORG", "Internet companies", "organisation"),
        ("One America News", "ORG", "One America News", "organisation"),  # a numeral opening a name stays
        ("a source with knowledge of the exchange", None, None, "anonymous"),
        ("a Republican aide close to the majority whip", None, None, "anonymous"),
        ("an aide to Mr. McCarthy", None, None, "anonymous"),
        ("Historian Alan Brinkley", "PERSON", "Alan Brinkley", "person"),
        ("the Huffington Post", "ORG", "The Huffington Post", "media"),
    ],
)
def test_quantities_and_heads_of_descriptions(mention, label, name, kind):
    speaker = classify_name(mention, label, RULES)
    assert speaker.kind == kind if kind else speaker is not None
    if name:
        assert speaker.name == name


@pytest.mark.parametrize(
    "outlet, mention, name, kind",
    [
        ("New York Times", "the Times", "The New York Times", "media"),
        ("Washington Post", "The Post", "The Washington Post", "media"),
        ("Fox News", "the Times", None, None),  # in another outlet's article: not taken for the New York Times
    ],
)
def test_an_outlet_names_itself_by_its_last_word(outlet, mention, name, kind):
    text = f'"We stand by our reporting," {mention} said in a statement.'
    start = text.index(mention)
    quote = Quote((Span(0, 31),), "direct", Span(start, start + len(mention)), None, "say")
    [speaker] = resolve_speakers(Article("t", text, outlet=outlet), [quote], [], RULES)
    if name is None:
        assert speaker.name != "The New York Times"
    else:
        assert (speaker.name, speaker.kind) == (name, kind)


def test_a_name_in_what_someone_said_is_not_the_writers_next_he(nlp):
    from quotes.extract import analyse_article

    text = (
        "Former Representative Beto O'Rourke campaigned in South Carolina on Friday.\n\n"
        "Mr. O'Rourke, asked if he supported impeaching Mr. Trump, said he believed the president and his 2016 "
        'campaign "at least sought to collude with the Russian government" and that Mr. Trump "sought to obstruct '
        'justice" once in office.\n\n'
        '"I think those are grounds enough for members of the House to act," he said.'
    )
    quotes = analyse_article(Article("t", text), nlp).quotes
    assert quotes[-1].speaker_name == "Beto O'Rourke"


@pytest.mark.parametrize(
    "sentence, name",
    [
        (
            '"We will win," his likely GOP rival Mitt Romney said.',
            "Mitt Romney",
        ),  # someone's description, then the name
        ('"We will win," NBC’s Dante Chinni said.', "Dante Chinni"),
        ('"We will win," Peter Keating at Vanity Fair said.', "Peter Keating"),
        ('"We will win," Mr. Udall and Mr. Wyden said.', "Mark Udall and Ron Wyden"),  # joint, not the last name
    ],
)
def test_the_name_at_the_end_of_a_description_speaks(nlp, sentence, name):
    from quotes.extract import analyse_article

    text = "Barack Obama, Mitt Romney, Dante Chinni, Peter Keating, Mark Udall and Ron Wyden met.\n\n" + sentence
    quotes = analyse_article(Article("t", text), nlp).quotes
    assert quotes[-1].speaker_name == name


@pytest.mark.parametrize(
    "sentence, name",
    [
        (
            '"We are pleased," said the president’s personal attorneys Rudy Giuliani and Jay Sekulow in a statement.',
            "Rudy Giuliani and Jay Sekulow",
        ),
        ('"We object," two senators, Mark Udall and Ron Wyden, wrote.', "Mark Udall and Ron Wyden"),
        (
            "Senate Minority Leader Chuck Schumer, D-N.Y., and Sen. Elizabeth Warren, D-Mass., both called Tuesday "
            "for a delay.",
            "Chuck Schumer and Elizabeth Warren",  # the parse's subject is the title; the names beside it are both
        ),
        ("Senate Minority Leader Mark Udall called for a delay, and Ron Wyden agreed.", "Mark Udall"),
        ('"We object," the senators wrote, as Mark Udall and Ron Wyden left.', "senators"),  # names not set beside
        ('"We object," the senators wrote to Mark Udall and Ron Wyden.', "senators"),  # the addressees
    ],
)
def test_a_description_with_names_beside_it_is_the_people_named(nlp, sentence, name):
    from quotes.extract import analyse_article

    text = "Mark Udall, Ron Wyden, Rudy Giuliani and Jay Sekulow met.\n\n" + sentence
    quotes = analyse_article(Article("t", text), nlp).quotes
    assert quotes[-1].speaker_name == name


@pytest.mark.parametrize(
    "text, mention, label, name",
    [
        ('Raúl Labrador ran.\n\n"We will win," Labrador said.', "Labrador", "GPE", "Raúl Labrador"),  # not the place
        ('Beto O’Rourke ran.\n\n"We will win," O’Rourke said.', "Rourke", None, "Beto O’Rourke"),  # the parse's cut
        ('Israel is at war.\n\n"We will win," Israel said.', "Israel", "GPE", "Israel"),  # no person of that name
    ],
)
def test_a_surname_read_as_a_place_or_cut_short_is_the_person(text, mention, label, name):
    start = text.rindex(mention)
    entities = [Entity(0, text.index(" ran"), "PERSON", True)] if " ran" in text else []
    if label:
        entities.append(Entity(start, start + len(mention), label, True))
    content = Span(text.index('"'), text.rindex('"') + 1)
    quote = Quote(
        (content,), "direct", Span(start, start + len(mention)), Span(start + len(mention) + 1, len(text) - 1)
    )
    [speaker] = resolve_speakers(Article("t", text), [quote], entities, RULES)
    assert speaker.name == name


@pytest.mark.parametrize(
    "people, description, name",
    [
        ("Rep. Raul Labrador (R-Idaho) and Rep. Eric Cantor spoke.", "The Idaho congressman", "Raul Labrador"),
        ("Rep. Raul Labrador (R-Idaho) and Rep. Eric Cantor spoke.", "The Ohio congressman", None),  # nobody fits
        ("Sen. Ted Cruz spoke on Friday.", "The Texas lawmaker", "Ted Cruz"),  # the one lawmaker: 'covers'
    ],
)
def test_a_description_with_a_place_points_to_the_person_placed_there(nlp, people, description, name):
    from quotes.extract import analyse_article

    text = f'{people}\n\n"We will not wait," {description} said.'
    quote = analyse_article(Article("t", text), nlp).quotes[-1]
    assert (quote.speaker_name if quote.speaker_kind == "person" else None) == name


@pytest.mark.parametrize(
    "text, name",
    [
        (
            'President Donald Trump met Vice President Mike Pence.\n\n"We will build it," the president said.',
            "Donald Trump",  # a vice president is no president
        ),
        ('Douglas Holtz-Eakin spoke.\n\n"We were looking for efficiencies," Holtz-Eakin said.', "Douglas Holtz-Eakin"),
        (
            "Mitch McConnell spoke on Friday.\n\n"
            'Mr. McConnell and White House officials said the talks were "going well."',
            "Mitch McConnell and White House officials",  # a named speaker with unnamed sources: a group
        ),
        (
            "Darrell Issa spoke on Friday.\n\n"
            "Mr. Issa and all seven Republicans on the Senate Judiciary Committee said the talks were over.",
            "Darrell Issa and Senate Judiciary Committee Republicans",  # with members of a body
        ),
        ('Kevin McCarthy ran.\n\nSupporters of Mr. McCarthy said the vote was "over."', "McCarthy supporters"),
    ],
)
def test_second_in_rank_hyphenated_names_and_mixed_groups(nlp, text, name):
    from quotes.extract import analyse_article

    assert analyse_article(Article("t", text), nlp).quotes[-1].speaker_name == name


def test_a_person_goes_by_the_name_the_run_uses_most():
    names = ["Donald John Trump", "Donald Trump", "Donald Trump", "Trump", "Donald J. Trump"]
    linked = link_speakers(quotes_table(list("abcde"), ["X"] * 5, names, names, ["person"] * 5))
    assert set(linked.speaker_name) == {"Donald Trump"} and set(linked.speaker_id) == {"donald-trump"}


@pytest.mark.parametrize(
    "text, name, kind",
    [
        # a name set off after a description speaks, with its place or party
        (
            "The Senate Democratic leader, Chuck Schumer of New York, announced that he would lead a filibuster.",
            "Chuck Schumer",
            "person",
        ),
        ("Another moderate Democrat, Senator Bob Casey of Pennsylvania, said he would join.", "Bob Casey", "person"),
        # ... but not the name of someone else the description names: the spokesmen are not the attorney
        (
            "Spokesmen for the office of the United States attorney in Brooklyn, Loretta E. Lynch, said the "
            "case would go on.",
            None,
            "government",
        ),
        # others than the one named (a group, named as news names it), a part of a group, a headline's source
        ("Supporters of Mr. McCarthy said that he had the votes.", "McCarthy supporters", "group"),
        ("Republicans met on Friday. Some grumbled that the vote came too soon.", "some", "unnamed"),
        ("Report: Walker to speak at the convention.", "report", "unnamed"),
        # a time after the speaker is no part of who spoke
        ("Mitt Romney on Sunday said that the plan would fail.", "Mitt Romney", "person"),
        # "he's maintained": 's is "has" before a cue
        ("Mitch McConnell arrived. He's maintained that the nominee will be confirmed.", "Mitch McConnell", "person"),
    ],
)
def test_who_a_description_or_name_is(speakers_of, text, name, kind):
    found, _ = speakers_of(text)
    assert found, text
    _, resolved, resolved_kind, _ = found[-1]
    assert resolved_kind == kind
    if name is not None:
        assert resolved == name
    else:
        assert resolved != "Loretta E. Lynch"


def test_a_passive_is_still_no_speaker(speakers_of):
    """'He was told that ...': the subject of a passive cue heard it; only a contracted "has" speaks."""
    found, _ = speakers_of("Mitch McConnell arrived. He was told that the nominee will be confirmed.")
    assert all(name != "Mitch McConnell" for _, name, _, _ in found)


@pytest.mark.parametrize(
    "names, expected",
    [
        (["Cruz's campaign", "Cruz campaign", "Cruz campaign"], 1),  # a possessive is the same body
        (["Cruz campaign", "Clinton campaign"], 2),
    ],
)
def test_a_persons_campaign_written_with_a_possessive_is_one_body(names, expected):
    n = len(names)
    table = quotes_table([f"a{i}" for i in range(n)], ["X"] * n, names, names, ["organisation"] * n)
    assert link_speakers(table).speaker_id.nunique() == expected


def test_an_office_named_after_a_title_keeps_its_name():
    names = ["Special Counsel's Office", "Special Counsel's Office"]
    table = quotes_table(["a", "b"], ["X", "Y"], names, names, ["government"] * 2)
    assert set(link_speakers(table).speaker_name) == {"Special Counsel's Office"}


@pytest.mark.parametrize(
    "mention, name",
    [
        ("Rep. Steve King", "Steve King"),  # a title word that is a surname, after a first name
        ("Amy Pope", "Amy Pope"),
        ("King Abdullah", "Abdullah"),  # still a title before a name
        ("Missouri Secretary of State Jason Kander", "Jason Kander"),  # 'Missouri' is no first name here
        ("Former Clinton Pollster", None),
    ],
)
def test_a_title_that_is_also_a_surname(mention, name):
    assert split_title(mention, RULES)[0] == name


@pytest.mark.parametrize(
    "text, name",
    [
        # two first names share the surname: "Obama" alone fits either daughter, so neither is chosen
        (
            "A staffer criticized Malia and Sasha Obama. The daughters join President Obama every year. "
            'The president remarked that it was "puzzling that I do this every year."',
            "Obama",
        ),
        # one Obama in the article: the surname is hers
        (
            'Sasha Obama attended. Ms. Obama said that "it was fun."',
            "Sasha Obama",
        ),
    ],
)
def test_first_names_joined_to_one_surname_are_two_people(speakers_of, text, name):
    found, _ = speakers_of(text)
    assert found[-1][1] == name


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "A Republican staffer said on Friday that she regretted the post.\n\n"
            "Elizabeth Lauten, the communications director for Rep. Stephen Fincher, wrote it on Facebook.",
            "Elizabeth Lauten",
        ),
        (
            "A two-term Republican congressman from Idaho said Friday that he would run for the job.\n\n"
            "Raul Labrador, a 46-year-old father of five, is a tea party favourite.",
            "Raul Labrador",
        ),
        (
            "A major climate group is demanding that the candidates address clean energy.\n\n"
            "NextGen Climate, founded by Tom Steyer, will run ads in four states.",
            "NextGen Climate",
        ),
        (  # 'the', with no one named before; the name opens the next paragraph as its subject
            "The communications director for a Republican member of Congress had to apologize for a post.\n\n"
            "Elizabeth Lauten wrote in a now-deleted post that the girls should show class.",
            "Elizabeth Lauten",
        ),
    ],
)
def test_a_lede_speaker_is_named_in_the_next_paragraph(speakers_of, text, name):
    """Delayed identification: the lede's 'A Republican staffer' is the person the next paragraph opens with."""
    found, _ = speakers_of(text)
    assert found[0][1] == name, found


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "It was a nod to the Tea Party, a loosely organized political movement whose members cite the "
            "Constitution as the basis for much of their political theory.",
            "Tea Party members",
        ),
        # a document, not a group of people: the body's own
        ("It was a nod to the Tea Party, a movement whose report cites the Constitution.", "Tea Party"),
        ("It was a nod to voters whose members cite the Constitution.", "whose members"),  # no body named before
    ],
)
def test_whose_members_are_the_bodys(speakers_of, text, name):
    found, _ = speakers_of(text)
    assert found[-1][1] == name, found


@pytest.mark.parametrize(
    "text, name",
    [
        (
            'Cruz accused Trump of enlisting "his friends at the National Enquirer."\n\n'
            "The tabloid published a story earlier this week claiming that Cruz had extramarital affairs "
            "with five women.",
            "National Enquirer",
        ),
        # a body the outlet list does not know is named in between: it may be the one meant
        (
            "CNN reported it.\n\nEarlier in the day, Clinton held a roundtable meeting with Orlando community leaders, "
            "the Orlando Sentinel reported.\n\nThe newspaper reported that she met them.",
            None,
        ),
        # the description names its own outlet
        ("CNN reported it.\n\nThe news site RTL Info reported that he was on the plane.", None),
        # a person's name, not the outlet
        ("It was run by the commentator Andrew Breitbart.\n\nThe site said that the photo was real.", None),
    ],
)
def test_the_newspaper_is_the_outlet_named_last(speakers_of, text, name):
    found, _ = speakers_of(text)
    assert (found[-1][1] if found[-1][2] == "media" else None) == name, found


@pytest.mark.parametrize(
    "text, wrong",
    [
        # no word for a person: a poll is not the person the next paragraph opens with
        (
            "A new nationwide poll shows that the race is close.\n\nHillary Clinton, the nominee, leads by two points.",
            "Hillary Clinton",
        ),
        # many people are not one
        (
            "A number of writers said that they would never vote for him.\n\n"
            "Amanda Carpenter, a former aide, started the list.",
            "Amanda Carpenter",
        ),
        # not the next paragraph
        (
            "A Republican staffer said on Friday that she regretted the post.\n\nThe post was deleted.\n\n"
            "Elizabeth Lauten, the communications director for Rep. Stephen Fincher, wrote it.",
            "Elizabeth Lauten",
        ),
        # not a lede: the fourth paragraph
        (
            "Congress met.\n\nIt voted.\n\nIt adjourned.\n\nA Republican staffer said that she regretted the post.\n\n"
            "Elizabeth Lauten, the communications director for Rep. Stephen Fincher, wrote it.",
            "Elizabeth Lauten",
        ),
        # another gender
        (
            "A woman at one of the rallies said that the senator was a coward.\n\nDonald Trump then repeated it.",
            "Donald Trump",
        ),
        # 'the' points back to someone named before
        (
            "Rep. Stephen Fincher spoke. The spokesman said that the staffer regretted the post.\n\n"
            "Elizabeth Lauten wrote the post on Facebook.",
            "Elizabeth Lauten",
        ),
    ],
)
def test_a_lede_speaker_is_not_whoever_opens_the_next_paragraph(speakers_of, text, wrong):
    found, _ = speakers_of(text)
    assert found and found[0][1] != wrong, found


def _unnamed(*names: str) -> list[Speaker]:
    return [Speaker(name, "unnamed", mention="description") for name in names]


@pytest.mark.parametrize(
    "names, mentions, expected",
    [
        # the one fuller description with the same noun names the group, before or after it
        (("federal prosecutors", "prosecutors"), ("Federal prosecutors", "prosecutors"), "federal prosecutors"),
        (("prosecutors", "federal prosecutors"), ("Prosecutors", "the documents"), "federal prosecutors"),
        (("senator", "vermont senator"), ("the senator", "The Vermont senator"), "vermont senator"),
        # two fuller ones: neither
        (("federal prosecutors", "state prosecutors", "prosecutors"), ("a", "b", "prosecutors"), "prosecutors"),
        # another group than the noun's
        (("former prosecutors", "prosecutors"), ("Former prosecutors", "Prosecutors"), "prosecutors"),
        (("sanders supporter", "supporter"), ("a Sanders supporter", "another supporter"), "supporter"),
        (("520 superdelegates", "superdelegates"), ("520 superdelegates", "superdelegates"), "superdelegates"),
        (("spokesman for her", "spokesman"), ("a spokesman for her", "the spokesman"), "spokesman"),
    ],
)
def test_a_bare_description_is_the_articles_one_fuller_one(names, mentions, expected):
    """'prosecutors' and 'federal prosecutors' are one group of one article, with one id."""
    found = _described_alike(_unnamed(*names), list(mentions))
    bare = next(i for i, name in enumerate(names) if " " not in name)
    assert found[bare].name == expected, found


@pytest.mark.parametrize(
    "text, name",
    [
        # no subject in sight: the person the sentence opens with, not a possessive later in it
        (
            "Neil Gorsuch, who worked on former President George W. Bush’s 2004 reelection campaign and as a "
            "lawyer in his Justice Department, provided the expected performance past court nominees had given "
            "during his appearance; he stated that he would be shocked by politics coming into a courtroom.",
            "Gorsuch",
        ),
        # the possessive stays the antecedent when the sentence does not open with another person
        (
            "“We all cherish the language,” Vice President Mike Pence told Politico in an interview on Tuesday, "
            "several hours after Mr. Trump’s comments were reported.\n\nIn recent days, with the approach of the "
            "midterm balloting, he has said that the plan would pass.",
            "Trump",
        ),
    ],
)
def test_a_pronoun_prefers_who_a_sentence_opens_with_to_a_possessive(speakers_of, text, name):
    found, _ = speakers_of(text)
    assert found[-1][0] == "he" and name in (found[-1][1] or ""), found


def test_names_in_a_statement_no_one_is_credited_with_stay_antecedents(nlp):
    from quotes.extract import entities_in, parse_article
    from quotes.speakers import resolve_speakers
    from quotes.standoff import Quote, Span

    text = (
        "“We all cherish the language,” Vice President Mike Pence told Politico in an interview on Tuesday, "
        "several hours after Mr. Trump’s comments were reported.\n\nIn recent days, with the approach of the "
        "midterm balloting, he has said that the plan would pass."
    )
    article = Article("t", text)
    entities = entities_in(article, nlp, parse_article(article, nlp))

    def span(words: str) -> Span:
        start = text.index(words)
        return Span(start, start + len(words))

    pence = Quote((span("“We all cherish the language,”"),), "direct", span("Vice President Mike Pence"), span("told"))
    he_at = text.index(" he has") + 1
    he = Quote((span("that the plan would pass"),), "indirect", Span(he_at, he_at + 2), span("said that"), rule="ccomp")
    assert resolve_speakers(article, [pence, he], entities)[1].name == "Trump"
    # a statement with no source over 'Mr. Trump’s comments' (PolNeAR's 'were reported') leaves him the antecedent
    unsourced = Quote((span("Mr. Trump’s comments"),), "indirect", None, span("were reported"), rule="model")
    assert resolve_speakers(article, [pence, unsourced, he], entities)[2].name == "Trump"


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Harold Finch", "Harold Q. Finch Jr.", True),  # a 'Jr.' on one name only
        ("Vicente Fox", "Vincente Fox", True),  # a misspelt first name
        ("Daniel Finch", "Danielle Finch", False),  # two genders' first names
        ("Mark Kelly", "Mike Kelly", False),
        ("Harold Finch Sr.", "Harold Finch Jr.", False),
        ("Donald Trump", "Donald J. Trump Jr.", False),  # namesakes.txt
        ("Harold Finch", "Harold Finch", False),  # the same name needs no loose rule
        ("Nguyen Xuan Phuc", "Nguyen Phu Trong", False),  # surname first: no first name to misspell
    ],
)
def test_loosely_same(a, b, same):
    assert loosely_same(a, b) is same
    assert loosely_same(b, a) is same


def test_a_suffix_on_one_name_joins_across_the_run_unless_an_article_names_both():
    names = ["Harold Q. Finch Jr.", "Harold Finch", "Finch"]
    quotes = quotes_table(["a", "b", "c"], ["X"] * 3, names, names, ["person"] * 3)
    linked = link_speakers(quotes)
    assert linked.speaker_id[0] == linked.speaker_id[1] == linked.speaker_id[2]
    assert any("a suffix on one only, and no article names both" in link for link in linked.speaker_link)
    # an article naming both in full: two people (father and son)
    both = {"d": ["Harold Q. Finch Jr.", "Harold Finch"]}
    linked = link_speakers(quotes, people=both)
    assert linked.speaker_id[0] != linked.speaker_id[1]


def test_a_misspelt_first_name_joins_across_the_run():
    names = ["Vicente Fox", "Vincente Fox", "Vicente Fox"]
    linked = link_speakers(quotes_table(["a", "b", "c"], ["X"] * 3, names, names, ["person"] * 3))
    assert set(linked.speaker_name) == {"Vicente Fox"}


@pytest.mark.parametrize(
    "text, mention, name, kind",
    [
        # a charging document is the prosecutors', never the accused's
        (
            "Special counsel Jane Roe unsealed the case on Friday. Finch's indictment alleges that he lied to"
            " Congress.",
            "Finch's indictment",
            "Special Counsel's Office",
            "government",
        ),
        (
            "Federal prosecutors charged Harold Finch on Monday. The indictment said Finch had hidden the money.",
            "The indictment",
            "federal prosecutors",
            "unnamed",
        ),
        (
            "Harold Finch was charged. The indictment said Finch had hidden the money.",
            "The indictment",
            "indictment",
            "unnamed",
        ),
        # a title and its place before the name
        (
            "But former U.S. attorney for the District of Columbia Joseph diGenova said the raid was wrong.",
            "former U.S. attorney for the District of Columbia Joseph diGenova",
            "Joseph diGenova",
            "person",
        ),
        (
            "In a letter on Friday, a lawyer for Mrs. Clinton said there was no need.",
            "a lawyer for Mrs. Clinton",
            "lawyer for mrs. clinton",
            "unnamed",
        ),
        # a name set off at the end of the sentence
        (
            '"It is their choice," said the spokesman, Nick Merrill. "We are ready."',
            "the spokesman",
            "Nick Merrill",
            "person",
        ),
        # ... and the name stops at its sentence's end, in the paragraph or the next one
        (
            '"It is their choice," said the spokesman, Nick Merrill. Before Mr. Merrill spoke, none had.',
            "the spokesman",
            "Nick Merrill",
            "person",
        ),
        (
            '"It is their choice," said the spokesman, Nick Merrill.\n\nBefore Mr. Merrill’s statement, none.',
            "the spokesman",
            "Nick Merrill",
            "person",
        ),
        (
            '"It is their choice," said his running mate, Indiana Gov. Michael Penner.',
            "his running mate",
            "Michael Penner",
            "person",
        ),
        # the parse cut a surname-first name
        ("Ban Ki-moon, the secretary general, said the war was over.", None, "Ban Ki-moon", "person"),
        # a document's owner before it, whatever follows it; not a noun after a preposition
        (
            "Harold Finch III wrote to the panel. The inquiry began in May, according to Finch's letter to the"
            " committee.",
            "Finch's letter to the committee",
            "Harold Finch III",
            "person",
        ),
        (
            'The group TruthWorks backed him. "We need a new leader," TruthWorks’ website said Friday.',
            "TruthWorks’ website",
            "TruthWorks",
            "organisation",
        ),
        # a hyphenated head keeps its first part
        ('"I am sorry," the GOP front-runner said on Monday.', "the GOP front-runner", "gop front-runner", "unnamed"),
        # a description, a second apposition, then its name
        (
            "A former senior Justice Department official, now a lawyer with Foo Law, Harold Finch, told reporters"
            " that the raid was unusual.",
            "A former senior Justice Department official",
            "Harold Finch",
            "person",
        ),
        # ... not a clause whose name is another person's
        (
            "The former representative, who wrote a book with his father, Rev. Harold Finch, said the raid was"
            " unusual.",
            "The former representative",
            "former representative",
            "unnamed",
        ),
    ],
)
def test_speakers_of_documents_titles_and_names(speakers_of, text, mention, name, kind):
    found, _ = speakers_of(text)
    matching = [f for f in found if mention is None or f[0] == mention]
    assert matching, found
    assert (matching[0][1], matching[0][2]) == (name, kind)


@pytest.mark.parametrize(
    "words, role, owner",
    [
        ("Stone’s attorney", "lawyer", "stone"),
        ("a lawyer for Mrs. Clinton", "lawyer", "clinton"),
        ("The lawyer for Mrs. Clinton", "lawyer", "clinton"),
        ("Hillary Clinton's lawyer", "lawyer", "clinton"),
        ("Clinton attorney", "lawyer", "clinton"),
        ("the spokesman", "spokesperson", None),
        ("a spokesman for her", "spokesperson", None),
        ("Trump campaign manager", "campaign manager", "trump"),
    ],
)
def test_role_of(words, role, owner):
    assert role_of(words) == Role(role, owner)


@pytest.mark.parametrize(
    "words", ["a former lawyer for Trump", "his lawyers", "the president", "lawyers for Finch", ""]
)
def test_no_role(words):
    assert role_of(words) is None


def test_a_role_names_its_one_holder_in_the_story():
    table = quotes_table(
        ["a", "b", "c"],
        ["X", "Y", "Z"],
        ["Stone’s attorney", "Stone’s attorney", "Stone’s attorney"],
        ["Grant Smith", "stone’s attorney", "stone’s attorney"],
        ["person", "unnamed", "unnamed"],
    )
    table["speaker_resolution"] = ["apposition", "description", "description"]
    linked = link_speakers(table, events={"a": "e1", "b": "e1", "c": "e2"})
    assert list(linked.speaker_name) == ["Grant Smith", "Grant Smith", "stone’s attorney"]  # c: another story
    assert linked.speaker_link[1] == "role: 'Stone’s attorney' is Grant Smith, named so in article a"
    # two people named as Stone's attorney in the story: neither
    table.loc[2, ["speaker_name", "speaker_kind", "speaker_resolution"]] = ["Ann Roe", "person", "apposition"]
    linked = link_speakers(table, events={"a": "e1", "b": "e1", "c": "e1"})
    assert linked.speaker_name[1] == "stone’s attorney"


@pytest.mark.parametrize(
    "text, mention",
    [
        ("The press conference showed that both sides are far apart.", "The press conference"),
        ("Ann Roe spoke. The intensity of their attacks suggests that they do not fear defeat.", None),
        ("The hearing revealed that the agency knew.", "The hearing"),
    ],
)
def test_events_and_abstract_nouns_speak_for_no_one(speakers_of, text, mention):
    found, _ = speakers_of(text)
    credited = [f for f in found if mention is None or f[0] == mention]
    assert credited, found
    assert all(kind in ("unknown", "anonymous") or name is None for _, name, kind, _ in credited)
    assert not any(kind == "unnamed" for _, _, kind, _ in credited)


def test_a_persons_comments_are_the_persons(speakers_of):
    found, _ = speakers_of("Harold Finch spoke on Monday. Mr. Finch’s comments made clear that he would run.")
    assert ("Mr. Finch’s comments", "Harold Finch", "person", None) in found


@pytest.mark.parametrize("mention", ["Marijuana Industry Group's Mike Elliott", "ABC News' Mike Elliott"])
def test_a_body_before_a_persons_name_is_no_part_of_it(mention):
    assert split_title(mention, RULES) == ("Mike Elliott", None)


@pytest.mark.parametrize(
    "text, name, resolution",
    [
        # the article names one congressman: 'the congressman' is him, as sure as his name
        (
            'Congressman Anthony Weiner spoke on Monday. "I did not send it," the congressman said.',
            "Anthony Weiner",
            "title",
        ),
        # two senators: the latest is a guess, a description
        (
            'Sen. Tom Lee and Sen. Bob Hart spoke on Monday. "We will vote no," the senator said.',
            "Bob Hart",
            "description",
        ),
        # someone's director is not the article's one director
        (
            "David Certner, the group's legislative director, spoke. The president's budget director said "
            '"the plan works."',
            None,
            None,
        ),
        # 'some close to the chairman' are not the chairman
        (
            "Michael Steele, the party chairman, spoke on Monday. Some close to the chairman say he will run again.",
            None,
            None,
        ),
    ],
)
def test_a_title_the_article_gives_one_person_is_that_person(nlp, text, name, resolution):
    quote = analyse_article(Article("t", text), nlp).quotes[-1]
    if name is None:
        assert quote.speaker_resolution != "title" and quote.speaker_name not in ("Michael Steele", "David Certner")
    else:
        assert (quote.speaker_name, quote.speaker_resolution) == (name, resolution)


@pytest.mark.parametrize(
    "text, name, kind",
    [
        # a document no one is said to have issued speaks for no one: the quote stays without a speaker
        ("The mayor took the money over three years, court documents said.", None, "unknown"),
        ("The council met on Monday. The reports said the vote was close.", None, "unknown"),
        ("Investigators found leaked emails, which said the plan was dead.", None, "unknown"),
        # its issuer, when the text names one
        (
            "A report released by the Brookings Institution said the plan would cost more.",
            "Brookings Institution",
            None,
        ),
        # a charging document is the prosecutors' who filed it
        (
            "Federal prosecutors charged the mayor on Monday. The criminal complaint said the mayor had "
            "taken the money.",
            "federal prosecutors",
            None,
        ),
        # a spokesman is a person, whoever employs him
        ("A spokesman said the company would appeal the ruling.", "spokesman", "unnamed"),
    ],
)
def test_only_agents_speak_for_documents(speakers_of, text, name, kind):
    (mention, found, found_kind, _), *_ = speakers_of(text)[0]
    assert mention is not None and found == name
    assert kind is None or found_kind == kind
