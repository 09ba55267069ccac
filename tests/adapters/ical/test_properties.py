"""Property tests: the nights a feed closes equal an independent reference."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from posada.adapters.ical.parse import parse_feed

BASE = date(2025, 1, 1)
ZONES = [
    "America/Argentina/Buenos_Aires",
    "America/Santiago",  # DST changes at midnight
    "America/Sao_Paulo",
    "America/New_York",
    "Europe/Madrid",
    "Australia/Lord_Howe",  # 30-minute DST
    "Asia/Kolkata",
    "Pacific/Chatham",
    "UTC",
]


def calendar(events: list[str]) -> bytes:
    body = "".join(events)
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    return f"{head}{body}END:VCALENDAR\r\n".encode()


def all_day(uid: int, start: date, end: date, cancelled: bool) -> str:
    status = "STATUS:CANCELLED\r\n" if cancelled else ""
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}@test\r\nDTSTART;VALUE=DATE:{start:%Y%m%d}\r\n"
        f"DTEND;VALUE=DATE:{end:%Y%m%d}\r\n{status}SUMMARY:Reserved\r\nEND:VEVENT\r\n"
    )


all_day_events = st.lists(
    st.tuples(st.integers(0, 120), st.integers(1, 20), st.booleans()), max_size=12
)


@settings(max_examples=150, deadline=None)
@given(events=all_day_events, today_offset=st.integers(0, 140))
def test_all_day_nights_are_the_union_of_the_stays(
    events: list[tuple[int, int, bool]], today_offset: int
) -> None:
    today = BASE + timedelta(days=today_offset)
    lines = []
    expected: set[date] = set()
    for uid, (offset, length, cancelled) in enumerate(events):
        start = BASE + timedelta(days=offset)
        end = start + timedelta(days=length)
        lines.append(all_day(uid, start, end, cancelled))
        if not cancelled:
            stay = {start + timedelta(days=k) for k in range(length)}
            expected |= {night for night in stay if night >= today}
    feed = parse_feed(calendar(lines), today=today, tz="America/Argentina/Buenos_Aires")
    assert feed.blocked_nights == tuple(sorted(expected))
    assert feed.seen == len(events)
    for event in feed.events:
        assert event.check_in >= today and event.check_out > event.check_in


def reference_nights(start_ts: float, end_ts: float, tz: str, today: date) -> set[date]:
    """Night N is closed when start < local midnight beginning N+1 <= end (timestamps)."""
    zone = ZoneInfo(tz)
    nights = set()
    day = datetime.fromtimestamp(start_ts, UTC).date() - timedelta(days=3)
    last = datetime.fromtimestamp(end_ts, UTC).date() + timedelta(days=3)
    while day <= last:
        following = day + timedelta(days=1)
        midnight_ts = datetime(following.year, following.month, following.day, tzinfo=zone)
        if start_ts < midnight_ts.timestamp() <= end_ts and day >= today:
            nights.add(day)
        day = following
    return nights


def minutes(most: int) -> st.SearchStrategy[int]:
    """Minutes up to ``most``, often whole hours or days, so that events start and end
    exactly at midnights (the edges of the rule) often enough."""
    return st.one_of(
        st.integers(0, most),
        st.integers(0, most // 60).map(lambda hours: hours * 60),
        st.integers(0, most // 1440).map(lambda days: days * 1440),
    )


timed_events = st.lists(
    st.tuples(
        st.sampled_from(ZONES),  # the zone the event is written in
        st.booleans(),  # written in UTC (Z) instead of with TZID
        minutes(300 * 24 * 60),  # start, minutes after BASE in that zone
        minutes(6 * 24 * 60),  # duration in minutes
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(
    events=timed_events,
    property_zone=st.sampled_from(ZONES),
    today_offset=st.integers(0, 300),
)
def test_timed_events_close_the_nights_whose_midnight_they_contain(
    events: list[tuple[str, bool, int, int]], property_zone: str, today_offset: int
) -> None:
    today = BASE + timedelta(days=today_offset)
    lines = []
    expected: set[date] = set()
    for uid, (zone, in_utc, start_minutes, duration) in enumerate(events):
        start_local = datetime(2025, 1, 1) + timedelta(minutes=start_minutes)
        end_local = start_local + timedelta(minutes=duration)
        # The wall times mean what zoneinfo says (fold=0 in overlaps and gaps).
        start_ts = start_local.replace(tzinfo=ZoneInfo(zone)).timestamp()
        end_ts = end_local.replace(tzinfo=ZoneInfo(zone)).timestamp()
        if in_utc:
            start = datetime.fromtimestamp(start_ts, UTC)
            end = datetime.fromtimestamp(end_ts, UTC)
            times = f"DTSTART:{start:%Y%m%dT%H%M%S}Z\r\nDTEND:{end:%Y%m%dT%H%M%S}Z\r\n"
        else:
            times = (
                f"DTSTART;TZID={zone}:{start_local:%Y%m%dT%H%M%S}\r\n"
                f"DTEND;TZID={zone}:{end_local:%Y%m%dT%H%M%S}\r\n"
            )
        if end_ts < start_ts:  # a wall-time interval across a DST fall-back: skip it
            continue
        lines.append(f"BEGIN:VEVENT\r\nUID:{uid}@test\r\n{times}SUMMARY:Blocked\r\nEND:VEVENT\r\n")
        expected |= reference_nights(start_ts, end_ts, property_zone, today)
    feed = parse_feed(calendar(lines), today=today, tz=property_zone)
    assert feed.problems == ()
    assert feed.blocked_nights == tuple(sorted(expected))
