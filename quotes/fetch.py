"""Fetching the pages a user asks for: a timeout, a few retries with backoff, a clear user agent, at most
``PER_HOST`` requests at a time to one host, and a cache folder so that a rerun fetches nothing
(``offline`` reads the cache alone). The only network access of the tool.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

USER_AGENT = "quotes/0.1 (news quote and source analysis; https://pypi.org/project/quotes/)"
TIMEOUT = 20.0  # seconds per request
RETRIES = 2  # after the first try, for timeouts, connection errors and HTTP 429/5xx
BACKOFF = 1.0  # seconds, doubled at each retry
MAX_REDIRECTS = 5
PER_HOST = 2
WORKERS = 8


class FetchError(Exception):
    """A page that could not be fetched; the message is the reason (HTTP status, timeout...)."""


def default_cache() -> Path:
    """``$XDG_CACHE_HOME/quotes/pages`` (``~/.cache/quotes/pages``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "quotes" / "pages"


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1  # the same URL twice is a loop


@dataclass
class Page:
    url: str  # as asked
    final_url: str  # after redirects
    html: str


@dataclass
class Fetcher:
    cache: Path = field(default_factory=default_cache)
    offline: bool = False
    timeout: float = TIMEOUT
    retries: int = RETRIES
    _hosts: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _cached(self, url: str) -> Path:
        return Path(self.cache) / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def _host_slot(self, url: str) -> threading.Semaphore:
        with self._lock:
            return self._hosts.setdefault(urlparse(url).netloc, threading.Semaphore(PER_HOST))

    def get(self, url: str) -> Page:
        """The page at ``url``, from the cache when it is there; raises ``FetchError`` with the reason."""
        cached = self._cached(url)
        if cached.exists():
            record = json.loads(cached.read_text(encoding="utf-8"))
            return Page(url, record["final_url"], record["html"])
        if self.offline:
            raise FetchError(f"{url}: not in the cache {self.cache} (--offline)")
        with self._host_slot(url):
            page = self._download(url)
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_text(json.dumps({"url": url, "final_url": page.final_url, "html": page.html}), encoding="utf-8")
        os.replace(temporary, cached)
        return page

    def _download(self, url: str) -> Page:
        opener = urllib.request.build_opener(_Redirects())
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(BACKOFF * 2 ** (attempt - 1))
            try:
                with opener.open(request, timeout=self.timeout) as response:
                    kind = response.headers.get_content_type()
                    if kind not in ("text/html", "application/xhtml+xml"):
                        raise FetchError(f"{url}: not a web page ({kind})")
                    charset = response.headers.get_content_charset() or "utf-8"
                    html = response.read().decode(charset, errors="replace")
                    return Page(url, response.geturl(), html)
            except urllib.error.HTTPError as error:
                if error.code in (301, 302, 303, 307, 308):
                    raise FetchError(f"{url}: too many redirects or a redirect loop") from None
                reason = f"HTTP {error.code} {error.reason}"
                if error.code != 429 and error.code < 500:
                    break
            except (TimeoutError, urllib.error.URLError, ConnectionError) as error:
                cause = getattr(error, "reason", error)
                timed_out = isinstance(error, TimeoutError) or isinstance(cause, TimeoutError)
                reason = f"timed out after {self.timeout:g} s" if timed_out else f"cannot connect ({cause})"
        raise FetchError(f"{url}: {reason}" + (f" (after {self.retries + 1} tries)" if self.retries else ""))

    def get_all(self, urls: Iterable[str]) -> Iterator[tuple[str, Page | FetchError]]:
        """Each URL's page or error, in the order given, fetched a few at a time."""
        with ThreadPoolExecutor(WORKERS) as pool:
            futures = [(url, pool.submit(self.get, url)) for url in urls]
            for url, future in futures:
                try:
                    yield url, future.result()
                except FetchError as error:
                    yield url, error


def is_url(value: str) -> bool:
    return str(value).lower().startswith(("http://", "https://"))


def read_url_file(path: Path | str) -> list[str]:
    """The URLs of a ``--urls`` file: one a line, blank lines and ``#`` comments skipped."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
