"""Feed sync on both engines: what a fetch blocks, moves and releases; failures and empty
feeds that keep the calendar; conflicts; holds that lose to a channel's booking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from posada.db.engine import Database
from posada.db.models import Reservation
from posada.db.models_messaging import OutboxMessage
from posada.domain.errors import InvalidFeedUrl
from posada.services import blocks, feed_sync, feeds, holds
from posada.services.outbox import OutboxPolicy
from posada.services.ports import Address, FeedFailure, FeedRead
from tests.conftest import NOW, UNCAPPED, Seeded
from tests.services.feed_kit import Script, blocked, day, events, feed_row, nights, stay

POLICY = OutboxPolicy(owner=Address(phone="5492944999999"))
URL = "https://www.airbnb.com/calendar/ical/123.ics?s=secret"


async def sync(db: Database, feed_id: int, reader: Script, minutes: float = 0
               ) -> feed_sync.SyncResult:
    return await feed_sync.sync_feed(db, reader, feed_id, POLICY,
                                     now=NOW + timedelta(minutes=minutes))


async def owner_messages(db: Database) -> list[str]:
    async with db.session() as session:
        rows = (await session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "owner").order_by(OutboxMessage.id))).all()
    return [r.payload["message"]["body"] for r in rows]


async def test_a_fetch_blocks_its_nights_and_a_change_moves_them(
    db: Database, seeded: Seeded
) -> None:
    cabin = seeded.cabin(2)
    feed = await feeds.add_feed(db, cabin.slug, URL, "airbnb", now=NOW)
    reader = Script([stay("a", 10, 13), stay("b", 20, 22, "block", "Not available")],
                    [stay("a", 11, 15), stay("b", 20, 22, "block", "Not available")])
    first = await sync(db, feed.id, reader)
    assert (first.result, first.events, first.nights_blocked) == ("fetched", 2, 5)
    assert await blocked(db, cabin.id) == nights(10, 13) | nights(20, 22)
    moved = await sync(db, feed.id, reader, minutes=5)
    assert await blocked(db, cabin.id) == nights(11, 15) | nights(20, 22)
    assert (moved.nights_released, moved.nights_blocked) == (3, 4)
    async with db.session() as session:
        rows = (await session.scalars(select(Reservation).where(
            Reservation.status == "blocked"))).all()
    assert {(r.channel, r.kind) for r in rows} == {("airbnb", "block")}
    assert (await feed_row(db, feed.id)).etag == '"v2"'


async def test_a_cancelled_stay_frees_its_nights_and_the_owner_is_told(
    db: Database, seeded: Seeded
) -> None:
    cabin = seeded.cabin(2)
    feed = await feeds.add_feed(db, cabin.slug, URL, "airbnb", now=NOW)
    reader = Script([stay("a", 71, 74), stay("b", 80, 82)], [stay("b", 80, 82)])
    await sync(db, feed.id, reader)
    await sync(db, feed.id, reader, minutes=5)
    assert await blocked(db, cabin.id) == nights(80, 82)
    assert await owner_messages(db) == [
        "Airbnb canceló 11–14 ene en Cabin 2: esas noches quedaron libres."]
    assert [e.status for e in await events(db, feed.id)] == ["gone", "active"]


async def test_failures_and_a_first_empty_feed_release_nothing(
    db: Database, seeded: Seeded
) -> None:
    cabin = seeded.cabin(2)
    feed = await feeds.add_feed(db, cabin.slug, URL, "airbnb", now=NOW)
    reader = Script([stay("a", 10, 13)], FeedFailure("http_status", "HTTP 503", backoff=True),
                    FeedFailure("not_calendar", "HTML page"), [], [], "304", [])
    await sync(db, feed.id, reader)
    failed = await sync(db, feed.id, reader, minutes=5)
    assert failed.result == "error" and failed.error == "http_status: HTTP 503"
    assert (await feed_row(db, feed.id)).next_sync_at == NOW + timedelta(minutes=10)
    await sync(db, feed.id, reader, minutes=10)
    assert await blocked(db, cabin.id) == nights(10, 13)
    assert (await sync(db, feed.id, reader, minutes=15)).kept_empty  # first empty
    assert (await sync(db, feed.id, reader, minutes=20)).kept_empty  # only 5 minutes later
    assert await blocked(db, cabin.id) == nights(10, 13)
    await sync(db, feed.id, reader, minutes=24)  # 304: nothing new
    released = await sync(db, feed.id, reader, minutes=25)  # empty again, 10 minutes on
    assert not released.kept_empty and await blocked(db, cabin.id) == set()


async def test_a_non_empty_fetch_between_resets_the_empty_count(
    db: Database, seeded: Seeded
) -> None:
    cabin = seeded.cabin(2)
    feed = await feeds.add_feed(db, cabin.slug, URL, "airbnb", now=NOW)
    reader = Script([stay("a", 10, 13)], [], [stay("a", 10, 13)], [])
    for minute in (0, 5, 10, 20):
        await sync(db, feed.id, reader, minutes=minute)
    assert await blocked(db, cabin.id) == nights(10, 13)


async def test_rolling_windows_and_changing_uids_never_pile_up(
    db: Database, seeded: Seeded
) -> None:
    cabin = seeded.cabin(2)
    feed = await feeds.add_feed(db, cabin.slug, URL, "airbnb", now=NOW)
    reader = Script()
    for n in range(4):  # a window that moves by a day, and a stay whose UID changes
        reader.then([stay(f"window-{n}", 300 + n, 400 + n, "block", "Not available"),
                     stay(f"uid-{n}", 20, 23)])
    for n in range(4):
        await sync(db, feed.id, reader, minutes=5 * n)
    assert await blocked(db, cabin.id) == nights(303, 403) | nights(20, 23)
    active = [e for e in await events(db, feed.id) if e.status == "active"]
    assert sorted(e.uid or "" for e in active) == ["uid-3", "window-3"]
    assert await owner_messages(db) == []  # blocks moving are not cancellations


async def test_a_channel_booking_beats_a_hold_but_not_a_confirmed_stay(
    db: Database, seeded: Seeded
) -> None:
    cabin = seeded.cabin(2)
    hold = await holds.place_hold(db, UNCAPPED, holds.HoldRequest(
        cabin.id, day(10), day(12), 2, "Ana"), now=NOW)
    paid = await holds.place_hold(db, UNCAPPED, holds.HoldRequest(
        cabin.id, day(20), day(22), 2, "Beto"), now=NOW)
    await holds.confirm_reservation(db, paid.code, now=NOW)
    feed = await feeds.add_feed(db, cabin.slug, URL, "airbnb", now=NOW)
    reader = Script([stay("a", 9, 12), stay("b", 21, 24)], [stay("a", 9, 12), stay("b", 21, 24)])
    result = await sync(db, feed.id, reader, minutes=1)
    assert result.holds_cancelled == (hold.code,) and result.conflicts == 1
    assert await blocked(db, cabin.id) == nights(9, 12) | nights(22, 24)
    [conflict] = await feeds.list_conflicts(db)
    assert (conflict[0].check_in, conflict[0].check_out, conflict[3].code) == (
        day(21), day(22), paid.code)
    told = await owner_messages(db)
    assert any(hold.code in m and "cancelé la pre-reserva" in m for m in told)
    assert any(m.startswith("⚠️ Conflicto en Cabin 2: Airbnb trae una reserva") and paid.code in m
               for m in told)
    again = await sync(db, feed.id, reader, minutes=6)
    assert again.conflicts == 0 and len(await owner_messages(db)) == len(told)  # told once
    await holds.cancel_reservation(db, paid.code, now=NOW + timedelta(minutes=7))
    reader.then([stay("a", 9, 12), stay("b", 21, 24)])
    await sync(db, feed.id, reader, minutes=11)
    assert await blocked(db, cabin.id) == nights(9, 12) | nights(21, 24)
    assert await feeds.list_conflicts(db) == []


async def test_two_feeds_and_an_owner_block_keep_both_sides(
    db: Database, seeded: Seeded
) -> None:
    cabin = seeded.cabin(4)
    await blocks.create_block(db, cabin.id, day(5), day(7), now=NOW)
    airbnb = await feeds.add_feed(db, cabin.slug, URL, "airbnb", now=NOW)
    booking = await feeds.add_feed(db, cabin.slug, "https://admin.booking.com/x.ics?t=1",
                                   "booking", now=NOW)
    await sync(db, airbnb.id, Script([stay("a", 6, 10)]))
    result = await sync(db, booking.id, Script([stay("b", 8, 12), stay("c", 14, 16, "block")]))
    assert result.conflicts == 1
    assert await blocked(db, cabin.id) == nights(7, 12) | nights(14, 16)
    holders = sorted((c.check_in, c.check_out) for c, *_ in await feeds.list_conflicts(db))
    assert holders == [(day(6), day(7)), (day(8), day(10))]


async def test_a_channels_block_over_our_own_nights_is_an_echo_not_a_conflict(
    db: Database, seeded: Seeded
) -> None:
    cabin = seeded.cabin(2)
    hold = await holds.place_hold(db, UNCAPPED, holds.HoldRequest(
        cabin.id, day(10), day(12), 2, "Ana", guest_phone="+5492944123456"), now=NOW)
    await blocks.create_block(db, cabin.id, day(20), day(22), now=NOW)
    feed = await feeds.add_feed(db, cabin.slug, URL, "airbnb", now=NOW)
    echo = [stay("n1", 10, 12, "block", "Airbnb (Not available)"),
            stay("n2", 20, 23, "block", "Airbnb (Not available)")]
    result = await sync(db, feed.id, Script(echo), minutes=1)
    assert (result.holds_cancelled, result.conflicts) == ((), 0)
    assert await blocked(db, cabin.id) == nights(22, 23)
    assert (await holds.get_reservation(db, hold.code)).status == "pre_reserved"
    assert await owner_messages(db) == [] and await feeds.list_conflicts(db) == []
    # once the hold has lapsed, the channel's block closes those nights itself
    await sync(db, feed.id, Script(echo), minutes=40)
    assert await blocked(db, cabin.id) == nights(10, 12) | nights(22, 23)


async def test_an_ignored_event_blocks_nothing_and_stays_listed(
    db: Database, seeded: Seeded
) -> None:
    cabin = seeded.cabin(2)
    feed = await feeds.add_feed(db, cabin.slug, URL, "airbnb", now=NOW)
    reader = Script([stay("a", 10, 13), stay("b", 15, 16)], [stay("a", 10, 13), stay("b", 15, 16)])
    await sync(db, feed.id, reader)
    [first, _] = await events(db, feed.id)
    await feeds.set_ignored(db, feed.id, first.id, True)
    await sync(db, feed.id, reader, minutes=1)
    assert await blocked(db, cabin.id) == nights(15, 16)
    assert [e.ignored for e in await feeds.list_events(db, feed.id)] == [True, False]


async def test_deleting_a_feed_frees_its_nights(db: Database, seeded: Seeded) -> None:
    cabin = seeded.cabin(2)
    feed = await feeds.add_feed(db, cabin.slug, URL, "airbnb", now=NOW)
    await sync(db, feed.id, Script([stay("a", 10, 13)]))
    assert await feeds.delete_feed(db, feed.id, now=NOW) == 1
    assert await blocked(db, cabin.id) == set() and await feeds.list_feeds(db) == []


async def test_health_is_stale_when_a_feed_has_not_succeeded_for_20_minutes(
    db: Database, seeded: Seeded
) -> None:
    assert await feeds.sync_health(db, NOW) == "disabled"
    feed = await feeds.add_feed(db, seeded.cabin(2).slug, URL, "airbnb", now=NOW)
    assert await feeds.sync_health(db, NOW + timedelta(minutes=5)) == "ok"  # just added
    assert await feeds.sync_health(db, NOW + timedelta(minutes=21)) == "stale"
    await sync(db, feed.id, Script([stay("a", 10, 12)]), minutes=21)
    assert await feeds.sync_health(db, NOW + timedelta(minutes=30)) == "ok"
    await sync(db, feed.id, Script(FeedFailure("timeout", "read")), minutes=35)
    assert await feeds.sync_health(db, NOW + timedelta(minutes=42)) == "stale"


async def test_nights_freed_elsewhere_are_taken_even_when_the_feed_answers_304(
    db: Database, seeded: Seeded
) -> None:
    cabin = seeded.cabin(2)
    paid = await holds.place_hold(db, UNCAPPED, holds.HoldRequest(
        cabin.id, day(10), day(13), 2, "Beto"), now=NOW)
    await holds.confirm_reservation(db, paid.code, now=NOW)
    feed = await feeds.add_feed(db, cabin.slug, URL, "airbnb", now=NOW)
    reader = Script([stay("a", 10, 13)], "304", "304")
    assert (await sync(db, feed.id, reader)).conflicts == 1
    await holds.cancel_reservation(db, paid.code, now=NOW + timedelta(minutes=1))
    again = await sync(db, feed.id, reader, minutes=5)
    assert (again.result, again.nights_blocked) == ("not_modified", 3)
    assert await blocked(db, cabin.id) == nights(10, 13) and await feeds.list_conflicts(db) == []
    assert not (await feed_row(db, feed.id)).unfilled
    assert (await sync(db, feed.id, reader, minutes=10)).nights_blocked == 0


async def test_an_event_that_turns_unreadable_keeps_what_it_said(
    db: Database, seeded: Seeded
) -> None:
    cabin = seeded.cabin(2)
    feed = await feeds.add_feed(db, cabin.slug, URL, "airbnb", now=NOW)
    broken = FeedRead("fetched", (stay("b", 20, 22),), seen=2, problems=("a: bad DTSTART",),
                      unreadable=("a",))
    lone = FeedRead("fetched", (), seen=2, problems=("?: bad", "?: bad"),
                    unreadable=(None, None))
    reader = Script([stay("a", 10, 13), stay("b", 20, 22)], broken, lone, lone)
    for minute in (0, 5, 20, 40):
        result = await sync(db, feed.id, reader, minutes=minute)
        assert result.nights_released == 0 and not result.kept_empty
    assert await blocked(db, cabin.id) == nights(10, 13) | nights(20, 22)
    assert await owner_messages(db) == []


async def test_a_uid_sent_twice_is_two_stays_and_no_churn(db: Database, seeded: Seeded) -> None:
    cabin = seeded.cabin(2)
    feed = await feeds.add_feed(db, cabin.slug, URL, "vrbo", now=NOW)
    twice = [stay("same", 10, 12), stay("same", 20, 22)]
    reader = Script(twice, twice, twice)
    results = [await sync(db, feed.id, reader, minutes=m) for m in (0, 5, 10)]
    assert [(r.nights_blocked, r.nights_released) for r in results] == [(4, 0), (0, 0), (0, 0)]
    assert [e.status for e in await events(db, feed.id)] == ["active", "active"]
    assert await owner_messages(db) == []


async def test_feed_urls_are_checked(db: Database, seeded: Seeded) -> None:
    cabin = seeded.cabin(2)
    feed = await feeds.add_feed(db, cabin.slug, "webcal://p01.example.com/cal.ics", "other")
    assert feed.url == "https://p01.example.com/cal.ics"
    for bad in ("ftp://example.com/a.ics", "https://user:pw@example.com/a.ics",
                "https:///nohost.ics", "https://example.com/" + "a" * 2000):
        with pytest.raises(InvalidFeedUrl):
            await feeds.add_feed(db, cabin.slug, bad, "other")
