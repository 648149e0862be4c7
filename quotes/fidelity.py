"""Against the record: each quote set beside the primary source it renders (a statement, a speech, a
filing), and classed verbatim, trimmed, edited, spliced or not found; an indirect statement gets the
nearest passage and a similarity score, as a paraphrase.

The alignment is word by word, on words folded (case, accents, apostrophes and the periods of 'U.S.'
set aside), so punctuation and quotation marks never count as a difference. Words in [brackets] are
the outlet's own and are never aligned; an ellipsis marks words left out on purpose. Blocks of at least
``MIN_BLOCK`` words are found anywhere in the source (a splice may run backwards), then the gaps
between them are aligned word by word.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from itertools import pairwise

from nltk.stem.snowball import SnowballStemmer
from spacy.lang.en.stop_words import STOP_WORDS

from quotes.nlp import sentence_tokenizer
from quotes.speakers.names import fold

MIN_BLOCK = 3  # words: a shorter run anywhere in a source is chance ('of the')
FOUND = 0.5  # a quote with fewer of its words in the source than this is not found there
CLOSE = 0.3  # an indirect statement sharing fewer of its content words than this paraphrases nothing
PAIR_MARGIN = 0.15  # two sentences are the passage only when they share this much more than one
MIN_TURNS = 2  # labelled lines that make a text a transcript
NEAR = 10  # words: how far beyond a block the words at a quote's ends are looked for

# A word, with the letters an outlet put in brackets to fit it to its sentence ('[T]hese', 'remain[s]').
_WORD = re.compile(r"(?:\[[^\W\d_]{1,3}\])?[^\W_]+(?:[.'’-][^\W_]+)*(?:\[[^\W\d_]{1,3}\])?")
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
_BRACKETED = re.compile(r"\[[^\]\n]*\]")
_QUOTED = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")
_CREDIT = re.compile(r"[^\"“”\w]*[\"”][^\"“”]{1,120}[\"“][^\"“”\w]*")
_TURN = re.compile(r"^[ \t]*([A-Z][A-Z.'’ -]{0,60}?)[ \t]*:[ \t]+", re.MULTILINE)
_CLOSER = {"(": ")", "[": "]"}
_OPENER = {")": "(", "]": "["}
_STEMMER = SnowballStemmer("english")

CLASSES = ("verbatim", "trimmed", "edited", "spliced", "not found", "paraphrase", "no close passage")
PARAPHRASES = ("paraphrase", "no close passage")  # the verdicts of an indirect statement
FOUND_VERDICTS = ("verbatim", "trimmed", "edited", "spliced")  # a quote whose words are in the source


@dataclass(frozen=True)
class Word:
    """A word of a text: folded for matching, with its offsets for showing it as written."""

    key: str
    start: int
    end: int
    bracketed: bool = False  # in [brackets]: the outlet's words
    after_ellipsis: bool = False  # an ellipsis stands between it and the word before


@dataclass(frozen=True)
class Difference:
    """One way the quote differs from its passage: ``kind`` is 'left out', 'changed', 'added' or
    'style' (the same word written otherwise: 'US' for 'U.S.'), with the words as each text writes them;
    or 'quoted words' (words an indirect statement quotes), with the class they get as ``source``."""

    kind: str
    source: str
    quote: str
    ellipsis: bool = False  # the outlet marked the words left out with an ellipsis

    def describe(self) -> str:
        if self.kind == "left out":
            return f"left out “{self.source}”" + (" (marked …)" if self.ellipsis else "")
        if self.kind == "added":
            return f"added “{self.quote}”"
        if self.kind == "changed":
            return f"“{self.quote}” for “{self.source}”"
        if self.kind == "quoted words":
            return f"quoted “{self.quote}”: {self.source}"
        return f"“{self.quote}” for “{self.source}” (style)"


@dataclass(frozen=True)
class Finding:
    """A quote against one source: its class, the share of its words found (or, for a paraphrase, of
    its content words), the passage (source offsets), the source spans its words came from, and the
    differences."""

    source_id: str
    verdict: str
    score: float
    passage: tuple[int, int] | None
    matched: tuple[tuple[int, int], ...]
    differences: tuple[Difference, ...]


def words(text: str, spans: list[tuple[int, int]] | None = None) -> list[Word]:
    """The words of ``text`` within ``spans`` (default: all of it), in order."""
    found: list[Word] = []
    for start, end in spans or [(0, len(text))]:
        piece = text[start:end]
        brackets = [m.span() for m in _BRACKETED.finditer(piece)]
        last = 0
        for m in _WORD.finditer(piece):
            inside = any(a <= m.start() and m.end() <= b for a, b in brackets)
            gap = bool(_ELLIPSIS.search(piece[last : m.start()])) and bool(found)
            key = re.sub(r"[.'’\[\]-]", "", fold(m.group()))
            found.append(Word(key, start + m.start(), start + m.end(), inside, gap))
            last = m.end()
    return found


@dataclass(frozen=True)
class Block:
    """``size`` words alike from quote word ``q`` and source word ``s`` on."""

    q: int
    s: int
    size: int


def align(quote: list[str], source: list[str]) -> list[Block]:
    """Blocks of words alike in both, sorted by quote position: runs of ``MIN_BLOCK`` words or more found
    anywhere in the source (the longest first), then the shorter runs in the gaps between them."""
    matcher = SequenceMatcher(None, quote, source, autojunk=False)
    least = min(MIN_BLOCK, len(quote))
    blocks: list[Block] = []
    todo = [(0, len(quote))]
    while todo:
        lo, hi = todo.pop()
        m = matcher.find_longest_match(lo, hi, 0, len(source))
        if m.size < least or hi - lo < least:
            continue
        blocks.append(Block(m.a, m.b, m.size))
        todo += [(lo, m.a), (m.a + m.size, hi)]
    blocks.sort(key=lambda b: b.q)
    return _fill_gaps(quote, source, blocks)


def _fill_gaps(quote: list[str], source: list[str], blocks: list[Block]) -> list[Block]:
    """Shorter runs aligned word by word where the quote runs on in the source: between two blocks in
    order, before the first and after the last (within ``NEAR`` words)."""
    if not blocks:
        return blocks
    filled = list(blocks)
    for q_lo, q_hi, s_lo, s_hi in _gaps(len(quote), len(source), blocks):
        if q_hi > q_lo and s_hi > s_lo:
            sub = SequenceMatcher(None, quote[q_lo:q_hi], source[s_lo:s_hi], autojunk=False)
            filled += [Block(q_lo + m.a, s_lo + m.b, m.size) for m in sub.get_matching_blocks() if m.size]
    return sorted(filled, key=lambda b: b.q)


def _gaps(n_quote: int, n_source: int, blocks: list[Block]) -> list[tuple[int, int, int, int]]:
    """(quote from, to, source from, to) of each stretch of the quote outside the blocks, with the source
    words it may have come from."""
    first, last = blocks[0], blocks[-1]
    gaps = [(0, first.q, max(0, first.s - first.q - NEAR), first.s)]
    gaps += [(a.q + a.size, b.q, a.s + a.size, b.s) for a, b in pairwise(blocks)]
    q_end, s_end = last.q + last.size, last.s + last.size
    gaps.append((q_end, n_quote, s_end, min(n_source, s_end + n_quote - q_end + NEAR)))
    return gaps


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stem(word)


# --- judging one quote ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """A primary source made ready for alignment: its words and its sentences' spans."""

    id: str
    text: str
    words: tuple[Word, ...]
    sentences: tuple[tuple[int, int], ...]

    turns: tuple[tuple[int, int, str], ...] = ()  # a transcript's turns: (start, end, its speaker's label)

    @classmethod
    def of(cls, source_id: str, text: str) -> Record:
        sentences = []
        for line in re.finditer(r"[^\n]+", text):  # a paragraph break ends a sentence, whatever Punkt says
            spans = sentence_tokenizer().span_tokenize(line.group())
            sentences += [(line.start() + a, line.start() + b) for a, b in spans]
        return cls(source_id, text, tuple(words(text)), tuple(sentences), transcript_turns(text))

    def said_by(self, offset: int) -> str | None:
        """The label of the transcript turn holding ``offset`` ('SECRETARY ESPER', 'Q'), if a transcript."""
        for start, end, label in self.turns:
            if start <= offset < end:
                return label
        return None

    @cached_property
    def keys(self) -> list[str]:
        return [w.key for w in self.words]

    @cached_property
    def sentence_of(self) -> tuple[int, ...]:
        """The sentence each word is in (its index in ``sentences``; -1 between sentences)."""
        starts = [a for a, _ in self.sentences]
        found = []
        for w in self.words:
            i = bisect_right(starts, w.start) - 1
            found.append(i if i >= 0 and w.start < self.sentences[i][1] else -1)
        return tuple(found)

    @cached_property
    def sentence_stems(self) -> tuple[frozenset[str], ...]:
        """The stems of each sentence's words."""
        stems: list[set[str]] = [set() for _ in self.sentences]
        for w, i in zip(self.words, self.sentence_of, strict=True):
            if i >= 0:
                stems[i].add(_stem(w.key))
        return tuple(frozenset(s) for s in stems)

    def is_credit(self, start: int, end: int) -> bool:
        """True when the source's text between ``start`` and ``end`` closes a quotation and opens the
        next, with the source's own credit between ('," said Mayor Ana Ruiz. "'): no words left out."""
        return bool(_CREDIT.fullmatch(self.text, start, end))

    def crosses_sentence(self, start: int, end: int) -> bool:
        """True when a sentence of the source starts after ``start`` and at or before ``end``."""
        return any(start < a <= end for a, _ in self.sentences)


