"""A connection the server terminated, whose socket's end has not been read yet, is replaced
like a dropped one (PostgreSQL).

asyncpg reads the server's "terminating connection" notice and the end of the socket in two
turns of the event loop; in between, the connection looks open but every statement raises
``InternalClientError`` ("another operation is in progress"). A proxy that forwards the
notice but holds the end back keeps a connection in that state for as long as a test needs.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from posada.db.engine import Database
from posada.db.errors import protocol_broken
from posada.db.holds_pg import asyncpg_dsn
from tests.conftest import PG_URL, Seeded
from tests.e2e.test_backend_trouble import (  # noqa: F401
    gone,
    other_connection,
    pg_seeded,
    pg_url,
    reads_on_a_fresh_connection,
)

pytestmark = pytest.mark.skipif(not PG_URL, reason="needs POSADA_TEST_DATABASE_URL (PostgreSQL)")


class EndHoldingProxy:
    """TCP proxy to PostgreSQL; while ``holding``, it does not pass on the server's closing
    of a connection (the data before it, yes)."""

    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.held: list[asyncio.StreamWriter] = []
        self.holding = False
        self.ended = asyncio.Event()  # set when a server's end has been held back
        self.server: asyncio.Server | None = None

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()[1]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.upstream)

        async def pump(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ConnectionError):
                while chunk := await source.read(65536):
                    sink.write(chunk)
                    await sink.drain()

        to_server = asyncio.create_task(pump(reader, up_writer))
        await pump(up_reader, writer)  # the server ended the connection
        if not self.holding:
            writer.close()
            return
        self.held.append(writer)
        self.ended.set()
        await to_server

    async def close(self) -> None:
        for writer in self.held:
            writer.close()
        if self.server is not None:
            self.server.close()


@pytest.fixture
async def proxy(pg_url: str) -> AsyncIterator[tuple[EndHoldingProxy, str]]:  # noqa: F811
    url = make_url(pg_url)
    proxy = EndHoldingProxy(url.host or "127.0.0.1", url.port or 5432)
    port = await proxy.start()
    yield proxy, url.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)
    await proxy.close()


async def stuck(proxy: EndHoldingProxy, conn: asyncpg.Connection, other: asyncpg.Connection,
                pid: int) -> None:
    """Terminate ``pid`` from ``other``; return once ``conn`` has read the server's notice
    (the proxy forwarded it, and this loop has polled the socket since: ready sockets are
    read before timers fire) and still looks open."""
    proxy.ended.clear()
    proxy.holding = True
    try:
        assert await other.fetchval("SELECT pg_terminate_backend($1)", pid)
        await gone(other, [pid])
        await asyncio.wait_for(proxy.ended.wait(), 10)
    finally:
        proxy.holding = False
    await asyncio.sleep(0.05)
    assert not conn.is_closed()


async def test_the_state_is_what_asyncpg_raises_and_it_is_classified_as_broken(
    proxy: tuple[EndHoldingProxy, str], other_connection: asyncpg.Connection  # noqa: F811
) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(proxy[1]))
    try:
        await stuck(proxy[0], conn, other_connection, conn.get_server_pid())
        with pytest.raises(asyncpg.exceptions.InternalClientError) as raised:
            await conn.fetchval("SELECT 1")
        assert protocol_broken(raised.value)
    finally:
        conn.terminate()


async def test_the_state_is_classified_as_broken_through_sqlalchemy_too(
    proxy: tuple[EndHoldingProxy, str], pg_seeded: Seeded,  # noqa: F811
    other_connection: asyncpg.Connection,  # noqa: F811
) -> None:
    db = Database(proxy[1])
    try:
        async with db.engine.connect() as conn:
            pid = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            raw = (await conn.get_raw_connection()).driver_connection
            await conn.commit()
            await stuck(proxy[0], raw, other_connection, pid)
            with pytest.raises(DBAPIError) as raised:
                await conn.execute(text("SELECT 1"))
        assert protocol_broken(raised.value)
    finally:
        await db.dispose()


async def test_a_hold_session_on_a_stuck_connection_reads_on_a_fresh_one(
    proxy: tuple[EndHoldingProxy, str], pg_seeded: Seeded, other_connection: asyncpg.Connection  # noqa: F811
) -> None:
    async def stick(connection: Any, pid: int) -> None:
        await stuck(proxy[0], connection._con, other_connection, pid)

    await reads_on_a_fresh_connection(proxy[1], pg_seeded, stick)


async def test_the_engine_replaces_a_stuck_pooled_connection_at_checkout(  # its pre-ping does
    proxy: tuple[EndHoldingProxy, str], pg_seeded: Seeded, other_connection: asyncpg.Connection  # noqa: F811
) -> None:
    db = Database(proxy[1])
    try:
        async with db.session() as session:
            pid = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            raw = (await (await session.connection()).get_raw_connection()).driver_connection
        await stuck(proxy[0], raw, other_connection, pid)
        async with db.session() as session:
            again = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        assert again != pid
    finally:
        await db.dispose()
