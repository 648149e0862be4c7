"""The learned attribution taggers, measured: cross-validation on PolNeAR train and an ablation on dev.

    python benchmarks/attribution_model.py cv --work /tmp/attribution        # 3-fold CV on train
    python benchmarks/attribution_model.py ablation --work /tmp/attribution  # dev, one group left out at a time
    python benchmarks/attribution_model.py reliability [--attribution MODE]  # confidence bands on both dev files

``cv`` fits both taggers on two thirds of PolNeAR train (articles by position, 0/1/2 mod 3) and scores
rules, model and combined on the third left out, with the thresholds and calibration the shipped taggers
chose on dev; the three folds' predictions are pooled and scored as one table (an estimate of unseen
text). ``ablation`` fits the combined tagger without each feature group on all of train and scores it
on dev with its threshold chosen on dev. Featurised train is cached in ``--work/checkpoint`` (from
``quotes train``'s own checkpoint when ``--work`` is its output folder). Tables go to stdout as markdown.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from quotes.attribution.features import GROUPS, RULE_GROUP
from quotes.attribution.learned import Tagger, packaged_model
from quotes.evaluate import score
from quotes.nlp import load_model
from quotes.training import (
    KINDS,
    PARAMS,
    choose_threshold,
    featurise,
    fit_all,
    groups_of,
    predictions_at,
    read_gold,
    run_on_dev,
)

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def _row(name: str, predictions: dict, gold: list[dict]) -> str:
    cells = []
    for s in score(gold, predictions):
        cells.append(f"{100 * s.precision:.1f} / {100 * s.recall:.1f} / {100 * s.f1:.1f}")
        if s.track == "all" and s.tau == 0.3:
            speaker = f"{100 * s.speaker_accuracy:.1f}"
    return f"| {name} | " + " | ".join(cells) + f" | {speaker} |"


HEADER = (
    "| attribution | direct 0.3 P / R / F1 | direct 0.8 | all 0.3 | all 0.8 | speaker acc (all 0.3) |\n"
    "| --- | --- | --- | --- | --- | --- |"
)


def _shipped(kind: str) -> dict:
    return json.loads((packaged_model() / kind / "model.json").read_text(encoding="utf-8"))


def cross_validate(work: Path, folds: int = 3) -> None:
    nlp = load_model()
    records = read_gold(EVAL / "polnear-train.jsonl")
    data = featurise(records, nlp, work / "checkpoint" / "polnear-train")
    fold_of = {r["id"]: n % folds for n, r in enumerate(records)}
    jobs = []
    for k in range(folds):
        rest = [s for s in data if fold_of[s.article] != k]
        for kind in KINDS:
            settings = _shipped(kind) | {"groups": groups_of(kind), "params": PARAMS, "fold": k}
            folder = work / "cv" / f"fold{k}" / kind
            folder.mkdir(parents=True, exist_ok=True)
            jobs.append((rest, folder, settings))
    fit_all([j for j in jobs if not (j[1] / "model.json").exists()])
    pooled: dict[str, dict] = {"rules": {}, "model": {}, "combined": {}}
    for k in range(folds):
        held_out = [r for r in records if fold_of[r["id"]] == k]
        taggers = {kind: Tagger(work / "cv" / f"fold{k}" / kind) for kind in KINDS}
        run = run_on_dev(held_out, nlp, taggers)
        pooled["rules"] |= predictions_at(run, "combined", 2.0)  # above any confidence: the rules alone
        for kind in KINDS:
            pooled[kind] |= predictions_at(run, kind, taggers[kind].threshold)
    print(f"PolNeAR train, {folds}-fold cross-validation ({len(records)} articles, pooled):\n\n{HEADER}")
    for name, predictions in pooled.items():
        print(_row(name, predictions, records))


def ablation(work: Path) -> None:
    nlp = load_model()
    train = read_gold(EVAL / "polnear-train.jsonl")
    dev = read_gold(EVAL / "polnear-dev.jsonl")
    data = featurise(train, nlp, work / "checkpoint" / "polnear-train")
    variants = {"combined, all groups": groups_of("combined")}
    for group in GROUPS:  # without the rules group it is the model-only tagger, scored below
        variants[f"combined without {group}"] = [g for g in groups_of("combined") if g != group]
    jobs = []
    for name, groups in variants.items():
        folder = work / "ablation" / name.replace(" ", "_").replace(",", "")
        if not (folder / "model.json").exists():
            folder.mkdir(parents=True, exist_ok=True)
            jobs.append((data, folder, {"groups": groups, "params": PARAMS}))
    fit_all(jobs)
    taggers = {name: Tagger(work / "ablation" / name.replace(" ", "_").replace(",", "")) for name in variants}
    taggers["model"] = Tagger(packaged_model() / "model")
    run = run_on_dev(dev, nlp, taggers)
    print(f"PolNeAR dev ({len(dev)} articles), each tagger's threshold chosen on dev:\n\n{HEADER}")
    print(_row("rules only", predictions_at(run, "model", 2.0, with_rules=True), dev))
    for name, tagger in taggers.items():
        reads_rules = RULE_GROUP in tagger.groups  # such a tagger adds to the rules; the others stand alone
        threshold, _ = choose_threshold([run], name, with_rules=reads_rules)
        label = "model only (no rules group)" if name == "model" else name
        print(_row(f"{label}, threshold {threshold:.2f}", predictions_at(run, name, threshold, reads_rules), dev))


def reliability(mode: str) -> None:
    """Of a run's attributions in each confidence band, how many match a gold one (TAU 0.3)."""
    from quotes.evaluate import gold_article, match, merge_continuations
    from quotes.extract import extract_all
    from quotes.tables import Tables

    print(
        "| confidence | "
        + " | ".join(f"{name}: attributions, right" for name in ("PolNeAR dev", "identity-dev"))
        + " |"
    )
    print("| --- | --- | --- |")
    bands: dict[str, dict[int, list[int]]] = {}
    for name in ("polnear-dev.jsonl", "identity-dev.jsonl"):
        gold = read_gold(EVAL / name)
        records = Tables(extract_all((gold_article(d) for d in gold), attribution=mode)).standoff
        predicted = {r["id"]: merge_continuations(r["quotes"]) for r in records}
        counts = bands.setdefault(name, {})
        for doc in gold:
            quotes = predicted[doc["id"]]
            right = {p for _, p in match(doc["text"], doc.get("quotes") or [], quotes, 0.3)}
            for i, quote in enumerate(quotes):
                band = counts.setdefault(min(9, int(quote["confidence"] * 10)), [0, 0])
                band[0] += 1
                band[1] += i in right
    for band in sorted({b for counts in bands.values() for b in counts}):
        cells = []
        for counts in bands.values():
            n, right = counts.get(band, [0, 0])
            cells.append(f"{n}, {100 * right / n:.0f}%" if n else "0")
        print(f"| {band / 10:.1f}-{(band + 1) / 10:.1f} | " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["cv", "ablation", "reliability"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/attribution-bench"))
    parser.add_argument("--fresh", action="store_true", help="remove --work's fitted taggers first")
    parser.add_argument("--attribution", default="rules", help="for reliability: the mode to run (default rules)")
    args = parser.parse_args(argv)
    if args.fresh:
        shutil.rmtree(args.work / args.what, ignore_errors=True)
    if args.what == "reliability":
        reliability(args.attribution)
    else:
        (cross_validate if args.what == "cv" else ablation)(args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
