"""The night rule for timed events: start < M(N+1) <= end."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from posada.adapters.ical.nights import timed_nights

BA = ZoneInfo("America/Argentina/Buenos_Aires")


def at(day: int, hour: int, minute: int = 0, zone: ZoneInfo = BA) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=zone)


def test_stay_from_afternoon_to_morning() -> None:
    assert timed_nights(at(5, 14), at(8, 10), BA) == (date(2025, 3, 5), date(2025, 3, 8))


def test_midnight_to_midnight_equals_the_all_day_form() -> None:
    assert timed_nights(at(5, 0), at(8, 0), BA) == (date(2025, 3, 5), date(2025, 3, 8))


def test_markers_and_zero_length() -> None:
    assert timed_nights(at(5, 10), at(5, 11), BA) is None
    assert timed_nights(at(5, 0), at(5, 0), BA) is None
    assert timed_nights(at(5, 0), at(5, 23, 59), BA) is None
    assert timed_nights(at(8, 10), at(5, 10), BA) is None  # backwards


def test_ending_exactly_at_midnight_closes_that_night() -> None:
    assert timed_nights(at(5, 23), at(6, 0), BA) == (date(2025, 3, 5), date(2025, 3, 6))
    assert timed_nights(at(6, 0), at(6, 1), BA) is None


def test_instants_in_other_zones() -> None:
    start = datetime(2025, 3, 6, 2, 30, tzinfo=UTC)  # 23:30 on the 5th in Buenos Aires
    assert timed_nights(start, start + timedelta(hours=1), BA) == (
        date(2025, 3, 5), date(2025, 3, 6),
    )


def test_midnight_skipped_by_dst() -> None:
    # Santiago de Chile jumps from 00:00 to 01:00 on 7 September 2025.
    scl = ZoneInfo("America/Santiago")
    start = datetime(2025, 9, 6, 23, 30, tzinfo=scl)
    end = datetime(2025, 9, 7, 1, 30, tzinfo=scl)
    assert timed_nights(start, end, scl) == (date(2025, 9, 6), date(2025, 9, 7))
