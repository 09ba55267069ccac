"""Fetching a channel's iCal feed (Airbnb, Booking.com, Vrbo, Google) over HTTP(S).

``fetch_feed`` makes one conditional GET (RFC 9110 §13.1.1 ``If-None-Match``, §13.1.3
``If-Modified-Since``; §15.4.5 ``304 Not Modified``), follows at most ``MAX_REDIRECTS``
redirects itself (§15.4: 301, 302, 303, 307, 308, relative ``Location`` resolved per
RFC 3986 §5) to http/https targets only, streams the body and stops past ``max_bytes``
decoded bytes (gzip/deflate are inflated here in bounded steps, so a decompression bomb
never grows past the limit), and refuses answers that are no calendar (RFC 5545 §3.4: an
iCalendar stream begins with ``BEGIN:VCALENDAR``). Every failure is one ``FetchError`` with a
stable ``code``.

Feed URLs carry secrets (Airbnb's ``?s=…``, Google's ``private-…`` path, Booking.com's
``?t=…``): exception messages and log lines only ever show ``redact(url)`` — httpx's own
``HTTP Request: GET <url>`` line (logger ``httpx``, INFO) included: a filter on that logger
redacts the URLs of records logged while a feed is being fetched (and no others).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import re
import zlib
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import httpx

from posada import __version__
from posada.adapters.http_headers import retry_after
from posada.adapters.http_logs import hide_httpx_urls

log = logging.getLogger(__name__)

#: Sent on every feed request, so a channel's operators can tell who is polling.
USER_AGENT = f"Posada/{__version__} (self-hosted cabin bookings; iCal sync)"
ACCEPT = "text/calendar, text/plain;q=0.5, */*;q=0.1"
#: Only encodings this module inflates itself (never br/zstd, whatever httpx supports).
ACCEPT_ENCODING = "gzip, deflate"
#: Largest decoded body accepted, in bytes.
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
#: Longest feed URL accepted, in characters.
MAX_URL_LENGTH = 2000
#: ``feed_client``'s timeouts, in seconds: 5 to connect, 15 for each read, write or pool wait.
TIMEOUT = httpx.Timeout(15.0, connect=5.0)
#: Seconds for a whole fetch, redirects and body included (a server dripping one byte
#: just inside the read timeout would otherwise hold a sync worker for days).
DEADLINE = 120.0
#: Most bytes inflated in one step (memory stays about the body plus twice this).
INFLATE_STEP = 256 * 1024
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CODES = frozenset({"http_status", "timeout", "connect", "too_large", "too_many_redirects",
                   "bad_url", "not_calendar", "transport"})
#: Content types that are never a calendar (login pages, error pages, API errors).
NOT_CALENDAR_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/json"})

_FETCHING: contextvars.ContextVar[bool] = contextvars.ContextVar("ical_fetching",
                                                                default=False)
_LEADING = re.compile(rb"(?:\xef\xbb\xbf)?\s*")
_PLAIN_SEGMENT = re.compile(r"[A-Za-z][A-Za-z_-]{0,15}")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A feed answer: ``status`` ``"fetched"`` (``body``: the decoded bytes, at most
    ``max_bytes``, starting with ``BEGIN:VCALENDAR``) or ``"not_modified"`` (``body`` is
    ``None``); ``etag`` and ``last_modified`` are the validators to send next time (the
    response's, or on a 304 without them the ones sent); ``url`` is the final URL after
    redirects (it may carry the feed's secret: show ``redact(url)``)."""

    status: Literal["fetched", "not_modified"]
    body: bytes | None
    etag: str | None
    last_modified: str | None
    url: str

    def __repr__(self) -> str:
        size = "None" if self.body is None else f"<{len(self.body)} bytes>"
        return (f"Fetched(status={self.status!r}, body={size}, etag={self.etag!r}, "
                f"last_modified={self.last_modified!r}, url={redact(self.url)!r})")


