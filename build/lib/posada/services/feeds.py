"""The owner's channel feeds: add, list, change, remove; their events and conflicts.

A feed URL pointing at our own export (``/ical/<slug>.ics?token=…`` of any accommodation, or
any ``/ical/`` path on ``POSADA_PUBLIC_URL``'s host) is refused: importing ourselves would
echo every stay back as a block.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import delete, func, or_, select

from posada.db.engine import Database
from posada.db.models import Accommodation, Reservation
from posada.db.models_feeds import FEED_CHANNELS, Feed, FeedBlock, FeedConflict, FeedEvent
from posada.domain import imports
from posada.domain import reservation as machine
from posada.domain.errors import Conflict, InvalidFeedUrl, InvalidRequest, NotFound
from posada.domain.reservation import Status
from posada.services.common import record, translated_db_errors, utcnow

#: A feed never synced, or whose last success is older than this, makes ``/readyz`` report
#: ``ical_sync: stale`` (issue #6).
STALE_AFTER_MINUTES = 20


async def _accommodation(session: Any, ref: int | str) -> Accommodation:
    query = select(Accommodation).where(
        Accommodation.id == ref if isinstance(ref, int) else Accommodation.slug == ref)
    found: Accommodation | None = await session.scalar(query)
    if found is None:
        raise NotFound("No such accommodation.", accommodation=ref)
    return found


async def _refuse_own(session: Any, url: str, public_url: str | None) -> None:
    parts = urlsplit(url)
    ours = urlsplit(public_url).hostname if public_url else None
    if ours and parts.hostname == ours and parts.path.startswith("/ical/"):
        raise InvalidFeedUrl("That URL is this Posada's own export.")
    tokens = parse_qs(parts.query).get("token", [])
    if parts.path.startswith("/ical/") and tokens and await session.scalar(
            select(Accommodation.id).where(Accommodation.ical_token.in_(tokens))):
        raise InvalidFeedUrl("That URL is this Posada's own export.")


def _channel(channel: str) -> str:
    if channel not in FEED_CHANNELS:
        raise InvalidRequest(f"channel must be one of {', '.join(FEED_CHANNELS)}.")
    return channel


async def add_feed(db: Database, accommodation: int | str, url: str, channel: str, *,
                   enabled: bool = True, public_url: str | None = None,
                   now: datetime | None = None) -> Feed:
    """Import ``url`` for an accommodation (its id or slug); due at once.

    Raises:
        NotFound: unknown accommodation.
        InvalidFeedUrl: not http(s), credentials in it, too long, or our own export.
        InvalidRequest: unknown channel.
        Conflict: that accommodation already imports that URL.
    """
    url = imports.feed_url(url)
    now = now or utcnow()
    async with translated_db_errors(), db.transaction() as session:
        place = await _accommodation(session, accommodation)
        await _refuse_own(session, url, public_url)
        if await session.scalar(select(Feed.id).where(
                Feed.accommodation_id == place.id, Feed.url == url)):
            raise Conflict("That accommodation already imports that URL.")
        feed = Feed(property_id=place.property_id, accommodation_id=place.id, url=url,
                    channel=_channel(channel), enabled=enabled, failures=0, next_sync_at=now,
                    created_at=now)
        session.add(feed)
        await session.flush()
    return feed


async def list_feeds(db: Database, accommodation_id: int | None = None) -> Sequence[Feed]:
    """Feeds, by accommodation then id."""
    query = select(Feed).order_by(Feed.accommodation_id, Feed.id)
    if accommodation_id is not None:
        query = query.where(Feed.accommodation_id == accommodation_id)
    async with db.session() as session:
        return (await session.scalars(query)).all()


async def get_feed(db: Database, feed_id: int) -> Feed:
    """Raises ``NotFound``."""
    async with db.session() as session:
        feed = await session.get(Feed, feed_id)
    if feed is None:
        raise NotFound("No feed has that id.", feed_id=feed_id)
    return feed


async def update_feed(db: Database, feed_id: int, changes: dict[str, Any],
                      public_url: str | None = None, now: datetime | None = None) -> Feed:
    """Change ``url``, ``channel`` and/or ``enabled``; a new URL forgets the old one's ETag
    and is due at once. Raises as ``add_feed`` and ``NotFound``."""
    now = now or utcnow()
    async with translated_db_errors(), db.transaction() as session:
        feed = await session.get(Feed, feed_id, with_for_update=True)
        if feed is None:
            raise NotFound("No feed has that id.", feed_id=feed_id)
        if "url" in changes and changes["url"] != feed.url:
            feed.url = imports.feed_url(changes["url"])
            await _refuse_own(session, feed.url, public_url)
            feed.etag = feed.last_modified = None
            feed.next_sync_at = now
        if "channel" in changes:
            feed.channel = _channel(changes["channel"])
        if "enabled" in changes:
            feed.enabled = bool(changes["enabled"])
            if feed.enabled:
                feed.next_sync_at = now
    return feed


async def delete_feed(db: Database, feed_id: int, now: datetime | None = None) -> int:
    """Stop importing a feed: its blocks are released (nights free again), its events and
    conflicts removed; the released blocks stay in the calendar's history. Returns the
    number of blocks released.

    Raises:
        NotFound: no feed has that id.
    """
    now = now or utcnow()
    async with translated_db_errors(), db.transaction() as session:
        feed = await session.get(Feed, feed_id)
        if feed is None:
            raise NotFound("No feed has that id.", feed_id=feed_id)
        events = select(FeedEvent.id).where(FeedEvent.feed_id == feed_id)
        blocks = (await session.scalars(select(Reservation).join(
            FeedBlock, FeedBlock.reservation_id == Reservation.id).where(
            FeedBlock.feed_event_id.in_(events),
            Reservation.status == Status.BLOCKED.value))).all()
        for block in blocks:
            await record(session, block, machine.release(Status(block.status)), now, "ical")
        await session.execute(delete(FeedBlock).where(FeedBlock.feed_event_id.in_(events)))
        await session.execute(delete(FeedConflict).where(
            FeedConflict.feed_event_id.in_(events)))
        await session.execute(delete(FeedEvent).where(FeedEvent.feed_id == feed_id))
        await session.delete(feed)
    return len(blocks)


async def list_events(db: Database, feed_id: int, include_gone: bool = False
                      ) -> Sequence[FeedEvent]:
    """A feed's events by check-in (gone ones too when asked). Raises ``NotFound``."""
    await get_feed(db, feed_id)
    query = select(FeedEvent).where(FeedEvent.feed_id == feed_id)
    if not include_gone:
        query = query.where(FeedEvent.status == "active")
    async with db.session() as session:
        return (await session.scalars(query.order_by(FeedEvent.check_in, FeedEvent.id))).all()


