"""FeedServer serves iCal feeds over real HTTP, from sync and async code."""

from __future__ import annotations

import asyncio
import gzip
import threading
import zlib

import httpx
import pytest

from posada.adapters.ical.fake import FeedServer, auto_etag, huge_chunks, sample_calendar


def test_set_serves_a_calendar_with_an_auto_etag_and_counts_requests() -> None:
    body = sample_calendar(2)
    with FeedServer() as feeds:
        feeds.set("/a.ics", body)
        assert feeds.url("/a.ics").startswith("http://127.0.0.1:")
        answer = httpx.get(feeds.url("/a.ics?s=secret"), headers={"User-Agent": "probe/1"})
        assert answer.status_code == 200
        assert answer.content == body
        assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
        assert answer.headers["etag"] == auto_etag(body)
        assert feeds.requests("/a.ics") == 1 and feeds.requests("a.ics") == 1
        assert feeds.request_headers("/a.ics")[0]["user-agent"] == "probe/1"
        assert httpx.get(feeds.url("/other.ics")).status_code == 404
        assert feeds.requests("/other.ics") == 1
        url = feeds.url("/a.ics")
    with pytest.raises(httpx.TransportError):
        httpx.get(url, timeout=1)


def test_sample_calendar_is_valid_looking() -> None:
    text = sample_calendar(3, uid_prefix="x").decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 3
    assert "UID:x-2@posada.test" in text
    assert "DTSTART;VALUE=DATE:20270107\r\nDTEND;VALUE=DATE:20270109" in text