class FetchError(Exception):
    """A feed that could not be fetched.

    ``code``: ``http_status`` (an answer other than 200/304; ``http_status`` set),
    ``timeout`` (connect, read, pool or the whole-fetch ``DEADLINE``), ``connect`` (refused,
    unreachable, DNS), ``too_large`` (over ``max_bytes`` decoded, or a ``Content-Length``
    saying so), ``too_many_redirects`` (more than ``MAX_REDIRECTS``), ``bad_url`` (the URL or
    a redirect target is not an acceptable http/https URL, see ``check_url``),
    ``not_calendar`` (a 200 whose ``Content-Type`` is HTML/XHTML/JSON or whose body is
    empty or does not begin with ``BEGIN:VCALENDAR``, e.g. starts with ``<``), ``transport``
    (connection lost mid-answer, protocol error, undecodable or unsupported
    ``Content-Encoding``). ``retry_after``: seconds from the answer's ``Retry-After``
    (RFC 9110 §10.2.3), or ``None``; ``backoff``: ``True`` for 429, 5xx, ``timeout`` and
    ``connect`` — the caller should wait longer than usual before the next try. The message
    names the feed only by ``redact(url)``.
    """

    def __init__(self, code: str, message: str, *, http_status: int | None = None,
                 retry_after: float | None = None) -> None:
        if code not in CODES:
            raise ValueError(f"unknown FetchError code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.http_status = http_status
        self.retry_after = retry_after
        self.backoff = code in ("timeout", "connect") or (
            code == "http_status" and http_status is not None
            and (http_status == 429 or http_status >= 500))


def redact(url: str) -> str:
    """``url`` safe to log or show: ``scheme://host[:port]/`` plus the leading path segments
    that are plain words (letters, ``-``, ``_``; at most 16 characters, at most three, never
    the last segment), then ``…`` when anything was left out — user info, other segments,
    query and fragment are never shown. ``https://www.airbnb.com/calendar/ical/12345.ics?s=X``
    → ``https://www.airbnb.com/calendar/ical/…``; a string that is no URL → ``…``."""
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname, parts.port
    except ValueError:
        return "…"
    if not parts.scheme or not host:
        return "…"
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc = f"{netloc}:{port}"
    segments = [segment for segment in parts.path.split("/") if segment]
    kept: list[str] = []
    for segment in segments[:-1]:
        if len(kept) == 3 or not _PLAIN_SEGMENT.fullmatch(segment):
            break
        kept.append(segment)
    hidden = len(kept) < len(segments) or bool(parts.query or parts.fragment
                                               or "@" in parts.netloc)
    path = "/" + "".join(f"{segment}/" for segment in kept)
    return f"{parts.scheme.lower()}://{netloc}{path}{'…' if hidden else ''}"


def check_url(url: str) -> str:
    """The feed URL an owner gave (``str``, surrounding spaces ignored), normalised: scheme
    and host lower-case, IDNA host, default port and fragment dropped, non-ASCII
    percent-encoded, an empty path as ``/``; ``webcal://`` (the de facto scheme of calendar
    subscriptions) becomes ``https://``. Raises ``ValueError`` (its message never contains
    the URL) when empty, over ``MAX_URL_LENGTH`` characters, with spaces or control
    characters, not http/https, without a host, with a user name or password, or otherwise
    unparseable (RFC 3986)."""
    return _checked(url, webcal=True)


def _checked(url: str, *, webcal: bool) -> str:
    text = url.strip()
    if not text:
        raise ValueError("the feed URL is empty")
    if len(text) > MAX_URL_LENGTH:
        raise ValueError(f"the feed URL is over {MAX_URL_LENGTH:,} characters")
    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in text):
        raise ValueError("the feed URL contains spaces or control characters")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        raise ValueError("the feed URL is not a valid URL") from None
    scheme = parts.scheme.lower()
    if webcal and scheme == "webcal":
        scheme = "https"
    if scheme not in ("http", "https"):
        raise ValueError("the feed URL must start with http:// or https://")
    if "@" in parts.netloc:
        raise ValueError("the feed URL must not carry a user name or password")
    if not host:
        raise ValueError("the feed URL has no host")
    try:
        normal = str(httpx.URL(urlunsplit((scheme, parts.netloc, parts.path or "/",
                                           parts.query, ""))))
    except (httpx.InvalidURL, UnicodeError):
        raise ValueError("the feed URL is not a valid URL") from None
    if len(normal) > MAX_URL_LENGTH:
        raise ValueError(f"the feed URL is over {MAX_URL_LENGTH:,} characters once encoded")
    return normal


