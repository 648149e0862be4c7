"""Running the per-article step over a stream of articles: in this process, in a pool of worker
processes on this machine, or on a Dask cluster (``run_dask``). Results come back in input order,
with at most a few articles per worker in flight (memory stays flat however long the stream).

Faults end as ``error`` rows, never as a stalled or lost batch:

- an article that runs longer than ``timeout`` seconds is stopped (its worker is killed and the pool
  started afresh) and reported;
- a worker that dies (killed, out of memory, crashed) breaks the pool: every article that was in
  flight is retried once, alone in a fresh worker, so that only the one that kills its worker again
  is reported.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from quotes.standoff import Article, ArticleError

ARTICLE_TIMEOUT = 900.0  # seconds; a 5 MB transcript takes about 200 s on one core
IN_FLIGHT_PER_WORKER = 4

_WORKER_NLP = None
_WORKER_PROFILE = False
# How attributions are found: rules, model or combined (``attribution.combine.MODES``), or (that, the
# least confidence a quote keeps).
Choice = str | tuple[str, float]
_WORKER_ATTRIBUTION: Choice = "rules"


def default_processes() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _init_worker(model: str | None, profile: bool = False, attribution: Choice = "rules") -> None:
    global _WORKER_NLP, _WORKER_PROFILE, _WORKER_ATTRIBUTION
    from quotes.nlp import load_model

    if multiprocessing.parent_process() is not None:  # a pool worker: the parent handles signals
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_NLP = load_model(model)
    _WORKER_PROFILE = profile
    _WORKER_ATTRIBUTION = attribution
    mode = attribution if isinstance(attribution, str) else attribution[0]
    if mode != "rules":  # the tagger too is loaded before the first article, not in its time
        from quotes.attribution.learned import tagger

        tagger(mode)


def _ready() -> int:
    """A task that only says which worker ran it, once that worker has started (``_init_worker`` run);
    it takes a moment, so that the tasks of a batch spread over the workers."""
    time.sleep(0.05)
    return os.getpid()


def _work(item: Article | ArticleError):
    """The per-article step in a worker (or here): one article in, its result out, errors caught."""
    from quotes.extract import ArticleResult, analyse_article
    from quotes.wording import profile_article

    if isinstance(item, ArticleError):
        return ArticleResult(item, error=item.error)
    try:
        mode, floor = (_WORKER_ATTRIBUTION, 0.0) if isinstance(_WORKER_ATTRIBUTION, str) else _WORKER_ATTRIBUTION
        result = analyse_article(item, _WORKER_NLP, attribution=mode, min_confidence=floor)
        if _WORKER_PROFILE:
            result.profile = profile_article(item, result.quotes)
        return result
    except _Timeout:
        raise
    except Exception as error:  # one bad article never sinks a batch
        return ArticleResult(item, error=f"extraction failed: {type(error).__name__}: {error}")


def _failed(item: Article | ArticleError, reason: str):
    from quotes.extract import ArticleResult

    return ArticleResult(item, error=reason)


def _too_long(timeout: float) -> str:
    return f"stopped after {timeout:g} s (--article-timeout); the article may be too long or pathological"


class _Timeout(Exception):
    pass


def _alarm(signum, frame) -> None:
    raise _Timeout


def run_here(
    items: Iterable,
    model: str | None,
    profile: bool,
    timeout: float | None,
    attribution: Choice = "rules",
) -> Iterator:
    """Each article in this process, in order; the timeout by an interval timer (main thread only)."""
    _init_worker(model, profile, attribution)
    timed = bool(timeout) and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    previous = signal.signal(signal.SIGALRM, _alarm) if timed else None
    try:
        for item in items:
            if not timed:
                yield _work(item)
                continue
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                result = _work(item)
            except _Timeout:
                result = _failed(item, _too_long(timeout))
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            yield result
    finally:
        if timed:
            signal.signal(signal.SIGALRM, previous)


class _Pool:
    """A process pool that can be thrown away and started afresh."""

    def __init__(self, processes: int, model: str | None, profile: bool, attribution: Choice = "rules") -> None:
        self.processes, self.initargs = processes, (model, profile, attribution)
        self.context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.executor = self._start(processes)

    def _start(self, processes: int) -> ProcessPoolExecutor:
        """A pool of ``processes`` workers, returned once all have loaded the model: a worker's start-up
        is no article's time (``timeout`` counts from when the oldest article is waited for)."""
        executor = ProcessPoolExecutor(processes, self.context, initializer=_init_worker, initargs=self.initargs)
        started: set[int] = set()
        try:
            for _ in range(20):  # batches until every worker has answered (a few, in practice)
                started.update(f.result() for f in [executor.submit(_ready) for _ in range(processes)])
                if len(started) >= processes:
                    break
        except BrokenProcessPool:
            pass  # a worker that cannot start: the first article's submit reports the broken pool
        return executor

    def submit(self, item):
        return self.executor.submit(_work, item)

    def restart(self) -> None:
        """Kill the workers (a runaway article, a broken pool) and start new ones."""
        self.kill()
        self.executor = self._start(self.processes)

    def kill(self) -> None:
        _kill(self.executor)

    def alone(self, item, timeout: float | None):
        """``item`` in a fresh single worker: its result, or why it could not give one."""
        executor = self._start(1)
        try:
            return executor.submit(_work, item).result(timeout=timeout or None)
        except FutureTimeout:
            return _failed(item, _too_long(timeout))
        except BrokenProcessPool:
            return _failed(item, "its worker process died twice (killed, out of memory or crashed)")
        finally:
            _kill(executor)


