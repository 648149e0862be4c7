"""The hand checks' verdict files: a TSV of rows read by hand, whose verdicts survive re-runs.

Each check writes its rows with a ``verdict`` column; a row keeps the verdict it had when the columns
named by ``key`` are unchanged (a row whose speaker changed is judged again), and the figure counts
the judged rows.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path


def draw(rows: list[dict], size: int, place: tuple[str, ...] = ("article_id", "speaker_start")) -> list[dict]:
    """A reproducible sample: rows ordered by a hash of their place, so the draw stays put when
    extraction finds a row more or fewer elsewhere."""
    return sorted(rows, key=lambda r: hashlib.sha256(":".join(str(r[k]) for k in place).encode()).hexdigest())[:size]


def keep_verdicts(path: Path, rows: list[dict], fields: list[str], key: tuple[str, ...]) -> None:
    """Give ``rows`` the verdicts ``path`` holds for the same ``key``, then write them to ``path``."""
    verdicts = {}
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            verdicts = {tuple(r[k] for k in key): r["verdict"] for r in csv.DictReader(handle, delimiter="\t")}
    for row in rows:
        row["verdict"] = verdicts.get(tuple(row[k] for k in key), "")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def print_figure(path: Path, rows: list[dict], good: str, bad: str, what: str) -> None:
    """'hand check: 46/50 right (92.0%) in FILE' over the rows judged ``good`` or ``bad``."""
    judged = [r for r in rows if r["verdict"] in (good, bad)]
    if judged:
        count = sum(r["verdict"] == good for r in judged)
        print(f"hand check: {count}/{len(judged)} {what} ({100 * count / len(judged):.1f}%) in {path.name}")
