"""The speaker rule lists of ``rules/speakers/`` (titles, aliases, capitals, outlets...), loaded once.

Users add aliases with their own TSV files (same format as ``aliases.tsv``) named in the
``QUOTES_ALIASES`` environment variable (several joined with ``:``); their lines win.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

ALIASES_ENV = "QUOTES_ALIASES"


def rules_lines(*parts: str) -> list[str]:
    """The lines of the rules file ``rules/PARTS...`` without comments and blank lines: the one
    reader of the shipped rules files."""
    path = resources.files("quotes") / "rules"
    for part in parts:
        path = path / part
    text = path.read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _lines(name: str) -> list[str]:
    return rules_lines("speakers", name)


def alias_key(name: str) -> str:
    """Lookup key: case, periods, a leading 'the', "'s" and the U.S./US spelling do not matter."""
    key = name.lower().replace(".", "").replace("’", "'")
    key = re.sub(r"'s?$", "", key)
    key = re.sub(r"^the\s+", "", key.strip())
    return re.sub(r"\s+", " ", key).strip()


@dataclass(frozen=True)
class SpeakerRules:
    """Everything the resolver reads from data files."""

    titles: frozenset[str]  # words that end a title before a name ("secretary", "sen.")
    honorifics: frozenset[str]  # dropped from names and titles ("mr.", "dr.")
    anonymous_heads: frozenset[str]  # "official", "sources"
    org_words: dict[str, str]  # word -> "organisation" or "government"
    aliases: dict[str, tuple[str, str]]  # alias_key -> (canonical name, kind)
    capitals: dict[str, str]  # alias_key of a capital -> country
    media: dict[str, str]  # outlet as written -> outlet
    gender: dict[str, str]  # first name, honorific or role noun -> "m" or "f"
    gendered_roles: frozenset[str]  # the role nouns among them ("mother", "spokeswoman")
    title_forms: dict[str, str] = field(default_factory=dict)  # "sen." -> "senator": one title, many forms
    title_covers: dict[str, frozenset[str]] = field(default_factory=dict)  # "lawmaker" -> {"senator", ...}
    surname_titles: frozenset[str] = frozenset()  # "king": a surname after a first name ("Steve King")
    party_words: dict[str, str] = field(default_factory=dict)  # "democratic" -> "Democrats"
    party_letters: dict[str, str] = field(default_factory=dict)  # "D" -> "Democrats" ("(D-N.Y.)")
    rank_words: frozenset[str] = frozenset()  # "majority": between a body and its title
    document_nouns: frozenset[str] = frozenset()  # "statement", "spokesman": speak for their issuer
    nicknames: dict[str, str] = field(default_factory=dict)  # "bob" -> "robert"
    first_names: dict[str, str] = field(default_factory=dict)  # first name -> "m" or "f" (gender.tsv's win)
    group_nouns: frozenset[str] = frozenset()  # "supporters": "Supporters of Mr. McCarthy" is a group
    media_nouns: frozenset[str] = frozenset()  # "tabloid": "the tabloid" is the outlet named last
    charging_documents: frozenset[str] = frozenset()  # "indictment": the prosecutors' words
    not_agents: frozenset[str] = frozenset()  # "conference", "question": no one who can speak

    def is_not_agent(self, head: str) -> bool:
        """An event, abstract noun or question word (``not_agents.txt``), singular or plural."""
        return _listed(head, self.not_agents) is not None

    def is_charging_document(self, phrase: str) -> bool:
        """'the 24-page indictment', "Stone's indictments", 'a criminal complaint': a document a
        prosecution files (its last one or two words, in the singular)."""
        words = phrase.split()
        return any(_listed(" ".join(words[-n:]), self.charging_documents) for n in (1, 2) if len(words) >= n)

    def is_document(self, word: str) -> bool:
        """A document or spokesperson noun, singular or plural ('statement', 'documents')."""
        return self.document_noun(word) is not None

    def document_noun(self, word: str) -> str | None:
        """The document noun ``word`` is, in the singular where the list has it ('documents' ->
        'document'), so that a plural and its singular are one noun; None for no document noun."""
        return _listed(word, self.document_nouns)

    # Built once per rules object (the rules are loaded once): every quote's relay check uses them.
    @cached_property
    def media_pattern(self) -> re.Pattern[str]:
        """Any outlet of ``media`` as a whole word, longest names first."""
        names = sorted(self.media, key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")

    @cached_property
    def gendered_role_pattern(self) -> re.Pattern[str]:
        """'the woman', 'my father': a determiner or possessive, an optional word, a role noun."""
        roles = "|".join(sorted(self.gendered_roles, key=len, reverse=True))
        return re.compile(rf"\b(?:[Tt]he|[Aa]n?|[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur)\s+(?:[a-z]+\s+)?({roles})\b")

    @cached_property
    def parties(self) -> frozenset[str]:
        """The party names an affiliation can be ('Democrats'), as opposed to a body ('NAACP')."""
        return frozenset(self.party_letters.values()) | frozenset(self.party_words.values())


def _read_aliases(lines: list[str], aliases: dict[str, tuple[str, str]]) -> None:
    for line in lines:
        parts = line.split("\t")
        if len(parts) >= 2:
            kind = parts[2].strip() if len(parts) > 2 and parts[2].strip() else "organisation"
            aliases[alias_key(parts[0])] = (parts[1].strip(), kind)


@lru_cache(maxsize=4)
def load_speaker_rules(extra_alias_files: tuple[str, ...] | None = None) -> SpeakerRules:
    """The package's lists plus the user's alias files (argument, else ``$QUOTES_ALIASES``)."""
    if extra_alias_files is None:
        extra_alias_files = tuple(p for p in os.environ.get(ALIASES_ENV, "").split(":") if p)
    titles, honorifics, title_forms, covers, surname_titles = set(), set(), {}, {}, set()
    for line in _lines("titles.txt"):
        word = line.strip().lower()
        if word.startswith("same "):
            forms = word.split()[1:]
            title_forms.update({form: forms[0] for form in forms})
        elif word.startswith("covers "):
            general, *specific = word.split()[1:]
            covers[general] = frozenset(specific)
            titles.add(general)
        elif word.startswith("surname "):
            surname_titles.update(word.split()[1:])
        elif word.startswith("honorific "):
            honorifics.add(word.split(None, 1)[1])
        else:
            titles.add(word)
    # "President-elect", "Representative-elect": every title has its elect form.
    titles |= {f"{t}-elect" for t in (*titles, *title_forms) if not t.endswith(".")}
    org_words = {}
    for line in _lines("org_words.txt"):
        parts = line.split()
        org_words[parts[-1].lower()] = "government" if parts[0] == "government" and len(parts) > 1 else "organisation"
    aliases: dict[str, tuple[str, str]] = {}
    _read_aliases(_lines("aliases.tsv"), aliases)
    for path in extra_alias_files:
        file_lines = Path(path).read_text(encoding="utf-8").splitlines()
        _read_aliases([x for x in file_lines if x.strip() and not x.startswith("#")], aliases)
    capitals = {alias_key(a): b.strip() for a, b in (line.split("\t")[:2] for line in _lines("capitals.tsv"))}
    media = {a.strip(): b.strip() for a, b in (line.split("\t")[:2] for line in _lines("media.tsv"))}
    return SpeakerRules(
        titles=frozenset(titles | honorifics),
        honorifics=frozenset(honorifics),
        anonymous_heads=frozenset(line.strip().lower() for line in _lines("anonymous.txt")),
        group_nouns=frozenset(line.strip().lower() for line in _lines("group_nouns.txt")),
        media_nouns=frozenset(line.strip().lower() for line in _lines("media_nouns.txt")),
        org_words=org_words,
        aliases=aliases,
        capitals=capitals,
        media=media,
        gender={a.strip().lower(): b.strip() for a, b in (line.split("\t")[:2] for line in _lines("gender.tsv"))},
        gendered_roles=frozenset(
            line.split("\t")[0].lower() for line in _lines("gender.tsv") if line.rstrip().endswith("\trole")
        ),
        title_forms=title_forms,
        title_covers=covers,
        surname_titles=frozenset(surname_titles),
        **_parties(_lines("parties.tsv")),
        document_nouns=frozenset(line.strip().lower() for line in _lines("documents.txt")),
        charging_documents=frozenset(line.strip().lower() for line in _lines("charging_documents.txt")),
        not_agents=frozenset(line.strip().lower() for line in _lines("not_agents.txt")),
        nicknames=_pairs("nicknames.tsv"),
        first_names=_pairs("first_names.tsv") | _pairs("gender.tsv", what="name"),
    )


def _listed(word: str, nouns: frozenset[str]) -> str | None:
    """The entry of ``nouns`` that ``word`` is, lowercase, its singular first ('documents' ->
    'document'), so that a plural and its singular are one noun; None when neither is listed."""
    word = word.lower()
    if word.endswith("s") and word[:-1] in nouns:
        return word[:-1]
    return word if word in nouns else None


def rule_lines(name: str) -> list[str]:
    """The lines of ``rules/speakers/NAME`` without comments and blank lines (one loader for every
    rules file)."""
    return _lines(name)


def rule_pairs(name: str) -> dict[str, str]:
    """The first two columns of ``rules/speakers/NAME``, lowercase."""
    return _pairs(name)


def _pairs(name: str, what: str | None = None) -> dict[str, str]:
    """The first two columns of a rules file, lowercase; only the lines whose third column is ``what``, if given."""
    rows = [line.split("\t") for line in _lines(name)]
    return {r[0].strip().lower(): r[1].strip().lower() for r in rows if what is None or r[2:3] == [what]}


def _parties(lines: list[str]) -> dict:
    words, letters, ranks = {}, {}, set()
    for line in lines:
        key, value = (part.strip() for part in line.split("\t")[:2])
        if key == "rank":
            ranks.add(value.lower())
        elif key.startswith("letter "):
            letters[key.split()[1]] = value
        else:
            words[key.lower()] = value
    return {"party_words": words, "party_letters": letters, "rank_words": frozenset(ranks)}
