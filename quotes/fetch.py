"""Fetching the pages a user asks for: a timeout, a few retries with backoff, a clear user agent, at most
``PER_HOST`` requests at a time to one host, and a cache folder so that a rerun fetches nothing
(``offline`` reads the cache alone). The only network access of the tool.
"""

from __future__ import annotations

import codecs
import hashlib
import http.client
import json
import os
import queue
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urljoin, urlsplit

USER_AGENT = "quotes/0.1 (news quote and source analysis; https://pypi.org/project/quotes/)"
TIMEOUT = 20.0  # seconds any one read or write may wait
DEADLINE = 60.0  # seconds for a whole URL: connecting, headers, body, retries and redirects together
MAX_BYTES = 20_000_000  # a page larger than this is not read (an article page is rarely over 2 MB)
RETRIES = 2  # after the first try, for timeouts, connection errors and HTTP 429/5xx
BACKOFF = 1.0  # seconds, doubled at each retry
MAX_REDIRECTS = 5
PER_HOST = 2
WORKERS = 8
CHUNK = 1 << 16


class FetchError(Exception):
    """A page that could not be fetched; the message is the reason (HTTP status, timeout...)."""


def default_cache() -> Path:
    """``$XDG_CACHE_HOME/quotes/pages`` (``~/.cache/quotes/pages``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "quotes" / "pages"


def check_url(url: str) -> None:
    """``FetchError`` for a URL that cannot be asked for: not http(s), no host, a space or control
    character in it, a broken IPv6 address or port."""
    if any(ord(c) <= 0x20 or c == "\x7f" for c in url):
        raise FetchError(f"{url!r}: malformed URL (a space or control character in it)")
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port
    except ValueError as error:
        raise FetchError(f"{url}: malformed URL ({error})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"{url}: refused: only http and https URLs are fetched")
    if not host:
        raise FetchError(f"{url}: malformed URL (no host)")


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1  # the same URL twice is a loop

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urljoin(req.full_url, location.strip())
            scheme = urlsplit(target).scheme.lower()
            if scheme not in ("http", "https"):
                raise FetchError(f"{req.full_url}: refused a redirect to a {scheme}: URL ({target[:200]})")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class _DeadlineSocket:
    """A connected socket whose every read and write waits at most ``per_read`` seconds and ends by
    ``deadline`` (``time.monotonic``): a server that sends a byte every few seconds is still cut off.
    It counts the files made from it as ``socket.socket`` does, since urllib closes the socket while
    the response is still read through such a file."""

    def __init__(self, sock, deadline: float, per_read: float) -> None:
        self._sock, self._deadline, self._per_read = sock, deadline, per_read
        self._io_refs, self._closed = 0, False

    def _arm(self) -> None:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        self._sock.settimeout(min(left, self._per_read))

    def recv_into(self, buffer, nbytes=0, flags=0):
        self._arm()
        return self._sock.recv_into(buffer, nbytes, flags)

    def recv(self, size, flags=0):
        self._arm()
        return self._sock.recv(size, flags)

    def sendall(self, data, flags=0):
        self._arm()
        return self._sock.sendall(data, flags)

    def makefile(self, mode="r", buffering=None, **kwargs):
        import socket

        return socket.socket.makefile(self, mode, buffering, **kwargs)

    def _decref_socketios(self) -> None:
        self._io_refs -= 1
        if self._closed and self._io_refs <= 0:
            self._sock.close()

    def close(self) -> None:
        self._closed = True
        if self._io_refs <= 0:
            self._sock.close()

    def __getattr__(self, name):
        return getattr(self._sock, name)


def _with_deadline(base):
    class Connection(base):
        def __init__(self, *args, deadline: float, per_read: float, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._deadline, self._per_read = deadline, per_read

        def connect(self) -> None:
            super().connect()
            self.sock = _DeadlineSocket(self.sock, self._deadline, self._per_read)

    return Connection


_HTTP = _with_deadline(http.client.HTTPConnection)
_HTTPS = _with_deadline(http.client.HTTPSConnection)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: float, per_read: float) -> None:
        super().__init__()
        self._connection = partial(_HTTP, deadline=deadline, per_read=per_read)

    def http_open(self, req):
        return self.do_open(self._connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: float, per_read: float) -> None:
        super().__init__()
        self._connection = partial(_HTTPS, deadline=deadline, per_read=per_read)

    def https_open(self, req):
        return self.do_open(self._connection, req, context=self._context)


@dataclass
class Page:
    url: str  # as asked
    final_url: str  # after redirects
    html: str
    warnings: list[str] = field(default_factory=list)


@dataclass
class Fetcher:
    cache: Path = field(default_factory=default_cache)
    offline: bool = False
    timeout: float = TIMEOUT
    retries: int = RETRIES
    deadline: float = DEADLINE
    max_bytes: int = MAX_BYTES
    _hosts: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _cached(self, url: str) -> Path:
        return Path(self.cache) / (hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest() + ".json")

    def _host_slot(self, url: str) -> threading.Semaphore:
        with self._lock:
            return self._hosts.setdefault(urlsplit(url).netloc, threading.Semaphore(PER_HOST))

    def get(self, url: str) -> Page:
        """The page at ``url``, from the cache when it is there; raises ``FetchError`` with the reason,
        whatever went wrong."""
        try:
            return self._get(url)
        except FetchError:
            raise
        except Exception as error:  # noqa: BLE001 (a hostile server must never end the run)
            raise FetchError(f"{url}: {_reason(error)}") from None

    def _get(self, url: str) -> Page:
        check_url(url)
        cached = self._cached(url)
        if cached.exists():
            try:
                record = json.loads(cached.read_text(encoding="utf-8"))
                return Page(url, record["final_url"], record["html"], record.get("warnings", []))
            except (ValueError, KeyError, TypeError):
                if self.offline:
                    raise FetchError(f"{url}: the cached copy {cached} is damaged (--offline)") from None
        if self.offline:
            raise FetchError(f"{url}: not in the cache {self.cache} (--offline)")
        with self._host_slot(url):
            page = self._download(url, time.monotonic() + self.deadline)
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        record = {"url": url, "final_url": page.final_url, "html": page.html, "warnings": page.warnings}
        temporary.write_text(json.dumps(record), encoding="utf-8")
        os.replace(temporary, cached)
        return page

    def _download(self, url: str, deadline: float) -> Page:
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt:
                pause = BACKOFF * 2 ** (attempt - 1)
                if time.monotonic() + pause >= deadline:
                    break
                time.sleep(pause)
            try:
                return self._try(url, deadline)
            except urllib.error.HTTPError as error:
                if error.code in (301, 302, 303, 307, 308):
                    raise FetchError(f"{url}: too many redirects or a redirect loop") from None
                reason = f"HTTP {error.code} {error.reason}"
                if error.code != 429 and error.code < 500:
                    break
            except (TimeoutError, urllib.error.URLError, ConnectionError) as error:
                cause = getattr(error, "reason", error)
                if time.monotonic() >= deadline - 0.05:
                    reason = f"timed out: not done within the deadline of {self.deadline:g} s (--fetch-deadline)"
                elif isinstance(error, TimeoutError) or isinstance(cause, TimeoutError):
                    reason = f"timed out after {self.timeout:g} s with no data"
                else:
                    reason = f"cannot connect ({cause})"
            if time.monotonic() >= deadline:
                break
        tries = f" (after {attempt + 1} tries)" if attempt else ""
        raise FetchError(f"{url}: {reason}{tries}")

    def _try(self, url: str, deadline: float) -> Page:
        opener = urllib.request.build_opener(
            _Redirects(), _HTTPHandler(deadline, self.timeout), _HTTPSHandler(deadline, self.timeout)
        )
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        with opener.open(request, timeout=min(left, self.timeout)) as response:
            kind = response.headers.get_content_type()
            if kind not in ("text/html", "application/xhtml+xml"):
                raise FetchError(f"{url}: not a web page ({kind})")
            body = self._body(url, response)
            charset = response.headers.get_content_charset() or "utf-8"
            warnings = []
            try:
                codecs.lookup(charset)
            except LookupError:
                warnings.append(f"{url}: unknown charset {charset!r}; read as UTF-8")
                charset = "utf-8"
            return Page(url, response.geturl(), body.decode(charset, errors="replace"), warnings)

    def _body(self, url: str, response) -> bytes:
        """The body, read a piece at a time, never more than ``max_bytes``."""
        limit = f"{self.max_bytes / 1e6:g} MB"
        declared = response.headers.get("Content-Length")
        if declared and declared.strip().isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"{url}: the page is {int(declared) / 1e6:g} MB, over the limit of {limit}")
        chunks, size = [], 0
        while chunk := response.read1(CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"{url}: the page is over the limit of {limit}; not read further")
            chunks.append(chunk)
        if response.length:  # a Content-Length the body fell short of
            raise FetchError(f"{url}: the reply ended early ({size} of {size + response.length} bytes)")
        return b"".join(chunks)

    def get_all(self, urls: Iterable[str]) -> Iterator[tuple[str, Page | FetchError]]:
        """Each URL's page or error, in the order given, fetched a few at a time. The fetching threads
        are daemons, so that Ctrl-C or SIGTERM ends the run at once, whatever a server is doing."""
        urls = list(urls)
        results: list[Page | FetchError | None] = [None] * len(urls)
        done = [threading.Event() for _ in urls]
        todo: queue.SimpleQueue[int] = queue.SimpleQueue()
        for index in range(len(urls)):
            todo.put(index)

        def work() -> None:
            while True:
                try:
                    index = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    results[index] = self.get(urls[index])
                except FetchError as error:
                    results[index] = error
                done[index].set()

        for _ in range(min(WORKERS, len(urls))):
            threading.Thread(target=work, daemon=True, name="quotes-fetch").start()
        for index, url in enumerate(urls):
            while not done[index].wait(0.5):  # short waits: a signal is handled between them
                pass
            yield url, results[index]


def _reason(error: Exception) -> str:
    """What went wrong, in words, for an error the fetch did not expect by name."""
    if isinstance(error, http.client.IncompleteRead):
        return f"the reply ended early ({len(error.partial)} bytes read)"
    if isinstance(error, http.client.BadStatusLine):
        return f"not an HTTP reply ({str(error)[:60]!r})"
    if isinstance(error, http.client.HTTPException):
        return f"a malformed HTTP reply ({type(error).__name__}: {str(error)[:80]})"
    if isinstance(error, UnicodeError | LookupError):
        return f"cannot decode the page ({error})"
    if isinstance(error, ValueError):
        return f"malformed URL or reply ({error})"
    return f"{type(error).__name__}: {error}"


def is_url(value: str) -> bool:
    return str(value).lower().startswith(("http://", "https://"))


def read_url_file(path: Path | str) -> list[str]:
    """The URLs of a ``--urls`` file: one a line, blank lines and ``#`` comments skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
