"""Zones, missing ends, problems, cancellations, recurrences, own export and the horizon."""

from __future__ import annotations

from datetime import date, timedelta

from posada.adapters.ical.parse import HORIZON_DAYS, EventProblem, parse_feed
from tests.adapters.ical.conftest import TZ, by_uid, days, read


def test_windows_tzid_with_and_without_its_vtimezone() -> None:
    feed = read("windows_tzid.ics")
    events = list(feed.events)
    assert feed.warnings == ()
    assert events[0].nights == days("2025-03-05", "2025-03-07")
    # 19:30-22:00 Pacific (PDT since 9 March) is 23:30-02:00 in Buenos Aires: night 10.
    assert events[1].nights == (date(2025, 3, 10),)


def test_wrong_tzid_spellings_are_mapped_without_warnings() -> None:
    feed = read("wrong_tzid.ics")
    events = by_uid(feed)
    assert feed.warnings == ()
    for uid, night in [
        ("link-name@example.org", date(2025, 3, 2)),
        ("city@example.org", date(2025, 3, 4)),
        ("offset@example.org", date(2025, 3, 6)),
        ("lower@example.org", date(2025, 3, 8)),
        ("outlook@example.org", date(2025, 3, 10)),
        # 03:00-06:00 in Madrid is 23:00-02:00 in Buenos Aires: a lower-case name that fell
        # back to the property's zone would close no night.
        ("madrid@example.org", date(2025, 3, 11)),
    ]:
        assert events[uid].nights == (night,), uid


def test_unknown_tzid_falls_back_to_the_property_zone_with_one_warning() -> None:
    feed = read("unknown_tzid.ics")
    events = by_uid(feed)
    assert events["mars@example.org"].nights == days("2025-03-05", "2025-03-07")
    assert events["mars-late@example.org"].nights == (date(2025, 3, 10),)
    assert len(feed.warnings) == 1
    assert "Mars/Olympus_Mons" in feed.warnings[0] and TZ in feed.warnings[0]


def test_missing_dtend_date_duration_and_date_time() -> None:
    feed = read("missing_dtend.ics")
    events = by_uid(feed)
    assert feed.seen == 5 and feed.problems == ()
    assert events["date-only@example.org"].nights == (date(2025, 3, 5),)
    assert events["date-duration@example.org"].nights == days("2025-03-10", "2025-03-13")
    # A DATE-TIME start without DTEND or DURATION ends at its start (RFC 5545 §3.6.1).
    assert "datetime-only@example.org" not in events
    # 11:00 on the 20th + 44 h = 07:00 on the 22nd (Buenos Aires): nights 20 and 21.
    assert events["datetime-duration@example.org"].nights == days("2025-03-20", "2025-03-22")
    assert events["date-same-end@example.org"].nights == (date(2025, 3, 25),)
    assert any("DTEND = DTSTART" in warning for warning in feed.warnings)


def test_unreadable_events_are_problems_and_the_rest_is_read() -> None:
    feed = read("problems.ics")
    assert feed.problems == (
        EventProblem("backwards@example.org", "DTEND before DTSTART"),
        EventProblem("no-start@example.org", "no DTSTART"),
        EventProblem("bad-start@example.org", "unreadable DTSTART"),
        EventProblem("negative@example.org", "negative DURATION"),
    )
    assert [e.uid for e in feed.events] == ["good@example.org"]
    assert feed.blocked_nights == days("2025-03-12", "2025-03-14")
    assert feed.seen == 5


def test_cancelled_events_and_cancelled_instances_close_nothing() -> None:
    feed = read("cancelled.ics")
    assert "cancelled-stay@example.org" not in {e.uid for e in feed.events}
    assert feed.blocked_nights == (date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 24))
    assert [e.recurrence_id for e in feed.events] == ["2025-03-03", "2025-03-10", "2025-03-24"]
    assert feed.seen == 5  # one plain event and the four instances, the cancelled one too


