"""Weekends (Friday → Sunday) and long weekends from Argentina's holiday calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from posada.nlu import holiday_calendar as cal
from tests.nlu.helpers import parse

# Mon 30 Nov … Sun 6 Dec 2026: "este finde" and "el finde que viene" by weekday of today.
WEEKENDS = [
    ("este finde", "2026-11-30", "2026-12-04", "2026-12-06"),
    ("este finde", "2026-12-03", "2026-12-04", "2026-12-06"),
    ("este finde", "2026-12-04", "2026-12-04", "2026-12-06"),  # Friday: the current one
    ("este finde", "2026-12-05", "2026-12-05", "2026-12-06"),  # Saturday: never before today
    ("este finde", "2026-12-06", "2026-12-11", "2026-12-13"),  # Sunday: the next one
    ("el finde", "2026-12-02", "2026-12-04", "2026-12-06"),
    ("el fin de semana", "2026-12-02", "2026-12-04", "2026-12-06"),
    ("el finde que viene", "2026-12-01", "2026-12-04", "2026-12-06"),
    ("el próximo finde", "2026-12-03", "2026-12-04", "2026-12-06"),
    ("el finde que viene", "2026-12-04", "2026-12-11", "2026-12-13"),
    ("el proximo fin de semana", "2026-12-05", "2026-12-11", "2026-12-13"),
    ("el finde que viene", "2026-12-06", "2026-12-11", "2026-12-13"),
    ("el otro finde", "2026-12-01", "2026-12-11", "2026-12-13"),
    ("el finde siguiente", "2026-12-02", "2026-12-11", "2026-12-13"),
    ("el finde del 12", "2026-12-01", "2026-12-11", "2026-12-13"),
    ("el fin de semana del 19 de diciembre", "2026-12-01", "2026-12-18", "2026-12-20"),
    ("ESTE FINDE", "2026-12-02", "2026-12-04", "2026-12-06"),
    ("el finde, 3 noches", "2026-12-02", "2026-12-04", "2026-12-07"),
]

LONG = [
    ("el finde largo del 8", "2026-12-01", "2026-12-04", "2026-12-08"),  # Sat 5 – Tue 8
    ("el fin de semana largo del 8 de diciembre", "2026-12-01", "2026-12-04", "2026-12-08"),
    ("el finde largo", "2026-12-01", "2026-12-04", "2026-12-08"),
    ("el feriado largo", "2026-12-01", "2026-12-04", "2026-12-08"),
    ("el finde largo", "2026-12-06", "2026-12-06", "2026-12-08"),  # inside the run
    ("el finde largo de carnaval", "2026-12-01", "2027-02-05", "2027-02-09"),  # Sat 6 – Tue 9
    ("para carnaval", "2026-12-01", "2027-02-05", "2027-02-09"),
    # run Wed 24 (Memoria) – Sun 28 March 2027, check-in the day before (see README)
    ("semana santa", "2026-12-01", "2027-03-23", "2027-03-28"),
    ("para pascuas", "2026-12-01", "2027-03-23", "2027-03-28"),
    ("semana santa", "2026-01-10", "2026-04-01", "2026-04-05"),  # Thu 2 – Sun 5 April 2026
    ("el finde largo de julio", "2026-12-01", "2027-07-08", "2027-07-11"),  # Fri 9 – Sun 11
    ("el 9 de julio finde largo", "2026-12-01", "2027-07-08", "2027-07-11"),
    ("para navidad", "2026-12-01", "2026-12-24", "2026-12-26"),
    ("para nochebuena", "2026-12-01", "2026-12-24", "2026-12-26"),
    ("para navidad", "2026-12-26", "2027-12-24", "2027-12-26"),
    ("para año nuevo", "2026-12-01", "2026-12-31", "2027-01-02"),
    ("3 noches para año nuevo", "2026-12-01", "2026-12-31", "2027-01-03"),
    ("para fin de año", "2026-12-01", "2026-12-31", "2027-01-02"),
]


@pytest.mark.parametrize(("text", "today", "check_in", "check_out"), WEEKENDS + LONG)
def test_weekend_stays(text: str, today: str, check_in: str, check_out: str) -> None:
    got = parse(f"tienen lugar {text}?", today).to_json()
    assert (got["check_in"], got["check_out"], got["needs_clarification"]) == (
        check_in, check_out, False)


def test_a_long_weekend_is_a_run_of_three_days_or_more_with_a_holiday() -> None:
    runs = list(cal.long_weekends(date(2026, 12, 1)))
    assert runs[0] == (date(2026, 12, 5), date(2026, 12, 8))
    for first, last in runs:
        days = [first + timedelta(days=k) for k in range((last - first).days + 1)]
        assert len(days) >= 3
        assert all(cal.is_non_working(day) for day in days)
        assert any(cal.is_holiday(day) for day in days)
        assert not cal.is_non_working(first - timedelta(days=1))
        assert not cal.is_non_working(last + timedelta(days=1))
    # 1 May 2027 is a Saturday: that Saturday and Sunday are no long weekend
    assert (date(2027, 5, 1), date(2027, 5, 2)) not in runs


def test_bridge_days_count_as_holidays() -> None:
    assert cal.is_holiday(date(2026, 12, 7))  # "Feriado con fines turísticos"
    assert cal.is_non_working(date(2026, 12, 5))
    assert not cal.is_non_working(date(2026, 12, 9))


# An explicit range said beside a long weekend or holiday: the range is the stay. As of
# 1 November 2026 the long weekend of 23 November (stay 20 → 23) must not move the check-in
# to the 20th, nor its check-in (6 November) start a stay that ends in March.
RANGES_BESIDE = [
    ("del veintiuno al veinticuatro de noviembre", "2026-12-01", "2027-11-21", "2027-11-24"),
    ("del veintiuno al veinticuatro de noviembre", "2026-11-01", "2026-11-21", "2026-11-24"),
    ("del doce al quince de marzo", "2026-12-01", "2027-03-12", "2027-03-15"),
    ("del doce al quince de marzo", "2026-11-01", "2027-03-12", "2027-03-15"),
]


@pytest.mark.parametrize("weekend", ["el fin de semana largo", "el finde largo", "el feriado"])
@pytest.mark.parametrize(("days", "today", "check_in", "check_out"), RANGES_BESIDE)
@pytest.mark.parametrize("weekend_first", [True, False], ids=["before", "after"])
def test_an_explicit_range_decides_over_a_long_weekend(
    weekend: str, days: str, today: str, check_in: str, check_out: str, weekend_first: bool
) -> None:
    said = f"{weekend}, {days}" if weekend_first else f"{days}, {weekend}"
    got = parse(f"Queríamos ir {said}, seríamos cuatro.", today).to_json()
    assert (got["check_in"], got["check_out"], got["needs_clarification"]) == (
        check_in, check_out, False)
