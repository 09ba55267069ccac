"""The Cloud API client: send a message, mark one read; every failure is a ``SendFailed``.

Endpoint: ``POST {base_url}/{version}/{phone_number_id}/messages`` with
``Authorization: Bearer <token>`` (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/message-api).
Errors come as ``{"error": {"message", "type", "code", "error_subcode",
"error_data": {"details"}, "fbtrace_id"}}``; what each code means is Meta's error-code table
(https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes).
The access token is never logged nor put in an exception.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Literal, Protocol

import httpx
from pydantic import BaseModel, SecretStr

from posada.adapters.http_headers import retry_after as http_retry_after
from posada.adapters.whatsapp.codes import (
    FINAL_CODES,
    MAX_RETRY_AFTER,
    OWNER_CODES,
    RETRY_CODES,
    TEMPLATE_CODES,
)
from posada.adapters.whatsapp.media import (
    DOWNLOAD_DEADLINE,
    MAX_MEDIA_BYTES,
    MediaClient,
    MediaInfo,
)
from posada.adapters.whatsapp.render import read_payload

log = logging.getLogger(__name__)

Kind = Literal["retry", "uncertain", "template", "owner", "final"]


class SendFailed(Exception):
    """A send or mark-read that did not succeed.

    ``kind``: ``retry`` (429/5xx, throttling codes, and failures before the request
    went out: connect errors and timeouts, pool timeouts), ``uncertain`` (the request was
    written but no answer came — read timeout, connection lost: Meta may have taken it, and
    the Cloud API has no idempotency key, so resending could deliver it twice),
    ``template`` (131047, outside the 24-hour window), ``owner`` (190 or HTTP 401: token
    invalid or expired) or ``final`` (other 4xx, undeliverable); ``http_status`` is ``None``
    when no response came; ``code``/``subcode``/``title``/``message``/``details`` are from
    Meta's error body when it had one; ``retry_after`` is seconds from ``Retry-After``.
    """

    def __init__(self, kind: Kind, http_status: int | None, code: int | None,
                 title: str | None, message: str | None, retry_after: float | None = None,
                 *, subcode: int | None = None, details: str | None = None,
                 fbtrace_id: str | None = None) -> None:
        super().__init__(f"{kind}: HTTP {http_status} code {code}: {message}")
        self.kind: Kind = kind
        self.http_status = http_status
        self.code = code
        self.title = title
        self.message = message
        self.retry_after = retry_after
        self.subcode = subcode
        self.details = details
        self.fbtrace_id = fbtrace_id


class Sender(Protocol):
    """What the conversation service needs of WhatsApp (``CloudApi`` or a test double)."""

    async def send(self, payload: dict[str, Any]) -> str: ...

    async def mark_read(self, wamid: str) -> None: ...


class CloudApiConfig(BaseModel):
    """Where and as whom to call the Cloud API (``access_token`` a ``SecretStr``)."""

    base_url: str = "https://graph.facebook.com"
    version: str = "v21.0"
    phone_number_id: str
    access_token: SecretStr
    timeout: float = 10.0


def classify(http_status: int | None, code: int | None) -> Kind:
    """The ``SendFailed.kind`` for an HTTP status (``None``: no response) and Meta error
    code: known codes decide first, then 401 → owner, 429/5xx/no response → retry, else
    final."""
    if code in RETRY_CODES:
        return "retry"
    if code in TEMPLATE_CODES:
        return "template"
    if code in OWNER_CODES:
        return "owner"
    if code in FINAL_CODES:
        return "final"
    if http_status is None or http_status == 429 or http_status >= 500:
        return "retry"
    if http_status == 401:
        return "owner"
    return "final"


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def retry_after(header: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (``posada.adapters.http_headers``), at
    most ``MAX_RETRY_AFTER`` (a day)."""
    return http_retry_after(header, now, cap=MAX_RETRY_AFTER)


def failure(response: httpx.Response) -> SendFailed:
    """The ``SendFailed`` for an error response (JSON error body, HTML or empty)."""
    try:
        body = response.json()
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    error = error if isinstance(error, dict) else {}
    data = error.get("error_data")
    data = data if isinstance(data, dict) else {}
    code = _int(error.get("code"))
    message = _str(error.get("message")) or (response.reason_phrase or None)
    return SendFailed(
        classify(response.status_code, code), response.status_code, code,
        _str(error.get("error_user_title")) or _str(error.get("type")), message,
        retry_after(response.headers.get("retry-after")),
        subcode=_int(error.get("error_subcode")), details=_str(data.get("details")),
        fbtrace_id=_str(error.get("fbtrace_id")))


