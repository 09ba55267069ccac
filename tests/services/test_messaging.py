"""The messaging services on both engines: idempotent holds from a message, the outbox's
order, at-most-once and window rules, statuses, reminders, and the inbound queue."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from posada.db.engine import Database
from posada.db.models import Reservation
from posada.db.models_messaging import Contact, InboundEvent, OutboxMessage
from posada.services import guests, holds, inbox, outbox, reminders
from posada.services.conversations import GuestMessage, Messaging, receive
from posada.services.outbox import OutboxPolicy
from posada.services.ports import Address, SendFailure
from tests.conftest import NOW, UNCAPPED, Seeded

OWNER = Address(phone="5492944999999")
POLICY = OutboxPolicy(max_attempts=3, retry_base_seconds=0.01, owner=OWNER)


class Recorder:
    """A channel that records what it was asked to send and fails on cue."""

    def __init__(self, failures: list[SendFailure] | None = None) -> None:
        self.sent: list[tuple[Address, dict[str, Any]]] = []
        self.failures = failures or []
        self.calls = 0

    async def send(self, to: Address, message: dict[str, Any]) -> str:
        self.calls += 1
        await asyncio.sleep(0)  # let concurrent runners interleave
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((to, message))
        return f"wamid.out{self.calls}"


def messaging(db: Database) -> Messaging:
    return Messaging(db=db, policy=UNCAPPED, outbox=POLICY, code_key=b"k" * 32,
                     clock=lambda: NOW)


async def contact(db: Database, seeded: Seeded, phone: str = "+5492944123456",
                  seen: timedelta = timedelta(0)) -> Contact:
    return await guests.resolve_contact(
        db, seeded.property.id, phone=phone, wa_id=phone.lstrip("+"), user_id=None,
        profile_name="Ana", seen_at=NOW - seen)


async def queue(db: Database, seeded: Seeded, who: Contact, *bodies: str) -> list[int]:
    async with db.transaction() as session:
        rows = [outbox.outbox_row(seeded.property.id, "reply", Address(who.wa_id),
                                  {"type": "text", "body": b}, contact_id=who.id, now=NOW)
                for b in bodies]
        session.add_all(rows)
        await session.flush()
        return [r.id for r in rows]


async def statuses(db: Database) -> dict[int, tuple[str, int]]:
    async with db.session() as session:
        rows = (await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()
    return {r.id: (r.status, r.attempts) for r in rows}


async def test_a_replayed_message_finds_the_hold_it_made(db: Database, seeded: Seeded) -> None:
    m = messaging(db)
    check_in = NOW.date() + timedelta(days=20)
    request = holds.HoldRequest(seeded.cabin(2).id, check_in, check_in + timedelta(days=2), 2,
                                "Ana", code=m.hold_code("wamid.A"))
    first = await holds.place_hold(db, UNCAPPED, request, now=NOW)
    again = await holds.place_hold(db, UNCAPPED, request, now=NOW)
    async with db.session() as session:
        count = len((await session.scalars(select(Reservation))).all())
    assert (again.id, again.code, count) == (first.id, first.code, 1)
    assert m.hold_code("wamid.A") != m.hold_code("wamid.B")


async def test_a_guest_message_is_handled_once(db: Database, seeded: Seeded) -> None:
    m = messaging(db)
    message = GuestMessage("wamid.ONCE", "text", "hola", NOW, phone="+5492944123456",
                           wa_id="5492944123456", profile_name="Ana")
    outcomes = await asyncio.gather(receive(m, message), receive(m, message))
    assert sorted(outcomes) == ["answered", "duplicate"]
    async with db.session() as session:
        replies = (await session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "reply"))).all()
    assert len(replies) == 1


async def test_one_contacts_messages_go_in_order(db: Database, seeded: Seeded) -> None:
    who = await contact(db, seeded)
    first, second = await queue(db, seeded, who, "uno", "dos")
    sender = Recorder([SendFailure("retry", "HTTP 500")])
    await outbox.send_due(db, sender, POLICY, now=NOW)
    assert await statuses(db) == {first: ("pending", 1), second: ("pending", 0)}
    await outbox.send_due(db, sender, POLICY, now=NOW + timedelta(minutes=1))
    assert [m["body"] for _, m in sender.sent] == ["uno", "dos"]


async def test_the_owners_messages_go_in_order(db: Database, seeded: Seeded) -> None:
    """An alert, then how to resume the bot: rows without a contact, yet one after the other
    (they went out at once, in either order)."""
    async with db.transaction() as session:
        rows = [outbox.owner_alert(seeded.property.id, POLICY, body, now=NOW)
                for body in ("Lucía pide una persona", "posada chat resume 1")]
        session.add_all([row for row in rows if row is not None])
    sender = Recorder([SendFailure("retry", "HTTP 500")])
    await outbox.send_due(db, sender, POLICY, now=NOW)
    assert [status for status, _ in (await statuses(db)).values()] == ["pending", "pending"]
    await outbox.send_due(db, sender, POLICY, now=NOW + timedelta(minutes=1))
    assert [m["body"] for _, m in sender.sent] == ["Lucía pide una persona",
                                                    "posada chat resume 1"]


async def test_two_runners_never_send_a_row_twice(db: Database, seeded: Seeded) -> None:
    people = [await contact(db, seeded, f"+54929441234{n:02d}") for n in range(12)]
    for who in people:
        await queue(db, seeded, who, "a", "b")
    sender = Recorder()
    await asyncio.gather(*(outbox.send_due(db, sender, POLICY, now=NOW) for _ in range(3)))
    await outbox.send_due(db, sender, POLICY, now=NOW)
    assert len(sender.sent) == 24
    per_contact: dict[str, list[str]] = {}
    for to, message in sender.sent:
        per_contact.setdefault(str(to.phone), []).append(message["body"])
    assert all(bodies == ["a", "b"] for bodies in per_contact.values()), per_contact


async def test_a_sender_that_died_mid_call_is_not_resent(db: Database, seeded: Seeded) -> None:
    who = await contact(db, seeded)
    [row_id, later] = await queue(db, seeded, who, "uno", "dos")
    async with db.connection() as conn:  # as a runner that claimed it and was killed
        await conn.execute(update(OutboxMessage).where(OutboxMessage.id == row_id).values(
            status="sending", attempts=1, locked_until=NOW - timedelta(seconds=1)))
    sender = Recorder()
    await outbox.send_due(db, sender, POLICY, now=NOW)
    assert [m["body"] for _, m in sender.sent] == ["dos"]
    assert (await statuses(db))[row_id] == ("uncertain", 1)
    assert (await statuses(db))[later] == ("sent", 1)


async def test_a_call_without_an_answer_is_never_sent_again(
    db: Database, seeded: Seeded
) -> None:
    who = await contact(db, seeded)
    [reply, later] = await queue(db, seeded, who, "uno", "dos")
    async with db.transaction() as session:
        read = outbox.outbox_row(seeded.property.id, "read", Address(who.wa_id),
                                 {"type": "read", "message_id": "wamid.in1"}, now=NOW)
        session.add(read)
    sender = Recorder([SendFailure("uncertain", "ReadTimeout")] * 2)
    await outbox.send_due(db, sender, POLICY, now=NOW)
    await outbox.send_due(db, sender, POLICY, now=NOW + timedelta(minutes=5))
    rows = await statuses(db)
    assert rows[reply] == ("uncertain", 1)  # it may have arrived: not resent
    assert rows[later] == ("sent", 1)  # and it does not hold the contact's later messages
    assert rows[read.id] == ("sent", 2)  # a read receipt is harmless to repeat
    assert [m["type"] for _, m in sender.sent] == ["text", "read"]


async def test_no_more_rows_are_marked_sending_than_are_in_flight(
    db: Database, seeded: Seeded
) -> None:
    people = [await contact(db, seeded, f"+54929441235{n:02d}") for n in range(40)]
    for who in people:
        await queue(db, seeded, who, "hola")
    claimed: list[int] = []

    class Counting(Recorder):
        async def send(self, to: Address, message: dict[str, Any]) -> str:
            if not claimed or len(claimed) < self.calls + 1:
                async with db.session() as session:
                    claimed.append(len((await session.scalars(select(OutboxMessage).where(
                        OutboxMessage.status == "sending"))).all()))
            return await super().send(to, message)

    sender = Counting()
    assert await outbox.send_due(db, sender, POLICY, now=NOW) == 40
    # a runner killed now leaves at most one batch ``uncertain``, never the whole queue
    assert max(claimed) <= outbox.SEND_CONCURRENCY < 40


@pytest.mark.parametrize("template", [None, "posada_aviso"])
async def test_outside_the_window_only_a_template_goes(
    db: Database, seeded: Seeded, template: str | None
) -> None:
    who = await contact(db, seeded, seen=timedelta(hours=25))
    [row_id] = await queue(db, seeded, who, "¿seguís ahí?")
    policy = OutboxPolicy(template=template, owner=OWNER, retry_base_seconds=0.01)
    sender = Recorder()
    await outbox.send_due(db, sender, policy, now=NOW)
    if template is None:
        assert (await statuses(db))[row_id][0] == "dead"
        assert [to for to, _ in sender.sent] == [OWNER]  # the owner is told
    else:
        [(to, message)] = sender.sent
        assert (to, message["type"], message["name"]) == (
            Address(who.wa_id), "template", "posada_aviso")
        assert message["params"] == ["¿seguís ahí?"]


async def test_a_closed_window_answer_falls_back_to_the_template(
    db: Database, seeded: Seeded
) -> None:
    who = await contact(db, seeded)
    await queue(db, seeded, who, "hola")
    policy = OutboxPolicy(template="posada_aviso", owner=OWNER, retry_base_seconds=0.01)
    sender = Recorder([SendFailure("template", "131047", code=131047)])
    await outbox.send_due(db, sender, policy, now=NOW)
    await outbox.send_due(db, sender, policy, now=NOW + timedelta(seconds=1))
    assert [m["type"] for _, m in sender.sent] == ["template"]


async def test_retries_end_in_a_dead_letter(db: Database, seeded: Seeded) -> None:
    who = await contact(db, seeded)
    [row_id] = await queue(db, seeded, who, "hola")
    sender = Recorder([SendFailure("retry", "HTTP 503")] * 3)
    for minute in range(4):
        await outbox.send_due(db, sender, POLICY, now=NOW + timedelta(minutes=minute))
    assert (await statuses(db))[row_id] == ("dead", 3)
    assert [to for to, _ in sender.sent] == [OWNER]


async def test_statuses_apply_once_and_only_forward(db: Database, seeded: Seeded) -> None:
    who = await contact(db, seeded)
    await queue(db, seeded, who, "hola")
    sender = Recorder()
    await outbox.send_due(db, sender, POLICY, now=NOW)
    provider = "wamid.out1"
    news = [await outbox.apply_status(db, POLICY, provider, s, NOW, [])
            for s in ("read", "delivered", "read", "sent", "weird_new_status")]
    assert news == [True, True, False, True, True]
    async with db.session() as session:
        row = await session.scalar(select(OutboxMessage).where(
            OutboxMessage.provider_id == provider))
    assert row is not None and (row.delivery, row.delivery_rank) == ("read", 4)
    undeliverable = [{"code": 131026, "title": "Message undeliverable"}]
    await outbox.apply_status(db, POLICY, provider, "failed", NOW, undeliverable)
    assert await owner_alerts(db) == []  # it was read: a late ``failed`` is stale
    await queue(db, seeded, who, "¿seguís ahí?")
    await outbox.send_due(db, sender, POLICY, now=NOW)
    await outbox.apply_status(db, POLICY, "wamid.out2", "sent", NOW, [])
    await outbox.apply_status(db, POLICY, "wamid.out2", "failed", NOW, undeliverable)
    await outbox.apply_status(db, POLICY, "wamid.out2", "failed", NOW, [])
    alerts = await owner_alerts(db)
    assert len(alerts) == 1 and "131026" in alerts[0]


async def owner_alerts(db: Database) -> list[str]:
    async with db.session() as session:
        return [row.payload["message"]["body"] for row in (await session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "owner"))).all()]


async def test_one_reminder_before_a_hold_expires(db: Database, seeded: Seeded) -> None:
    m = messaging(db)
    await receive(m, GuestMessage("wamid.R1", "text", "hola", NOW, phone="+5492944123456",
                                  wa_id="5492944123456"))
    who = await contact(db, seeded)
    check_in = NOW.date() + timedelta(days=20)
    hold = await holds.place_hold(db, UNCAPPED, holds.HoldRequest(
        seeded.cabin(2).id, check_in, check_in + timedelta(days=2), 2, "Ana",
        guest_phone=who.phone), now=NOW)
    async with db.transaction() as session:
        from posada.db.models_messaging import ContactReservation
        session.add(ContactReservation(contact_id=who.id, reservation_id=hold.id))
    early = await reminders.queue_reminders(db, timedelta(minutes=10), NOW)
    due = NOW + timedelta(minutes=21)
    first = await reminders.queue_reminders(db, timedelta(minutes=10), due)
    second = await reminders.queue_reminders(db, timedelta(minutes=10), due)
    assert (early, first, second) == (0, 1, 0)


async def test_a_failing_delivery_is_retried_then_kept_dead(db: Database) -> None:
    event_id = await inbox.store(db, "whatsapp", "{}", now=NOW)
    calls: list[str] = []

    async def broken(body: str) -> int:
        calls.append(body)
        raise RuntimeError("boom")

    for minute in range(6):
        await inbox.process_due(db, {"whatsapp": broken}, max_attempts=3,
                                now=NOW + timedelta(minutes=minute), retry_base_seconds=0.01)
    async with db.session() as session:
        event = await session.get(InboundEvent, event_id)
    assert event is not None and (event.status, event.attempts) == ("dead", 3)
    assert len(calls) == 3 and "boom" in (event.last_error or "")
    await inbox.retry_event(db, event_id, now=NOW)

    async def fine(body: str) -> int:
        return 0

    assert await inbox.process_due(db, {"whatsapp": fine}, 3, now=NOW) == 1
