"""BREAK tests of the Mercado Pago deposits (issue 9): each test reproduces one attack on
the payment services with a real database (SQLite, and PostgreSQL when configured) and a
local ``FakeMercadoPago``; a failing test here is a defect, a passing one an attack that
held up."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import func, select

from posada.adapters.email.fake import SmtpServer
from posada.adapters.mercadopago.client import MercadoPagoGateway
from posada.adapters.mercadopago.fake import FakeMercadoPago
from posada.adapters.whatsapp.fake import FakeGraph
from posada.db.engine import Database
from posada.db.models import Reservation, ReservationEvent
from posada.db.models_messaging import OutboxMessage
from posada.db.models_payments import Payment, Refund
from posada.jobs.mercadopago import MercadoPagoPort
from posada.services import cancellations, checkout, holds, refunds
from posada.services.outbox import OutboxPolicy
from posada.services.payment_ports import GatewayPayment
from posada.services.payments import Payments, apply_payment
from tests.conftest import UNCAPPED, LiveServer, Seeded, stay_dates
from tests.e2e.payments_kit import hold, post, reservation, serve_payments, status_becomes

ZONE = "America/Argentina/Buenos_Aires"


@dataclass
class Rig:
    ctx: Payments
    mp: FakeMercadoPago


@pytest.fixture
async def rig(db: Database, mp: FakeMercadoPago) -> AsyncIterator[Rig]:
    port = MercadoPagoPort(MercadoPagoGateway(mp.token, base_url=mp.url, timeout=2.0), ZONE)
    try:
        yield Rig(Payments(db=db, outbox=OutboxPolicy(), gateway=port, email=True,
                           public_url="http://testserver", owner_email="duena@example.com"),
                  mp)
    finally:
        await port.aclose()


async def take_hold(db: Database, cabin_id: int, offset: int = 40,
                    email: str | None = "lucia@example.com") -> str:
    made = await holds.place_hold(db, UNCAPPED, holds.HoldRequest(
        cabin_id, *stay_dates(offset, 3), guests=2, guest_name="Lucía", guest_email=email))
    return made.code


async def count(db: Database, query: object) -> int:
    async with db.session() as session:
        return await session.scalar(query) or 0


async def confirmations(db: Database, code: str) -> int:
    return await count(db, select(func.count()).select_from(ReservationEvent).join(
        Reservation, Reservation.id == ReservationEvent.reservation_id).where(
        Reservation.code == code, ReservationEvent.to_status == "confirmed"))


# --------------------------------------------------------------------------- defects


async def test_break_reconcile_mails_the_late_payment_link_without_crashing(
        rig: Rig, seeded: Seeded, db: Database) -> None:
    """DEFECT: a hold taken while Mercado Pago is down gets its hold e-mail without a link;
    when ``reconcile`` later makes the link, ``hold_made`` writes the hold e-mail again with
    the same dedupe key and the job dies with an IntegrityError (the guest never gets the
    link by e-mail, and the rest of that reconciliation run is skipped)."""
    code = await take_hold(db, seeded.cabins[0].id)
    rig.mp.fail_next(1, 503, route="create_preference")
    assert await checkout.hold_made(rig.ctx, code) is None  # the API's answer: no link yet
    await checkout.reconcile(rig.ctx)  # the gateway is back: the link is made
    async with db.session() as session:
        mails = (await session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.channel == "email"))).all()
    links = [m["message"]["context"].get("payment_url") for m in mails
             if m["message"]["template"] == "hold"]
    assert any(link and link.startswith(rig.mp.url) for link in links), links


async def test_break_two_rejected_payments_in_one_reconciliation_run(
        rig: Rig, seeded: Seeded, db: Database) -> None:
    """DEFECT: the guest's card is rejected twice (two payments) and the notifications were
    lost; ``reconcile`` applies both with one ``now``, the "try again" notice's dedupe key
    (code + minute) repeats and the run dies with a unique-key Conflict."""
    code = await take_hold(db, seeded.cabins[0].id)
    assert await checkout.hold_made(rig.ctx, code)
    rig.mp.pay(code, "rejected", status_detail="cc_rejected_insufficient_amount")
    rig.mp.pay(code, "rejected", status_detail="cc_rejected_bad_filled_security_code")
    assert await checkout.reconcile(rig.ctx) == 2


async def test_break_concurrent_deliveries_of_a_payment_for_no_reservation(
        rig: Rig, db: Database) -> None:
    """DEFECT: the same unknown-reference payment applied concurrently: ``_unknown_reference``
    catches ``IntegrityError`` inside ``translated_db_errors``, which has already turned it
    into ``Conflict``, so concurrent deliveries raise instead of being recorded once."""
    payment = GatewayPayment(id="1319999001", status="approved", status_detail="accredited",
                             external_reference=None, amount=Decimal("15000.0"),
                             currency="ARS", collector_id=str(rig.mp.collector_id),
                             updated_at=datetime.now(UTC))
    outcomes = await asyncio.gather(*(apply_payment(rig.ctx, payment) for _ in range(8)),
                                    return_exceptions=True)
    assert outcomes == ["unknown_reference"] * 8
    assert await count(db, select(func.count()).select_from(Payment)) == 1


async def test_break_the_guest_page_shows_the_payment_that_holds_the_stay(
        rig: Rig, seeded: Seeded, db: Database) -> None:
    """DEFECT: the guest paid twice; the second payment is refunded as a duplicate and, being
    the newest, is what ``payment_view`` shows: the page of a confirmed stay says the deposit
    was ``refunded``."""
    code = await take_hold(db, seeded.cabins[1].id, offset=90)
    assert await checkout.hold_made(rig.ctx, code)
    gateway = rig.ctx.gateway
    assert gateway is not None
    first, second = rig.mp.pay(code), rig.mp.pay(code)
    assert await apply_payment(rig.ctx, await gateway.get_payment(str(first))) == "confirmed"
    assert await apply_payment(rig.ctx, await gateway.get_payment(str(second))) == "duplicate"
    assert await refunds.execute_due(rig.ctx) == 1
    assert await apply_payment(rig.ctx, await gateway.get_payment(str(second))) == "noted"
    async with db.session() as session:
        row = await session.scalar(select(Reservation).where(Reservation.code == code))
    assert row is not None and row.status == "confirmed"
    view, _ = await checkout.payment_view(db, row, datetime.now(UTC))
    assert (view.status, view.state) == ("approved", "paid")


async def test_break_a_payment_first_seen_partly_refunded_still_confirms(
        rig: Rig, seeded: Seeded, db: Database) -> None:
    """DEFECT: the approval's notification is lost and the owner refunds part of the deposit
    from the panel before ``reconcile`` runs; the payment is first seen ``approved`` with
    ``partially_refunded`` and is only "noted": the hold expires with the deposit kept, and
    reconciliation (``approved`` is final) never looks again."""
    code = await take_hold(db, seeded.cabins[2].id, offset=100)
    assert await checkout.hold_made(rig.ctx, code)
    gateway = rig.ctx.gateway
    assert gateway is not None
    paid = rig.mp.pay(code)
    await gateway.refund(str(paid), Decimal("1000"), "panel-refund-2")
    assert await checkout.reconcile(rig.ctx) == 1
    assert await confirmations(db, code) == 1


# --------------------------------------------------------------------------- held up


async def test_break_refund_whose_answer_times_out_is_made_once(
        rig: Rig, seeded: Seeded, db: Database) -> None:
    """Held: the refund call reaches Mercado Pago but its answer never comes (timeout); the
    retried job sends the same idempotency key and money goes back once."""
    code = await take_hold(db, seeded.cabins[1].id, offset=60)
    assert await checkout.hold_made(rig.ctx, code)
    paid = rig.mp.pay(code)
    assert await apply_payment(rig.ctx, await rig.ctx.gateway.get_payment(str(paid))) \
        == "confirmed"
    done = await cancellations.cancel(rig.ctx, code, "owner", by_owner=True)
    assert done.refund_status == "pending"
    rig.mp.delay(3.0, route="refund")
    assert await refunds.execute_due(rig.ctx) == 0  # uncertain: to be retried
    rig.mp.delay(0, route="refund")
    later = datetime.now(UTC) + timedelta(hours=1)
    assert await refunds.execute_due(rig.ctx, later) == 1
    assert await refunds.execute_due(rig.ctx, later + timedelta(hours=1)) == 0
    assert rig.mp.refunds_made == 1
    assert rig.mp.payment(paid).status == "refunded"


async def test_break_owner_cancels_while_the_payment_is_applied(
        rig: Rig, seeded: Seeded, db: Database) -> None:
    """Held: the owner cancels a hold at the moment its payment is applied; whichever wins
    the lock, exactly one full refund is due and the stay ends cancelled."""
    code = await take_hold(db, seeded.cabins[2].id, offset=70)
    assert await checkout.hold_made(rig.ctx, code)
    paid = rig.mp.pay(code)
    fetched = await rig.ctx.gateway.get_payment(str(paid))
    await asyncio.gather(apply_payment(rig.ctx, fetched),
                         cancellations.cancel(rig.ctx, code, "owner", by_owner=True))
    async with db.session() as session:
        row = await session.scalar(select(Reservation).where(Reservation.code == code))
        due = (await session.scalars(select(Refund.amount).where(
            Refund.reservation_id == row.id))).all()
    assert row is not None and row.status == "cancelled"
    assert due == [row.deposit]
    assert await refunds.execute_due(rig.ctx) == 1
    assert rig.mp.refunds_made == 1


async def test_break_a_partial_refund_at_the_panel_keeps_the_stay_and_limits_the_cancel(
        rig: Rig, seeded: Seeded, db: Database) -> None:
    """Held: the owner refunds part of the deposit from Mercado Pago's panel; the stay stays
    confirmed, and a later owner cancellation refunds only what is left."""
    code = await take_hold(db, seeded.cabins[0].id, offset=80)
    assert await checkout.hold_made(rig.ctx, code)
    paid = rig.mp.pay(code)
    gateway = rig.ctx.gateway
    assert gateway is not None
    assert await apply_payment(rig.ctx, await gateway.get_payment(str(paid))) == "confirmed"
    await gateway.refund(str(paid), Decimal("1000"), "panel-refund-1")
    assert await apply_payment(rig.ctx, await gateway.get_payment(str(paid))) == "repeated"
    async with db.session() as session:
        row = await session.scalar(select(Reservation).where(Reservation.code == code))
    assert row is not None and row.status == "confirmed" and row.deposit is not None
    done = await cancellations.cancel(rig.ctx, code, "owner", by_owner=True)
    assert done.refund_amount == row.deposit - Decimal("1000")
    assert await confirmations(db, code) == 1


# --------------------------------------------------------------------------- real server


@pytest.fixture
def server(database_url: str, seeded: Seeded, graph: FakeGraph, mp: FakeMercadoPago,
           smtp: SmtpServer) -> Iterator[LiveServer]:
    yield from serve_payments(database_url, graph, mp, smtp)


async def test_break_a_deeply_nested_body_is_a_bad_request_not_a_crash(
        server: LiveServer, mp: FakeMercadoPago) -> None:
    """DEFECT: an unsigned body of 60,000 ``[`` (under the 64 KiB cap) makes ``json.loads``
    raise ``RecursionError``, which ``parse_notification`` does not catch: the webhook answers
    500 to anyone, before the signature is checked, instead of 400 ``invalid_bad_json``."""
    async with server.client() as client:
        answer = await client.post("/webhooks/mercadopago?data.id=1&type=payment",
                                   content=b"[" * 60_000,
                                   headers={"content-type": "application/json"})
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["code"] == "invalid_bad_json"


async def test_break_a_storm_of_duplicate_deliveries_confirms_once(
        server: LiveServer, seeded: Seeded, mp: FakeMercadoPago, smtp: SmtpServer,
        db: Database) -> None:
    """Held: 40 signed webhooks (created and updated), 10 payment IPNs and 5 merchant order
    IPNs for one payment, all at once: every one is answered 200 and the stay is confirmed
    once, with one confirmation e-mail."""
    async with server.client() as client:
        made = await hold(client, seeded.cabins[0].id)
        paid = mp.pay(made["code"])
        order = mp.payment(paid).order_id
        deliveries = ([mp.notify(paid, action="payment.created") for _ in range(20)]
                      + [mp.notify(paid) for _ in range(20)]
                      + [mp.notify(paid, legacy=True)] * 10
                      + [mp.notify(order, topic="merchant_order", legacy=True)] * 5)
        answers = await asyncio.gather(*(post(client, d) for d in reversed(deliveries)))
        assert {a.status_code for a in answers} == {200}
        await status_becomes(client, made["code"], "confirmed")
        await asyncio.to_thread(smtp.wait_for, 2, 15)
        await asyncio.sleep(1.5)
    assert await confirmations(db, made["code"]) == 1
    subjects = [m.message["Subject"] for m in smtp.received
                if m.rcpt_tos == ("lucia@example.com",)]
    assert sum("confirm" in s.lower() for s in subjects) == 1, subjects


async def test_break_a_guest_without_email_nor_whatsapp_is_confirmed_and_the_owner_told(
        server: LiveServer, seeded: Seeded, mp: FakeMercadoPago, smtp: SmtpServer,
        db: Database) -> None:
    """Held: no e-mail and no WhatsApp contact: confirmed, nothing queued for the guest."""
    async with server.client() as client:
        made = await hold(client, seeded.cabins[1].id, email=None)
        assert (await post(client, mp.notify(mp.pay(made["code"])))).status_code == 200
        await status_becomes(client, made["code"], "confirmed")
    async with db.session() as session:
        rows = (await session.scalars(select(OutboxMessage.payload))).all()
    assert rows and all(r["to"].get("email") != "lucia@example.com" for r in rows)


@pytest.fixture
def dead_smtp() -> Iterator[int]:
    """A port that accepts SMTP connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield sock.getsockname()[1]


async def test_break_a_silent_mail_server_blocks_no_request(
        database_url: str, seeded: Seeded, graph: FakeGraph, mp: FakeMercadoPago,
        smtp: SmtpServer, dead_smtp: int) -> None:
    """Held: the SMTP server accepts and never speaks: holds, webhooks and the guest page
    answer (within a 5 s client timeout) and the payment confirms."""
    for live in serve_payments(database_url, graph, mp, smtp, smtp_port=dead_smtp):
        async with httpx.AsyncClient(base_url=live.url, timeout=5) as client:
            made = await hold(client, seeded.cabins[2].id)
            assert made["payment_url"]
            assert (await post(client, mp.notify(mp.pay(made["code"])))).status_code == 200
            await status_becomes(client, made["code"], "confirmed")
            assert (await reservation(client, made["code"]))["payment"]["state"] == "paid"
