"""Webhook deliveries of the WhatsApp Cloud API: ``parse_delivery`` then ``walk``.

Shape (Meta's messages webhook reference,
https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages):
``{"object": "whatsapp_business_account", "entry": [{"id", "changes": [{"field",
"value": {"metadata", "contacts", "messages", "statuses", "errors"}}]}]}``.
Only the top level can make a delivery unreadable (``InvalidPayload``); a bad message,
status, change or entry becomes an ``UnreadableItem`` and the others are still read.
"""

from __future__ import annotations

import json
import re
from typing import Any

from posada.adapters.whatsapp.items import (
    MAX_USER_ID_LENGTH,
    ApiError,
    InboundError,
    InboundMessage,
    InboundStatus,
    Item,
    Location,
    Media,
    UnreadableItem,
    e164,
    ident,
    instant,
    present,
    wa_digits,
)
from posada.adapters.whatsapp.wire import (
    Change,
    Contact,
    Delivery,
    ErrorObject,
    Message,
    Status,
    read_one,
)

__all__ = ["Delivery", "InvalidPayload", "parse_delivery", "walk"]


class InvalidPayload(Exception):
    """The body is not a webhook delivery at all. ``code``: ``invalid_json`` (not UTF-8
    JSON) or ``invalid_payload`` (not an object, or ``object``/``entry`` of the wrong type)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def parse_delivery(body: bytes) -> Delivery:
    """Read one webhook POST body (raw bytes, UTF-8 JSON) as a ``Delivery``.

    Raises ``InvalidPayload("invalid_json", …)`` when the bytes are not UTF-8 JSON and
    ``InvalidPayload("invalid_payload", …)`` when the JSON is not an object or its
    ``object``/``entry`` have the wrong types. Anything deeper that cannot be read becomes an
    ``UnreadableItem`` in its list; the rest of the delivery is kept.
    """
    try:
        data = clean(json.loads(body))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidPayload("invalid_json", f"body is not JSON: {error}") from error
    except RecursionError as error:
        raise InvalidPayload("invalid_json", "body is nested too deeply") from error
    if not isinstance(data, dict):
        raise InvalidPayload("invalid_payload", f"expected an object, got {type(data).__name__}")
    if not isinstance(data.get("entry", []), list):
        raise InvalidPayload("invalid_payload", "entry is not a list")
    if not isinstance(data.get("object", ""), str | None):
        raise InvalidPayload("invalid_payload", "object is not a string")
    delivery = read_one(Delivery, data)
    if isinstance(delivery, UnreadableItem):  # pragma: no cover - both checked above
        raise InvalidPayload("invalid_payload", delivery.reason)
    return delivery


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _text(value: str) -> str:
    if not _UNSTORABLE.search(value):
        return value
    return _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)


def clean(data: Any) -> Any:
    """``data`` (decoded JSON) with every string storable: NUL characters dropped and lone
    UTF-16 surrogates (``"\\ud800"`` escapes: not text) replaced by U+FFFD. Lists and dicts
    are cleaned in place, without recursion."""
    if isinstance(data, str):
        return _text(data)
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for i, value in enumerate(node):
                if isinstance(value, str):
                    node[i] = _text(value)
                elif isinstance(value, list | dict):
                    stack.append(value)
        elif isinstance(node, dict):
            for key in [k for k in node if _UNSTORABLE.search(k)]:
                node[_text(key)] = node.pop(key)
            for key, value in node.items():
                if isinstance(value, str):
                    node[key] = _text(value)
                elif isinstance(value, list | dict):
                    stack.append(value)
    return data


# --------------------------------------------------------------------------- walk


def walk(delivery: Delivery) -> list[Item]:
    """Every entry × change × message/status/error of ``delivery`` as one flat list, in the
    order sent: ``InboundMessage``s, ``InboundStatus``es, ``InboundError``s and
    ``UnreadableItem``s (for parts that could not be read). Within a change: unreadable
    contacts, then messages, statuses and errors. Never raises. A ``system`` message's
    ``body`` is Meta's English notice, not the guest's words: its ``text`` is ``None``; when
    it names no sender, ``user_id`` is the ``system.previous_user_id`` (the user it is about).

    The sender of a message is completed from the change's ``contacts[]``: the contact whose
    ``wa_id`` or ``user_id`` matches the message's ``from``/``from_user_id``, else the only
    contact when there is exactly one that does not contradict it. Empty strings count as
    absent. BSUID fields: ``contacts[].user_id``, ``messages[].from_user_id``,
    ``statuses[].recipient_user_id`` (Meta's business-scoped user ids guide,
    https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids).
    """
    items: list[Item] = []
    for entry in delivery.entry:
        if isinstance(entry, UnreadableItem):
            items.append(entry)
            continue
        for change in entry.changes:
            if isinstance(change, UnreadableItem):
                items.append(change)
            else:
                items.extend(_walk_change(change))
    return items


def _walk_change(change: Change) -> list[Item]:
    value = change.value
    if value is None:
        return []
    number_id = present(value.metadata.phone_number_id) if value.metadata else None
    contacts = [c for c in value.contacts if isinstance(c, Contact)]
    items: list[Item] = [c for c in value.contacts if isinstance(c, UnreadableItem)]
    for message in value.messages:
        items.append(message if isinstance(message, UnreadableItem)
                     else _message(message, number_id, contacts))
    for status in value.statuses:
        items.append(status if isinstance(status, UnreadableItem)
                     else _status(status, number_id))
    for error in value.errors:
        items.append(error if isinstance(error, UnreadableItem)
                     else InboundError(_api_error(error), number_id))
    return items


def _api_error(error: ErrorObject) -> ApiError:
    details = error.error_data.details if error.error_data else None
    return ApiError(error.code, present(error.title), present(error.message), present(details))


def _errors(errors: list[ErrorObject | UnreadableItem]) -> tuple[ApiError, ...]:
    return tuple(_api_error(e) if isinstance(e, ErrorObject)
                 else ApiError(None, None, f"unreadable error: {e.reason}", None)
                 for e in errors)


def _sender(message: Message, contacts: list[Contact]) -> Contact | None:
    wa_id, user_id = present(message.from_), present(message.from_user_id)
    for contact in contacts:
        if (wa_id and present(contact.wa_id) == wa_id) or (
                user_id and present(contact.user_id) == user_id):
            return contact
    if len(contacts) == 1:
        only = contacts[0]
        other_wa, other_user = present(only.wa_id), present(only.user_id)
        if not (wa_id and other_wa and other_wa != wa_id) and not (
                user_id and other_user and other_user != user_id):
            return only
    return None


def _status(status: Status, number_id: str | None) -> InboundStatus:
    recipient = present(status.recipient_id)
    return InboundStatus(
        message_id=ident(status.id), status=present(status.status),
        timestamp=instant(status.timestamp), recipient_id=recipient,
        recipient_phone=e164(recipient) if recipient and recipient.isdigit() else None,
        recipient_user_id=user_ident(status.recipient_user_id), phone_number_id=number_id,
        errors=_errors(status.errors), raw=status.raw)


def user_ident(value: object) -> str | None:
    """A business-scoped user id, or ``None`` when absent or too long to be one."""
    return ident(value, MAX_USER_ID_LENGTH)


def _message(message: Message, number_id: str | None, contacts: list[Contact]) -> InboundMessage:
    contact = _sender(message, contacts)
    wa_id = wa_digits(message.from_) or (wa_digits(contact.wa_id) if contact else None)
    user_id = user_ident(message.from_user_id) or (
        user_ident(contact.user_id) if contact else None)
    profile = contact.profile if contact else None
    fields: dict[str, Any] = {}
    kind = present(message.type)
    _content(message, kind, fields)
    if not wa_id and not user_id:  # a system notice names its user only in ``system``
        user_id = fields.get("previous_user_id")
    return InboundMessage(
        wamid=ident(message.id), phone_number_id=number_id, wa_id=wa_id, phone=e164(wa_id),
        user_id=user_id, profile_name=present(profile.name) if profile else None,
        timestamp=instant(message.timestamp), type=kind,
        context_id=present(message.context.id) if message.context else None,
        errors=_errors(message.errors), raw=message.raw, **fields)


def _media(part: Any) -> Media:
    return Media(present(part.id), present(part.mime_type), present(part.sha256),
                 present(part.filename))


def _content(message: Message, kind: str | None, out: dict[str, Any]) -> None:
    """Fill ``out`` with the fields of ``InboundMessage`` that depend on the type."""
    if kind == "text" and message.text:
        out["text"] = present(message.text.body)
    elif kind in ("image", "video", "document", "audio", "sticker"):
        part = getattr(message, kind)
        if part is not None:
            out["media"] = _media(part)
            out["text"] = present(part.caption) if kind not in ("audio", "sticker") else None
            out["voice"] = kind == "audio" and part.voice is True
    elif kind == "location" and message.location:
        place = message.location
        out["location"] = Location(place.latitude, place.longitude, present(place.name),
                                   present(place.address), present(place.url))
        words = [w for w in (present(place.name), present(place.address)) if w]
        out["text"] = ", ".join(words) or None
    elif kind == "button" and message.button:
        out["text"] = present(message.button.text)
        out["reply_id"] = present(message.button.payload)
    elif kind == "interactive" and message.interactive:
        _interactive(message, out)
    elif kind == "reaction" and message.reaction:
        out["target_id"] = present(message.reaction.message_id)
        out["emoji"] = present(message.reaction.emoji)
    elif kind in ("edit", "revoke"):
        target = getattr(message, kind)
        if target is not None:
            out["target_id"] = present(target.original_message_id)
            out["text"] = _edited_text(target.message) if kind == "edit" else None
    elif kind == "system" and message.system:
        system = message.system
        out["new_user_id"] = user_ident(system.user_id)
        out["previous_user_id"] = user_ident(system.previous_user_id)
        out["new_wa_id"] = wa_digits(system.wa_id) or wa_digits(system.new_wa_id)


def _interactive(message: Message, out: dict[str, Any]) -> None:
    part = message.interactive
    assert part is not None
    reply = part.button_reply or part.list_reply
    if reply is not None:
        out["text"] = present(reply.title)
        out["reply_id"] = present(reply.id)
    elif part.nfm_reply is not None:
        out["form"] = _json_object(part.nfm_reply.response_json)


def _edited_text(new: dict[str, Any] | None) -> str | None:
    """The words of an edited message (``edit.message``: its ``text.body`` or caption)."""
    if not new:
        return None
    kind = new.get("type")
    part = new.get(kind) if isinstance(kind, str) else None
    part = part if isinstance(part, dict) else new.get("text")
    if not isinstance(part, dict):
        return None
    return present(part.get("body")) or present(part.get("caption"))


def _json_object(text: str | None) -> dict[str, Any] | None:
    try:
        value = json.loads(text) if text else None
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None
