"""The engines give the same rows: this process, a local process pool, and a Dask cluster."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SEEDS

pytest.importorskip("distributed")


def _corpus(tmp_path, copies: int = 30):
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rows = [{"id": f"a{i}", "outlet": f"Wire {i % 3}", "text": texts[i % len(texts)]} for i in range(copies)]
    rows.insert(7, {"id": "empty", "text": ""})  # an error row keeps its place
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _extract(source, out, *options: str) -> list[dict]:
    command = [sys.executable, "-m", "quotes.cli", "extract", str(source), "-o", str(out), *options]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_dask_gives_the_same_rows_as_the_local_engines(tmp_path):
    source = _corpus(tmp_path)
    here = _extract(source, tmp_path / "here.jsonl", "--processes", "1")
    pooled = _extract(source, tmp_path / "pool.jsonl", "--processes", "2")
    dask = _extract(source, tmp_path / "dask.jsonl", "--engine", "dask", "--processes", "2")
    assert len(here) == 31 and any("error" in r for r in here)
    assert pooled == here
    assert dask == here


def test_a_scheduler_needs_the_dask_engine(tmp_path):
    command = [sys.executable, "-m", "quotes.cli", "extract", str(SEEDS), "--scheduler", "tcp://127.0.0.1:1"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and result.stderr.strip() == "quotes: error: --scheduler needs --engine dask"