def test_rrule_exdate_override_rdate_and_an_endless_rule() -> None:
    feed = read("recurring.ics")
    series = [e for e in feed.events if e.uid == "series@example.org"]
    assert [(e.recurrence_id, e.check_in, e.check_out, e.summary) for e in series] == [
        ("2025-03-03", date(2025, 3, 3), date(2025, 3, 5), "Owner block"),
        # 10 March is an EXDATE; 17 March was moved to 18-21 March.
        ("2025-03-17", date(2025, 3, 18), date(2025, 3, 21), "Owner block (moved)"),
        ("2025-03-24", date(2025, 3, 24), date(2025, 3, 26), "Owner block"),
        ("2025-03-31", date(2025, 3, 31), date(2025, 4, 2), "Owner block"),
    ]
    monthly = [e for e in feed.events if e.uid == "monthly@example.org"]
    # Every 15th from March 2025 while it starts before the horizon (today + 730 days).
    assert HORIZON_DAYS == 730
    assert [e.check_in for e in monthly][:2] == [date(2025, 3, 15), date(2025, 4, 15)]
    assert monthly[-1].check_in == date(2027, 2, 15)
    assert len(monthly) == 24
    timed = [e for e in feed.events if e.uid == "timed-series@example.org"]
    assert [e.nights for e in timed] == [(date(2025, 4, d),) for d in (6, 7, 8)]
    assert timed[0].recurrence_id == "2025-04-06T17:00:00+00:00"
    rdates = [e for e in feed.events if e.uid == "rdates@example.org"]
    assert [e.check_in for e in rdates] == [date(2025, 5, 1), date(2025, 5, 5), date(2025, 5, 10)]
    assert feed.seen == 4 + 24 + 3 + 3


def test_recurrence_ids_are_stable_across_fetches() -> None:
    first = read("recurring.ics")
    later = read("recurring.ics", today=date(2025, 3, 20))
    ids_then = {(e.uid, e.recurrence_id) for e in first.events}
    horizon = date(2025, 3, 1) + timedelta(days=HORIZON_DAYS)
    ids_later = {(e.uid, e.recurrence_id) for e in later.events if e.check_in < horizon}
    assert len(ids_later) == len(later.events) - 1  # 15 March 2027 is newly in the window
    assert ids_later <= ids_then
    assert ("series@example.org", "2025-03-24") in ids_later


def test_own_export_is_never_reimported() -> None:
    feed = read("own_export.ics", channel="airbnb")
    assert [e.uid for e in feed.events] == ["foreign-1@airbnb.com"]
    assert feed.seen == 3


def test_transparent_all_day_event_still_blocks() -> None:
    feed = read("lower_case.ics")
    holiday = by_uid(feed)["lower-3@example.org"]
    assert holiday.transparent is True
    assert date(2025, 3, 15) in feed.blocked_nights


def test_nights_before_today_are_dropped() -> None:
    feed = read("airbnb.ics", today=date(2025, 3, 7))
    first = feed.events[0]
    assert (first.check_in, first.check_out) == (date(2025, 3, 7), date(2025, 3, 10))
    assert min(feed.blocked_nights) == date(2025, 3, 7)
    later = read("airbnb.ics", today=date(2026, 3, 1))
    assert later.events == () and later.seen == 5


def test_a_far_dtend_is_capped() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:forever\r\nDTSTART;VALUE=DATE:20250301\r\n"
        b"DTEND;VALUE=DATE:99991231\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:forever-timed\r\n"
        b"DTSTART:20250301T120000Z\r\nDTEND:99991231T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    feed = parse_feed(data, today=date(2025, 3, 1), tz=TZ)
    assert [e.check_out for e in feed.events] == [date(2035, 2, 27)] * 2


def test_broken_recurrence_values_are_problems_not_crashes() -> None:
    def event(uid: str, extra: str) -> str:
        return (
            f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART;VALUE=DATE:20250305\r\n"
            f"DTEND;VALUE=DATE:20250306\r\n{extra}END:VEVENT\r\n"
        )

    body = "".join([
        event("bad-exdate", "RRULE:FREQ=DAILY;COUNT=2\r\nEXDATE:garbage\r\n"),
        event("bad-rdate", "RDATE:garbage\r\n"),
        event("bad-rid", "RECURRENCE-ID:xx\r\n"),
        event("twice-rid", "RECURRENCE-ID;VALUE=DATE:20250305\r\n" * 2),
        event("fine", ""),
    ])
    data = f"BEGIN:VCALENDAR\r\n{body}END:VCALENDAR\r\n".encode()
    feed = parse_feed(data, today=date(2025, 3, 1), tz=TZ)
    assert {p.uid for p in feed.problems} == {"bad-exdate", "bad-rdate", "bad-rid", "twice-rid"}
    assert [e.uid for e in feed.events] == ["fine"]
    assert feed.seen == 5
