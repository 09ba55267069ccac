"""Deposits end to end: a real server takes a hold with a Mercado Pago link (a local
``FakeMercadoPago``), the guest pays, signed notifications — duplicated, reordered, late,
tampered, unsigned, IPN — confirm the stay once, and the guest and the owner get e-mail (a
real ``aiosmtpd`` server) and WhatsApp (a local ``FakeGraph``)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update

from posada.adapters.email.fake import SmtpServer
from posada.adapters.mercadopago.fake import FakeMercadoPago
from posada.adapters.whatsapp.fake import FakeGraph
from posada.db.engine import Database
from posada.db.models import Reservation, ReservationEvent
from posada.db.models_messaging import InboundEvent, OutboxMessage
from posada.db.models_payments import Payment, Refund
from tests.conftest import LiveServer, Seeded
from tests.e2e.payments_kit import (
    GUEST_EMAIL,
    OWNER_EMAIL,
    hold,
    post,
    reservation,
    serve_payments,
    status_becomes,
    until,
)
from tests.e2e.whatsapp_kit import replies_to, to_owner, words


@pytest.fixture
def server(database_url: str, seeded: Seeded, graph: FakeGraph, mp: FakeMercadoPago,
           smtp: SmtpServer) -> Iterator[LiveServer]:
    yield from serve_payments(database_url, graph, mp, smtp)


async def confirmations(db: Database, code: str) -> int:
    async with db.session() as session:
        return await session.scalar(select(func.count()).select_from(ReservationEvent).join(
            Reservation, Reservation.id == ReservationEvent.reservation_id).where(
            Reservation.code == code, ReservationEvent.to_status == "confirmed")) or 0


async def test_a_paid_hold_is_confirmed_once_and_both_sides_are_told(
        server: LiveServer, seeded: Seeded, mp: FakeMercadoPago, smtp: SmtpServer,
        graph: FakeGraph, db: Database) -> None:
    async with server.client() as client:
        made = await hold(client, seeded.cabins[0].id)
        code = made["code"]
        assert made["payment_url"] and made["payment_url"].startswith(mp.url)
        assert "15 días" in made["cancellation_policy"]
        preference = next(p for p in mp.preferences.values()
                          if p["external_reference"] == code)
        assert Decimal(str(preference["items"][0]["unit_price"])) == Decimal(made["deposit"])
        assert preference["binary_mode"] is True and preference["expires"] is True
        page = await reservation(client, code)
        assert page["payment"]["url"] == made["payment_url"]
        assert page["payment"]["status"] == "none"

        paid = mp.pay(code)
        delivery = mp.notify(paid)
        answers = await asyncio.gather(*(post(client, delivery) for _ in range(3)))
        assert [a.status_code for a in answers] == [200, 200, 200]
        page = await status_becomes(client, code, "confirmed")
        assert page["payment"]["status"] == "approved"
        assert page["payment"]["state"] == "paid" and page["payment"]["url"] is None
        assert (await post(client, mp.notify(paid))).status_code == 200  # late and again

        mails = await asyncio.to_thread(smtp.wait_for, 2, 15)
    assert await confirmations(db, code) == 1
    subjects = {m.message["Subject"]: m for m in mails}
    confirmation = next(m for s, m in subjects.items() if "confirm" in s.lower())
    assert confirmation.rcpt_tos == (GUEST_EMAIL,)
    attachments = [part for part in confirmation.message.iter_attachments()]
    assert attachments and "METHOD:PUBLISH" in attachments[0].get_content()
    assert code in attachments[0].get_content()
    owner = await replies_to(graph, 1, lambda r: to_owner(r) and "Seña recibida" in words(
        r.payload))
    assert owner and code in words(owner[0])
    await asyncio.sleep(1)
    assert await confirmations(db, code) == 1
    assert OWNER_EMAIL not in {r for m in smtp.received for r in m.rcpt_tos}  # no alert


async def test_tampered_unsigned_and_stale_notifications_are_refused_and_nothing_is_stored(
        server: LiveServer, seeded: Seeded, mp: FakeMercadoPago, db: Database) -> None:
    async with server.client() as client:
        made = await hold(client, seeded.cabins[0].id, email=None)
        paid = mp.pay(made["code"])
        good = mp.notify(paid)
        forged = mp.notify(paid, secret="not-the-secret")
        stale = mp.notify(paid, ts=datetime.now(UTC) - timedelta(hours=2))
        unsigned = good.headers.copy()
        del unsigned["x-signature"]
        answers = [await post(client, forged), await post(client, stale),
                   await client.post(good.target(), content=good.body, headers=unsigned),
                   await client.post(good.target().replace(str(paid), str(paid + 1)),
                                     content=good.body, headers=good.headers)]
        assert [a.status_code for a in answers] == [401, 401, 401, 400]
        assert all(a.json()["error"]["code"].startswith("invalid_") for a in answers)
        async with db.session() as session:
            assert await session.scalar(select(func.count()).select_from(InboundEvent)) == 0
        assert (await reservation(client, made["code"]))["status"] == "pre_reserved"


async def test_a_legacy_ipn_hint_is_fetched_and_confirms(
        server: LiveServer, seeded: Seeded, mp: FakeMercadoPago) -> None:
    async with server.client() as client:
        made = await hold(client, seeded.cabins[1].id, email=None)
        paid = mp.pay(made["code"])
        answer = await post(client, mp.notify(paid, legacy=True))
        assert answer.status_code == 200
        await status_becomes(client, made["code"], "confirmed")
        # the merchant order form names the same payment: applied again, changes nothing
        order = mp.payment(paid).order_id
        answer = await post(client, mp.notify(order, topic="merchant_order", legacy=True))
        assert answer.status_code == 200


async def test_a_wrong_amount_is_not_confirmed_and_the_owner_is_told(
        server: LiveServer, seeded: Seeded, mp: FakeMercadoPago, smtp: SmtpServer,
        db: Database) -> None:
    async with server.client() as client:
        made = await hold(client, seeded.cabins[0].id, email=None)
        paid = mp.pay(made["code"], amount=Decimal(made["deposit"]) - Decimal("0.01"))
        assert (await post(client, mp.notify(paid))).status_code == 200
        alert = await asyncio.to_thread(smtp.wait_for, 1, 15)
        assert alert[0].rcpt_tos == (OWNER_EMAIL,)
        assert (await reservation(client, made["code"]))["status"] == "pre_reserved"
    async with db.session() as session:
        flag = await session.scalar(select(Payment.flag).where(
            Payment.provider_payment_id == str(paid)))
    assert flag == "amount_mismatch"


async def expire(db: Database, code: str) -> None:
    async with db.transaction() as session:
        await session.execute(update(Reservation).where(Reservation.code == code).values(
            expires_at=datetime.now(UTC) - timedelta(minutes=5), status="expired"))


async def test_a_late_payment_with_the_nights_free_confirms(
        server: LiveServer, seeded: Seeded, mp: FakeMercadoPago, db: Database) -> None:
    async with server.client() as client:
        made = await hold(client, seeded.cabins[0].id, email=None)
        await expire(db, made["code"])
        paid = mp.pay(made["code"])
        assert (await post(client, mp.notify(paid))).status_code == 200
        await status_becomes(client, made["code"], "confirmed")


async def test_a_late_payment_whose_nights_were_taken_is_refunded_once(
        server: LiveServer, seeded: Seeded, mp: FakeMercadoPago, db: Database,
        graph: FakeGraph) -> None:
    cabin = seeded.cabins[0].id
    async with server.client() as client:
        made = await hold(client, cabin, email=None)
        await expire(db, made["code"])
        other = await hold(client, cabin, email=None)  # the same nights, now taken
        assert other["code"] != made["code"]
        mp.fail_next(1, 500, route="refund")  # the refund job is retried
        paid = mp.pay(made["code"])
        for _ in range(2):
            assert (await post(client, mp.notify(paid))).status_code == 200

        async def refunded() -> bool:
            async with db.session() as session:
                done = await session.scalar(select(Refund.status).where(
                    Refund.reservation_id == select(Reservation.id).where(
                        Reservation.code == made["code"]).scalar_subquery()))
            return done == "done"
        await until(refunded, 30)
        assert (await reservation(client, made["code"]))["status"] == "expired"
        assert (await reservation(client, other["code"]))["status"] == "pre_reserved"
        # the refund's own notification cancels nothing
        assert (await post(client, mp.notify(paid))).status_code == 200
        await asyncio.sleep(1)
    assert mp.refunds_made == 1
    assert mp.payment(paid).status == "refunded"
    texts = [words(p) for p in await replies_to(graph, 1, to_owner)]
    assert any(made["code"] in t and "devolución" in t for t in texts)


async def test_reconciliation_finds_a_payment_whose_notification_never_came(
        server: LiveServer, seeded: Seeded, mp: FakeMercadoPago, db: Database) -> None:
    from posada.adapters.mercadopago.client import MercadoPagoGateway
    from posada.jobs.mercadopago import MercadoPagoPort
    from posada.services.checkout import reconcile
    from posada.services.outbox import OutboxPolicy
    from posada.services.payments import Payments

    async with server.client() as client:
        made = await hold(client, seeded.cabins[2].id, email=None)
        mp.search_lag(1)  # the first search does not see the brand-new payment yet
        mp.pay(made["code"])  # no notification is ever posted
        port = MercadoPagoPort(MercadoPagoGateway(mp.token, base_url=mp.url),
                               "America/Argentina/Buenos_Aires")
        ctx = Payments(db=db, outbox=OutboxPolicy(), gateway=port)
        try:
            assert await reconcile(ctx) == 0
            assert (await reservation(client, made["code"]))["status"] == "pre_reserved"
            assert await reconcile(ctx) == 1
            assert await reconcile(ctx) == 0  # found again: nothing more to do
        finally:
            await port.aclose()
        assert (await reservation(client, made["code"]))["status"] == "confirmed"
    assert await confirmations(db, made["code"]) == 1


async def test_when_the_gateway_fails_at_hold_time_the_hold_email_waits_for_the_link(
        server: LiveServer, seeded: Seeded, mp: FakeMercadoPago, smtp: SmtpServer,
        db: Database) -> None:
    from posada.adapters.mercadopago.client import MercadoPagoGateway
    from posada.jobs.mercadopago import MercadoPagoPort
    from posada.services.checkout import reconcile
    from posada.services.outbox import OutboxPolicy
    from posada.services.payments import Payments

    async with server.client() as client:
        mp.fail_next(1, 500, route="create_preference")
        made = await hold(client, seeded.cabins[2].id)
        assert made["payment_url"] is None
        async with db.session() as session:
            queued = await session.scalar(select(func.count()).select_from(OutboxMessage)
                                          .where(OutboxMessage.channel == "email"))
        assert queued == 0  # not without its link
        port = MercadoPagoPort(MercadoPagoGateway(mp.token, base_url=mp.url),
                               "America/Argentina/Buenos_Aires")
        ctx = Payments(db=db, outbox=OutboxPolicy(), gateway=port, email=True,
                       public_url="https://reservas.example.com")
        try:
            await reconcile(ctx)
            await reconcile(ctx)  # the link exists: no second e-mail
        finally:
            await port.aclose()
        page = await reservation(client, made["code"])
        mails = await asyncio.to_thread(smtp.wait_for, 1, 15)
        async with db.session() as session:
            queued = await session.scalar(select(func.count()).select_from(OutboxMessage)
                                          .where(OutboxMessage.channel == "email"))
    assert queued == 1
    assert page["payment"]["url"] and page["payment"]["url"].startswith(mp.url)
    assert len(mails) == 1 and mails[0].rcpt_tos == (GUEST_EMAIL,)
    body = mails[0].message.get_body(("plain",))
    assert body is not None and page["payment"]["url"] in body.get_content()


async def pay_then_cancel(client: httpx.AsyncClient, server: LiveServer, mp: FakeMercadoPago,
                          code: str) -> tuple[int, dict[str, Any]]:
    """Pay ``code`` at the fake, see it confirmed, cancel it as the owner with the policy's
    refund; the payment id and the cancel answer."""
    paid = mp.pay(code)
    assert (await post(client, mp.notify(paid))).status_code == 200
    await status_becomes(client, code, "confirmed")
    answer = await client.post(f"/api/v1/reservations/{code}/cancel",
                               headers=server.admin_headers(), json={"refund": "policy"})
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return paid, body


async def test_the_owner_cancels_a_paid_stay_and_the_refund_is_executed_once(
        server: LiveServer, seeded: Seeded, mp: FakeMercadoPago, smtp: SmtpServer) -> None:
    async with server.client() as client:
        made = await hold(client, seeded.cabins[1].id, offset=60)
        paid, body = await pay_then_cancel(client, server, mp, made["code"])
        assert body["status"] == "cancelled"
        assert body["refund"]["status"] == "pending"
        assert Decimal(body["refund"]["amount"]) == Decimal(made["deposit"])  # 60 days ahead
        again = await client.post(f"/api/v1/reservations/{made['code']}/cancel",
                                  headers=server.admin_headers())
        assert again.status_code == 409

        async def refunded() -> bool:
            return mp.payment(paid).status == "refunded"
        await until(refunded, 30)
        assert (await post(client, mp.notify(paid))).status_code == 200
        await asyncio.sleep(1)
        assert (await reservation(client, made["code"]))["status"] == "cancelled"
    assert mp.refunds_made == 1


async def test_the_owner_sets_the_cancellation_policy_and_a_policy_refund_follows_it(
        server: LiveServer, seeded: Seeded, mp: FakeMercadoPago) -> None:
    path = f"/api/v1/admin/properties/{seeded.property.id}"
    async with server.client() as client:
        bad = await client.patch(path, headers=server.admin_headers(), json={
            "cancellation_policy": [{"days_before": 3, "refund_percent": 150}]})
        assert bad.status_code == 422
        answer = await client.patch(path, headers=server.admin_headers(), json={
            "cancellation_policy": [{"days_before": 90, "refund_percent": 100},
                                    {"days_before": 30, "refund_percent": "25"}]})
        assert answer.status_code == 200, answer.text
        assert answer.json()["cancellation_policy"][1] == {"days_before": 30,
                                                           "refund_percent": "25"}
        made = await hold(client, seeded.cabins[2].id, offset=45, email=None)
        assert "25 %" in made["cancellation_policy"]
        refund = (await pay_then_cancel(client, server, mp, made["code"]))[1]["refund"]
    assert Decimal(refund["amount"]) == (Decimal(made["deposit"]) / 4).quantize(
        Decimal("0.01"))
    assert refund["percent"] == "25.00"
