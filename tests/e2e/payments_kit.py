"""A real server with Mercado Pago (a local ``FakeMercadoPago``), e-mail (a local
``aiosmtpd`` server) and WhatsApp (a local ``FakeGraph``), and the steps of a paid hold."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from posada.adapters.email.fake import SmtpServer
from posada.adapters.mercadopago.fake import Delivery, FakeMercadoPago
from posada.adapters.whatsapp.fake import FakeGraph
from tests.conftest import LiveServer, run_server, stay_dates
from tests.e2e.whatsapp_kit import whatsapp_settings

OWNER_EMAIL = "duena@example.com"
GUEST_EMAIL = "lucia@example.com"


def serve_payments(database_url: str, graph: FakeGraph, mp: FakeMercadoPago,
                   smtp: SmtpServer, **overrides: object) -> Iterator[LiveServer]:
    values: dict[str, object] = {
        "mercadopago_access_token": mp.token, "mercadopago_webhook_secret": mp.webhook_secret,
        "mercadopago_api_base_url": mp.url, "smtp_host": smtp.host, "smtp_port": smtp.port,
        "smtp_from": "Cabañas de prueba <reservas@example.com>", "smtp_security": "none",
        "owner_email": OWNER_EMAIL,
    }
    values.update(overrides)
    yield from run_server(whatsapp_settings(database_url, graph, **values))


async def hold(client: httpx.AsyncClient, cabin_id: int, offset: int = 40, nights: int = 3,
               email: str | None = GUEST_EMAIL) -> dict[str, Any]:
    check_in, check_out = stay_dates(offset, nights)
    body: dict[str, Any] = {"accommodation_id": cabin_id, "check_in": check_in.isoformat(),
                            "check_out": check_out.isoformat(), "guests": 2,
                            "guest_name": "Lucía Pérez", "guest_phone": "+5492944123456"}
    if email:
        body["guest_email"] = email
    response = await client.post("/api/v1/reservations", json=body)
    assert response.status_code == 201, response.text
    made: dict[str, Any] = response.json()
    return made


async def post(client: httpx.AsyncClient, delivery: Delivery) -> httpx.Response:
    return await client.post(delivery.target(), content=delivery.body,
                             headers=delivery.headers)


async def reservation(client: httpx.AsyncClient, code: str) -> dict[str, Any]:
    response = await client.get(f"/api/v1/reservations/{code}")
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


async def until(check: Callable[[], Any], wait: float = 15.0) -> Any:
    """Poll the async ``check`` until it returns something truthy."""
    deadline = time.monotonic() + wait
    while True:
        result = await check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.1)


async def status_becomes(client: httpx.AsyncClient, code: str, status: str) -> dict[str, Any]:
    async def check() -> dict[str, Any] | None:
        found = await reservation(client, code)
        return found if found["status"] == status else None
    found: dict[str, Any] = await until(check)
    return found