def transcript_turns(text: str) -> tuple[tuple[int, int, str], ...]:
    """The turns of a transcript: each line opening with a speaker's label in capitals and a colon
    ('SECRETARY ESPER: ...', 'Q: ...') runs to the next such line. A text with fewer than ``MIN_TURNS``
    such lines is no transcript (a dateline or a heading may look like one)."""
    labels = list(_TURN.finditer(text))
    if len(labels) < MIN_TURNS:
        return ()
    ends = [m.start() for m in labels[1:]] + [len(text)]
    return tuple((m.end(), end, m.group(1).strip()) for m, end in zip(labels, ends, strict=True))


def judge(text: str, spans: list[tuple[int, int]], source: Record) -> Finding:
    """A direct quote (``text`` within ``spans``) against ``source``."""
    quote = words(text, spans)
    plain = [w for w in quote if not w.bracketed]
    blocks = align([w.key for w in plain], source.keys)
    score = sum(b.size for b in blocks) / len(quote) if quote else 0.0
    matched = tuple(_span(source.words[b.s : b.s + b.size]) for b in blocks)
    passage = (min(a for a, _ in matched), max(b for _, b in matched)) if matched else None
    if score < FOUND:
        return Finding(source.id, "not found", score, passage, matched, ())
    differences = _differences(text, quote, plain, blocks, source)
    spliced = any(_spliced(a, b, source) for a, b in pairwise(blocks))
    kinds = {d.kind for d in differences}
    if spliced:
        verdict = "spliced"
    elif kinds & {"changed", "added"}:
        verdict = "edited"
    else:
        verdict = "trimmed" if "left out" in kinds else "verbatim"
    return Finding(source.id, verdict, score, passage, matched, tuple(differences))


