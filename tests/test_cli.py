"""The command line: outputs, exit codes and one-line messages for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from quotes import cli
from quotes.cli import main
from tests.conftest import SEEDS


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_extract_writes_the_chosen_format(tmp_path, capsys, suffix):
    out = tmp_path / f"quotes{suffix}"
    code, _, err = run(capsys, "extract", str(SEEDS), "-o", str(out), "--processes", "1")
    assert code == 0 and out.exists(), err
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    if suffix == ".jsonl":
        records = [json.loads(line) for line in out.read_text().splitlines()]
        quotes = [(r["id"], q) for r in records for q in r["quotes"]]
    else:
        frame = pd.read_csv(out) if suffix == ".csv" else pd.read_parquet(out)
        quotes = [
            (row["article_id"], {"text": row["content"], "start": row["start"], "end": row["end"]})
            for row in frame.to_dict("records")
        ]
        articles = tmp_path / f"quotes.articles{suffix}"
        assert articles.exists()
    assert len(quotes) >= 10
    for article_id, quote in quotes:  # every quote is verbatim
        assert texts[article_id][int(quote["start"]) : int(quote["end"])] == quote["text"]


def test_the_last_line_names_the_files_written(tmp_path, capsys):
    out = tmp_path / "quotes.csv"
    code, _, err = run(capsys, "extract", str(SEEDS), "-o", str(out), "--processes", "1")
    last = err.strip().splitlines()[-1]
    assert code == 0 and all(str(tmp_path / f"quotes{part}.csv") in last for part in ("", ".articles", ".speakers"))
    code, _, err = run(capsys, "report", str(SEEDS), "-o", str(tmp_path / "r"), "--processes", "1")
    last = err.strip().splitlines()[-1]
    tables = len({p.stem for p in (tmp_path / "r").glob("*.csv")})
    charts = len(list((tmp_path / "r").glob("*.png")))
    assert code == 0 and "report.md, report.html, quotes.jsonl" in last
    assert f"{charts} charts (PNG), {tables} tables (CSV and Parquet)" in last


def test_extract_summary_to_stdout(capsys):
    code, out, _ = run(capsys, "extract", str(SEEDS), "--processes", "1")
    assert code == 0 and "CBS News" in out and "U.S. Department of Defense" in out and "Mark T. Esper" in out


def test_batch_reports_a_bad_article_and_processes_the_rest(tmp_path, capsys):
    (tmp_path / "good.txt").write_text('"We will win," the coach said.', encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00binary")
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "extract", str(tmp_path), "-o", str(out), "--processes", "1")
    articles = pd.read_csv(tmp_path / "out.articles.csv")
    assert code == 0 and "skipped bad" in err
    assert sorted(articles["status"]) == ["error", "ok"] and len(pd.read_csv(out)) == 1


@pytest.mark.parametrize(
    "setup, args, message",
    [
        (lambda d: None, ["extract", "{d}/missing.txt"], "no such file"),
        (lambda d: (d / "a.docx").write_bytes(b"PK"), ["extract", "{d}/a.docx"], "unknown file type"),
        (lambda d: (d / "e.txt").write_text(""), ["extract", "{d}/e.txt"], "no article could be processed"),
        (
            lambda d: (d / "a.txt").write_text("Hi."),
            ["extract", "{d}/a.txt", "-o", "{d}/x.xlsx"],
            "unknown output type",
        ),
        (
            lambda d: (d / "a.txt").write_text("Hi."),
            ["extract", "{d}/a.txt", "--model", "no_such_model_x"],
            "is not installed",
        ),
        (
            lambda d: (d / "a.txt").write_text("Hi."),
            ["extract", "{d}/a.txt", "--manifest", "{d}/none.csv"],
            "manifest not found",
        ),
        (lambda d: (d / "g.jsonl").write_text("{bad"), ["eval", "{d}/g.jsonl"], "malformed JSON"),
        (
            lambda d: (d / "a.txt").write_text("Hi."),
            ["extract", "{d}/a.txt", "--speakers", "{d}/none.txt"],
            "no such speakers file",
        ),
        (
            lambda d: (d / "s.txt").write_text("# fine\nTrump -> Donald Trump, person\nTrump = Donald\n"),
            ["extract", "{d}/s.txt", "--speakers", "{d}/s.txt"],
            "s.txt:3: write 'MENTION -> NAME, KIND'",
        ),
        (
            lambda d: (d / "s.txt").write_text("Trump -> Donald Trump, martian\n"),
            ["report", "{d}/s.txt", "--speakers", "{d}/s.txt"],
            "unknown kind 'martian'",
        ),
    ],
)
def test_bad_input_is_one_line_and_non_zero(tmp_path, capsys, setup, args, message):
    setup(tmp_path)
    code, _, err = run(capsys, *[a.format(d=tmp_path) for a in args])
    assert code != 0 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_console_script_reports_errors_without_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "quotes.cli", "extract", str(tmp_path / "nope.txt")], capture_output=True, text=True
    )
    assert result.returncode == 1 and "no such file" in result.stderr and "Traceback" not in result.stderr


def test_eval_on_predictions_file(tmp_path, capsys):
    text = '"We will win," the coach said.'
    gold = {
        "id": "a",
        "text": text,
        "quotes": [
            {
                "text": '"We will win,"',
                "start": 0,
                "end": 14,
                "speaker": "the coach",
                "speaker_start": 15,
                "speaker_end": 24,
                "cue": "said",
                "cue_start": 25,
                "cue_end": 29,
            }
        ],
    }
    (tmp_path / "g.jsonl").write_text(json.dumps(gold))
    (tmp_path / "p.jsonl").write_text(json.dumps({"id": "a", "quotes": gold["quotes"]}))
    code, out, _ = run(capsys, "eval", str(tmp_path / "g.jsonl"), "--pred", str(tmp_path / "p.jsonl"), "--json")
    rows = json.loads(out)
    assert code == 0 and all(r["f1"] == 100.0 and r["speaker_accuracy"] == 100.0 for r in rows)


def test_a_speakers_file_corrects_every_table(tmp_path, capsys):
    speakers = tmp_path / "speakers.txt"
    speakers.write_text(
        "# the seeds' 'the department statement' is the Pentagon's; Esper without his middle initial\n"
        "the department statement -> U.S. Department of Defense, government\n"
        "Mark T. Esper -> Mark Esper, person\n",
        encoding="utf-8",
    )
    out = tmp_path / "q.csv"
    code, _, err = run(capsys, "extract", str(SEEDS), "-o", str(out), "--processes", "1", "--speakers", str(speakers))
    assert code == 0, err
    quotes = pd.read_csv(out)
    statement = quotes[quotes["speaker"] == "the department statement"]
    assert len(statement) and set(statement["speaker_resolution"]) == {"user"}
    assert set(statement["speaker_confidence"]) == {1.0}
    assert set(
        quotes.loc[quotes["speaker"].isin(["Esper", "Secretary of Defense Dr. Mark T. Esper"]), "speaker_id"]
    ) == {"mark-esper"}
    assert "Mark Esper" in set(pd.read_csv(tmp_path / "q.speakers.csv")["speaker_name"])


def test_standoff_jsonl_is_strict_json(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text('It rained.\n\n"We will be back," he said.\n\nMayor Ann Lee said the roads were safe.\n')
    out = tmp_path / "q.jsonl"
    code, _, err = run(capsys, "extract", str(article), "-o", str(out), "--processes", "1")
    assert code == 0, err
    # a missing value is null, never NaN (which JSON parsers other than Python's reject)
    [record] = [json.loads(line, parse_constant=pytest.fail) for line in out.read_text().splitlines()]
    unknown = [q for q in record["quotes"] if q["speaker_kind"] == "unknown"]
    assert unknown and all(q["speaker_name"] is None and q["speaker_id"] is None for q in unknown)


def test_progress_off_a_terminal_prints_counts_with_total_and_time_left(monkeypatch, capsys):
    monkeypatch.setattr(cli, "PROGRESS_EVERY", 2)
    assert list(cli._progress(range(5), total=5)) == [0, 1, 2, 3, 4]
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" (")[0] for line in lines] == ["quotes: 2/5 articles", "quotes: 4/5 articles"]
    assert all("left" in line for line in lines)
    list(cli._progress(range(2), total=None))  # no total: counts alone, never a division by zero
    assert capsys.readouterr().err == "quotes: 2 articles, 0s\n"


def test_inputs_are_counted_before_the_run(tmp_path):
    from quotes.read import count_articles

    (tmp_path / "a.jsonl").write_text('{"id": 1, "text": "x"}\n\n{"id": 2, "text": "y"}\n', encoding="utf-8")
    (tmp_path / "b.csv").write_text('id,text\n1,"two\nlines"\n2,z\n', encoding="utf-8")
    assert count_articles([SEEDS]) == 2
    assert count_articles([tmp_path / "a.jsonl", tmp_path / "b.csv", SEEDS]) == 6


def _identity_gold(tmp_path, docs: list[tuple[str, str, list[dict]]]) -> str:
    lines = [json.dumps({"id": i, "text": t, "quotes": q}) for i, t, q in docs]
    path = tmp_path / "identity.jsonl"
    path.write_text("\n".join(lines + [json.dumps({"aliases": {}})]))
    return str(path)


def test_eval_gives_identity_figures_by_part(tmp_path, capsys):
    quote = {"start": 1, "end": 13, "speaker": "Ann Roe", "speaker_kind": "person", "type": "direct"}
    docs = [(n, '"We will win," Ann Roe said.', [dict(quote, text='"We will win,"'[1:13])]) for n in "abc"]
    gold = _identity_gold(tmp_path, docs)
    predicted = {"start": 0, "end": 14, "speaker_name": "Ann Roe", "speaker_id": "ann-roe"}
    wrong = dict(predicted, speaker_name="Bob Roe", speaker_id="bob-roe")
    (tmp_path / "p.jsonl").write_text(
        "\n".join(json.dumps({"id": n, "quotes": [wrong if n == "c" else predicted]}) for n in "abc")
    )
    code, out, _ = run(capsys, "eval", gold, "--pred", str(tmp_path / "p.jsonl"), "--parts", "2")
    assert code == 0
    assert "| first 2 | 2 | 2 | 100.0 | 100.0 | 100.0 |" in out
    assert "| the rest | 1 | 1 | 100.0 | 0.0 | 0.0 |" in out


def test_eval_rejects_predictions_without_ids(tmp_path, capsys):
    (tmp_path / "g.jsonl").write_text(json.dumps({"id": "a", "text": "x", "quotes": []}))
    (tmp_path / "p.jsonl").write_text(json.dumps({"quotes": []}))
    code, _, err = run(capsys, "eval", str(tmp_path / "g.jsonl"), "--pred", str(tmp_path / "p.jsonl"))
    assert code != 0 and "needs an 'id'" in err and "Traceback" not in err


def test_explain_prints_how_each_quote_got_its_speaker(tmp_path, capsys):
    (tmp_path / "one.txt").write_text('Harold Finch arrived. "We will win," Finch said.\n', encoding="utf-8")
    (tmp_path / "two.txt").write_text('"It was close," said Harold Finch, the coach.\n', encoding="utf-8")
    code, out, _ = run(capsys, "explain", str(tmp_path), "--quote", "one:0")
    assert code == 0
    assert "mention: 'Finch'" in out and "-> 'Harold Finch'" in out and "speaker_id harold-finch" in out
    code, _, err = run(capsys, "explain", str(tmp_path), "--quote", "nothing")
    assert code != 0 and "no article of that id" in err
