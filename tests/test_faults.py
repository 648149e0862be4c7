"""Faults a user meets: a closed stdout, bad arguments, bad output paths, signals while writing.

Each ends with a one-line message, the right exit code and no temporary file left behind.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import SEEDS

QUOTES = [sys.executable, "-m", "quotes.cli"]


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*QUOTES, *args], capture_output=True, text=True, timeout=300, **kwargs)


def test_a_closed_stdout_ends_quietly():
    pipe = subprocess.Popen(
        [*QUOTES, "extract", str(SEEDS), "--processes", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    pipe.stdout.readline()  # read one line, then go away like `| head -1`
    pipe.stdout.close()
    error = pipe.stderr.read().decode()
    assert pipe.wait(timeout=300) == 0
    assert "Traceback" not in error and "BrokenPipe" not in error


@pytest.mark.parametrize(
    "args, message",
    [
        (["--processes", "0"], "--processes: 0: give 1 or more"),
        (["--processes", "-3"], "--processes: -3: give 1 or more"),
        (["--processes", "two"], "--processes: 'two' is not a whole number"),
    ],
)
def test_bad_worker_counts_are_refused(args, message):
    result = _run("extract", str(SEEDS), *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_help_and_version_answer_without_loading_the_model():
    probe = "import sys, quotes.cli; quotes.cli.build_parser(); print('spacy' in sys.modules, 'pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.split() == [
        "False",
        "False",
    ]
    result = _run("--version")
    assert result.returncode == 0 and result.stdout.startswith("quotes ")


def test_a_mistyped_second_path_fails_before_any_work(tmp_path):
    # the model is never loaded: an unknown --model would fail first otherwise
    result = _run("extract", str(SEEDS), str(tmp_path / "nope"), "--model", "no_such_model")
    assert result.returncode == 1
    assert result.stderr.strip() == f"quotes: error: {tmp_path / 'nope'}: no such file or folder"


def test_an_output_path_that_is_a_folder_is_refused_before_any_work(tmp_path):
    (tmp_path / "out.csv").mkdir()
    result = _run("extract", str(SEEDS), "-o", str(tmp_path / "out.csv"), "--model", "no_such_model")
    assert result.returncode == 1 and "is a folder" in result.stderr and len(result.stderr.splitlines()) == 1
    (tmp_path / "file").write_text("x")
    result = _run("report", str(SEEDS), "-o", str(tmp_path / "file"), "--model", "no_such_model")
    assert result.returncode == 1 and "exists and is not a folder" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_output_folder_is_refused_before_any_work(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    result = _run("report", str(SEEDS), "-o", str(locked / "r"), "--model", "no_such_model")
    assert result.returncode == 1 and "permission denied" in result.stderr


def test_outputs_get_the_users_umask(tmp_path):
    result = _run("extract", str(SEEDS), "-o", str(tmp_path / "q.csv"), "--processes", "1")
    assert result.returncode == 0
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "q.csv").stat().st_mode & 0o777 == 0o666 & ~mask


def _being_written(folder) -> bool:
    return any(p.name.startswith(".r.new-") and any(p.iterdir()) for p in folder.iterdir() if p.is_dir())


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 130)])
def test_a_signal_while_the_report_is_written_leaves_the_previous_report_and_nothing_else(tmp_path, sig, code):
    out = tmp_path / "r"
    out.mkdir()
    (out / "report.md").write_text("the previous report")
    process = subprocess.Popen(
        [*QUOTES, "report", str(SEEDS), "-o", str(out), "--processes", "1"], stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 240
    while not _being_written(tmp_path) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)  # until the new report starts being written
    process.send_signal(sig)
    returned = process.wait(timeout=120)
    error = process.stderr.read()
    if returned == 0:
        pytest.skip("the report was finished before the signal arrived")
    assert returned == code and "Traceback" not in error
    assert [p.name for p in tmp_path.iterdir()] == ["r"]  # no temporary folder or file left
    assert [p.name for p in out.iterdir()] == ["report.md"]
    assert (out / "report.md").read_text() == "the previous report"


def _corpus(tmp_path, copies: int):
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rows = [{"id": f"a{i}", "outlet": "Wire", "text": texts[i % len(texts)]} for i in range(copies)]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as handle:
            found += [int(c) for c in handle.read().split()]
    return found


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc to find the workers")
def test_a_killed_worker_is_survived_and_every_article_accounted_for(tmp_path):
    source = _corpus(tmp_path, 400)
    out = tmp_path / "q.jsonl"
    process = subprocess.Popen(
        [*QUOTES, "extract", str(source), "-o", str(out), "--processes", "2"], stderr=subprocess.PIPE, text=True
    )
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and time.monotonic() < deadline and process.poll() is None:
        if len(_children(process.pid)) >= 2:
            time.sleep(5)  # the workers have loaded the model and are working
            for worker in _children(process.pid):
                try:
                    os.kill(worker, signal.SIGKILL)
                except ProcessLookupError:
                    continue
                killed = worker
                break
        time.sleep(0.1)
    error = process.stderr.read()
    assert process.wait(timeout=300) == 0, error
    if killed is None:
        pytest.skip("the run ended before a worker could be killed")
    assert "a worker process died; retrying" in error and "Traceback" not in error
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [f"a{i}" for i in range(400)]  # every article, in order
    assert not [r for r in records if "error" in r]  # the retried ones came back whole


def _slow_start(*args):
    """A worker start-up of 2 s (a slow disk, a loaded machine) before the real one."""
    import time

    from quotes import engine

    time.sleep(2)
    engine._REAL_INIT(*args)


def test_a_workers_start_up_is_no_articles_time(monkeypatch):
    """The pool waits for its workers (at the start and after a runaway article) before the clock runs."""
    from quotes import engine
    from quotes.extract import extract_all
    from quotes.standoff import Article

    monkeypatch.setattr(engine, "_REAL_INIT", engine._init_worker, raising=False)
    monkeypatch.setattr(engine, "_init_worker", _slow_start)  # forked workers run the patched one
    short = (SEEDS / "000_b8e988f573ab2168.txt").read_text(encoding="utf-8")
    items = [Article("s1", short), Article("long", short * 300), Article("s2", short)]
    results = list(extract_all(items, processes=2, timeout=1.5))
    assert [r.error is None for r in results] == [True, False, True]


def test_an_article_over_the_time_limit_is_an_error_row_and_the_rest_go_on(tmp_path):
    from quotes.extract import extract_all
    from quotes.standoff import Article

    short = (SEEDS / "000_b8e988f573ab2168.txt").read_text(encoding="utf-8")
    long = short * 300  # about 600,000 characters: well over a second
    items = [Article("s1", short), Article("long", long), Article("s2", short)]
    for processes in (1, 2):
        results = list(extract_all(items, processes=processes, timeout=1.5))
        assert [r.article.id for r in results] == ["s1", "long", "s2"]
        assert results[1].error and "stopped after 1.5 s" in results[1].error
        assert results[0].error is None and results[2].error is None and results[2].quotes
