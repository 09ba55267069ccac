"""``kill -9`` of ``posada serve`` after it fetched a payment and before it applied it: the
stored notification is processed again after the restart and confirms the stay once."""

from __future__ import annotations

import asyncio
import socket
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, select, update

from posada.adapters.mercadopago.fake import FakeMercadoPago
from posada.db.engine import Database
from posada.db.models import Reservation
from posada.db.models_messaging import InboundEvent
from posada.db.models_payments import PaymentChange
from tests.conftest import Seeded, stay_dates
from tests.e2e.processes import kill_hard, server_env, start_server


def env(database_url: str, mp: FakeMercadoPago, scheduler: bool) -> dict[str, str]:
    return server_env(
        database_url, mercadopago_access_token=mp.token,
        mercadopago_webhook_secret=mp.webhook_secret, mercadopago_api_base_url=mp.url,
        public_url="http://127.0.0.1", scheduler_enabled="true" if scheduler else "false",
        jobs_interval_seconds="0.3", rate_limit_webhooks="100000/second")


async def status_of(db: Database, code: str) -> str | None:
    async with db.session() as session:
        return await session.scalar(select(Reservation.status).where(Reservation.code == code))


async def test_a_kill_between_fetching_and_applying_confirms_once_after_restart(
        database_url: str, seeded: Seeded, mp: FakeMercadoPago, db: Database,
        tmp_path: Path, server_socket: socket.socket) -> None:
    port, log = server_socket.getsockname()[1], tmp_path / "server.log"
    base = f"http://127.0.0.1:{port}"
    proc = start_server(env(database_url, mp, scheduler=True), server_socket, log)
    try:
        client = httpx.AsyncClient(base_url=base, timeout=10)
        check_in, check_out = stay_dates(50, 2)
        made = (await client.post("/api/v1/reservations", json={
            "accommodation_id": seeded.cabins[0].id, "check_in": check_in.isoformat(),
            "check_out": check_out.isoformat(), "guests": 2, "guest_name": "Ana"})).json()
        assert made["payment_url"], log.read_text()
        paid = mp.pay(made["code"])
        mp.delay(30, route="get_payment")  # the fetch reaches the fake; its answer never comes
        note = mp.notify(paid)
        answer = await client.post(note.target(), content=note.body, headers=note.headers)
        assert answer.status_code == 200
        await client.aclose()
        deadline = time.monotonic() + 15
        while mp.calls["get_payment"] < 1:
            assert time.monotonic() < deadline, log.read_text()
            await asyncio.sleep(0.05)
    finally:
        kill_hard(proc)
    mp.delay(0, route="get_payment")
    assert await status_of(db, made["code"]) == "pre_reserved"
    async with db.transaction() as session:  # its lease ends (30 s in real life)
        await session.execute(update(InboundEvent).values(
            locked_until=datetime.now(UTC) - timedelta(seconds=1)))
    proc = start_server(env(database_url, mp, scheduler=True), server_socket, log)
    try:
        deadline = time.monotonic() + 20
        while await status_of(db, made["code"]) != "confirmed":
            assert time.monotonic() < deadline, log.read_text()
            await asyncio.sleep(0.1)
        await asyncio.sleep(1.0)
    finally:
        kill_hard(proc)
    async with db.session() as session:
        applied = await session.scalar(select(func.count()).select_from(PaymentChange).where(
            PaymentChange.status == "approved"))
        events = (await session.scalars(select(InboundEvent.status))).all()
    assert applied == 1
    assert list(events) == ["done"]
