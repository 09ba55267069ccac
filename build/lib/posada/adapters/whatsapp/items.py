"""What a webhook delivery says, flattened: one frozen item per message, status or error.

``posada.adapters.whatsapp.payloads.walk`` builds these from a parsed delivery. Instants are
aware UTC ``datetime``s; phones are E.164 strings with ``+``; ``raw`` is the item's JSON
object exactly as Meta sent it (unknown fields included).
Field names follow Meta's messages webhook reference:
https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import phonenumbers

#: Meta's timestamps are Unix seconds as decimal strings; more than 12 digits is not one.
_MAX_TIMESTAMP_DIGITS = 12


@dataclass(frozen=True, slots=True)
class UnreadableItem:
    """A part of a delivery that could not be read (not an object, or fields of the wrong
    type): ``raw`` is the JSON value as sent, ``reason`` a short English explanation."""

    raw: Any
    reason: str


@dataclass(frozen=True, slots=True)
class ApiError:
    """One Cloud API error object (``errors[]`` of a message, status or value):
    ``code`` is Meta's numeric error code (e.g. 131047), ``details`` is
    ``error_data.details``. See
    https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
    """

    code: int | None
    title: str | None
    message: str | None
    details: str | None


@dataclass(frozen=True, slots=True)
class Media:
    """An attachment: ``id`` is the media id to fetch with ``GET /{version}/{id}``."""

    id: str | None
    mime_type: str | None
    sha256: str | None
    filename: str | None


@dataclass(frozen=True, slots=True)
class Location:
    """A shared location: degrees WGS 84, with the place's ``name``/``address`` if any."""

    latitude: float | None
    longitude: float | None
    name: str | None
    address: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """One message from a guest (``messages[]`` item).

    ``phone_number_id``: our business number's id; ``wa_id``: the sender's number exactly as
    sent (digits, no ``+``), ``phone`` its E.164 form; ``user_id``: the business-scoped user id
    (BSUID, ``AR.1349…``) — either may be ``None`` but not usually both; ``text``: the words
    to understand (body, caption, button or row title, place name); ``reply_id``: the tapped
    button/row id or quick-reply payload; ``target_id``: the message an ``edit``, ``revoke``
    or ``reaction`` acts on; ``new_user_id``/``previous_user_id``/``new_wa_id``: what a
    ``system`` message reports changed; ``form``: an ``nfm_reply``'s ``response_json``
    decoded (a JSON object) or ``None``.
    """

    wamid: str | None
    phone_number_id: str | None
    wa_id: str | None
    phone: str | None
    user_id: str | None
    profile_name: str | None
    timestamp: datetime | None
    type: str | None
    text: str | None = None
    reply_id: str | None = None
    voice: bool = False
    media: Media | None = None
    location: Location | None = None
    context_id: str | None = None
    target_id: str | None = None
    emoji: str | None = None
    new_user_id: str | None = None
    previous_user_id: str | None = None
    new_wa_id: str | None = None
    form: dict[str, Any] | None = None
    errors: tuple[ApiError, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class InboundStatus:
    """A delivery receipt for a message we sent (``statuses[]`` item): ``status`` as sent
    (``sent``, ``delivered``, ``read``, ``played``, ``failed`` or anything newer);
    ``recipient_id`` the guest's number as sent, ``recipient_phone`` its E.164 form,
    ``recipient_user_id`` their BSUID; ``errors`` why a ``failed`` message failed."""

    message_id: str | None
    status: str | None
    timestamp: datetime | None
    recipient_id: str | None
    recipient_phone: str | None
    recipient_user_id: str | None
    phone_number_id: str | None = None
    errors: tuple[ApiError, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class InboundError:
    """A value-level error (``value.errors[]``: Meta could not deliver something to us)."""

    error: ApiError
    phone_number_id: str | None


Item = InboundMessage | InboundStatus | InboundError | UnreadableItem


def present(value: object) -> str | None:
    """``value`` when it is a non-empty string (after stripping), else ``None``."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


#: Meta's ids (``wamid.…``, BSUIDs, message ids in statuses) are well under these lengths;
#: a longer value is not an id and is read as absent.
MAX_ID_LENGTH = 200
MAX_USER_ID_LENGTH = 128
#: E.164 numbers have at most 15 digits (ITU-T E.164 §6.1).
MAX_PHONE_DIGITS = 15


def ident(value: object, limit: int = MAX_ID_LENGTH) -> str | None:
    """``present(value)`` when it is at most ``limit`` characters long, else ``None``."""
    text = present(value)
    return text if text is not None and len(text) <= limit else None


def wa_digits(value: object) -> str | None:
    """A WhatsApp id (the phone as digits, ``5492944123456``), or ``None`` when ``value`` is
    not one (empty, not digits, longer than E.164 allows)."""
    text = present(value)
    ok = text is not None and text.isascii() and text.isdigit() and len(text) <= MAX_PHONE_DIGITS
    return text if ok else None


def e164(number: str | None) -> str | None:
    """The E.164 form (``+5492944123456``) of a WhatsApp number given as digits
    (``5492944123456``; WhatsApp ids are full international numbers without ``+``), parsed
    with ``phonenumbers``; ``"+" + digits`` when libphonenumber cannot parse it; ``None``
    when there are no digits."""
    digits = "".join(ch for ch in number or "" if ch.isdigit())
    if not digits:
        return None
    try:
        parsed = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return "+" + digits
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def instant(value: object) -> datetime | None:
    """An aware UTC ``datetime`` from Meta's Unix-seconds timestamp (``"1749416383"`` or an
    integer); ``None`` when absent or not a plausible timestamp."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        seconds = value
    elif isinstance(value, str) and value.strip().isdigit():
        if len(value.strip()) > _MAX_TIMESTAMP_DIGITS:
            return None
        seconds = int(value.strip())
    else:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None
