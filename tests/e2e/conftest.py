"""Fixtures of the WhatsApp end-to-end tests: a local Cloud API and the real server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from posada.adapters.whatsapp.fake import FakeGraph
from tests.conftest import LiveServer, Seeded
from tests.e2e.whatsapp_kit import serve_whatsapp


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    """A local Cloud API (``FakeGraph``) for the test."""
    with FakeGraph() as fake:
        yield fake


@pytest.fixture
def server(database_url: str, seeded: Seeded, graph: FakeGraph) -> Iterator[LiveServer]:
    """The real server with WhatsApp set up against ``graph``, on the seeded property."""
    yield from serve_whatsapp(database_url, graph)
