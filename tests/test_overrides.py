"""The speakers file: a user's corrections to who spoke."""

from __future__ import annotations

import pandas as pd
import pytest

from quotes.identities import link_speakers
from quotes.overrides import SpeakersFileError, read_speakers_file


def _quotes(mentions, names, kinds):
    n = len(names)
    return pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(n)],
            "outlet": ["X"] * n,
            "speaker": mentions,
            "speaker_name": names,
            "speaker_kind": kinds,
            "speaker_title": [None] * n,
            "speaker_affiliation": [None] * n,
            "speaker_resolution": ["name"] * n,
        }
    )


def test_rules_rename_and_keep_apart(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text(
        "Kim -> Kim Jong Un, person   # the surname alone is the leader\n"
        "the Times -> The New York Times, media\n"
        "different: Joe Smith | J. Smith\n",
        encoding="utf-8",
    )
    rules = read_speakers_file(path)
    quotes = _quotes(
        ["Kim", "the Times", "Joe Smith", "J. Smith", "Smith"],
        ["Kim", "Times", "Joe Smith", "J. Smith", "Smith"],
        ["person", "organisation", "person", "person", "person"],
    )
    linked = link_speakers(quotes, rules)
    assert list(linked.speaker_name[:2]) == ["Kim Jong Un", "The New York Times"]
    assert list(linked.speaker_kind[:2]) == ["person", "media"]
    assert list(linked.speaker_resolution[:2]) == ["user", "user"]
    assert linked.speaker_id[2] != linked.speaker_id[3]  # joined without the rule ('J.' fits 'Joe')
    assert link_speakers(quotes).speaker_id[2] == link_speakers(quotes).speaker_id[3]


@pytest.mark.parametrize(
    "line, message",
    [
        ("Trump Donald Trump", "write 'MENTION -> NAME, KIND'"),
        ("-> Donald Trump", "both sides of '->' need a name"),
        ("Trump -> Donald Trump, alien", "unknown kind 'alien'"),
        ("different: Donald Trump", "write 'different: NAME | OTHER NAME'"),
    ],
)
def test_a_bad_line_is_named(tmp_path, line, message):
    path = tmp_path / "s.txt"
    path.write_text(f"# ok\n{line}\n", encoding="utf-8")
    with pytest.raises(SpeakersFileError, match=f"s.txt:2: {message}"):
        read_speakers_file(path)
