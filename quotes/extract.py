"""Per-article extraction: one article in, its quotes out (a pure step), and a streaming batch.

Order of work for one article:
1. quotation marks to spans on the raw text (``marks``);
2. parse only the paragraphs that hold a quotation mark or a cue word;
3. cue-governed attributions in each parse (``attribution``), their content snapped to whole
   quotations and typed direct / mixed / indirect;
4. quotations no cue governs: a cue just before or after in the same sentence, a dash credit,
   a colon at the end of the previous paragraph, or a continuation of the previous speaker;
5. "Name: words" credits (headlines, transcripts).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from quotes.attribution import SUBJECTS as SUBJECT_DEPS
from quotes.attribution import Attribution, attributions, colon_cue, quotation_after
from quotes.attribution.combine import DEFAULT_MODE, added, trusted
from quotes.cues import CueLexicon, load_lexicon
from quotes.engine import ARTICLE_TIMEOUT, run
from quotes.furniture import blank, furniture_spans
from quotes.marks import QuoteSpan, find_quote_spans, paragraph_spans
from quotes.nlp import ABBREVIATIONS as _ABBREVIATIONS
from quotes.rules_data import rules_lines
from quotes.speakers import Entity, MediaMention, media_mentions, resolve_article
from quotes.speakers.pronouns import PRONOUNS
from quotes.standoff import Article, ArticleError, Quote, Span
from quotes.windows import LONG_TEXT, analyse_in_windows, pieces
from quotes.wording import TextProfile

# Gap between a quotation and its cue that still reads as one attribution: '," said', '," he said'.
MAX_CUE_GAP = 80
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z\"“‘']")
_DASH_CREDIT = re.compile(r"\s*[—―–]+\s*|\s+-{1,2}\s+")
_NAME = re.compile(r"(?:[A-Z][\w.'’-]*|de|van|von|da|al|bin)(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|al|bin)){0,5}")
# 'Said Ellis: "Q"' (the parser reads 'Said Ellis' as a name); the credit opens its sentence.
_INVERTED_CREDIT = re.compile(
    r"(?:^|(?<=[.!?\n]\s)|(?<=[.!?][\"”’']\s))((Said|Says|Added|Adds|Wrote|Writes)\s+([A-Z][^.!?:\"“”]{0,60}?))\s*[:,]\s*$"
)
# '"... public events." added Lauten, who works for': a lower-case cue right after a closing mark goes on
# the quotation's sentence though a full stop ends the quotation (the parse starts a new sentence there).
_TRAILING_CREDIT = re.compile(
    r"[ \t]+([a-z]+)[ \t]+((?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w'’-]*)(?=[,.;]|[ \t]+(?:of|who)\b)"
)
# A paragraph longer than this is read in pieces of about PIECE characters (``reading_units``).
LONG_PARAGRAPH = 10_000
PIECE = 2_000
LONG_RUN_CHARS = 100
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN_CHARS}}}")
INVERTED_CREDIT_REACH = 300  # characters; the longest credit the pattern allows is about 80 and spaces
_COLON_CREDIT = re.compile(r"[\"“”']*((?:[A-Z][\w.'’&-]*\s+){0,3}[A-Z][\w.'’&-]*):\s+(?=\S)")


@dataclass
class ArticleResult:
    """What one article gave: its quotes, or the error that stopped it."""

    article: Article | ArticleError
    quotes: list[Quote] = field(default_factory=list)
    error: str | None = None
    media: list[MediaMention] = field(default_factory=list)
    profile: TextProfile | None = None  # quoted and narrative wording, when asked for (``wording``)
    left_out: int = 0  # quotes under the run's --min-confidence
    people: tuple[str, ...] = ()  # the full names of the people the article names (``resolve_article``)


@lru_cache(maxsize=1)
def _not_speakers() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in rules_lines("not_speakers.txt"))


def _needs_parse(paragraph: str, lexicon: CueLexicon) -> bool:
    return any(mark in paragraph for mark in "\"“”„«»‘’'") or lexicon.mentions_cue(paragraph)


def _alnum(text: str, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if text[i].isalnum()]


class _Quotations:
    """The article's quotations and their bounds, for finding those near a position without a scan of
    them all (a long article has thousands)."""

    def __init__(self, spans: list[QuoteSpan]) -> None:
        self.spans = spans
        self.pairs = [(s.start, s.end) for s in spans]
        self.starts = [s.start for s in spans]
        self.ordered = self.starts == sorted(self.starts)
        self.longest = max((s.end - s.start for s in spans), default=0)

    def touching(self, fragments: list[Span]) -> list[QuoteSpan]:
        """The quotations that overlap any of ``fragments``, in order."""
        if not self.ordered:
            return [q for q in self.spans if any(q.span.overlaps(f) for f in fragments)]
        first = bisect.bisect_right(self.starts, min(f.start for f in fragments) - self.longest)
        last = bisect.bisect_left(self.starts, max(f.end for f in fragments))
        return [q for q in self.spans[first:last] if any(q.span.overlaps(f) for f in fragments)]


# A clitic glued to the word a content span ends on: "anyone else|’s", "could|n't".
_CLITIC = re.compile(r"(?:['’](?:s|d|ll|re|ve|m)|n['’]t)\b", re.I)


def _whole_words(text: str, span: Span) -> Span:
    """``span`` ending on a whole word: the parser may hang a clitic ("’s") outside the clause."""
    if span.end and text[span.end - 1 : span.end].isalnum() and (glued := _CLITIC.match(text, span.end)):
        return Span(span.start, glued.end())
    return span


def _snap(text: str, fragments: list[Span], quotations: _Quotations) -> tuple[tuple[Span, ...], str]:
    """Extend content to whole words and to whole quotations it touches; type it by how much is
    inside quotations."""
    fragments = [_whole_words(text, f) for f in fragments]
    touched = quotations.touching(fragments)
    merged = _merged(fragments + [q.span for q in touched])
    if not touched:
        return tuple(merged), "indirect"
    outside = [
        i for f in merged for i in _alnum(text, f.start, f.end) if not any(q.start <= i < q.end for q in touched)
    ]
    if not outside or _only_complementizer(text, outside):
        # a quotation nested in another ("'...\"Q\"...'") is no fragment of its own
        return tuple(_merged([q.span for q in touched])), "direct"
    return tuple(merged), "mixed"


def _merged(spans: list[Span]) -> list[Span]:
    """``spans`` in text order, those that overlap or touch joined into one."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def _only_complementizer(text: str, outside: list[int]) -> bool:
    """'saying that, "Q"': the words outside the quotation are just 'that'."""
    return "".join(text[i] for i in outside).lower() == "that"


