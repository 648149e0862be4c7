"""Throughput and peak memory of whole runs as the corpus grows: 1k, 3k and 10k articles.

    python benchmarks/bench_scale.py [--sizes 1000 3000 10000] [--engine local|dask] [--processes 2]

The corpus is the articles of ../shared/eval (BASIL, PolNeAR dev and train, identity-dev) repeated
with unique ids, written to a temporary folder (deleted after; nothing is copied into the
repository). Each size runs `quotes extract CORPUS -o OUT.jsonl` as its own process; peak RSS is the
largest sum of resident memory over the process and all its children, sampled every 0.2 s from /proc.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
SOURCES = ["basil-articles.jsonl", "polnear-dev.jsonl", "polnear-train.jsonl", "identity-dev.jsonl"]


def corpus(path: Path, size: int) -> None:
    texts = []
    for name in SOURCES:
        for line in (EVAL / name).open(encoding="utf-8"):
            row = json.loads(line)
            if isinstance(row.get("text"), str) and row["text"].strip():
                texts.append({"outlet": row.get("outlet") or "unknown", "text": row["text"]})
    with path.open("w", encoding="utf-8") as out:
        for number in range(size):
            out.write(json.dumps({"id": f"doc{number}", **texts[number % len(texts)]}) + "\n")


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(c) for c in handle.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def measure(source: Path, out: Path, engine: str, processes: int) -> tuple[float, int, int]:
    command = [sys.executable, "-m", "quotes.cli", "extract", str(source), "-o", str(out)]
    command += ["--engine", engine, "--processes", str(processes)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"bench_scale: the run failed: {process.stderr.read()[-2000:]}")
    rows = sum(1 for _ in out.open(encoding="utf-8"))
    return elapsed, peak, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    if not EVAL.exists():
        print(f"bench_scale: needs {EVAL}", file=sys.stderr)
        return 1
    print(f"engine {args.engine}, {args.processes} processes")
    print("| articles | seconds | articles/s | peak RSS (MB) | rows written |")
    print("| --- | --- | --- | --- | --- |")
    peaks = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            source = Path(folder) / f"corpus{size}.jsonl"
            corpus(source, size)
            elapsed, peak, rows = measure(source, Path(folder) / "out.jsonl", args.engine, args.processes)
            peaks[size] = peak
            print(f"| {size:,} | {elapsed:.0f} | {size / elapsed:.1f} | {peak / 2**20:,.0f} | {rows:,} |", flush=True)
    first, last = min(peaks), max(peaks)
    print(f"\npeak RSS at {last:,} / at {first:,}: {peaks[last] / peaks[first]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
