"""``FeedServer``: a real HTTP server on 127.0.0.1 serving iCal feeds, like a channel would.

For tests, the sync benchmark and manual runs (``python -m posada.adapters.ical.fake --feeds
500 --events 100``). Any number of feeds, each at its own path (the query string is ignored,
so ``/calendar/ical/1.ics?s=secret`` is the feed ``/calendar/ical/1.ics``):

* ``set`` — a fixed body with a status, ``Content-Type``, ``ETag`` (``"auto"``: a hash of
  the body), extra headers and a delay; ``set_dynamic`` — a body computed per request from
  the request number (1, 2, …); ``changing_uids`` — a calendar whose UIDs are new on every
  fetch, as Airbnb's rolling "Not available" windows.
* Conditional GET on 200 feeds (RFC 9110 §13.1.1–13.1.3): ``If-None-Match`` matching the
  ETag (weak comparison, ``*``) → ``304``; else ``If-Modified-Since`` not before a
  ``Last-Modified`` given in ``headers`` → ``304``.
* ``redirect`` — a 3xx to another path (sent as a relative ``Location``) or any URL.
* ``huge`` — exactly ``size_bytes`` of a valid-looking calendar, streamed in 64 KiB chunks
  and never built in memory; with or without ``Content-Length``, optionally gzip-encoded.

Inspection: ``url(path)``, ``requests`` (count per path), ``request_headers`` (what each request
sent, to check ``User-Agent`` and validators). Thread-safe: set feeds from the test thread
while the server thread answers; one event loop answers hundreds of concurrent requests.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import threading
import zlib
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from email.utils import parsedate_to_datetime
from types import TracebackType

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from posada.adapters.local_server import LocalServer

CALENDAR_TYPE = "text/calendar; charset=utf-8"
CHUNK = 64 * 1024
_HEAD = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Posada//FeedServer//EN\r\n"
         b"CALSCALE:GREGORIAN\r\n")
_FOOT = b"END:VCALENDAR\r\n"
_PAD = b"X-PAD:\r\n"  # the shortest filler line; longer ones repeat the "x"


def sample_calendar(events: int, *, uid_prefix: str = "posada", start: date = date(2027, 1, 1),
                    summary: str = "Reserved") -> bytes:
    """A small, valid iCalendar feed (RFC 5545, CRLF line ends) with ``events`` all-day
    stays of two nights, one every three days from ``start`` (a local ``date``), UIDs
    ``{uid_prefix}-{i}@posada.test``, as Airbnb exports reservations."""
    lines = [_HEAD.decode()]
    for i in range(events):
        check_in = start + timedelta(days=3 * i)
        check_out = check_in + timedelta(days=2)
        lines.append(f"BEGIN:VEVENT\r\nUID:{uid_prefix}-{i}@posada.test\r\n"
                     f"DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:{check_in:%Y%m%d}\r\n"
                     f"DTEND;VALUE=DATE:{check_out:%Y%m%d}\r\nSUMMARY:{summary}\r\n"
                     "END:VEVENT\r\n")
    lines.append(_FOOT.decode())
    return "".join(lines).encode()


def _event(i: int) -> bytes:
    """One event of constant length (the UID has nine digits) for ``huge`` bodies."""
    return (b"BEGIN:VEVENT\r\nUID:huge-%09d@posada.test\r\nDTSTAMP:20260101T000000Z\r\n"
            b"DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270102\r\n"
            b"SUMMARY:Not available\r\nEND:VEVENT\r\n" % (i % 1_000_000_000))


def huge_chunks(size: int, chunk: int = CHUNK) -> Iterator[bytes]:
    """Exactly ``size`` bytes of a calendar (head, events, an ``X-PAD`` filler line, foot)
    in pieces of about ``chunk`` bytes; a ``size`` too small for head and foot gives a cut
    head. Memory stays about ``chunk`` whatever ``size``."""
    if size < len(_HEAD) + len(_FOOT) + len(_PAD):
        yield (_HEAD + _FOOT)[:size]
        return
    remaining = size - len(_HEAD) - len(_FOOT)
    buffer = bytearray(_HEAD)
    event_size = len(_event(0))
    i = 0
    while remaining - event_size >= len(_PAD):
        buffer += _event(i)
        remaining -= event_size
        i += 1
        if len(buffer) >= chunk:
            yield bytes(buffer)
            buffer.clear()
    buffer += b"X-PAD:" + b"x" * (remaining - len(_PAD)) + b"\r\n" + _FOOT
    yield bytes(buffer)


def auto_etag(body: bytes) -> str:
    """The strong ETag ``set`` gives a body: ``"`` + 16 hex digits of its SHA-256 + ``"``."""
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


def _etag_matches(header: str, etag: str) -> bool:
    """``If-None-Match`` against ``etag`` with the weak comparison (RFC 9110 §13.1.2)."""
    def opaque(tag: str) -> str:
        tag = tag.strip()
        return tag[2:] if tag.startswith("W/") else tag
    return any(tag.strip() == "*" or opaque(tag) == opaque(etag) for tag in header.split(","))


def _not_modified_since(header: str, last_modified: str) -> bool:
    try:
        return parsedate_to_datetime(header) >= parsedate_to_datetime(last_modified)
    except (TypeError, ValueError, IndexError):
        return False


@dataclass(slots=True)
class _Feed:
    body: bytes | Callable[[int], bytes]
    status: int
    content_type: str | None
    etag: str | None
    delay: float
    headers: dict[str, str]


@dataclass(slots=True)
class _Redirect:
    to: str
    status: int


@dataclass(slots=True)
class _Huge:
    size: int
    content_length: bool
    gzip: bool


@dataclass(slots=True)
class _Path:
    headers: deque[dict[str, str]]
    count: int = 0


def _path(path: str) -> str:
    path = path.split("?", 1)[0]
    return path if path.startswith("/") else "/" + path


class FeedServer:
    """Local iCal feeds (see the module docstring). Use as ``with FeedServer() as feeds:``
    or ``async with FeedServer() as feeds:``; ``port=0`` picks a free port. Paths may be
    given with or without the leading ``/``; ``keep_headers`` is how many requests' headers
    to keep per path (the counts are always complete)."""

    def __init__(self, *, port: int = 0, host: str = "127.0.0.1",
                 keep_headers: int = 100) -> None:
        self._host, self._port, self._keep = host, port, keep_headers
        self._lock = threading.Lock()
        self._feeds: dict[str, _Feed | _Redirect | _Huge] = {}
        self._paths: dict[str, _Path] = {}
        self._server: LocalServer | None = None
        self._base = ""

    # ------------------------------------------------------------------ scripting

    def set(self, path: str, body: bytes | str, *, status: int = 200,
            content_type: str | None = CALENDAR_TYPE, etag: str | None = "auto",
            delay: float = 0, headers: Mapping[str, str] | None = None) -> None:
        """Serve ``body`` (``str`` is encoded as UTF-8) at ``path`` with ``status`` and
        ``content_type`` (``None``: no header); ``etag`` ``"auto"`` is ``auto_etag(body)``,
        ``None`` sends none, any other string is sent as given; ``delay`` seconds pass
        before the answer; ``headers`` are added (``Retry-After``, ``Last-Modified``, …)."""
        data = body.encode() if isinstance(body, str) else body
        self._put(path, _Feed(data, status, content_type, etag, delay, dict(headers or {})))

    def set_dynamic(self, path: str, fn: Callable[[int], bytes], *, status: int = 200,
                    content_type: str | None = CALENDAR_TYPE, etag: str | None = "auto",
                    delay: float = 0, headers: Mapping[str, str] | None = None) -> None:
        """Like ``set`` with the body ``fn(n)`` for the path's ``n``-th request (from 1;
        called on the server thread, so it must be thread-safe)."""
        self._put(path, _Feed(fn, status, content_type, etag, delay, dict(headers or {})))

    def changing_uids(self, path: str, events: int, *, start: date = date(2027, 1, 1)) -> None:
        """Serve ``sample_calendar(events)`` with UIDs ``r{n}-{i}@posada.test`` that are new
        on every request ``n`` (same dates, so only the UIDs change)."""
        self.set_dynamic(path, lambda n: sample_calendar(events, uid_prefix=f"r{n}",
                                                         start=start))

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        """Answer ``path`` with ``status`` and ``Location: to`` (a path such as ``/b.ics``
        is sent as that relative reference; ``ftp://…`` or ``file://…`` as given)."""
        self._put(path, _Redirect(to, status))

    def huge(self, path: str, size_bytes: int, *, content_length: bool = True,
             gzip: bool = False) -> None:
        """Stream exactly ``size_bytes`` of calendar at ``path`` without building it in
        memory, with ``Content-Length`` when ``content_length`` (else chunked); ``gzip``
        compresses on the fly (``Content-Encoding: gzip``, no ``Content-Length``): a few
        KiB on the wire per MiB decoded, as a decompression bomb would be."""
        self._put(path, _Huge(size_bytes, content_length and not gzip, gzip))

    def remove(self, path: str) -> None:
        """Stop serving ``path`` (it answers 404 again)."""
        with self._lock:
            self._feeds.pop(_path(path), None)

    def _put(self, path: str, feed: _Feed | _Redirect | _Huge) -> None:
        with self._lock:
            self._feeds[_path(path)] = feed

    # ------------------------------------------------------------------ inspection

    def url(self, path: str = "/") -> str:
        """The absolute URL of ``path`` (its query string kept): ``http://127.0.0.1:<port>``
        + ``path``; the port is known once started (and kept after ``stop``)."""
        return self._base + (path if path.startswith("/") else "/" + path)

    def requests(self, path: str) -> int:
        """How many requests ``path`` has had (any answer, 404 included)."""
        with self._lock:
            seen = self._paths.get(_path(path))
            return seen.count if seen else 0

    def request_headers(self, path: str) -> list[dict[str, str]]:
        """The headers of the last ``keep_headers`` requests to ``path``, oldest first, as
        dicts with lower-case names."""
        with self._lock:
            seen = self._paths.get(_path(path))
            return [dict(headers) for headers in seen.headers] if seen else []

    # ------------------------------------------------------------------ handler

    async def _serve(self, request: Request) -> Response:
        path = request.url.path
        with self._lock:
            seen = self._paths.get(path)
            if seen is None:
                seen = self._paths[path] = _Path(deque(maxlen=self._keep))
            seen.count += 1
            number = seen.count
            seen.headers.append(dict(request.headers))
            feed = self._feeds.get(path)
        if feed is None:
            return PlainTextResponse("no feed here", 404)
        if isinstance(feed, _Redirect):
            return Response(status_code=feed.status, headers={"Location": feed.to})
        if isinstance(feed, _Huge):
            return self._huge(feed)
        if feed.delay:
            await asyncio.sleep(feed.delay)
        body = feed.body(number) if callable(feed.body) else feed.body
        headers = dict(feed.headers)
        etag = auto_etag(body) if feed.etag == "auto" else feed.etag
        if etag is not None:
            headers["ETag"] = etag
        if feed.status == 200 and self._fresh(request, etag, headers):
            return Response(status_code=304, headers=headers)
        return Response(body, feed.status, headers, media_type=feed.content_type)

    @staticmethod
    def _fresh(request: Request, etag: str | None, headers: Mapping[str, str]) -> bool:
        """Whether the client's validators match (``If-None-Match`` decides when sent)."""
        if_none_match = request.headers.get("if-none-match")
        if if_none_match is not None:
            return etag is not None and _etag_matches(if_none_match, etag)
        since = request.headers.get("if-modified-since")
        modified = next((v for k, v in headers.items() if k.lower() == "last-modified"), None)
        return since is not None and modified is not None and _not_modified_since(since,
                                                                                  modified)

    @staticmethod
    def _huge(feed: _Huge) -> Response:
        async def chunks() -> AsyncIterator[bytes]:
            if not feed.gzip:
                for piece in huge_chunks(feed.size):
                    yield piece
                return
            compressor, wire = zlib.compressobj(9, wbits=31), bytearray()
            for piece in huge_chunks(feed.size):  # sent in CHUNK-sized compressed writes,
                wire += compressor.compress(piece)  # as a bomb file on disk would be
                if len(wire) >= CHUNK:
                    yield bytes(wire)
                    wire.clear()
            yield bytes(wire + compressor.flush())

        headers = {"Content-Length": str(feed.size)} if feed.content_length else {}
        if feed.gzip:
            headers["Content-Encoding"] = "gzip"
        return StreamingResponse(chunks(), headers=headers, media_type=CALENDAR_TYPE)

    def app(self) -> Starlette:
        """The ASGI app (also usable in-process with ``httpx.ASGITransport``)."""
        return Starlette(routes=[Route("/{path:path}", self._serve, methods=["GET"])])

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FeedServer:
        """Bind, serve in a background thread and wait until ready (≤ 5 s)."""
        self._server = LocalServer(self.app(), host=self._host, port=self._port,
                                   name="feed-server")
        self._base = self._server.start()
        return self

    def stop(self) -> None:
        """Stop serving and join the thread."""
        if self._server is not None:
            self._server.stop()
        self._server = None

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    async def __aenter__(self) -> FeedServer:
        return await asyncio.to_thread(self.start)

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        await asyncio.to_thread(self.stop)


def main(argv: list[str] | None = None) -> None:
    """``python -m posada.adapters.ical.fake --port N --feeds F --events E``: serve ``F``
    feeds ``/feeds/{i}.ics`` (0 … F-1) of ``E`` events each until Ctrl-C."""
    parser = argparse.ArgumentParser(description="Local iCal feeds for tests and benchmarks")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--feeds", type=int, default=1)
    parser.add_argument("--events", type=int, default=100)
    args = parser.parse_args(argv)
    with FeedServer(port=args.port) as feeds:
        for i in range(args.feeds):
            feeds.set(f"/feeds/{i}.ics", sample_calendar(args.events, uid_prefix=f"f{i}"))
        print(f"FeedServer: {args.feeds} feeds at {feeds.url('/feeds/')}"
              f"{{0..{args.feeds - 1}}}.ics", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
