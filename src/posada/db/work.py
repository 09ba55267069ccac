"""Claiming due work rows (inbound events, outbox) so that two runners never take one row.

A claim is one ``UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING`` on
PostgreSQL; on SQLite the write transaction (``BEGIN IMMEDIATE``) already serialises runners
and ``FOR UPDATE`` is not rendered. A claimed row carries a lease (``locked_until``): a runner
that dies leaves it to be taken again (inbound) or recovered (outbox) once the lease ends.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import aliased

from posada.db.models_messaging import InboundEvent, OutboxMessage

#: Backoff: base seconds doubled per attempt, capped, with full jitter (AWS architecture blog,
#: "Exponential Backoff And Jitter", 2015).
BACKOFF_BASE_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 15 * 60.0


def backoff(attempts: int, base: float = BACKOFF_BASE_SECONDS,
            rng: random.Random | None = None) -> timedelta:
    """How long to wait before attempt ``attempts + 1`` (``attempts`` ≥ 1 made so far):
    ``base`` seconds doubled per attempt, capped at 15 minutes, times a random 0.5–1."""
    ceiling = min(BACKOFF_CAP_SECONDS, base * 2 ** max(0, attempts - 1))
    spread = (rng or random).uniform(0.5, 1.0)  # keep half: never retry at once
    return timedelta(seconds=ceiling * spread)


async def claim_inbound(
    conn: AsyncConnection, now: datetime, lease: timedelta, limit: int
) -> Sequence[Any]:
    """Take up to ``limit`` due inbound events (oldest first) for ``lease``, never one whose
    sender (``order_key``) has an earlier event still pending (being processed elsewhere or
    waiting for a retry); returns rows with ``id, source, body, attempts, received_at``
    (``attempts`` already counts this one)."""
    earlier = aliased(InboundEvent)
    waits = exists().where(  # one sender's deliveries go one after the other
        earlier.order_key == InboundEvent.order_key, earlier.id < InboundEvent.id,
        earlier.status == "pending")
    due = (select(InboundEvent.id)
           .where(InboundEvent.status == "pending", InboundEvent.next_attempt_at <= now,
                  or_(InboundEvent.locked_until.is_(None), InboundEvent.locked_until <= now),
                  or_(InboundEvent.order_key.is_(None), ~waits))
           .order_by(InboundEvent.id).limit(limit).with_for_update(skip_locked=True))
    claimed = await conn.execute(
        update(InboundEvent).where(InboundEvent.id.in_(due.scalar_subquery()))
        .values(locked_until=now + lease, attempts=InboundEvent.attempts + 1)
        .returning(InboundEvent.id, InboundEvent.source, InboundEvent.body,
                   InboundEvent.attempts, InboundEvent.received_at))
    return sorted(claimed.all(), key=lambda row: row.id)


async def claim_outbox(
    conn: AsyncConnection, now: datetime, lease: timedelta, limit: int,
    channel: str = "whatsapp",
) -> Sequence[Any]:
    """Take up to ``limit`` due outbox rows of ``channel``, at most the first unsent one per
    contact (a contact's messages go out in the order they were written), and so too per
    property for the owner's (an alert, then how to resume the bot), marking them
    ``sending``."""
    earlier = aliased(OutboxMessage)
    owners = and_(OutboxMessage.contact_id.is_(None), OutboxMessage.kind == "owner")
    blocked = exists().where(
        earlier.id < OutboxMessage.id, earlier.status.in_(("pending", "sending")),
        or_(earlier.contact_id == OutboxMessage.contact_id,
            and_(owners, earlier.contact_id.is_(None), earlier.kind == "owner",
                 earlier.property_id == OutboxMessage.property_id,
                 earlier.channel == OutboxMessage.channel)))
    due = (select(OutboxMessage.id)
           .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now,
                  OutboxMessage.channel == channel,
                  or_(and_(OutboxMessage.contact_id.is_(None), ~owners), ~blocked))
           .order_by(OutboxMessage.id).limit(limit).with_for_update(skip_locked=True))
    claimed = await conn.execute(
        update(OutboxMessage).where(OutboxMessage.id.in_(due.scalar_subquery()))
        .values(status="sending", locked_until=now + lease,
                attempts=OutboxMessage.attempts + 1)
        .returning(OutboxMessage.id, OutboxMessage.kind, OutboxMessage.contact_id,
                   OutboxMessage.payload, OutboxMessage.attempts, OutboxMessage.property_id))
    return sorted(claimed.all(), key=lambda row: row.id)


async def recover_outbox(conn: AsyncConnection, now: datetime) -> int:
    """Rows left ``sending`` by a runner that died (lease over) become ``uncertain``: the
    provider may have taken the message, so it is not sent again (at most once). Read
    receipts are harmless to repeat, and an e-mail twice (same Message-ID) is better than
    none: they go back to ``pending``."""
    stale = and_(OutboxMessage.status == "sending", OutboxMessage.locked_until <= now)
    await conn.execute(update(OutboxMessage).where(
        stale, or_(OutboxMessage.kind == "read", OutboxMessage.channel == "email"))
                       .values(status="pending", locked_until=None, next_attempt_at=now))
    result = await conn.execute(
        update(OutboxMessage).where(stale)
        .values(status="uncertain", last_error="the sender stopped during the call"))
    return result.rowcount or 0
