"""Helpers shared by the services: clock, database error translation, loading and pricing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from posada.db import calendar
from posada.db.errors import classify
from posada.db.models import Base, Reservation
from posada.domain.availability import Occupancy, conflicts
from posada.domain.errors import (
    BackendUnavailable,
    Busy,
    Conflict,
    DomainError,
    NotFound,
    Unavailable,
)
from posada.domain.reservation import Transition
from posada.domain.stay import Stay

if TYPE_CHECKING:
    from posada.db.engine import Database

BUSY_MESSAGE = "El calendario está ocupado; probá de nuevo en un momento."
BACKEND_MESSAGE = "No pudimos conectarnos con la base de datos; probá de nuevo en un momento."


def utcnow() -> datetime:
    """The current instant, aware UTC (the only clock read in the services)."""
    return datetime.now(UTC)


def local_today(timezone: str, now: datetime) -> date:
    """The local date at aware instant ``now`` in IANA zone ``timezone``."""
    return now.astimezone(ZoneInfo(timezone)).date()


def database_failure(exc: BaseException) -> DomainError | None:
    """The domain error for a database failure (see ``posada.db.errors.classify``), or
    ``None`` when ``exc`` is not one."""
    kind = classify(exc)
    if kind == "overlap":
        return Unavailable("Esas noches ya no están disponibles.")
    if kind == "unique":
        return Conflict("That name is already taken.")
    if kind in ("busy", "retry"):
        return Busy(BUSY_MESSAGE)
    if kind == "backend":
        return BackendUnavailable(BACKEND_MESSAGE)
    return None


@asynccontextmanager
async def translated_db_errors() -> AsyncIterator[None]:
    """Turn database refusals and failures into domain errors with stable codes.

    Raises:
        Unavailable: the no-overlap constraint or trigger refused a write.
        Conflict: a unique name is taken.
        Busy: a lock could not be had in time, or a deadlock (retryable).
        BackendUnavailable: the database is unreachable, out of connections, restarting, or
            a statement timed out (retryable).
    """
    try:
        yield
    except DomainError:
        raise
    except Exception as exc:
        translated = database_failure(exc)
        if translated is None:
            raise
        raise translated from exc


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
    """Take the accommodation's write lock, expire its stale holds (in this transaction), then
    return the active rows that share a night with ``stay``."""
    await calendar.lock_accommodations(conn, [accommodation_id])
    await calendar.expire_stale(conn, now, accommodation_id)
    taken = await calendar.occupancies(conn, stay, accommodation_id)
    return conflicts(stay, [row for _, row in taken], now)


Queued = TypeVar("Queued", bound=Base)


async def newest(db: Database, model: type[Queued], status: str | None, limit: int
                 ) -> list[Queued]:
    """Rows of a work table (``id`` and ``status`` columns), newest first, optionally only
    those with ``status``."""
    table: Any = model
    query = select(model).order_by(table.id.desc()).limit(limit)
    if status:
        query = query.where(table.status == status)
    async with db.session() as session:
        return list((await session.scalars(query)).all())
