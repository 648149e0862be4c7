"""Servers that misbehave, on 127.0.0.1: each URL ends as an error row with its reason (or a page with
a warning), within its deadline, the good pages of the batch intact; SIGTERM ends a run at once."""

from __future__ import annotations

import signal
import socketserver
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

from quotes.fetch import Fetcher, FetchError

ARTICLE = (
    "<html><head><title>Road works</title></head><body><article><h1>Road works</h1>"
    '<p>The council met on Monday. "We will fix the road this year," Mayor Ann Lee said.</p>'
    "<p>The work starts in May and ends in the autumn, the council said in a statement on Tuesday.</p>"
    "</article></body></html>"
)


def _reply(body: bytes, kind: str = "text/html; charset=utf-8", extra: str = "") -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n{extra}Connection: close\r\n\r\n"
    return head.encode("latin-1") + body


class _Hostile(socketserver.BaseRequestHandler):
    def handle(self):  # one request per connection; each path misbehaves its own way
        request = b""
        while b"\r\n\r\n" not in request:
            data = self.request.recv(4096)
            if not data:
                return
            request += data
        path = request.split(b" ")[1].decode()
        send = self.request.sendall
        try:
            if path == "/good":
                send(_reply(ARTICLE.encode()))
            elif path == "/charset":
                send(_reply(ARTICLE.encode(), kind="text/html; charset=x-no-such-charset"))
            elif path == "/not-http":
                send(b"SSH-2.0-OpenSSH_9.2\r\n")
            elif path == "/short":
                send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html><body>")
            elif path == "/drip":  # a byte every 0.3 s, forever: each read is quick, the page never ends
                send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
                while True:
                    send(b"x")
                    time.sleep(0.3)
            elif path == "/drip-head":
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" * 100:
                    send(bytes([byte]))
                    time.sleep(0.3)
            elif path == "/huge-declared":
                send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 200000000\r\n\r\n<html>")
            elif path == "/huge":
                send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
                while True:
                    send(b"<p>" + b"x" * 65536 + b"</p>")
            elif path == "/to-file":
                send(b"HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\nContent-Length: 0\r\n\r\n")
        except OSError:
            pass  # the client went away, as it should


@pytest.fixture(scope="module")
def hostile_server():
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/not-http", "not an HTTP reply"),
        ("/short", "the reply ended early"),
        ("/drip", "deadline of 2 s"),
        ("/drip-head", "deadline of 2 s"),
        ("/huge-declared", "over the limit of 1 MB"),
        ("/huge", "over the limit of 1 MB"),
        ("/to-file", "refused a redirect to a file: URL"),
    ],
)
def test_a_misbehaving_server_is_an_error_within_the_deadline(hostile_server, tmp_path, path, reason):
    fetcher = Fetcher(tmp_path / "cache", timeout=1, deadline=2, max_bytes=1_000_000)
    started = time.monotonic()
    with pytest.raises(FetchError, match=reason):
        fetcher.get(hostile_server + path)
    assert time.monotonic() - started < 2 + 1.5


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://[::1", "malformed URL"),
        ("http://exa mple.com/", "malformed URL"),
        ("http://127.0.0.1:99999/", "malformed URL"),
        ("http:///path", "no host"),
    ],
)
def test_a_malformed_url_is_an_error(tmp_path, url, reason):
    with pytest.raises(FetchError, match=reason):
        Fetcher(tmp_path / "cache").get(url)


def test_an_unknown_charset_is_read_as_utf8_with_a_warning(hostile_server, tmp_path):
    page = Fetcher(tmp_path / "cache").get(hostile_server + "/charset")
    assert "Mayor Ann Lee" in page.html and "unknown charset 'x-no-such-charset'" in page.warnings[0]


def test_the_good_pages_of_a_hostile_batch_survive(hostile_server, tmp_path, quotes_cli):
    bad = ["/not-http", "/short", "/drip", "/huge", "/to-file"]
    urls = tmp_path / "urls.txt"
    lines = [hostile_server + p for p in ["/good", *bad, "/charset"]] + ["http://[::1", "http://exa mple.com/"]
    urls.write_text("\n".join(lines) + "\n")
    started = time.monotonic()
    code, _, err = quotes_cli(
        "extract",
        "--urls",
        urls,
        "--cache",
        tmp_path / "cache",
        "--fetch-deadline",
        "3",
        "--max-page-mb",
        "1",
        "-o",
        tmp_path / "x.csv",
    )
    assert code == 0 and "Traceback" not in err, err
    assert time.monotonic() - started < 60
    articles = pd.read_csv(tmp_path / "x.articles.csv")
    assert len(articles) == len(lines)  # every URL has its row
    status = dict(zip(articles["source"], articles["status"], strict=True))
    assert status[hostile_server + "/good"] == "ok" and status[hostile_server + "/charset"] == "ok"
    assert sum(s == "error" for s in status.values()) == len(bad) + 2
    quotes = pd.read_csv(tmp_path / "x.csv")
    assert (quotes["speaker"] == "Mayor Ann Lee").sum() == 2


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_a_run_waiting_on_a_server(hostile_server, tmp_path, sig):
    command = [sys.executable, "-m", "quotes.cli", "extract", hostile_server + "/drip", "--cache", tmp_path / "c"]
    run = subprocess.Popen([*map(str, command), "-o", str(tmp_path / "x.csv")], stderr=subprocess.PIPE, text=True)
    time.sleep(4)  # well inside the 60 s deadline: the run is waiting on the page
    assert run.poll() is None
    sent = time.monotonic()
    run.send_signal(sig)
    _, err = run.communicate(timeout=30)
    assert time.monotonic() - sent < 5
    assert run.returncode == 130 and "interrupted" in err and "Traceback" not in err
    assert not (tmp_path / "x.csv").exists()
