"""quotes: every quote and attributed statement in news articles, with speaker and cue.

>>> import quotes
>>> tables = quotes.extract(["seeds/"])          # doctest: +SKIP
>>> tables.quotes[["outlet", "speaker", "cue", "content"]]   # doctest: +SKIP
>>> report = quotes.StoryReport("Seeds", quotes.extract(["seeds/"], profile=True))   # doctest: +SKIP
>>> report.comparison.quotes_matrix; report.to_markdown(); report.write("out/")   # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

# The public names, imported on first use (PEP 562) so that ``quotes --help`` starts without loading
# spaCy or pandas.
_WHERE = {
    "Article": "quotes.standoff",
    "ArticleError": "quotes.standoff",
    "ArticleResult": "quotes.extract",
    "Comparison": "quotes.compare",
    "InputError": "quotes.read",
    "ModelNotFound": "quotes.nlp",
    "Quote": "quotes.standoff",
    "Span": "quotes.standoff",
    "StoryReport": "quotes.report",
    "Tables": "quotes.tables",
    "compare": "quotes.compare",
    "extract_all": "quotes.extract",
    "extract_article": "quotes.extract",
    "load_model": "quotes.nlp",
    "load_table": "quotes.tables",
    "read_articles": "quotes.read",
    "rollup": "quotes.rollup",
    "write_reports": "quotes.report",
}

if TYPE_CHECKING:
    from quotes.tables import Tables


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'quotes' has no attribute {name!r}")


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
    paths: Path | str | Iterable[Path | str],
    manifest: Path | str | None = None,
    model: str | None = None,
    processes: int | None = None,
    profile: bool = False,
    speakers: Path | str | None = None,
) -> Tables:
    """Read the articles under ``paths`` (one path or URL, or several, as the CLI takes them) and
    return their tables.

    With ``profile`` the tables also hold ``text_parts`` and ``terms`` (quoted and narrative wording),
    which the report's distinctive-wording and tone sections need. ``speakers`` is a speakers file of
    corrections (see ``quotes.overrides``).
    """
    from quotes.extract import extract_all
    from quotes.overrides import read_speakers_file
    from quotes.read import read_articles
    from quotes.tables import Tables

    if isinstance(paths, (str, Path)):
        paths = [paths]  # "folder/" is one folder, not the letters of its name
    overrides = read_speakers_file(speakers) if speakers else None
    results = extract_all(read_articles(paths, manifest), model=model, processes=processes, profile=profile)
    return Tables(results, overrides)


class _Package(types.ModuleType):
    """``quotes.extract`` is the function above, though a submodule has the same name: importing the
    submodule (lazily, after this file has run) would otherwise replace the function on the package."""

    @property
    def extract(self):
        return _extract

    @extract.setter
    def extract(self, module) -> None:
        pass  # the submodule stays in sys.modules["quotes.extract"], where ``from quotes.extract import`` finds it


_extract = extract
sys.modules[__name__].__class__ = _Package