def _credited(
    found: Attribution, offset: int, fragments: tuple[Span, ...], kind: str, rule: str, confidence: float
) -> Quote:
    """A ``Quote`` of ``fragments`` with the cue and speaker of ``found`` shifted to article offsets."""
    speaker = Span(found.speaker[0] + offset, found.speaker[1] + offset) if found.speaker else None
    cue = Span(found.cue.span[0] + offset, found.cue.span[1] + offset)
    return Quote(fragments, kind, speaker, cue, found.cue.cue.name, found.cue.cue.cls, rule, confidence)


def _to_quote(text: str, found: Attribution, offset: int, quotations: _Quotations) -> Quote:
    fragments = [Span(a + offset, b + offset) for a, b in found.content]
    # 'called Trump's proposal "one-sided and ineffective."': the quotation right after an object,
    # which the parser sometimes leaves out of the object's clause.
    if found.rule == "object" and (complement := quotation_after(text, fragments[-1].end, quotations.pairs)):
        fragments[-1] = Span(fragments[-1].start, complement[1])
    snapped, kind = _snap(text, fragments, quotations)
    return _credited(found, offset, snapped, kind, found.rule, found.confidence)


def _without_nested(text: str, quotes: list[Quote]) -> list[Quote]:
    """Each word belongs to one attribution: an attribution inside another's content goes, except
    inside a credit that only relays or points at it, which gives way to the speaker it names:
    'According to AFP, Tehran warned ...' (Tehran speaks; the relay is found from the speaker's
    sentence) and 'he said, referring to when Fox said he wasn't going to pay' (Fox speaks)."""
    overlapping = _overlaps(quotes)  # only quotes whose spans meet can nest or share words
    relays = {
        id(host)
        for host in quotes
        if (host.cue_lemma == "according to" or host.rule == "cue-prep")
        and any(_nested_in(quote, host) and _relayed(text, quote, host) for quote in overlapping[id(host)])
    }
    quotes = [q for q in quotes if id(q) not in relays]
    remaining = {id(q) for q in quotes}
    kept = []
    for quote in quotes:
        if not any(_nested_in(quote, other) for other in overlapping[id(quote)] if id(other) in remaining):
            kept.append(quote)
    # Two cues claiming the same words (a parse quirk): keep the more confident.
    kept.sort(key=lambda q: -q.confidence)
    final: list[Quote] = []
    chosen: set[int] = set()
    for quote in kept:
        if not any(_share(q, quote) > 0.5 for q in overlapping[id(quote)] if id(q) in chosen):
            final.append(quote)
            chosen.add(id(quote))
    return sorted(final, key=lambda q: q.start)


def _relayed(text: str, quote: Quote, host: Quote) -> bool:
    """``quote``, inside ``host``'s content, is the statement ``host`` relays: any credited quote
    inside an 'according to', a quote credited to a name that the cue's prepositional object holds."""
    if quote.speaker is None or quote.cue_lemma == "according to":
        return False
    if host.cue_lemma == "according to":
        return True
    mention = text[quote.speaker.start : quote.speaker.end]
    # the name inside the pointed-at words: 'referring to when Fox said', 'Trump's declaration that'
    inside = any(f.contains(quote.speaker) for f in host.fragments)
    return inside and mention[:1].isupper() and mention.lower() not in PRONOUNS


def _overlaps(quotes: list[Quote]) -> dict[int, list[Quote]]:
    """For each quote (by ``id``), the other quotes whose spans meet it, in input order: a sweep over the
    starts, so linear in quotes plus overlaps (a long article has thousands of quotes, few of them meeting)."""
    order = sorted(range(len(quotes)), key=lambda i: (quotes[i].start, quotes[i].end))
    meeting: dict[int, set[int]] = {i: set() for i in range(len(quotes))}
    for position, i in enumerate(order):
        for j in order[position + 1 :]:
            if quotes[j].start >= quotes[i].end:
                break
            meeting[i].add(j)
            meeting[j].add(i)
    return {id(quotes[i]): [quotes[j] for j in sorted(others)] for i, others in meeting.items()}


