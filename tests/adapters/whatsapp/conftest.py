"""Recorded webhook deliveries (``tests/fixtures/whatsapp``) and helpers to read them; a
``FakeGraph`` (``graph``) and a ``CloudApi`` talking to it (``api``) for the client tests."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from posada.adapters.whatsapp import CloudApi, Item, parse_delivery, walk
from posada.adapters.whatsapp.fake import FakeGraph

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "whatsapp"
SIGNATURES: dict[str, Any] = json.loads((FIXTURES / "signatures.json").read_bytes())
APP_SECRET: str = SIGNATURES["app_secret"]
#: The token ``graph`` accepts and ``api`` sends (a test's; asserted never to be logged).
TOKEN = "EAAG-test-token-do-not-log"
DELIVERIES = sorted(p.name for p in FIXTURES.glob("*.json") if p.name != "signatures.json")


def raw(name: str) -> bytes:
    """The fixture's exact bytes, as Meta would post them."""
    return (FIXTURES / name).read_bytes()


def items(name: str) -> list[Item]:
    """The fixture parsed and walked."""
    return walk(parse_delivery(raw(name)))


@pytest.fixture
async def graph() -> AsyncIterator[FakeGraph]:
    async with FakeGraph(TOKEN) as fake:
        yield fake


@pytest.fixture
async def api(graph: FakeGraph) -> AsyncIterator[CloudApi]:
    client = CloudApi(graph.url, "v21.0", "419561257915477", TOKEN, timeout=2)
    yield client
    await client.aclose()
