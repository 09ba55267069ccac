"""A guest's media (voice notes) from the Cloud API: ``get_media``, then ``download_media``.

Meta's media reference
(https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media/):
``GET {base_url}/{version}/{media-id}`` with ``Authorization: Bearer <token>`` answers
``{"messaging_product", "url", "mime_type", "sha256", "file_size", "id"}`` — ``sha256`` is the
hex SHA-256 of the file, ``file_size`` bytes (a number, or a decimal string); the ``url``
lives 5 minutes and is downloaded with the same bearer token. Media ids in webhooks live
7 days, so an expired URL is cured by asking for a fresh one (``fetch_media`` does it once).
WhatsApp's audio limit is 16 MB (Supported media types), hence ``MAX_MEDIA_BYTES``.

Every failure is one ``MediaFailed`` with a stable ``code`` and a ``kind``. The token is never
logged nor put in an exception, and media URLs (their query carries a signature) are only
ever shown as ``redact(url)`` — httpx's own ``HTTP Request:`` log line included.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextvars
import hashlib
import hmac
import logging
from dataclasses import dataclass
from typing import Literal, Protocol, get_args
from urllib.parse import urlsplit

import httpx

from posada.adapters.http_headers import retry_after
from posada.adapters.http_logs import hide_httpx_urls
from posada.adapters.whatsapp.codes import (
    MAX_RETRY_AFTER,
    OWNER_CODES,
    PERMISSION_CODES,
    RETRY_CODES,
)
from posada.adapters.whatsapp.items import MAX_ID_LENGTH, ident

log = logging.getLogger(__name__)

#: Largest media accepted, in bytes (WhatsApp's own limit for audio: 16 MB).
MAX_MEDIA_BYTES = 16 * 1024 * 1024
#: Redirects followed on a download (Meta's media URL answers directly; a CDN may bounce).
MAX_REDIRECTS = 3
#: Seconds for a whole download, redirects and body included (a dripping server is cut).
DOWNLOAD_DEADLINE = 60.0
#: Longest media URL accepted, in characters.
MAX_URL_LENGTH = 4096
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: A download URL answering one of these has expired (or was revoked): get a fresh one.
EXPIRED_STATUSES = frozenset({403, 404, 410})

MediaCode = Literal["media_not_found", "media_too_large", "media_checksum", "media_expired",
                    "media_unavailable"]
MediaKind = Literal["retry", "owner", "final"]
CODES: frozenset[str] = frozenset(get_args(MediaCode))

_DOWNLOADING: contextvars.ContextVar[bool] = contextvars.ContextVar("media_downloading",
                                                                   default=False)


class MediaFailed(Exception):
    """Media that could not be fetched.

    ``code``: ``media_not_found`` (not a media id, an unknown or deleted one: Graph's 404 or
    400 with code 100), ``media_too_large`` (``file_size``, ``Content-Length`` or the bytes
    read pass ``max_bytes``), ``media_checksum`` (the bytes' SHA-256 differs from the one
    announced, or none usable was announced), ``media_expired`` (the download URL answered
    403/404/410: ask ``get_media`` for a fresh one), ``media_unavailable`` (everything else:
    5xx, 429, throttling codes, timeouts, connect errors, a lost connection, a bad token,
    an unexpected answer).
    ``kind``: ``retry`` (trying again later may work: 5xx/429/throttling, timeouts, connect
    and transport errors, ``media_expired``, ``media_checksum``), ``owner`` (401, code 190,
    missing permission 10/200 or 403 from Graph: only the owner can fix the token) or
    ``final`` (the same request will fail the same way). ``http_status`` is ``None`` when no
    answer came; ``meta_code`` is Meta's error code; ``retry_after`` seconds from the
    answer's ``Retry-After``. The message never holds the token nor a URL's query.
    """

    def __init__(self, code: MediaCode, kind: MediaKind, message: str, *,
                 http_status: int | None = None, meta_code: int | None = None,
                 retry_after: float | None = None) -> None:
        if code not in CODES:
            raise ValueError(f"unknown MediaFailed code {code!r}")
        super().__init__(f"{code} ({kind}): {message}")
        self.code: MediaCode = code
        self.kind: MediaKind = kind
        self.message = message
        self.http_status = http_status
        self.meta_code = meta_code
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class MediaInfo:
    """What ``GET /{version}/{media-id}`` says of one media: ``id`` (digits), ``url`` (the
    download URL, valid 5 minutes; it carries a signature: show ``redact(url)``),
    ``mime_type`` (``audio/ogg; codecs=opus`` for a voice note) or ``None``, ``sha256`` as
    announced (hex; base64 is read too) or ``None``, ``file_size`` in bytes or ``None``."""

    url: str
    mime_type: str | None
    sha256: str | None
    file_size: int | None
    id: str

    def __repr__(self) -> str:
        return (f"MediaInfo(id={self.id!r}, url={redact(self.url)!r}, "
                f"mime_type={self.mime_type!r}, sha256={self.sha256!r}, "
                f"file_size={self.file_size!r})")


class MediaFetcher(Protocol):
    """What the voice-note pipeline needs of WhatsApp media (``CloudApi`` over HTTP, or
    ``fake_media.MemoryMedia`` in process)."""

    async def get_media(self, media_id: str) -> MediaInfo: ...

    async def download_media(self, info: MediaInfo, max_bytes: int = MAX_MEDIA_BYTES
                             ) -> bytes: ...


async def fetch_media(fetcher: MediaFetcher, media_id: str, *,
                      max_bytes: int = MAX_MEDIA_BYTES) -> tuple[MediaInfo, bytes]:
    """``get_media`` then ``download_media`` at once; when the URL has expired by then
    (``media_expired``), once more with a fresh URL. Returns the info and the checked bytes.
    Raises ``MediaFailed`` (any code)."""
    info = await fetcher.get_media(media_id)
    try:
        return info, await fetcher.download_media(info, max_bytes)
    except MediaFailed as error:
        if error.code != "media_expired":
            raise
    info = await fetcher.get_media(media_id)
    return info, await fetcher.download_media(info, max_bytes)


def check_media_id(value: object) -> str:
    """``value`` as a media id: ASCII digits (surrounding spaces ignored), at most
    ``items.MAX_ID_LENGTH`` characters. Raises ``MediaFailed`` ``media_not_found`` (final)
    otherwise — so no path or query can be smuggled into the Graph URL."""
    text = ident(value, MAX_ID_LENGTH)
    if text is None or not (text.isascii() and text.isdigit()):
        raise MediaFailed("media_not_found", "final", "not a media id (digits expected)")
    return text


def sha256_matches(data: bytes, expected: str | None) -> bool:
    """Whether ``expected`` — the SHA-256 of ``data`` as 64 hex digits (the media endpoint's
    form) or as base64 of the 32-byte digest (standard or URL-safe alphabet) — is that of
    ``data``. ``False`` for ``None`` or anything that is neither. Constant-time compare."""
    digest = hashlib.sha256(data).digest()
    text = (expected or "").strip()
    candidates: list[bytes] = []
    if len(text) == 64:
        try:
            candidates.append(bytes.fromhex(text))
        except ValueError:
            pass
    if len(text) in (43, 44):
        padded = text + "=" * (-len(text) % 4)
        try:
            candidates.append(base64.b64decode(padded.replace("-", "+").replace("_", "/"),
                                               validate=True))
        except (binascii.Error, ValueError):
            pass
    return any(len(c) == 32 and hmac.compare_digest(c, digest) for c in candidates)


def check_announced(info: MediaInfo, max_bytes: int) -> None:
    """Raises ``MediaFailed`` ``media_too_large`` (final) when ``info.file_size`` passes
    ``max_bytes`` — before any byte is downloaded."""
    if info.file_size is not None and info.file_size > max_bytes:
        raise MediaFailed("media_too_large", "final", f"media {info.id}: file_size "
                          f"{info.file_size:,} bytes, over {max_bytes:,}")


def check_bytes(data: bytes, info: MediaInfo, max_bytes: int) -> bytes:
    """``data`` when it is at most ``max_bytes`` long and its SHA-256 is ``info.sha256``.
    Raises ``MediaFailed`` ``media_too_large`` (final) or ``media_checksum`` (retry)."""
    if len(data) > max_bytes:
        raise MediaFailed("media_too_large", "final",
                          f"media {info.id}: over {max_bytes:,} bytes")
    if not sha256_matches(data, info.sha256):
        raise MediaFailed("media_checksum", "retry", f"media {info.id}: SHA-256 of the "
                          f"{len(data):,} bytes is not the one announced")
    return data


def redact(url: str) -> str:
    """``url`` safe to log: ``scheme://host[:port]/path`` — user info, query (where Meta's
    signature lives) and fragment dropped; ``…`` marks that something was. ``…`` alone for
    a string that is no URL."""
    try:
        parts = urlsplit(url.strip())
        host, port = parts.hostname, parts.port
    except ValueError:
        return "…"
    if not parts.scheme or not host:
        return "…"
    netloc = f"{host}:{port}" if port is not None else host
    hidden = bool(parts.query or parts.fragment or "@" in parts.netloc)
    return f"{parts.scheme.lower()}://{netloc}{parts.path or '/'}{'…' if hidden else ''}"


def _meta_code(response: httpx.Response) -> int | None:
    """``error.code`` of a Graph error body, or ``None``."""
    try:
        body = response.json()
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    return code if isinstance(code, int) and not isinstance(code, bool) else None


def _wait(response: httpx.Response) -> float | None:
    return retry_after(response.headers.get("retry-after"), cap=MAX_RETRY_AFTER)


def info_failure(response: httpx.Response, media_id: str) -> MediaFailed:
    """The ``MediaFailed`` for an error answer to ``GET /{version}/{media-id}``."""
    status, code = response.status_code, _meta_code(response)
    where = f"media {media_id}: HTTP {status} code {code}"
    code_name: MediaCode = "media_unavailable"
    if code in OWNER_CODES or code in PERMISSION_CODES or status in (401, 403):
        kind: MediaKind = "owner"
        where += " (token or permission)"
    elif code in RETRY_CODES or status == 429 or status >= 500:
        kind = "retry"
    elif code == 100 or status in (404, 410):
        code_name, kind = "media_not_found", "final"
    else:
        kind = "final"
    return MediaFailed(code_name, kind, where, http_status=status, meta_code=code,
                       retry_after=_wait(response))


def parse_info(body: object, media_id: str) -> MediaInfo:
    """The ``MediaInfo`` in a 2xx answer's JSON ``body`` for ``media_id``. Raises
    ``MediaFailed`` ``media_unavailable`` (retry) when it is no object or has no usable
    http(s) ``url``."""
    data = body if isinstance(body, dict) else {}
    url = data.get("url")
    scheme = urlsplit(url).scheme.lower() if isinstance(url, str) else ""
    if not isinstance(url, str) or len(url) > MAX_URL_LENGTH or scheme not in ("http", "https"):
        raise MediaFailed("media_unavailable", "retry",
                          f"media {media_id}: answer without a usable url", http_status=200)
    mime_type = ident(data.get("mime_type"), 255)
    sha256 = ident(data.get("sha256"), 128)
    size = data.get("file_size")
    if isinstance(size, str) and size.strip().isascii() and size.strip().isdigit():
        size = int(size.strip())
    file_size = size if isinstance(size, int) and not isinstance(size, bool) else None
    return MediaInfo(url, mime_type, sha256, file_size, media_id)


class MediaClient:
    """The HTTP side of ``MediaFetcher`` for one Graph ``base_url`` (no trailing slash) and
    ``version``, sharing ``client`` (an ``httpx.AsyncClient``, left open) and the
    ``Authorization`` ``headers``; ``timeout`` per request; ``deadline`` seconds for a
    whole download. ``CloudApi`` builds one; use it through ``CloudApi``."""

    def __init__(self, client: httpx.AsyncClient, base_url: str, version: str,
                 headers: dict[str, str], timeout: httpx.Timeout,
                 deadline: float = DOWNLOAD_DEADLINE) -> None:
        self._client, self._headers, self._timeout = client, headers, timeout
        self._base = f"{base_url.rstrip('/')}/{version}"
        self._https_only = urlsplit(base_url).scheme.lower() == "https"
        self._deadline = deadline

    async def get_media(self, media_id: str) -> MediaInfo:
        """See ``CloudApi.get_media``."""
        media_id = check_media_id(media_id)
        try:
            response = await self._client.get(f"{self._base}/{media_id}",
                                              headers=self._headers, timeout=self._timeout,
                                              follow_redirects=False)
        except httpx.TransportError as error:
            raise MediaFailed("media_unavailable", "retry",
                              f"media {media_id}: {type(error).__name__}") from None
        if not response.is_success:
            failed = info_failure(response, media_id)
            log.warning("whatsapp media info failed: code=%s kind=%s status=%s",
                        failed.code, failed.kind, failed.http_status)
            raise failed
        try:
            body = response.json()
        except ValueError:
            body = None
        return parse_info(body, media_id)

    async def download_media(self, info: MediaInfo, max_bytes: int = MAX_MEDIA_BYTES) -> bytes:
        """See ``CloudApi.download_media``."""
        downloading = _DOWNLOADING.set(True)
        try:
            check_announced(info, max_bytes)
            data = await self._download(info, max_bytes)
        except MediaFailed as failed:
            log.warning("whatsapp media download failed: code=%s kind=%s status=%s url=%s",
                        failed.code, failed.kind, failed.http_status, redact(info.url))
            raise
        finally:
            _DOWNLOADING.reset(downloading)
        return data

    async def _download(self, info: MediaInfo, max_bytes: int) -> bytes:
        try:
            async with asyncio.timeout(self._deadline):
                data = await self._follow(info, max_bytes)
        except TimeoutError:
            raise MediaFailed("media_unavailable", "retry", f"media {info.id}: not downloaded "
                              f"within {self._deadline:g} s") from None
        except httpx.InvalidURL:
            raise MediaFailed("media_unavailable", "final",
                              f"media {info.id}: not a valid URL") from None
        return check_bytes(data, info, max_bytes)

    async def _follow(self, info: MediaInfo, max_bytes: int) -> bytes:
        current = httpx.URL(info.url)
        origin = (current.scheme, current.host, current.port)
        for _hop in range(MAX_REDIRECTS + 1):
            if current.scheme not in ("http", "https") or (
                    self._https_only and current.scheme != "https"):
                raise MediaFailed("media_unavailable", "final",
                                  f"media {info.id}: refusing {redact(str(current))}")
            # The token goes only where Meta pointed, not to another origin a redirect names.
            same = (current.scheme, current.host, current.port) == origin
            headers = {**(self._headers if same else {}), "Accept-Encoding": "identity"}
            try:
                async with self._client.stream("GET", current, headers=headers,
                                               timeout=self._timeout,
                                               follow_redirects=False) as response:
                    if response.status_code in REDIRECT_STATUSES:
                        location = response.headers.get("location", "").strip()
                        if not location:
                            raise MediaFailed("media_unavailable", "final",
                                              f"media {info.id}: redirect without Location",
                                              http_status=response.status_code)
                        current = response.url.join(location)
                        continue
                    return await _body(response, info, max_bytes)
            except httpx.TransportError as error:
                raise MediaFailed("media_unavailable", "retry",
                                  f"media {info.id}: {type(error).__name__}") from None
        raise MediaFailed("media_unavailable", "final",
                          f"media {info.id}: more than {MAX_REDIRECTS} redirects")


async def _body(response: httpx.Response, info: MediaInfo, max_bytes: int) -> bytes:
    """The bytes of a final download answer, read until ``max_bytes`` and no further."""
    status = response.status_code
    where = f"media {info.id}: HTTP {status}"
    if status in EXPIRED_STATUSES:
        raise MediaFailed("media_expired", "retry", f"{where} (URL expired)",
                          http_status=status)
    if status == 401:
        raise MediaFailed("media_unavailable", "owner", f"{where} (token)", http_status=401)
    if status == 429 or status >= 500:
        raise MediaFailed("media_unavailable", "retry", where, http_status=status,
                          retry_after=_wait(response))
    if status != 200:
        raise MediaFailed("media_unavailable", "final", where, http_status=status)
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise MediaFailed("media_unavailable", "final",
                          f"media {info.id}: unexpected Content-Encoding {encoding[:40]}")
    length = response.headers.get("content-length", "").strip()
    if length.isascii() and length.isdigit() and int(length) > max_bytes:
        raise MediaFailed("media_too_large", "final", f"media {info.id}: Content-Length "
                          f"{int(length):,} bytes, over {max_bytes:,}")
    parts: list[bytes] = []
    total = 0
    async for piece in response.aiter_raw():
        total += len(piece)
        if total > max_bytes:
            raise MediaFailed("media_too_large", "final",
                              f"media {info.id}: over {max_bytes:,} bytes")
        parts.append(piece)
    return b"".join(parts)


hide_httpx_urls(_DOWNLOADING, redact)
