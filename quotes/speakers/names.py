"""Names: a speaker mention read as a name, its title split off, and which names are one person.

Pure functions over strings and the rule lists; no article state. ``classify_name`` says what a
mention names (a person, a body, an outlet, an anonymous source, or no one).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from quotes.rules_data import SpeakerRules, alias_key, load_speaker_rules, rule_lines
from quotes.speakers.personal_names import NUMERALS, SUFFIXES, NameParts, initials, parse_name, surname_first
from quotes.standoff import Span

NAME_SUFFIXES = SUFFIXES | {"jr.", "sr."}
NAME_PARTICLES = {"de", "van", "von", "da", "al", "bin", "le", "la", "del", "der", "di"}
KINDS = ("person", "organisation", "government", "anonymous", "media", "group", "unnamed", "author", "unknown")
NAMED_KINDS = ("person", "organisation", "government", "media")
_DETERMINERS = re.compile(r"^(?:the|a|an|one|two|three|several|some|many|other|another|senior|top)\s+", re.I)
# "Some Republicans", "a few of the most hardline House Republicans", "A number of the Internet
# companies", "various historians", "all seven Republicans": the quantity is no part of who they are.
_QUANTITY = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:(?:some|several|many|most|other|various|numerous|top|senior|few|all|both|certain)\s+"
    r"(?:of\s+(?:the\s+)?(?:most\s+)?)?|(?:number|handful|group|majority|couple|dozens?)\s+of\s+(?:the\s+)?"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?!(?:of|in|out|percent|per|to|or|and|days|weeks|months|years)\b))+",
    re.I,
)
# "Democrats on the Senate Judiciary Committee", "Supporters of Mr. McCarthy": members of a named body,
# or backers of a named person, written the way news names such a group ("Senate Judiciary Committee
# Democrats", "McCarthy supporters").
_MEMBERS_OF = re.compile(
    r"([A-Za-z]+s)\s+(?:in|on|of|at|from)\s+(?:the\s+)?((?:[A-Z][\w.'’-]*\s+){0,5}[A-Z][\w'’-]*)",
)
_QUANTITY_ONLY = re.compile(r"(?:some|several|many|most|others?|few|all|both|each|either|neither|none)", re.I)
_FINDINGS = frozenset({"poll", "polls", "survey", "study", "data"})  # "Poll: Clinton leads": no one's name
# What follows the head noun of a description: "a source with knowledge of", "an aide close to".
_AFTER_HEAD = re.compile(r"\s+(?:with|close|familiar|who|that|in|at|from|on|to|briefed|involved)\b.*$", re.I | re.S)
_PREPOSITIONS = {"at", "of", "for", "from", "with", "in", "on"}
_NEXT_WORD = re.compile(r"\s+(\w+)")  # the word after a name: "Romney campaign", "Saudi government"
_FUNCTION_WORDS = STOP_WORDS - {"will", "may"}  # Rep. Will Hurd, May Boeve
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@dataclass(frozen=True)
class Entity:
    """A named entity of a parsed paragraph, in article offsets; ``subject`` when it heads a subject."""

    start: int
    end: int
    label: str  # spaCy's: PERSON, ORG, GPE, NORP
    subject: bool = False


@dataclass(frozen=True)
class Speaker:
    """Who a quote's speaker mention is, as far as the article tells."""

    name: str | None  # canonical name within the article; None when unknown
    kind: str  # one of KINDS
    title: str | None = None  # role or title the text gives ("Secretary of Defense")
    via: str | None = None  # the outlet that relayed the quote
    mention: str = "none"  # how the name was reached: name, apposition, pronoun, description, none
    antecedent: Span | None = None  # the earlier mention a pronoun or description was resolved to
    affiliation: str | None = None  # party or body the text ties a person to ("Democrats", "Obama campaign")


UNKNOWN = Speaker(None, "unknown")


