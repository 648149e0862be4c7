"""Shared fixtures: one loaded spaCy model per test session, and the ../shared folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.nlp import load_model
from quotes.standoff import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVAL = SHARED / "eval"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def needs_shared(*parts: str) -> Path:
    """The path under ../shared, or skip the test when it is absent (a user's machine)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def extract(nlp):
    """extract(text) -> list of (type, content, speaker, cue) as written in the text, found by the rules
    (the tests that use it pin the rules' patterns; the learned tagger has tests of its own)."""
    from quotes.extract import extract_article

    def run(text: str, attribution: str = "rules"):
        found = []
        for quote in extract_article(Article("t", text), nlp, attribution=attribution):
            record = quote.to_standoff(text)
            assert text[quote.start : quote.end] == record["text"]
            found.append((quote.type, record["text"], record["speaker"], record["cue"]))
        return found

    return run


@pytest.fixture(scope="session")
def unknown_cue_sentences() -> list[tuple[str, str, str]]:
    """(source, cue, content) in several frames of a cue the lexicon does not hold ('griped'): what the
    tagger's tests teach it from."""
    return [
        ("Anna Berg", "griped", "that the trains were late"),
        ("The minister", "griped", "that taxes would rise"),
        ("Their coach", "griped", "that the pitch was too wet"),
        ("A neighbour", "griped", "that the road was closed"),
        ("Paul Ortiz", "griped", "that nobody had called him"),
        ("The farmers", "griped", "that prices kept falling"),
    ]
