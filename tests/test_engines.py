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
    if out.suffix != ".jsonl":
        return []
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_dask_gives_the_same_rows_as_the_local_engines(tmp_path):
    source = _corpus(tmp_path)
    here = _extract(source, tmp_path / "here.jsonl", "--processes", "1")
    pooled = _extract(source, tmp_path / "pool.jsonl", "--processes", "2")
    parts = tmp_path / "parts"
    parts.mkdir()
    dask = _extract(source, tmp_path / "dask.jsonl", "--engine", "dask", "--processes", "2", "--partitions", str(parts))
    assert len(here) == 31 and any("error" in r for r in here)
    assert pooled == here
    assert dask == here
    assert not any(parts.iterdir())  # the workers' partitions are gone once read


def test_dask_tables_are_the_local_engines_byte_for_byte(tmp_path):
    """The quotes the workers write as Parquet come back with the local engine's values and types."""
    source = _corpus(tmp_path, copies=8)
    _extract(source, tmp_path / "local.csv", "--processes", "1")
    _extract(source, tmp_path / "dask.csv", "--engine", "dask", "--processes", "2")
    for table in ("", ".articles", ".speakers", ".media"):
        assert (tmp_path / f"dask{table}.csv").read_bytes() == (tmp_path / f"local{table}.csv").read_bytes()


@pytest.mark.parametrize("option, value", [("--scheduler", "tcp://127.0.0.1:1"), ("--partitions", ".")])
def test_dask_options_need_the_dask_engine(option, value):
    command = [sys.executable, "-m", "quotes.cli", "extract", str(SEEDS), option, value]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and result.stderr.strip() == f"quotes: error: {option} needs --engine dask"


def test_a_partitions_folder_that_does_not_exist_is_an_early_error(tmp_path):
    command = [sys.executable, "-m", "quotes.cli", "extract", str(SEEDS), "--engine", "dask"]
    result = subprocess.run([*command, "--partitions", str(tmp_path / "nowhere")], capture_output=True, text=True)
    assert result.returncode == 1 and "nowhere: no such folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_dask_keeps_its_debugging_logs_short():
    """Dask logs each task's message (its articles included) on the client, the scheduler and each worker;
    at Dask's default length of 1,000 those logs grew a run by about 16 MB per 1,000 articles."""
    import dask

    from quotes.engine import DASK_LOG_LENGTH, _dask_client

    setting = "distributed.admin.low-level-log-length"
    before = dask.config.get(setting)
    assert before > DASK_LOG_LENGTH  # else the test shows nothing
    with _dask_client(None, 1) as client:
        assert client.scheduler_comm.recent_message_log.maxlen == DASK_LOG_LENGTH
        on_scheduler = client.run_on_scheduler(
            lambda dask_scheduler: {b.recent_message_log.maxlen for b in dask_scheduler.stream_comms.values()}
        )
        assert on_scheduler == {DASK_LOG_LENGTH}
        on_workers = client.run(lambda dask_worker: dask_worker.state.stimulus_log.maxlen)
        assert set(on_workers.values()) == {DASK_LOG_LENGTH}
    assert dask.config.get(setting) == before  # the user's setting is back after the run