def clean_mention(mention: str) -> str:
    """The mention without a leading article, possessive, parenthesis or trailing apposition."""
    text = re.sub(r"\s*\([^)]*\)", "", mention).split(",")[0].strip()
    text = re.sub(r"['’]s?$", "", text).strip()
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I).strip()


# A surname whose capital follows a short lowercase prefix: 'diGenova', 'deBlasio'.
_INNER_CAPITAL = re.compile(r"[a-z]{2,3}[A-Z][a-z]")


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or token.lower() in NAME_PARTICLES or _INNER_CAPITAL.match(token) is not None


def _is_title(token: str, rules: SpeakerRules) -> bool:
    """'Sen.', 'Senators', 'Sens.' (the plurals of joint mentions), and a party word before a name
    ('Republican Trump and Democrat Clinton')."""
    word = token.lower().strip(",")
    singular = re.sub(r"s(\.?)$", r"\1", word)
    return word in rules.titles or singular in rules.titles or word in rules.party_words


def split_title(mention: str, rules: SpeakerRules) -> tuple[str | None, str | None]:
    """("Secretary of Defense Dr. Mark T. Esper") -> ("Mark T. Esper", "Secretary of Defense")."""
    tokens = clean_mention(mention).split()
    # "partner at Lenox", "director of the FBI": the name is not in what follows a lowercase head.
    cut = next((i for i in range(1, len(tokens)) if tokens[i] in _PREPOSITIONS and tokens[i - 1].islower()), None)
    tokens = tokens[:cut]
    # "Steve King", "Angus King": a title word right after a first name is a surname
    last_title = max(
        (i for i, t in enumerate(tokens) if _is_title(t, rules) and not _surname_after_first_name(tokens, i, rules)),
        default=-1,
    )
    rest = tokens[last_title + 1 :]
    start = len(rest)
    while start > 0 and _capitalised(rest[start - 1]):
        start -= 1
    # "Secretary of Defense Mark Esper", "Secretary of the Interior Ryan Zinke": the words after 'of'
    # name the office until the last two, or until a known first name or an initial ("Secretary of
    # State John F. Kerry").
    after_of = 0 < start and rest[start - 1].lower() in ("of", "for")
    if after_of or (1 < start and rest[start - 1].lower() == "the" and rest[start - 2].lower() in ("of", "for")):
        while (
            len(rest) - start > 2
            and rest[start].lower() not in rules.gender
            and not re.fullmatch(r"[A-Z]\.", rest[start])
        ):
            start += 1
    name_tokens = rest[start:]
    while name_tokens and name_tokens[0] in NAME_PARTICLES:  # "of al-Qaida", not "Sen. Al Franken"
        name_tokens = name_tokens[1:]
    while len(name_tokens) > 1 and name_tokens[0].lower() in _FUNCTION_WORDS:
        name_tokens = name_tokens[1:]  # the recogniser's "Beyond Trump's" is Trump
    owned = [i for i, t in enumerate(name_tokens[:-2]) if t.endswith(("'s", "’s", "s'", "s’"))]
    if owned:  # "Marijuana Industry Group's Mike Elliott": the person, not the body before them
        name_tokens = name_tokens[owned[-1] + 1 :]
    if not name_tokens and last_title > 0 and tokens[last_title - 1].lower() in rules.honorifics:
        name_tokens, last_title = [tokens[last_title]], last_title - 1  # "Mr. Justice" is a name
    title_tokens = [t for t in tokens[: last_title + 1] + rest[:start] if t.lower() not in rules.honorifics]
    name = " ".join(name_tokens) or None
    return name, " ".join(title_tokens) or None


