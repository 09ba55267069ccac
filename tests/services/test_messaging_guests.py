"""Guests without a phone (WhatsApp user id only) book like everyone else: capped, exported,
allowed long stays; reports that beat the 'sent' mark still count; crashed read receipts are
retried; one guest's stored deliveries wait for each other."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from posada.db import work
from posada.db.engine import Database
from posada.db.models import Reservation
from posada.db.models_messaging import InboundEvent, OutboxMessage
from posada.services import ical_export, inbox, outbox
from posada.services.conversations import GuestMessage, Messaging, receive
from posada.services.outbox import OutboxPolicy
from posada.services.policy import BookingPolicy
from posada.services.ports import Address
from tests.conftest import NOW, Seeded
from tests.web.test_ical import nights_in

POLICY = OutboxPolicy(max_attempts=3, retry_base_seconds=0.01,
                      owner=Address(phone="5492944999999"))
CAPPED = BookingPolicy(max_holds_per_contact=2, max_holds_per_client=5)
_ids = itertools.count(1)


async def say(m: Messaging, text: str, user_id: str = "AR.1349") -> None:
    await receive(m, GuestMessage(f"wamid.G{next(_ids)}", "text", text, NOW, user_id=user_id,
                                  profile_name="Ana"))


async def holds_of(db: Database) -> list[Reservation]:
    async with db.session() as session:
        return list((await session.scalars(select(Reservation).where(
            Reservation.status == "pre_reserved").order_by(Reservation.id))).all())


async def book(m: Messaging, dates: str) -> None:
    await say(m, f"hola, ¿tienen lugar {dates} para 2?")
    await say(m, "la 1")
    await say(m, "sí")


async def test_a_guest_without_a_phone_is_capped_exported_and_may_stay_long(
    db: Database, seeded: Seeded
) -> None:
    m = Messaging(db=db, policy=CAPPED, outbox=POLICY, code_key=b"k" * 32, clock=lambda: NOW)
    await book(m, "del 1 al 3 de diciembre")
    await book(m, "del 5 al 7 de diciembre")
    await book(m, "del 9 al 11 de diciembre")  # the third live hold: refused
    made = await holds_of(db)
    assert [(h.check_in.day, h.phone_key) for h in made] == [(1, None), (5, None)]
    cabin = next(c for c in seeded.cabins if c.id == made[0].accommodation_id)
    feed = await ical_export.export_feed(db, cabin.slug, cabin.ical_token, now=NOW)
    assert {h.check_in for h in made if h.accommodation_id == cabin.id} <= nights_in(feed)[0]
    async with db.connection() as conn:  # they lapse: a long stay may now be held
        await conn.execute(update(Reservation).values(expires_at=NOW - timedelta(minutes=1)))
    await book(m, "del 2 al 20 de enero")
    assert [(h.check_in.month, (h.check_out - h.check_in).days) for h in await holds_of(db)
            if h.expires_at and h.expires_at > NOW] == [(1, 18)]


class Slow:
    """A channel whose report (``failed``) arrives while its own call is still open."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.calls = 0

    async def send(self, to: Address, message: dict[str, Any]) -> str:
        self.calls += 1
        wamid = f"wamid.slow{self.calls}"
        await outbox.apply_status(self.db, POLICY, wamid, "failed", NOW,
                                  [{"code": 131026, "title": "Message undeliverable"}])
        return wamid


async def test_a_report_before_the_sent_mark_still_counts(db: Database, seeded: Seeded) -> None:
    async with db.transaction() as session:
        session.add(outbox.outbox_row(seeded.property.id, "reply", Address("5492944123456"),
                                      {"type": "text", "body": "hola"}, now=NOW))
    await outbox.send_due(db, Slow(db), POLICY, now=NOW)
    async with db.session() as session:
        rows = (await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()
    assert (rows[0].status, rows[0].delivery) == ("sent", "failed")
    assert [r.kind for r in rows[1:]] == ["owner"] and "131026" in str(rows[1].payload)


async def test_a_crashed_read_receipt_is_sent_again(db: Database, seeded: Seeded) -> None:
    async with db.transaction() as session:
        for kind, message in (("read", {"type": "read", "message_id": "wamid.in"}),
                              ("reply", {"type": "text", "body": "hola"})):
            session.add(outbox.outbox_row(seeded.property.id, kind, Address("5492944123456"),
                                          message, now=NOW))
    async with db.connection() as conn:  # a runner claimed both and died
        await conn.execute(update(OutboxMessage).values(
            status="sending", locked_until=NOW - timedelta(seconds=1)))
        await work.recover_outbox(conn, NOW)
    async with db.session() as session:
        rows = (await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()
    assert [(r.kind, r.status) for r in rows] == [("read", "pending"), ("reply", "uncertain")]


async def test_a_senders_later_delivery_waits_for_the_earlier_one(db: Database) -> None:
    first = await inbox.store(db, "whatsapp", "1", now=NOW, order_key="phone:+549")
    second = await inbox.store(db, "whatsapp", "2", now=NOW, order_key="phone:+549")
    other = await inbox.store(db, "whatsapp", "3", now=NOW, order_key="phone:+548")
    async with db.connection() as conn:
        claimed = [r.id for r in await work.claim_inbound(conn, NOW, inbox.LEASE, 10)]
    assert claimed == [first, other]  # as another runner would see it, too
    async with db.connection() as conn:
        await conn.execute(update(InboundEvent).where(InboundEvent.id == first).values(
            status="done"))
        again = [r.id for r in await work.claim_inbound(
            conn, NOW + inbox.LEASE, inbox.LEASE, 10)]
    assert again == [second, other]  # other's lease ran out: it is taken again
