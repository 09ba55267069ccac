"""Hypothesis: after any sequence of fetches (good, failed, empty), the nights a feed holds
are exactly those of its latest good fetch, the empty-feed rule aside."""

from __future__ import annotations

import asyncio
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posada.db.engine import Database
from posada.services import feed_sync, feeds
from posada.services.outbox import OutboxPolicy
from posada.services.ports import FeedFailure, ImportedEvent
from tests.conftest import NOW, seed
from tests.services.feed_kit import Script, blocked, day

Fetch = list[ImportedEvent] | FeedFailure

events = st.lists(st.builds(
    lambda uid, start, length, kind: ImportedEvent(
        uid, None, kind, None, None, None, day(start), day(start + length)),
    st.one_of(st.none(), st.sampled_from(["a", "b", "c", "d"])),
    st.integers(0, 40), st.integers(1, 6), st.sampled_from(["reservation", "block"])),
    max_size=5)
fetches = st.lists(st.one_of(events, st.just(FeedFailure("http_status", "HTTP 500"))),
                   min_size=1, max_size=8)


def expected(sequence: list[Fetch]) -> set[date]:
    """The reference: the latest good fetch's nights; an empty fetch counts only when the
    one before it (ignoring failures) was empty too (fetches here are 11 minutes apart)."""
    held: set[date] = set()
    empty_seen = False
    for fetch in sequence:
        if isinstance(fetch, FeedFailure):
            continue
        nights = {e.check_in + timedelta(days=n) for e in fetch
                  for n in range((e.check_out - e.check_in).days)}
        if fetch or not held:
            held, empty_seen = nights, False
        elif empty_seen:
            held, empty_seen = set(), False
        else:
            empty_seen = True
    return held


async def scenario(url: str, sequence: list[Fetch]) -> set[date]:
    db = Database(url)
    try:
        seeded = await seed(db)
        cabin = seeded.cabin(2)
        feed = await feeds.add_feed(db, cabin.id, "https://example.com/a.ics", "airbnb", now=NOW)
        reader = Script(*sequence)
        for n in range(len(sequence)):
            await feed_sync.sync_feed(db, reader, feed.id, OutboxPolicy(),
                                      now=NOW + timedelta(minutes=11 * n))
        return await blocked(db, cabin.id)
    finally:
        await db.dispose()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=fetches)
def test_a_feed_holds_the_nights_of_its_latest_good_fetch(
    sequence: list[Fetch], sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    target = tmp_path_factory.mktemp("feeds") / "posada.db"
    shutil.copy(sqlite_template, target)
    assert asyncio.run(scenario(f"sqlite+aiosqlite:///{target}", sequence)) == expected(
        sequence)
