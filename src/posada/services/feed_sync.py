"""Syncing channel feeds: fetch (through a ``FeedReader``), then apply (``feed_apply``).

A feed is due when ``next_sync_at`` passes. ``sync_due`` (job ``sync_feeds``) claims due
feeds with a lease, so one feed is fetched by one runner at a time while several feeds are
fetched in parallel (at most ``concurrency``). A failed fetch changes no event and no night:
it is recorded on the feed (``last_error``) and tried again later, with backoff when the
channel struggles (429, 5xx, timeouts) or after its ``Retry-After``. Feed URLs carry secrets:
logs and results show ``redact``-ed URLs only.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update

from posada import observability
from posada.db import calendar
from posada.db.engine import Database
from posada.db.models import Accommodation, Property
from posada.db.models_feeds import Feed
from posada.domain.errors import Busy, NotFound
from posada.services import feeds
from posada.services.common import local_today, translated_db_errors, utcnow
from posada.services.feed_apply import apply_fetch, apply_stored
from posada.services.outbox import OutboxPolicy
from posada.services.ports import FeedFailure, FeedRead, FeedReader

log = logging.getLogger("posada.ical")

#: A claim lasts longer than a fetch can (timeouts) plus applying it.
LEASE = timedelta(minutes=5)
#: Backoff after repeated struggling fetches is capped here (and at a channel's Retry-After,
#: itself capped at a day).
BACKOFF_CAP = timedelta(hours=1)
RETRY_AFTER_CAP = timedelta(days=1)
#: Before an owner confirms a hold, its accommodation's feeds are fetched again when their
#: last success is older than this (issue #6).
FRESH_FOR_CONFIRM = timedelta(seconds=60)


@dataclass(frozen=True)
class FeedSettings:
    """``interval``: time between syncs of a feed; ``concurrency``: feeds fetched at once."""

    interval: timedelta = timedelta(minutes=5)
    concurrency: int = 8


@dataclass(frozen=True)
class SyncResult:
    """One sync: ``result`` ``fetched``, ``not_modified`` or ``error`` (then ``error`` is
    ``code: message``); ``events``: events read from the feed (0 unless fetched); nights
    counted from today on; ``kept_empty``: an empty feed that the empty-feed rule did not
    apply yet."""

    feed_id: int
    result: str
    events: int = 0
    nights_blocked: int = 0
    nights_released: int = 0
    conflicts: int = 0
    holds_cancelled: tuple[str, ...] = ()
    kept_empty: bool = False
    problems: tuple[str, ...] = ()
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


async def sync_feed(db: Database, reader: FeedReader, feed_id: int, policy: OutboxPolicy,
                    settings: FeedSettings = FeedSettings(), now: datetime | None = None,
                    claimed: bool = False) -> SyncResult:
    """Fetch feed ``feed_id`` once and apply what it says (``claimed``: the caller holds
    its lease already, as ``sync_due`` does).

    Raises:
        NotFound: no feed has that id.
        Busy: another runner is syncing that feed right now.
    """
    now = now or utcnow()
    if not claimed:
        async with db.connection() as conn:
            taken = await conn.execute(update(Feed).where(
                Feed.id == feed_id, or_(Feed.locked_until.is_(None), Feed.locked_until <= now))
                .values(locked_until=now + LEASE))
        if not taken.rowcount:
            await feeds.get_feed(db, feed_id)  # NotFound for an unknown id
            raise Busy("That feed is being synced right now; try again in a moment.",
                       feed_id=feed_id)
    async with db.session() as session:
        found = (await session.execute(
            select(Feed, Property.timezone).join(Property, Property.id == Feed.property_id)
            .where(Feed.id == feed_id))).first()
    if found is None:
        raise NotFound("No feed has that id.", feed_id=feed_id)
    feed, timezone = found
    today = local_today(timezone, now)
    try:
        read = await reader.read(feed.url, etag=feed.etag, last_modified=feed.last_modified,
                                 today=today, timezone=timezone, channel=feed.channel)
    except FeedFailure as failure:
        return await _failed(db, feed, failure, settings, now)
    if read.status == "not_modified" and not feed.unfilled:
        await _succeeded(db, feed_id, read, settings, now)
        return SyncResult(feed_id, "not_modified")
    try:
        return await _apply(db, feed_id, feed, read, today, policy, settings, now)
    except BaseException:
        async with db.connection() as conn:  # give the feed back at once
            await conn.execute(update(Feed).where(Feed.id == feed_id).values(
                locked_until=None))
        raise


async def _apply(db: Database, feed_id: int, feed: Feed, read: FeedRead, today: date,
                 policy: OutboxPolicy, settings: FeedSettings, now: datetime) -> SyncResult:
    async with translated_db_errors(), db.turns.of(feed.accommodation_id), \
            db.transaction() as session:
        conn = await session.connection()
        await calendar.lock_accommodations(conn, [feed.accommodation_id])
        await calendar.expire_stale(conn, now, feed.accommodation_id)
        live = await session.get(Feed, feed_id, with_for_update=True)
        accommodation = await session.get(Accommodation, feed.accommodation_id)
        if live is None or accommodation is None:
            raise NotFound("No feed has that id.", feed_id=feed_id)
        if read.status == "not_modified":  # unchanged, but some nights waited for others
            applied = await apply_stored(session, live, accommodation, today, now, policy)
        else:
            applied = await apply_fetch(session, live, accommodation, read.events, today, now,
                                        policy, read.unreadable)
        _mark_success(live, read, settings, now)
    _observe(feed_id, read.status)
    return SyncResult(feed_id, read.status, len(read.events), applied.nights_blocked,
                      applied.nights_released, applied.conflicts,
                      tuple(applied.holds_cancelled), applied.kept_empty, read.problems)


def _mark_success(feed: Feed, read: FeedRead, settings: FeedSettings, now: datetime) -> None:
    feed.last_attempt_at = feed.last_success_at = now
    feed.last_result, feed.last_error, feed.failures = read.status, None, 0
    feed.next_sync_at, feed.locked_until = now + settings.interval, None
    if read.etag is not None or read.status == "fetched":
        feed.etag = read.etag[:500] if read.etag else None
    if read.last_modified is not None or read.status == "fetched":
        feed.last_modified = read.last_modified[:100] if read.last_modified else None
    if read.status == "fetched":
        feed.last_event_count = len(read.events)


async def _succeeded(db: Database, feed_id: int, read: FeedRead, settings: FeedSettings,
                     now: datetime) -> None:
    async with db.transaction() as session:
        feed = await session.get(Feed, feed_id)
        if feed is not None:
            _mark_success(feed, read, settings, now)
    _observe(feed_id, read.status)


async def _failed(db: Database, feed: Feed, failure: FeedFailure, settings: FeedSettings,
                  now: datetime) -> SyncResult:
    failures = feed.failures + 1
    delay = settings.interval
    if failure.backoff:
        delay = min(settings.interval * 2 ** (failures - 1), max(BACKOFF_CAP, settings.interval))
    if failure.retry_after:
        delay = max(delay, min(timedelta(seconds=failure.retry_after), RETRY_AFTER_CAP))
    error = f"{failure.code}: {failure.message}"[:2000]
    async with db.connection() as conn:
        await conn.execute(update(Feed).where(Feed.id == feed.id).values(
            last_attempt_at=now, last_result="error", last_error=error, failures=failures,
            next_sync_at=now + delay, locked_until=None))
    observability.ICAL_SYNC.labels(result="error").inc()
    log.warning("feed %s sync failed (%s in a row): %s", feed.id, failures, error)
    return SyncResult(feed.id, "error", error=error)


def _observe(feed_id: int, result: str) -> None:
    observability.ICAL_SYNC.labels(result=result).inc()
    done = time.time()
    observability.ICAL_LAST_SYNC_AGE.labels(feed=str(feed_id)).set_function(
        lambda: time.time() - done)


async def sync_due(db: Database, reader: FeedReader, policy: OutboxPolicy,
                   settings: FeedSettings = FeedSettings(), now: datetime | None = None,
                   clock: Callable[[], datetime] = utcnow) -> int:
    """Sync every due, enabled feed (job ``sync_feeds``); returns how many were synced."""
    at = now or clock()
    async with db.connection() as conn:
        due = (select(Feed.id).where(
            Feed.enabled.is_(True), Feed.next_sync_at <= at,
            or_(Feed.locked_until.is_(None), Feed.locked_until <= at))
            .order_by(Feed.next_sync_at).limit(500).with_for_update(skip_locked=True))
        claimed = (await conn.execute(
            update(Feed).where(Feed.id.in_(due.scalar_subquery()))
            .values(locked_until=at + LEASE).returning(Feed.id))).scalars().all()
    gate = asyncio.Semaphore(max(1, settings.concurrency))

    async def one(feed_id: int) -> bool:
        async with gate:
            try:
                await sync_feed(db, reader, feed_id, policy, settings, now or clock(),
                                claimed=True)
            except Exception:  # one feed's trouble never stops the others
                log.exception("feed %s sync crashed", feed_id)
                return False
            return True

    return sum(await asyncio.gather(*(one(feed_id) for feed_id in sorted(claimed))))


async def refresh_before_confirm(db: Database, reader: FeedReader, accommodation_id: int,
                                 policy: OutboxPolicy, settings: FeedSettings = FeedSettings(),
                                 now: datetime | None = None) -> list[SyncResult]:
    """Fetch again the accommodation's enabled feeds whose last success is older than
    ``FRESH_FOR_CONFIRM`` (a channel booking just made wins over a hold about to be
    confirmed)."""
    now = now or utcnow()
    async with db.session() as session:
        stale = (await session.scalars(select(Feed.id).where(
            Feed.accommodation_id == accommodation_id, Feed.enabled.is_(True),
            or_(Feed.last_success_at.is_(None),
                Feed.last_success_at < now - FRESH_FOR_CONFIRM)))).all()
    results = []
    for feed_id in stale:
        try:
            results.append(await sync_feed(db, reader, feed_id, policy, settings, now))
        except Busy:  # a runner is syncing it this very moment
            log.info("feed %s already syncing before a confirmation", feed_id)
    return results
