"""Roll-up across stories: outlets (or any articles column, e.g. ``political_leaning``) over a whole run.

A cross-article step over ``Tables``: the run's tables are regrouped so that the column plays the
part of the outlet, and the story comparison's own functions count them. Uncertain speakers are kept
out of every identity, as in the story reports.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import pandas as pd

from quotes.compare import cue_classes, for_claims, kind_mix, overview, uncertain_speakers, voices
from quotes.tables import Tables

NO_VALUE = "(none)"
TOP_SPEAKERS = 5


def regrouped(tables: Tables, column: str) -> Tables:
    """A view of ``tables`` whose ``outlet`` is each article's value of ``column`` (``NO_VALUE`` when missing)."""
    if column not in tables.articles.columns:
        available = ", ".join(tables.articles.columns)
        raise KeyError(f"no column {column!r} to compare by; the articles table has: {available}")
    if column == "outlet":
        return tables
    values = tables.articles[column].astype("object").where(tables.articles[column].notna(), NO_VALUE).astype(str)
    group_of = dict(zip(tables.articles["article_id"], values, strict=True))
    view = copy.copy(tables)
    for name in ("articles", "quotes", "media_mentions", "text_parts", "terms"):
        frame = getattr(tables, name)
        setattr(view, name, frame.assign(outlet=frame["article_id"].map(group_of)))
    return view


@dataclass
class Rollup:
    """The roll-up of a run by one column: a summary row per group, and its kinds, cues and top speakers."""

    column: str
    summary: pd.DataFrame
    kinds: pd.DataFrame
    cues: pd.DataFrame
    speakers: pd.DataFrame

    def frames(self) -> dict[str, pd.DataFrame]:
        """The tables by file name (``rollup_COLUMN``, ``rollup_COLUMN_kinds``...)."""
        name = f"rollup_{self.column}"
        label = self.column
        return {
            name: self.summary,
            f"{name}_kinds": self.kinds.rename_axis(label).reset_index() if len(self.kinds) else _empty(label),
            f"{name}_cues": self.cues.rename_axis(label).reset_index() if len(self.cues) else _empty(label),
            f"{name}_speakers": self.speakers,
        }


def _empty(label: str) -> pd.DataFrame:
    return pd.DataFrame(columns=[label])


def rollup(tables: Tables, column: str = "outlet") -> Rollup:
    """Per value of ``column`` over the whole run: stories, articles, words, quotes, quotes per 1,000
    words, direct share, share of text in quotation marks, share of anonymous sources, speakers; the
    quotes per speaker kind and per cue class; and the most quoted speakers."""
    view = regrouped(tables, column)
    view = for_claims(view, uncertain_speakers(view.quotes))
    table = overview(view)
    kinds = kind_mix(view)
    cues = cue_classes(view)
    voice_table = voices(view)
    columns = [column, "stories", "articles", "words", "quotes", "quotes_per_1000_words", "direct_share"]
    columns += ["quoted_text_share", "anonymous_quotes", "anonymous_share", "speakers", "top_speakers"]
    if table.empty:
        return Rollup(column, pd.DataFrame(columns=columns), kinds, cues, _top(voice_table, column))
    ok = view.articles[view.articles["status"] == "ok"]
    stories = ok.groupby("outlet")["event_id"].nunique() if "event_id" in ok else pd.Series(dtype=int)
    anonymous = kinds["anonymous"] if "anonymous" in kinds else pd.Series(0, index=kinds.index)
    top = _top(voice_table, column)
    summary = pd.DataFrame(
        {
            column: table["outlet"],
            "stories": table["outlet"].map(stories).fillna(0).astype(int),
            "articles": table["articles"],
            "words": table["words"],
            "quotes": table["quotes"],
            "quotes_per_1000_words": (1000 * table["quotes"] / table["words"].clip(lower=1)).round(2),
            "direct_share": table["direct_share"],
            "quoted_text_share": table["quoted_text_share"],
            "anonymous_quotes": [int(anonymous.get(g, 0)) for g in table["outlet"]],
            "anonymous_share": [
                round(anonymous.get(g, 0) / q, 3) if q else None
                for g, q in zip(table["outlet"], table["quotes"], strict=True)
            ],
            "speakers": table["speakers"],
            "top_speakers": [list(top.loc[top[column] == g, "speaker_name"]) for g in table["outlet"]],
        }
    )
    return Rollup(column, summary[columns], kinds, cues, top)


def _top(voice_table: pd.DataFrame, column: str) -> pd.DataFrame:
    """The ``TOP_SPEAKERS`` most quoted speakers of each group, with their ids."""
    columns = [column, "rank", "speaker_id", "speaker_name", "speaker_kind", "quotes", "words"]
    if voice_table.empty:
        return pd.DataFrame(columns=columns)
    ranked = voice_table.sort_values(["outlet", "quotes", "speaker_name"], ascending=[True, False, True])
    top = ranked.groupby("outlet", sort=True).head(TOP_SPEAKERS).rename(columns={"outlet": column})
    top.insert(1, "rank", top.groupby(column).cumcount() + 1)
    return top[columns].reset_index(drop=True)
