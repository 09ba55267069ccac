"""What real feeds get wrong in the text, and bodies that are no calendar at all."""

from __future__ import annotations

from datetime import date

import pytest

from posada.adapters.ical.parse import NotACalendar, parse_feed, parse_json
from tests.adapters.ical.conftest import TODAY, TZ, by_uid, days, raw, read


def test_lf_only_with_blank_lines_and_a_fold() -> None:
    assert b"\r" not in raw("lf_only.ics")
    feed = read("lf_only.ics")
    (event,) = feed.events
    assert event.nights == days("2025-03-05", "2025-03-08")
    assert event.url == "https://www.airbnb.com/hosting/reservations/details/HMLF000001"


def test_utf8_bom_and_crlf() -> None:
    assert raw("bom.ics").startswith(b"\xef\xbb\xbf")
    (event,) = read("bom.ics").events
    assert event.summary == "Reservado – Señora Núñez"
    assert event.kind == "reservation"


def test_lower_case_names_and_values() -> None:
    feed = read("lower_case.ics")
    events = by_uid(feed)
    assert events["lower-1@example.org"].nights == days("2025-03-05", "2025-03-07")
    assert "lower-2@example.org" not in events  # status:cancelled
    assert feed.seen == 3


def test_trailing_spaces_are_dropped_but_not_inside_a_fold() -> None:
    (event,) = read("trailing_spaces.ics").events
    assert event.uid == "trail-1@example.org"
    assert event.summary == "Not available"
    assert event.description == "Closed by the owner for painting"
    assert event.nights == days("2025-03-05", "2025-03-07")


def test_latin1_bytes() -> None:
    (event,) = read("latin1.ics").events
    assert event.summary == "Bloqueado por el dueño" and event.kind == "block"


def test_text_before_the_calendar_is_cut_with_a_warning() -> None:
    feed = read("php_notice.ics")
    assert feed.blocked_nights == (date(2025, 3, 5),)
    assert feed.warnings == ("text before BEGIN:VCALENDAR was ignored",)


def test_a_calendar_without_events_is_valid_and_empty() -> None:
    feed = read("empty_calendar.ics")
    assert (feed.events, feed.seen, feed.problems, feed.blocked_nights) == ((), 0, (), ())


def test_html_inside_a_description_is_no_html_page() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:h\r\nDTSTART;VALUE=DATE:20250305\r\n"
        b"DESCRIPTION:<html><b>Reserva</b></html>\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    feed = parse_feed(data, today=TODAY, tz=TZ)
    assert feed.blocked_nights == (date(2025, 3, 5),)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b" \r\n\t\n", "empty"),
        (b"\xef\xbb\xbf  \n", "empty"),
        (raw("html.html"), "html"),
        (b"\xef\xbb\xbf\n  <HTML><body>Error</body></HTML>", "html"),
        (raw("html_error.txt"), "html"),
        (raw("garbage.txt"), "not_calendar"),
        (bytes(range(256)) * 4, "not_calendar"),
        (b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", "not_calendar"),
        (raw("truncated.ics"), "unparseable"),
        (raw("garbage_lines.ics"), "unparseable"),
        (b"BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "unparseable"),
    ],
)
def test_not_a_calendar(data: bytes, code: str) -> None:
    with pytest.raises(NotACalendar) as raised:
        parse_feed(data, today=TODAY, tz=TZ)
    assert raised.value.code == code
    assert raised.value.message
    with pytest.raises(NotACalendar):
        parse_json(data, today=TODAY, tz=TZ)


def test_parse_json_contract() -> None:
    document = parse_json(raw("vrbo.ics"), today=TODAY, tz=TZ)
    events = document["events"]
    assert isinstance(events, list)
    assert events[0] == {
        "uid": "3f9a1b2c-4d5e-6f70-8192-a3b4c5d6e7f8",
        "kind": "reservation",
        "summary": "Reserved - Ana Gómez",
        "nights": ["2025-03-02", "2025-03-03"],
        "recurrence_id": None,
        "check_in": "2025-03-02",
        "check_out": "2025-03-04",
        "url": None,
        "transparent": False,
    }
    assert document["blocked_nights"] == [
        "2025-03-02", "2025-03-03", "2025-03-04", "2025-03-05", "2025-03-10",
    ]
    assert (document["seen"], document["problems"], document["warnings"]) == (3, [], [])
    problems = parse_json(raw("problems.ics"), today=TODAY, tz=TZ)["problems"]
    assert {"uid": "backwards@example.org", "message": "DTEND before DTSTART"} in problems  # type: ignore[operator]
