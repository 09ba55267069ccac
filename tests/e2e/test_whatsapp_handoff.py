"""Handoff to a person and back, and two guests at once, through the real webhook."""

from __future__ import annotations

from sqlalchemy import select

from posada.adapters.whatsapp.fake import FakeGraph
from posada.conversation.texts import HANDOFF
from posada.db.engine import Database
from posada.db.models import Reservation
from tests.conftest import LiveServer, Seeded, stay_dates
from tests.e2e import whatsapp_kit as kit

OTHER_WA = "5491155550000"


async def say(server: LiveServer, text: str, wa_id: str = kit.GUEST_WA,
              name: str = "Lucía") -> None:
    response = await kit.post(server, kit.delivery(kit.text_message(text, wa_id=wa_id,
                                                                    name=name)))
    assert response.status_code == 200


async def test_handoff_silences_the_bot_until_the_owner_resumes(
    server: LiveServer, graph: FakeGraph
) -> None:
    await say(server, "quiero hablar con una persona")
    [told] = await kit.replies_to(graph, 1, kit.to_guest())
    owner = await kit.replies_to(graph, 2, kit.to_owner)
    assert "Lucía" in kit.words(owner[0]) and "persona" in kit.words(owner[0])
    resume_hint = next(kit.words(o) for o in owner if "resume" in kit.words(o))
    await say(server, "hola? sigue ahí alguien?")
    forwarded = await kit.replies_to(graph, 3, kit.to_owner)
    assert "sigue ahí" in kit.words(forwarded[-1])
    assert len(await kit.replies_to(graph, 2, kit.to_guest(), wait=1)) == 1  # silent
    async with server.client() as client:
        paused = (await client.get("/api/v1/admin/conversations", params={"paused": "true"},
                                   headers=server.admin_headers())).json()
        assert [c["handoff_reason"] for c in paused] == ["guest_asked"]
        assert str(paused[0]["id"]) in resume_hint
        resumed = await client.post(f"/api/v1/admin/conversations/{paused[0]['id']}/resume",
                                    headers=server.admin_headers())
        missing = await client.post("/api/v1/admin/conversations/9999/resume",
                                    headers=server.admin_headers())
    assert resumed.status_code == 200 and resumed.json()["paused_until"] is None
    assert missing.status_code == 404
    await say(server, "hola")
    assert len(await kit.replies_to(graph, 2, kit.to_guest())) == 2
    assert kit.words(told) == HANDOFF


async def test_two_guests_interleaved_keep_their_own_stays(
    server: LiveServer, graph: FakeGraph, db: Database, seeded: Seeded
) -> None:
    a_in, a_out = stay_dates(20, 3)
    b_in, b_out = stay_dates(40, 2)
    await say(server, f"hola, tienen lugar del {a_in:%d/%m} al {a_out:%d/%m}?")
    await say(server, f"buenas! del {b_in:%d/%m} al {b_out:%d/%m} para 5", OTHER_WA, "Martín")
    await kit.replies_to(graph, 1, kit.to_guest())
    await kit.replies_to(graph, 1, kit.to_guest(OTHER_WA))
    await say(server, "somos 2")
    offers_a = await kit.replies_to(graph, 2, kit.to_guest())
    offers_b = await kit.replies_to(graph, 1, kit.to_guest(OTHER_WA))
    assert f"acc:{seeded.cabin(2).id}" in kit.option_ids(offers_a[-1])
    assert kit.option_ids(offers_b[-1]) == [f"acc:{seeded.cabin(6).id}"] or (
        "Cabin 6" in kit.words(offers_b[-1]))
    await say(server, "la primera")
    await say(server, "la primera", OTHER_WA, "Martín")
    await kit.replies_to(graph, 3, kit.to_guest())
    await kit.replies_to(graph, 2, kit.to_guest(OTHER_WA))
    await say(server, "sí")
    await say(server, "sí", OTHER_WA, "Martín")
    await kit.replies_to(graph, 4, kit.to_guest())
    await kit.replies_to(graph, 3, kit.to_guest(OTHER_WA))
    async with db.session() as session:
        rows = (await session.scalars(select(Reservation).order_by(Reservation.guest_name))
                ).all()
    assert [(r.guest_name, r.check_in, r.check_out, r.guests) for r in rows] == [
        ("Lucía", a_in, a_out, 2), ("Martín", b_in, b_out, 5)]


async def test_the_owner_edits_what_the_bot_answers(
    server: LiveServer, graph: FakeGraph, seeded: Seeded
) -> None:
    async with server.client() as client:
        patched = await client.patch(
            f"/api/v1/admin/properties/{seeded.property.id}", headers=server.admin_headers(),
            json={"info": {"wifi": "Sí, wifi de fibra en todas las cabañas."},
                  "payment_instructions": "Alias TEST.LODGE"})
        refused = await client.patch(
            f"/api/v1/admin/properties/{seeded.property.id}", headers=server.admin_headers(),
            json={"info": {"jacuzzi": "no"}})
    assert patched.status_code == 200, patched.text
    assert patched.json()["info"] == {"wifi": "Sí, wifi de fibra en todas las cabañas."}
    assert refused.status_code == 422
    await say(server, "tienen wifi?")
    [reply] = await kit.replies_to(graph, 1, kit.to_guest())
    assert "wifi de fibra" in kit.words(reply)


async def test_metrics_count_the_webhook_the_messages_and_the_outbox(
    server: LiveServer, graph: FakeGraph
) -> None:
    await say(server, "hola")
    await kit.replies_to(graph, 1, kit.to_guest())
    async with server.client() as client:
        text = (await client.get("/metrics")).text
    for name in ('whatsapp_webhook_total{result="stored"}',
                 'whatsapp_messages_total{direction="in",type="text"}',
                 'whatsapp_messages_total{direction="out",type=', "outbox_pending ",
                 "outbox_dead_total ", "conversation_turn_seconds_bucket"):
        assert name in text, name
