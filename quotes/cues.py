"""The cue lexicon: reporting verbs and phrases as data, with a class and the frames each takes.

Files are tab-separated ``cue<TAB>class<TAB>frames`` (see ``rules/cues/README.md``). The package's
own files load first; a user's files (``--cues FILE`` or ``QUOTES_CUES=FILE[:FILE...]``) add
entries or override them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

CLASSES = ("neutral", "evaluative", "belief", "intention", "evidence")
FRAMES = ("clause", "object", "infinitive", "prep", "by", "noun", "as", "no-person")


@dataclass(frozen=True)
class Cue:
    """One lexicon entry: ``say`` or ``call for``."""

    lemma: str  # the verb lemma ("call") or the whole phrase for "according to"
    particle: str | None  # the preposition or particle of a phrase cue ("for"), else None
    cls: str
    frames: frozenset[str]

    @property
    def name(self) -> str:
        return f"{self.lemma} {self.particle}" if self.particle else self.lemma


class CueLexicon:
    """Lookups from a verb lemma (and its particle) to the lexicon entry."""

    def __init__(self, cues: list[Cue]):
        self.verbs: dict[str, Cue] = {}
        self.phrases: dict[tuple[str, str], Cue] = {}
        self.nouns: dict[str, Cue] = {}
        for cue in cues:
            if "noun" in cue.frames:
                self.nouns[cue.lemma] = cue
            elif cue.particle:
                self.phrases[(cue.lemma, cue.particle)] = cue
            else:
                self.verbs[cue.lemma] = cue
        # Every inflected form a cue can take and its lemma: for the cheap pre-parse filter, and for
        # words the lemmatizer gets wrong ('hopes' -> 'hop').
        self.heads = self.verbs.keys() | {lemma for lemma, _ in self.phrases}  # verbs that head a cue
        self.word_forms = _word_forms(self.heads | self.nouns.keys())

    def verb(self, lemma: str) -> Cue | None:
        return self.verbs.get(lemma.lower())

    def noun(self, lemma: str) -> Cue | None:
        return self.nouns.get(lemma.lower())

    def phrase(self, lemma: str, particle: str) -> Cue | None:
        return self.phrases.get((lemma.lower(), particle.lower()))

    def lemma_of(self, word: str, lemma: str) -> str:
        """The cue lemma of ``word``: the parser's ``lemma`` when it is a cue, else the cue whose
        inflected forms include ``word``, else ``lemma``."""
        lemma = lemma.lower()
        if lemma in self.heads:
            return lemma
        return self.word_forms.get(word.lower(), lemma)

    def mentions_cue(self, text: str) -> bool:
        """True when ``text`` holds a word that could be a cue (checked before parsing)."""
        return any(word in self.word_forms for word in re.findall(r"[a-z]+", text.lower()))


def _word_forms(lemmas: set[str]) -> dict[str, str]:
    irregular = {
        "say": ["said"],
        "tell": ["told"],
        "write": ["wrote", "written"],
        "think": ["thought"],
        "know": ["knew", "known"],
        "find": ["found"],
        "feel": ["felt"],
        "show": ["shown"],
        "see": ["saw", "seen"],
        "speak": ["spoke", "spoken"],
        "go": ["went", "gone"],
        "make": ["made"],
        "take": ["took", "taken"],
        "seek": ["sought"],
        "read": ["read"],
        "understand": ["understood"],
        "lash": ["lashed"],
        "mean": ["meant"],
        "learn": ["learnt"],
        "according": ["according"],
    }
    forms: dict[str, str] = {}
    for lemma in sorted(lemmas):
        word = lemma.split()[0]
        stem = word[:-1] if word.endswith("e") else word
        inflected = [
            word,
            word + "s",
            word + "es",
            word + "ed",
            word + "d",
            stem + "ing",
            word + "ing",
            word[:-1] + "ies",
            word[:-1] + "ied",
            word + word[-1] + "ed",
            word + word[-1] + "ing",
            *irregular.get(word, []),
        ]
        for form in inflected:
            forms.setdefault(form, word)
    forms["according"] = "according"
    return forms


def read_cue_file(path: Path | str, text: str | None = None) -> list[Cue]:
    """Parse one lexicon file; raises ``ValueError`` naming the line that is wrong."""
    text = Path(path).read_text(encoding="utf-8") if text is None else text
    cues = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise ValueError(f"{path}:{number}: expected 'cue<TAB>class[<TAB>frames]', got {line!r}")
        words, cls = parts[0].strip().lower().split(), parts[1].strip()
        frames = frozenset(f.strip() for f in (parts[2] if len(parts) > 2 else "clause").split(",") if f.strip())
        if cls not in CLASSES:
            raise ValueError(f"{path}:{number}: class {cls!r} is not one of {', '.join(CLASSES)}")
        if unknown := frames - set(FRAMES):
            raise ValueError(f"{path}:{number}: unknown frame(s) {', '.join(sorted(unknown))}")
        lemma, particle = words[0], " ".join(words[1:]) or None
        cues.append(Cue(lemma, particle, cls, frames))
    return cues


def user_cue_files() -> list[Path]:
    """Files named by ``QUOTES_CUES`` (os.pathsep-separated)."""
    value = os.environ.get("QUOTES_CUES", "")
    return [Path(p) for p in value.split(os.pathsep) if p]


@lru_cache(maxsize=8)
def load_lexicon(extra_files: tuple[str, ...] = ()) -> CueLexicon:
    """The package's lexicon plus the user's files (later entries override earlier ones)."""
    cues: list[Cue] = []
    folder = resources.files("quotes") / "rules" / "cues"
    for name in ("verbs.tsv", "phrases.tsv", "nouns.tsv"):
        cues.extend(read_cue_file(f"quotes/rules/cues/{name}", (folder / name).read_text(encoding="utf-8")))
    for path in (*map(str, user_cue_files()), *extra_files):
        cues.extend(read_cue_file(path))
    return CueLexicon(cues)
