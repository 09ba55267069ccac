"""Fake WhatsApp media: ``MediaStore`` (the media routes of ``fake.FakeGraph``, over real
HTTP) and ``MemoryMedia`` (a ``media.MediaFetcher`` in process, no server).

``MediaStore`` answers like Meta's media endpoints
(https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media/):

* ``GET /{version}/{media_id}`` (bearer token) — ``{"messaging_product": "whatsapp", "url",
  "mime_type", "sha256" (hex), "file_size", "id"}``; an unknown id gets 400 with code 100
  (as Graph answers "Object with ID … does not exist").
* ``GET /whatsapp_business/attachments/?mid=…&ext=…&hash=…`` (bearer token) — the bytes,
  with ``Content-Length``, in chunks. Each info call issues a new URL that lives
  ``URL_LIFETIME`` seconds of the store's clock (``advance`` moves it; ``expire_urls``
  ends every URL now); an expired or unknown URL gets 404.

Knobs: ``add(…, sha256=…, file_size=…)`` announce a wrong checksum or a lying size;
``fail_next`` (a 500 once, on ``info`` or ``download``); ``throttle`` (a slow download);
``chunked`` (no ``Content-Length``); ``remove`` (a media id Meta no longer knows).
Inspection: ``requests`` (each media request with its ``Authorization`` header and status),
``bytes_sent``.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import itertools
import secrets
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, Literal

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse

from posada.adapters.whatsapp.media import (
    MAX_MEDIA_BYTES,
    MediaFailed,
    MediaInfo,
    check_announced,
    check_bytes,
    check_media_id,
)

#: Seconds a download URL lives (Meta's media URLs: 5 minutes).
URL_LIFETIME = 300.0
#: Bytes per chunk of a download unless ``throttle`` says otherwise.
CHUNK = 64 * 1024
VOICE_MIME_TYPE = "audio/ogg; codecs=opus"
Where = Literal["info", "download"]
_FIRST_ID = 1_093_847_562_019_384


def error_body(code: int | None, message: str, kind: str = "OAuthException") -> dict[str, Any]:
    """Meta's error body: ``{"error": {"message", "type", "code", "error_data",
    "fbtrace_id"}}`` (``code`` left out when ``None``)."""
    error: dict[str, Any] = {"message": message, "type": kind,
                             "error_data": {"messaging_product": "whatsapp", "details": message},
                             "fbtrace_id": "AFakeTraceId0000"}
    if code is not None:
        error["code"] = code
    return {"error": error}


@dataclass(frozen=True, slots=True)
class StoredMedia:
    """One media: its ``data``, ``mime_type``, and what the info call announces: ``sha256``
    (hex) and ``file_size`` (bytes) — the true ones unless ``add`` was told otherwise."""

    data: bytes
    mime_type: str
    sha256: str
    file_size: int


@dataclass(frozen=True, slots=True)
class MediaRequest:
    """One media request the store answered: ``where`` (``info``/``download``), the
    ``media_id`` asked for (``None`` for a download URL it did not know), the
    ``authorization`` header as sent (``None`` when absent) and the ``status`` answered."""

    where: Where
    media_id: str | None
    authorization: str | None
    status: int


class MediaStore:
    """Media served by a ``FakeGraph`` (see the module docstring); thread-safe: script it
    from the test thread while the server thread answers. ``token``: the bearer token
    required (read on every request, so ``FakeGraph.token`` can change)."""

    def __init__(self, token: Callable[[], str]) -> None:
        self._token = token
        self._lock = threading.Lock()
        self._media: dict[str, StoredMedia] = {}
        self._urls: dict[str, tuple[str, float]] = {}
        self._failures: list[tuple[Where, int, int | None]] = []
        self._ids = itertools.count(_FIRST_ID)
        self._offset = 0.0
        self._pause = 0.0
        self._chunk = CHUNK
        self._length = True
        self.requests: list[MediaRequest] = []
        self.bytes_sent = 0

    # ------------------------------------------------------------------ scripting

    def add(self, data: bytes, mime_type: str = VOICE_MIME_TYPE, *, media_id: str | None = None,
            sha256: str | None = None, file_size: int | None = None) -> str:
        """Store ``data`` and return its media id (digits; ``media_id`` to choose it).
        ``sha256`` / ``file_size`` replace what the info call announces (a wrong checksum,
        a lying size); by default the true hex SHA-256 and length."""
        with self._lock:
            media_id = media_id or str(next(self._ids))
            self._media[media_id] = StoredMedia(
                data, mime_type, sha256 or hashlib.sha256(data).hexdigest(),
                len(data) if file_size is None else file_size)
        return media_id

    def remove(self, media_id: str) -> None:
        """Forget ``media_id`` (as Meta does after 7 days): info and download then fail."""
        with self._lock:
            self._media.pop(media_id, None)

    def fail_next(self, n: int = 1, status: int = 500, *, where: Where = "download",
                  code: int | None = None) -> None:
        """Answer the next ``n`` requests to ``where`` (``info`` or ``download``) with
        ``status`` (and Meta's error body with ``code`` on ``info``)."""
        with self._lock:
            self._failures.extend((where, status, code) for _ in range(n))

    def throttle(self, pause: float, chunk: int = CHUNK) -> None:
        """Send downloads in ``chunk``-byte pieces with ``pause`` seconds before each one
        (``pause=0`` to stop): a slow server, to meet the client's timeouts."""
        self._pause, self._chunk = pause, max(1, chunk)

    def chunked(self, on: bool = True) -> None:
        """Send downloads without ``Content-Length`` (chunked), so only the bytes read can
        tell a client that the body is too large."""
        self._length = not on

    def advance(self, seconds: float) -> None:
        """Move the store's clock ``seconds`` forward (URLs older than ``URL_LIFETIME``
        expire)."""
        with self._lock:
            self._offset += seconds

    def expire_urls(self) -> None:
        """End every download URL issued so far."""
        with self._lock:
            self._urls.clear()

    def now(self) -> float:
        """The store's clock: Unix seconds plus what ``advance`` added."""
        return time.time() + self._offset

    def audio_message(self, media_id: str, *, voice: bool = True) -> dict[str, Any]:
        """The ``type``/``audio`` part of an inbound ``messages[]`` item for ``media_id``,
        as Meta's audio messages webhook reference shows it: ``{"type": "audio", "audio":
        {"mime_type", "sha256", "id", "voice"}}`` (``sha256`` as base64 of the digest, the
        form recorded webhooks carry). Merge it into a message with ``from``, ``id``,
        ``timestamp`` (e.g. ``tests/e2e/whatsapp_kit.message``)."""
        with self._lock:
            media = self._media[media_id]
        digest = base64.b64encode(hashlib.sha256(media.data).digest()).decode()
        return {"type": "audio", "audio": {"mime_type": media.mime_type, "sha256": digest,
                                           "id": media_id, "voice": voice}}

    # ------------------------------------------------------------------ handlers

    def _record(self, request: Request, where: Where, media_id: str | None,
                status: int) -> None:
        with self._lock:
            self.requests.append(MediaRequest(where, media_id,
                                              request.headers.get("authorization"), status))

    def _failure(self, where: Where) -> tuple[int, int | None] | None:
        with self._lock:
            for index, (kind, status, code) in enumerate(self._failures):
                if kind == where:
                    del self._failures[index]
                    return status, code
        return None

    def _refusal(self, request: Request, where: Where, media_id: str | None
                 ) -> Response | None:
        """The 401 or scripted failure for this request, or ``None`` to answer it."""
        if request.headers.get("authorization") != f"Bearer {self._token()}":
            self._record(request, where, media_id, 401)
            return JSONResponse(error_body(190, "Invalid OAuth access token - Cannot parse "
                                           "access token"), status_code=401)
        failure = self._failure(where)
        if failure is None:
            return None
        self._record(request, where, media_id, failure[0])
        return JSONResponse(error_body(failure[1], "(#131000) Something went wrong"),
                            failure[0])

    async def info(self, request: Request) -> Response:
        """``GET /{version}/{media_id}``."""
        media_id = request.path_params["media_id"]
        refusal = self._refusal(request, "info", media_id)
        if refusal is not None:
            return refusal
        signature, expires = secrets.token_urlsafe(12), self.now() + URL_LIFETIME
        with self._lock:
            media = self._media.get(media_id)
            if media is not None:
                self._urls[signature] = (media_id, expires)
        if media is None:
            self._record(request, "info", media_id, 400)
            return JSONResponse(error_body(100, f"Unsupported get request. Object with ID "
                                           f"'{media_id}' does not exist"), 400)
        self._record(request, "info", media_id, 200)
        base = str(request.base_url).rstrip("/")
        url = (f"{base}/whatsapp_business/attachments/?mid={media_id}&ext={int(expires)}"
               f"&hash={signature}")
        return JSONResponse({"messaging_product": "whatsapp", "url": url,
                             "mime_type": media.mime_type, "sha256": media.sha256,
                             "file_size": media.file_size, "id": media_id})

    async def download(self, request: Request) -> Response:
        """``GET /whatsapp_business/attachments/?mid=…&ext=…&hash=…``."""
        media_id = request.query_params.get("mid")
        refusal = self._refusal(request, "download", media_id)
        if refusal is not None:
            return refusal
        with self._lock:
            issued = self._urls.get(request.query_params.get("hash", ""))
            live = issued is not None and issued[0] == media_id and issued[1] > self.now()
            media = self._media.get(media_id or "") if live else None
        if media is None:
            self._record(request, "download", media_id, 404)
            return PlainTextResponse("URL signature expired", 404)
        self._record(request, "download", media_id, 200)
        headers = {"Content-Length": str(len(media.data))} if self._length else None
        return StreamingResponse(self._chunks(media.data), media_type=media.mime_type,
                                 headers=headers)

    async def _chunks(self, data: bytes) -> AsyncIterator[bytes]:
        for start in range(0, len(data), self._chunk):
            await asyncio.sleep(self._pause)  # also at 0: lets a disconnect end the stream
            piece = data[start:start + self._chunk]
            with self._lock:
                self.bytes_sent += len(piece)
            yield piece


class MemoryMedia:
    """A ``media.MediaFetcher`` in process, for service tests without a server: ``add``
    media, optionally ``fail_next`` with a ``MediaFailed``; ``get_media`` and
    ``download_media`` apply the same id, size and checksum rules as ``CloudApi``;
    ``downloads`` counts the downloads that returned bytes."""

    def __init__(self) -> None:
        self._media: dict[str, StoredMedia] = {}
        self._failures: list[tuple[Where, MediaFailed]] = []
        self._ids = itertools.count(_FIRST_ID)
        self.downloads = 0

    def add(self, data: bytes, mime_type: str = VOICE_MIME_TYPE, *,
            sha256: str | None = None, file_size: int | None = None) -> str:
        """Store ``data``; returns its media id (``sha256``/``file_size`` as in
        ``MediaStore.add``)."""
        media_id = str(next(self._ids))
        self._media[media_id] = StoredMedia(
            data, mime_type, sha256 or hashlib.sha256(data).hexdigest(),
            len(data) if file_size is None else file_size)
        return media_id

    def fail_next(self, error: MediaFailed, *, where: Where = "download") -> None:
        """Raise ``error`` from the next ``get_media`` (``where="info"``) or
        ``download_media`` (``"download"``) call."""
        self._failures.append((where, error))

    def _raise_scripted(self, where: Where) -> None:
        for index, (kind, error) in enumerate(self._failures):
            if kind == where:
                del self._failures[index]
                raise error

    async def get_media(self, media_id: str) -> MediaInfo:
        """The info of ``media_id`` (url ``memory://media/<id>``). Raises ``MediaFailed``."""
        media_id = check_media_id(media_id)
        self._raise_scripted("info")
        media = self._media.get(media_id)
        if media is None:
            raise MediaFailed("media_not_found", "final", f"media {media_id}: unknown")
        return MediaInfo(f"memory://media/{media_id}", media.mime_type, media.sha256,
                         media.file_size, media_id)

    async def download_media(self, info: MediaInfo, max_bytes: int = MAX_MEDIA_BYTES
                             ) -> bytes:
        """The bytes of ``info``, checked like ``CloudApi.download_media``. Raises
        ``MediaFailed``."""
        check_announced(info, max_bytes)
        self._raise_scripted("download")
        media = self._media.get(info.id)
        if media is None:
            raise MediaFailed("media_expired", "retry", f"media {info.id}: gone")
        data = check_bytes(media.data, info, max_bytes)
        self.downloads += 1
        return data