def _nested_in(quote: Quote, host: Quote) -> bool:
    return (
        quote is not host
        and quote.cue is not None
        and host.cue is not None
        and any(f.contains(quote.cue) for f in host.fragments)
        and Span(host.start, host.end).contains(Span(quote.start, quote.end))
    )


def _share(a: Quote, b: Quote) -> float:
    chars_a = {i for f in a.fragments for i in range(f.start, f.end)}
    chars_b = {i for f in b.fragments for i in range(f.start, f.end)}
    return len(chars_a & chars_b) / max(1, min(len(chars_a), len(chars_b)))


def _gap_is_clause_internal(text: str, start: int, end: int) -> bool:
    """No sentence end, paragraph break or other quotation between ``start`` and ``end``."""
    gap = text[start:end]
    return (
        end - start <= MAX_CUE_GAP
        and not _has_sentence_end(text, start, min(len(text), end + 2))
        and not any(c in gap for c in '"“”«»\n')
        and "''" not in gap
        and "``" not in gap
    )


def _has_sentence_end(text: str, start: int, end: int) -> bool:
    """A '.', '!' or '?' followed by a capital, not after an abbreviation ('Dr.', 'T.', 'U.S.')."""
    for match in _SENTENCE_END.finditer(text, start, end):
        if text[match.start()] == ".":
            word = re.search(r"[\w.]*$", text[max(0, match.start() - 12) : match.start()]).group()
            if len(word.replace(".", "")) <= 1 or word.lower().rstrip(".") in _ABBREVIATIONS or "." in word:
                continue
        return True
    return False


def _opens_sentence(text: str, position: int) -> bool:
    """True when only a sentence end, a colon or a paragraph start stands before ``position``."""
    before = text[:position].rstrip(" \t")
    return not before or before[-1] in "\n.!?:\"”'" or before.endswith("''")


def _credit_by_cue(text: str, span: QuoteSpan, cue_only: list[tuple[Attribution, int]]) -> Quote | None:
    """A cue just after ('"Q," she said') or just before ('she said: "Q"') the quotation."""
    best = None
    for found, offset in cue_only:
        cue_start, cue_end = (found.cue.span[0] + offset, found.cue.span[1] + offset)
        if (
            cue_start >= span.end
            and _gap_is_clause_internal(text, span.end, cue_start)
            and _opens_sentence(text, span.start)
        ):
            distance = cue_start - span.end  # '"Q," she said'
        elif (
            cue_end <= span.start
            and _gap_is_clause_internal(text, cue_end, span.start)
            and text[cue_end : span.start].rstrip().endswith((",", ":"))
        ):
            distance = span.start - cue_end + 1  # 'she said: "Q"'; after the quote reads first on a tie
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, _credited(found, offset, (span.span,), "direct", "adjacent-cue", 0.75))
    return best[1] if best else None


def _credit_by_trailing_cue(text: str, span: QuoteSpan, lexicon: CueLexicon) -> Quote | None:
    """'"Rise to the occasion. ... public events." added Lauten, who works for Rep. Stephen Fincher': a cue
    verb in the past tense and a name right after a quotation that ends its own sentence."""
    match = _TRAILING_CREDIT.match(text, span.end)
    if not match or not text[span.start : span.end].rstrip("\"”’'").endswith((".", "!", "?")):
        return None
    word = match.group(1)
    entry = lexicon.verb(lemma := lexicon.lemma_of(word, word))
    if entry is None or not word.endswith("ed") and word not in ("said", "wrote", "told"):
        return None
    speaker, cue = Span(match.start(2), match.end(2)), Span(match.start(1), match.end(1))
    return Quote((span.span,), "direct", speaker, cue, lemma, entry.cls, "trailing-cue", 0.7)


def _credit_by_inverted_cue(text: str, span: QuoteSpan, paragraph: Span, lexicon: CueLexicon) -> Quote | None:
    """'Said Ellis: "Q"': an inverted credit opening the sentence the quotation ends."""
    # the credit ends at the quotation and is short: search only the stretch just before it (lookbehinds
    # still see the text before ``pos``), not the whole paragraph each time
    match = _INVERTED_CREDIT.search(text, max(paragraph.start, span.start - INVERTED_CREDIT_REACH), span.start)
    if not match:
        return None
    speaker = Span(match.start(3), match.end(3))
    cue = Span(match.start(2), match.end(2))
    lemma = lexicon.lemma_of(match.group(2), match.group(2))  # 'Said' -> 'say'
    cls = entry.cls if (entry := lexicon.verb(lemma)) else "neutral"
    return Quote((span.span,), "direct", speaker, cue, lemma, cls, "inverted-cue", 0.75)


