"""Processing one stored WhatsApp delivery: every message, status and error in it, in order.

Each item is idempotent on its own (messages by ``wamid``, statuses by message id and
status), so a delivery processed again after a crash, or redelivered by Meta, changes nothing
that was already done.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, replace

from posada.adapters.whatsapp.items import (
    InboundError,
    InboundMessage,
    InboundStatus,
    UnreadableItem,
    e164,
)
from posada.adapters.whatsapp.payloads import InvalidPayload, parse_delivery, walk
from posada.conversation.model import Heard, Voice
from posada.observability import WHATSAPP_WEBHOOK
from posada.services import guests
from posada.services.conversations import GuestMessage, Messaging, receive, seen
from posada.services.inbox import LAST_ATTEMPT, MAY_DEFER, Handler, NotNow, Unprocessable
from posada.services.outbox import apply_status
from posada.services.ports import Hearing, ListenLater, VoiceListener

log = logging.getLogger("posada.whatsapp")

#: Message types answered through the conversation; others are only recorded.
SILENT = frozenset({"revoke", "system", "ephemeral"})


def guest_message(item: InboundMessage) -> GuestMessage:
    """A WhatsApp message as the conversation service's channel-neutral message (a
    ``system`` notice of a new user id or number carries the new one: the contact has
    moved to it)."""
    kind = item.type or "unknown"
    if kind == "edit":
        kind = "text" if item.text else "edit"  # the guest's corrected words count
    phone, wa_id = item.phone, item.wa_id
    if kind == "system" and item.new_wa_id and e164(item.new_wa_id):
        phone, wa_id = e164(item.new_wa_id), item.new_wa_id
    return GuestMessage(
        message_id=item.wamid or "", kind=kind, text=item.text, sent_at=item.timestamp,
        phone=phone, wa_id=wa_id, user_id=item.new_user_id or item.user_id,
        profile_name=item.profile_name, reply_id=item.reply_id, raw=item.raw)


def heard_message(message: GuestMessage, hearing: Hearing, limit_seconds: int
                  ) -> GuestMessage:
    """A voice note as the words heard in it: the transcript is its text (stored with the
    message), and how it was heard goes to the conversation and into ``raw["posada_voice"]``."""
    voice = Voice(Heard(hearing.heard), limit_seconds)
    raw = {**message.raw, "posada_voice": hearing.to_json()}
    return replace(message, text=hearing.text, voice=voice, raw=raw)


def whatsapp_handler(m: Messaging) -> Handler:
    """The ``process_inbound`` handler of source ``whatsapp`` bound to ``m``.

    Every item is tried, in order; when some failed the others stay done (each is
    idempotent) and the event fails, to be retried. When the only ones left are voice notes
    the recognizer was too busy for, the event is put off (``inbox.NotNow``: no attempt
    used); on the last attempt, when another item failed and the event dies, those notes
    are heard as they can be now rather than left behind. A body that is not a delivery at
    all is ``Unprocessable``."""

    async def handle(body: str) -> int:
        items = list(enumerate(_items(body)))
        failed, later = await _each(m, items, len(items), MAY_DEFER.get())
        if failed and later and LAST_ATTEMPT.get():
            more, _ = await _each(m, [(n, item) for n, item, _ in later], len(items), False)
            failed, later = failed + more, []
        if failed:
            raise ItemsFailed(f"{len(failed)} of {len(items)} items failed: "
                              + "; ".join(failed)
                              + (f" ({len(later)} put off)" if later else ""))
        if later:
            raise NotNow(max(wait.seconds for *_, wait in later),
                         "; ".join(f"item {n + 1}: {wait.reason}" for n, _, wait in later))
        return len(items)

    return handle


class ItemsFailed(Exception):
    """Some items of a delivery could not be processed (the rest were)."""


async def _each(m: Messaging, items: list[tuple[int, object]], total: int, may_defer: bool
                ) -> tuple[list[str], list[tuple[int, object, NotNow]]]:
    """Process ``items`` (numbered in their delivery of ``total``); the failures, said, and
    the items put off."""
    failed: list[str] = []
    later: list[tuple[int, object, NotNow]] = []
    for n, item in items:
        try:
            await _one(m, item, may_defer)
        except NotNow as wait:
            later.append((n, item, wait))
        except Exception as error:
            log.exception("whatsapp item %s of %s failed", n + 1, total)
            failed.append(f"item {n + 1}: {error!r}")
    return failed, later


def _items(body: str) -> list[object]:
    try:
        return list(walk(parse_delivery(body.encode("utf-8"))))
    except InvalidPayload as error:
        raise Unprocessable(f"{error.code}: {error.message}") from error


def whatsapp_senders(body: str) -> set[str]:
    """The order keys of a delivery: each message sender's phone and user id."""
    keys: set[str] = set()
    for item in _items(body):
        if isinstance(item, InboundMessage):
            keys.update(k for k in (item.phone and f"phone:{item.phone}",
                                    item.user_id and f"user:{item.user_id}") if k)
    return keys


def whatsapp_order_key(body: str) -> str | None:
    """The stored order key of a delivery: its sender (phone, else user id) when one guest
    sent every message in it; ``None`` otherwise (statuses only, several guests, unreadable:
    then only the in-batch order keys apply)."""
    try:
        items = _items(body)
    except Unprocessable:
        return None
    found = {f"phone:{i.phone}" if i.phone else f"user:{i.user_id}"
             for i in items if isinstance(i, InboundMessage) and (i.phone or i.user_id)}
    return found.pop() if len(found) == 1 else None


async def _listen(voice: VoiceListener, media_id: str, may_defer: bool) -> Hearing:
    """The note heard; a note the listener is too busy for is put off (``NotNow``) while
    ``may_defer``; on the event's last attempt a passing failure (the media server down all
    along, an answer that is no media, a recognizer busy for over ``inbox.DEFER_LIMIT``) is
    answered as unreadable, not left unanswered."""
    try:
        return await voice.listen(media_id)
    except ListenLater as error:
        if not error.attempt and may_defer:
            raise NotNow(error.retry_after or 0.0, str(error)) from error
        if not LAST_ATTEMPT.get():
            raise
        log.warning("voice note %s given up after the last attempt: %s", media_id, error)
        return Hearing(Heard.UNREADABLE, reason="gave_up")


async def _one(m: Messaging, item: object, may_defer: bool) -> None:
    if isinstance(item, InboundMessage):
        if not item.wamid or not (item.phone or item.user_id):
            WHATSAPP_WEBHOOK.labels(result="message_without_sender").inc()
            log.warning("whatsapp message without id or sender skipped: type=%s", item.type)
            return
        if item.type == "system" and (item.new_user_id or item.new_wa_id):
            async with m.db.session() as session:
                prop = await guests.messaging_property(session, m.property_slug)
            await guests.change_identity(
                m.db, prop.id, old_user_id=item.previous_user_id or item.user_id,
                new_user_id=item.new_user_id, old_phone=item.phone,
                new_phone=e164(item.new_wa_id), new_wa_id=item.new_wa_id)
        message = guest_message(item)
        if item.type == "audio" and m.voice is not None and item.media and item.media.id:
            if await seen(m.db, message.message_id):
                return  # handled already: a redelivery is not transcribed again
            message = heard_message(message, await _listen(m.voice, item.media.id, may_defer),
                                    m.voice.limit_seconds)
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
