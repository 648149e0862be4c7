"""Training the attribution tagger (``quotes train``): annotated articles in, a CRF model folder out.

Every reading unit (paragraph) of every article is parsed as ``extract`` parses it, turned into token
features (``attribution.features``) and BIO tags from the gold cue, source and content spans, and
checkpointed on disk in parts, so a run that stops resumes without parsing again. L-BFGS training is
deterministic: the same data and settings give the same model.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from quotes.attribution.features import ALL_GROUPS, GROUPS, RULE_GROUP, Features, features_of, without
from quotes.attribution.learned import gold_labels
from quotes.cues import CueLexicon, load_lexicon
from quotes.extract import _parser_texts, reading_units
from quotes.marks import find_quote_spans

PART_SIZE = 50  # articles per checkpoint file
SPEAKER_TOLERANCE = 0.001  # mean F1 (0-1) that dropping the tagger's speakerless attributions may cost
# Chosen on PolNeAR dev (``benchmarks/attribution_model.py``): L1 keeps the model small.
PARAMS = {"c1": 0.3, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


@dataclass
class Sequence:
    """One paragraph: its token features and gold tags."""

    article: str
    features: list[Features]
    labels: list[str]


def read_gold(path: Path) -> list[dict]:
    """The annotated articles of a JSONL file (lines without ``text``, such as an aliases line, skipped)."""
    with open(path, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    return [r for r in records if "text" in r]


def _gold_parts(record: dict) -> list[tuple[str, int, int]]:
    parts = []
    for quote in record.get("quotes", []):
        if quote.get("cue_start") is not None:
            parts.append(("CUE", quote["cue_start"], quote["cue_end"]))
        if quote.get("speaker_start") is not None:
            parts.append(("SRC", quote["speaker_start"], quote["speaker_end"]))
        parts += [("CON", a, b) for a, b in quote.get("fragments") or [[quote["start"], quote["end"]]]]
    return sorted(parts, key=lambda p: p[1])


def sequences(records: Iterable[dict], nlp: Language, lexicon: CueLexicon) -> Iterator[Sequence]:
    """Every paragraph of ``records`` as a training sequence, with the features of every group (the
    ``rules`` group from the rules' quotes on the paragraphs ``extract`` would parse)."""
    from quotes.attribution.learned import rule_parts
    from quotes.evaluate import gold_article
    from quotes.extract import _Quotations, _rule_quotes, parsed_units

    for record in records:
        article = gold_article(record)
        text = article.text
        units = reading_units(text)
        docs = list(nlp.pipe(_parser_texts(text, units)))
        spans = find_quote_spans(text)
        quoted = [(q.start, q.end) for q in spans]
        wanted = set(parsed_units(text, units, lexicon))
        parses = [(u, d) for u, d in zip(units, docs, strict=True) if u in wanted]
        rules = _rule_quotes(text, parses, lexicon, spans, _Quotations(spans))
        parts = _gold_parts(record)
        for unit, doc in zip(units, docs, strict=True):
            local_quoted = [(a - unit.start, b - unit.start) for a, b in quoted if unit.start <= a < unit.end]
            local_parts = [(p, a - unit.start, b - unit.start) for p, a, b in parts if unit.start <= a < unit.end]
            found = rule_parts(rules, unit.start, unit.end) if unit in wanted else []
            features = features_of(doc, local_quoted, lexicon, ALL_GROUPS, found)
            yield Sequence(record["id"], features, gold_labels(doc, local_parts))


def featurise(records: list[dict], nlp: Language, folder: Path, log=print) -> list[Sequence]:
    """All sequences of ``records``, from the checkpoint parts in ``folder`` where they exist."""
    folder.mkdir(parents=True, exist_ok=True)
    lexicon = load_lexicon()
    found: list[Sequence] = []
    started = time.monotonic()
    for n in range(0, len(records), PART_SIZE):
        part = folder / f"part-{n // PART_SIZE:04d}.pkl"
        if part.exists():
            found += pickle.loads(part.read_bytes())
            continue
        made = list(sequences(records[n : n + PART_SIZE], nlp, lexicon))
        temporary = part.with_suffix(".tmp")
        temporary.write_bytes(pickle.dumps(made))
        temporary.replace(part)  # a part is whole or absent
        found += made
        done = min(len(records), n + PART_SIZE)
        log(f"quotes train: featurised {done}/{len(records)} articles ({time.monotonic() - started:.0f}s)")
    return found


def fit(
    data: list[Sequence], model: Path, groups: Iterable[str] = GROUPS, params: dict | None = None, log=print
) -> Path:
    """Train a CRF on ``data`` (feature groups left out unless in ``groups``) into the file ``model``."""
    import pycrfsuite

    dropped = [g for g in ALL_GROUPS if g not in set(groups)]
    started = time.monotonic()

    class Trainer(pycrfsuite.Trainer):
        """python-crfsuite calls these only when verbose; all but the iteration report stay quiet."""

        def on_start(self, _log):
            pass

        def on_featgen_progress(self, _log, _percent):
            pass

        def on_featgen_end(self, _log):
            pass

        def on_prepared(self, _log):
            pass

        def on_optimization_end(self, _log):
            pass

        def on_end(self, _log):
            pass

        def on_iteration(self, _log, info):
            if info["num"] % 10 == 0:
                seconds = time.monotonic() - started
                log(f"quotes train: iteration {info['num']}, loss {info['loss']:.0f} ({seconds:.0f}s)")

    trainer = Trainer(algorithm="lbfgs", verbose=True)
    for sequence in data:
        trainer.append(without(sequence.features, dropped) if dropped else sequence.features, sequence.labels)
    trainer.set_params(params or PARAMS)
    model.parent.mkdir(parents=True, exist_ok=True)
    temporary = model.with_suffix(".tmp")
    trainer.train(str(temporary))
    temporary.replace(model)
    log(f"quotes train: trained on {len(data)} paragraphs in {time.monotonic() - started:.0f}s -> {model}")
    return model


def write_settings(folder: Path, settings: dict) -> None:
    path = folder / "model.json"
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(settings, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    temporary.replace(path)


def log_to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


KINDS = ("model", "combined")  # the tagger on parse features alone, and the one that also reads the rules


def groups_of(kind: str, groups: Iterable[str] = GROUPS) -> list[str]:
    """The feature groups of a tagger ``kind``: ``groups``, plus the rules' output for 'combined'."""
    chosen = [g for g in GROUPS if g in set(groups)]
    return chosen + [RULE_GROUP] if kind == "combined" else chosen


def train(
    train_file: Path,
    out: Path,
    nlp: Language,
    groups: Iterable[str] = GROUPS,
    log=log_to_stderr,
    params: dict | None = None,
) -> None:
    """Fit both taggers, side by side in two processes, into ``out/model`` and ``out/combined``; a
    tagger already fitted with the same settings is kept (a resumed run), and ``train_file`` is
    featurised (resuming from ``out/checkpoint``) only when one is left to fit."""
    records = read_gold(train_file)
    log(f"quotes train: {len(records)} articles from {train_file}")
    wanted = []
    for kind in KINDS:
        settings = {"groups": groups_of(kind, groups), "params": PARAMS | (params or {}), "trained_on": train_file.name}
        settings["articles"] = len(records)
        folder = out / kind
        done = _settings(folder)
        if (folder / "tagger.crfsuite").exists() and all(done.get(k) == v for k, v in settings.items()):
            log(f"quotes train: {folder} already trained")
            continue
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "model.json").unlink(missing_ok=True)  # written once its tagger is whole
        wanted.append((folder, settings))
    if wanted:
        data = featurise(records, nlp, out / "checkpoint" / train_file.stem, log)
        fit_all([(data, folder, settings) for folder, settings in wanted], log)


def fit_all(jobs: list[tuple[list[Sequence], Path, dict]], log=log_to_stderr, at_once: int = 2) -> None:
    """Fit each ``(data, folder, settings)`` job into ``folder/tagger.crfsuite`` with
    ``settings["groups"]``, ``at_once`` in parallel processes (the data shared by fork), and write each
    one's ``model.json`` when its tagger is done."""
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    waiting = list(jobs)
    running: list[tuple] = []
    while waiting or running:
        while waiting and len(running) < at_once:
            data, folder, settings = waiting.pop(0)
            args = (data, folder / "tagger.crfsuite", settings["groups"], settings.get("params", PARAMS), log)
            worker = context.Process(target=fit, args=args)
            worker.start()
            running.append((worker, folder, settings))
        worker, folder, settings = running.pop(0)
        worker.join()
        if worker.exitcode != 0:
            raise RuntimeError(f"training {folder} failed (exit {worker.exitcode})")
        write_settings(folder, settings)


def _settings(folder: Path) -> dict:
    path = folder / "model.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


# --- choosing on dev: thresholds and calibration tables --------------------------------------


@dataclass
class DevRun:
    """What the rules and each tagger found on each dev article, before any threshold."""

    gold: list[dict]
    rules: dict[str, list]  # article id -> the rules' Quotes
    proposed: dict[str, dict[str, list]]  # tagger kind -> article id -> its Quotes, raw confidence


def run_on_dev(records: list[dict], nlp: Language, taggers: dict, log=log_to_stderr) -> DevRun:
    """Rules and ``taggers`` (kind -> ``attribution.learned.Tagger``) on every dev article."""
    from quotes.evaluate import gold_article
    from quotes.extract import _model_quotes, _Quotations, parse_article, quotes_in

    lexicon = load_lexicon()
    rules: dict[str, list] = {}
    proposed: dict[str, dict[str, list]] = {kind: {} for kind in taggers}
    for n, record in enumerate(records, 1):
        article = gold_article(record)
        parses = parse_article(article, nlp, lexicon)
        found = rules[record["id"]] = quotes_in(article, parses, lexicon, "rules")
        quotations = _Quotations(find_quote_spans(article.text))
        for kind, model in taggers.items():
            read = found if RULE_GROUP in model.groups else None
            proposed[kind][record["id"]] = _model_quotes(article.text, parses, quotations, lexicon, model, read)
        if n % 20 == 0:
            log(f"quotes train: dev {n}/{len(records)} articles")
    return DevRun(records, rules, proposed)


def _standoff(record: dict, quotes: list) -> list[dict]:
    from quotes.extract import _link_continuations

    ordered = _link_continuations(sorted(quotes, key=lambda q: q.start))
    return [q.to_standoff(record["text"]) for q in ordered]


def predictions_at(
    run: DevRun, kind: str, threshold: float, with_rules: bool | None = None, needs_speaker: bool = False
) -> dict[str, list[dict]]:
    """The predictions on dev of the tagger ``kind`` at ``threshold`` (only those with a speaker mention
    when ``needs_speaker``), added to the rules' when ``with_rules`` (default: for 'combined')."""
    from quotes.attribution.combine import added, trusted

    with_rules = kind == "combined" if with_rules is None else with_rules
    out = {}
    for record in run.gold:
        proposed = run.proposed[kind][record["id"]]
        if with_rules:
            rules = run.rules[record["id"]]
            out[record["id"]] = _standoff(record, rules + added(rules, proposed, threshold, needs_speaker))
        else:
            out[record["id"]] = _standoff(record, trusted(proposed, threshold, needs_speaker))
    return out


def choose_threshold(
    runs: list[DevRun],
    kind: str,
    with_rules: bool | None = None,
    grid: Iterable[float] = tuple(x / 20 for x in range(4, 20)),
    needs_speaker: bool = False,
) -> tuple[float, dict]:
    """The raw tagger confidence from which attributions F1 (all, TAU 0.3), averaged over the dev
    ``runs`` (gold files of different conventions: PolNeAR's broad one, identity-dev's narrower), is best."""
    from quotes.evaluate import score

    table = {}
    for threshold in grid:
        f1 = []
        for run in runs:
            predictions = predictions_at(run, kind, threshold, with_rules, needs_speaker)
            rows = {(s.track, s.tau): s for s in score(run.gold, predictions)}
            f1.append(rows[("all", 0.3)].f1)
        table[threshold] = sum(f1) / len(f1)
    best = max(table, key=lambda t: (table[t], t))
    return best, table


def _right(run: DevRun, predictions: dict[str, list[dict]]) -> dict[str, list[bool]]:
    """Per article, whether each prediction matches a gold attribution (all, TAU 0.3), continuations
    folded into the quote they continue first, as the protocol scores them (a continuation is right
    when its quote is)."""
    from quotes.evaluate import continuation_hosts, match, merge_continuations

    right = {}
    for record in run.gold:
        predicted = predictions[record["id"]]
        merged = merge_continuations(predicted)
        matched = {p for _, p in match(record["text"], record.get("quotes") or [], merged, 0.3)}
        right[record["id"]] = [place in matched for place in continuation_hosts(predicted)]
    return right


def _monotone(bins: list[list[float]]) -> list[list[float]]:
    """Pool adjacent bins whose share falls as confidence rises ([upper, right, count] each)."""
    pooled: list[list[float]] = []
    for upper, right, count in bins:
        pooled.append([upper, right, count])
        while len(pooled) > 1 and pooled[-2][1] / pooled[-2][2] > pooled[-1][1] / pooled[-1][2]:
            last = pooled.pop()
            pooled[-1] = [last[0], pooled[-1][1] + last[1], pooled[-1][2] + last[2]]
    return pooled


def calibration(
    run: DevRun, kind: str, threshold: float, width: float = 0.1, needs_speaker: bool = False
) -> tuple[list[list[float]], dict[str, float]]:
    """The share right on dev of the tagger's attributions by raw confidence (bins of ``width``, made
    monotone), and of the rules' by rule (smoothed toward the rules' overall share)."""
    predictions = predictions_at(run, kind, threshold, needs_speaker=needs_speaker)
    right = _right(run, predictions)
    model_bins: dict[int, list[int]] = {}
    by_rule: dict[str, list[int]] = {}
    for record in run.gold:
        for quote, ok in zip(predictions[record["id"]], right[record["id"]], strict=True):
            if quote["rule"] == "model":
                counts = model_bins.setdefault(min(int(quote["confidence"] / width), int(1 / width) - 1), [0, 0])
            else:
                counts = by_rule.setdefault(quote["rule"], [0, 0])
            counts[0] += ok
            counts[1] += 1
    bins = _monotone([[round((b + 1) * width, 3), *model_bins[b]] for b in sorted(model_bins)])
    model = [[upper, round(right / count, 3)] for upper, right, count in bins]
    total = [sum(c[0] for c in by_rule.values()), sum(c[1] for c in by_rule.values())]
    prior = total[0] / total[1] if total[1] else 0.5
    rules = {rule: round((ok + 5 * prior) / (n + 5), 3) for rule, (ok, n) in sorted(by_rule.items())}
    return model, rules


def choose_on_dev(out: Path, dev_files: list[Path], nlp: Language, log=log_to_stderr) -> list[DevRun]:
    """Each tagger's threshold, chosen on all ``dev_files``, and calibration, on the first; written into
    its model.json."""
    from quotes.attribution.learned import Tagger

    taggers = {kind: Tagger(out / kind) for kind in KINDS}
    runs = [run_on_dev(read_gold(path), nlp, taggers, log) for path in dev_files]
    for kind in KINDS:
        # a who-said-what table needs a who: attributions without a speaker mention are dropped unless
        # keeping them is worth more than SPEAKER_TOLERANCE points of mean F1 on dev
        choices = {needs: choose_threshold(runs, kind, needs_speaker=needs) for needs in (False, True)}
        best = {needs: table[threshold] for needs, (threshold, table) in choices.items()}
        needs_speaker = best[True] >= best[False] - SPEAKER_TOLERANCE
        threshold, table = choices[needs_speaker]
        model_bins, rule_shares = calibration(runs[0], kind, threshold, needs_speaker=needs_speaker)
        settings = _settings(out / kind)
        settings.update(
            threshold=threshold,
            needs_speaker=needs_speaker,
            mean_f1={"any": round(100 * best[False], 2), "with a speaker": round(100 * best[True], 2)},
            threshold_f1={f"{t:.2f}": round(100 * f, 1) for t, f in table.items()},
            calibration=model_bins,
            rule_calibration=rule_shares if kind == "combined" else {},
            chosen_on=[path.name for path in dev_files],
        )
        write_settings(out / kind, settings)
        log(f"quotes train: {kind}: threshold {threshold:.2f} (mean all F1 {100 * table[threshold]:.1f} on dev)")
    return runs


def build(
    train_file: Path,
    out: Path,
    nlp: Language,
    dev_files: list[Path] = (),
    groups: Iterable[str] = GROUPS,
    log=log_to_stderr,
    params: dict | None = None,
) -> None:
    """``quotes train``: fit both taggers on ``train_file`` (``params``: python-crfsuite settings over
    ``PARAMS``); with ``dev_files``, choose their thresholds and calibration on them (dev selects, never
    fits)."""
    train(train_file, out, nlp, groups, log, params)
    if dev_files:
        choose_on_dev(out, list(dev_files), nlp, log)
