"""Processing one stored WhatsApp delivery: every message, status and error in it, in order.

Each item is idempotent on its own (messages by ``wamid``, statuses by message id and
status), so a delivery processed again after a crash, or redelivered by Meta, changes nothing
that was already done.
"""

from __future__ import annotations

import logging
from dataclasses import asdict

from posada.adapters.whatsapp.items import (
    InboundError,
    InboundMessage,
    InboundStatus,
    UnreadableItem,
)
from posada.adapters.whatsapp.payloads import parse_delivery, walk
from posada.observability import WHATSAPP_WEBHOOK
from posada.services import guests
from posada.services.conversations import GuestMessage, Messaging, receive
from posada.services.inbox import Handler
from posada.services.outbox import apply_status

log = logging.getLogger("posada.whatsapp")

#: Message types answered through the conversation; others are only recorded.
SILENT = frozenset({"revoke", "system", "ephemeral"})


def guest_message(item: InboundMessage) -> GuestMessage:
    """A WhatsApp message as the conversation service's channel-neutral message."""
    kind = item.type or "unknown"
    if kind == "edit":
        kind = "text" if item.text else "edit"  # the guest's corrected words count
    return GuestMessage(
        message_id=item.wamid or "", kind=kind, text=item.text, sent_at=item.timestamp,
        phone=item.phone, wa_id=item.wa_id, user_id=item.user_id,
        profile_name=item.profile_name, reply_id=item.reply_id, raw=item.raw)


def whatsapp_handler(m: Messaging) -> Handler:
    """The ``process_inbound`` handler of source ``whatsapp`` bound to ``m``."""

    async def handle(body: str) -> int:
        items = walk(parse_delivery(body.encode("utf-8")))
        for item in items:
            await _one(m, item)
        return len(items)

    return handle


async def _one(m: Messaging, item: object) -> None:
    if isinstance(item, InboundMessage):
        if not item.wamid or not (item.phone or item.user_id):
            WHATSAPP_WEBHOOK.labels(result="message_without_sender").inc()
            log.warning("whatsapp message without id or sender skipped: type=%s", item.type)
            return
        if item.type == "system" and item.new_user_id:
            async with m.db.session() as session:
                prop = await guests.messaging_property(session, m.property_slug)
            await guests.change_user_id(m.db, prop.id, item.previous_user_id or item.user_id,
                                        item.new_user_id)
        message = guest_message(item)
        await receive(m, message, silent=message.kind in SILENT)
    elif isinstance(item, InboundStatus):
        if item.message_id and item.status:
            await apply_status(m.db, m.outbox, item.message_id, item.status, item.timestamp,
                               [asdict(e) for e in item.errors])
    elif isinstance(item, InboundError):
        WHATSAPP_WEBHOOK.labels(result="error_item").inc()
        log.warning("whatsapp reported error %s: %s %s", item.error.code, item.error.title,
                    item.error.details or item.error.message or "")
    elif isinstance(item, UnreadableItem):
        WHATSAPP_WEBHOOK.labels(result="unreadable_item").inc()
        log.warning("whatsapp item could not be read: %s", item.reason)

