"""Guest conversations: one message in → the dialogue policy → commands run → replies queued.

``receive`` handles one guest message exactly once (its id is unique in ``inbound_messages``,
written in the same transaction as the new conversation state and the outbox rows). Commands
that change the calendar run before that transaction in their own: a hold's code is derived
from the message id, so a message processed again after a crash finds the hold it made
instead of taking a second one. One contact's messages are handled one at a time (in this
process by a lock, across processes by an advisory lock on PostgreSQL).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from posada.conversation import model as c
from posada.conversation.policy import step
from posada.conversation.state import State
from posada.db.engine import Database
from posada.db.holds import Turns
from posada.db.models import Property
from posada.db.models_messaging import (
    Contact,
    ContactReservation,
    Conversation,
    InboundMessage,
    OutboxMessage,
)
from posada.domain import cancellation
from posada.domain import reservation as machine
from posada.domain.errors import NotFound
from posada.nlu.understand import understand
from posada.observability import CONVERSATION_TURN, WHATSAPP_MESSAGES
from posada.services import guests
from posada.services.common import local_today, utcnow
from posada.services.conversation_commands import Effects, Executor
from posada.services.outbox import OutboxPolicy, outbox_row, owner_alert
from posada.services.payments import Payments
from posada.services.policy import BookingPolicy
from posada.services.ports import VoiceListener

#: A conversation idle this long starts afresh; a handoff pauses the bot this long at most.
IDLE = timedelta(hours=24)
HANDOFF_PAUSE = timedelta(hours=24)
#: Advisory-lock namespace of one contact's conversation (see migration 0002 for 7300/7301).
CONTACT_LOCK_SPACE = 7302
MAX_STEPS = 12
TURN_TIMEOUT_SECONDS = 60.0
#: Message types counted by name in ``whatsapp_messages_total``; others count as ``other``.
KNOWN_KINDS = frozenset({"text", "audio", "image", "video", "document", "sticker", "location",
                         "contacts", "interactive", "button", "reaction", "edit", "revoke",
                         "system", "unsupported", "unknown", "order", "ephemeral"})


@dataclass(frozen=True)
class GuestMessage:
    """One message from a guest, channel-neutral.

    ``message_id``: the channel's unique id (WhatsApp ``wamid``); ``kind``: the message type
    (``text``, ``interactive``, ``audio``, …); ``text``: the words to read, or ``None``;
    ``sent_at``: aware UTC; ``phone``: E.164; ``wa_id``: the digits as the channel sent them;
    ``user_id``: the WhatsApp BSUID.
    """

    message_id: str
    kind: str
    text: str | None
    sent_at: datetime | None
    phone: str | None = None
    wa_id: str | None = None
    user_id: str | None = None
    profile_name: str | None = None
    reply_id: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    #: a voice note's listening result (``text`` is then its transcript)
    voice: c.Voice | None = None


@dataclass
class Messaging:
    """What the conversation service needs, built once per process at the edge.

    ``code_key``: secret bytes that derive hold codes from message ids; ``nudge(job)``: wakes
    a job runner (``send_outbox``) when new work is stored; ``clock``: aware UTC now.
    """

    db: Database
    policy: BookingPolicy
    outbox: OutboxPolicy
    code_key: bytes
    property_slug: str | None = None
    #: deposits by Mercado Pago (the hold's payment link), or ``None``
    payments: Payments | None = None
    #: voice notes heard on this server, or ``None`` (they are then asked for in writing)
    voice: VoiceListener | None = None
    mark_read: bool = True
    nudge: Callable[[str], None] = lambda _job: None
    clock: Callable[[], datetime] = utcnow
    #: one turn per contact in this process (a turn stuck longer is ``busy``, retried)
    turns: Turns = field(default_factory=lambda: Turns(TURN_TIMEOUT_SECONDS))

    def hold_code(self, message_id: str) -> str:
        digest = hmac.new(self.code_key, b"hold:" + message_id.encode(), hashlib.sha256)
        return machine.new_code(digest.digest())

    @asynccontextmanager
    async def turn_of(self, contact_id: int) -> AsyncIterator[None]:
        async with self.turns.of(contact_id):
            if self.db.is_sqlite:
                yield
                return
            async with self.db.connection() as conn:  # held for the whole turn
                await conn.execute(select(func.pg_advisory_xact_lock(
                    CONTACT_LOCK_SPACE, contact_id)))
                yield


def property_info(prop: Property, policy: BookingPolicy) -> c.PropertyInfo:
    return c.PropertyInfo(
        name=prop.name, timezone=prop.timezone, answers=dict(prop.info or {}),
        map_url=prop.map_url, payment=prop.payment_instructions,
        hold_minutes=int(policy.hold_ttl.total_seconds() // 60),
        cancellation=cancellation.policy_text(cancellation.parse_policy(
            prop.cancellation_policy)))


async def receive(m: Messaging, message: GuestMessage, *, silent: bool = False) -> str:
    """Handle one guest message once; returns the outcome (``answered``, ``recorded``,
    ``paused``, ``duplicate``). ``silent``: record it without a turn (a revoked message,
    a system notice).

    Raises:
        NotFound: no property is set up; database errors propagate (the caller retries).
    """
    started = time.perf_counter()
    db = m.db
    async with db.session() as session:
        if await _seen(session, message.message_id):
            return "duplicate"
        prop = await guests.messaging_property(session, m.property_slug)
        contact = await guests.known_contact(
            session, prop.id, phone=message.phone, wa_id=message.wa_id,
            user_id=message.user_id)
    if contact is None:  # new, or a phone and a user id to link: a write of its own
        contact = await guests.resolve_contact(
            db, prop.id, phone=message.phone, wa_id=message.wa_id, user_id=message.user_id,
            profile_name=message.profile_name, seen_at=message.sent_at or m.clock())
    WHATSAPP_MESSAGES.labels(direction="in", type=message.kind if message.kind in KNOWN_KINDS
                             else "other").inc()  # a label per unknown type would grow
    async with m.turn_of(contact.id):
        outcome = await _turn(m, prop, contact, message, silent)
    if outcome != "duplicate":
        m.nudge("send_outbox")
        CONVERSATION_TURN.observe(time.perf_counter() - started)
    return outcome


async def seen(db: Database, message_id: str) -> bool:
    """Whether the guest message ``message_id`` was already handled (so a redelivered voice
    note is not transcribed again)."""
    async with db.session() as session:
        return await _seen(session, message_id)


async def _seen(session: Any, message_id: str) -> bool:
    return bool(await session.scalar(select(InboundMessage.id).where(
        InboundMessage.wamid == message_id)))


async def _turn(m: Messaging, prop: Property, contact: Contact, message: GuestMessage,
                silent: bool) -> str:
    now = m.clock()
    async with m.db.session() as session:
        if await _seen(session, message.message_id):
            return "duplicate"
        convo = await session.scalar(select(Conversation).where(
            Conversation.contact_id == contact.id))
    info = property_info(prop, m.policy)
    effects = Effects()
    state = State.from_json(convo.state) if convo else State()
    replies: list[c.Reply] = []
    if silent:
        outcome = "recorded"
    elif convo is not None and convo.paused_until is not None and convo.paused_until > now:
        text = message.text or f"[{message.kind}]"
        effects.owner(f"💬 {guests.contact_label(contact)}: {text}")
        outcome = "paused"
    else:
        if convo is not None and now - convo.updated_at > IDLE:
            state = State()
        state, replies = await _converse(m, prop, contact, message, state, info, effects, now)
        outcome = "answered"
    turn = Outcome(state, replies, effects, outcome, convo.id if convo else None)
    await _commit(m, prop, contact, message, turn, now)
    return outcome


async def _converse(m: Messaging, prop: Property, contact: Contact, message: GuestMessage,
                    state: State, info: c.PropertyInfo, effects: Effects, now: datetime
                    ) -> tuple[State, list[c.Reply]]:
    today = local_today(prop.timezone, now)
    words = message.text or ""
    incoming = c.Incoming(
        text=words, understanding=understand(words, today, prop.timezone), today=today,
        now=now, kind=message.kind, reply_id=message.reply_id,
        profile_name=contact.profile_name, voice=message.voice)
    executor = Executor(m.db, m.policy, prop, contact, ZoneInfo(prop.timezone),
                        m.hold_code(message.message_id), effects, now, m.payments)
    replies: list[c.Reply] = []
    event: c.Input | None = incoming
    pending: list[c.Command] = []
    for _ in range(MAX_STEPS):
        if event is not None:
            turn = step(state, event, info)
            state = turn.state
            replies.extend(turn.replies)
            pending.extend(turn.commands)
        if not pending:
            break
        event = await executor.run(pending.pop(0))
    return state, replies


@dataclass
class Outcome:
    """What one turn decided, for its final transaction."""

    state: State
    replies: list[c.Reply]
    effects: Effects
    outcome: str
    conversation_id: int | None


def _columns(row: OutboxMessage) -> dict[str, Any]:
    return {col.key: getattr(row, col.key) for col in OutboxMessage.__table__.columns
            if col.key != "id"}


async def _commit(m: Messaging, prop: Property, contact: Contact, message: GuestMessage,
                  turn: Outcome, now: datetime) -> None:
    """One transaction (Core statements: the hot path) records the message, moves the
    contact's window, saves the state and queues the replies; a message recorded meanwhile by
    another runner (unique ``wamid``) rolls it all back."""
    seen = message.sent_at or now
    effects = turn.effects
    try:
        async with m.db.connection() as conn:
            await conn.execute(insert(InboundMessage).values(
                property_id=prop.id, contact_id=contact.id, wamid=message.message_id,
                type=message.kind[:40], text=message.text, raw=message.raw,
                outcome=turn.outcome, sent_at=message.sent_at, created_at=now))
            await conn.execute(update(Contact).where(Contact.id == contact.id).values(
                last_inbound_at=case(
                    (or_(Contact.last_inbound_at.is_(None), Contact.last_inbound_at < seen),
                     seen), else_=Contact.last_inbound_at),
                profile_name=func.coalesce(
                    (message.profile_name or "")[:200] or None, Contact.profile_name)))
            convo_id = await _save_state(conn, prop.id, contact.id, turn, now)
            if effects.handoff is not None:
                effects.owner(f"Para que el bot vuelva a responder: posada chat resume {convo_id}")
            rows = _outbox_rows(m, prop.id, contact, message, turn, now)
            if rows:
                await conn.execute(insert(OutboxMessage), [_columns(r) for r in rows])
            for reservation_id in effects.linked:
                linked = await conn.scalar(select(ContactReservation.contact_id).where(
                    ContactReservation.contact_id == contact.id,
                    ContactReservation.reservation_id == reservation_id))
                if linked is None:
                    await conn.execute(insert(ContactReservation).values(
                        contact_id=contact.id, reservation_id=reservation_id))
    except IntegrityError:
        return  # the same message was committed by another runner meanwhile


async def _save_state(conn: Any, property_id: int, contact_id: int, turn: Outcome,
                      now: datetime) -> int:
    values: dict[str, Any] = {"state": turn.state.to_json(), "updated_at": now}
    if turn.effects.handoff is not None:
        values.update(paused_until=now + HANDOFF_PAUSE, handoff_reason=turn.effects.handoff)
    if turn.conversation_id is not None:
        await conn.execute(update(Conversation).where(
            Conversation.id == turn.conversation_id).values(**values))
        return turn.conversation_id
    created = await conn.execute(insert(Conversation).values(
        property_id=property_id, contact_id=contact_id, **values).returning(Conversation.id))
    return int(created.scalar_one())


def _outbox_rows(m: Messaging, property_id: int, contact: Contact, message: GuestMessage,
                 turn: Outcome, now: datetime) -> list[OutboxMessage]:
    to = guests.address_of(contact)
    channel = m.outbox.channel
    rows: list[OutboxMessage] = []
    if m.mark_read and turn.outcome != "recorded":
        rows.append(outbox_row(property_id, "read", to, {
            "type": "read", "message_id": message.message_id}, now=now, channel=channel))
    rows += [outbox_row(property_id, "reply", to, reply_json(r), contact_id=contact.id,
                        now=now, channel=channel) for r in turn.replies]
    rows += [alert for body in turn.effects.owner_messages
             if (alert := owner_alert(property_id, m.outbox, body, now, contact.id))
             is not None]
    return rows


def reply_json(reply: c.Reply) -> dict[str, Any]:
    """A conversation reply as the outbox's channel-neutral message."""
    if isinstance(reply, c.Text):
        return {"type": "text", "body": reply.body}
    return {"type": "choice", "body": reply.body, "button": reply.button,
            "options": [{"id": o.id, "title": o.title, "description": o.description}
                        for o in reply.options]}


async def resume(db: Database, conversation_id: int) -> tuple[Conversation, Contact]:
    """Let the bot answer again in a chat a person took over.

    Raises:
        NotFound: no conversation has that id.
    """
    async with db.transaction() as session:
        row = await session.get(Conversation, conversation_id)
        if row is None:
            raise NotFound("No conversation has that id.", conversation_id=conversation_id)
        row.paused_until = None
        row.handoff_reason = None
        row.state = State().to_json()
        contact = await session.get(Contact, row.contact_id)
    assert contact is not None
    return row, contact


async def list_conversations(db: Database, paused_only: bool, limit: int
                             ) -> list[tuple[Conversation, Contact]]:
    """Conversations with their contacts, most recent first."""
    query = (select(Conversation, Contact).join(Contact, Contact.id == Conversation.contact_id)
             .order_by(Conversation.updated_at.desc()).limit(limit))
    if paused_only:
        query = query.where(Conversation.paused_until.is_not(None))
    async with db.session() as session:
        return [(row[0], row[1]) for row in (await session.execute(query)).all()]
