"""The fake Mercado Pago (a real HTTP server on 127.0.0.1), a client pointed at it, and a
preference request for a hold on fixed dates."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from posada.adapters.mercadopago import (
    BackUrls,
    MercadoPagoGateway,
    Preference,
    PreferenceRequest,
    deposit_title,
)
from posada.adapters.mercadopago.fake import FakeMercadoPago
from posada.domain.payments import idempotency_key

TOKEN = "APP_USR-1234567890-010101-do-not-log-me"
SECRET = "webhook-secret-for-tests"
#: The fake's clock: a fixed instant, so dates on its objects are known.
NOW = datetime(2026, 1, 5, 15, 0, tzinfo=UTC)


async def create(gateway: MercadoPagoGateway, request: PreferenceRequest) -> Preference:
    """``create_preference`` with the key Posada derives for a hold's deposit."""
    return await gateway.create_preference(request, key=idempotency_key(
        request.reservation_code, "deposit", request.deposit))


def hold(code: str = "K7Q2M9XP", deposit: str = "12345.67") -> PreferenceRequest:
    """A deposit preference for a hold of ``code`` expiring 30 minutes after ``NOW``."""
    return PreferenceRequest(
        reservation_code=code,
        title=deposit_title("Cabaña del Lago", date(2026, 1, 10), date(2026, 1, 13)),
        deposit=Decimal(deposit), expires_at=datetime(2026, 1, 5, 15, 30, tzinfo=UTC),
        notification_url="https://posada.example/webhooks/mercadopago",
        back_urls=BackUrls(success="https://posada.example/r/ok",
                           pending="https://posada.example/r/pending",
                           failure="https://posada.example/r/failed"),
        payer_email="lucia@example.com")


@pytest.fixture
async def fake() -> AsyncIterator[FakeMercadoPago]:
    async with FakeMercadoPago(TOKEN, webhook_secret=SECRET, clock=lambda: NOW) as server:
        yield server


@pytest.fixture
async def gateway(fake: FakeMercadoPago) -> AsyncIterator[MercadoPagoGateway]:
    client = MercadoPagoGateway(TOKEN, base_url=fake.url, timeout=2)
    yield client
    await client.aclose()