def _surname_after_first_name(tokens: list[str], i: int, rules: SpeakerRules) -> bool:
    """'King' of '(Rep.) Steve King': a title word ending the mention right after a first name that
    opens it or follows a title; not 'Major General', 'Missouri Secretary of State', 'Former Clinton Pollster'."""
    if i != len(tokens) - 1 or i == 0 or tokens[i].lower() not in rules.surname_titles:
        return False
    first = tokens[i - 1]
    if not first[:1].isupper() or first.lower() not in rules.first_names or _is_title(first, rules):
        return False
    return i == 1 or _is_title(tokens[i - 2], rules)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lowercase without accents, one apostrophe: 'Raúl' is 'raul', 'O’Neill' is "o'neill"."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def surname(name: str) -> str:
    """The surname, folded: the last word but a suffix, or the first of a surname-first name ('Park
    Geun-hye', 'Kim Jong Un': ``personal_names``)."""
    tokens = [t for t in name.split() if t.lower().strip(",") not in NAME_SUFFIXES]
    if surname_first(tokens):
        return fold(tokens[0]).strip(".,")
    return fold((tokens or name.split())[-1]).strip(".,")


def name_suffix(name: str) -> str | None:
    """'jr', 'sr', 'iii'... when the name ends in one: 'Donald Trump Jr.' is not 'Donald Trump'."""
    words = name.split()
    last = words[-1].lower().strip(".,") if len(words) > 1 else ""
    return last if last in NAME_SUFFIXES else None


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, str]:
    return load_speaker_rules().nicknames


def _first_names_agree(a: str, b: str) -> bool:
    """'Mark' and 'M.' agree, 'Bob' and 'Robert' (``nicknames.tsv``), 'Raúl' and 'Raul'; 'Mark' and 'Mary' do not."""
    a, b = fold(a).strip("."), fold(b).strip(".")
    if a == b or (min(len(a), len(b)) == 1 and a[0] == b[0]):
        return True
    nicknames = _nicknames()
    return nicknames.get(a, a) == nicknames.get(b, b)


def same_person(short: str, full: str) -> bool:
    """True when ``short`` can name the person ``full`` names ('Esper' / 'Mark T. Esper';
    'Van Voorhis' / 'Chandler Van Voorhis'; 'Kim' / 'Kim Jong Un'). Two full names with different
    suffixes or different middle initials never do."""
    s, f = short.split(), full.split()
    if len(s) > 1 and s[0].lower() in NAME_PARTICLES:
        s = s[-1:]
    if not s or not f or surname(short) != surname(full):
        return False
    if len(s) == 1 or len(f) == 1:
        return True
    if any(len(n) == 2 and n[1].lower() in NAME_SUFFIXES for n in (s, f)):
        return name_suffix(short) == name_suffix(full)  # 'Trump Jr.' / 'Donald Trump Jr.', not 'Donald Trump'
    a, b = parse_name(short), parse_name(full)
    if a.middle and b.middle and initials(a.middle) != initials(b.middle):
        return False  # 'George W. Bush' is not 'George H. W. Bush'; 'Robert S. Mueller' is 'Robert Mueller'
    return _given_names_agree(a, b, s[0], f[0]) and _suffixes_agree(name_suffix(short), name_suffix(full))


def _given_names_agree(a: NameParts, b: NameParts, first_a: str, first_b: str) -> bool:
    """The first names agree, or one opens with an initial before the name it goes by ('K. Michael
    Conaway' is 'Michael Conaway'); a surname-first name's whole given name agrees ('Kim Jong Un' is
    not 'Kim Jong Il')."""
    if a.surname_first and b.surname_first:
        return _whole_given(a) == _whole_given(b)

    def names(parts: NameParts, first: str) -> list[str]:
        given = (parts.given or first).split()
        if re.fullmatch(r"[A-Z]\.", given[0]) and parts.middle:
            return [given[0], parts.middle.split()[0]]
        return given[:1]

    return any(_first_names_agree(x, y) for x in names(a, first_a) for y in names(b, first_b))


def _whole_given(parts: NameParts) -> str:
    """'Jong Un', 'Jong-un' -> 'jongun'."""
    return re.sub(r"[\s-]+", "", fold(parts.given))


