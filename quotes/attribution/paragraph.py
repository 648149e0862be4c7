"""Attribution over one parsed paragraph: every cue with its speaker and content, and colon cues."""

from __future__ import annotations

from spacy.tokens import Doc

from quotes.attribution.content import content_of
from quotes.attribution.matches import Attribution, CueMatch, _speech_verb, find_cues
from quotes.attribution.parse import _first_token_from, sentence_of, text_of
from quotes.attribution.quotations import quotation_after
from quotes.attribution.sentences import _within_sentence, _without_tail, sentence_breaks
from quotes.attribution.sources import _speaker_span, mention_span, subject_of
from quotes.cues import CueLexicon


def attributions(doc: Doc, lexicon: CueLexicon, quoted: list[tuple[int, int]]) -> list[Attribution]:
    """Every cue in ``doc`` whose parse gives it content, with its speaker mention."""
    found = []
    matches = find_cues(doc, lexicon, quoted)
    cue_verbs = frozenset(m.token.i for m in matches)
    breaks = sentence_breaks(text_of(doc), quoted)
    for match in matches:
        content, rule, confidence = content_of(match, quoted, cue_verbs)
        content = _without_tail(doc, _within_sentence(content, match.span, breaks), match.span, quoted)
        if (
            len(content) == 1
            and text_of(doc)[content[0][0] : content[0][1]].lower() in _PRONOUN_CONTENT
            and quotation_after(text_of(doc), content[0][1], quoted) is None
        ):
            content = ()  # 'he supports it': what 'it' is, the sentence does not say ('called that "Q"' does)
        if not content:
            found.append(Attribution(match, _speaker_span(match, quoted), (), "cue-only", 0.0))
            continue
        found.append(Attribution(match, _speaker_span(match, quoted), content, rule, confidence))
    return found


_PRONOUN_CONTENT = {"it", "this", "that", "them", "him", "her", "these", "those", "so", "one"}


def colon_cue(doc: Doc, colon: int, lexicon: CueLexicon) -> Attribution | None:
    """'Biden was quick to retort: "Q"' where the parser read the cue as a noun: the last word
    before the colon at ``colon`` (a character offset) that is a cue verb in any part of speech,
    and the subject of its sentence. None when the sentence names no cue or no subject."""
    position = _first_token_from(doc, colon)
    at = doc[position] if position < len(doc) and doc[position].idx == colon else None
    if at is None:
        return None
    before = [t for t in sentence_of(at) if t.i < at.i]
    cue = next((t for t in reversed(before) if _speech_verb(t, lexicon)), None)
    if cue is None:
        return None
    subject = subject_of(cue) if cue.pos_ in ("VERB", "AUX") else None
    subject = subject or next((t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.i < cue.i), None)
    if subject is None or subject.pos_ == "PRON" and subject.lower_ in ("it", "there", "this", "that"):
        return None
    entry = lexicon.verb(lexicon.lemma_of(cue.text, cue.lemma_))
    return Attribution(CueMatch(cue, entry), mention_span(subject), (), "cue-only", 0.0)
