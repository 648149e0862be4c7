"""quotes: every quote and attributed statement in news articles, with speaker and cue.

>>> import quotes
>>> tables = quotes.extract(["seeds/"])          # doctest: +SKIP
>>> tables.quotes[["outlet", "speaker", "cue", "content"]]   # doctest: +SKIP
>>> report = quotes.StoryReport("Seeds", quotes.extract(["seeds/"], profile=True))   # doctest: +SKIP
>>> report.comparison.quotes_matrix; report.to_markdown(); report.write("out/")   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from quotes.compare import Comparison, compare
from quotes.extract import ArticleResult, extract_all, extract_article
from quotes.nlp import ModelNotFound, load_model
from quotes.overrides import read_speakers_file
from quotes.read import InputError, read_articles
from quotes.report import StoryReport, write_reports
from quotes.rollup import rollup
from quotes.standoff import Article, ArticleError, Quote, Span
from quotes.tables import Tables, load_table

__all__ = [
    "Article",
    "ArticleError",
    "ArticleResult",
    "Comparison",
    "InputError",
    "ModelNotFound",
    "Quote",
    "Span",
    "StoryReport",
    "Tables",
    "compare",
    "extract",
    "extract_all",
    "extract_article",
    "load_model",
    "load_table",
    "read_articles",
    "rollup",
    "write_reports",
]
__version__ = "0.1.0"


def extract(
    paths: Iterable[Path | str],
    manifest: Path | str | None = None,
    model: str | None = None,
    processes: int | None = None,
    profile: bool = False,
    speakers: Path | str | None = None,
) -> Tables:
    """Read the articles under ``paths`` and return their tables.

    With ``profile`` the tables also hold ``text_parts`` and ``terms`` (quoted and narrative wording),
    which the report's distinctive-wording and tone sections need. ``speakers`` is a speakers file of
    corrections (see ``quotes.overrides``).
    """
    overrides = read_speakers_file(speakers) if speakers else None
    results = extract_all(read_articles(paths, manifest), model=model, processes=processes, profile=profile)
    return Tables(results, overrides)
