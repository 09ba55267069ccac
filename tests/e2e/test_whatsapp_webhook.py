"""The WhatsApp webhook end to end: signed POSTs into the real server, replies read back
from the local Cloud API (``FakeGraph``), holds checked in the database."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from posada.adapters.whatsapp.fake import FakeGraph
from posada.db.engine import Database
from posada.db.models import Reservation
from posada.db.models_messaging import InboundEvent, OutboxMessage
from tests.conftest import LiveServer, Seeded, stay_dates
from tests.e2e import whatsapp_kit as kit
from tests.e2e.payments_kit import until


async def count(db: Database, model: type) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def ask_text(offset: int = 20, nights: int = 3, guests: int = 2) -> str:
    check_in, check_out = stay_dates(offset, nights)
    return (f"hola! tienen lugar del {check_in:%d/%m} al {check_out:%d/%m} "
            f"para {guests} personas?")


async def test_handshake_echoes_only_the_right_token(server: LiveServer) -> None:
    async with server.client() as client:
        good = await client.get("/webhooks/whatsapp", params={
            "hub.mode": "subscribe", "hub.verify_token": kit.VERIFY_TOKEN,
            "hub.challenge": "1158201444"})
        wrong = await client.get("/webhooks/whatsapp", params={
            "hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "x1"})
        mode = await client.get("/webhooks/whatsapp", params={
            "hub.mode": "unsubscribe", "hub.verify_token": kit.VERIFY_TOKEN,
            "hub.challenge": "x2"})
    assert (good.status_code, good.text) == (200, "1158201444")
    assert good.headers["content-type"].startswith("text/plain")
    assert wrong.status_code == mode.status_code == 403
    assert "x1" not in wrong.text and "x2" not in mode.text


async def test_bad_signatures_store_nothing(server: LiveServer, db: Database) -> None:
    body = kit.delivery(kit.text_message("hola"))
    missing = await kit.post(server, body, signature="")
    wrong = await kit.post(server, body, secret="another-secret")
    malformed = await kit.post(server, body, signature="sha256=zz")
    reserialised = await kit.post(server, body.replace(b", ", b","),
                                  signature=kit.sign(kit.APP_SECRET, body))
    assert [r.status_code for r in (missing, wrong, malformed, reserialised)] == [401] * 4
    assert {r.json()["error"]["code"] for r in (missing, wrong)} == {"invalid_signature"}
    assert await count(db, InboundEvent) == 0


@pytest.mark.parametrize("body", [b"<html>not json</html>",
                                  b'{"entry": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"])
async def test_signed_but_not_json_is_refused(
    server: LiveServer, db: Database, body: bytes
) -> None:
    response = await kit.post(server, body)
    assert (response.status_code, response.json()["error"]["code"]) == (400, "invalid_json")
    assert await count(db, InboundEvent) == 0


async def test_not_configured_without_a_secret(database_url: str, seeded: Seeded,
                                               graph: FakeGraph) -> None:
    for server in kit.serve_whatsapp(database_url, graph, whatsapp_app_secret=None):
        response = await kit.post(server, kit.delivery(kit.text_message("hola")))
        assert (response.status_code, response.json()["error"]["code"]) == (
            503, "not_configured")


async def test_a_guest_books_through_the_webhook(
    server: LiveServer, graph: FakeGraph, db: Database, seeded: Seeded
) -> None:
    first = await kit.post(server, kit.delivery(kit.text_message(ask_text())))
    assert first.status_code == 200
    [offers] = await kit.replies_to(graph, 1, kit.to_guest())
    ids = kit.option_ids(offers)
    assert f"acc:{seeded.cabin(2).id}" in ids, kit.words(offers)
    assert "Cabin 2" in kit.words(offers)
    tap = kit.message({"type": "interactive", "interactive": {
        "type": "button_reply" if len(ids) <= 3 else "list_reply",
        ("button_reply" if len(ids) <= 3 else "list_reply"): {
            "id": f"acc:{seeded.cabin(2).id}", "title": "Cabin 2"}}})
    await kit.post(server, kit.delivery(tap))
    asked = await kit.replies_to(graph, 2, kit.to_guest())
    assert "Lucía" in kit.words(asked[1])
    await kit.post(server, kit.delivery(kit.text_message("sí")))
    replies = await kit.replies_to(graph, 3, kit.to_guest())
    async with db.session() as session:
        hold = await session.scalar(select(Reservation).where(Reservation.channel == "whatsapp"))
    assert hold is not None and hold.status == "pre_reserved"
    assert (hold.accommodation_id, hold.guests, hold.guest_name) == (
        seeded.cabin(2).id, 2, "Lucía")
    assert hold.phone_key == "+542944123456"
    assert hold.code in kit.words(replies[2])
    owner = await kit.replies_to(graph, 1, kit.to_owner)
    assert owner and hold.code in kit.words(owner[0])
    reads = {r.payload["message_id"] for r in graph.reads}
    assert len(reads) == 3  # every guest message marked as read


async def test_a_redelivered_message_is_answered_once(
    server: LiveServer, graph: FakeGraph, db: Database
) -> None:
    body = kit.delivery(kit.text_message("hola", message_id="wamid.SAME-ONE"))
    for _ in range(3):
        assert (await kit.post(server, body)).status_code == 200
    await kit.replies_to(graph, 1, kit.to_guest())
    async with db.session() as session:
        done = await session.scalar(select(func.count()).select_from(InboundEvent)
                                    .where(InboundEvent.status == "done"))
        replies = await session.scalar(select(func.count()).select_from(OutboxMessage)
                                       .where(OutboxMessage.kind == "reply"))
    assert await count(db, InboundEvent) == 3
    assert replies == 1
    assert done is not None


async def test_a_hidden_phone_is_answered_by_user_id(
    server: LiveServer, graph: FakeGraph
) -> None:
    await kit.post(server, kit.delivery(kit.text_message(
        "hola", wa_id=None, user_id="AR.13491208655302741918")))
    found = await kit.replies_to(
        graph, 1, lambda r: r.payload.get("recipient") == "AR.13491208655302741918")
    assert found and "to" not in found[0]


async def test_a_send_that_fails_twice_then_succeeds(
    server: LiveServer, graph: FakeGraph, db: Database
) -> None:
    graph.fail_next(2, status=500)
    await kit.post(server, kit.delivery(kit.text_message("hola")))
    [reply] = await kit.replies_to(graph, 1, kit.to_guest())
    assert reply["type"] in ("text", "interactive")
    # the fake has the reply before the worker records it as sent: wait (up to 15 s) until
    # no row is still being sent, however loaded the machine
    async def settled() -> list[OutboxMessage] | None:
        async with db.session() as session:
            rows = (await session.scalars(select(OutboxMessage))).all()
        return list(rows) if len(rows) == 2 and all(r.status != "sending" for r in rows) \
            else None

    rows = await until(settled)
    # the two 500s fall on the read receipt and the reply, whichever posted first: both end
    # sent, after four calls in all
    assert {(r.kind, r.status) for r in rows} == {("read", "sent"), ("reply", "sent")}
    assert sum(r.attempts for r in rows) == 4


async def test_a_final_error_is_a_dead_letter_and_the_owner_is_told(
    server: LiveServer, graph: FakeGraph, db: Database
) -> None:
    # two: the read receipt and the reply go out together; both are refused
    graph.fail_next(2, status=400, code=131026, message="Message undeliverable")
    await kit.post(server, kit.delivery(kit.text_message("hola")))
    owner = await kit.replies_to(graph, 1, kit.to_owner)
    assert owner and "131026" in kit.words(owner[0])
    async with db.session() as session:
        row = await session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "reply"))
    assert row is not None and row.status == "dead" and row.attempts == 1
    async with server.client() as client:
        listed = (await client.get("/api/v1/admin/outbox", params={"status": "dead"},
                                   headers=server.admin_headers())).json()
    assert {(item["id"], item["kind"]) for item in listed} >= {(row.id, "reply")}
    assert {item["status"] for item in listed} == {"dead"}


async def test_statuses_never_move_a_message_backwards(
    server: LiveServer, graph: FakeGraph, db: Database
) -> None:
    await kit.post(server, kit.delivery(kit.text_message("hola")))
    [recorded] = [r for r in graph.wait_for(1) if r.payload.get("to") == kit.GUEST_WA]
    sent_id = recorded.wamid
    for status in ("read", "delivered", "sent"):
        await kit.post(server, kit.delivery(kit.value(statuses=[{
            "id": sent_id, "status": status, "timestamp": "1764650000",
            "recipient_id": kit.GUEST_WA}])))
    async with db.session() as session:
        for _ in range(100):
            row = await session.scalar(select(OutboxMessage).where(
                OutboxMessage.provider_id == sent_id))
            pending = await session.scalar(select(func.count()).select_from(InboundEvent)
                                           .where(InboundEvent.status != "done"))
            if not pending:
                break
            await session.close()
            import asyncio
            await asyncio.sleep(0.05)
        row = await session.scalar(select(OutboxMessage).where(
            OutboxMessage.provider_id == sent_id))
    assert row is not None and row.delivery == "read"


async def test_a_3_mb_batch_is_accepted_on_this_route_only(
    server: LiveServer, graph: FakeGraph, db: Database
) -> None:
    messages = [kit.text_message("x" * 2700, wa_id=f"54911{n:08d}") for n in range(1000)]
    body = kit.delivery(*messages)
    assert 2_900_000 < len(body) <= 3 * 1024 * 1024
    assert (await kit.post(server, body)).status_code == 200
    too_big = body + b" " * (3 * 1024 * 1024 - len(body) + 1)
    assert (await kit.post(server, too_big)).status_code == 413
    async with server.client() as client:
        api = await client.post("/api/v1/quotes", content=b"{" + b" " * 1_100_000 + b"}",
                                headers={"Content-Type": "application/json"})
    assert api.status_code == 413