def _credit_by_colon_paragraph(
    text: str,
    span: QuoteSpan,
    paragraphs: list[Span],
    here: int,
    cue_only: list[tuple[Attribution, int]],
    quotes: list[Quote],
) -> Quote | None:
    """'He said:' ending paragraph ``here - 1``, the quotation opening paragraph ``here``."""
    if here == 0 or any(c.isalnum() for c in text[paragraphs[here].start : span.start]):
        return None
    previous = paragraphs[here - 1]
    if not text[previous.start : previous.end].endswith(":"):
        return None
    cues = [(found, offset) for found, offset in cue_only if offset == previous.start]
    if cues:
        found, offset = cues[-1]
        return _credited(found, offset, (span.span,), "direct", "colon-paragraph", 0.75)
    # 'Trump responded to Cruz's allegations in a statement on Friday afternoon:': a cue with
    # content of its own ends the paragraph; its speaker says what follows too.
    found_before = [q for q in quotes if q.cue is not None and previous.start <= q.cue.start < previous.end]
    if not found_before or found_before[-1].speaker is None:
        return None
    last = found_before[-1]
    return Quote((span.span,), "direct", last.speaker, last.cue, last.cue_lemma, last.cue_class, "colon-paragraph", 0.7)


def _credit_by_colon_word(
    text: str, span: QuoteSpan, paragraph: Span, doc: Doc | None, lexicon: CueLexicon
) -> Quote | None:
    """'Biden was quick to retort: "Q"': a colon right before the quotation, after a sentence whose
    cue the parser did not read as a verb (``attribution.colon_cue``)."""
    before = text[paragraph.start : span.start].rstrip()
    if doc is None or not before.endswith(":"):
        return None
    found = colon_cue(doc, len(before) - 1, lexicon)
    return _credited(found, paragraph.start, (span.span,), "direct", "colon-cue", 0.6) if found else None


def _credit_by_dash(text: str, span: QuoteSpan, paragraph: Span) -> Quote | None:
    """'"Q" — Jane Doe': a dash and a name after the quotation, ending the paragraph or clause."""
    dash = _DASH_CREDIT.match(text, span.end, paragraph.end)
    if not dash:
        return None
    name = _NAME.match(text, dash.end(), paragraph.end)
    if not name:
        return None
    rest = text[name.end() : paragraph.end].strip()
    if rest and rest[0] not in ",.;(":
        return None
    cue = Span(dash.start() + len(dash.group()) - len(dash.group().lstrip()), dash.end())
    cue = Span(cue.start, cue.start + len(text[cue.start : cue.end].rstrip()))
    return Quote((span.span,), "direct", Span(name.start(), name.end()), cue, "dash", "neutral", "dash-credit", 0.7)


def _colon_credits(text: str, paragraphs: list[Span]) -> list[Quote]:
    """'Name: words' at the start of a paragraph (headlines, interview transcripts)."""
    credits = []
    for paragraph in paragraphs:
        match = _COLON_CREDIT.match(text, paragraph.start, paragraph.end)
        if not match or match.group(1).lower() in _not_speakers():
            continue
        content = Span(match.end(), paragraph.end)
        speaker = Span(match.start(1), match.end(1))
        cue = Span(match.end(1), match.end(1) + 1)
        credits.append(Quote((content,), "indirect", speaker, cue, ":", "neutral", "colon-credit", 0.6))
    return credits


def _clear_of(furniture: list[Span], text: str, quote: Quote) -> Quote:
    """The quote with a speaker mention that the parse began in blanked furniture ('WASHINGTON — The
    Obama administration') starting after it."""
    mention = quote.speaker
    for piece in furniture if mention is not None else ():
        if piece.start <= mention.start < piece.end < mention.end:
            start = piece.end + len(text[piece.end : mention.end]) - len(text[piece.end : mention.end].lstrip())
            quote.speaker = Span(start, mention.end)
    return quote


def _index(starts: list[int], position: int) -> int:
    return max(0, bisect.bisect_right(starts, position) - 1)


def reading_units(text: str) -> list[Span]:
    """What the model reads one at a time: the paragraphs; a paragraph over ``LONG_PARAGRAPH``
    characters (a text with no line breaks, a transcript) in pieces of about ``PIECE`` characters cut
    at sentence ends, never inside a quotation. No news paragraph comes near that length (PolNeAR's
    longest: 2,573)."""
    units, quoted = [], None
    for paragraph in paragraph_spans(text):
        if paragraph.end - paragraph.start <= LONG_PARAGRAPH:
            units.append(paragraph)
            continue
        if quoted is None:
            quoted = [(q.start, q.end) for q in find_quote_spans(text)]
        start = paragraph.start
        for _, cut in pieces(text, paragraph.start, paragraph.end, PIECE):
            i = bisect.bisect_right(quoted, (cut, len(text))) - 1  # the last quotation starting before the cut
            if i >= 0 and quoted[i][0] < cut < quoted[i][1]:
                cut = min(paragraph.end, quoted[i][1])  # a piece holds a quotation whole
            if cut > start:
                units.append(Span(start, cut))
                start = cut
        if start < paragraph.end:
            units.append(Span(start, paragraph.end))
    return units


