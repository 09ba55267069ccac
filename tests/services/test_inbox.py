"""The inbound queue's "not now" on both engines: an event a handler puts off comes back
after the delay it asked for without using an attempt, quietly, holding its sender's later
events back; after ``DEFER_LIMIT`` a put-off counts as a failed attempt like any other."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from posada.db.engine import Database
from posada.db.models_messaging import InboundEvent
from posada.services import inbox
from tests.conftest import NOW


async def event(db: Database, event_id: int) -> InboundEvent:
    async with db.session() as session:
        found = await session.get(InboundEvent, event_id)
    assert found is not None
    return found


class PutOff:
    """A handler that says "not now" (for ``seconds``) the first ``times`` calls, then
    processes the body; records what the inbox told it on each call."""

    def __init__(self, times: int, seconds: float = 10.0) -> None:
        self.times, self.seconds = times, seconds
        self.seen: list[tuple[str, bool, bool]] = []  # body, may defer, last attempt

    async def __call__(self, body: str) -> int:
        self.seen.append((body, inbox.MAY_DEFER.get(), inbox.LAST_ATTEMPT.get()))
        if len(self.seen) <= self.times:
            raise inbox.NotNow(self.seconds, "busy: 8 voice notes are waiting already")
        return 1


async def test_an_event_put_off_comes_back_later_without_using_an_attempt(
        db: Database, caplog: pytest.LogCaptureFixture) -> None:
    event_id = await inbox.store(db, "whatsapp", "note", now=NOW)
    handler = PutOff(times=10)
    at = NOW
    caplog.set_level(logging.DEBUG, logger="posada.inbox")
    for _ in range(10):  # far more than max_attempts
        assert await inbox.process_due(db, {"whatsapp": handler}, 3, now=at) == 0
        put_off = await event(db, event_id)
        assert (put_off.status, put_off.attempts, put_off.locked_until) == ("pending", 0, None)
        assert at + timedelta(seconds=10) <= put_off.next_attempt_at \
            <= at + timedelta(seconds=15)  # the delay asked for, spread by up to a half
        calls = len(handler.seen)
        await inbox.process_due(db, {"whatsapp": handler}, 3, now=at + timedelta(seconds=9))
        assert len(handler.seen) == calls  # not due before its time
        at = put_off.next_attempt_at
    assert await inbox.process_due(db, {"whatsapp": handler}, 3, now=at) == 1
    done = await event(db, event_id)
    assert (done.status, done.attempts, done.last_error) == ("done", 1, None)
    assert handler.seen == [("note", True, False)] * 11  # never its last attempt
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_putting_off_ends_an_hour_after_the_event_came(db: Database) -> None:
    event_id = await inbox.store(db, "whatsapp", "note", now=NOW)
    handler = PutOff(times=100)
    late = NOW + inbox.DEFER_LIMIT
    for minute in range(4):
        await inbox.process_due(db, {"whatsapp": handler}, 3,
                                now=late + timedelta(minutes=20 * minute),
                                retry_base_seconds=0.01)
    dead = await event(db, event_id)
    assert (dead.status, dead.attempts) == ("dead", 3)  # then a failed attempt as any other
    assert "NotNow" in (dead.last_error or "")
    assert handler.seen == [("note", False, False), ("note", False, False),
                            ("note", False, True)]


async def test_a_put_off_event_holds_back_its_senders_later_ones(db: Database) -> None:
    first = await inbox.store(db, "whatsapp", "first", now=NOW, order_key="phone:+549")
    second = await inbox.store(db, "whatsapp", "second", now=NOW, order_key="phone:+549")
    other = await inbox.store(db, "whatsapp", "other", now=NOW, order_key="phone:+548")
    handler = PutOff(times=1)
    assert await inbox.process_due(db, {"whatsapp": handler}, 3, now=NOW) == 1  # the other
    assert [(await event(db, i)).status for i in (first, second, other)] == [
        "pending", "pending", "done"]
    later = NOW + timedelta(seconds=20)
    assert await inbox.process_due(db, {"whatsapp": handler}, 3, now=later) == 2
    assert [body for body, *_ in handler.seen] == ["first", "other", "first", "second"]
