"""Tables of the channel feeds (iCal import).

A ``Feed`` is due when ``next_sync_at`` passes; a runner claims it with a lease
(``locked_until``), so one feed is fetched by one runner at a time. Each event a fetch brings
is a ``FeedEvent`` (kept when it leaves the feed, as ``gone``, for the owner's history); the
calendar nights it closes are ordinary ``reservations`` rows of kind ``block`` linked through
``FeedBlock``, so the database's no-overlap rule covers them. An event that meets a confirmed
stay or another channel's block is recorded as a ``FeedConflict`` beside the calendar, never
forced into it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from posada.db.models import Base, utcnow
from posada.db.types import UTCDateTime

#: Feed channels: the trade's three OTAs, Google Calendar and anything else.
FEED_CHANNELS = ("airbnb", "booking", "vrbo", "google", "other")


class Feed(Base):
    """One iCal URL imported for one accommodation. ``url`` carries the channel's secret:
    show ``redact(url)``. ``last_result``: ``fetched``, ``not_modified`` or ``error``."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"))
    accommodation_id: Mapped[int] = mapped_column(ForeignKey("accommodations.id"))
    url: Mapped[str] = mapped_column(String(2000))
    channel: Mapped[str] = mapped_column(String(20))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    etag: Mapped[str | None] = mapped_column(String(500), nullable=True)
    last_modified: Mapped[str | None] = mapped_column(String(100), nullable=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_result: Mapped[str | None] = mapped_column(String(20), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_event_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    next_sync_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    empty_since: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    #: some event waits for nights other rows hold: a 304 re-applies the stored events
    unfilled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class FeedEvent(Base):
    """What one event of a feed said: ``kind`` ``reservation`` or ``block``; dates local,
    ``check_out`` exclusive; ``status`` ``active`` or ``gone`` (left the feed); ``ignored``:
    the owner chose that it blocks nothing (it stays listed)."""

    __tablename__ = "feed_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id"))
    accommodation_id: Mapped[int] = mapped_column(ForeignKey("accommodations.id"))
    uid: Mapped[str | None] = mapped_column(String(500), nullable=True)
    recurrence_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    kind: Mapped[str] = mapped_column(String(12))
    summary: Mapped[str | None] = mapped_column(String(500), nullable=True)
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    url: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    check_in: Mapped[date] = mapped_column(Date)
    check_out: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="active")
    ignored: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    gone_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class FeedBlock(Base):
    """A calendar block (``reservations`` row of kind ``block``) held for a feed event."""

    __tablename__ = "feed_blocks"

    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"), primary_key=True)
    feed_event_id: Mapped[int] = mapped_column(ForeignKey("feed_events.id"))


class FeedConflict(Base):
    """Nights ``[check_in, check_out)`` a feed event wants that another row (a confirmed stay,
    an owner block, another feed's block) holds; open while ``resolved_at`` is ``None``."""

    __tablename__ = "feed_conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_event_id: Mapped[int] = mapped_column(ForeignKey("feed_events.id"))
    accommodation_id: Mapped[int] = mapped_column(ForeignKey("accommodations.id"))
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"))
    check_in: Mapped[date] = mapped_column(Date)
    check_out: Mapped[date] = mapped_column(Date)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
