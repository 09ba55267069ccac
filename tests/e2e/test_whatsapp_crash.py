"""``kill -9`` of ``posada serve`` around a WhatsApp delivery: nothing lost, nothing twice."""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import select, update

from posada.adapters.whatsapp.fake import DEFAULT_TOKEN, FakeGraph
from posada.adapters.whatsapp.signature import sign
from posada.db.engine import Database
from posada.db.models_messaging import InboundEvent, OutboxMessage
from tests.conftest import Seeded
from tests.e2e import whatsapp_kit as kit
from tests.e2e.processes import kill_hard, server_env, start_server


def env(database_url: str, graph: FakeGraph, scheduler: bool) -> dict[str, str]:
    return server_env(
        database_url, whatsapp_app_secret=kit.APP_SECRET, whatsapp_access_token=DEFAULT_TOKEN,
        whatsapp_phone_number_id=kit.PHONE_NUMBER_ID, whatsapp_api_base_url=graph.url,
        owner_phone=kit.OWNER, scheduler_enabled="true" if scheduler else "false",
        jobs_interval_seconds="0.3", rate_limit_webhooks="100000/second")


def post(port: int, body: bytes) -> httpx.Response:
    return httpx.post(f"http://127.0.0.1:{port}/webhooks/whatsapp", content=body, timeout=10,
                      headers={"X-Hub-Signature-256": sign(kit.APP_SECRET, body),
                               "Content-Type": "application/json"})


async def test_a_delivery_stored_before_a_kill_is_processed_once_after_restart(
    database_url: str, seeded: Seeded, graph: FakeGraph, db: Database, tmp_path: Path,
    server_socket: socket.socket,
) -> None:
    port = server_socket.getsockname()[1]
    log = tmp_path / "server.log"
    # 1. a server that stores deliveries but runs no jobs, killed right after answering
    proc = start_server(env(database_url, graph, scheduler=False), server_socket, log)
    try:
        body = kit.delivery(kit.text_message("hola, ¿tienen lugar?"))
        assert post(port, body).status_code == 200
        assert post(port, body).status_code == 200  # Meta retried: the same delivery again
    finally:
        kill_hard(proc)
    assert graph.messages == []
    # 2. restarted with its jobs: the stored deliveries are processed, answered once
    proc = start_server(env(database_url, graph, scheduler=True), server_socket, log)
    try:
        replies = await kit.replies_to(graph, 1, kit.to_guest())
        await asyncio.sleep(1.0)  # time for a second, wrong answer to show up
        replies = [r.payload for r in graph.messages if r.payload.get("to") == kit.GUEST_WA]
    finally:
        kill_hard(proc)
    assert len(replies) == 1, log.read_text()
    async with db.session() as session:
        events = (await session.scalars(select(InboundEvent))).all()
    assert [e.status for e in events] == ["done", "done"]


async def test_a_kill_during_the_send_never_sends_twice(
    database_url: str, seeded: Seeded, graph: FakeGraph, db: Database, tmp_path: Path,
    server_socket: socket.socket,
) -> None:
    port = server_socket.getsockname()[1]
    log = tmp_path / "server.log"
    graph.delay(30)  # the Cloud API takes the message, then is slow to answer
    proc = start_server(env(database_url, graph, scheduler=True), server_socket, log)
    try:
        assert post(port, kit.delivery(kit.text_message("hola"))).status_code == 200
        await kit.replies_to(graph, 1, kit.to_guest())
    finally:
        kill_hard(proc)  # between "sent" and "marked sent"
    graph.delay(0)
    async with db.connection() as conn:  # the lease of the dead runner runs out
        await conn.execute(update(OutboxMessage).values(
            locked_until=datetime.now(UTC) - timedelta(seconds=1))
            .where(OutboxMessage.status == "sending"))
    proc = start_server(env(database_url, graph, scheduler=True), server_socket, log)
    try:
        await kit.replies_to(graph, 2, kit.to_guest(), wait=3)
        async with db.session() as session:
            rows = (await session.scalars(select(OutboxMessage).where(
                OutboxMessage.kind == "reply"))).all()
    finally:
        kill_hard(proc)
    assert len([r for r in graph.messages if r.payload.get("to") == kit.GUEST_WA]) == 1
    assert [r.status for r in rows] == ["uncertain"]
