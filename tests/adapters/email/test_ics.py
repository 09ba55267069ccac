"""The stay as .ics, read back with icalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from icalendar import Calendar

from posada.adapters.email import build_ics
from tests.adapters.email.conftest import stay

STAMP = datetime(2026, 12, 1, 21, 10, tzinfo=UTC)


def parse(data: bytes) -> tuple[Calendar, Calendar]:
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_all_day_stay_with_exclusive_end() -> None:
    data = build_ics(stay(), "confirmed", dtstamp=STAMP, domain="reservas.example.com")
    calendar, event = parse(data)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["VERSION"] == "2.0"
    assert "Posada" in str(calendar["PRODID"])
    assert event["UID"] == "K7Q2M9XP@reservas.example.com"
    assert event.decoded("DTSTART") == date(2026, 12, 15)
    assert event.decoded("DTEND") == date(2026, 12, 18)  # check-out, exclusive
    assert b"DTSTART;VALUE=DATE:20261215" in data
    assert b"DTEND;VALUE=DATE:20261218" in data
    assert event.decoded("DTSTAMP") == STAMP
    assert event["STATUS"] == "CONFIRMED"
    assert "Cabaña del Lago" in str(event["SUMMARY"])
    assert str(event["LOCATION"]) == "Av. Bustillo km 12, Bariloche"
    assert "K7Q2M9XP" in str(event["DESCRIPTION"])
    assert b"\r\n" in data


def test_status_and_sequence_follow_the_reservation() -> None:
    seen = {}
    for status in ("tentative", "confirmed", "cancelled"):
        _, event = parse(build_ics(stay(), status, dtstamp=STAMP, domain="x.example"))
        seen[status] = (str(event["STATUS"]), int(event["SEQUENCE"]), str(event["UID"]))
    assert seen["tentative"][0] == "TENTATIVE"
    assert seen["cancelled"][0] == "CANCELLED"
    assert seen["tentative"][1] < seen["confirmed"][1] < seen["cancelled"][1]
    assert len({uid for _, _, uid in seen.values()}) == 1  # one UID per reservation
    _, event = parse(build_ics(stay(), "cancelled", dtstamp=STAMP, domain="x.example",
                               sequence=7))
    assert int(event["SEQUENCE"]) == 7


def test_no_address_no_location_and_dtstamp_in_utc() -> None:
    offset = datetime(2026, 12, 1, 18, 10, tzinfo=timezone(timedelta(hours=-3)))
    data = build_ics(stay(address=None), "tentative", dtstamp=offset, domain="x.example",
                     url="https://reservas.example.com/r/K7Q2M9XP")
    _, event = parse(data)
    assert "LOCATION" not in event
    assert b"DTSTAMP:20261201T211000Z" in data
    assert str(event["URL"]) == "https://reservas.example.com/r/K7Q2M9XP"


def test_text_is_escaped_not_injected() -> None:
    data = build_ics(stay(accommodation="Lago; Norte, 2\nEND:VEVENT"), "confirmed",
                     dtstamp=STAMP, domain="x.example")
    _, event = parse(data)
    assert "Lago; Norte, 2\nEND:VEVENT" in str(event["SUMMARY"])


def test_naive_dtstamp_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        build_ics(stay(), "confirmed", dtstamp=datetime(2026, 12, 1), domain="x.example")