def _suffixes_agree(a: str | None, b: str | None) -> bool:
    """The same suffix, or a numeral on one name only ('Robert S. Mueller III' is 'Robert Mueller');
    'Jr.' and 'Sr.' name another person than the name without them ('Donald Trump Jr.')."""
    return a == b or (a is None and b in NUMERALS) or (b is None and a in NUMERALS)


def _bare(name: str) -> str:
    return " ".join(w for w in name.split() if w.lower().strip(".,") not in NAME_SUFFIXES)


def _misspelt(x: str, y: str) -> bool:
    """'Vincente Fox' and 'Vicente Fox': one surname, first names of five letters or more that differ
    by a letter or two and are not known as names of two genders ('Daniel' and 'Danielle')."""
    x_words, y_words = _bare(x).split(), _bare(y).split()
    if len(x_words) < 2 or len(y_words) < 2 or surname(x) != surname(y):
        return False
    parts_x, parts_y = parse_name(_bare(x)), parse_name(_bare(y))
    if parts_x.surname_first or parts_y.surname_first:
        return False  # 'Nguyen Xuan Phuc' / 'Nguyen Phu Trong': the first word is the surname
    a, b = fold(x_words[0]), fold(y_words[0])
    genders = load_speaker_rules().first_names
    if None not in (genders.get(a), genders.get(b)) and genders.get(a) != genders.get(b):
        return False
    return min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 85


def _namesake_key(name: str) -> tuple[str, str, str | None]:
    """First name, surname and suffix, folded: middle names aside ('Donald J. Trump Jr.')."""
    words = fold(_bare(name)).split()
    return words[0], surname(name), name_suffix(fold(name))


@lru_cache(maxsize=1)
def _namesakes() -> frozenset[tuple[str, str, str | None]]:
    return frozenset(_namesake_key(line) for line in rule_lines("namesakes.txt"))


def _namesake(name: str) -> bool:
    """A suffixed name of ``namesakes.txt``."""
    return name_suffix(name) is not None and _namesake_key(name) in _namesakes()


def loosely_same(a: str, b: str) -> bool:
    """Two full names that may be one person though ``same_person`` keeps them apart: a 'Jr.' or
    'Sr.' on one only ('Roger J. Stone Jr.' / 'Roger Stone'), or a misspelt first name. Only the
    run-wide step joins them, and only when no article names both (``identities``)."""
    if len(a.split()) < 2 or len(b.split()) < 2 or same_person(a, b):
        return False
    if name_suffix(a) and name_suffix(b):
        return False  # 'Jr.' and 'Sr.': two people
    if _namesake(a) or _namesake(b):
        return False  # 'Donald Trump Jr.': his father is in the news too
    return same_person(_bare(a), _bare(b)) or _misspelt(a, b)


def could_be_one(a: str, b: str) -> bool:
    """True when two speaker names may name one speaker, suffixes aside ('John Roberts' and 'John G.
    Roberts Jr.'), or when one is a member of the other ('Nancy Pelosi' and 'Nancy Pelosi and Chuck
    Schumer'): a difference between them is no fact to state."""

    def alike(x: str, y: str) -> bool:  # 'Vincente Fox' and 'Vicente Fox': a misspelt first name
        x_words, y_words = _bare(x).split(), _bare(y).split()
        return (
            len(x_words) > 1
            and len(y_words) > 1
            and fold(x_words[-1]) == fold(y_words[-1])
            and fuzz.ratio(fold(x_words[0]), fold(y_words[0])) >= 85
        )

    members_a, members_b = a.split(" and "), b.split(" and ")
    return any(
        same_person(_bare(x), _bare(y)) or fold(x) == fold(y) or alike(x, y) for x in members_a for y in members_b
    )