class CloudApi:
    """An async Cloud API client for one business phone number: a ``Sender`` and a
    ``media.MediaFetcher``.

    ``base_url`` without trailing slash (``https://graph.facebook.com``, or a ``FakeGraph``'s
    ``url``); ``version`` like ``v21.0``; ``timeout`` in seconds or an ``httpx.Timeout``
    (per request); ``media_deadline`` seconds for a whole media download; ``client``: an
    ``httpx.AsyncClient`` to share (then ``aclose`` leaves it open).
    """

    def __init__(self, base_url: str, version: str, phone_number_id: str, access_token: str,
                 *, timeout: httpx.Timeout | float = 10,
                 media_deadline: float = DOWNLOAD_DEADLINE,
                 client: httpx.AsyncClient | None = None) -> None:
        self._url = f"{base_url.rstrip('/')}/{version}/{phone_number_id}/messages"
        self._headers = {"Authorization": f"Bearer {access_token}"}
        self._timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self._own = client is None
        self._client = client or httpx.AsyncClient(timeout=self._timeout)
        self._media = MediaClient(self._client, base_url, version, self._headers,
                                  self._timeout, media_deadline)

    @classmethod
    def from_config(cls, config: CloudApiConfig) -> CloudApi:
        """A client from a ``CloudApiConfig``."""
        return cls(config.base_url, config.version, config.phone_number_id,
                   config.access_token.get_secret_value(), timeout=config.timeout)

    def __repr__(self) -> str:
        return f"CloudApi({self._url!r})"

    async def _post(self, payload: dict[str, Any]) -> dict[str, Any]:
        try:
            response = await self._client.post(self._url, json=payload, headers=self._headers,
                                               timeout=self._timeout)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
            raise SendFailed("retry", None, None, "not sent", type(error).__name__) from None
        except httpx.TransportError as error:  # written, then no answer: it may have gone out
            raise SendFailed("uncertain", None, None, "no answer", type(error).__name__
                             ) from None
        if not response.is_success:
            failed = failure(response)
            log.warning("whatsapp call failed: kind=%s status=%s code=%s fbtrace_id=%s",
                        failed.kind, failed.http_status, failed.code, failed.fbtrace_id)
            raise failed
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise SendFailed("final", response.status_code, None, "unexpected response",
                             "success without a JSON object")
        return body

    async def send(self, payload: dict[str, Any]) -> str:
        """Post one message payload (see ``render``) and return Meta's message id
        (``messages[0].id``, a ``wamid.…``). Raises ``SendFailed``; a 2xx answer without a
        message id is ``final`` (the message may have gone out: do not resend blindly)."""
        body = await self._post(payload)
        messages = body.get("messages")
        first = messages[0] if isinstance(messages, list) and messages else None
        wamid = _str(first.get("id")) if isinstance(first, dict) else None
        if wamid is None:
            raise SendFailed("final", 200, None, "unexpected response", "no message id")
        return wamid

    async def mark_read(self, wamid: str) -> None:
        """Mark the guest's message ``wamid`` as read. Raises ``SendFailed``."""
        await self._post(read_payload(wamid))

    async def get_media(self, media_id: str) -> MediaInfo:
        """What Meta says of the media ``media_id`` (digits, from an inbound message's
        ``Media.id``): ``GET {base_url}/{version}/{media_id}`` with the bearer token. The
        URL in it lives 5 minutes: download it at once. Raises ``media.MediaFailed``:
        ``media_not_found`` (not digits, unknown or deleted id), ``media_unavailable``
        (``retry``: 5xx/429/throttling, timeouts, connect errors, an answer without a url;
        ``owner``: 401/403, codes 190/10/200; ``final``: other 4xx)."""
        return await self._media.get_media(media_id)

    async def download_media(self, info: MediaInfo, max_bytes: int = MAX_MEDIA_BYTES
                             ) -> bytes:
        """The bytes at ``info.url`` (from ``get_media``), fetched with the bearer token
        (never sent to another origin a redirect names; at most ``media.MAX_REDIRECTS``),
        streamed and cut off past ``max_bytes`` (default 16 MiB), then checked against
        ``info.sha256``. Raises ``media.MediaFailed``: ``media_too_large`` (``file_size``
        or ``Content-Length`` over the limit, before reading; or the bytes read pass it),
        ``media_checksum``, ``media_expired`` (403/404/410: call ``get_media`` again, or
        use ``media.fetch_media``), ``media_unavailable`` (``retry``: 5xx/429, timeouts,
        the whole-download deadline, connect or transport errors; ``owner``: 401;
        ``final``: other answers, too many redirects, a non-https URL from an https Graph).
        """
        return await self._media.download_media(info, max_bytes)

    async def aclose(self) -> None:
        """Close the HTTP client if this object created it."""
        if self._own:
            await self._client.aclose()
