"""Migrations build the schema from an empty database to head, and take it down again."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import create_async_engine

from posada.db import migrate
from tests.conftest import PG_URL

TABLES = {"properties", "accommodations", "seasons", "reservations", "reservation_events",
          "admin_users"}


async def describe(url: str) -> tuple[set[str], set[str]]:
    """Table names, plus the overlap guards (triggers or exclusion constraints) present."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            tables = set(await connection.run_sync(lambda c: inspect(c).get_table_names()))
            if url.startswith("sqlite"):
                guards = await connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
            else:
                guards = await connection.execute(
                    text("SELECT conname FROM pg_constraint WHERE contype = 'x'"))
            return tables, {row[0] for row in guards}
    finally:
        await engine.dispose()


def roundtrip(url: str) -> None:
    migrate.downgrade(url, "base")
    tables, guards = asyncio.run(describe(url))
    assert not tables & TABLES
    assert not guards
    migrate.upgrade(url)
    tables, guards = asyncio.run(describe(url))
    assert tables >= TABLES | {"alembic_version"}
    if url.startswith("sqlite"):
        assert guards == {"reservations_no_overlap_insert", "reservations_no_overlap_update"}
    else:
        assert guards == {"reservations_no_overlap"}
    migrate.downgrade(url, "base")
    assert not asyncio.run(describe(url))[0] & TABLES
    migrate.upgrade(url)


def test_sqlite_from_empty_to_head_and_down(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    migrate.upgrade(url)
    roundtrip(url)


@pytest.mark.skipif(not PG_URL, reason="POSADA_TEST_DATABASE_URL not set")
def test_postgresql_from_empty_to_head_and_down(pg_migrated: str) -> None:
    roundtrip(pg_migrated)


def test_the_hold_function_speaks_the_domains_names() -> None:
    """Migration 0002's SQL is frozen text: its statuses, verbs and lock space must be the
    ones the code uses."""
    import importlib.util
    import re

    from posada.db import calendar
    from posada.domain.reservation import OCCUPYING, TRANSITIONS, Status, Verb

    spec = importlib.util.spec_from_file_location(
        "m0002", migrate.MIGRATIONS / "versions" / "0002_fair_holds.py")
    assert spec and spec.loader
    m0002 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m0002)
    sql: str = m0002.PLACE_HOLD
    assert m0002.ACCOMMODATION_LOCK_SPACE == calendar.ACCOMMODATION_LOCK_SPACE
    occupying = re.search(r"r\.status IN \(([^)]*)\)", sql)
    assert occupying and {s.strip(" '") for s in occupying[1].split(",")} == {
        s.value for s in OCCUPYING}
    expired = TRANSITIONS[(Status.PRE_RESERVED, Verb.EXPIRE)]
    assert f"SET status = '{expired.value}'" in sql
    assert (f"'{Verb.EXPIRE.value}', '{Status.PRE_RESERVED.value}', '{expired.value}'"
            in sql)
    assert f"'booking', p_code, '{Status.PRE_RESERVED.value}'" in sql
