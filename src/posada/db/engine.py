"""Engines and sessions for both ways to run: SQLite (embedded) and PostgreSQL (scaled).

SQLite writes run in ``BEGIN IMMEDIATE`` so two writers never interleave (the overlap
triggers then see every committed row); reads use a second engine with deferred
transactions so they do not queue behind writers. PostgreSQL uses one engine.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from posada.db.holds import HoldStore, SqliteHoldStore, Turns
from posada.db.holds_pg import PgHoldStore


def _sqlite_engine(url: str, *, immediate: bool, busy_timeout_ms: int) -> AsyncEngine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(
        url, connect_args={"timeout": busy_timeout_ms / 1000}, hide_parameters=True
    )

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN below
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            "foreign_keys=ON",
            f"busy_timeout={busy_timeout_ms}",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@dataclass(frozen=True)
class PoolOptions:
    """Connection limits of one process on PostgreSQL (see the README's connection budget).

    ``size + overflow`` connections for the SQLAlchemy engine, plus ``hot_size`` for the raw
    asyncpg hold path; ``timeout`` is seconds to wait for a free connection; statement and
    lock timeouts are milliseconds (0 = none).
    """

    size: int = 10
    overflow: int = 10
    timeout: float = 10.0
    hot_size: int = 10
    statement_timeout_ms: int = 15_000
    lock_timeout_ms: int = 5_000

    @property
    def server_settings(self) -> dict[str, str]:
        return {"lock_timeout": str(self.lock_timeout_ms),
                "statement_timeout": str(self.statement_timeout_ms), "timezone": "UTC"}


class Database:
    """Owns the engines; ``transaction()`` for writes, ``session()`` for reads, ``holds`` for
    the hold hot path.

    Args:
        url: ``sqlite+aiosqlite:///path`` or ``postgresql+asyncpg://user@host/db``.
        pool: PostgreSQL connection limits and timeouts.
        busy_timeout_ms: how long a SQLite writer waits for the lock before ``busy``.
    """

    def __init__(self, url: str, *, pool: PoolOptions | None = None,
                 busy_timeout_ms: int = 10_000) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self.holds: HoldStore
        pool = pool or PoolOptions()
        if self.is_sqlite:
            self.engine = _sqlite_engine(url, immediate=True, busy_timeout_ms=busy_timeout_ms)
            self.read_engine = _sqlite_engine(url, immediate=False, busy_timeout_ms=busy_timeout_ms)
            self.holds = SqliteHoldStore(self)
        else:
            self.engine = create_async_engine(
                url,
                pool_size=pool.size,
                max_overflow=pool.overflow,
                pool_timeout=pool.timeout,
                pool_pre_ping=True,  # a connection the server dropped is replaced, not a 503
                hide_parameters=True,  # guests' contacts never reach an error message or log
                connect_args={"server_settings": pool.server_settings},
            )
            self.read_engine = self.engine
            self.holds = PgHoldStore(url, size=pool.hot_size, acquire_timeout=pool.timeout,
                                     server_settings=pool.server_settings)
        lock_wait = busy_timeout_ms if self.is_sqlite else pool.lock_timeout_ms
        #: Each accommodation's writers take turns in this process first (see ``Turns``).
        self.turns = Turns(lock_wait / 1000)
        #: SQLite has one writer per file: writers of this process queue here, in order,
        #: instead of in SQLite's busy handler (which sleeps up to 100 ms between polls).
        self._write_turn = asyncio.Lock() if self.is_sqlite else None
        self._writer = async_sessionmaker(self.engine, expire_on_commit=False)
        self._reader = async_sessionmaker(self.read_engine, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A write transaction: commits on success, rolls back on any exception."""
        async with self._writing(), self._writer() as session, session.begin():
            yield session

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A read session; closing it ends its transaction and keeps loaded objects usable."""
        async with self._reader() as session:
            yield session

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[AsyncConnection]:
        """A Core write transaction (the hot path): commits on success, rolls back on error."""
        async with self._writing(), self.engine.begin() as conn:
            yield conn

    @asynccontextmanager
    async def _writing(self) -> AsyncIterator[None]:
        if self._write_turn is None:
            yield
            return
        async with self._write_turn:
            yield

    @asynccontextmanager
    async def read_connection(self) -> AsyncIterator[AsyncConnection]:
        """A Core read connection."""
        async with self.read_engine.connect() as conn:
            yield conn

    async def dispose(self) -> None:
        await self.holds.close()
        await self.engine.dispose()
        if self.read_engine is not self.engine:
            await self.read_engine.dispose()