def distinct_people(names: list[str]) -> list[str]:
    """The fullest name of each person among ``names`` (fullest first, ties by the name itself)."""
    people: list[str] = []
    for name in sorted(set(names), key=lambda n: (-len(n.split()), -len(n), n)):
        if not any(same_person(name, p) for p in people):
            people.append(name)
    return people


class _People:
    """Person names of one article, merged by surname and agreeing first names, suffixes and gender."""

    def __init__(self, first_names: dict[str, str] | None = None) -> None:
        self.names: list[str] = []
        self.first_names = first_names or {}  # first name -> "m" or "f"
        # names by surname: two names can only be one person when their surnames agree (``same_person``)
        self._by_surname: dict[str, list[str]] = {}

    def add(self, name: str) -> None:
        if name not in self._by_surname.get(surname(name), ()):
            self.names.append(name)
            self._by_surname.setdefault(surname(name), []).append(name)

    def __contains__(self, name: str) -> bool:
        return name in self._by_surname.get(surname(name), ())

    def knows(self, name: str) -> bool:
        """True when some name of the article can be the person ``name`` names."""
        return any(same_person(name, n) for n in self._by_surname.get(surname(name), ()))

    def gender_of(self, name: str) -> str | None:
        """The gender of a full name's first name, when the first-name list knows it."""
        words = name.split()
        return self.first_names.get(words[0].lower()) if len(words) > 1 else None

    def canonical(self, name: str, gender: str | None = None) -> str:
        """The longest name of the article for the same person ('Esper' -> 'Mark T. Esper'); a name of
        another gender ('Mr. Obama' is not Malia Obama) is not the same person."""
        matches = [n for n in self._by_surname.get(surname(name), ()) if same_person(name, n)]
        if name_suffix(name) is None:  # 'Mr. Trump' beside 'Donald Trump Jr.' is his father (``namesakes.txt``)
            matches = [n for n in matches if not _namesake(n)]
        if gender is not None:
            matches = [n for n in matches if self.gender_of(n) in (None, gender)]
        if len(name.split()) == 1:
            # A bare surname stays as it is when two different people share it ("De Blasio" is no first name).
            full = [n for n in matches if len(n.split()) > 1 and n.split()[0].lower() not in NAME_PARTICLES]
            if len(distinct_people(full)) > 1:
                return name
        return max(matches + [name], key=lambda n: (len(n.split()), len(n)))


def _kind_of_org(name: str, rules: SpeakerRules) -> str | None:
    written = name.split()
    words = [w.lower().strip(".,'’s") for w in written]
    if written and written[-1][:1].islower() and _is_title(written[-1], rules):
        return None  # "Obama's campaign press secretary", "the university's top executives": people
    kinds = [rules.org_words[w] for w in words if w in rules.org_words]
    if not kinds:
        return None
    return "government" if "government" in kinds else "organisation"


def _looks_like_person(words: list[str], rules: SpeakerRules) -> bool:
    """A known first name, or a middle initial, in two to four capitalised words."""
    return 2 <= len(words) <= 4 and (
        rules.gender.get(words[0].lower()) is not None or any(re.fullmatch(r"[A-Z]\.", w) for w in words[1:-1])
    )


def without_quantity(description: str) -> str:
    """'Some Republicans' -> 'Republicans', 'a few of the most hardline House Republicans' -> 'hardline
    House Republicans'; unchanged when nothing would be left."""
    return _QUANTITY.sub("", description) or description


def members_of(description: str, rules: SpeakerRules) -> str | None:
    """'conservatives in the House' -> 'House conservatives', 'Supporters of Mr. McCarthy' -> 'McCarthy
    supporters': a party, a title's plural or a noun of ``group_nouns.txt`` before a named body or person;
    None for anything else ('critics of the plan', 'comments from Fox', 'reports of the Times')."""
    match = _MEMBERS_OF.fullmatch(description)
    if match is None:
        return None
    head, named = match.groups()
    if head not in rules.parties and head.lower() not in rules.group_nouns and not _is_title(head, rules):
        return None
    words = named.split()
    body = _kind_of_org(named, rules)  # 'the Justice Department' keeps its 'Justice'
    while not body and len(words) > 1 and (words[0].lower() in rules.titles or words[0].lower() in rules.party_words):
        words = words[1:]  # 'Mr. McCarthy' -> 'McCarthy', 'Democrat Hillary Clinton' -> 'Hillary Clinton'
    return f"{' '.join(words)} {head if head in rules.parties else head.lower()}"


