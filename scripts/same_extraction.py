"""Check that a change leaves extraction as it was: snapshot the quotes found on the shared files, then
compare two snapshots article by article.

    python scripts/same_extraction.py snapshot /tmp/before     # before the change
    python scripts/same_extraction.py snapshot /tmp/after      # after it
    python scripts/same_extraction.py compare /tmp/before /tmp/after

A snapshot is ``quotes extract FILE -o NAME.jsonl`` for PolNeAR train and dev, identity-dev and the
BASIL articles of ``../shared/eval``; ``compare`` prints the articles whose quotes differ and exits 1
if any do.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FILES = ["polnear-dev.jsonl", "polnear-train.jsonl", "identity-dev.jsonl", "basil-articles.jsonl"]


def snapshot(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        command = [sys.executable, "-m", "quotes.cli", "extract", str(EVAL / name), "-o", str(folder / name)]
        print("+", " ".join(command), file=sys.stderr)
        subprocess.run(command, check=True)


def _quotes(path: Path) -> dict[str, list]:
    records = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {r["id"]: r.get("quotes", []) for r in records}


def compare(before: Path, after: Path) -> int:
    changed = 0
    for name in FILES:
        old, new = _quotes(before / name), _quotes(after / name)
        differing = sorted(i for i in old.keys() | new.keys() if old.get(i) != new.get(i))
        changed += len(differing)
        print(f"{name}: {len(old)} articles, {len(differing)} with other quotes {differing[:10]}")
    return 1 if changed else 0


if __name__ == "__main__":
    command, *folders = sys.argv[1:]
    if command == "snapshot":
        snapshot(Path(folders[0]))
    else:
        sys.exit(compare(Path(folders[0]), Path(folders[1])))
