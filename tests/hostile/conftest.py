"""Helpers for the hostile-input suite: run the command in this process, and snapshot a folder."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from quotes.cli import main


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links not followed) and a hash of its bytes: what a run may not change."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            out[str(path.relative_to(folder))] = "link" if path.is_symlink() else "folder"
        else:
            out[str(path.relative_to(folder))] = hashlib.sha1(path.read_bytes()).hexdigest()
    return out


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def article(n: int, **fields) -> dict:
    """A short invented article with one quote of a named speaker."""
    return {
        "id": f"a{n}",
        "text": f'The council met on Monday. "We will fix road {n} this year," Mayor Ann Lee said.\n',
        "outlet": "Daily Ledger",
        **fields,
    }


@pytest.fixture
def quotes_cli(capsys):
    """run(*args) -> (exit code, stdout, stderr) of the ``quotes`` command, run in this process."""

    def run(*args: str):
        code = main([*map(str, args), "--processes", "1"])
        out, err = capsys.readouterr()
        return code, out, err

    return run
