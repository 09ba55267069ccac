"""Feeds as Airbnb, Booking.com, Vrbo and Google export them."""

from __future__ import annotations

from datetime import date

from tests.adapters.ical.conftest import by_uid, days, read


def test_airbnb_reservations_blocks_and_the_past() -> None:
    feed = read("airbnb.ics", channel="airbnb")
    events = by_uid(feed)
    assert feed.seen == 5
    assert feed.problems == () and feed.warnings == ()
    stay = events["1418fb94e984-0c4ad3c4a9d8ba1b8a3c1e1b4d3c2ff2@airbnb.com"]
    assert (stay.kind, stay.summary) == ("reservation", "Reserved")
    assert (stay.check_in, stay.check_out) == (date(2025, 3, 5), date(2025, 3, 10))
    assert stay.nights == days("2025-03-05", "2025-03-10")
    assert stay.url == "https://www.airbnb.com/hosting/reservations/details/HMABCDEF12"
    assert stay.description is not None and "Phone Number (Last 4 Digits): 4321" in stay.description
    assert stay.recurrence_id is None and stay.transparent is False
    block = events["7f2e1c0a9b8d-5a1e6c2b4f7d9e3a1c5b7d9f2e4a6c8b@airbnb.com"]
    assert (block.kind, block.url) == ("block", None)
    assert block.nights == days("2025-03-20", "2025-03-23")
    # A stay that began before today keeps only its nights from today on.
    current = events["0b1c2d3e4f5a-6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e@airbnb.com"]
    assert (current.check_in, current.check_out) == (date(2025, 3, 1), date(2025, 3, 3))
    # The January stay is past: read (seen) but not reported.
    assert "aaaaaaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb@airbnb.com" not in events
    window = events["cccccccccccc-dddddddddddddddddddddddddddddddd@airbnb.com"]
    assert len(window.nights) == 181
    assert [e.check_in for e in feed.events] == sorted(e.check_in for e in feed.events)


def test_booking_closed_nights_back_to_back() -> None:
    feed = read("booking.ics", channel="booking")
    assert [e.kind for e in feed.events] == ["block", "block"]
    assert [(e.check_in, e.check_out) for e in feed.events] == [
        (date(2025, 3, 12), date(2025, 3, 15)),
        (date(2025, 3, 15), date(2025, 3, 17)),
    ]
    assert feed.blocked_nights == days("2025-03-12", "2025-03-17")


def test_vrbo_reserved_with_and_without_a_name_and_blocked() -> None:
    feed = read("vrbo.ics", channel="vrbo")
    assert [(e.summary, e.kind) for e in feed.events] == [
        ("Reserved - Ana Gómez", "reservation"),
        ("Blocked", "block"),
        ("Reserved", "reservation"),
    ]
    # Check-out day 4 March is the next check-in: night 3 once, night 4 once.
    assert feed.blocked_nights == (*days("2025-03-02", "2025-03-06"), date(2025, 3, 10))


def test_google_floating_times_in_x_wr_timezone_utc_marker_and_transparent() -> None:
    feed = read("google.ics", channel="google")
    events = by_uid(feed)
    assert feed.seen == 5
    # 02:00-05:00 floating in Madrid (UTC+1) is 22:00-01:00 in Buenos Aires: it crosses the
    # midnight that starts 10 March, so night 9 is taken (read in Buenos Aires it would not be).
    assert events["floating-madrid@google.com"].nights == (date(2025, 3, 9),)
    # 14:00 on the 15th to 10:00 on the 17th (Buenos Aires), written in UTC.
    assert events["utc-stay@google.com"].nights == days("2025-03-15", "2025-03-17")
    assert events["utc-stay@google.com"].kind == "block"  # unknown summary: the default
    assert "marker@google.com" not in events  # one hour, no midnight: no night
    holiday = events["holiday@google.com"]
    assert holiday.transparent is True and holiday.nights == (date(2025, 3, 25),)
    assert events["busy@google.com"].kind == "block"


def test_floating_times_without_x_wr_timezone_are_read_in_the_property_zone() -> None:
    feed = read("floating.ics")
    # 22:00-01:00 in Buenos Aires crosses midnight; in UTC it would be 19:00-22:00 local.
    assert feed.blocked_nights == (date(2025, 3, 10),)
    assert feed.warnings == ()
