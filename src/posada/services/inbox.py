"""Inbound events: a provider's raw delivery stored before it is answered, processed after.

A delivery whose processing fails is retried with backoff (``posada.db.work.backoff``) and,
after ``max_attempts``, kept as ``dead`` for the owner (``GET /api/v1/admin/inbound``) — never
dropped; one that can never be processed (``Unprocessable``) is dead at once. Processing must
be idempotent per item (each message once by its id), because an event is processed again
when a runner dies half-way.

A handler that cannot take an event now for a reason that says nothing of the event (the
recognizer's queue is full of other voice notes) raises ``NotNow``: the event is taken again
after the delay it asks for, and that was no attempt (the claim's count is given back and
nothing is logged above DEBUG). It stays ``pending`` all along, so it holds its sender's
later events back, and a runner that dies before giving it back only leaves it leased, to be
taken again like any other. Putting off is bounded: ``DEFER_LIMIT`` (1 hour) after the event
was received, ``MAY_DEFER`` turns false and a ``NotNow`` counts as a failed attempt like any
other, so a recognizer that never catches up ends, after the attempts left and their backoff
(a few minutes for 8), in the handler's last-attempt answer instead of hiding an outage. An
event first taken over an hour after it came (the runners were stopped) is not put off.

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
import random
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
#: How long after it was received an event may still be put off (``NotNow``), and the
#: shortest wait it is put off for (a handler's 0 would have the runner spin on it).
DEFER_LIMIT = timedelta(hours=1)
DEFER_MIN_SECONDS = 1.0
#: True while a handler's ``NotNow`` would put the event off; false once ``DEFER_LIMIT``
#: has passed (a ``NotNow`` is then a failed attempt: the handler may rather answer what it
#: can, as on ``LAST_ATTEMPT``).
MAY_DEFER: ContextVar[bool] = ContextVar("posada_inbound_may_defer", default=False)


class Unprocessable(Exception):
    """Raised by a handler for a body that no retry can process (it is dead at once)."""


class NotNow(Exception):
    """Raised by a handler that cannot take the event now through no fault of the event or
    of what it depends on (a recognizer busy with other notes): it is taken again after
    ``seconds`` (at least ``DEFER_MIN_SECONDS``, spread by up to half as much again, so a
    burst put off together does not come back together) and the attempt is not counted;
    ``reason`` goes to the DEBUG log. Only while ``MAY_DEFER``: after that it is a failure
    like any other."""

    def __init__(self, seconds: float, reason: str) -> None:
        super().__init__(f"not now ({seconds:g} s): {reason}")
        self.seconds = seconds
        self.reason = reason


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
                      keys: dict[str, KeysOf] | None = None,
                      defer_limit: timedelta = DEFER_LIMIT) -> int:
    """Process every due event with the handler of its source (job ``process_inbound``);
    returns how many events were done (not those failed or put off). ``keys``: per source,
    the order keys of a body (events sharing one are processed in stored order);
    ``defer_limit``: how long after it was received an event may be put off (``NotNow``)."""
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
                                      retry_base_seconds, defer_limit)

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


async def _process(db: Database, handlers: dict[str, Handler], row: Any,
                   max_attempts: int, now: datetime | None, retry_base: float,
                   defer_limit: timedelta) -> bool:
    event_id, attempts = row.id, row.attempts
    may_defer = (now or utcnow()) < row.received_at + defer_limit
    last = LAST_ATTEMPT.set(attempts >= max_attempts)
    deferring = MAY_DEFER.set(may_defer)
    try:
        items = await handlers[row.source](row.body)
    except Exception as exc:
        at = now or utcnow()
        if isinstance(exc, NotNow) and may_defer:
            await _put_off(db, event_id, attempts, at, exc)
            return False
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
        MAY_DEFER.reset(deferring)
    async with db.connection() as conn:
        await conn.execute(update(InboundEvent).where(InboundEvent.id == event_id).values(
            status="done", locked_until=None, processed_at=now or utcnow(), items=items,
            last_error=None))
    return True


async def _put_off(db: Database, event_id: int, attempts: int, at: datetime,
                   later: NotNow) -> None:
    """Give the event back for ``later.seconds`` (and up to half as much again), with the
    attempt its claim counted given back too (``last_error`` stays the last real one)."""
    wait = timedelta(seconds=max(DEFER_MIN_SECONDS, later.seconds) * random.uniform(1.0, 1.5))
    log.debug("inbound event %s put off for %.1f s: %s", event_id, wait.total_seconds(),
              later.reason)
    async with db.connection() as conn:
        await conn.execute(update(InboundEvent).where(InboundEvent.id == event_id).values(
            status="pending", locked_until=None, attempts=max(0, attempts - 1),
            next_attempt_at=at + wait))


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
