"""Weekends, long weekends and the named holidays, as stays ``(check_in, check_out)``.

A weekend stay is Friday → Sunday. A long weekend is a run of three or more consecutive
non-working days (Saturdays, Sundays and every day of ``holidays.country_holidays("AR",
language="es")``, which includes the bridge days "Feriado con fines turísticos" and Jueves
Santo) holding at least one holiday; like a weekend, its stay checks in the day before the
run and checks out on the run's last day. Check-in is never before ``today``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache

DAY = timedelta(days=1)
FRIDAY, SATURDAY, SUNDAY = 4, 5, 6
_SEARCH_YEARS = 2


@lru_cache(maxsize=16)
def holidays_of(year: int) -> dict[date, str]:
    """Argentina's national holidays of ``year`` (local dates → Spanish names)."""
    import holidays  # imported on first use: about 80 ms that most messages never need

    return dict(holidays.country_holidays("AR", language="es", years=year).items())


def is_holiday(day: date) -> bool:
    return day in holidays_of(day.year)


def is_non_working(day: date) -> bool:
    """Saturdays, Sundays and national holidays (bridge days included)."""
    return day.weekday() >= SATURDAY or is_holiday(day)


def _clamp(check_in: date, check_out: date, today: date) -> tuple[date, date] | None:
    check_in = max(check_in, today)
    return (check_in, check_out) if check_out > check_in else None


def weekend_of(friday: date, today: date) -> tuple[date, date] | None:
    """The Friday → Sunday stay starting ``friday``, checking in no earlier than ``today``."""
    return _clamp(friday, friday + 2 * DAY, today)


def this_weekend_friday(today: date) -> date:
    """The Friday of "este finde": this week's on Monday to Saturday, next week's on Sunday."""
    weekday = today.weekday()
    if weekday == SUNDAY:
        return today + 5 * DAY
    return today + (FRIDAY - weekday) * DAY


def next_weekend_friday(today: date) -> date:
    """The Friday of "el finde que viene": as "este finde" from Monday to Thursday, the one
    after the current weekend from Friday to Sunday."""
    weekday = today.weekday()
    if weekday < FRIDAY:
        return this_weekend_friday(today)
    return today + (FRIDAY + 7 - weekday) * DAY


def weekend_friday_around(day: date) -> date:
    """The Friday of the weekend that ``day`` belongs to (Friday to Sunday), or of the next
    weekend when ``day`` is Monday to Thursday."""
    weekday = day.weekday()
    if weekday >= FRIDAY:
        return day - (weekday - FRIDAY) * DAY
    return day + (FRIDAY - weekday) * DAY


def _run(day: date) -> tuple[date, date]:
    """The first and last day of the run of non-working days holding ``day``."""
    first = last = day
    while is_non_working(first - DAY):
        first -= DAY
    while is_non_working(last + DAY):
        last += DAY
    return first, last


def _is_long(first: date, last: date) -> bool:
    if (last - first).days < 2:
        return False
    return any(is_holiday(first + k * DAY) for k in range((last - first).days + 1))


def _as_stay(first: date, last: date, today: date) -> tuple[date, date] | None:
    return _clamp(first - DAY, last, today)


def long_weekends(today: date) -> Iterator[tuple[date, date]]:
    """Each long weekend (first, last non-working day) whose stay has a night from ``today``
    on, in order, over the next two years."""
    day = today
    end = today.replace(year=today.year + _SEARCH_YEARS, day=min(today.day, 28))
    while day < end:
        if is_non_working(day):
            first, last = _run(day)
            if _is_long(first, last) and last > today:
                yield first, last
            day = last + DAY
        else:
            day += DAY


def next_long_weekend(today: date) -> tuple[date, date] | None:
    """The stay of the next long weekend ("el finde largo" alone)."""
    for first, last in long_weekends(today):
        return _as_stay(first, last, today)
    return None


def long_weekend_near(day: date, today: date) -> tuple[date, date] | None:
    """The stay of the long weekend holding ``day`` ("el finde largo del 8"), or of one that
    starts or ends within three days of it."""
    for offset in (0, 1, -1, 2, -2, 3, -3):
        probe = day + offset * DAY
        if is_non_working(probe):
            first, last = _run(probe)
            if _is_long(first, last):
                return _as_stay(first, last, today)
    return None


def long_weekend_in_month(month: int, today: date) -> tuple[date, date] | None:
    """The stay of the next long weekend with a holiday in ``month`` (1–12), within a year
    from ``today``; ``None`` when that month has none (then the guest is asked)."""
    for first, last in long_weekends(today):
        if first > today + 366 * DAY:
            return None
        days = ((first + k * DAY) for k in range((last - first).days + 1))
        if any(d.month == month and is_holiday(d) for d in days):
            return _as_stay(first, last, today)
    return None


def holiday_run(name: str, today: date) -> tuple[date, date] | None:
    """The stay around the next holiday whose name contains ``name`` (lower case, e.g.
    ``"carnaval"``, ``"viernes santo"``): the whole run of non-working days holding it."""
    for year in range(today.year, today.year + _SEARCH_YEARS + 1):
        for day, label in sorted(holidays_of(year).items()):
            if name not in label.lower():
                continue
            first, last = _run(day)
            stay = _as_stay(first, last, today)
            if stay is not None:
                return stay
    return None


def christmas(today: date) -> tuple[date, date]:
    """"Para navidad": 24 → 26 December, this year's unless 24 December has passed."""
    year = today.year if today <= date(today.year, 12, 24) else today.year + 1
    return date(year, 12, 24), date(year, 12, 26)


def new_year(today: date) -> tuple[date, date]:
    """"Para año nuevo": 31 December of ``today``'s year → 2 January."""
    return date(today.year, 12, 31), date(today.year + 1, 1, 2)
