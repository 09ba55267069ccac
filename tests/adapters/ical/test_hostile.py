"""Feeds from the iCal breaking pass: sub-daily recurrences, a BOM before Latin-1 bytes, a
UTF-8 character split by a fold."""

from __future__ import annotations

from datetime import date

from posada.adapters.ical.parse import parse_feed

TZ = "America/Argentina/Buenos_Aires"
TODAY = date(2026, 12, 1)
STAY = (b"BEGIN:VEVENT\r\nUID:ok\r\nDTSTART;VALUE=DATE:20261210\r\n"
        b"DTEND;VALUE=DATE:20261212\r\nSUMMARY:Reserved\r\nEND:VEVENT\r\n")


def calendar(*events: bytes) -> bytes:
    return b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + b"".join(events) + b"END:VCALENDAR\r\n"


def test_a_sub_daily_recurrence_is_a_problem_not_a_million_instances() -> None:
    minutely = (b"BEGIN:VEVENT\r\nUID:m1\r\nDTSTART:20261201T000000Z\r\n"
                b"DTEND:20261201T000100Z\r\nRRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\n")
    feed = parse_feed(calendar(minutely, STAY), today=TODAY, tz=TZ)
    assert [e.uid for e in feed.events] == ["ok"]
    assert [(p.uid, "more often than daily" in p.message) for p in feed.problems] == [
        ("m1", True)]


def test_a_bom_before_latin1_bytes_is_still_a_calendar() -> None:
    body = b"\xef\xbb\xbf" + calendar(STAY.replace(b"Reserved", b"Reserva de Mu\xf1oz"))
    [event] = parse_feed(body, today=TODAY, tz=TZ).events
    assert event.summary == "Reserva de Muñoz"


def test_a_fold_inside_a_utf8_character_is_unfolded_first() -> None:
    name = "Reservado - Familia Muñoz y Peña".encode()
    cut = name.index("ñ".encode()) + 1  # between the two bytes of ñ
    folded = b"SUMMARY:" + name[:cut] + b"\r\n " + name[cut:]
    body = calendar(STAY.replace(b"SUMMARY:Reserved", folded))
    [event] = parse_feed(body, today=TODAY, tz=TZ).events
    assert event.summary == "Reservado - Familia Muñoz y Peña"