def _may_name(text: str, unit: Span) -> bool:
    """False for a piece of a long paragraph with no capital letter: it names no one and holds no
    credit the parse could read without a cue word ('"a" "a" "a"...'). A whole paragraph may."""
    whole = (unit.start == 0 or text[unit.start - 1] == "\n") and (unit.end == len(text) or text[unit.end] in "\r\n")
    return whole or any(c.isupper() for c in text[unit.start : unit.end])


def parse_article(
    article: Article, nlp: Language, lexicon: CueLexicon | None = None, units: list[Span] | None = None
) -> list[tuple[Span, Doc]]:
    """Parse the reading units (``reading_units``, computed when not given) that hold a quotation mark
    or a cue word; the rest is never parsed."""
    lexicon = lexicon or load_lexicon()
    text = article.text
    parsed = parsed_units(text, reading_units(text) if units is None else units, lexicon)
    return list(zip(parsed, nlp.pipe(_parser_texts(text, parsed)), strict=True))


def parsed_units(text: str, units: list[Span], lexicon: CueLexicon) -> list[Span]:
    """The reading units worth parsing: those with a quotation mark or a cue word."""
    return [
        u
        for u in units
        if _needs_parse(text[u.start : u.end], lexicon)
        and (_may_name(text, u) or lexicon.mentions_cue(text[u.start : u.end]))
    ]


def _parser_texts(text: str, paragraphs: list[Span]) -> Iterator[str]:
    """The paragraphs as the model reads them: page furniture blanked, every offset kept."""
    furniture = furniture_spans(text)
    for p in paragraphs:
        piece = blank(text[p.start : p.end], [f for f in furniture if f.overlaps(p)], p.start)
        # spaCy's tokenizer takes quadratic time over one very long run without spaces ('"""..."'): the
        # model reads a space in place of every LONG_RUN-th character of such a run (the text is untouched)
        yield _LONG_RUN.sub(lambda m: m.group(0)[:-1] + " ", piece)


def entities_in(
    article: Article, nlp: Language, parses: list[tuple[Span, Doc]], units: list[Span] | None = None
) -> list[Entity]:
    """Named entities of the whole article, in article offsets (none when the model has no NER).

    Parsed paragraphs give theirs with whether each heads a subject; the other paragraphs go
    through the recogniser alone (a speaker named there is the antecedent of a later "he"), and
    an entity opening its sentence counts as the subject.
    """
    entities = [
        Entity(paragraph.start + e.start_char, paragraph.start + e.end_char, e.label_, _main_subject(e.root))
        for paragraph, doc in parses
        for e in doc.ents
    ]
    if "ner" not in nlp.pipe_names:
        return entities
    done = {paragraph.start for paragraph, _ in parses}
    text = article.text
    rest = [u for u in (reading_units(text) if units is None else units) if u.start not in done and _may_name(text, u)]
    with nlp.select_pipes(enable=["ner"]):
        for paragraph, doc in zip(rest, nlp.pipe(_parser_texts(article.text, rest)), strict=True):
            text = doc.text
            for e in doc.ents:
                before = text[: e.start_char].rstrip()
                opening = not before or before[-1] in ".!?"
                entities.append(Entity(paragraph.start + e.start_char, paragraph.start + e.end_char, e.label_, opening))
    entities += _surname_echoes(article.text, entities, parses)
    return sorted(entities, key=lambda e: e.start)


def _surname_echoes(text: str, entities: list[Entity], parses: list[tuple[Span, Doc]]) -> list[Entity]:
    """A lone surname the recogniser missed ("Schiff, in response to his critics, doubled down")
    where the article names that person in full elsewhere: a PERSON, a subject by the parse."""
    surnames = {
        words[-1]
        for e in entities
        if e.label == "PERSON" and len(words := text[e.start : e.end].split()) >= 2 and words[-1][:1].isupper()
    }
    if not surnames:
        return []
    taken = [(e.start, e.end) for e in entities]
    found = []
    pattern = re.compile(r"(?<![\w.'’-])(?:" + "|".join(map(re.escape, sorted(surnames))) + r")(?![\w-])")
    for match in pattern.finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        found.append(Entity(match.start(), match.end(), "PERSON", _heads_subject(match.start(), match.end(), parses)))
    return found


def _heads_subject(start: int, end: int, parses: list[tuple[Span, Doc]]) -> bool:
    for paragraph, doc in parses:
        if paragraph.start <= start < paragraph.end:
            span = doc.char_span(start - paragraph.start, end - paragraph.start)
            return span is not None and _main_subject(span.root)
    return False


def _main_subject(token) -> bool:
    """The subject of a sentence's main verb ("McLenney said Clinton..." is McLenney's sentence), or
    the subject's owner ("Mr. Obama's bet is ...": the sentence is about Obama)."""
    if token.dep_ == "poss" and token.head.dep_ in SUBJECT_DEPS:
        token = token.head
    return token.dep_ in SUBJECT_DEPS and token.head.dep_ in ("ROOT", "conj", "advcl")


def extract_article(
    article: Article, nlp: Language, lexicon: CueLexicon | None = None, attribution: str = DEFAULT_MODE
) -> list[Quote]:
    """Every quote and attributed statement in one article, in text order (speakers not resolved)."""
    lexicon = lexicon or load_lexicon()

    def quotes_only(part: Article) -> ArticleResult:
        return ArticleResult(part, quotes_in(part, parse_article(part, nlp, lexicon), lexicon, attribution))

    if len(article.text) > LONG_TEXT:
        return analyse_in_windows(article, quotes_only).quotes
    return quotes_only(article).quotes


