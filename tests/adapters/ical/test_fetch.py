"""fetch_feed against a real FeedServer: conditional GET, errors by code, size limits,
redirects, and feed secrets that never reach a message or a log line."""

from __future__ import annotations

import gzip
import logging
import socket
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from posada import __version__
from posada.adapters.ical import fetch
from posada.adapters.ical.fake import FeedServer, auto_etag, sample_calendar
from posada.adapters.ical.fetch import (
    MAX_BYTES,
    MAX_REDIRECTS,
    USER_AGENT,
    Fetched,
    FetchError,
    check_url,
    feed_client,
    fetch_feed,
    redact,
    retry_after,
)

CALENDAR = sample_calendar(3)
SECRET = "s3cr3tT0kenXYZ"


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with feed_client() as shared:
        yield shared


async def failure(client: httpx.AsyncClient, url: str, **options: object) -> FetchError:
    with pytest.raises(FetchError) as caught:
        await fetch_feed(client, url, **options)  # type: ignore[arg-type]
    return caught.value


# ---------------------------------------------------------------------- success, 304


async def test_200_is_fetched_with_its_etag_and_our_user_agent(
        feeds: FeedServer, client: httpx.AsyncClient) -> None:
    feeds.set("/a.ics", CALENDAR, headers={"Last-Modified": "Wed, 01 Jul 2026 10:00:00 GMT"})
    got = await fetch_feed(client, feeds.url(f"/a.ics?s={SECRET}"))
    assert got == Fetched("fetched", CALENDAR, auto_etag(CALENDAR),
                          "Wed, 01 Jul 2026 10:00:00 GMT", feeds.url(f"/a.ics?s={SECRET}"))
    [sent] = feeds.request_headers("/a.ics")
    assert sent["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith(f"Posada/{__version__} (") and "iCal" in USER_AGENT
    assert sent["accept"].startswith("text/calendar")
    assert "if-none-match" not in sent and "if-modified-since" not in sent


async def test_user_agent_is_sent_whatever_the_client(feeds: FeedServer) -> None:
    feeds.set("/a.ics", CALENDAR)
    async with httpx.AsyncClient() as plain:
        await fetch_feed(plain, feeds.url("/a.ics"))
    assert feeds.request_headers("/a.ics")[0]["user-agent"] == USER_AGENT


async def test_second_fetch_with_the_etag_is_not_modified(
        feeds: FeedServer, client: httpx.AsyncClient) -> None:
    feeds.set("/a.ics", CALENDAR)
    first = await fetch_feed(client, feeds.url("/a.ics"))
    second = await fetch_feed(client, feeds.url("/a.ics"), etag=first.etag,
                              last_modified="Wed, 01 Jul 2026 10:00:00 GMT")
    assert second.status == "not_modified" and second.body is None
    assert second.etag == first.etag
    assert second.last_modified == "Wed, 01 Jul 2026 10:00:00 GMT"  # the one we sent
    sent = feeds.request_headers("/a.ics")[1]
    assert sent["if-none-match"] == first.etag
    assert sent["if-modified-since"] == "Wed, 01 Jul 2026 10:00:00 GMT"
    feeds.set("/a.ics", sample_calendar(4))
    third = await fetch_feed(client, feeds.url("/a.ics"), etag=first.etag)
    assert third.status == "fetched" and third.body == sample_calendar(4)
    assert third.etag != first.etag


async def test_last_modified_alone_gives_not_modified(
        feeds: FeedServer, client: httpx.AsyncClient) -> None:
    modified = "Wed, 01 Jul 2026 10:00:00 GMT"
    feeds.set("/a.ics", CALENDAR, etag=None, headers={"Last-Modified": modified})
    first = await fetch_feed(client, feeds.url("/a.ics"))
    assert first.etag is None and first.last_modified == modified
    second = await fetch_feed(client, feeds.url("/a.ics"), last_modified=first.last_modified)
    assert second.status == "not_modified" and second.last_modified == modified


async def test_a_304_we_did_not_ask_for_is_an_error(
        feeds: FeedServer, client: httpx.AsyncClient) -> None:
    feeds.set("/a.ics", b"", status=304)
    error = await failure(client, feeds.url("/a.ics"))
    assert (error.code, error.http_status, error.backoff) == ("http_status", 304, False)


async def test_validators_that_cannot_be_sent_are_left_out(
        feeds: FeedServer, client: httpx.AsyncClient) -> None:
    feeds.set("/a.ics", CALENDAR)
    got = await fetch_feed(client, feeds.url("/a.ics"), etag='"caf\u00e9"',
                           last_modified="x\r\nInjected: 1")
    assert got.status == "fetched"
    sent = feeds.request_headers("/a.ics")[0]
    assert "if-none-match" not in sent and "if-modified-since" not in sent
    assert "injected" not in sent


# ---------------------------------------------------------------------- HTTP errors


@pytest.mark.parametrize(("status", "backoff"), [(500, True), (502, True), (503, True),
                                                 (404, False), (401, False), (410, False),
                                                 (204, False)])
async def test_other_statuses_are_http_status(feeds: FeedServer, client: httpx.AsyncClient,
                                              status: int, backoff: bool) -> None:
    feeds.set("/a.ics", "<html>oops</html>", status=status, content_type="text/html")
    error = await failure(client, feeds.url("/a.ics"))
    assert error.code == "http_status" and error.http_status == status
    assert error.backoff is backoff and error.retry_after is None
    assert f"HTTP {status}" in str(error)


async def test_429_carries_retry_after(feeds: FeedServer, client: httpx.AsyncClient) -> None:
    feeds.set("/a.ics", "slow down", status=429, content_type="text/plain",
              headers={"Retry-After": "120"})
    error = await failure(client, feeds.url("/a.ics"))
    assert (error.code, error.http_status, error.retry_after) == ("http_status", 429, 120.0)
    assert error.backoff


def test_retry_after_reads_seconds_and_dates() -> None:
    now = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert retry_after("30", now) == 30.0
    assert retry_after("-5", now) == 0.0
    assert retry_after("Wed, 01 Jul 2026 10:02:00 GMT", now) == 120.0
    assert retry_after("Wed, 01 Jul 2026 09:00:00 GMT", now) == 0.0
    for unreadable in (None, "", "soon", "inf", "nan"):
        assert retry_after(unreadable, now) is None


# ---------------------------------------------------------------------- network failures


async def test_server_slower_than_the_read_timeout_is_timeout(
        feeds: FeedServer, client: httpx.AsyncClient) -> None:
    feeds.set("/slow.ics", CALENDAR, delay=3)
    error = await failure(client, feeds.url("/slow.ics"),
                          timeout=httpx.Timeout(5.0, read=0.2))
    assert (error.code, error.backoff) == ("timeout", True)


async def test_the_whole_fetch_has_a_deadline(feeds: FeedServer, client: httpx.AsyncClient,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "DEADLINE", 0.3)
    feeds.set("/slow.ics", CALENDAR, delay=3)
    error = await failure(client, feeds.url("/slow.ics"), timeout=httpx.Timeout(10.0))
    assert (error.code, error.backoff) == ("timeout", True)
    assert "not done within 0.3 s" in str(error)


async def test_connection_refused_is_connect(client: httpx.AsyncClient) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = await failure(client, f"http://127.0.0.1:{port}/a.ics?s={SECRET}")
    assert (error.code, error.backoff, error.http_status) == ("connect", True, None)


# ---------------------------------------------------------------------- not a calendar


@pytest.mark.parametrize(("body", "content_type"), [
    ("<!DOCTYPE html><html><body>Log in</body></html>", "text/html; charset=utf-8"),
    ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/html"),
    ("<html>sign in</html>", "text/calendar"),
    ('{"error": "not found"}', "application/json"),
    ('{"error": "not found"}', "text/calendar"),
    ("[]", "text/plain"),
    ("", "text/calendar"),
    ("  \r\n ", "text/calendar"),
    ("Unauthorized", "text/plain"),
    ("<?xml version='1.0'?><error/>", None),
])
async def test_a_200_that_is_no_calendar_is_not_calendar(
        feeds: FeedServer, client: httpx.AsyncClient, body: str,
        content_type: str | None) -> None:
    feeds.set("/a.ics", body, content_type=content_type)
    error = await failure(client, feeds.url("/a.ics"))
    assert (error.code, error.backoff) == ("not_calendar", False)


@pytest.mark.parametrize("body", [b"\xef\xbb\xbfBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                                  b"\r\n  begin:vcalendar\nEND:VCALENDAR\n"])
async def test_a_bom_blank_lines_and_lower_case_are_still_a_calendar(
        feeds: FeedServer, client: httpx.AsyncClient, body: bytes) -> None:
    feeds.set("/a.ics", body, content_type="application/octet-stream")
    assert (await fetch_feed(client, feeds.url("/a.ics"))).body == body


# ---------------------------------------------------------------------- size limits


async def _traced(client: httpx.AsyncClient, url: str) -> tuple[FetchError, int]:
    tracemalloc.start()
    try:
        error = await failure(client, url)
        return error, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


async def test_content_length_over_the_limit_is_refused_before_reading(
        feeds: FeedServer, client: httpx.AsyncClient) -> None:
    feeds.huge("/big.ics", 50 * 1024 * 1024)
    error, peak = await _traced(client, feeds.url("/big.ics"))
    assert (error.code, error.backoff) == ("too_large", False)
    assert "Content-Length" in str(error)
    assert peak < 3 * 1024 * 1024  # nothing like the 5 MiB a read up to the limit would hold


async def test_a_chunked_body_over_the_limit_stops_at_the_limit(
        feeds: FeedServer, client: httpx.AsyncClient) -> None:
    feeds.huge("/big.ics", 200 * 1024 * 1024, content_length=False)
    error, peak = await _traced(client, feeds.url("/big.ics"))
    assert error.code == "too_large" and "Content-Length" not in str(error)
    assert peak < 1.5 * MAX_BYTES


async def test_a_decompression_bomb_stops_at_the_limit_decoded(
        feeds: FeedServer, client: httpx.AsyncClient) -> None:
    feeds.huge("/bomb.ics", 200 * 1024 * 1024, gzip=True)
    error, peak = await _traced(client, feeds.url("/bomb.ics"))
    assert error.code == "too_large"
    assert peak < 1.5 * MAX_BYTES  # one 64 KiB gzip write inflates to over 10 MiB at once


@pytest.mark.parametrize("content_length", [True, False])
async def test_max_bytes_is_the_largest_body_accepted(
        feeds: FeedServer, client: httpx.AsyncClient, content_length: bool) -> None:
    feeds.huge("/exact.ics", 10_000, content_length=content_length)
    feeds.huge("/over.ics", 10_001, content_length=content_length)
    got = await fetch_feed(client, feeds.url("/exact.ics"), max_bytes=10_000)
    assert got.body is not None and len(got.body) == 10_000
    error = await failure(client, feeds.url("/over.ics"), max_bytes=10_000)
    assert error.code == "too_large"


async def test_gzip_bodies_are_decoded(feeds: FeedServer, client: httpx.AsyncClient) -> None:
    feeds.set("/gz.ics", gzip.compress(CALENDAR), headers={"Content-Encoding": "gzip"})
    assert (await fetch_feed(client, feeds.url("/gz.ics"))).body == CALENDAR
    assert "gzip" in feeds.request_headers("/gz.ics")[0]["accept-encoding"]
    feeds.huge("/gz-big.ics", 4 * 1024 * 1024, gzip=True)
    got = await fetch_feed(client, feeds.url("/gz-big.ics"))
    assert got.body is not None and len(got.body) == 4 * 1024 * 1024


@pytest.mark.parametrize(("body", "encoding"), [(b"not gzip at all", "gzip"),
                                                (CALENDAR, "br")])
async def test_undecodable_or_unknown_encodings_are_transport(
        feeds: FeedServer, client: httpx.AsyncClient, body: bytes, encoding: str) -> None:
    feeds.set("/a.ics", body, headers={"Content-Encoding": encoding})
    assert (await failure(client, feeds.url("/a.ics"))).code == "transport"


# ---------------------------------------------------------------------- redirects


def _chain(feeds: FeedServer, hops: int) -> str:
    """``/r0 → /r1 → … → /r{hops-1} → /feed.ics``; returns the first path."""
    for i in range(hops):
        feeds.redirect(f"/r{i}", f"/r{i + 1}" if i + 1 < hops else "/feed.ics",
                       status=(301, 302, 303, 307, 308)[i % 5])
    feeds.set("/feed.ics", CALENDAR)
    return "/r0" if hops else "/feed.ics"


async def test_one_relative_redirect_is_followed(feeds: FeedServer,
                                                 client: httpx.AsyncClient) -> None:
    feeds.redirect("/old/a.ics", "../new/a.ics?s=2")
    feeds.set("/new/a.ics", CALENDAR)
    got = await fetch_feed(client, feeds.url("/old/a.ics?s=1"), etag='"x"')
    assert got.status == "fetched" and got.body == CALENDAR
    assert got.url == feeds.url("/new/a.ics?s=2")
    assert feeds.request_headers("/new/a.ics")[0]["if-none-match"] == '"x"'


async def test_five_redirects_are_followed(feeds: FeedServer,
                                           client: httpx.AsyncClient) -> None:
    got = await fetch_feed(client, feeds.url(_chain(feeds, MAX_REDIRECTS)))
    assert got.body == CALENDAR and got.url == feeds.url("/feed.ics")


async def test_six_redirects_are_too_many(feeds: FeedServer,
                                          client: httpx.AsyncClient) -> None:
    error = await failure(client, feeds.url(_chain(feeds, MAX_REDIRECTS + 1)))
    assert (error.code, error.backoff) == ("too_many_redirects", False)
    assert feeds.requests("/r5") == 1 and feeds.requests("/feed.ics") == 0


@pytest.mark.parametrize("target", ["ftp://example.com/a.ics", "file:///etc/passwd",
                                    "webcal://example.com/a.ics", "javascript:alert(1)",
                                    "http://user:pw@example.com/a.ics", "https://token@example.com/a"])
async def test_redirects_to_other_schemes_or_credentials_are_bad_url(
        feeds: FeedServer, client: httpx.AsyncClient, target: str) -> None:
    feeds.redirect("/a.ics", target)
    error = await failure(client, feeds.url("/a.ics"))
    assert (error.code, error.backoff) == ("bad_url", False)
    assert "pw" not in str(error) and "passwd" not in str(error)


async def test_a_redirect_without_location_is_http_status(
        feeds: FeedServer, client: httpx.AsyncClient) -> None:
    feeds.set("/a.ics", b"", status=302)
    error = await failure(client, feeds.url("/a.ics"))
    assert (error.code, error.http_status) == ("http_status", 302)


async def test_a_bad_url_is_refused_before_any_request(client: httpx.AsyncClient) -> None:
    error = await failure(client, "ftp://example.com/a.ics")
    assert error.code == "bad_url"


# ---------------------------------------------------------------------- secrets


async def test_no_message_or_log_line_shows_the_secret(
        feeds: FeedServer, client: httpx.AsyncClient,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)  # production level: httpx logs each request at INFO
    caplog.set_level(logging.DEBUG, logger=fetch.__name__)
    feeds.set("/500.ics", "x", status=500)
    feeds.set("/html.ics", "<html>", content_type="text/html")
    feeds.redirect(f"/{SECRET}/r.ics", f"/ftp?s={SECRET}")
    feeds.redirect("/ftp", f"ftp://example.com/{SECRET}.ics")
    feeds.redirect("/loop", "/loop")
    feeds.huge("/big.ics", MAX_BYTES + 1)
    feeds.set("/slow.ics", CALENDAR, delay=3)
    codes = set()
    for path in ("/500.ics", "/html.ics", f"/{SECRET}/r.ics", "/loop", "/big.ics",
                 "/slow.ics"):
        error = await failure(client, feeds.url(f"{path}?s={SECRET}"),
                              timeout=httpx.Timeout(5.0, read=0.3))
        codes.add(error.code)
        assert SECRET not in str(error) and SECRET not in repr(error.args)
        assert error.__cause__ is None  # no httpx error (which carries the URL) chained
        assert error.__context__ is None or error.__suppress_context__
    assert codes == {"http_status", "not_calendar", "bad_url", "too_many_redirects",
                     "too_large", "timeout"}
    assert any("redirected" in r.getMessage() for r in caplog.records)
    assert any(r.name == "httpx" and "127.0.0.1" in r.getMessage() for r in caplog.records)
    assert all(SECRET not in r.getMessage() for r in caplog.records)
    got = await fetch_feed(client, feeds.url(f"/big.ics?s={SECRET}"), max_bytes=MAX_BYTES + 1)
    assert SECRET not in repr(got) and "bytes>" in repr(got)


@pytest.mark.parametrize(("url", "shown"), [
    ("https://www.airbnb.com/calendar/ical/12345.ics?s=SECRET",
     "https://www.airbnb.com/calendar/ical/…"),
    ("https://calendar.google.com/calendar/ical/abc%40group.calendar.google.com/"
     "private-0123abcd/basic.ics", "https://calendar.google.com/calendar/ical/…"),
    ("https://admin.booking.com/hotel/hoteladmin/ical.html?t=SECRET",
     "https://admin.booking.com/hotel/hoteladmin/…"),
    ("http://www.vrbo.com/icalendar/abcdef0123456789.ics", "http://www.vrbo.com/icalendar/…"),
    ("https://example.com/feeds/averyveryverylongsecret/cal.ics",
     "https://example.com/feeds/…"),
    ("HTTPS://User:Pw@Example.com:8443/a/b/c/d/e.ics", "https://example.com:8443/a/b/c/…"),
    ("https://example.com/", "https://example.com/"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com?token=SECRET", "https://example.com/…"),
    ("https://example.com/a.ics#SECRET", "https://example.com/…"),
    ("http://[::1]:8080/cal/x.ics", "http://[::1]:8080/cal/…"),
    ("not a url SECRET", "…"),
    ("https://example.com:notaport/SECRET", "…"),
])
def test_redact(url: str, shown: str) -> None:
    assert redact(url) == shown


@given(st.text(alphabet=st.characters(codec="ascii", categories=["L", "N"]),
               min_size=8, max_size=40),
       st.sampled_from(["?s={}", "?t={}&x=1", "/{}.ics", "/private-{}/basic.ics",
                        "#{}", "/{}/{}"]))
def test_redact_never_shows_a_token(token: str, template: str) -> None:
    token = "Q9" + token  # a digit: never taken for a plain path word
    shown = redact("https://feeds.example.com/calendar" + template.format(token, token))
    assert token not in shown and shown.endswith("…")


# ---------------------------------------------------------------------- check_url, API


@pytest.mark.parametrize(("url", "normal"), [
    ("https://www.airbnb.com/calendar/ical/1.ics?s=abc",
     "https://www.airbnb.com/calendar/ical/1.ics?s=abc"),
    ("  HTTPS://WWW.Airbnb.COM/calendar/ical/1.ics  ", "https://www.airbnb.com/calendar/ical/1.ics"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com:443/a#frag", "https://example.com/a"),
    ("http://example.com:8080/a", "http://example.com:8080/a"),
    ("webcal://p01-calendars.icloud.com/published/2/x", "https://p01-calendars.icloud.com/published/2/x"),
    ("https://ex.com/cabaña.ics", "https://ex.com/caba%C3%B1a.ics"),
    ("https://bücher.example/a.ics", "https://xn--bcher-kva.example/a.ics"),
])
def test_check_url_normalises(url: str, normal: str) -> None:
    assert check_url(url) == normal


@pytest.mark.parametrize("url", [
    "", "   ", "ftp://example.com/a.ics", "file:///etc/passwd", "example.com/a.ics",
    "javascript:alert(1)", "https://", "https:///path", "https://user:pw@example.com/a",
    "https://token@example.com/a", "https://example.com/a b", "https://example.com/a\tb",
    "https://example.com/\x00", "https://example.com:99999/a", "https://example.com:x/a",
    "https://example.com/" + "a" * 2000,
])
def test_check_url_refuses(url: str) -> None:
    with pytest.raises(ValueError, match="feed URL") as caught:
        check_url(url)
    assert "pw" not in str(caught.value) and "token" not in str(caught.value)


def test_check_url_length_limit_is_2000_characters() -> None:
    base = "https://example.com/"
    assert check_url(base + "a" * (2000 - len(base))) == base + "a" * (2000 - len(base))
    with pytest.raises(ValueError, match="2,000"):
        check_url(base + "a" * (2001 - len(base)))


def test_fetch_error_codes_and_backoff() -> None:
    assert FetchError("http_status", "m", http_status=429, retry_after=3).backoff
    assert FetchError("http_status", "m", http_status=599).backoff
    assert not FetchError("http_status", "m", http_status=418).backoff
    assert FetchError("timeout", "m").backoff and FetchError("connect", "m").backoff
    for code in ("too_large", "too_many_redirects", "bad_url", "not_calendar", "transport"):
        assert not FetchError(code, "m").backoff
    error = FetchError("http_status", "feed: HTTP 503", http_status=503, retry_after=2.5)
    assert (str(error), error.message, error.retry_after) == ("feed: HTTP 503",
                                                              "feed: HTTP 503", 2.5)
    with pytest.raises(ValueError):
        FetchError("nope", "m")


async def test_feed_client_defaults_and_overrides() -> None:
    async with feed_client() as client:
        assert client.timeout == httpx.Timeout(15.0, connect=5.0)
        assert client.timeout.read == 15.0 and client.timeout.connect == 5.0
        assert client.follow_redirects is False
        assert client.headers["user-agent"] == USER_AGENT
        assert client.headers["accept"].startswith("text/calendar")
    async with feed_client(headers={"X-Extra": "1"}, timeout=3.0) as client:
        assert client.headers["x-extra"] == "1" and client.headers["user-agent"] == USER_AGENT
        assert client.timeout == httpx.Timeout(3.0)


async def test_a_client_that_follows_redirects_still_stops_at_five(
        feeds: FeedServer) -> None:
    async with feed_client(follow_redirects=True) as client:
        error = await failure(client, feeds.url(_chain(feeds, MAX_REDIRECTS + 1)))
    assert error.code == "too_many_redirects"
