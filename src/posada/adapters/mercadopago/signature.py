"""Webhook signatures: the ``x-signature`` header Mercado Pago sends with each notification.

Mercado Pago's rule (https://www.mercadopago.com.ar/developers/en/docs/your-integrations/notifications/webhooks,
section "Validate notification origin"): the header is ``ts=<timestamp>,v1=<hex>``; ``v1`` is
the hex HMAC-SHA256, keyed with the application's webhook secret, of the manifest
``id:<data.id from the query>;request-id:<x-request-id header>;ts:<ts>;``; a part whose value
is absent from the notification is dropped from the manifest; an alphanumeric ``data.id`` is
used lower-cased. The SDKs disagree on that last point (mercadopago/sdk-java#420; the SDKs
preserved the case in mercadopago/sdk-python#118 and siblings), so we accept the manifest
with the id as sent or lower-cased.

Decisions where Mercado Pago is silent: keys are read by name in any order, with spaces
trimmed and unknown keys ignored; ``ts`` may be seconds or milliseconds (values over
``10**11`` are milliseconds) and must be within ``tolerance_seconds`` of ``now`` either way
(a far-future ``ts`` is as suspicious as an old one); ``v1`` must be 64 hex digits (either
case); an empty secret never verifies; comparisons are constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import string
from datetime import UTC, datetime
from typing import Literal

SignatureCode = Literal["missing", "malformed", "stale", "wrong"]

#: Timestamps above this are milliseconds (10**11 seconds is the year 5138).
_MS_THRESHOLD = 10**11
_HEX = frozenset(string.hexdigits)
#: The default tolerance between ``ts`` and our clock, in seconds.
DEFAULT_TOLERANCE = 300.0


class SignatureError(Exception):
    """A notification whose signature does not verify. ``code``: ``missing`` (no
    ``x-signature``), ``malformed`` (no ``ts`` or ``v1``, a ``ts`` that is not a number, a ``v1``
    that is not 64 hex digits), ``stale`` (``ts`` further than the tolerance from now) or
    ``wrong`` (the HMAC does not match, or no secret is configured)."""

    def __init__(self, code: SignatureCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code: SignatureCode = code


def manifest(data_id: str | None, request_id: str | None, ts: str) -> str:
    """The signed text ``id:<data_id>;request-id:<request_id>;ts:<ts>;`` with the ``id`` and
    ``request-id`` parts left out when ``None`` or empty (``data_id`` is used as given)."""
    parts = []
    if data_id:
        parts.append(f"id:{data_id};")
    if request_id:
        parts.append(f"request-id:{request_id};")
    parts.append(f"ts:{ts};")
    return "".join(parts)


def _digest(secret: str, text: str) -> str:
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def sign_notification(secret: str, data_id: str | None, request_id: str | None,
                      ts: int | datetime) -> str:
    """The ``x-signature`` header value Mercado Pago would send: ``ts=<ts>,v1=<hex>``.

    ``ts``: the timestamp as an ``int`` written as given (seconds or milliseconds) or an
    aware ``datetime`` (written in milliseconds, as Mercado Pago does); ``data_id`` exactly
    as it will appear in the query. For tests, the fake and the bench."""
    stamp = str(int(ts.timestamp() * 1000) if isinstance(ts, datetime) else int(ts))
    return f"ts={stamp},v1={_digest(secret, manifest(data_id, request_id, stamp))}"


def parse_signature(header: str) -> tuple[str, str]:
    """``(ts, v1)`` from an ``x-signature`` value (``ts=…,v1=…``, keys in any order, spaces
    trimmed, unknown keys and parts without ``=`` ignored). Raises ``SignatureError``
    (``malformed``) when ``ts`` or ``v1`` is missing or empty, ``ts`` is not digits or ``v1``
    not 64 hex digits."""
    found: dict[str, str] = {}
    for part in header.split(","):
        key, sep, value = part.partition("=")
        key = key.strip().lower()
        if sep and key in ("ts", "v1") and key not in found:
            found[key] = value.strip()
    ts, v1 = found.get("ts"), found.get("v1")
    if not ts or not v1:
        raise SignatureError("malformed", "x-signature without ts or v1")
    if not ts.isascii() or not ts.isdigit() or len(ts) > 16:
        raise SignatureError("malformed", "ts is not a timestamp")
    if len(v1) != 64 or not _HEX.issuperset(v1):
        raise SignatureError("malformed", "v1 is not 64 hex digits")
    return ts, v1.lower()


def timestamp_instant(ts: str) -> datetime:
    """The aware UTC instant of a ``ts`` in seconds or milliseconds (digits only)."""
    value = int(ts)
    seconds = value / 1000 if value > _MS_THRESHOLD else float(value)
    return datetime.fromtimestamp(seconds, UTC)


def verify_notification(x_signature: str | None, x_request_id: str | None,
                        data_id: str | None, secret: str, *, now: datetime,
                        tolerance_seconds: float = DEFAULT_TOLERANCE) -> None:
    """Check a notification's ``x-signature`` header (``None`` when absent) against
    ``x_request_id`` (the ``x-request-id`` header, ``None`` when absent), ``data_id`` (the
    ``data.id`` query parameter as received, ``None`` when absent) and ``secret`` (the
    application's webhook secret), at ``now`` (aware). Returns ``None`` when it verifies.

    Raises ``SignatureError`` with code ``missing``, ``malformed``, ``wrong`` (checked before
    the age, so a forgery is reported as such) or ``stale`` (``|now - ts| >
    tolerance_seconds``)."""
    if x_signature is None or not x_signature.strip():
        raise SignatureError("missing", "no x-signature header")
    ts, given = parse_signature(x_signature)
    if not secret:
        raise SignatureError("wrong", "no webhook secret configured")
    request_id = x_request_id.strip() if x_request_id else None
    candidates = [data_id] if data_id is None else list(dict.fromkeys([data_id,
                                                                        data_id.lower()]))
    matched = False
    for candidate in candidates:
        expected = _digest(secret, manifest(candidate, request_id, ts))
        matched |= hmac.compare_digest(expected.encode(), given.encode())
    if not matched:
        raise SignatureError("wrong", "signature does not match")
    try:
        when = timestamp_instant(ts)
    except (OverflowError, OSError, ValueError):
        raise SignatureError("stale", "ts out of range") from None
    if abs((now - when).total_seconds()) > tolerance_seconds:
        raise SignatureError("stale", f"ts {ts} is more than {tolerance_seconds:g}s from now")
