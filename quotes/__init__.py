"""quotes: every quote and attributed statement in news articles, with speaker and cue.

>>> import quotes
>>> tables = quotes.extract(["seeds/"])          # doctest: +SKIP
>>> tables.quotes[["outlet", "speaker", "cue", "content"]]   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from quotes.extract import ArticleResult, extract_all, extract_article
from quotes.nlp import ModelNotFound, load_model
from quotes.read import InputError, read_articles
from quotes.standoff import Article, ArticleError, Quote, Span
from quotes.tables import Tables

__all__ = [
    "Article",
    "ArticleError",
    "ArticleResult",
    "InputError",
    "ModelNotFound",
    "Quote",
    "Span",
    "Tables",
    "extract",
    "extract_all",
    "extract_article",
    "load_model",
    "read_articles",
]
__version__ = "0.1.0"


def extract(
    paths: Iterable[Path | str],
    manifest: Path | str | None = None,
    model: str | None = None,
    processes: int | None = None,
) -> Tables:
    """Read the articles under ``paths`` and return their ``articles`` and ``quotes`` tables."""
    return Tables(extract_all(read_articles(paths, manifest), model=model, processes=processes))
