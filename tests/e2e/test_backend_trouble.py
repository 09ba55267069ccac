"""Database trouble answers 503 with ``Retry-After`` — never 500 — and service recovers:
killed backends mid-burst, a refused connection, statement and lock timeouts, an exhausted
pool (PostgreSQL; SQLite has no server to lose)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import asyncpg
import httpx
import pytest

from posada.db.calendar import ACCOMMODATION_LOCK_SPACE
from posada.db.holds_pg import PgHoldStore, asyncpg_dsn
from tests.conftest import PG_URL, LiveServer, Seeded, make_settings, run_server, stay_dates

#: Holding an accommodation's calendar lock from outside, as a stuck writer would.
LOCK = f"SELECT pg_advisory_xact_lock({ACCOMMODATION_LOCK_SPACE}, $1)"

pytestmark = pytest.mark.skipif(not PG_URL, reason="needs POSADA_TEST_DATABASE_URL (PostgreSQL)")


@pytest.fixture
def pg_url(pg_migrated: str) -> str:
    from tests.conftest import truncate_pg

    asyncio.run(truncate_pg(pg_migrated))
    return pg_migrated


@pytest.fixture
async def pg_seeded(pg_url: str) -> Seeded:
    from posada.db.engine import Database
    from tests.conftest import seed

    db = Database(pg_url)
    try:
        return await seed(db)
    finally:
        await db.dispose()


def hold(cabin: int, offset: int) -> dict[str, object]:
    check_in, check_out = stay_dates(offset, 1)
    return {"accommodation_id": cabin, "check_in": check_in.isoformat(),
            "check_out": check_out.isoformat(), "guests": 2, "guest_name": "Ana"}


def assert_retryable(response: httpx.Response, code: str) -> None:
    assert response.status_code == 503, response.text
    assert response.json()["error"]["code"] == code
    assert int(response.headers["Retry-After"]) >= 1


KILL = ("SELECT coalesce(array_agg(pid), '{}') FROM (SELECT pid, pg_terminate_backend(pid) "
        "FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND backend_type = 'client backend') AS killed")


async def kill_backends(conn: asyncpg.Connection) -> list[int]:
    """Terminate every other client backend of the database; their pids."""
    return list(await conn.fetchval(KILL))


async def gone(conn: asyncpg.Connection, pids: list[int], wait: float = 10.0) -> None:
    """Wait (bounded) until the backends ``pids`` have exited: ``pg_terminate_backend`` only
    signals them, and a restart is over only when they are gone."""
    for _ in range(int(wait / 0.02)):
        if not await conn.fetchval("SELECT count(*) FROM pg_stat_activity "
                                   "WHERE pid = any($1::int[])", pids):
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"backends {pids} still there after {wait} s")


@pytest.fixture
async def other_connection(pg_url: str) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(asyncpg_dsn(pg_url))
    yield conn
    await conn.close()


@pytest.fixture
def server(pg_url: str, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    yield from run_server(make_settings(pg_url, **getattr(request, "param", {})))


async def test_killed_backends_mid_burst_then_recovery(
    server: LiveServer, pg_seeded: Seeded, other_connection: asyncpg.Connection
) -> None:
    cabin = pg_seeded.cabin(6).id
    stop = asyncio.Event()

    async def killer() -> list[int]:
        killed: list[int] = []
        while not stop.is_set():
            killed += await kill_backends(other_connection)
            await asyncio.sleep(0.05)
        return killed

    statuses: Counter[tuple[int, str]] = Counter()
    async with server.client(limits=httpx.Limits(max_connections=40)) as client:
        murder = asyncio.create_task(killer())
        for wave in range(10):
            responses = await asyncio.gather(*(
                client.post("/api/v1/reservations", json=hold(cabin, 30 + 40 * wave + i))
                if i % 2 else client.get("/api/v1/accommodations") for i in range(30)))
            for r in responses:
                statuses[(r.status_code, r.json()["error"]["code"] if r.status_code >= 400
                          else "ok")] += 1
                if r.status_code == 503:
                    assert_retryable(r, "unavailable_backend")
        stop.set()
        killed = await murder
        assert killed
        await gone(other_connection, killed)  # the trouble is over: service must be back
        after = [await client.post("/api/v1/reservations", json=hold(cabin, 600 + i))
                 for i in range(10)]
    assert set(statuses) <= {(201, "ok"), (200, "ok"), (503, "unavailable_backend")}, statuses
    assert statuses[(503, "unavailable_backend")] >= 1, statuses
    assert [r.status_code for r in after] == [201] * 10


async def test_connections_the_server_dropped_while_idle_are_replaced(
    server: LiveServer, pg_seeded: Seeded, other_connection: asyncpg.Connection
) -> None:
    cabin = pg_seeded.cabin(6).id
    async with server.client() as client:
        warm = await asyncio.gather(*(client.post("/api/v1/reservations",
                                                  json=hold(cabin, 500 + 4 * i))
                                      for i in range(4)))
        assert [r.status_code for r in warm] == [201] * 4
        killed = await kill_backends(other_connection)
        assert killed
        await gone(other_connection, killed)
        after = [await client.post("/api/v1/reservations", json=hold(cabin, 520 + 4 * i))
                 for i in range(4)]
        listed = await client.get("/api/v1/accommodations")
    assert [r.status_code for r in after] == [201] * 4, [r.json() for r in after]
    assert listed.status_code == 200


async def reads_on_a_fresh_connection(
    url: str, seeded: Seeded, lose: Callable[[Any, int], Awaitable[None]]
) -> None:
    """A hold session whose connection ``lose(connection, backend_pid)`` breaks still reads
    the priced cabin, on another connection."""
    store = PgHoldStore(url, size=2, server_settings={}, acquire_timeout=5)
    cabin = seeded.cabin(6)
    check_in, check_out = stay_dates(40, 2)
    try:
        async with store.session() as session:
            first = session.conn
            pid = first.get_server_pid()
            await lose(first, pid)
            priced = await session.priced(cabin.id, check_in, check_out)
            assert session.conn is not first and session.conn.get_server_pid() != pid
        assert priced is not None and priced.id == cabin.id
    finally:
        await store.close()


async def test_a_hold_session_whose_connection_was_dropped_reads_on_a_fresh_one(
    pg_url: str, pg_seeded: Seeded, other_connection: asyncpg.Connection
) -> None:
    async def drop(_connection: Any, pid: int) -> None:
        assert await other_connection.fetchval("SELECT pg_terminate_backend($1)", pid)
        await gone(other_connection, [pid])

    await reads_on_a_fresh_connection(pg_url, pg_seeded, drop)


async def test_a_refused_connection_is_503(pg_seeded: Seeded) -> None:
    settings = make_settings("postgresql+asyncpg://postgres@127.0.0.1:1/none")
    for server in run_server_without_admin(settings):
        async with server.client() as client:
            assert_retryable(await client.post("/api/v1/reservations", json=hold(1, 30)),
                             "unavailable_backend")
            assert_retryable(await client.get("/api/v1/accommodations"), "unavailable_backend")
            ready = await client.get("/readyz")
    assert ready.status_code == 503


def run_server_without_admin(settings: object) -> Iterator[LiveServer]:
    """``run_server`` creates an admin first, which needs the database: not here."""
    import threading
    import time

    import uvicorn

    from posada.web.app import create_app
    from tests.conftest import listening_socket

    sock = listening_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,  # type: ignore[arg-type]
                            log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not uv.started:
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", settings, "")  # type: ignore[arg-type]
    finally:
        uv.should_exit = True
        thread.join(timeout=20)
        sock.close()


@pytest.mark.parametrize(
    ("server", "code"),
    [({"db_statement_timeout_ms": 300, "db_lock_timeout_ms": 10_000}, "unavailable_backend"),
     ({"db_statement_timeout_ms": 10_000, "db_lock_timeout_ms": 300}, "busy")],
    indirect=["server"], ids=["statement-timeout", "lock-timeout"],
)
async def test_a_calendar_locked_elsewhere_times_out_as_503(
    server: LiveServer, pg_seeded: Seeded, other_connection: asyncpg.Connection, code: str
) -> None:
    cabin = pg_seeded.cabin(2).id
    async with other_connection.transaction():
        await other_connection.execute(LOCK, cabin)
        async with server.client() as client:
            stuck = await client.post("/api/v1/reservations", json=hold(cabin, 30))
            blocked = await client.post(
                "/api/v1/admin/blocks", headers=server.admin_headers(),
                json={"accommodation_id": cabin, **{k: v for k, v in hold(cabin, 40).items()
                                                     if k in ("check_in", "check_out")}})
            other_cabin = await client.post("/api/v1/reservations",
                                            json=hold(pg_seeded.cabin(4).id, 30))
    assert_retryable(stuck, code)
    assert_retryable(blocked, code)
    assert other_cabin.status_code == 201  # only that calendar was locked
    async with server.client() as client:
        assert (await client.post("/api/v1/reservations", json=hold(cabin, 30))
                ).status_code == 201


@pytest.mark.parametrize("server", [{"db_hot_pool_size": 1, "db_pool_timeout_seconds": 0.3,
                                     "db_lock_timeout_ms": 3_000}], indirect=True)
async def test_an_exhausted_pool_is_503(
    server: LiveServer, pg_seeded: Seeded, other_connection: asyncpg.Connection
) -> None:
    cabin = pg_seeded.cabin(2).id
    async with server.client() as client:
        await client.post("/api/v1/reservations", json=hold(pg_seeded.cabin(6).id, 99))
        async with other_connection.transaction():
            await other_connection.execute(LOCK, cabin)
            waiting = asyncio.create_task(
                client.post("/api/v1/reservations", json=hold(cabin, 30)))
            await asyncio.sleep(0.2)  # it holds the only hot-path connection, waiting
            starved = await client.post("/api/v1/reservations",
                                        json=hold(pg_seeded.cabin(4).id, 30))
        assert_retryable(starved, "unavailable_backend")
        assert (await waiting).status_code == 201  # the lock came back in time


@pytest.mark.parametrize("server", [{"db_hot_pool_size": 3, "db_pool_size": 3,
                                     "db_max_overflow": 0, "db_pool_timeout_seconds": 1,
                                     "db_lock_timeout_ms": 2_000}], indirect=True)
async def test_a_stuck_calendar_does_not_starve_the_others(
    server: LiveServer, pg_seeded: Seeded, other_connection: asyncpg.Connection
) -> None:
    stuck, free = pg_seeded.cabin(2).id, pg_seeded.cabin(4).id
    async with server.client(limits=httpx.Limits(max_connections=60)) as client:
        async with other_connection.transaction():
            await other_connection.execute(LOCK, stuck)
            queued = [asyncio.create_task(client.post("/api/v1/reservations",
                                                      json=hold(stuck, 30 + i)))
                      for i in range(30)]
            await asyncio.sleep(0.3)  # 30 writers now wait on the stuck calendar
            others = await asyncio.gather(*(
                client.post("/api/v1/reservations", json=hold(free, 30 + i))
                for i in range(20)))
            blocked = await asyncio.gather(*queued)
    assert [r.status_code for r in others] == [201] * 20
    for response in blocked:
        assert_retryable(response, "busy")


async def test_a_missing_database_is_503(pg_url: str) -> None:
    from sqlalchemy.engine import make_url

    gone = make_url(pg_url).set(database="posada_no_such_database").render_as_string(
        hide_password=False)
    for server in run_server_without_admin(make_settings(gone)):
        async with server.client() as client:
            assert_retryable(await client.post("/api/v1/reservations", json=hold(1, 30)),
                             "unavailable_backend")
            assert_retryable(await client.get("/api/v1/accommodations"),
                             "unavailable_backend")


def test_read_only_and_closed_databases_are_backend_trouble() -> None:
    from posada.db.errors import classify

    for error in (asyncpg.exceptions.ReadOnlySQLTransactionError, asyncpg.InvalidCatalogNameError,
                  asyncpg.exceptions.ObjectNotInPrerequisiteStateError,
                  asyncpg.exceptions.InvalidPasswordError, asyncpg.TooManyConnectionsError):
        assert classify(error("x")) == "backend", error