async def set_ignored(db: Database, feed_id: int, event_id: int, ignored: bool) -> FeedEvent:
    """Mark one imported event ignored (it blocks nothing from the next sync on, and stays
    listed) or not; the feed is due at once so the calendar follows.

    Raises:
        NotFound: no such event in that feed.
    """
    async with db.transaction() as session:
        event = await session.get(FeedEvent, event_id)
        if event is None or event.feed_id != feed_id:
            raise NotFound("No such event in that feed.", feed_id=feed_id, event_id=event_id)
        event.ignored = ignored
        feed = await session.get(Feed, feed_id)
        if feed is not None:
            feed.next_sync_at, feed.etag, feed.last_modified = utcnow(), None, None
    return event


async def list_conflicts(db: Database, include_resolved: bool = False
                         ) -> Sequence[tuple[FeedConflict, FeedEvent, Feed, Reservation]]:
    """Conflicts (newest first) with their event, feed and the row holding the nights."""
    query = (select(FeedConflict, FeedEvent, Feed, Reservation)
             .join(FeedEvent, FeedEvent.id == FeedConflict.feed_event_id)
             .join(Feed, Feed.id == FeedEvent.feed_id)
             .join(Reservation, Reservation.id == FeedConflict.reservation_id))
    if not include_resolved:
        query = query.where(FeedConflict.resolved_at.is_(None))
    async with db.session() as session:
        rows = await session.execute(query.order_by(FeedConflict.detected_at.desc(),
                                                    FeedConflict.id.desc()))
        return [(c, e, f, r) for c, e, f, r in rows.all()]


async def sync_health(db: Database, now: datetime | None = None) -> str:
    """``disabled`` (no enabled feed), ``stale`` (an enabled feed without a success for
    ``STALE_AFTER_MINUTES``) or ``ok``."""
    now = now or utcnow()
    limit = now - timedelta(minutes=STALE_AFTER_MINUTES)
    async with db.session() as session:
        enabled = await session.scalar(select(func.count()).select_from(Feed).where(
            Feed.enabled.is_(True))) or 0
        if not enabled:
            return "disabled"
        stale = await session.scalar(select(func.count()).select_from(Feed).where(
            Feed.enabled.is_(True), Feed.created_at < limit,
            or_(Feed.last_success_at.is_(None), Feed.last_success_at < limit))) or 0
    return "stale" if stale else "ok"
