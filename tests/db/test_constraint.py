"""The database itself refuses overlapping active rows (README, "How it keeps its promises")."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from posada.db.engine import Database
from posada.domain.errors import Unavailable
from posada.services.common import translated_db_errors
from tests.conftest import Seeded

INSERT = text(
    "INSERT INTO reservations (property_id, accommodation_id, kind, code, status, check_in, "
    "check_out, channel, created_at, updated_at) VALUES (:p, :a, 'booking', :code, :status, "
    ":check_in, :check_out, 'admin', :now, :now)"
)


async def insert(db: Database, seeded: Seeded, code: str, status: str, check_in: date,
                 check_out: date, capacity: int = 2) -> None:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    async with db.transaction() as session:
        await session.execute(INSERT, {
            "p": seeded.property.id, "a": seeded.cabin(capacity).id, "code": code,
            "status": status, "check_in": check_in, "check_out": check_out,
            "now": now if not db.is_sqlite else now.replace(tzinfo=None).isoformat(" "),
        })


async def test_overlapping_insert_is_refused_by_the_database(db: Database, seeded: Seeded) -> None:
    await insert(db, seeded, "A1", "confirmed", date(2026, 12, 1), date(2026, 12, 5))
    for status in ("pre_reserved", "confirmed", "blocked"):
        with pytest.raises(DBAPIError):
            await insert(db, seeded, f"B-{status}", status, date(2026, 12, 4), date(2026, 12, 6))
    with pytest.raises(Unavailable):
        async with translated_db_errors():
            await insert(db, seeded, "C1", "blocked", date(2026, 11, 30), date(2026, 12, 2))
    # Back-to-back, inactive rows and other accommodations are accepted.
    await insert(db, seeded, "D1", "confirmed", date(2026, 12, 5), date(2026, 12, 7))
    await insert(db, seeded, "D2", "cancelled", date(2026, 12, 2), date(2026, 12, 3))
    await insert(db, seeded, "D3", "confirmed", date(2026, 12, 2), date(2026, 12, 3), capacity=4)


async def test_reactivating_an_overlapping_row_is_refused(db: Database, seeded: Seeded) -> None:
    await insert(db, seeded, "A1", "confirmed", date(2026, 12, 1), date(2026, 12, 5))
    await insert(db, seeded, "A2", "cancelled", date(2026, 12, 3), date(2026, 12, 4))
    with pytest.raises(DBAPIError):
        async with db.transaction() as session:
            await session.execute(text("UPDATE reservations SET status = 'confirmed' "
                                       "WHERE code = 'A2'"))


async def test_empty_stay_is_refused(db: Database, seeded: Seeded) -> None:
    with pytest.raises(DBAPIError):
        await insert(db, seeded, "E1", "cancelled", date(2026, 12, 5), date(2026, 12, 5))