def quotes_in(
    article: Article, parses: list[tuple[Span, Doc]], lexicon: CueLexicon, attribution: str = DEFAULT_MODE
) -> list[Quote]:
    """The quotes of one article from the parses of ``parse_article``, found by the rules, the learned
    tagger or both (``attribution``: ``combine.MODES``)."""
    text = article.text
    spans = find_quote_spans(text)
    quotations = _Quotations(spans)
    from quotes.attribution.learned import rule_confidence, tagger

    if attribution == "model":
        model = tagger(attribution)
        proposed = _model_quotes(text, parses, quotations, lexicon, model)
        quotes = trusted(proposed, model.threshold, model.needs_speaker)
    else:
        quotes = _rule_quotes(text, parses, lexicon, spans, quotations)
        for quote in quotes:
            quote.confidence = rule_confidence(quote.rule, quote.confidence)
    if attribution == "combined":  # the combined tagger reads the rules' quotes as features
        model = tagger(attribution)
        proposed = _model_quotes(text, parses, quotations, lexicon, model, quotes)
        quotes = sorted(quotes + added(quotes, proposed, model.threshold, model.needs_speaker), key=_start_of)
    for quote in quotes:
        if quote.rule == "model":
            quote.confidence = model.calibrated(quote.confidence)
    return _link_continuations(quotes)


def _model_quotes(
    text: str,
    parses: list[tuple[Span, Doc]],
    quotations: _Quotations,
    lexicon: CueLexicon,
    model,
    rules: list[Quote] | None = None,
) -> list[Quote]:
    """The attributions of the tagger ``model`` (``attribution.learned.Tagger``; ``rules``: the rules'
    quotes, for the combined tagger), content snapped to whole quotations, outside page furniture, with
    the tagger's raw confidence."""
    from quotes.attribution.learned import rule_parts

    furniture = furniture_spans(text)
    found = []
    for paragraph, doc in parses:
        shift = paragraph.start
        local = [(a - shift, b - shift) for a, b in quotations.pairs if paragraph.start <= a < paragraph.end]
        found_by_rules = rule_parts(rules, paragraph.start, paragraph.end) if rules is not None else None
        for proposal in model.propose(doc, local, lexicon, found_by_rules):
            fragments, kind = _snap(text, [Span(a + shift, b + shift) for a, b in proposal.content], quotations)
            head = doc[proposal.cue_head]
            lemma = lexicon.lemma_of(head.text, head.lemma_)
            cue = lexicon.verb(lemma) or lexicon.noun(lemma)
            speaker = Span(proposal.speaker[0] + shift, proposal.speaker[1] + shift) if proposal.speaker else None
            cue_span = Span(proposal.cue[0] + shift, proposal.cue[1] + shift)
            name = cue.name if cue else text[cue_span.start : cue_span.end].lower()
            confidence = proposal.confidence
            quote = Quote(fragments, kind, speaker, cue_span, name, cue.cls if cue else None, "model", confidence)
            if not any(f.contains(Span(quote.start, quote.end)) for f in furniture):
                found.append(_clear_of(furniture, text, quote))
    return found


def _rule_quotes(
    text: str, parses: list[tuple[Span, Doc]], lexicon: CueLexicon, spans: list[QuoteSpan], quotations: _Quotations
) -> list[Quote]:
    """The rules' quotes: cue-governed attributions, then credits for the quotations no cue governs."""
    paragraphs = paragraph_spans(text)
    quoted = [(s.start, s.end) for s in spans]
    quotes: list[Quote] = []
    cue_only: list[tuple[Attribution, int]] = []  # cues with no content of their own, and their paragraph offset
    docs = {paragraph.start: doc for paragraph, doc in parses}
    for paragraph, doc in parses:
        if quotations.ordered:
            first = bisect.bisect_left(quotations.starts, paragraph.start)
            last = bisect.bisect_left(quotations.starts, paragraph.end)
            here = quoted[first:last]
        else:
            here = [(a, b) for a, b in quoted if paragraph.start <= a < paragraph.end]
        local = [(a - paragraph.start, b - paragraph.start) for a, b in here]
        for found in attributions(doc, lexicon, local):
            if found.content:
                quotes.append(_to_quote(text, found, paragraph.start, quotations))
            else:
                cue_only.append((found, paragraph.start))
    furniture = furniture_spans(text)
    quotes = _without_nested(text, quotes + _colon_credits(text, [p for p in paragraphs if p not in furniture]))
    quotes = [
        _clear_of(furniture, text, q) for q in quotes if not any(f.contains(Span(q.start, q.end)) for f in furniture)
    ]

    starts = [p.start for p in paragraphs]
    units = [unit for unit, _ in parses]  # the paragraphs, or the pieces of a long one, that were parsed
    unit_starts = [u.start for u in units]
    quotes.sort(key=lambda q: q.start)
    longest = max((q.end - q.start for q in quotes), default=0)  # bounds where a quote holding a span starts
    for span in spans:
        if _held_by(quotes, span, longest):
            continue
        if any(f.contains(span.span) for f in furniture):
            continue  # a headline's quotation marks in a "Related:" line
        here = _index(starts, span.start)
        credited = _credit_by_dash(text, span, paragraphs[here])
        if credited is None and _join_as_fragment(text, span, quotes, longest):
            longest = max(q.end - q.start for q in quotes)  # a quote grew by a fragment
            continue
        credited = credited or _credit_by_cue(text, span, cue_only)
        credited = credited or _credit_by_inverted_cue(text, span, paragraphs[here], lexicon)
        credited = credited or _credit_by_trailing_cue(text, span, lexicon)
        credited = credited or _credit_by_colon_paragraph(text, span, paragraphs, here, cue_only, quotes)
        credited = credited or _continuation(text, span, paragraphs, here, quotes)
        unit = _unit_at(units, unit_starts, span.start)
        credited = credited or _credit_by_colon_word(text, span, unit, docs.get(unit.start), lexicon)
        if credited is not None:
            bisect.insort(quotes, credited, key=lambda q: q.start)
            longest = max(longest, credited.end - credited.start)
    return quotes


