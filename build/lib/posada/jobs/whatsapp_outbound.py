"""The outbox's WhatsApp channel: ``posada.services.ports.MessageSender`` over ``CloudApi``.

Channel-neutral outbox messages (``posada.services.ports``) become Cloud API payloads here
(``render``), and ``SendFailed`` becomes the services' ``SendFailure``.
"""

from __future__ import annotations

from typing import Any

from posada.adapters.whatsapp.client import CloudApi, SendFailed
from posada.adapters.whatsapp.render import (
    Recipient,
    read_payload,
    reply_payload,
    template_payload,
)
from posada.conversation.model import Choice, Option, Text
from posada.services.ports import Address, SendFailure


def reply_of(message: dict[str, Any]) -> Text | Choice:
    """An outbox ``text`` or ``choice`` message as the conversation's reply type."""
    if message.get("type") == "choice":
        return Choice(str(message.get("body", "")), tuple(
            Option(str(o.get("id", "")), str(o.get("title", "")), str(o.get("description", "")))
            for o in message.get("options", [])), str(message.get("button") or "Ver opciones"))
    return Text(str(message.get("body", "")))


def cloud_payload(to: Address, message: dict[str, Any]) -> dict[str, Any]:
    """The Cloud API payload of one outbox message (shapes in ``posada.services.ports``)."""
    recipient = Recipient(to.phone, to.user_id)
    kind = message.get("type")
    if kind == "read":
        return read_payload(str(message["message_id"]))
    if kind == "template":
        return template_payload(recipient, str(message["name"]),
                                str(message.get("language") or "es_AR"),
                                [str(p) for p in message.get("params", [])])
    return reply_payload(reply_of(message), recipient)


class WhatsAppChannel:
    """Sends outbox messages through the Cloud API (one ``CloudApi`` per process)."""

    def __init__(self, api: CloudApi) -> None:
        self.api = api

    async def send(self, to: Address, message: dict[str, Any]) -> str:
        try:
            if message.get("type") == "read":
                await self.api.mark_read(str(message["message_id"]))
                return ""
            return await self.api.send(cloud_payload(to, message))
        except SendFailed as failed:
            raise SendFailure(failed.kind, f"HTTP {failed.http_status} code {failed.code}: "
                              f"{failed.message or failed.title or ''}".strip(),
                              code=failed.code, retry_after=failed.retry_after) from failed

    async def aclose(self) -> None:
        await self.api.aclose()
