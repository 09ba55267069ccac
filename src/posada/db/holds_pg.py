"""The PostgreSQL hold path on raw asyncpg: two round trips per hold.

1. the priced read (accommodation, property rules and the seasons touching the stay);
2. ``SELECT * FROM posada_place_hold(...)`` (migration 0002): lock, expire, caps, check,
   insert and audit in one statement, its own transaction.

The pool is sized by ``POSADA_DB_HOT_POOL_SIZE`` and skips asyncpg's reset round trip on
release (``reset`` below): this path keeps no session state — its locks are
transaction-scoped and every statement runs in autocommit.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from posada.db.calendar import PricedAccommodation, priced_from_rows
from posada.db.errors import protocol_broken
from posada.db.holds import HoldCaps, HoldOutcome, NewHold, Outcome

PRICED = """
SELECT a.id, a.property_id, a.slug, a.name, a.capacity, a.base_price, a.currency,
       a.cleaning_fee, a.min_nights, p.timezone, p.weekend_multiplier, p.holidays_as_weekend,
       s.id AS season_id, s.name AS season_name, s.start_date, s.end_date, s.multiplier,
       s.nightly_price, s.min_nights AS season_min_nights, s.accommodation_id AS season_for
FROM accommodations a
JOIN properties p ON p.id = a.property_id
LEFT JOIN seasons s ON s.property_id = p.id
     AND (s.accommodation_id IS NULL OR s.accommodation_id = a.id)
     AND s.start_date <= $3 AND s.end_date > $2
WHERE a.active AND a.id = $1
"""
PLACE = """
SELECT outcome, reservation_id, detail FROM posada_place_hold(
    $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
"""


def asyncpg_dsn(url: str) -> str:
    """``postgresql+asyncpg://…`` (SQLAlchemy) → ``postgresql://…`` (asyncpg)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _no_reset(_connection: asyncpg.Connection) -> None:
    """Nothing to reset: asyncpg still rolls back an open transaction before calling this."""


class PgHoldStore:
    """Holds on PostgreSQL through a dedicated asyncpg pool (created on first use).

    Args:
        url: the SQLAlchemy URL of the database.
        size: most connections this pool opens.
        server_settings: sent at connect (``lock_timeout``, ``statement_timeout``, zone).
        acquire_timeout: seconds to wait for a free connection before ``TimeoutError``.
    """

    def __init__(self, url: str, *, size: int, server_settings: dict[str, str],
                 acquire_timeout: float) -> None:
        self.dsn = asyncpg_dsn(url)
        self.size = size
        self.server_settings = server_settings
        self.acquire_timeout = acquire_timeout
        self._pool: asyncpg.Pool | None = None
        self._starting = asyncio.Lock()

    async def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            async with self._starting:
                if self._pool is None:
                    self._pool = await asyncpg.create_pool(
                        self.dsn, min_size=1, max_size=self.size, reset=_no_reset,
                        server_settings=self.server_settings,
                        max_inactive_connection_lifetime=300,
                    )
        return self._pool

    @asynccontextmanager
    async def session(self) -> AsyncIterator[PgHoldSession]:
        pool = await self.pool()
        session = PgHoldSession(await self._acquire(pool), lambda dead: self._swap(pool, dead))
        try:
            yield session
        finally:
            if session.conn is not None:
                await pool.release(session.conn)

    async def _acquire(self, pool: asyncpg.Pool) -> Any:
        async with asyncio.timeout(self.acquire_timeout):  # cheaper than acquire(timeout=)
            return await pool.acquire()

    async def _swap(self, pool: asyncpg.Pool, dead: Any) -> Any:
        await pool.release(dead)  # asyncpg replaces a closed connection with a new one
        return await self._acquire(pool)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None


#: What a pooled connection the server dropped while it sat idle raises at its first use
#: (or ``protocol_broken``: the server's notice read, the socket's end not yet).
_DROPPED = (asyncpg.ConnectionDoesNotExistError, asyncpg.InterfaceError, ConnectionError)


class PgHoldSession:
    """One pooled connection for one hold attempt; every statement runs in autocommit.

    ``fresh(dead)`` gives ``dead`` back to the pool and returns another connection: the
    first statement (a read) that finds its connection dropped by the server (a restart, an
    idle timeout, ``pg_terminate_backend``) runs again on one, so a stale pool costs no
    guest a 503."""

    def __init__(self, conn: Any, fresh: Callable[[Any], Awaitable[Any]]) -> None:
        self.conn = conn
        self._fresh = fresh

    async def priced(
        self, accommodation_id: int, check_in: date, check_out: date
    ) -> PricedAccommodation | None:
        try:
            rows = await self.conn.fetch(PRICED, accommodation_id, check_in, check_out)
        except Exception as exc:
            stuck = protocol_broken(exc)
            if not (stuck or isinstance(exc, _DROPPED)):
                raise
            if stuck:  # it still looks open: close it, or the pool would hand it out again
                self.conn.terminate()
            dropped, self.conn = self.conn, None
            self.conn = await self._fresh(dropped)
            rows = await self.conn.fetch(PRICED, accommodation_id, check_in, check_out)
        found = priced_from_rows(rows)
        return found[0] if found else None

    async def place(self, hold: NewHold, caps: HoldCaps, now: datetime) -> HoldOutcome:
        args: list[Any] = [
            hold.accommodation_id, hold.check_in, hold.check_out, now, hold.code, hold.guests,
            hold.guest_name, hold.guest_phone, hold.guest_email, hold.channel, hold.expires_at,
            hold.currency, hold.total, hold.deposit, json.dumps(hold.quote),
            hold.phone_key, hold.email_key, hold.client_key, caps.per_contact, caps.per_client,
        ]
        row = await self.conn.fetchrow(PLACE, *args)
        assert row is not None  # the function always returns one row
        outcome: Outcome = row["outcome"]
        detail: str | None = row["detail"]
        if outcome == "created":
            hold.id = row["reservation_id"]
            hold.created_at = hold.updated_at = now
        if outcome.startswith("too_many_holds"):
            return HoldOutcome(outcome, retry_after=max(1, int(detail or "1")))
        return HoldOutcome(outcome)
