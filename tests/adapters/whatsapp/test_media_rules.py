"""The media rules one by one: checksums, ids, the info answer, URL redaction, redirects."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from posada.adapters.local_server import LocalServer
from posada.adapters.whatsapp.client import CloudApi
from posada.adapters.whatsapp.media import (
    MAX_REDIRECTS,
    MediaFailed,
    MediaInfo,
    check_media_id,
    parse_info,
    redact,
    sha256_matches,
)

DATA = b"OggS voice note"
DIGEST = hashlib.sha256(DATA).digest()
TOKEN = "EAAG-redirect-token"


@pytest.mark.parametrize("expected", [
    DIGEST.hex(), DIGEST.hex().upper(), f"  {DIGEST.hex()} ", base64.b64encode(DIGEST).decode(),
    base64.urlsafe_b64encode(DIGEST).decode().rstrip("=")])
def test_the_checksum_is_read_as_hex_or_base64(expected: str) -> None:
    assert sha256_matches(DATA, expected)
    assert not sha256_matches(DATA + b"!", expected)


@pytest.mark.parametrize("expected", [None, "", "0" * 64, "zz" * 32, DIGEST.hex()[:-2],
                                      base64.b64encode(DIGEST[:-1]).decode(), "=" * 44,
                                      hashlib.sha1(DATA).hexdigest()])  # noqa: S324
def test_anything_else_is_no_match(expected: str | None) -> None:
    assert not sha256_matches(DATA, expected)


def test_media_ids_are_digits_within_the_id_limit() -> None:
    assert check_media_id(" 1093847562019384 ") == "1093847562019384"
    assert check_media_id("7" * 200) == "7" * 200
    for bad in (None, 12345, "1" * 201, "12 34", "12/34", "0x12", "١٢٣"):
        with pytest.raises(MediaFailed) as caught:
            check_media_id(bad)
        assert (caught.value.code, caught.value.kind) == ("media_not_found", "final")


def test_the_info_answer_is_read_tolerantly() -> None:
    info = parse_info({"messaging_product": "whatsapp", "url": "https://lookaside.fbsbx.com/"
                       "whatsapp_business/attachments/?mid=1&ext=2&hash=SECRET",
                       "mime_type": "audio/ogg; codecs=opus", "sha256": DIGEST.hex(),
                       "file_size": "303833", "id": "1"}, "1")
    assert (info.mime_type, info.sha256, info.file_size, info.id) == (
        "audio/ogg; codecs=opus", DIGEST.hex(), 303833, "1")
    assert "SECRET" not in repr(info)
    odd = parse_info({"url": "http://x/y", "file_size": True, "mime_type": 3}, "2")
    assert (odd.file_size, odd.mime_type, odd.sha256) == (None, None, None)
    for body in (None, [], {}, {"url": 5}, {"url": "ftp://x/y"}, {"url": "/relative"},
                 {"url": "https://x/" + "a" * 5000}):
        with pytest.raises(MediaFailed) as caught:
            parse_info(body, "1")
        assert (caught.value.code, caught.value.kind) == ("media_unavailable", "retry")


def test_redact_keeps_host_and_path_only() -> None:
    assert redact("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1&hash=S"
                  ) == "https://lookaside.fbsbx.com/whatsapp_business/attachments/…"
    assert redact("http://user:pw@127.0.0.1:8080/a#frag") == "http://127.0.0.1:8080/a…"
    assert redact("HTTPS://host") == "https://host/"
    assert redact("not a url") == redact("http://[::1") == "…"


def test_unknown_codes_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown"):
        MediaFailed("nope", "final", "x")  # type: ignore[arg-type]


# ---------------------------------------------------------------------- redirects


@dataclass
class Hops:
    """``/hop/{n}`` redirects to ``/hop/{n-1}``; ``/hop/0`` is the file; ``/away`` redirects
    to ``elsewhere``; every request's ``Authorization`` is kept in ``seen``."""

    elsewhere: str = ""
    seen: list[tuple[str, str | None]] = field(default_factory=list)

    async def hop(self, request: Request) -> Response:
        n = int(request.path_params["n"])
        self.seen.append((request.url.path, request.headers.get("authorization")))
        if n == 0:
            return Response(DATA, media_type="audio/ogg")
        return RedirectResponse(f"/hop/{n - 1}?hash=s{n}", 302)

    async def away(self, request: Request) -> Response:
        self.seen.append((request.url.path, request.headers.get("authorization")))
        return RedirectResponse(f"{self.elsewhere}/hop/0", 307)

    async def empty(self, request: Request) -> Response:
        return Response(b"", 302)


@pytest.fixture
def servers() -> Iterator[tuple[Hops, str, str]]:
    hops = Hops()
    app = Starlette(routes=[Route("/hop/{n}", hops.hop), Route("/away", hops.away),
                            Route("/empty", hops.empty)])
    first, second = LocalServer(app, name="media-a"), LocalServer(app, name="media-b")
    here, there = first.start(), second.start()
    hops.elsewhere = there
    try:
        yield hops, here, there
    finally:
        first.stop()
        second.stop()


@pytest.fixture
async def api(servers: tuple[Hops, str, str]) -> AsyncIterator[CloudApi]:
    client = CloudApi(servers[1], "v21.0", "1", TOKEN, timeout=2)
    yield client
    await client.aclose()


def at(url: str) -> MediaInfo:
    return MediaInfo(url, "audio/ogg", DIGEST.hex(), len(DATA), "1")


async def test_a_few_redirects_are_followed_with_the_token(
        servers: tuple[Hops, str, str], api: CloudApi) -> None:
    hops, here, _ = servers
    assert await api.download_media(at(f"{here}/hop/{MAX_REDIRECTS}")) == DATA
    assert [auth for _, auth in hops.seen] == [f"Bearer {TOKEN}"] * (MAX_REDIRECTS + 1)


async def test_too_many_redirects_or_one_without_location_are_final(
        servers: tuple[Hops, str, str], api: CloudApi) -> None:
    hops, here, _ = servers
    for url in (f"{here}/hop/{MAX_REDIRECTS + 1}", f"{here}/empty"):
        with pytest.raises(MediaFailed) as caught:
            await api.download_media(at(url))
        assert (caught.value.code, caught.value.kind) == ("media_unavailable", "final")
    assert len(hops.seen) == MAX_REDIRECTS + 1  # the last hop was never asked for


async def test_the_token_never_follows_a_redirect_to_another_origin(
        servers: tuple[Hops, str, str], api: CloudApi) -> None:
    hops, here, there = servers
    assert here != there
    assert await api.download_media(at(f"{here}/away")) == DATA
    assert hops.seen == [("/away", f"Bearer {TOKEN}"), ("/hop/0", None)]
