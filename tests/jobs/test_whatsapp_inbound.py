"""Processing stored WhatsApp deliveries on both engines: a bad item never costs its
neighbours, a body that is no delivery is dead at once, one guest's deliveries are taken in
order, and a guest who changes user id or number stays one contact."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from sqlalchemy import select

from posada.db.engine import Database
from posada.db.models_messaging import Contact, InboundEvent, InboundMessage, OutboxMessage
from posada.jobs import whatsapp_inbound
from posada.jobs.whatsapp_inbound import whatsapp_handler, whatsapp_senders
from posada.services import inbox
from posada.services.conversations import Messaging
from posada.services.outbox import OutboxPolicy
from posada.services.ports import Address
from tests.conftest import NOW, UNCAPPED, Seeded
from tests.e2e.whatsapp_kit import delivery, message, text_message, value

POLICY = OutboxPolicy(max_attempts=3, retry_base_seconds=0.01,
                      owner=Address(phone="5492944999999"))


def messaging(db: Database) -> Messaging:
    return Messaging(db=db, policy=UNCAPPED, outbox=POLICY, code_key=b"k" * 32,
                     clock=lambda: NOW)


async def process(db: Database, *bodies: bytes, attempts: int = 8) -> list[InboundEvent]:
    ids = [await inbox.store(db, "whatsapp", b.decode(), now=NOW) for b in bodies]
    await inbox.process_due(db, {"whatsapp": whatsapp_handler(messaging(db))}, attempts,
                            now=NOW, keys={"whatsapp": whatsapp_senders})
    async with db.session() as session:
        return [e for i in ids if (e := await session.get(InboundEvent, i)) is not None]


async def recorded(db: Database) -> dict[str, str | None]:
    async with db.session() as session:
        rows = (await session.scalars(select(InboundMessage))).all()
    return {r.wamid: r.text for r in rows}


async def replies_to(db: Database, wa_id: str) -> int:
    async with db.session() as session:
        rows = (await session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "reply"))).all()
    return sum(r.payload["to"]["phone"] == wa_id for r in rows)


async def test_unstorable_values_are_cleaned_or_skipped_and_the_rest_is_answered(
    db: Database, seeded: Seeded
) -> None:
    surrogate = text_message("hola", wa_id="5492944111111", message_id="wamid.SUR",
                             name="Lu\ud83dcía")
    nul = text_message("ho\u0000la", wa_id="5492944222222", message_id="wamid.NUL")
    long_from = text_message("hola", wa_id="5" * 500, message_id="wamid.LONGFROM")
    long_id = text_message("hola", wa_id="5492944333333", message_id="wamid." + "x" * 5000)
    fine = text_message("hola", wa_id="5492944444444", message_id="wamid.FINE")
    body = json.dumps(json.loads(delivery(surrogate, nul, long_from, long_id, fine)))
    [event] = await process(db, body.encode())
    assert (event.status, event.attempts) == ("done", 1), event.last_error
    stored = await recorded(db)
    assert stored == {"wamid.SUR": "hola", "wamid.NUL": "hola", "wamid.FINE": "hola"}
    async with db.session() as session:
        names = {c.wa_id: c.profile_name for c in (await session.scalars(select(Contact)))}
    assert names["5492944111111"] == "Lu\ufffdcía"
    assert await replies_to(db, "5492944444444") == 1


def fail_on(monkeypatch: pytest.MonkeyPatch, wamid: str) -> None:
    """Make the conversation fail on the message ``wamid`` (a database hiccup) every time."""
    real = whatsapp_inbound.receive

    async def flaky(m: Messaging, msg: Any, silent: bool = False) -> str:
        if msg.message_id == wamid:
            raise RuntimeError("database hiccup")
        return await real(m, msg, silent=silent)

    monkeypatch.setattr(whatsapp_inbound, "receive", flaky)


async def test_a_failing_item_does_not_hold_back_the_others(
    db: Database, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_on(monkeypatch, "wamid.BAD")
    body = delivery(text_message("hola", wa_id="5492944111111", message_id="wamid.BAD"),
                    text_message("hola", wa_id="5492944222222", message_id="wamid.GOOD"))
    [event] = await process(db, body)
    assert event.status == "pending" and "1 of 2 items failed" in (event.last_error or "")
    assert "wamid.GOOD" in await recorded(db)  # answered without waiting for the retry
    assert await replies_to(db, "5492944222222") == 1


@pytest.mark.parametrize("body", [b'{"object": "x", "entry": {}}', b"[1, 2]",
                                  b"[" * 100_000 + b"]" * 100_000])
async def test_a_body_that_is_no_delivery_is_dead_at_once(
    db: Database, seeded: Seeded, body: bytes
) -> None:
    [event] = await process(db, body, attempts=8)
    assert (event.status, event.attempts) == ("dead", 1)
    assert "invalid_" in (event.last_error or "")


async def test_one_guests_deliveries_are_processed_in_order(db: Database) -> None:
    done: list[str] = []

    async def handler(body: str) -> int:
        if body.endswith("first"):
            await asyncio.sleep(0.05)  # the first delivery is the slow one
        done.append(body)
        return 1

    def keys(body: str) -> list[str]:
        return [body.split(":")[0]]

    for body in ("ana:first", "ana:second", "beto:first", "beto:second", "carla:other"):
        await inbox.store(db, "test", body, now=NOW)
    assert await inbox.process_due(db, {"test": handler}, 3, now=NOW,
                                   keys={"test": keys}) == 5
    assert done.index("ana:first") < done.index("ana:second")
    assert done.index("beto:first") < done.index("beto:second")
    assert done.index("carla:other") < done.index("ana:first")  # others do not wait


def test_the_order_keys_of_a_delivery_are_its_senders() -> None:
    body = delivery(text_message("hola", wa_id="5492944111111"),
                    text_message("hola", wa_id=None, user_id="AR.1349"),
                    value(statuses=[{"id": "wamid.X", "status": "read"}]))
    assert whatsapp_senders(body.decode()) == {"phone:+5492944111111", "user:AR.1349"}
    with pytest.raises(inbox.Unprocessable):  # process_due then orders it by nothing
        whatsapp_senders("not json")


async def contacts(db: Database) -> list[tuple[str | None, str | None]]:
    async with db.session() as session:
        return [(c.wa_id, c.user_id) for c in (await session.scalars(
            select(Contact).order_by(Contact.id)))]


async def test_a_new_user_id_moves_the_contact(db: Database, seeded: Seeded) -> None:
    await process(db, delivery(text_message("hola", wa_id=None, user_id="AR.OLD")))
    notice = message({"type": "system", "system": {
        "body": "User changed", "type": "user_changed_user_id", "user_id": "AR.NEW",
        "previous_user_id": "AR.OLD"}}, wa_id=None, user_id="AR.OLD")
    await process(db, delivery(notice))
    await process(db, delivery(text_message("¿sigue en pie?", wa_id=None, user_id="AR.NEW")))
    assert await contacts(db) == [(None, "AR.NEW")]


async def test_a_new_number_moves_the_contact(db: Database, seeded: Seeded) -> None:
    await process(db, delivery(text_message("hola", wa_id="5492944111111")))
    notice = message({"type": "system", "system": {
        "body": "User A changed from +54 9 2944 11-1111 to +54 9 2944 22-2222",
        "type": "user_changed_number", "wa_id": "5492944222222"}}, wa_id="5492944111111")
    await process(db, delivery(notice))
    await process(db, delivery(text_message("hola de nuevo", wa_id="5492944222222")))
    assert await contacts(db) == [("5492944222222", None)]