def _span(run) -> tuple[int, int]:
    return run[0].start, run[-1].end


def _spliced(a: Block, b: Block, source: Record) -> bool:
    """True when block ``b`` comes before ``a`` in the source, or words are skipped between them across a
    sentence's end."""
    if b.s < a.s + a.size:
        return True
    if b.s == a.s + a.size:
        return False
    start, end = source.words[a.s + a.size - 1].end, source.words[b.s].start
    return not source.is_credit(start, end) and source.crosses_sentence(start, end)


def _differences(
    text: str, quote: list[Word], plain: list[Word], blocks: list[Block], source: Record
) -> list[Difference]:
    """Each stretch of quote or source words outside the blocks, and each word written otherwise."""
    found: list[Difference] = []
    index = {id(w): i for i, w in enumerate(quote)}
    edges = [None, *blocks, None]
    for before, after in pairwise(edges):
        q_lo = index[id(plain[before.q + before.size - 1])] + 1 if before else 0
        q_hi = index[id(plain[after.q])] if after else len(quote)
        said = quote[q_lo:q_hi]
        skipped = list(source.words[before.s + before.size : after.s]) if before and after else []
        if skipped and source.is_credit(source.words[before.s + before.size - 1].end, source.words[after.s].start):
            skipped = []  # the source's own credit between two quotations: nothing of the speaker's left out
        if said and skipped:
            found.append(Difference("changed", _shown(source.text, skipped), _shown(text, said)))
        elif skipped:
            found.append(Difference("left out", _shown(source.text, skipped), "", quote[q_hi].after_ellipsis))
        elif said:
            found.append(Difference("added", "", _shown(text, said)))
    for b in blocks:
        for q, s in zip(plain[b.q : b.q + b.size], source.words[b.s : b.s + b.size], strict=True):
            written, original = _written(text, q), _written(source.text, s)
            if written.replace("’", "'").lower() != original.replace("’", "'").lower():
                found.append(Difference("style", original, written))
    return list(dict.fromkeys(found))


