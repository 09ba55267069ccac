"""Feed fixtures (``tests/fixtures/ical``, written by hand to reproduce what channels send)
and the fixed clock and zone the tests read them with."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from posada.adapters.ical.parse import FeedEvent, ParsedFeed, parse_feed

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ical"
TODAY = date(2025, 3, 1)
TZ = "America/Argentina/Buenos_Aires"


def raw(name: str) -> bytes:
    """The fixture's exact bytes."""
    return (FIXTURES / name).read_bytes()


def read(name: str, *, channel: str | None = None, today: date = TODAY) -> ParsedFeed:
    """The fixture read on ``today`` (1 March 2025) in Buenos Aires."""
    return parse_feed(raw(name), today=today, tz=TZ, channel=channel)


def by_uid(feed: ParsedFeed) -> dict[str | None, FeedEvent]:
    """The feed's events by UID (for feeds whose UIDs are unique)."""
    events = {event.uid: event for event in feed.events}
    assert len(events) == len(feed.events)
    return events


def days(first: str, stop: str) -> tuple[date, ...]:
    """The dates ``first … stop-1`` (ISO strings)."""
    start, end = date.fromisoformat(first), date.fromisoformat(stop)
    return tuple(start + timedelta(days=k) for k in range((end - start).days))