def feed_client(**kwargs: Any) -> httpx.AsyncClient:
    """One ``httpx.AsyncClient`` to share across feed fetches: ``TIMEOUT`` (connect 5 s,
    read 15 s), no automatic redirects (``fetch_feed`` follows them itself), ``USER_AGENT``
    and ``Accept: text/calendar…`` headers. ``kwargs`` go to ``httpx.AsyncClient`` and win
    (``headers`` are merged over the defaults), e.g. ``limits=httpx.Limits(…)``."""
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING}
    headers.update(kwargs.pop("headers", None) or {})
    options: dict[str, Any] = {"timeout": TIMEOUT, "follow_redirects": False,
                               "headers": headers, **kwargs}
    return httpx.AsyncClient(**options)


async def fetch_feed(client: httpx.AsyncClient, url: str, *, etag: str | None = None,
                     last_modified: str | None = None, max_bytes: int = MAX_BYTES,
                     timeout: httpx.Timeout | None = None  # noqa: ASYNC109 — httpx's, per request
                     ) -> Fetched:
    """GET the feed at ``url`` with ``client`` (best one from ``feed_client``).

    ``etag`` / ``last_modified``: the validators of the last ``Fetched`` (sent as
    ``If-None-Match`` / ``If-Modified-Since``; a 304 then gives ``not_modified``);
    ``max_bytes``: the largest decoded body accepted; ``timeout``: per-request timeouts
    (``None``: the client's). ``User-Agent``, ``Accept`` and ``Accept-Encoding`` are sent on
    every request, whatever the client's defaults. The whole fetch, redirects included,
    must finish within ``DEADLINE`` seconds. Raises ``FetchError`` (see its codes).
    """
    try:
        current = _checked(url, webcal=True)
    except ValueError as error:
        raise FetchError("bad_url", str(error)) from None
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING}
    sent_etag, sent_modified = _header_value(etag), _header_value(last_modified)
    if sent_etag:
        headers["If-None-Match"] = sent_etag
    if sent_modified:
        headers["If-Modified-Since"] = sent_modified
    request_timeout = httpx.USE_CLIENT_DEFAULT if timeout is None else timeout
    fetching = _FETCHING.set(True)
    try:
        async with asyncio.timeout(DEADLINE):
            for _hop in range(MAX_REDIRECTS + 1):
                try:
                    async with client.stream("GET", current, headers=headers,
                                             timeout=request_timeout,
                                             follow_redirects=False) as response:
                        if response.status_code not in REDIRECT_STATUSES:
                            return await _answer(response, sent_etag, sent_modified,
                                                 max_bytes)
                        target = _redirect_target(response)
                except httpx.TimeoutException as error:
                    raise FetchError("timeout", f"{redact(current)}: "
                                     f"{type(error).__name__}") from None
                except httpx.ConnectError as error:
                    raise FetchError("connect", f"{redact(current)}: {_reason(error)}"
                                     ) from None
                except httpx.InvalidURL:
                    raise FetchError("bad_url", f"{redact(current)}: not a valid URL") from None
                except httpx.TransportError as error:
                    raise FetchError("transport", f"{redact(current)}: "
                                     f"{type(error).__name__}") from None
                log.debug("feed %s redirected (%s) to %s", redact(current),
                          response.status_code, redact(target))
                current = target
    except TimeoutError:
        raise FetchError("timeout", f"{redact(current)}: not done within {DEADLINE:g} s"
                         ) from None
    finally:
        _FETCHING.reset(fetching)
    raise FetchError("too_many_redirects",
                     f"{redact(url)}: more than {MAX_REDIRECTS} redirects")


def _reason(error: httpx.ConnectError) -> str:
    """A connect error's OS reason (``[Errno 111] Connection refused``) — never a URL."""
    cause = error.__cause__ or error.__context__
    return f"{type(cause).__name__}: {cause}" if isinstance(cause, OSError) else (
        type(error).__name__)


def _header_value(value: str | None) -> str | None:
    """A stored validator fit to send back: printable ASCII, else ``None`` (not sent)."""
    if value and value.isascii() and value.isprintable() and value.strip():
        return value.strip()
    return None


