"""Benchmark: one sync cycle of many channel feeds, a cycle of 304s, and our export.

A ``FeedServer`` (the local stand-in for Airbnb & co.) runs in a child process and serves
``--feeds`` calendars of ``--events`` two-night stays each (fixed UIDs, ETags). This process
migrates a fresh database (SQLite in a temporary file, or ``--engine postgresql``: database
``posada_bench_ical`` on 127.0.0.1:5432, created and dropped here), adds one accommodation and
one feed per calendar, then runs the ``sync_feeds`` job body (``feed_sync.sync_due``, the same
code ``posada serve`` schedules, with ``--concurrency`` feeds at once) three times:

1. every feed due and new: fetched, parsed, every night blocked;
2. every feed due again, nothing changed: every fetch answers 304 Not Modified;
and it times our own export (``GET /ical/{slug}.ics`` body, ``export_feed``) of an
accommodation holding 1,000 stays: the first build, then the median of 20 more requests
with nothing changed (served from the per-process copy of the last build).

It prints wall seconds of each cycle, feeds and nights done, the peak resident memory of the
runner (this process plus its ``--parse-workers`` feed-reading processes; not the server),
and the issue's goals (full cycle < 30 s
with < 300 MB; 304 cycle < 5 s; export < 20 ms). It reports, it does not judge: exit code 0
whether or not the goals are met.

Run: ``.venv/bin/python bench/ical.py`` (``make bench-ical``) or e.g. ``--feeds 100``.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import resource
import statistics
import subprocess
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select, update

from posada.adapters.ical.fake import FeedServer
from posada.db import migrate
from posada.db.engine import Database
from posada.db.models import Reservation
from posada.db.models_feeds import Feed
from posada.jobs.ical_reader import ChannelFeeds
from posada.services import admin, feed_sync, feeds, ical_export
from posada.services.outbox import OutboxPolicy

HOST = "127.0.0.1"
PG_DB = "posada_bench_ical"
PG_URL = f"postgresql+asyncpg://postgres@{HOST}:5432/{PG_DB}"
PSQL = ["psql", "-h", HOST, "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qAt"]
FULL_GOAL_S, MEMORY_GOAL_MB, NOT_MODIFIED_GOAL_S, EXPORT_GOAL_MS = 30.0, 300.0, 5.0, 20.0


def calendar(feed: int, events: int, today: date) -> bytes:
    """An Airbnb-style feed: ``events`` two-night stays, one every three days."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Airbnb Inc//Hosting Calendar//EN"]
    for n in range(events):
        start = today + timedelta(days=1 + 3 * n)
        lines += ["BEGIN:VEVENT", f"DTSTAMP:{today:%Y%m%d}T000000Z",
                  f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{start + timedelta(days=2):%Y%m%d}",
                  f"UID:bench-{feed}-{n}@airbnb.com", "SUMMARY:Reserved",
                  "DESCRIPTION:Reservation URL: https://www.airbnb.com/hosting/reservations/"
                  f"details/HM{feed:04d}{n:04d}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def serve(feeds_count: int, events: int, today: date, conn: object) -> None:
    """Child process: serve the calendars until the parent closes the pipe."""
    with FeedServer() as server:
        for feed in range(feeds_count):
            server.set(f"/feed/{feed}.ics", calendar(feed, events, today))
        conn.send(server.url("/feed/"))  # type: ignore[attr-defined]
        conn.recv()  # type: ignore[attr-defined]


def peak_mb(reader: ChannelFeeds | None = None) -> float:
    """Peak resident memory of this process plus its feed-reading workers (``VmHWM``)."""
    total = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pool = getattr(reader, "_pool", None)
    for pid in (getattr(pool, "_processes", None) or {}):
        with open(f"/proc/{pid}/status") as status:
            total += next(int(line.split()[1]) for line in status
                          if line.startswith("VmHWM")) / 1024
    return total


async def setup(db: Database, base: str, count: int) -> list[int]:
    prop = await admin.get_or_create_property(db, name="Bench", slug="bench",
                                              timezone="America/Argentina/Buenos_Aires")
    ids = []
    for n in range(count):
        place = await admin.create_accommodation(db, property_id=prop.id, fields={
            "slug": f"cabin-{n}", "name": f"Cabin {n}", "capacity": 4,
            "base_price": Decimal("50000")})
        await feeds.add_feed(db, place.id, f"{base}{n}.ics", "airbnb")
        ids.append(place.id)
    return ids


async def cycle(db: Database, reader: ChannelFeeds, concurrency: int) -> tuple[float, int]:
    async with db.connection() as conn:
        await conn.execute(update(Feed).values(next_sync_at=datetime.now(UTC)))
    started = time.perf_counter()
    done = await feed_sync.sync_due(db, reader, OutboxPolicy(),
                                    feed_sync.FeedSettings(concurrency=concurrency))
    return time.perf_counter() - started, done


async def export_ms(db: Database, today: date) -> tuple[float, float]:
    prop = await admin.get_or_create_property(db, name="Bench", slug="bench",
                                              timezone="America/Argentina/Buenos_Aires")
    place = await admin.create_accommodation(db, property_id=prop.id, fields={
        "slug": "busy", "name": "Busy", "capacity": 4, "base_price": Decimal("50000")})
    now = datetime.now(UTC)
    async with db.connection() as conn:
        await conn.execute(insert(Reservation), [
            {"property_id": prop.id, "accommodation_id": place.id, "kind": "booking",
             "code": f"B{n:09d}", "status": "confirmed", "channel": "web",
             "check_in": today + timedelta(days=2 * n),
             "check_out": today + timedelta(days=2 * n + 1), "guests": 2,
             "created_at": now, "updated_at": now} for n in range(1000)])
    runs = []
    for _ in range(21):
        started = time.perf_counter()
        body = await ical_export.export_feed(db, place.slug, place.ical_token)
        runs.append((time.perf_counter() - started) * 1000)
    assert body.count(b"BEGIN:VEVENT") == 1000
    return runs[0], statistics.median(runs[1:])


async def measure(url: str, base: str, args: argparse.Namespace, today: date) -> None:
    db = Database(url)
    reader = ChannelFeeds(parse_workers=args.parse_workers)
    try:
        await setup(db, base, args.feeds)
        full, done = await cycle(db, reader, args.concurrency)
        async with db.session() as session:
            spans = (await session.execute(select(Reservation.check_in, Reservation.check_out)
                                           .where(Reservation.kind == "block"))).all()
        nights = sum((check_out - check_in).days for check_in, check_out in spans)
        memory = peak_mb(reader)
        again, done_again = await cycle(db, reader, args.concurrency)
        async with db.session() as session:
            results = dict((await session.execute(select(
                Feed.last_result, func.count()).group_by(Feed.last_result))).all())
        cold, export = await export_ms(db, today)
    finally:
        await reader.aclose()
        await db.dispose()
    print(f"full cycle: {done} feeds x {args.events} events in {full:.2f} s "
          f"({nights} nights blocked, {args.feeds * args.events * 2} expected); "
          f"peak RSS {memory:.0f} MB")
    print(f"304 cycle: {done_again} feeds in {again:.2f} s; results {results}")
    print(f"export of 1,000 stays: first build {cold:.1f} ms, then unchanged: median "
          f"{export:.1f} ms (the body is rebuilt only when its rows change)")
    print(f"goals: full < {FULL_GOAL_S:.0f} s: {'met' if full < FULL_GOAL_S else 'NOT met'}; "
          f"memory < {MEMORY_GOAL_MB:.0f} MB: "
          f"{'met' if memory < MEMORY_GOAL_MB else 'NOT met'}; 304 cycle < "
          f"{NOT_MODIFIED_GOAL_S:.0f} s: {'met' if again < NOT_MODIFIED_GOAL_S else 'NOT met'}"
          f"; export < {EXPORT_GOAL_MS:.0f} ms: "
          f"{'met' if export < EXPORT_GOAL_MS else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--parse-workers", type=int, default=1,
                        help="processes reading feeds (POSADA_ICAL_PARSE_WORKERS)")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    today = datetime.now(UTC).date()
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(args.feeds, args.events, today, child))
    server.start()
    base = parent.recv()
    print(f"{args.feeds} feeds of {args.events} events on {base}, engine {args.engine}, "
          f"concurrency {args.concurrency}, parse workers {args.parse_workers}, "
          f"load {os.getloadavg()[0]:.2f}")
    try:
        if args.engine == "postgresql":
            subprocess.run([*PSQL, "-c", f"DROP DATABASE IF EXISTS {PG_DB}"], check=True)
            subprocess.run([*PSQL, "-c", f"CREATE DATABASE {PG_DB}"], check=True)
            migrate.upgrade(PG_URL)
            asyncio.run(measure(PG_URL, base, args, today))
            subprocess.run([*PSQL, "-c", f"DROP DATABASE IF EXISTS {PG_DB}"], check=True)
        else:
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
                migrate.upgrade(url)
                asyncio.run(measure(url, base, args, today))
    finally:
        parent.send("stop")
        server.join(timeout=10)


if __name__ == "__main__":
    main()