def _written(text: str, word: Word) -> str:
    """A word as written, with the last period of an abbreviation ('U.S.')."""
    end = word.end + 1 if "." in text[word.start : word.end] and text[word.end : word.end + 1] == "." else word.end
    return text[word.start : end]


def _shown(text: str, run: list[Word]) -> str:
    """Words as written, with the brackets or parentheses around them ('(SMG)', '[Operation Inherent
    Resolve]')."""
    start, end = run[0].start, run[-1].end
    if start and text[start - 1] in _CLOSER and _CLOSER[text[start - 1]] in text[start : end + 1]:
        start -= 1
    if text[end : end + 1] in _OPENER and _OPENER[text[end]] in text[start:end]:
        end += 1
    return re.sub(r"\s+", " ", text[start:end])


def paraphrase(text: str, spans: list[tuple[int, int]], source: Record) -> Finding:
    """An indirect statement against ``source``: the sentence, or two running on, sharing most of its
    content words (stemmed; the share is its score), labelled a paraphrase, with the words it puts in
    quotation marks judged as quotes; 'no close passage' when none shares ``CLOSE`` of them. Two
    sentences are the passage only when they share ``PAIR_MARGIN`` more than the best one does."""
    content = {_stem(w.key) for w in words(text, spans) if w.key not in STOP_WORDS}
    best, score = None, 0.0
    if content:
        stems, sentences = source.sentence_stems, source.sentences
        for i, own in enumerate(stems):
            if (share := len(content & own) / len(content)) > score:
                best, score = sentences[i], share
        for i in range(len(stems) - 1):
            if (share := len(content & (stems[i] | stems[i + 1])) / len(content)) > score + PAIR_MARGIN:
                best, score = (sentences[i][0], sentences[i + 1][1]), share
    verdict = "paraphrase" if score >= CLOSE else "no close passage"
    return Finding(source.id, verdict, score, best, (best,) if best else (), tuple(_quoted_words(text, spans, source)))


def _quoted_words(text: str, spans: list[tuple[int, int]], source: Record) -> list[Difference]:
    """The words an indirect statement puts in quotation marks ('a "direct response"'), each judged."""
    found = []
    for start, end in spans:
        for m in _QUOTED.finditer(text, start, end):
            finding = judge(text, [m.span(1)], source)
            found.append(Difference("quoted words", finding.verdict, m.group(1)))
    return found
