"""A user's corrections to speaker resolution for one run: the speakers file (``--speakers FILE``).

One rule a line (``#`` starts a comment)::

    Trump -> Donald Trump, person          # a mention as written, or a resolved name, is this speaker
    the Times -> The New York Times, media
    different: Donald Trump | Donald Trump Jr.   # never one speaker, whatever the names look like

The left side of ``->`` matches a quote whose speaker mention as written, or whose name as resolved in
its article, is the same up to case, full stops and a leading "the"; the kind after the comma is one of
the speaker kinds and may be left out (the quote keeps its own). A corrected quote's
``speaker_resolution`` is ``user`` (confidence 1). The rules act on the run's quotes table, before
speakers are linked across articles, so they show in every table and in the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from quotes.rules_data import alias_key
from quotes.speakers import KINDS


class SpeakersFileError(ValueError):
    """A speakers file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class SpeakerOverrides:
    """The rules of a speakers file."""

    names: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # key -> (name, kind or None)
    different: frozenset[frozenset[str]] = frozenset()  # pairs of keys that are never one speaker

    def apart(self, a: str, b: str) -> bool:
        """True when the file says ``a`` and ``b`` are different speakers."""
        return frozenset((alias_key(a), alias_key(b))) in self.different

    def apply(self, quotes: pd.DataFrame) -> pd.DataFrame:
        """The quotes table with the named rules applied (``speaker_name``, ``speaker_kind``, resolution)."""
        if not self.names or quotes.empty:
            return quotes
        quotes = quotes.copy()
        for column in ("speaker_name", "speaker_kind", "speaker_resolution"):
            if column in quotes:
                quotes[column] = quotes[column].astype(object)
        for index, mention, name in zip(quotes.index, quotes["speaker"], quotes["speaker_name"], strict=True):
            keys = [alias_key(v) for v in (mention, name) if isinstance(v, str) and v]
            rule = next((self.names[k] for k in keys if k in self.names), None)
            if rule is None:
                continue
            quotes.at[index, "speaker_name"] = rule[0]
            if rule[1] is not None:
                quotes.at[index, "speaker_kind"] = rule[1]
            if "speaker_resolution" in quotes:
                quotes.at[index, "speaker_resolution"] = "user"
        return quotes


def read_speakers_file(path: Path | str) -> SpeakerOverrides:
    """Parse a speakers file; a malformed line raises ``SpeakersFileError`` naming it."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise SpeakersFileError(f"{path}: no such speakers file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SpeakersFileError(f"{path}: cannot read the speakers file ({error})") from None
    names: dict[str, tuple[str, str | None]] = {}
    different: set[frozenset[str]] = set()
    for number, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        where = f"{path}:{number}"
        if line.lower().startswith("different:"):
            parts = [p.strip() for p in line.split(":", 1)[1].split("|")]
            if len(parts) != 2 or not all(parts):
                raise SpeakersFileError(f"{where}: write 'different: NAME | OTHER NAME'")
            different.add(frozenset(alias_key(p) for p in parts))
            continue
        if "->" not in line:
            raise SpeakersFileError(f"{where}: write 'MENTION -> NAME, KIND' or 'different: NAME | OTHER NAME'")
        left, right = (part.strip() for part in line.split("->", 1))
        name, _, kind = (part.strip() for part in right.partition(","))
        if not left or not name:
            raise SpeakersFileError(f"{where}: both sides of '->' need a name")
        if kind and kind not in KINDS:
            raise SpeakersFileError(f"{where}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
        names[alias_key(left)] = (name, kind or None)
    return SpeakerOverrides(names, frozenset(different))
