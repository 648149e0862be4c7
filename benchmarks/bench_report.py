"""Whole-process times of the report against the extraction it rests on, in the same run.

    python benchmarks/bench_report.py [--articles FILE] [--group-by COLUMN] [--runs N]

Runs each command as a user would, a fresh process each time (start-up, model loading and writing
included), ``--runs`` times (default 3), and prints the best wall time and the peak resident memory
of its largest process:

- ``quotes extract FILE -o OUT.jsonl`` (the baseline: every article's quotes and speakers);
- ``quotes report FILE --group-by COLUMN -o DIR`` (the same extraction, then a report per story);
- ``quotes report seeds/`` (a small run) and ``quotes --help`` (start-up alone).

Without ``--articles`` it uses the BASIL articles of ``../shared/eval`` grouped by ``event_id``, or the
seeds when that is absent. Prints the report's time over the extraction's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASIL = ROOT.parent / "shared" / "eval" / "basil-articles.jsonl"
QUOTES = [sys.executable, "-m", "quotes.cli"]


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (MB, its largest process) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return seconds, usage.ru_maxrss // 1024


def best(command: list[str], runs: int) -> tuple[float, int]:
    results = [timed(command) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=BASIL if BASIL.exists() else ROOT / "seeds")
    parser.add_argument("--group-by", default="event_id" if BASIL.exists() else None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        grouped = ["--group-by", args.group_by] if args.group_by else []
        rows = [
            ("quotes extract", [*QUOTES, "extract", str(args.articles), "-o", str(out / "q.jsonl")]),
            ("quotes report", [*QUOTES, "report", str(args.articles), *grouped, "-o", str(out / "report")]),
            ("quotes report seeds/", [*QUOTES, "report", "seeds/", "-o", str(out / "seeds")]),
            ("quotes --help", [*QUOTES, "--help"]),
        ]
        print(f"{args.articles.name}{' by ' + args.group_by if args.group_by else ''}, best of {args.runs}")
        print(f"{'command':<24} {'seconds':>8} {'peak MB':>8}")
        times = {}
        for name, command in rows:
            seconds, peak = best(command, args.runs)
            times[name] = seconds
            print(f"{name:<24} {seconds:>8.2f} {peak:>8,}")
    print(f"report / extract: {times['quotes report'] / times['quotes extract']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