def _kill(executor: ProcessPoolExecutor) -> None:
    """Stop ``executor`` now: its workers are killed (a running task cannot be cancelled otherwise)."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        if process.is_alive():
            process.kill()
    executor.shutdown(wait=False, cancel_futures=True)


def run_pooled(
    items: Iterable,
    processes: int,
    model: str | None,
    profile: bool,
    timeout: float | None,
    attribution: Choice = "rules",
) -> Iterator:
    """Each article in a pool of ``processes`` workers, results in input order."""
    pool = _Pool(processes, model, profile, attribution)
    stream = iter(items)
    pending: deque = deque()  # [item, future]
    head_since = time.monotonic()  # when the oldest article became the one waited for

    def fill() -> None:
        while len(pending) < processes * IN_FLIGHT_PER_WORKER:
            item = next(stream, None)
            if item is None:
                return
            pending.append([item, pool.submit(item)])

    try:
        fill()
        while pending:
            item, future = pending[0]
            left = None if not timeout else max(0.0, timeout - (time.monotonic() - head_since))
            try:
                result = future.result(timeout=left)
            except FutureTimeout:
                # the oldest article has run for ``timeout`` s: stop it, start afresh, resubmit the rest
                pool.restart()  # returns once the fresh workers are ready
                for entry in list(pending)[1:]:
                    entry[1] = pool.submit(entry[0])
                result = _failed(item, _too_long(timeout))
            except BrokenProcessPool:
                # a worker died; any article in flight may have killed it: those without a result are
                # retried alone (the ones that finished before the break keep theirs)
                entries = list(pending)
                pending.clear()
                unfinished = [e for e in entries if e[1].cancelled() or not e[1].done() or e[1].exception()]
                print(
                    f"quotes: a worker process died; retrying its {len(unfinished)} articles one by one",
                    file=sys.stderr,
                )
                pool.restart()
                for entry in entries:
                    yield pool.alone(entry[0], timeout) if any(e is entry for e in unfinished) else entry[1].result()
                head_since = time.monotonic()
                fill()
                continue
            pending.popleft()
            head_since = time.monotonic()
            fill()
            yield result
    finally:
        pool.kill()


# --- Dask -----------------------------------------------------------------------------------------

DASK_PARTITION = 25  # articles per Dask task: the model is loaded once per worker, not per task
# Dask keeps its last N messages and task events (``distributed.admin.low-level-log-length``, default
# 1,000) for debugging, on the client, the scheduler and each worker. A task's message holds its
# partition's articles, so at the default these logs grow a run by about 16 MB per 1,000 articles
# (until 25,000 articles have passed); at 50 they hold about 1,250 articles.
DASK_LOG_LENGTH = 50
_DASK_MODEL: tuple | None = None


def dask_partition(
    items: list,
    model: str | None,
    profile: bool,
    folder: str,
    number: int,
    attribution: Choice = "rules",
):
    """The per-article step over one partition, on a Dask worker (the model loaded once per worker);
    the quote rows and standoff lines are written to ``folder`` (``tables.write_partition``)."""
    global _DASK_MODEL, _WORKER_NLP, _WORKER_PROFILE, _WORKER_ATTRIBUTION
    from quotes.nlp import load_model
    from quotes.tables import write_partition

    if _DASK_MODEL != (model, profile, attribution):
        _WORKER_NLP, _WORKER_PROFILE, _WORKER_ATTRIBUTION = load_model(model), profile, attribution
        _DASK_MODEL = (model, profile, attribution)
    return write_partition([_work(item) for item in items], folder, number, keep_texts=profile)


@contextmanager
def _dask_client(scheduler: str | None, workers: int | None) -> Iterator:
    """A Dask client of the cluster at ``scheduler``, else of a local cluster of ``workers`` processes
    (closed on exit), with Dask's debugging logs kept short (``DASK_LOG_LENGTH``)."""
    import dask
    from dask.distributed import Client, LocalCluster

    with dask.config.set({"distributed.admin.low-level-log-length": DASK_LOG_LENGTH}):
        if scheduler:
            with Client(scheduler) as client:
                yield client
        else:
            n_workers = workers or default_processes()
            with (
                LocalCluster(
                    n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
                yield client


def run_dask(
    items: Iterable,
    model: str | None,
    profile: bool,
    scheduler: str | None = None,
    workers: int | None = None,
    partitions: str | None = None,
    attribution: Choice = "rules",
) -> Iterator:
    """Each article on a Dask cluster, in input order: the cluster at ``scheduler`` ('tcp://host:8786'),
    else a local one with ``workers`` processes. Partitions of ``DASK_PARTITION`` articles are submitted
    a few per worker at a time, so memory stays flat; each worker writes its partition's quote rows
    (Parquet) and standoff lines into a temporary folder under ``partitions`` (default the system's
    temporary folder: the workers must see it), and yields a ``tables.WrittenPartition`` for each. A
    partition whose worker dies more often than Dask retries it comes back as error results."""
    try:
        from distributed.client import FutureCancelledError
        from distributed.scheduler import KilledWorker
    except ImportError:
        raise RuntimeError("the Dask engine needs Dask: pip install 'quotes[dask]'") from None
    folder = tempfile.mkdtemp(prefix="quotes-partitions-", dir=partitions)
    try:
        with _dask_client(scheduler, workers) as client:
            in_flight = max(2, 2 * len(client.scheduler_info().get("workers", {})))
            stream = iter(items)
            pending: deque = deque()
            numbers = itertools.count()

            def fill() -> None:
                while len(pending) < in_flight:
                    batch = [item for _, item in zip(range(DASK_PARTITION), stream, strict=False)]
                    if not batch:
                        return
                    arguments = (batch, model, profile, folder, next(numbers), attribution)
                    pending.append((batch, client.submit(dask_partition, *arguments, pure=False)))

            fill()
            while pending:
                batch, future = pending.popleft()
                try:
                    results = [future.result()]  # one WrittenPartition
                except (KilledWorker, FutureCancelledError) as error:
                    reason = f"its Dask worker died ({type(error).__name__})"
                    results = [_failed(item, reason) for item in batch]
                fill()
                yield from results
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(
    items: Iterable[Article | ArticleError],
    model: str | None = None,
    processes: int | None = None,
    profile: bool = False,
    timeout: float | None = ARTICLE_TIMEOUT,
    attribution: Choice = "rules",
) -> Iterator:
    """The per-article step over ``items`` here (``processes`` 1) or in a local pool, in input order."""
    processes = default_processes() if processes is None else processes
    if processes <= 1:
        return run_here(items, model, profile, timeout, attribution)
    return run_pooled(items, processes, model, profile, timeout, attribution)
