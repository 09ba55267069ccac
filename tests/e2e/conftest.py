"""Fixtures of the WhatsApp end-to-end tests: the real server on a local Cloud API
(``graph``, from ``tests/conftest.py``), a local Mercado Pago and SMTP server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from posada.adapters.email.fake import SmtpServer
from posada.adapters.mercadopago.fake import FakeMercadoPago
from posada.adapters.whatsapp.fake import FakeGraph
from tests.conftest import LiveServer, Seeded
from tests.e2e.whatsapp_kit import serve_whatsapp


@pytest.fixture
def mp() -> Iterator[FakeMercadoPago]:
    """A local Mercado Pago (``FakeMercadoPago``) for the test."""
    with FakeMercadoPago() as fake:
        yield fake


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A local SMTP server (``aiosmtpd``) collecting what is sent."""
    with SmtpServer() as server:
        yield server


@pytest.fixture
def server(database_url: str, seeded: Seeded, graph: FakeGraph) -> Iterator[LiveServer]:
    """The real server with WhatsApp set up against ``graph``, on the seeded property."""
    yield from serve_whatsapp(database_url, graph)