def _redirect_target(response: httpx.Response) -> str:
    """The checked absolute URL a redirect points to. Raises ``FetchError`` ``http_status``
    (no ``Location``) or ``bad_url`` (not http/https, credentials, too long, unparseable)."""
    where = redact(str(response.url))
    location = response.headers.get("location", "").strip()
    if not location:
        raise FetchError("http_status", f"{where}: HTTP {response.status_code} without "
                         "Location", http_status=response.status_code)
    try:
        target = str(response.url.join(location))
    except (httpx.InvalidURL, UnicodeError):
        raise FetchError("bad_url", f"{where}: redirected to an invalid URL") from None
    try:
        return _checked(target, webcal=False)
    except ValueError as error:
        raise FetchError("bad_url", f"{where}: redirected to {redact(target)}: {error}"
                         ) from None


async def _answer(response: httpx.Response, etag: str | None, last_modified: str | None,
                  max_bytes: int) -> Fetched:
    """The ``Fetched`` for a final (non-redirect) answer, or the ``FetchError``."""
    where = redact(str(response.url))
    status = response.status_code
    final = str(response.url)
    if status == 304:
        if not (etag or last_modified):
            raise FetchError("http_status", f"{where}: 304 to a request without validators",
                             http_status=304)
        return Fetched("not_modified", None, response.headers.get("etag") or etag,
                       response.headers.get("last-modified") or last_modified, final)
    if status != 200:
        raise FetchError("http_status", f"{where}: HTTP {status}", http_status=status,
                         retry_after=retry_after(response.headers.get("retry-after")))
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in NOT_CALENDAR_TYPES or kind.endswith("+json"):
        raise FetchError("not_calendar", f"{where}: Content-Type {kind}, not a calendar")
    length = response.headers.get("content-length", "").strip()
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError("too_large", f"{where}: Content-Length {int(length):,} bytes, "
                         f"over {max_bytes:,}")
    body = await _read(response, max_bytes, where)
    problem = _not_calendar(body)
    if problem:
        raise FetchError("not_calendar", f"{where}: {problem}")
    return Fetched("fetched", body, response.headers.get("etag") or None,
                   response.headers.get("last-modified") or None, final)


async def _read(response: httpx.Response, max_bytes: int, where: str) -> bytes:
    """The body, decoded (gzip/deflate inflated in steps of at most ``INFLATE_STEP`` and the
    room left), or ``FetchError`` ``too_large`` as soon as it passes ``max_bytes`` decoded
    bytes."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        inflater = None
    elif encoding in ("gzip", "x-gzip", "deflate"):
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # zlib or gzip wrapper
    else:
        raise FetchError("transport", f"{where}: unsupported Content-Encoding {encoding[:40]}")
    parts: list[bytes] = []
    total = 0

    def add(piece: bytes) -> None:
        nonlocal total
        total += len(piece)
        if total > max_bytes:
            raise FetchError("too_large", f"{where}: body over {max_bytes:,} bytes")
        parts.append(piece)

    try:
        async for raw in response.aiter_raw():
            if inflater is None:
                add(raw)
                continue
            pending = raw
            while pending:
                add(inflater.decompress(pending, min(max_bytes + 1 - total, INFLATE_STEP)))
                pending = inflater.unconsumed_tail
        if inflater is not None:
            add(inflater.flush())
    except zlib.error:
        raise FetchError("transport", f"{where}: body not decodable as {encoding}") from None
    return b"".join(parts)


def _not_calendar(body: bytes) -> str | None:
    """Why ``body`` is no iCalendar stream (RFC 5545 §3.4), or ``None``. A UTF-8 byte order
    mark and leading white space are allowed."""
    match = _LEADING.match(body)
    start = match.end() if match else 0
    head = body[start:start + 15]
    if not head:
        return "empty body"
    if head.startswith(b"<"):
        return "HTML or XML, not a calendar"
    if head[:1] in (b"{", b"["):
        return "JSON, not a calendar"
    if head.upper() != b"BEGIN:VCALENDAR":
        return "does not begin with BEGIN:VCALENDAR"
    return None


hide_httpx_urls(_FETCHING, redact)
