"""A WhatsApp hold carries its Mercado Pago link, the link comes again on request, and a
signed payment notification confirms the stay with a WhatsApp message to the guest."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from posada.adapters.email.fake import SmtpServer
from posada.adapters.mercadopago.fake import FakeMercadoPago
from posada.adapters.whatsapp.fake import FakeGraph
from posada.db.engine import Database
from posada.db.models import Reservation
from tests.conftest import LiveServer, Seeded
from tests.e2e import whatsapp_kit as kit
from tests.e2e.payments_kit import post, serve_payments, status_becomes
from tests.e2e.test_whatsapp_webhook import ask_text


@pytest.fixture
def server(database_url: str, seeded: Seeded, graph: FakeGraph,
           mp: FakeMercadoPago) -> Iterator[LiveServer]:
    with SmtpServer() as smtp:
        yield from serve_payments(database_url, graph, mp, smtp)


async def test_a_whatsapp_hold_is_paid_through_its_link(
        server: LiveServer, graph: FakeGraph, mp: FakeMercadoPago, db: Database,
        seeded: Seeded) -> None:
    await kit.post(server, kit.delivery(kit.text_message(ask_text(offset=25))))
    [offers] = await kit.replies_to(graph, 1, kit.to_guest())
    ids = kit.option_ids(offers)
    kind = "button_reply" if len(ids) <= 3 else "list_reply"
    tap = kit.message({"type": "interactive", "interactive": {
        "type": kind, kind: {"id": f"acc:{seeded.cabin(2).id}", "title": "Cabin 2"}}})
    await kit.post(server, kit.delivery(tap))
    await kit.replies_to(graph, 2, kit.to_guest())
    await kit.post(server, kit.delivery(kit.text_message("sí")))
    replies = await kit.replies_to(graph, 3, kit.to_guest())
    async with db.session() as session:
        hold = await session.scalar(select(Reservation).where(Reservation.channel == "whatsapp"))
    assert hold is not None
    placed = kit.words(replies[2])
    assert hold.code in placed and mp.url in placed, placed
    assert "devolvemos" in placed  # the cancellation policy, before paying

    await kit.post(server, kit.delivery(kit.text_message("pasame el link de nuevo")))
    again = await kit.replies_to(graph, 4, kit.to_guest())
    assert mp.url in kit.words(again[3]) and hold.code in kit.words(again[3])

    paid = mp.pay(hold.code)
    async with server.client() as client:
        assert (await post(client, mp.notify(paid))).status_code == 200
        await status_becomes(client, hold.code, "confirmed")
    told = await kit.replies_to(graph, 5, kit.to_guest())
    assert "confirmada" in kit.words(told[4]) and hold.code in kit.words(told[4])