def classify_name(mention: str, label: str | None, rules: SpeakerRules) -> Speaker | None:
    """A speaker for a mention that names someone, or None when it names no one (a description)."""
    cleaned = clean_mention(mention)
    if not cleaned:
        return None
    if (hit := rules.aliases.get(alias_key(cleaned))) is not None:
        return Speaker(hit[0], hit[1], mention="name")
    if (country := rules.capitals.get(alias_key(cleaned))) is not None:
        return Speaker(country, "government", mention="name")
    if cleaned in rules.media:
        return Speaker(rules.media[cleaned], "media", mention="name")
    headline_source = label is None and (rules.is_document(cleaned) or cleaned.lower() in _FINDINGS)
    if _QUANTITY_ONLY.fullmatch(cleaned) or headline_source:
        return None  # "Some grumbled", "Others said": a part of a group; "Report: ...": a headline's source
    cleaned = without_quantity(cleaned)
    words = cleaned.split()
    if _AFTER_HEAD.sub("", cleaned).split()[-1].lower() in rules.anonymous_heads:
        return Speaker(f"anonymous {_DETERMINERS.sub('', cleaned)}", "anonymous", mention="description")
    if not any(w[:1].isupper() or _INNER_CAPITAL.match(w) for w in words):
        return None
    if label is None and len(words) == 1 and words[0].endswith("s") and words[0][1:].islower():
        return None  # "Critics said": a sentence-initial common noun, not a name
    # 'Friends of the Earth', tagged a body, is its name; 'Supporters of Mr. McCarthy' is a group
    if (words[0].islower() or words[0] in rules.parties or label != "ORG") and (
        members := members_of(cleaned, rules)
    ) is not None:
        return Speaker(members, "group", mention="name")
    org_kind = _kind_of_org(cleaned, rules)
    if label == "ORG" and not org_kind and _looks_like_person(words, rules):
        label = "PERSON"  # the recogniser's slip: "Keith Lamont Scott" as an organisation
    if label == "PERSON" and words[-1] in rules.parties:
        label = "ORG"  # the recogniser's slip: "the Log Cabin Republicans" as a person
    if label in ("ORG", "NORP", "GPE") or (org_kind and label != "PERSON"):
        kind = org_kind or ("government" if label == "GPE" else "organisation")
        return Speaker(cleaned, kind, mention="name")
    if any(w.lower().strip(",") in _WEEKDAYS for w in words):
        return None  # the recogniser's slip: "Earlier Friday" as a person
    if len(words) > 2 and words[1] in ("of", "for") and words[0].lower() not in rules.titles:
        return None  # "Supporters of Mr. McCarthy", "Lawyers for Mr. Trump": others than the one named
    name, title = split_title(mention, rules)
    if name is None:
        return None
    return Speaker(name, "person", title=title, mention="name")


def _body_named(name: str, rules: SpeakerRules) -> str | None:
    """The canonical name of ``name`` when the rules read it as an organisation, government or outlet
    ('FBI' -> 'Federal Bureau of Investigation'), else an unknown acronym as written ('NAACP')."""
    body = classify_name(name, None, rules)
    if body is not None and body.kind in ("organisation", "government", "media"):
        return body.name
    return name if _acronym(name) else None


def _acronym(name: str) -> bool:
    """'NAACP', 'NRA': one upper-case word of three letters or more."""
    return " " not in name and name.isupper() and len(name) >= 3
