"""Inbound events: a provider's raw delivery stored before it is answered, processed after.

A delivery whose processing fails is retried with backoff (``posada.db.work.backoff``) and,
after ``max_attempts``, kept as ``dead`` for the owner (``GET /api/v1/admin/inbound``) — never
dropped; one that can never be processed (``Unprocessable``) is dead at once. Processing must
be idempotent per item (each message once by its id), because an event is processed again
when a runner dies half-way.

Order: a runner processes a claimed batch concurrently, except that events sharing an order
key (``process_due``'s ``keys``: for WhatsApp, the senders) run one after the other in the
order they were stored, so one guest's messages sent in separate deliveries are answered in
order.
Batches follow each other. Several runners (``posada serve --workers N`` on PostgreSQL) can
still take one guest's back-to-back deliveries at the same moment: their turns never overlap
(``Messaging.turn_of``), but they may be answered in either order.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, update

from posada.db import work
from posada.db.engine import Database
from posada.db.models_messaging import InboundEvent
from posada.domain.errors import NotFound
from posada.services.common import newest, translated_db_errors, utcnow

log = logging.getLogger("posada.inbox")

#: A claim lasts this long and is renewed every third of it while the runner works: a
#: runner that dies gives its events back within ``LEASE``.
LEASE = timedelta(seconds=30)
CONCURRENCY = 8

Handler = Callable[[str], Awaitable[int]]
#: True while a handler runs an event's last attempt (a failure now makes it dead): a
#: handler may then answer what it can instead of waiting for a retry that will not come.
LAST_ATTEMPT: ContextVar[bool] = ContextVar("posada_inbound_last_attempt", default=False)
#: The order keys of a stored body (e.g. its senders); unreadable bodies have none.
KeysOf = Callable[[str], Iterable[str]]


class Unprocessable(Exception):
    """Raised by a handler for a body that no retry can process (it is dead at once)."""


async def store(db: Database, source: str, body: str, now: datetime | None = None,
                order_key: str | None = None) -> int:
    """Store a raw delivery (``body``: the exact text that was signed); returns its id.
    ``order_key``: its sender when one sent it all (their deliveries are processed in
    order, one at a time, by every runner)."""
    now = now or utcnow()
    async with translated_db_errors(), db.connection() as conn:
        stored = await conn.execute(insert(InboundEvent).values(
            source=source, order_key=order_key[:140] if order_key else None, body=body,
            status="pending", attempts=0, next_attempt_at=now,
            received_at=now).returning(InboundEvent.id))
        return int(stored.scalar_one())


async def process_due(db: Database, handlers: dict[str, Handler], max_attempts: int,
                      now: datetime | None = None, limit: int = 32,
                      retry_base_seconds: float = work.BACKOFF_BASE_SECONDS,
                      keys: dict[str, KeysOf] | None = None) -> int:
    """Process every due event with the handler of its source (job ``process_inbound``);
    returns how many events were done. ``keys``: per source, the order keys of a body
    (events sharing one are processed in stored order)."""
    done = 0
    gate = asyncio.Semaphore(CONCURRENCY)
    while True:
        at = now or utcnow()
        async with db.connection() as conn:
            rows = await work.claim_inbound(conn, at, LEASE, limit)
        if not rows:
            return done

        async def one(row: Any, after: list[asyncio.Task[bool]]) -> bool:
            if after:
                await asyncio.wait(after)
            async with gate:
                return await _process(db, handlers, row, max_attempts, now,
                                      retry_base_seconds)

        last: dict[str, asyncio.Task[bool]] = {}
        tasks = []
        for row in rows:  # oldest first
            mine = _keys((keys or {}).get(row.source), row.body)
            task = asyncio.create_task(one(row, list({last[k] for k in mine if k in last})))
            last.update(dict.fromkeys(mine, task))
            tasks.append(task)
        renewing = asyncio.create_task(_renew(db, [row.id for row in rows]))
        try:
            done += sum(await asyncio.gather(*tasks))
        finally:
            renewing.cancel()


async def _renew(db: Database, ids: list[int]) -> None:
    """Keep the batch's leases while it is processed (real clock)."""
    while True:
        await asyncio.sleep(LEASE.total_seconds() / 3)
        try:
            async with db.connection() as conn:
                await conn.execute(update(InboundEvent).where(
                    InboundEvent.id.in_(ids), InboundEvent.status == "pending")
                    .values(locked_until=utcnow() + LEASE))
        except Exception:  # a missed renewal only risks a second, idempotent processing
            log.warning("could not renew the leases of inbound events %s", ids[:5])


def _keys(keys_of: KeysOf | None, body: str) -> set[str]:
    if keys_of is None:
        return set()
    try:
        return set(keys_of(body))
    except Exception:  # the handler reports what is wrong with the body
        return set()


async def _process(db: Database, handlers: dict[str, Handler], row: object,
                   max_attempts: int, now: datetime | None, retry_base: float) -> bool:
    event_id, attempts = row.id, row.attempts  # type: ignore[attr-defined]
    last = LAST_ATTEMPT.set(attempts >= max_attempts)
    try:
        items = await handlers[row.source](row.body)  # type: ignore[attr-defined]
    except Exception as exc:
        at = now or utcnow()
        dead = attempts >= max_attempts or isinstance(exc, Unprocessable)
        log.warning("inbound event %s failed (attempt %s%s): %r", event_id, attempts,
                    ", now dead" if dead else "", exc)
        async with db.connection() as conn:
            await conn.execute(update(InboundEvent).where(InboundEvent.id == event_id).values(
                status="dead" if dead else "pending", locked_until=None,
                next_attempt_at=at + work.backoff(attempts, retry_base),
                last_error=repr(exc)[:2000]))
        return False
    finally:
        LAST_ATTEMPT.reset(last)
    async with db.connection() as conn:
        await conn.execute(update(InboundEvent).where(InboundEvent.id == event_id).values(
            status="done", locked_until=None, processed_at=now or utcnow(), items=items,
            last_error=None))
    return True


async def list_events(db: Database, status: str | None, limit: int) -> Sequence[InboundEvent]:
    """Inbound events, newest first (``status``: pending, done, dead or any)."""
    return await newest(db, InboundEvent, status, limit)


async def retry_event(db: Database, event_id: int, now: datetime | None = None) -> InboundEvent:
    """Put a dead (or done) event back in the queue, with a fresh count of attempts.

    Raises:
        NotFound: no event has that id.
    """
    async with db.transaction() as session:
        event = await session.get(InboundEvent, event_id)
        if event is None:
            raise NotFound("No inbound event has that id.", event_id=event_id)
        event.status, event.attempts = "pending", 0
        event.next_attempt_at, event.locked_until = now or utcnow(), None
    return event
