"""Helpers shared by the services: clock, database error translation, loading and pricing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from posada.db import calendar
from posada.db.models import Reservation
from posada.domain.availability import Occupancy, conflicts
from posada.domain.errors import Busy, Conflict, NotFound, Unavailable
from posada.domain.reservation import Transition
from posada.domain.stay import Stay

EXCLUSION_VIOLATION = "23P01"
UNIQUE_VIOLATION = "23505"
RETRYABLE = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available


def utcnow() -> datetime:
    """The current instant, aware UTC (the only clock read in the services)."""
    return datetime.now(UTC)


def local_today(timezone: str, now: datetime) -> date:
    """The local date at aware instant ``now`` in IANA zone ``timezone``."""
    return now.astimezone(ZoneInfo(timezone)).date()


def _sqlstate(exc: DBAPIError) -> str | None:
    orig = exc.orig
    for candidate in (orig, getattr(orig, "__cause__", None)):
        code = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if isinstance(code, str):
            return code
    return None


@asynccontextmanager
async def translated_db_errors() -> AsyncIterator[None]:
    """Turn database refusals into domain errors with stable codes.

    Raises:
        Unavailable: the no-overlap constraint or trigger refused a write.
        Conflict: a unique name is taken.
        Busy: the write lock could not be had in time (retryable).
    """
    try:
        yield
    except IntegrityError as exc:
        state, text = _sqlstate(exc), str(exc.orig)
        if state == EXCLUSION_VIOLATION or "reservation_overlap" in text:
            raise Unavailable("Esas noches ya no están disponibles.") from exc
        if state == UNIQUE_VIOLATION or "UNIQUE constraint failed" in text:
            raise Conflict("That name is already taken.") from exc
        raise
    except OperationalError as exc:
        if "database is locked" in str(exc.orig) or _sqlstate(exc) in RETRYABLE:
            raise Busy("The calendar is busy; try again in a moment.") from exc
        raise
    except DBAPIError as exc:
        if "reservation_overlap" in str(exc.orig) or _sqlstate(exc) == EXCLUSION_VIOLATION:
            raise Unavailable("Esas noches ya no están disponibles.") from exc
        if _sqlstate(exc) in RETRYABLE:
            raise Busy("The calendar is busy; try again in a moment.") from exc
        raise


async def load_reservation(
    session: AsyncSession, code: str, *, for_update: bool = False
) -> Reservation:
    """The guest reservation with public ``code``; raises ``not_found``."""
    query = select(Reservation).where(Reservation.code == code, Reservation.kind == "booking")
    if for_update:
        query = query.with_for_update()
    reservation = await session.scalar(query)
    if reservation is None:
        raise NotFound("No encontramos esa reserva.", code=code)
    return reservation


async def record(
    session: AsyncSession,
    row: Reservation,
    change: Transition,
    now: datetime,
    actor: str = "system",
) -> None:
    """Apply ``change`` to ``row`` (flushed with the transaction) and write its audit entry."""
    row.status = change.to_status.value
    row.updated_at = now
    await calendar.add_events(await session.connection(), change.verb.value, [row],
                              change.from_status.value, row.status, actor, now)


async def load_priced(
    conn: AsyncConnection, accommodation_id: int, check_in: date, check_out: date,
    missing: str = "No encontramos ese alojamiento.",
) -> calendar.PricedAccommodation:
    """The active accommodation with its pricing data for ``[check_in, check_out)``.

    Raises:
        NotFound: no active accommodation has that id (``missing`` is the message).
    """
    found = await calendar.priced_accommodations(conn, check_in, check_out, accommodation_id)
    if not found:
        raise NotFound(missing, accommodation_id=accommodation_id)
    return found[0]


async def clashes(
    conn: AsyncConnection, accommodation_id: int, stay: Stay, now: datetime
) -> list[Occupancy]:
    """Expire the accommodation's stale holds (in this transaction), then return the active
    rows that share a night with ``stay``."""
    await calendar.expire_stale(conn, now, accommodation_id)
    taken = await calendar.occupancies(conn, stay, accommodation_id)
    return conflicts(stay, [row for _, row in taken], now)
