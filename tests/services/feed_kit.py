"""A scripted ``FeedReader`` (the port the sync service uses) and helpers to read the
calendar back, for the feed sync tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import select

from posada.db.engine import Database
from posada.db.models import Reservation
from posada.db.models_feeds import Feed, FeedBlock, FeedEvent
from posada.services.ports import FeedFailure, FeedRead, ImportedEvent

#: ``tests.conftest.NOW`` is 1 Nov 2026 in Buenos Aires.
TODAY = date(2026, 11, 1)


def day(n: int) -> date:
    return TODAY + timedelta(days=n)


def stay(uid: str | None, start: int, end: int, kind: str = "reservation",
         summary: str = "Reserved") -> ImportedEvent:
    return ImportedEvent(uid, None, kind, summary, None, None, day(start), day(end))


class Script:
    """Answers each ``read`` with the next scripted result (a list of events, a
    ``FeedFailure`` or ``"304"``); records what it was asked."""

    def __init__(self, *answers: Sequence[ImportedEvent] | FeedFailure | FeedRead | str
                 ) -> None:
        self.answers = list(answers)
        self.asked: list[dict[str, object]] = []

    def then(self, *answers: Sequence[ImportedEvent] | FeedFailure | FeedRead | str
             ) -> Script:
        self.answers.extend(answers)
        return self

    async def read(self, url: str, *, etag: str | None, last_modified: str | None,
                   today: date, timezone: str, channel: str) -> FeedRead:
        self.asked.append({"url": url, "etag": etag, "today": today, "channel": channel})
        answer = self.answers.pop(0)
        if isinstance(answer, FeedFailure):
            raise answer
        if isinstance(answer, FeedRead):
            return answer
        if answer == "304":
            return FeedRead("not_modified", etag=etag)
        assert not isinstance(answer, str)
        return FeedRead("fetched", tuple(answer), seen=len(answer), etag=f'"v{len(self.asked)}"')


async def blocked(db: Database, accommodation_id: int) -> set[date]:
    """Every night (from TODAY on) an active feed block holds."""
    async with db.session() as session:
        rows = (await session.scalars(select(Reservation).join(
            FeedBlock, FeedBlock.reservation_id == Reservation.id).where(
            Reservation.accommodation_id == accommodation_id,
            Reservation.status == "blocked"))).all()
    out: set[date] = set()
    for row in rows:
        out |= {row.check_in + timedelta(days=n) for n in range((row.check_out - row.check_in).days)
                if row.check_in + timedelta(days=n) >= TODAY}
    return out


def nights(start: int, end: int) -> set[date]:
    return {day(n) for n in range(start, end)}


async def feed_row(db: Database, feed_id: int) -> Feed:
    async with db.session() as session:
        feed = await session.get(Feed, feed_id)
    assert feed is not None
    return feed


async def events(db: Database, feed_id: int) -> list[FeedEvent]:
    async with db.session() as session:
        return list((await session.scalars(select(FeedEvent).where(
            FeedEvent.feed_id == feed_id).order_by(FeedEvent.id))).all())
