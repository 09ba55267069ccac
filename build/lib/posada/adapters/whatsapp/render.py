"""Replies as Cloud API message payloads (``POST /{version}/{phone_number_id}/messages``).

Limits are Meta's (messages reference,
https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/text-messages,
…/interactive-reply-buttons-messages and …/interactive-list-messages): text body 4,096
characters; interactive body 1,024; at most 3 reply buttons, title 20, id 256; a list has at
most 10 rows, button label 20, row title 24, description 72, row id 200. Titles that are
too long are cut at a word where possible and end in "…"; ids are never cut (a cut id would
not come back as the option's id) — a too-long id is a programming error (``ValueError``).
A recipient with a phone gets ``"to"``; one known only by BSUID gets ``"recipient"``
(business-scoped user ids guide,
https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from posada.adapters.whatsapp.items import InboundMessage
from posada.conversation.model import Choice, Option, Text

TEXT_BODY_MAX = 4096
INTERACTIVE_BODY_MAX = 1024
MAX_BUTTONS = 3
BUTTON_TITLE_MAX = 20
BUTTON_ID_MAX = 256
MAX_ROWS = 10
LIST_BUTTON_MAX = 20
ROW_TITLE_MAX = 24
ROW_DESCRIPTION_MAX = 72
ROW_ID_MAX = 200
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Recipient:
    """Whom to send to: ``phone`` as the API takes it (digits, e.g. the sender's ``wa_id``
    ``5492944123456``) and/or ``user_id`` (BSUID, ``AR.1349…``). The phone wins when both
    are known."""

    phone: str | None = None
    user_id: str | None = None

    @classmethod
    def of(cls, message: InboundMessage) -> Recipient:
        """Reply to the sender of ``message``."""
        return cls(message.wa_id, message.user_id)


def cut(text: str, limit: int) -> str:
    """``text`` with whitespace runs collapsed, at most ``limit`` characters: cut at the last
    space in the second half of the room when there is one, ending in "…"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    room = flat[: limit - len(ELLIPSIS)]
    space = room.rfind(" ")
    if space >= limit // 2:
        room = room[:space]
    return room.rstrip(" ,;:.-—") + ELLIPSIS


def _cut_body(text: str, limit: int) -> str:
    """Like ``cut`` but keeps line breaks (bodies are multi-line)."""
    if len(text) <= limit:
        return text
    room = text[: limit - len(ELLIPSIS)]
    space = max(room.rfind(" "), room.rfind("\n"))
    if space >= limit // 2:
        room = room[:space]
    return room.rstrip() + ELLIPSIS


def _address(to: Recipient) -> dict[str, Any]:
    phone = "".join(ch for ch in to.phone or "" if ch.isdigit())
    head: dict[str, Any] = {"messaging_product": "whatsapp", "recipient_type": "individual"}
    if phone:
        head["to"] = phone
    elif to.user_id:
        head["recipient"] = to.user_id
    else:
        raise ValueError("recipient has neither a phone nor a user id")
    return head


def _check_id(option: Option, limit: int) -> str:
    if not option.id or len(option.id) > limit:
        raise ValueError(f"option id must be 1–{limit} characters: {option.id!r}")
    return option.id


def _title(option: Option, index: int, limit: int) -> str:
    return cut(option.title, limit) or str(index)


def numbered_text(choice: Choice) -> str:
    """``choice`` as plain text: the body, a blank line, then one line per option
    (``"1. Cabaña Pehuén — $ 540.000 por 3 noches"``: title, then " — " and the description
    when there is one). For channels without buttons; the guest answers "la 2"."""
    lines = [f"{i}. {o.title}" + (f" — {o.description}" if o.description else "")
             for i, o in enumerate(choice.options, start=1)]
    return "\n\n".join(part for part in (choice.body, "\n".join(lines)) if part)


def text_payload(body: str, to: Recipient) -> dict[str, Any]:
    """A text message (``preview_url`` false), body cut to 4,096 characters."""
    return {**_address(to), "type": "text",
            "text": {"preview_url": False, "body": _cut_body(body, TEXT_BODY_MAX)}}


def reply_payload(reply: Text | Choice, to: Recipient) -> dict[str, Any]:
    """The Cloud API payload for one reply to ``to``.

    ``Text`` → text message; ``Choice`` with 1–3 options → interactive ``button``, 4–10 →
    interactive ``list`` (one section), none or more than 10 → ``numbered_text``. Raises
    ``ValueError`` for an empty or too-long option id or a recipient with no address.
    """
    if isinstance(reply, Text):
        return text_payload(reply.body, to)
    count = len(reply.options)
    if count == 0 or count > MAX_ROWS:
        return text_payload(numbered_text(reply), to)
    body = {"text": _cut_body(reply.body, INTERACTIVE_BODY_MAX)}
    if count <= MAX_BUTTONS:
        buttons = [{"type": "reply", "reply": {"id": _check_id(o, BUTTON_ID_MAX),
                                               "title": _title(o, i, BUTTON_TITLE_MAX)}}
                   for i, o in enumerate(reply.options, start=1)]
        interactive: dict[str, Any] = {"type": "button", "body": body,
                                       "action": {"buttons": buttons}}
    else:
        rows = []
        for i, option in enumerate(reply.options, start=1):
            row = {"id": _check_id(option, ROW_ID_MAX), "title": _title(option, i, ROW_TITLE_MAX)}
            if option.description.strip():
                row["description"] = cut(option.description, ROW_DESCRIPTION_MAX)
            rows.append(row)
        label = cut(reply.button, LIST_BUTTON_MAX) or "Ver opciones"
        interactive = {"type": "list", "body": body,
                       "action": {"button": label, "sections": [{"rows": rows}]}}
    return {**_address(to), "type": "interactive", "interactive": interactive}


def template_payload(to: Recipient, name: str, language: str = "es_AR",
                     body_params: Sequence[str] = ()) -> dict[str, Any]:
    """A template message (the only kind allowed outside the 24-hour customer service
    window): template ``name`` in ``language`` (a Meta locale code such as ``es_AR``), with
    ``body_params`` filling ``{{1}}``, ``{{2}}``, … of its body in order.
    https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/template-messages
    """
    template: dict[str, Any] = {"name": name, "language": {"code": language}}
    if body_params:
        template["components"] = [{"type": "body", "parameters": [
            {"type": "text", "text": param} for param in body_params]}]
    return {**_address(to), "type": "template", "template": template}


def read_payload(wamid: str) -> dict[str, Any]:
    """Mark the guest's message ``wamid`` as read (blue ticks).
    https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/mark-message-as-read
    """
    return {"messaging_product": "whatsapp", "status": "read", "message_id": wamid}