def _unit_at(units: list[Span], starts: list[int], position: int) -> Span:
    """The parsed unit holding ``position`` (``starts``: the units' starts), else an empty span there."""
    i = bisect.bisect_right(starts, position) - 1
    return units[i] if i >= 0 and position < units[i].end else Span(position, position)


def _held_by(quotes: list[Quote], span: QuoteSpan, longest: int) -> bool:
    """Some quote (``quotes`` sorted by start, none longer than ``longest``) holds the whole quotation
    ``span``: only the quotes that start at most ``longest`` before its end can."""
    first = bisect.bisect_left(quotes, span.end - longest, key=lambda q: q.start)
    last = bisect.bisect_right(quotes, span.start, key=lambda q: q.start)
    return any(q.start <= span.start and span.end <= q.end for q in quotes[first:last])


def analyse_article(
    article: Article,
    nlp: Language,
    lexicon: CueLexicon | None = None,
    attribution: str = DEFAULT_MODE,
    min_confidence: float = 0.0,
) -> ArticleResult:
    """The whole per-article step: quotes, their resolved speakers, and the outlets the text names.
    Quotes under ``min_confidence`` are left out and counted (``ArticleResult.left_out``). An article
    longer than ``windows.LONG_TEXT`` is analysed in windows (linear time)."""
    lexicon = lexicon or load_lexicon()
    if len(article.text) > LONG_TEXT:
        result = analyse_in_windows(article, lambda part: _analyse(part, nlp, lexicon, attribution))
    else:
        result = _analyse(article, nlp, lexicon, attribution)
    return _at_least(result, min_confidence) if min_confidence > 0 else result


def _at_least(result: ArticleResult, floor: float) -> ArticleResult:
    """``result`` without its quotes under ``floor``; continuation links follow the quotes they name."""
    kept = [q for q in result.quotes if q.confidence >= floor]
    position = {id(q): i for i, q in enumerate(kept)}
    for quote in kept:
        if quote.continues is not None:
            host = result.quotes[quote.continues]
            quote.continues = position.get(id(host))
    result.left_out += len(result.quotes) - len(kept)
    result.quotes = kept
    return result


def _analyse(article: Article, nlp: Language, lexicon: CueLexicon, attribution: str) -> ArticleResult:
    units = reading_units(article.text)  # once: both the parser and the recogniser read these
    parses = parse_article(article, nlp, lexicon, units)
    quotes = quotes_in(article, parses, lexicon, attribution)
    speakers, people = resolve_article(article, quotes, entities_in(article, nlp, parses, units))
    for quote, speaker in zip(quotes, speakers, strict=True):
        quote.speaker_name, quote.speaker_kind = speaker.name, speaker.kind
        quote.speaker_title, quote.via = speaker.title, speaker.via
        quote.speaker_affiliation = speaker.affiliation
        quote.speaker_resolution = speaker.mention if speaker.kind != "unknown" else "none"
    return ArticleResult(article, quotes, media=media_mentions(article, quotes, speakers), people=people)


# How far after a quote its credit may end ('"Q1," said, at length, Smith, "Q2"'): a bound on where
# the quote a later fragment joins can start, so each quotation looks at a few quotes, not all.
_CREDIT_REACH = 2_000


def _start_of(quote: Quote) -> int:
    return quote.start


def _join_as_fragment(text: str, span: QuoteSpan, quotes: list[Quote], longest: int) -> bool:
    """'"Q1," she said, "Q2."' is one quote in two fragments: add Q2 to the quote Q1 began.
    ``quotes`` are in text order; ``longest`` is the longest quote's length."""
    first = bisect.bisect_left(quotes, span.start - longest - _CREDIT_REACH, key=_start_of)
    last = bisect.bisect_left(quotes, span.start, key=_start_of)  # a quote Q2 joins starts before it
    for quote in quotes[first:last]:
        if quote.type == "indirect" or quote.cue is None or not quote.end <= quote.cue.start < span.start:
            continue
        credit_end = max(quote.cue.end, quote.speaker.end if quote.speaker else 0)
        gap = text[credit_end : span.start]
        if _gap_is_clause_internal(text, credit_end, span.start) and gap.rstrip().endswith((",", ":")):
            quote.fragments = (*quote.fragments, span.span)
            return True
    return False


