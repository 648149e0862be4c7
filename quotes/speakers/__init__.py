"""Who spoke: each quote's speaker mention resolved to a named speaker, within one article.

A pure per-article step after extraction. It reads the quotes' speaker mentions, the named entities
of the parsed paragraphs, and the rule lists of ``rules/speakers/``:

- names lose their titles and honorifics, and name variants merge ("Esper", "Mr. Esper" and
  "Secretary of Defense Dr. Mark T. Esper" are "Mark T. Esper");
- organisations go through the alias table ("the Pentagon", "DoD" are the U.S. Department of
  Defense), capitals speak for their country ("Tehran" is Iran);
- pronouns ("he", "who", "its foreign ministry") and descriptions that refer back ("the department",
  "the statement", "the president") take the nearest fitting speaker or entity before them;
- unnamed sources ("a US defense official", "sources") are anonymous;
- a quote relayed by an outlet ("According to AFP, Tehran warned...") gets ``via``, and every
  outlet the text names is listed as a media mention with its role.

Cross-article identity (one id for "Esper" in every outlet) is a separate step: ``identities``.
"""

from quotes.speakers.affiliations import affiliation_at, affiliations_in
from quotes.speakers.media import MediaMention, media_mentions, relayed_by
from quotes.speakers.names import (
    KINDS,
    NAMED_KINDS,
    UNKNOWN,
    Entity,
    Speaker,
    _People,
    classify_name,
    clean_mention,
    could_be_one,
    loosely_same,
    members_of,
    same_person,
    split_title,
    surname,
    without_quantity,
)
from quotes.speakers.resolver import POSSESSIVES, PRONOUNS, resolve_article, resolve_speakers

__all__ = [
    "KINDS",
    "NAMED_KINDS",
    "POSSESSIVES",
    "PRONOUNS",
    "UNKNOWN",
    "Entity",
    "MediaMention",
    "Speaker",
    "_People",
    "affiliation_at",
    "affiliations_in",
    "classify_name",
    "clean_mention",
    "could_be_one",
    "loosely_same",
    "media_mentions",
    "members_of",
    "relayed_by",
    "resolve_article",
    "resolve_speakers",
    "same_person",
    "split_title",
    "surname",
    "without_quantity",
]
