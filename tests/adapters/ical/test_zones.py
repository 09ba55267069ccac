"""TZID names as feeds write them."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from posada.adapters.ical.zones import resolve_zone

WHEN = datetime(2025, 7, 1, 12, 0)


@pytest.mark.parametrize(
    ("tzid", "offset_hours"),
    [
        ("America/Argentina/Buenos_Aires", -3),
        ("America/Buenos_Aires", -3),
        ("america/argentina/buenos_aires", -3),
        ("Buenos Aires", -3),
        ("buenos_aires", -3),
        ("Argentina Standard Time", -3),
        ("argentina standard time", -3),
        ("Pacific Standard Time", -7),  # July: daylight time
        ("GMT-3", -3),
        ("UTC-03:00", -3),
        ("(UTC-03:00)", -3),
        ("GMT+05:30", 5.5),
        ("(UTC-03:00) Buenos Aires", -3),
        ("(UTC+01:00) Unknown City", 1),
        ("Etc/GMT+3", -3),  # the exact IANA name keeps its inverted POSIX sign
        ("UTC", 0),
        ("Z", 0),
        (" Europe/Madrid ", 2),
        ("/freeassociation.sourceforge.net/Europe/Madrid", 2),
    ],
)
def test_known_names(tzid: str, offset_hours: float) -> None:
    zone = resolve_zone(tzid)
    assert zone is not None
    assert WHEN.replace(tzinfo=zone).utcoffset() == timedelta(hours=offset_hours)


@pytest.mark.parametrize(
    "tzid", ["Mars/Olympus_Mons", "", "  ", "America", "../../etc/passwd", "GMT+15", "Nowhere"]
)
def test_unknown_names(tzid: str) -> None:
    assert resolve_zone(tzid) is None
