"""The hold hot path behind one small port, with one implementation per engine.

``place`` does, for one new hold and as one serialised unit per accommodation: expire the
accommodation's stale holds, check the caps on live holds (per guest contact, per client
address), check the nights, insert the hold and write its audit entry. On SQLite that is one
``BEGIN IMMEDIATE`` transaction of Core statements (this module); on PostgreSQL one call of
the ``posada_place_hold`` function over raw asyncpg (``posada.db.holds_pg``).
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, Protocol

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from posada.db import calendar
from posada.db.calendar import PricedAccommodation, R
from posada.db.errors import CalendarBusy
from posada.db.models import Accommodation
from posada.domain.reservation import Status
from posada.domain.stay import Stay

if TYPE_CHECKING:
    from posada.db.engine import Database

Outcome = Literal[
    "created", "not_found", "unavailable", "too_many_holds_contact", "too_many_holds_client"
]


@dataclass(frozen=True)
class HoldCaps:
    """Most live holds per guest contact and per client address (0 = no cap)."""

    per_contact: int = 0
    per_client: int = 0


@dataclass(frozen=True)
class HoldOutcome:
    """What ``place`` did: ``created`` (the hold's ``id`` is set), or why not.

    ``retry_after`` is the number of seconds until the guest's oldest live hold expires
    (``too_many_*``). Which rows hold the nights is not said: guests must not learn other
    guests' codes.
    """

    outcome: Outcome
    retry_after: int | None = None


@dataclass
class NewHold:
    """A hold to insert (``id`` and ``created_at`` are set once it is): the columns of a
    ``reservations`` row of kind ``booking``, without the ORM's instrumentation."""

    property_id: int
    accommodation_id: int
    code: str
    check_in: date
    check_out: date
    guests: int
    guest_name: str
    guest_phone: str | None
    guest_email: str | None
    channel: str
    expires_at: datetime
    currency: str
    total: Decimal
    deposit: Decimal
    quote: dict[str, object]
    phone_key: str | None = None
    email_key: str | None = None
    client_key: str | None = None
    status: str = Status.PRE_RESERVED.value
    kind: str = "booking"
    note: str | None = None
    external_uid: str | None = None
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: the code was derived from the request (``HoldRequest.code``): never redrawn
    code_fixed: bool = False


class HoldSession(Protocol):
    """What one hold attempt needs from the database, on one connection."""

    async def priced(
        self, accommodation_id: int, check_in: date, check_out: date
    ) -> PricedAccommodation | None:
        """The active accommodation with the pricing data for the stay, or ``None``."""

    async def place(self, hold: NewHold, caps: HoldCaps, now: datetime) -> HoldOutcome:
        """Insert ``hold`` when its nights and the caps allow; sets ``hold.id``."""


class HoldStore(Protocol):
    def session(self) -> AbstractAsyncContextManager[HoldSession]:
        """A connection for one hold attempt (its two statements)."""

    async def close(self) -> None:
        """Release the connections the store owns."""


class Turns:
    """One writer per key (an accommodation; a guest contact's conversation) at a time *in
    this process*, before any connection is taken: requests queued behind a locked calendar
    wait here, not holding a pooled connection, so one hot or stuck calendar cannot starve
    the pool for every other cabin. The database lock still serialises writers across
    processes.

    Args:
        timeout: seconds to wait for the turn before ``CalendarBusy``.
    """

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def of(self, key: int) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            try:
                async with asyncio.timeout(self.timeout):
                    await lock.acquire()
            except TimeoutError as exc:
                raise CalendarBusy(key) from exc
            try:
                yield
            finally:
                lock.release()
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)


def seconds_until(instant: datetime, now: datetime) -> int:
    """Whole seconds from ``now`` until ``instant`` (both aware), at least 1."""
    return max(1, math.ceil((instant - now).total_seconds()))


async def _live_holds_expiring(
    conn: AsyncConnection, condition: object, cap: int, now: datetime
) -> int | None:
    """Seconds until the first of the live holds matching ``condition`` expires, when there
    are ``cap`` or more of them; else ``None``."""
    query = (select(R.expires_at).where(R.status == Status.PRE_RESERVED.value,
                                        R.expires_at > now, condition)  # type: ignore[arg-type]
             .order_by(R.expires_at).limit(cap))
    found = (await conn.execute(query)).scalars().all()
    return seconds_until(found[0], now) if len(found) >= cap else None


class SqliteHoldStore:
    """The SQLite path: writers are serialised by ``BEGIN IMMEDIATE`` (the whole file); the
    priced read runs on the read engine, the insert in its own write transaction."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @asynccontextmanager
    async def session(self) -> AsyncIterator[SqliteHoldStore]:
        yield self

    async def priced(
        self, accommodation_id: int, check_in: date, check_out: date
    ) -> PricedAccommodation | None:
        async with self.database.read_connection() as conn:
            found = await calendar.priced_accommodations(conn, check_in, check_out,
                                                         accommodation_id)
        return found[0] if found else None

    async def place(self, hold: NewHold, caps: HoldCaps, now: datetime) -> HoldOutcome:
        async with self.database.connection() as conn:
            active = await conn.scalar(select(Accommodation.property_id).where(
                Accommodation.id == hold.accommodation_id, Accommodation.active.is_(True)))
            if active is None:
                return HoldOutcome("not_found")
            await calendar.expire_stale(conn, now, hold.accommodation_id)
            contacts = [c for c in (R.phone_key == hold.phone_key if hold.phone_key else None,
                                    R.email_key == hold.email_key if hold.email_key else None)
                        if c is not None]
            if caps.per_contact and contacts:
                wait = await _live_holds_expiring(conn, or_(*contacts), caps.per_contact, now)
                if wait is not None:
                    return HoldOutcome("too_many_holds_contact", retry_after=wait)
            if caps.per_client and hold.client_key:
                wait = await _live_holds_expiring(
                    conn, R.client_key == hold.client_key, caps.per_client, now)
                if wait is not None:
                    return HoldOutcome("too_many_holds_client", retry_after=wait)
            if await calendar.occupancies(
                    conn, Stay(hold.check_in, hold.check_out), hold.accommodation_id):
                return HoldOutcome("unavailable")
            hold.property_id = active
            await calendar.insert_row(conn, hold, "hold", hold.channel, now)
        return HoldOutcome("created")

    async def close(self) -> None:
        return None
