"""CloudApi.get_media / download_media against FakeGraph (a real HTTP server)."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time

import pytest

from posada.adapters.whatsapp.client import CloudApi
from posada.adapters.whatsapp.fake import FakeGraph
from posada.adapters.whatsapp.media import (
    MAX_MEDIA_BYTES,
    MediaFailed,
    MediaInfo,
    fetch_media,
)
from tests.adapters.whatsapp.conftest import TOKEN

VOICE = b"OggS\x00\x02" + bytes(range(256)) * 40  # ~10 KiB, not all one byte


async def download_fails(api: CloudApi, info: MediaInfo, max_bytes: int = MAX_MEDIA_BYTES
                         ) -> MediaFailed:
    with pytest.raises(MediaFailed) as caught:
        await api.download_media(info, max_bytes)
    return caught.value


async def info_fails(api: CloudApi, media_id: str) -> MediaFailed:
    with pytest.raises(MediaFailed) as caught:
        await api.get_media(media_id)
    return caught.value


async def settled(graph: FakeGraph) -> int:
    """``bytes_sent`` once it has stopped growing for 0.2 s (waiting at most 5 s)."""
    last, deadline = -1, time.monotonic() + 5
    while graph.media.bytes_sent != last and time.monotonic() < deadline:
        last = graph.media.bytes_sent
        await asyncio.sleep(0.2)
    return graph.media.bytes_sent


async def test_a_voice_note_is_fetched_checked_and_the_token_sent_on_both_calls(
        graph: FakeGraph, api: CloudApi) -> None:
    media_id = graph.add_media(VOICE)
    info = await api.get_media(media_id)
    assert (info.id, info.mime_type, info.file_size) == (media_id, "audio/ogg; codecs=opus",
                                                         len(VOICE))
    assert info.sha256 == hashlib.sha256(VOICE).hexdigest()
    assert await api.download_media(info) == VOICE
    assert [(r.where, r.media_id, r.authorization, r.status) for r in graph.media.requests] == [
        ("info", media_id, f"Bearer {TOKEN}", 200),
        ("download", media_id, f"Bearer {TOKEN}", 200)]
    assert "hash=" in info.url and "hash=" not in repr(info) and "…" in repr(info)


async def test_fetch_media_gets_a_fresh_url_once_when_the_first_expired(
        graph: FakeGraph, api: CloudApi) -> None:
    media_id = graph.add_media(VOICE)
    graph.media.fail_next(1, 410, where="download")
    info, data = await fetch_media(api, media_id)
    assert data == VOICE and info.id == media_id
    assert [(r.where, r.status) for r in graph.media.requests] == [
        ("info", 200), ("download", 410), ("info", 200), ("download", 200)]
    graph.media.fail_next(2, 404, where="download")
    with pytest.raises(MediaFailed) as caught:
        await fetch_media(api, media_id)
    assert (caught.value.code, caught.value.kind) == ("media_expired", "retry")


@pytest.mark.parametrize("media_id", ["../v21.0/me", "12a4", "", "  ", "1" * 201, "١٢٣",
                                      "123?fields=url"])
async def test_what_is_no_media_id_is_refused_before_any_request(
        graph: FakeGraph, api: CloudApi, media_id: str) -> None:
    error = await info_fails(api, media_id)
    assert (error.code, error.kind, error.http_status) == ("media_not_found", "final", None)
    assert graph.media.requests == []


async def test_unknown_and_removed_media_are_not_found(graph: FakeGraph, api: CloudApi) -> None:
    error = await info_fails(api, "1093847562019999")
    assert (error.code, error.kind, error.http_status, error.meta_code) == (
        "media_not_found", "final", 400, 100)
    media_id = graph.add_media(VOICE)
    info = await api.get_media(media_id)
    graph.media.remove(media_id)
    assert (await info_fails(api, media_id)).code == "media_not_found"
    assert (await download_fails(api, info)).code == "media_expired"


async def test_an_expired_url_is_media_expired(graph: FakeGraph, api: CloudApi) -> None:
    info = await api.get_media(graph.add_media(VOICE))
    graph.media.advance(299)
    assert await api.download_media(info) == VOICE
    graph.media.advance(2)
    error = await download_fails(api, info)
    assert (error.code, error.kind, error.http_status) == ("media_expired", "retry", 404)
    fresh = await api.get_media(info.id)
    assert fresh.url != info.url and await api.download_media(fresh) == VOICE
    graph.media.expire_urls()
    assert (await download_fails(api, fresh)).code == "media_expired"


@pytest.mark.parametrize("status", [403, 404, 410])
async def test_a_download_url_answering_gone_is_expired(graph: FakeGraph, api: CloudApi,
                                                        status: int) -> None:
    info = await api.get_media(graph.add_media(VOICE))
    graph.media.fail_next(1, status, where="download")
    error = await download_fails(api, info)
    assert (error.code, error.kind, error.http_status) == ("media_expired", "retry", status)


async def test_a_wrong_checksum_is_refused(graph: FakeGraph, api: CloudApi) -> None:
    info = await api.get_media(graph.add_media(VOICE, sha256="0" * 64))
    error = await download_fails(api, info)
    assert (error.code, error.kind) == ("media_checksum", "retry")
    other = await api.get_media(graph.add_media(VOICE, sha256=hashlib.sha256(b"x").hexdigest()))
    assert (await download_fails(api, other)).code == "media_checksum"


async def test_no_announced_checksum_is_refused_too(graph: FakeGraph, api: CloudApi) -> None:
    info = await api.get_media(graph.add_media(VOICE))
    bare = MediaInfo(info.url, info.mime_type, None, info.file_size, info.id)
    assert (await download_fails(api, bare)).code == "media_checksum"


async def test_a_500_once_then_ok_on_either_call(graph: FakeGraph, api: CloudApi) -> None:
    media_id = graph.add_media(VOICE)
    graph.media.fail_next(1, 500, where="info", code=131000)
    error = await info_fails(api, media_id)
    assert (error.code, error.kind, error.http_status, error.meta_code) == (
        "media_unavailable", "retry", 500, 131000)
    info = await api.get_media(media_id)
    graph.media.fail_next(1, 503, where="download")
    error = await download_fails(api, info)
    assert (error.code, error.kind, error.http_status) == ("media_unavailable", "retry", 503)
    assert await api.download_media(info) == VOICE


@pytest.mark.parametrize(("status", "code", "expected"), [
    (429, None, ("media_unavailable", "retry")), (400, 4, ("media_unavailable", "retry")),
    (401, 190, ("media_unavailable", "owner")), (403, 200, ("media_unavailable", "owner")),
    (404, None, ("media_not_found", "final")), (400, 131051, ("media_unavailable", "final"))])
async def test_graph_errors_on_the_info_call_map_to_codes_and_kinds(
        graph: FakeGraph, api: CloudApi, status: int, code: int | None,
        expected: tuple[str, str]) -> None:
    media_id = graph.add_media(VOICE)
    graph.media.fail_next(1, status, where="info", code=code)
    error = await info_fails(api, media_id)
    assert (error.code, error.kind) == expected and error.http_status == status


async def test_a_bad_token_is_the_owners_on_both_calls(graph: FakeGraph, api: CloudApi) -> None:
    media_id = graph.add_media(VOICE)
    info = await api.get_media(media_id)
    wrong = CloudApi(graph.url, "v21.0", "419561257915477", "expired-token", timeout=2)
    try:
        error = await info_fails(wrong, media_id)
        assert (error.code, error.kind, error.http_status) == ("media_unavailable", "owner", 401)
        error = await download_fails(wrong, info)
        assert (error.code, error.kind, error.http_status) == ("media_unavailable", "owner", 401)
    finally:
        await wrong.aclose()


async def test_an_announced_size_over_the_limit_is_refused_before_downloading(
        graph: FakeGraph, api: CloudApi) -> None:
    info = await api.get_media(graph.add_media(VOICE, file_size=MAX_MEDIA_BYTES + 1))
    error = await download_fails(api, info)
    assert (error.code, error.kind) == ("media_too_large", "final")
    assert (await download_fails(api, info, max_bytes=len(VOICE) - 1)).code == "media_too_large"
    assert [r.where for r in graph.media.requests] == ["info"]


async def test_a_lying_file_size_is_caught_by_content_length(graph: FakeGraph,
                                                             api: CloudApi) -> None:
    info = await api.get_media(graph.add_media(VOICE, file_size=10))
    error = await download_fails(api, info, max_bytes=1024)
    assert error.code == "media_too_large" and "Content-Length" in error.message


async def test_a_body_without_length_is_cut_off_past_the_limit(graph: FakeGraph,
                                                                api: CloudApi) -> None:
    huge = bytes(24 * 1024 * 1024)
    info = await api.get_media(graph.add_media(huge, file_size=1000))
    graph.media.chunked()
    error = await download_fails(api, info, max_bytes=1024 * 1024)
    assert error.code == "media_too_large" and "Content-Length" not in error.message
    assert await settled(graph) < len(huge)  # the client hung up: the rest was never sent
    graph.media.chunked(False)
    small = await api.get_media(graph.add_media(VOICE))
    assert await api.download_media(small, max_bytes=len(VOICE)) == VOICE


async def test_a_slow_download_times_out_as_retryable(graph: FakeGraph) -> None:
    info_api = CloudApi(graph.url, "v21.0", "1", TOKEN, timeout=0.3)
    deadline_api = CloudApi(graph.url, "v21.0", "1", TOKEN, timeout=2, media_deadline=0.3)
    try:
        info = await info_api.get_media(graph.add_media(VOICE))
        graph.media.throttle(pause=1.0)
        error = await download_fails(info_api, info)
        assert (error.code, error.kind, error.http_status) == ("media_unavailable", "retry",
                                                               None)
        graph.media.throttle(pause=0.1, chunk=64)  # each read in time, the whole too slow
        error = await download_fails(deadline_api, info)
        assert (error.code, error.kind) == ("media_unavailable", "retry")
        assert "within 0.3 s" in error.message
    finally:
        await info_api.aclose()
        await deadline_api.aclose()


async def test_nothing_listening_is_retryable(graph: FakeGraph, api: CloudApi) -> None:
    closed = CloudApi("http://127.0.0.1:9", "v21.0", "1", TOKEN, timeout=1)
    try:
        error = await info_fails(closed, "1093847562019384")
        assert (error.code, error.kind, error.http_status) == ("media_unavailable", "retry",
                                                               None)
        info = MediaInfo("http://127.0.0.1:9/x?hash=1", None, "0" * 64, None, "1")
        assert (await download_fails(api, info)).kind == "retry"
    finally:
        await closed.aclose()


async def test_an_https_graph_never_downloads_over_plain_http(graph: FakeGraph) -> None:
    secure = CloudApi("https://127.0.0.1:9", "v21.0", "1", TOKEN, timeout=1)
    try:
        media_id = graph.add_media(VOICE)
        plain = MediaInfo(f"{graph.url}/whatsapp_business/attachments/?mid={media_id}",
                          None, hashlib.sha256(VOICE).hexdigest(), len(VOICE), media_id)
        error = await download_fails(secure, plain)
        assert (error.code, error.kind) == ("media_unavailable", "final")
        assert graph.media.requests == []
    finally:
        await secure.aclose()


async def test_neither_token_nor_url_signature_reach_the_logs(
        graph: FakeGraph, api: CloudApi, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    info = await api.get_media(graph.add_media(VOICE))
    await api.download_media(info)
    graph.media.fail_next(1, 500, where="download")
    await download_fails(api, info)
    signature = info.url.rsplit("hash=", 1)[1]
    assert any("whatsapp_business/attachments" in r.getMessage() for r in caplog.records)
    for record in caplog.records:
        assert TOKEN not in record.getMessage() and signature not in record.getMessage()
