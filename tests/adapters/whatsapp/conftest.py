"""Recorded webhook deliveries (``tests/fixtures/whatsapp``) and helpers to read them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from posada.adapters.whatsapp import Item, parse_delivery, walk

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "whatsapp"
SIGNATURES: dict[str, Any] = json.loads((FIXTURES / "signatures.json").read_bytes())
APP_SECRET: str = SIGNATURES["app_secret"]
DELIVERIES = sorted(p.name for p in FIXTURES.glob("*.json") if p.name != "signatures.json")


def raw(name: str) -> bytes:
    """The fixture's exact bytes, as Meta would post them."""
    return (FIXTURES / name).read_bytes()


def items(name: str) -> list[Item]:
    """The fixture parsed and walked."""
    return walk(parse_delivery(raw(name)))