def test_if_none_match_gets_304_and_a_changed_body_a_new_etag() -> None:
    with FeedServer() as feeds:
        feeds.set("/a.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        etag = httpx.get(feeds.url("/a.ics")).headers["etag"]
        for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
            again = httpx.get(feeds.url("/a.ics"), headers={"If-None-Match": header})
            assert again.status_code == 304 and again.content == b""
            assert again.headers["etag"] == etag
        assert httpx.get(feeds.url("/a.ics"),
                         headers={"If-None-Match": '"other"'}).status_code == 200
        feeds.set("/a.ics", "BEGIN:VCALENDAR\r\nX-CHANGED:1\r\nEND:VCALENDAR\r\n")
        changed = httpx.get(feeds.url("/a.ics"), headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_if_modified_since_and_explicit_or_no_etag() -> None:
    modified = "Wed, 01 Jul 2026 10:00:00 GMT"
    with FeedServer() as feeds:
        feeds.set("/a.ics", b"BEGIN:VCALENDAR", etag=None, headers={"Last-Modified": modified})
        plain = httpx.get(feeds.url("/a.ics"))
        assert "etag" not in plain.headers and plain.headers["last-modified"] == modified
        assert httpx.get(feeds.url("/a.ics"),
                         headers={"If-Modified-Since": modified}).status_code == 304
        assert httpx.get(feeds.url("/a.ics"), headers={
            "If-Modified-Since": "Tue, 30 Jun 2026 10:00:00 GMT"}).status_code == 200
        feeds.set("/b.ics", b"BEGIN:VCALENDAR", etag='W/"v7"')
        assert httpx.get(feeds.url("/b.ics")).headers["etag"] == 'W/"v7"'
        assert httpx.get(feeds.url("/b.ics"),
                         headers={"If-None-Match": '"v7"'}).status_code == 304


def test_error_statuses_are_never_304_and_carry_their_headers() -> None:
    with FeedServer() as feeds:
        feeds.set("/busy.ics", "slow down", status=429, content_type="text/plain",
                  headers={"Retry-After": "120"})
        answer = httpx.get(feeds.url("/busy.ics"), headers={"If-None-Match": "*"})
        assert answer.status_code == 429 and answer.text == "slow down"
        assert answer.headers["retry-after"] == "120"
        assert answer.headers["content-type"].startswith("text/plain")
        feeds.set("/bare.ics", b"x", content_type=None)
        assert "content-type" not in httpx.get(feeds.url("/bare.ics")).headers


def test_dynamic_bodies_and_changing_uids_see_the_request_number() -> None:
    with FeedServer() as feeds:
        feeds.set_dynamic("/n.ics", lambda n: f"request {n}".encode())
        assert [httpx.get(feeds.url("/n.ics")).text for _ in range(3)] == [
            "request 1", "request 2", "request 3"]
        feeds.changing_uids("/roll.ics", 5)
        first, second = (httpx.get(feeds.url("/roll.ics")) for _ in range(2))
        assert "UID:r1-4@posada.test" in first.text and "UID:r2-4@posada.test" in second.text
        assert first.headers["etag"] != second.headers["etag"]
        assert first.text.replace("r1-", "r2-") == second.text


def test_redirects_are_sent_as_given() -> None:
    with FeedServer() as feeds:
        feeds.redirect("/old.ics", "/new.ics", status=301)
        feeds.redirect("/ftp.ics", "ftp://example.com/x.ics")
        feeds.set("/new.ics", b"BEGIN:VCALENDAR")
        moved = httpx.get(feeds.url("/old.ics"))
        assert moved.status_code == 301 and moved.headers["location"] == "/new.ics"
        assert httpx.get(feeds.url("/old.ics"), follow_redirects=True).content == (
            b"BEGIN:VCALENDAR")
        assert httpx.get(feeds.url("/ftp.ics")).headers["location"] == (
            "ftp://example.com/x.ics")
        feeds.remove("/new.ics")
        assert httpx.get(feeds.url("/new.ics")).status_code == 404


@pytest.mark.parametrize("size", [0, 10, 200, 65_536, 1_000_003])
def test_huge_chunks_are_exactly_the_size_and_small(size: int) -> None:
    pieces = list(huge_chunks(size, chunk=4096))
    assert sum(map(len, pieces)) == size
    assert max(map(len, pieces)) < 4096 + 400
    if size >= 200:
        text = b"".join(pieces)
        assert text.startswith(b"BEGIN:VCALENDAR\r\n") and text.endswith(b"END:VCALENDAR\r\n")


def test_huge_streams_with_or_without_content_length_and_gzip() -> None:
    size = 3 * 1024 * 1024 + 17
    with FeedServer() as feeds:
        feeds.huge("/len.ics", size)
        feeds.huge("/chunked.ics", size, content_length=False)
        feeds.huge("/gz.ics", size, gzip=True)
        with httpx.stream("GET", feeds.url("/len.ics")) as answer:
            assert answer.headers["content-length"] == str(size)
            assert sum(len(c) for c in answer.iter_bytes()) == size
        with httpx.stream("GET", feeds.url("/chunked.ics")) as answer:
            assert "content-length" not in answer.headers
            assert answer.headers["transfer-encoding"] == "chunked"
            assert sum(len(c) for c in answer.iter_bytes()) == size
        with httpx.stream("GET", feeds.url("/gz.ics"),
                          headers={"Accept-Encoding": "identity"}) as answer:
            assert answer.headers["content-encoding"] == "gzip"
            wire = b"".join(answer.iter_raw())
        assert len(wire) < size // 50
        decoded = gzip.decompress(wire)
        assert len(decoded) == size and decoded.endswith(b"END:VCALENDAR\r\n")
        assert zlib.crc32(decoded) == zlib.crc32(b"".join(huge_chunks(size)))


def test_delay_holds_the_answer() -> None:
    with FeedServer() as feeds:
        feeds.set("/slow.ics", b"BEGIN:VCALENDAR", delay=2)
        with pytest.raises(httpx.ReadTimeout):
            httpx.get(feeds.url("/slow.ics"), timeout=httpx.Timeout(5, read=0.2))
        assert feeds.requests("/slow.ics") == 1


def test_request_headers_keep_the_last_ones() -> None:
    with FeedServer(keep_headers=2) as feeds:
        feeds.set("/a.ics", b"x")
        for i in range(4):
            httpx.get(feeds.url("/a.ics"), headers={"X-Try": str(i)})
        assert [h["x-try"] for h in feeds.request_headers("/a.ics")] == ["2", "3"]
        assert feeds.requests("/a.ics") == 4


def test_setting_feeds_from_another_thread_while_serving() -> None:
    with FeedServer() as feeds:
        feeds.set("/a.ics", b"v0")
        stop = threading.Event()

        def writer() -> None:
            i = 0
            while not stop.is_set():
                i += 1
                feeds.set("/a.ics", f"v{i}".encode())

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            answers = [httpx.get(feeds.url("/a.ics")) for _ in range(20)]
        finally:
            stop.set()
            thread.join()
        assert all(a.status_code == 200 and a.text.startswith("v") for a in answers)
        assert all(a.headers["etag"] == auto_etag(a.content) for a in answers)


async def test_hundreds_of_concurrent_feeds() -> None:
    async with FeedServer() as feeds:
        bodies = {f"/feeds/{i}.ics": sample_calendar(20, uid_prefix=f"f{i}")
                  for i in range(300)}
        for path, body in bodies.items():
            feeds.set(path, body, delay=0.2)  # all 300 are open at once
        limits = httpx.Limits(max_connections=300)
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:
            answers = await asyncio.gather(*(client.get(feeds.url(p)) for p in bodies))
        assert [a.content for a in answers] == list(bodies.values())
        assert all(feeds.requests(path) == 1 for path in bodies)