def _continuation(text: str, span: QuoteSpan, paragraphs: list[Span], here: int, quotes: list[Quote]) -> Quote | None:
    """A quotation after a credited one, in the same paragraph (``here``) or as a paragraph of its own."""
    paragraph = paragraphs[here]
    # Walk back from the span (``quotes`` are in text order): the last credited quote ending before
    # it, and the last quoted (not indirect) one of this paragraph.
    last = quoted_before = None
    for i in range(bisect.bisect_left(quotes, span.start, key=_start_of) - 1, -1, -1):
        quote = quotes[i]
        if quote.end > span.start or quote.speaker is None:
            continue
        last = last or quote
        if quote.start < paragraph.start:
            break
        if quote.type != "indirect":
            quoted_before = quote
            break
    if last is None:
        return None
    if last.type == "indirect" and quoted_before is not None:
        # '"Q1," LeVell declared, after a show during which callers asked how ... "Q2"': the
        # quotation goes on from the last quoted speaker, not from a reported clause in between.
        last = quoted_before
    outside = text[paragraph.start : span.start] + text[span.end : paragraph.end]
    if _scare_quote(text, span, last):
        return None  # 'The Senate's "cloture" rule requires': a term the writer marks, no one's words
    if last.start >= paragraph.start:
        rule = "continuation"
    elif (
        here > 0
        and last.start >= paragraphs[here - 1].start
        and not any(c.isalnum() for c in outside)
        and last.type != "indirect"
    ):
        rule = "paragraph-continuation"
    else:
        return None
    later = _LATER_SENTENCE.search(text, max(last.start, last.end - 3), span.start + 1)  # the end may be '."'
    if rule == "continuation" and later and not _opens_sentence(text, span.start):
        # 'He later apologized, and even invited Trump "to come ..."': a sentence of the writer's own,
        # whose verb is not the last quote's cue
        return Quote((span.span,), "direct", last.speaker, None, None, None, rule, 0.65)
    if last.cue is None and last.rule == "continuation":
        # the last quote sat in a sentence of the writer's own: the cue is the one before it
        last = next((q for q in reversed(quotes) if q.end <= last.start and q.cue and q.speaker == last.speaker), last)
    return Quote((span.span,), "direct", last.speaker, last.cue, last.cue_lemma, last.cue_class, rule, 0.65)


# A sentence end, closing quotation marks and all, before a capital: 'wall." He later invited'.
_LATER_SENTENCE = re.compile(r"[.!?][\"”’']*\s+[A-Z\"“‘']")


def _scare_quote(text: str, span: QuoteSpan, last: Quote) -> bool:
    """A quotation of at most three words inside a later sentence of the writer's own, or after a
    preposition or a possessive ('on "America's Newsroom"', 'ABC’s "This Week"'): a term or a title, not a
    continuation of ``last``'s words."""
    words = re.findall(r"\w+", text[span.start : span.end])
    if len(words) > 3 or _opens_sentence(text, span.start):
        return False
    preceding = text[max(0, span.start - 30) : span.start]
    before = re.search(r"(\w+)\W*$", preceding)
    # 'he told Fox News on "America's Newsroom,"': a title after a preposition; 'ABC’s “This Week.”':
    # after a possessive
    return (
        _has_sentence_end(text, last.end, span.start + 1)
        or (before is not None and before.group(1).lower() in _TITLE_BEFORE)
        or re.search(r"\w['’]s\s*$", preceding) is not None
    )


_TITLE_BEFORE = {"on", "in", "at", "from", "titled", "dubbed", "named"}


def _link_continuations(quotes: list[Quote]) -> list[Quote]:
    """Each continuation's ``continues``: the index of the last earlier quote, not itself a
    continuation, with the same speaker mention and cue (any cue, for a continuation without one)."""
    latest: dict[tuple, int] = {}  # (speaker, cue) -> index of the last such quote so far
    for i, quote in enumerate(quotes):
        if quote.rule in ("continuation", "paragraph-continuation"):
            # one with no cue (a sentence of the writer's own) goes on from the speaker's last quote
            quote.continues = latest.get((quote.speaker, quote.cue) if quote.cue else (quote.speaker,))
        else:
            latest[(quote.speaker, quote.cue)] = latest[(quote.speaker,)] = i
    return quotes


# --- batches ---------------------------------------------------------------------------------


def extract_all(
    items: Iterable[Article | ArticleError],
    model: str | None = None,
    processes: int | None = None,
    profile: bool = False,
    timeout: float | None = ARTICLE_TIMEOUT,
    attribution: str = DEFAULT_MODE,
) -> Iterator[ArticleResult]:
    """Extract from a stream of articles, in input order, using ``processes`` worker processes
    (``engine``). With ``profile``, each result also carries its wording profile
    (``wording.profile_article``). An article running longer than ``timeout`` seconds (None: no
    limit) and one whose worker dies twice end as error results."""
    return run(items, model=model, processes=processes, profile=profile, timeout=timeout, attribution=attribution)
