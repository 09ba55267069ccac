"""Building and posting signed WhatsApp deliveries to a real server, reading the replies back
from a ``FakeGraph`` (the local Cloud API)."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx

from posada.adapters.whatsapp.fake import DEFAULT_TOKEN, FakeGraph, Recorded
from posada.adapters.whatsapp.signature import sign
from posada.config import Settings
from tests.conftest import LiveServer, make_settings, run_server

APP_SECRET = "e2e-app-secret-0123456789"
VERIFY_TOKEN = "e2e-verify-token"
PHONE_NUMBER_ID = "106540352242922"
OWNER = "+5492944999999"
OWNER_WA = "5492944999999"
GUEST_WA = "5492944123456"
_ids = itertools.count(1)


def wamid() -> str:
    return f"wamid.E2E{next(_ids):08d}{int(time.time() * 1000)}"


def whatsapp_settings(database_url: str, graph: FakeGraph, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "whatsapp_app_secret": APP_SECRET, "whatsapp_verify_token": VERIFY_TOKEN,
        "whatsapp_access_token": DEFAULT_TOKEN, "whatsapp_phone_number_id": PHONE_NUMBER_ID,
        "whatsapp_api_base_url": graph.url, "owner_phone": OWNER, "scheduler_enabled": True,
        "jobs_interval_seconds": 0.5, "retry_base_seconds": 0.05,
    }
    values.update(overrides)
    return make_settings(database_url, **values)


def serve_whatsapp(database_url: str, graph: FakeGraph, **overrides: object
                   ) -> Iterator[LiveServer]:
    yield from run_server(whatsapp_settings(database_url, graph, **overrides))


def value(messages: list[dict[str, Any]] | None = None, *,
          statuses: list[dict[str, Any]] | None = None,
          contacts: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"messaging_product": "whatsapp", "metadata": {
        "display_phone_number": "15550001111", "phone_number_id": PHONE_NUMBER_ID}}
    if contacts is not None:
        out["contacts"] = contacts
    if messages is not None:
        out["messages"] = messages
    if statuses is not None:
        out["statuses"] = statuses
    return out


def delivery(*values: dict[str, Any]) -> bytes:
    return json.dumps({"object": "whatsapp_business_account", "entry": [
        {"id": "102290129340398", "changes": [{"field": "messages", "value": v}
                                              for v in values]}]}).encode()


def text_message(text: str, *, wa_id: str | None = GUEST_WA, user_id: str | None = None,
                 message_id: str | None = None, name: str = "Lucía") -> dict[str, Any]:
    """A ``value`` with one text message from one guest (phone, BSUID or both)."""
    return message(
        {"type": "text", "text": {"body": text}}, wa_id=wa_id, user_id=user_id,
        message_id=message_id, name=name)


def message(content: dict[str, Any], *, wa_id: str | None = GUEST_WA,
            user_id: str | None = None, message_id: str | None = None,
            name: str = "Lucía") -> dict[str, Any]:
    contact: dict[str, Any] = {"profile": {"name": name}}
    item: dict[str, Any] = {"id": message_id or wamid(),
                            "timestamp": str(int(datetime.now(UTC).timestamp())), **content}
    if wa_id:
        contact["wa_id"] = item["from"] = wa_id
    if user_id:
        contact["user_id"] = item["from_user_id"] = user_id
    return value([item], contacts=[contact])


async def post(server: LiveServer, body: bytes, *, secret: str = APP_SECRET,
               signature: str | None = None) -> httpx.Response:
    headers = {"Content-Type": "application/json",
               "X-Hub-Signature-256": signature if signature is not None else sign(secret, body)}
    async with server.client() as client:
        return await client.post("/webhooks/whatsapp", content=body, headers=headers)


async def replies_to(graph: FakeGraph, count: int, who: Callable[[Recorded], bool],
                     wait: float = 15.0) -> list[dict[str, Any]]:
    """Wait (bounded) until ``count`` recorded messages match ``who``; their payloads."""
    deadline = time.monotonic() + wait
    while True:
        found = [r.payload for r in list(graph.messages) if who(r)]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.05)


def to_guest(wa_id: str = GUEST_WA) -> Callable[[Recorded], bool]:
    return lambda r: r.payload.get("to") == wa_id


def to_owner(r: Recorded) -> bool:
    return r.payload.get("to") == OWNER_WA


def words(payload: dict[str, Any]) -> str:
    """The visible text of a Cloud API message payload (text body, interactive body and
    option titles)."""
    if payload.get("type") == "text":
        return str(payload["text"]["body"])
    if payload.get("type") == "interactive":
        part = payload["interactive"]
        titles = [b["reply"]["title"] for b in part.get("action", {}).get("buttons", [])]
        for section in part.get("action", {}).get("sections", []):
            titles += [row["title"] for row in section.get("rows", [])]
        return " | ".join([part["body"]["text"], *titles])
    return json.dumps(payload)


def option_ids(payload: dict[str, Any]) -> list[str]:
    part = payload.get("interactive", {})
    ids = [b["reply"]["id"] for b in part.get("action", {}).get("buttons", [])]
    for section in part.get("action", {}).get("sections", []):
        ids += [row["id"] for row in section.get("rows", [])]
    return ids
