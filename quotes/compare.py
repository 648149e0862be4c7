"""Compare outlets: the tables behind the report, computed from a run's tables.

A cross-article step over ``Tables`` (see ``tables``): who each outlet quotes and how much, the kind
of voices, the same statement carried by several outlets and how its wording differs, cue verbs,
distinctive wording and tone. Every function returns a plain DataFrame. The claims that an outlet
alone carries a quote, or leaves out a sentence, are checked against the articles' texts
(``claims``) before they are made.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
import pandas as pd
from nltk.tokenize import RegexpTokenizer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq
from scipy.cluster.hierarchy import DisjointSet

from quotes.claims import MIN_CHECKED_WORDS, TextIndex, is_statement, normal_words
from quotes.identities import CLAIM_CONFIDENCE
from quotes.marks import QUOTE_CHARS, find_quote_spans
from quotes.rules_data import load_speaker_rules
from quotes.speakers import could_be_one
from quotes.tables import Tables
from quotes.wording import sentence_spans, trimmed

# Speakers that are not a voice of the story: flagged apart, never counted as a speaker.
UNKNOWN = "unknown"
QUOTED_TYPES = ("direct", "mixed")
# Two quoted sentences are one statement when their wording agrees this much (rapidfuzz ratio, 0-100),
# or when the shorter, of at least MIN_CONTAINED_WORDS words, is contained in the other at this level.
SAME_SENTENCE = 80
CONTAINED = 95
MIN_CONTAINED_WORDS = 2
# Inside two outlets' quotes that share a statement, a sentence with this share of the other's words
# in order (and this many words at least) is the same sentence, worded differently.
PARTNER_SHARE = 0.7
MIN_PARTNER_WORDS = 3
# Who said a phrase this short ('dirt', 'politically motivated') is no claim about a statement: the
# same few words are often reported of different people.
MIN_ATTRIBUTED_WORDS = 4
# Outlets that disagree on a speaker are more often the tool's error than the outlets' difference, so
# the claim rests only on speakers their own sentence names (not a pronoun, a continuation or a description).
NAMED_IN_SENTENCE = ("name", "apposition", "cross-article", "user")
_TOKENS = RegexpTokenizer(r"\w[\w'’-]*|[^\w\s]")
_QUOTE_CHARS = set(QUOTE_CHARS)
_DOUBLE_MARKS = "".join(c for c in QUOTE_CHARS if c not in "'’‘") + " "


# Identities a claim can rest on; unnamed and anonymous sources are descriptions, not identities.
IDENTITY_KINDS = ("person", "organisation", "government", "media", "group")
UNCERTAIN = "uncertain"
UNCERTAIN_COLUMNS = [
    "outlet",
    "article_id",
    "quote_index",
    "speaker_id",
    "speaker",
    "speaker_name",
    "speaker_resolution",
    "speaker_confidence",
    "type",
    "content",
]


def uncertain_speakers(quotes: pd.DataFrame) -> pd.Series:
    """True for quotes whose named speaker is below ``CLAIM_CONFIDENCE`` (a description, a surname the
    run could not place): the report states no comparison from them."""
    named = quotes["speaker_id"].notna() & quotes["speaker_kind"].isin(IDENTITY_KINDS)
    return named & (quotes["speaker_confidence"].fillna(0) < CLAIM_CONFIDENCE)


def for_claims(tables: Tables, uncertain: pd.Series) -> Tables:
    """The tables with the ``uncertain`` speakers (``uncertain_speakers``) taken out of every identity
    (kind ``uncertain``, no id, no name)."""
    if not uncertain.any():
        return tables
    view = copy.copy(tables)
    quotes = tables.quotes
    view.quotes = quotes.assign(
        speaker_id=quotes["speaker_id"].mask(uncertain),
        speaker_name=quotes["speaker_name"].mask(uncertain),
        speaker_kind=quotes["speaker_kind"].mask(uncertain, UNCERTAIN),
    )
    return view


def outlets_of(tables: Tables) -> list[str]:
    """The outlets of the run's readable articles, in alphabetical order (the report's order)."""
    ok = tables.articles[tables.articles["status"] == "ok"]
    return sorted(ok["outlet"].dropna().unique())


def overview(tables: Tables) -> pd.DataFrame:
    """One row per outlet: articles, words, quotes by type, speakers, and how much of the text is quoted."""
    ok = tables.articles[tables.articles["status"] == "ok"]
    quotes = tables.quotes
    rows = []
    for outlet in outlets_of(tables):
        articles = ok[ok["outlet"] == outlet]
        mine = quotes[quotes["outlet"] == outlet]
        direct = int((mine["type"] == "direct").sum())
        parts = tables.text_parts[tables.text_parts["outlet"] == outlet]
        quoted_chars = parts.loc[parts["part"] == "quoted", "chars"].sum()
        rows.append(
            {
                "outlet": outlet,
                "articles": len(articles),
                "words": int(articles["words"].sum()),
                "quotes": len(mine),
                "direct": direct,
                "mixed": int((mine["type"] == "mixed").sum()),
                "indirect": int((mine["type"] == "indirect").sum()),
                "speakers": mine["speaker_id"].nunique(),
                "unknown_speaker": int((mine["speaker_id"].isna() & (mine["speaker_kind"] != UNCERTAIN)).sum()),
                "uncertain_speaker": int((mine["speaker_kind"] == UNCERTAIN).sum()),
                "direct_share": _share(direct, len(mine)),
                "quoted_text_share": _share(quoted_chars, parts["chars"].sum()) if len(parts) else None,
            }
        )
    return pd.DataFrame(rows)


def _share(part: float, whole: float) -> float | None:
    return round(float(part) / float(whole), 3) if whole else None


def voices(tables: Tables) -> pd.DataFrame:
    """One row per outlet and speaker (unknown speakers left out): quotes, quoted words, cues, first place."""
    quotes = tables.quotes[tables.quotes["speaker_id"].notna()].copy()
    if quotes.empty:
        return pd.DataFrame(
            columns=[
                "outlet",
                "speaker_id",
                "speaker_name",
                "speaker_kind",
                "quotes",
                "words",
                "cues",
                "first_position",
            ]
        )
    quotes["words"] = quotes["content"].str.split().str.len()
    quotes["cue_word"] = quotes["cue"].fillna("").str.lower().str.strip()
    grouped = quotes.groupby(["outlet", "speaker_id"], sort=True)
    table = grouped.agg(
        speaker_name=("speaker_name", "first"),
        speaker_kind=("speaker_kind", "first"),
        quotes=("content", "size"),
        words=("words", "sum"),
        cues=("cue_word", lambda cues: ", ".join(sorted({c for c in cues if c}))),
        first_position=("position", "min"),
    ).reset_index()
    return table.sort_values(["outlet", "quotes", "speaker_name"], ascending=[True, False, True]).reset_index(drop=True)


def speaker_matrix(voice_table: pd.DataFrame, value: str = "quotes") -> pd.DataFrame:
    """Speakers by outlet: ``value`` (quotes or words) per cell, 0 where an outlet does not quote them.
    One row per identity, indexed by ``speaker_id`` and ``speaker_name`` (two people of one name are two
    rows), most quoted first."""
    if voice_table.empty:
        return pd.DataFrame(index=pd.MultiIndex.from_tuples([], names=["speaker_id", "speaker_name"]))
    matrix = voice_table.pivot_table(
        index=["speaker_id", "speaker_name"], columns="outlet", values=value, aggfunc="sum", fill_value=0
    )
    matrix = matrix.sort_index(level=["speaker_name", "speaker_id"])  # ties in name order
    matrix = matrix.loc[matrix.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    matrix.columns.name = None
    return matrix.astype(int)


def kind_mix(tables: Tables) -> pd.DataFrame:
    """Outlets by speaker kind: number of quotes (unknown speakers in their own column)."""
    quotes = tables.quotes
    if quotes.empty:
        return pd.DataFrame()
    mix = pd.crosstab(quotes["outlet"], quotes["speaker_kind"].fillna(UNKNOWN))
    order = sorted(mix.columns, key=lambda kind: (kind == UNKNOWN, -mix[kind].sum(), kind))
    mix = mix[order]
    mix.columns.name = mix.index.name = None
    return mix


def affiliation_mix(tables: Tables) -> pd.DataFrame:
    """Outlets by the affiliation the texts give the people they quote ('Democrats', 'Republicans',
    'Obama campaign'): number of quotes; empty when no text gives one. A person's affiliation is
    their party if a text gives one, else the body the run's texts give most often; it counts in
    an outlet that does not say it."""
    quotes = tables.quotes
    if quotes.empty or "speaker_affiliation" not in quotes:
        return pd.DataFrame()
    people = quotes[(quotes["speaker_kind"] == "person") & quotes["speaker_id"].notna()]
    given = people.dropna(subset=["speaker_affiliation"])
    if given.empty:
        return pd.DataFrame()
    counts = given.groupby(["speaker_id", "speaker_affiliation"]).size().reset_index(name="n")
    # a party over a body ('U.S. Senate')
    counts["party"] = counts["speaker_affiliation"].isin(load_speaker_rules().parties)
    counts = counts.sort_values(["party", "n", "speaker_affiliation"], ascending=[False, False, True])
    affiliation = counts.drop_duplicates("speaker_id").set_index("speaker_id")["speaker_affiliation"]
    people = people.assign(affiliation=people["speaker_id"].map(affiliation)).dropna(subset=["affiliation"])
    mix = pd.crosstab(people["outlet"], people["affiliation"])
    mix = mix.reindex(outlets_of(tables), fill_value=0)
    mix = mix[sorted(mix.columns, key=lambda group: (-mix[group].sum(), group))]
    mix.columns.name = mix.index.name = None
    return mix


def first_quoted(tables: Tables) -> pd.DataFrame:
    """Per article, the first speaker it quotes (the first quote with a known speaker)."""
    quotes = tables.quotes[tables.quotes["speaker_id"].notna()].sort_values(["article_id", "start"])
    first = quotes.groupby("article_id", sort=False).head(1)
    return (
        first[["outlet", "article_id", "speaker_id", "speaker_name", "speaker_kind", "type", "position"]]
        .sort_values(["outlet", "article_id"])
        .reset_index(drop=True)
    )


def single_outlet_speakers(voice_table: pd.DataFrame) -> pd.DataFrame:
    """Speakers quoted by exactly one outlet (empty when the run has fewer than two outlets)."""
    if voice_table.empty or voice_table["outlet"].nunique() < 2:
        return voice_table.iloc[0:0]
    counts = voice_table.groupby("speaker_id")["outlet"].nunique()
    alone = voice_table[voice_table["speaker_id"].map(counts) == 1]
    return alone.sort_values(["outlet", "quotes", "speaker_name"], ascending=[True, False, True]).reset_index(drop=True)


def cue_classes(tables: Tables) -> pd.DataFrame:
    """Outlets by cue class (neutral, evaluative, ...): number of quotes."""
    quotes = tables.quotes
    if quotes.empty:
        return pd.DataFrame()
    table = pd.crosstab(quotes["outlet"], quotes["cue_class"].fillna("none"))
    table.columns.name = table.index.name = None
    return table


def cue_verbs(tables: Tables) -> pd.DataFrame:
    """One row per outlet and cue (as written, lower-cased): class, count, and whether only this outlet uses it."""
    quotes = tables.quotes[tables.quotes["cue"].fillna("").str.strip() != ""].copy()
    columns = ["outlet", "cue", "cue_lemma", "cue_class", "quotes", "only_this_outlet"]
    if quotes.empty:
        return pd.DataFrame(columns=columns)
    quotes["cue"] = quotes["cue"].str.lower().str.strip()
    table = (
        quotes.groupby(["outlet", "cue"], sort=True)
        .agg(cue_lemma=("cue_lemma", "first"), cue_class=("cue_class", "first"), quotes=("content", "size"))
        .reset_index()
    )
    outlets_per_cue = table.groupby("cue_lemma")["outlet"].nunique()
    several = quotes["outlet"].nunique() > 1
    table["only_this_outlet"] = several & (table["cue_lemma"].map(outlets_per_cue) == 1)
    return table.sort_values(["outlet", "quotes", "cue"], ascending=[True, False, True]).reset_index(drop=True)[columns]


# --- distinctive wording --------------------------------------------------------------------------


def distinctive_terms(tables: Tables, part: str, top: int = 10) -> pd.DataFrame:
    """Per outlet, the terms of ``part`` most distinctive against all other outlets.

    Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
    "Fightin' Words"), one outlet against the rest, the prior being the pooled counts of all outlets.
    ``z`` is the z-score of the log-odds difference; |z| > 1.96 is the usual bar.
    """
    columns = ["outlet", "part", "term", "count", "others", "z"]
    terms = tables.terms[tables.terms["part"] == part]
    if terms.empty or terms["outlet"].nunique() < 2:
        return pd.DataFrame(columns=columns)
    counts = terms.pivot_table(index="term", columns="outlet", values="count", aggfunc="sum", fill_value=0)
    prior = counts.sum(axis=1).to_numpy(dtype=float)
    prior_total = prior.sum()
    rows = []
    for outlet in counts.columns:
        mine = counts[outlet].to_numpy(dtype=float)
        rest = prior - mine
        z = _log_odds_z(mine, rest, prior, prior_total)
        best = np.argsort(-z, kind="stable")[:top]
        rows.extend(
            {
                "outlet": outlet,
                "part": part,
                "term": counts.index[i],
                "count": int(mine[i]),
                "others": int(rest[i]),
                "z": round(float(z[i]), 2),
            }
            for i in best
            if mine[i] > 0
        )
    return pd.DataFrame(rows, columns=columns)


def _log_odds_z(mine: np.ndarray, rest: np.ndarray, prior: np.ndarray, prior_total: float) -> np.ndarray:
    mine_total, rest_total = mine.sum(), rest.sum()
    with np.errstate(divide="ignore", invalid="ignore"):  # a one-term vocabulary has no odds: z is nan
        log_odds_mine = np.log((mine + prior) / (mine_total + prior_total - mine - prior))
        log_odds_rest = np.log((rest + prior) / (rest_total + prior_total - rest - prior))
        variance = 1.0 / (mine + prior) + 1.0 / (rest + prior)
        return (log_odds_mine - log_odds_rest) / np.sqrt(variance)


def tone(tables: Tables) -> pd.DataFrame:
    """Outlets by part: mean VADER compound over the sentences of their quoted and narrative text."""
    parts = tables.text_parts.dropna(subset=["tone"])
    if parts.empty:
        return pd.DataFrame(columns=["outlet", "part", "sentences", "tone"])
    parts = parts.assign(weighted=parts["tone"] * parts["sentences"])
    table = (
        parts.groupby(["outlet", "part"])
        .agg(sentences=("sentences", "sum"), weighted=("weighted", "sum"))
        .reset_index()
    )
    table["tone"] = (table["weighted"] / table["sentences"]).round(3)
    return table.drop(columns="weighted")


# --- shared quotes --------------------------------------------------------------------------------


def quoted_sentences(tables: Tables) -> pd.DataFrame:
    """One row per sentence inside the quotation marks of each direct and mixed quote (the speaker's words),
    with its offsets ``start``/``end`` in the article's text."""
    rows = []
    quotes = tables.quotes[tables.quotes["type"].isin(QUOTED_TYPES)]
    for quote in quotes.itertuples():
        pieces = _quoted_pieces(quote.content, quote.type)
        spans = [(a + s, a + e) for a, b in pieces for s, e in sentence_spans(quote.content[a:b])]
        for number, (start, end) in enumerate(spans):
            rows.append(
                {
                    "outlet": quote.outlet,
                    "article_id": quote.article_id,
                    "quote_index": quote.quote_index,
                    "speaker_id": quote.speaker_id,
                    "speaker_name": quote.speaker_name,
                    "speaker_kind": quote.speaker_kind,
                    "speaker_resolution": quote.speaker_resolution,
                    "cue": quote.cue,
                    "sentence": number,
                    "start": quote.start + start,
                    "end": quote.start + end,
                    "text": quote.content[start:end],
                }
            )
    columns = ["outlet", "article_id", "quote_index", "speaker_id", "speaker_name", "speaker_kind"]
    return pd.DataFrame(rows, columns=[*columns, "speaker_resolution", "cue", "sentence", "start", "end", "text"])


def _quoted_pieces(content: str, kind: str) -> list[tuple[int, int]]:
    """``(start, end)`` in ``content`` of the words inside each pair of quotation marks (all of a direct
    quote whose marks are not in its content), marks and outer whitespace trimmed."""
    spans = [(s.start, s.end) for s in find_quote_spans(content)]
    if not spans and kind == "direct":
        spans = [(0, len(content))]
    pieces = []
    for start, end in spans:
        start, end = trimmed(content, start, end)
        start, end = trimmed(content, start, end, QUOTE_CHARS)
        pieces.append(trimmed(content, start, end))
    return pieces


def _normal(text: str) -> str:
    text = "".join(" " if c in _QUOTE_CHARS and c not in "'’" else c for c in text).replace("’", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def shared_statements(sentences: pd.DataFrame) -> pd.DataFrame:
    """The quoted sentences, each with a ``statement`` number shared by the same words in other outlets.

    ``outlets`` is how many outlets carry that statement (1: only this one).
    """
    table = sentences.copy()
    if table.empty:
        return table.assign(statement=pd.Series(dtype=int), outlets=pd.Series(dtype=int))
    normal = [_normal(t) for t in table["text"]]
    outlet = table["outlet"].to_numpy()
    words = np.array([len(t.split()) for t in normal])
    # rapidfuzz's cdist scores all pairs in C++; the Python loop only visits pairs that match.
    alike = process.cdist(normal, normal, scorer=fuzz.ratio, score_cutoff=SAME_SENTENCE) > 0
    contained = process.cdist(normal, normal, scorer=fuzz.partial_ratio, score_cutoff=CONTAINED) > 0
    contained &= np.minimum.outer(words, words) >= MIN_CONTAINED_WORDS
    groups = DisjointSet(range(len(table)))
    for i, j in zip(*np.nonzero((alike | contained) & (outlet[:, None] != outlet[None, :])), strict=True):
        groups.merge(int(i), int(j))
    _align_partners(table, groups)
    roots = [groups[i] for i in range(len(table))]
    numbers = {root: n for n, root in enumerate(dict.fromkeys(roots))}
    table["statement"] = [numbers[r] for r in roots]
    table["outlets"] = table.groupby("statement")["outlet"].transform("nunique")
    return table


def _align_partners(table: pd.DataFrame, groups: DisjointSet) -> None:
    """Within two outlets' quotes that already share a statement, sentences that differ by a word or so
    ('We reject his visit.' / 'We reject his message.') are one statement too: ``PARTNER_SHARE`` of the
    longer one's words in order, ``MIN_PARTNER_WORDS`` at least."""
    quote_of = list(zip(table["article_id"], table["quote_index"], strict=True))
    rows_of: dict[tuple, list[int]] = {}
    for i, key in enumerate(quote_of):
        rows_of.setdefault(key, []).append(i)
    outlet = list(table["outlet"])
    words = [normal_words(t).split() for t in table["text"]]
    quotes_of_root: dict[int, set[tuple]] = {}
    for i, key in enumerate(quote_of):
        quotes_of_root.setdefault(groups[i], set()).add(key)
    pairs = set()
    for keys in quotes_of_root.values():
        ordered = sorted(keys, key=str)
        pairs.update((a, b) for n, a in enumerate(ordered) for b in ordered[n + 1 :])
    for a, b in sorted(pairs, key=str):
        if outlet[rows_of[a][0]] == outlet[rows_of[b][0]]:
            continue
        for i in rows_of[a]:
            for j in rows_of[b]:
                if groups[i] == groups[j]:
                    continue
                longer = max(len(words[i]), len(words[j]))
                need = max(MIN_PARTNER_WORDS, math.ceil(PARTNER_SHARE * longer))
                if LCSseq.similarity(words[i], words[j], score_cutoff=need):
                    groups.merge(i, j)


def statement_versions(statements: pd.DataFrame) -> pd.DataFrame:
    """For each statement carried by several outlets, each outlet's version (one row per outlet): the
    sentences of the statement in the outlet's quote that carries most of its words, ``text`` joined in
    text order, ``start``/``end`` from the first sentence's start to the last one's end."""
    shared = statements[statements["outlets"] > 1].sort_values(["article_id", "quote_index", "start"])
    if shared.empty:
        return shared
    key = ["statement", "outlet", "article_id", "quote_index"]
    grouped = shared.groupby(key, sort=False)
    versions = grouped.head(1).set_index(key)
    versions["text"] = grouped["text"].agg(" ".join)
    versions["end"] = grouped["end"].max()
    versions = versions.reset_index()
    versions["length"] = versions["text"].str.len()
    versions = versions.sort_values(["statement", "outlet", "length"], ascending=[True, True, False], kind="stable")
    return versions.groupby(["statement", "outlet"], sort=True).head(1).drop(columns="length")[list(statements.columns)]


def attributed_differently(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements several outlets carry and credit to different speakers: each outlet's fullest version,
    for statements (``claims.is_statement``: ``MIN_ATTRIBUTED_WORDS`` words or more, not a fragment
    or a title) whose versions name two or more identities (named
    kinds, named in the quote's own sentence: ``NAMED_IN_SENTENCE``) that cannot be one speaker
    (``could_be_one``). An outlet that describes the speaker without naming them ('a Fox News host')
    attributes nothing differently."""
    columns = ["statement", "outlet", "article_id", "quote_index", "speaker_id", "speaker_name", "start", "end", "text"]
    versions = statement_versions(statements)
    long_enough = versions["text"].map(lambda t: is_statement(t, MIN_ATTRIBUTED_WORDS)).astype(bool)
    named = versions[
        versions["speaker_id"].notna()
        & versions["speaker_kind"].isin(IDENTITY_KINDS)
        & versions["speaker_resolution"].isin(NAMED_IN_SENTENCE)
        & long_enough
    ]
    rows = []
    for _, group in named.groupby("statement", sort=True):
        names = list(dict.fromkeys(group["speaker_name"]))
        if len(names) > 1 and not any(could_be_one(a, b) for i, a in enumerate(names) for b in names[i + 1 :]):
            rows.append(group[columns])
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=columns)


def wording_differences(statements: pd.DataFrame) -> pd.DataFrame:
    """For each statement carried by several outlets, how each outlet's version differs from the first's.

    Each outlet's version (``statement_versions``: all its sentences of the statement in one quote) is
    aligned word by word with the first outlet's (alphabetical), so where either cut its sentences makes
    no difference. ``change`` is ``wording`` for a stretch of words that differs inside the versions
    (verbatim on both sides, "" where one has nothing; punctuation, quotation marks, case and curly
    against straight apostrophes are no difference), or ``extent`` when one version quotes more at its
    start or end (``outlet_has``/``other_has``: the words only that version has, pieces joined by " … ";
    both whole when the versions share no word). Each row names the two versions compared: their quotes
    (``article_id``/``quote_index``, ``other_*``) and offsets (``start``/``end``, ``other_start``/``other_end``).
    """
    version = ["article_id", "quote_index", "start", "end"]
    columns = ["statement", "outlet", "other_outlet", "change", "outlet_has", "other_has"]
    columns += [*version, *(f"other_{c}" for c in version)]
    rows = []
    for number, versions in statement_versions(statements).groupby("statement", sort=True):
        reference = versions.iloc[0]
        for other in versions.iloc[1:].itertuples():
            pair = {"statement": number, "outlet": reference["outlet"], "other_outlet": other.outlet}
            pair.update({c: reference[c] for c in version})
            pair.update({f"other_{c}": getattr(other, c) for c in version})
            inside, edges = _compared(reference["text"], other.text)
            if edges is not None:
                rows.append({**pair, "change": "extent", "outlet_has": edges[0], "other_has": edges[1]})
            rows.extend({**pair, "change": "wording", "outlet_has": m, "other_has": t} for m, t in inside)
    return pd.DataFrame(rows, columns=columns)


def _compared(a: str, b: str) -> tuple[list[tuple[str, str]], tuple[str, str] | None]:
    """The stretches where ``a`` and ``b`` differ inside their common words, and what each has beyond
    the other at the start or end (None when neither has more)."""
    found = _aligned(a, b)
    equal = [n for n, (tag, *_rest) in enumerate(found) if tag == "equal"]
    if not equal:
        return [], (a.strip(), b.strip())
    inside, mine, theirs = [], [], []
    for n, (tag, x, y) in enumerate(found):
        if tag == "equal":
            continue
        if (n < equal[0] or n > equal[-1]) and not (x and y):
            (mine if x else theirs).append(x or y)
        else:
            inside.append((x, y))
    return inside, (" … ".join(mine), " … ".join(theirs)) if mine or theirs else None


def differences(a: str, b: str) -> list[tuple[str, str]]:
    """Stretches where ``a`` and ``b`` differ, word by word, as verbatim substrings ("" where one has nothing)."""
    return [(x, y) for tag, x, y in _aligned(a, b) if tag != "equal"]


def _aligned(a: str, b: str) -> list[tuple[str, str, str]]:
    """``a`` and ``b`` aligned on their words (letters and digits; punctuation and quotation marks are no
    words): ``(tag, a's stretch, b's stretch)`` for each run, each stretch verbatim with the brackets and
    punctuation attached to its words ('[Operation Inherent Resolve]')."""
    tokens_a, tokens_b = _words(a), _words(b)
    words_a = [_normal(a[s:e]) for s, e in tokens_a]
    words_b = [_normal(b[s:e]) for s, e in tokens_b]
    runs = []
    for tag, a_start, a_end, b_start, b_end in SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes():
        runs.append((tag, _stretch(a, tokens_a[a_start:a_end]), _stretch(b, tokens_b[b_start:b_end])))
    return runs


def _words(text: str) -> list[tuple[int, int]]:
    return [s for s in _TOKENS.span_tokenize(text) if any(c.isalnum() for c in text[s[0] : s[1]])]


def _stretch(text: str, tokens: list[tuple[int, int]]) -> str:
    """The words ``tokens`` as written, widened to the marks attached to them ('(SMG)'); double quotation
    marks (a single one may be an apostrophe: "'08") and a closing full stop or comma trimmed."""
    if not tokens:
        return ""
    start, end = tokens[0][0], tokens[-1][1]
    while start > 0 and not text[start - 1].isspace() and not text[start - 1].isalnum():
        start -= 1
    while end < len(text) and not text[end].isspace() and not text[end].isalnum():
        end += 1
    return text[start:end].strip(_DOUBLE_MARKS).rstrip(".,;:").strip(_DOUBLE_MARKS)


def left_out(statements: pd.DataFrame, index: TextIndex | None = None) -> pd.DataFrame:
    """Sentences of a shared quote that another outlet's version of the same quote does not carry,
    and (given the story's ``index``) that none of the other outlet's texts carries anywhere."""
    columns = ["outlet", "article_id", "quote_index", "speaker_id", "speaker_name", "speaker_kind", "other_outlet"]
    columns += ["start", "end", "text"]
    rows = []
    quote_key = ["outlet", "article_id", "quote_index"]
    shared = statements[statements["outlets"] > 1]
    for (outlet, article_id, quote_index), sentences in statements.groupby(quote_key, sort=True):
        mine = set(sentences["statement"])
        partners = shared[shared["statement"].isin(mine) & (shared["outlet"] != outlet)]
        for other_outlet, theirs in partners.groupby("outlet", sort=True):
            # The other outlet's quotes that share a statement with this one, and all their statements.
            their_quotes = theirs[quote_key].drop_duplicates()
            carried = set(statements.merge(their_quotes, on=quote_key)["statement"])
            searched = None if index is None else index.articles_of(other_outlet)
            if searched is not None and not index.readable(searched):
                continue  # a claim about a text not at hand is not made
            for sentence in sentences.itertuples():
                if sentence.statement in carried:
                    continue
                if searched is not None and index.carries(searched, sentence.text):
                    continue  # the other outlet has the words, unquoted or in a quote not found
                rows.append(
                    {
                        "outlet": outlet,
                        "article_id": article_id,
                        "quote_index": quote_index,
                        "speaker_id": sentence.speaker_id,
                        "speaker_name": sentence.speaker_name,
                        "speaker_kind": sentence.speaker_kind,
                        "other_outlet": other_outlet,
                        "start": sentence.start,
                        "end": sentence.end,
                        "text": sentence.text,
                    }
                )
    return pd.DataFrame(rows, columns=columns)


def other_versions(statements: pd.DataFrame, left_out_row) -> pd.DataFrame:
    """The other outlet's sentences of the statements shared by the quote a sentence is left out of
    (a ``left_out`` row): what that outlet carries of the quote."""
    mine = statements[
        (statements["article_id"] == left_out_row.article_id) & (statements["quote_index"] == left_out_row.quote_index)
    ]
    return statements[
        (statements["outlet"] == left_out_row.other_outlet) & statements["statement"].isin(set(mine["statement"]))
    ]


def single_outlet_quotes(tables: Tables, statements: pd.DataFrame, index: TextIndex | None = None) -> pd.DataFrame:
    """Direct and mixed quotes none of whose sentences another outlet carries (needs two outlets or
    more); given the story's ``index``, only those whose words no other outlet's text carries
    anywhere (``checked``: how many other articles' texts were searched)."""
    columns = ["outlet", "article_id", "quote_index", "speaker_id", "speaker_name", "speaker_kind", "type", "cue"]
    columns += ["start", "end", "content", "checked"]
    if statements.empty or statements["outlet"].nunique() < 2:
        return pd.DataFrame(columns=columns)
    widest = statements.groupby(["article_id", "quote_index"])["outlets"].max()
    alone = widest[widest == 1].index
    quotes = tables.quotes.set_index(["article_id", "quote_index"])
    table = quotes.loc[quotes.index.isin(alone)].reset_index()
    if index is None:
        table["checked"] = 0
    else:
        words = statements.groupby(["article_id", "quote_index"])["text"].agg(list)
        others = {outlet: index.others(outlet) for outlet in table["outlet"].unique()}
        held = [
            _alone_in_texts(index, others[o], words.get((a, q), []))
            for o, a, q in table[["outlet", "article_id", "quote_index"]].itertuples(index=False)
        ]
        table = table.assign(checked=[len(others[o]) for o in table["outlet"]]).loc[np.asarray(held, dtype=bool)]
    return table.sort_values(["outlet", "article_id", "quote_index"])[columns].reset_index(drop=True)


def _alone_in_texts(index: TextIndex, others: list[str], sentences: list[str]) -> bool:
    """True when none of the ``others`` articles' texts carries a sentence of the quote (its sentences
    of ``MIN_CHECKED_WORDS`` words or more; else all its words): a quote too short to tell is no claim."""
    checked = [s for s in sentences if len(normal_words(s).split()) >= MIN_CHECKED_WORDS]
    if not checked:
        whole = " ".join(sentences)
        if len(normal_words(whole).split()) < MIN_CHECKED_WORDS:
            return False
        checked = [whole]
    return index.readable(others) and not any(index.carries(others, s) for s in checked)


CLAIM_COLUMNS = [
    "claim",
    "statement",
    "outlet",
    "other_outlet",
    "speaker_id",
    "speaker_name",
    "text",
    "passage_article_ids",
    "passage_starts",
    "passage_ends",
    "passage_words",
]


def claims_table(
    texts: dict[str, str],
    statements: pd.DataFrame,
    single: pd.DataFrame,
    left: pd.DataFrame,
    differently: pd.DataFrame,
    wording: pd.DataFrame,
) -> pd.DataFrame:
    """Every cross-outlet claim the report makes, one row each, with the passages it rests on (the
    article, offsets and words of each): 'only in' (the quote), 'left out' (the sentence and the other
    outlet's version of the quote it is left out of), 'attributed differently' (every outlet's version),
    'wording' and 'extent' (the two versions compared)."""
    rows = []

    def add(claim, outlet, other, speaker_id, speaker_name, text, passages, statement=None):
        passages = list(dict.fromkeys((str(a), int(s), int(e)) for a, s, e in passages))
        rows.append(
            {
                "claim": claim,
                "statement": statement,
                "outlet": outlet,
                "other_outlet": other,
                "speaker_id": speaker_id,
                "speaker_name": speaker_name,
                "text": text,
                "passage_article_ids": [a for a, _, _ in passages],
                "passage_starts": [s for _, s, _ in passages],
                "passage_ends": [e for _, _, e in passages],
                "passage_words": [texts.get(a, "")[s:e] for a, s, e in passages],
            }
        )

    for r in single.itertuples():
        add("only in", r.outlet, None, r.speaker_id, r.speaker_name, r.content, [(r.article_id, r.start, r.end)])
    for r in left.itertuples():
        theirs = other_versions(statements, r)
        versions = [
            (r.article_id, r.start, r.end),
            *zip(theirs["article_id"], theirs["start"], theirs["end"], strict=True),
        ]
        add("left out", r.outlet, r.other_outlet, r.speaker_id, r.speaker_name, r.text, versions)
    for number, group in differently.groupby("statement", sort=True):
        versions = list(zip(group["article_id"], group["start"], group["end"], strict=True))
        for r in group.itertuples():
            add("attributed differently", r.outlet, None, r.speaker_id, r.speaker_name, r.text, versions, number)
    for r in wording.itertuples():
        versions = [(r.article_id, r.start, r.end), (r.other_article_id, r.other_start, r.other_end)]
        said = f"{r.outlet_has or '(nothing)'} / {r.other_has or '(nothing)'}"
        add(r.change, r.outlet, r.other_outlet, None, None, said, versions, r.statement)
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


@dataclass
class Comparison:
    """Every table the report shows, for one story (or a whole run)."""

    outlets: list[str]
    overview: pd.DataFrame
    voices: pd.DataFrame
    quotes_matrix: pd.DataFrame
    words_matrix: pd.DataFrame
    kind_mix: pd.DataFrame
    affiliation_mix: pd.DataFrame
    first_quoted: pd.DataFrame
    single_outlet_speakers: pd.DataFrame
    statements: pd.DataFrame
    attributed_differently: pd.DataFrame
    wording_differences: pd.DataFrame
    left_out: pd.DataFrame
    single_outlet_quotes: pd.DataFrame
    cue_classes: pd.DataFrame
    cue_verbs: pd.DataFrame
    distinctive_quoted: pd.DataFrame
    distinctive_narrative: pd.DataFrame
    tone: pd.DataFrame
    media_mentions: pd.DataFrame
    uncertain_speakers: pd.DataFrame
    claims: pd.DataFrame

    def frames(self) -> dict[str, pd.DataFrame]:
        """The tables by name (matrices with their speaker index as a column)."""
        named = {name: value for name, value in vars(self).items() if isinstance(value, pd.DataFrame)}
        for name in ("quotes_matrix", "words_matrix"):
            # an empty matrix still has its label columns, so that its CSV has a header pandas can read
            frame = named[name]
            named[name] = frame.reset_index() if len(frame) else pd.DataFrame(columns=["speaker_id", "speaker_name"])
        for name in ("kind_mix", "affiliation_mix", "cue_classes"):
            frame = named[name]
            named[name] = (
                frame.rename_axis("outlet").reset_index() if not frame.empty else pd.DataFrame(columns=["outlet"])
            )
        return named


def compare(tables: Tables) -> Comparison:
    """All comparison tables of ``tables`` (one story, or any set of articles). Speakers below
    ``CLAIM_CONFIDENCE`` count as ``uncertain`` in every table and are listed in ``uncertain_speakers``."""
    uncertain = uncertain_speakers(tables.quotes)
    listed = tables.quotes[uncertain]
    tables = for_claims(tables, uncertain)
    voice_table = voices(tables)
    statements = shared_statements(quoted_sentences(tables))
    ok = tables.articles[tables.articles["status"] == "ok"]
    index = TextIndex(tables.texts, dict(zip(ok["article_id"], ok["outlet"].fillna(UNKNOWN), strict=True)))
    single = single_outlet_quotes(tables, statements, index)
    left = left_out(statements, index)
    differently = attributed_differently(statements)
    wording = wording_differences(statements)
    return Comparison(
        outlets=outlets_of(tables),
        overview=overview(tables),
        voices=voice_table,
        quotes_matrix=speaker_matrix(voice_table, "quotes"),
        words_matrix=speaker_matrix(voice_table, "words"),
        kind_mix=kind_mix(tables),
        affiliation_mix=affiliation_mix(tables),
        first_quoted=first_quoted(tables),
        single_outlet_speakers=single_outlet_speakers(voice_table),
        statements=statements,
        attributed_differently=differently,
        wording_differences=wording,
        left_out=left,
        single_outlet_quotes=single,
        cue_classes=cue_classes(tables),
        cue_verbs=cue_verbs(tables),
        distinctive_quoted=distinctive_terms(tables, "quoted"),
        distinctive_narrative=distinctive_terms(tables, "narrative"),
        tone=tone(tables),
        media_mentions=tables.media_mentions.copy(),
        uncertain_speakers=listed.reindex(columns=UNCERTAIN_COLUMNS).reset_index(drop=True),
        claims=claims_table(tables.texts, statements, single, left, differently, wording),
    )


def is_significant(z: float) -> bool:
    """|z| above 1.96: distinctive at the usual 5% level."""
    return not math.isnan(z) and abs(z) > 1.96
