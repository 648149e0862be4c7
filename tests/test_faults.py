"""Faults a user meets: a closed stdout, bad arguments, bad output paths, signals while writing.

Each ends with a one-line message, the right exit code and no temporary file left behind.
"""

from __future__ import annotations

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


def _leftovers(folder) -> list[str]:
    return [p.name for p in folder.rglob(".*")]


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


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 130)])
def test_a_signal_while_the_report_is_written_leaves_no_temporary_file(tmp_path, sig, code):
    out = tmp_path / "r"
    process = subprocess.Popen(
        [*QUOTES, "report", str(SEEDS), "-o", str(out), "--processes", "1"], stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 240
    while not (out.exists() and any(out.iterdir())) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)  # until the report starts being written
    process.send_signal(sig)
    returned = process.wait(timeout=120)
    error = process.stderr.read()
    if returned == 0:
        pytest.skip("the report was finished before the signal arrived")
    assert returned == code and "Traceback" not in error
    assert _leftovers(out) == []
