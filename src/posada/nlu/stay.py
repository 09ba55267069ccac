"""The range grammar: date mentions → one ``Stay`` (check-in, exclusive check-out).

Rules (the labelling guide's): a day without a month is its next occurrence (today counts);
a month already past, or a past day of the current month, rolls to next year; "del 28 al 3"
crosses into the next month; a date said "del año que viene" is in the year after today's
("del 10 al 14 de diciembre del año que viene"); an end without a month follows the start
("del 15 de diciembre al 3" → 3 January); a start without a month takes the end's ("del 15
al 18 de diciembre"), or the month mentioned elsewhere ("en enero, del 10 al 14"); a start
plus a length gives the end ("3 noches desde el viernes"); a departure on or before a
weekend's check-in is the day the guests leave home ("el finde largo, saldríamos hoy"); a
range of days beside a weekend is the stay, not the day that names it ("el finde largo, del
21 al 24"); weekends and holidays come from ``posada.nlu.holiday_calendar``. A weekday that
contradicts its date, or an impossible date, marks a conflict. The result never holds a past
date nor a check-out on or before the check-in.
"""

from __future__ import annotations

import calendar as month_calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from posada.nlu import holiday_calendar as calendar
from posada.nlu.dates import Kind, Mention, Role, scan
from posada.nlu.model import Stay

DAY = timedelta(days=1)
_POINTS = (Kind.DAY, Kind.WEEKDAY, Kind.RELATIVE)
_ANCHOR_GAP = re.compile(r"\s?,?\s?(?:del?|de la|del dia|para|en|para el|el|es)?\s?")
_NAMING = (Kind.DAY, Kind.HOLIDAY, Kind.MONTH)
_VAGUE_HOLIDAYS = ("las fiestas", "fiestas")


@dataclass(frozen=True, slots=True)
class _Resolved:
    day: date | None
    conflict: bool = False


def read_stay(text: str, today: date) -> Stay:
    """The stay that ``text`` (normalised and masked) asks for, as of local date ``today``.

    Returns:
        A ``Stay``; its dates are ``None`` where the text gives none, ``vague`` is set for a
        range that cannot be quoted and ``conflict`` for two readings that disagree.
    """
    mentions = [_in_year(m, today) for m in scan(text)]
    if not mentions:
        return Stay()
    anchors, rest = _attach_anchors(mentions, text)
    points = [m for m in rest if m.kind in _POINTS]
    months = [m.month for m in rest if m.kind is Kind.MONTH and m.month]
    lengths = [m.nights for m in rest if m.kind is Kind.LENGTH and m.nights]
    nights = lengths[0] if lengths else None
    vague = any(m.kind is Kind.VAGUE for m in rest) or bool(months)
    next_week = any(
        m.kind is Kind.VAGUE and m.name.endswith(("semana que viene", "proxima semana"))
        for m in rest
    )
    period, period_conflict = _period(anchors, today)
    if anchors and period is None and not period_conflict:
        vague = True  # "las fiestas", "un finde de marzo"

    start_point = next((m for m in points if m.role is not Role.END), None)
    if start_point is None and len(points) >= 2:
        start_point = points[0]  # "cambiar la reserva al 20 al 23"
    later = points[points.index(start_point) + 1 :] if start_point else points
    end_point = next((m for m in later if m.role is Role.END), None)
    listed = _listed(later)
    base = period[0] if period else today
    context = months[0] if months else None
    conflict = period_conflict

    check_in: date | None = None
    check_out: date | None = None
    if start_point is not None:
        start, end = _resolve_pair(start_point, end_point or listed, today, base, context,
                                   next_week)
        if end_point is None:
            end = _Resolved(None)
        check_in, check_out = start.day, end.day
        conflict = conflict or start.conflict or end.conflict
        if end_point is None and listed is not None and check_in is not None:
            last = _resolve_end(listed, check_in, today)
            check_out = last.day + DAY if last.day else None
            conflict = conflict or last.conflict
        if check_in is not None and check_out is None and end_point is None:
            if nights:
                check_out = check_in + nights * DAY
            elif start_point.nights:
                check_out = check_in + start_point.nights * DAY
            elif period and period[0] - DAY <= check_in < period[1]:
                check_out = period[1]
    elif period is not None:
        check_in, check_out = period
        if end_point is not None and _sets_out(end_point, today, check_in):
            end_point = None  # "el finde largo, saldríamos hoy": leaving home, not the cabin
        if end_point is not None:
            end = _resolve_end(end_point, check_in, today)
            check_out, conflict = end.day, conflict or end.conflict
        elif nights:
            check_out = check_in + nights * DAY
    elif end_point is not None and nights:
        end = _resolve_end(end_point, today, today)
        if end.day is not None and end.day - nights * DAY >= today:
            check_in, check_out = end.day - nights * DAY, end.day

    if check_in is not None and check_in < today:
        check_in, check_out, conflict = None, None, True
    if check_in is not None and check_out is not None and check_out <= check_in:
        check_out, conflict = None, True
    return Stay(check_in=check_in, check_out=check_out, nights=nights,
                vague=vague and check_in is None, conflict=conflict, mentioned=True)


def _in_year(mention: Mention, today: date) -> Mention:
    """``mention`` with the year it names: "del año que viene" is the year after today's."""
    return replace(mention, year=today.year + 1) if mention.next_year else mention


def _listed(later: list[Mention]) -> Mention | None:
    """The last night of a list that follows the start ("el 11, 12 y 13" → 13)."""
    last = None
    for mention in later:
        if mention.role is not Role.LIST:
            break
        last = mention
    return last


def _attach_anchors(mentions: list[Mention], text: str) -> tuple[list[Mention], list[Mention]]:
    """Weekends and holidays, each with the day, holiday or month that names it ("el finde
    largo del 8", "el finde de carnaval", "el finde largo de mayo"); and the other mentions."""
    anchors: list[Mention] = []
    rest: list[Mention] = []
    skip = -1
    for i, mention in enumerate(mentions):
        if i == skip:
            continue
        if mention.kind is Kind.WEEKEND and i + 1 < len(mentions):
            following = mentions[i + 1]
            gap = text[mention.end : following.start]
            if (following.kind in _NAMING and _ANCHOR_GAP.fullmatch(gap)
                    and not _in_range(mentions, i + 1)):
                anchors.extend((mention, following))
                skip = i + 1
                continue
        if (
            mention.kind in _NAMING and i + 1 < len(mentions)
            and mentions[i + 1].kind is Kind.WEEKEND
            and _ANCHOR_GAP.fullmatch(text[mention.end : mentions[i + 1].start])
            and not _in_range(mentions, i)
        ):
            anchors.extend((mentions[i + 1], mention))  # "el 9 de julio, finde largo"
            skip = i + 1
            continue
        if mention.kind in (Kind.WEEKEND, Kind.HOLIDAY):
            anchors.append(mention)
        else:
            rest.append(mention)
    return anchors, rest


def _in_range(mentions: list[Mention], i: int) -> bool:
    """Whether day ``i`` starts or ends a range or list of days ("del 21 al 24", "el 11, 12 y
    13"): those days are the stay, not the name of a weekend said beside them ("el finde
    largo, del 21 al 24 de noviembre")."""
    if mentions[i].kind is not Kind.DAY:
        return False
    ends = (Role.END, Role.LIST)
    after = mentions[i + 1] if i + 1 < len(mentions) else None
    return (mentions[i].role in ends and i > 0 and mentions[i - 1].kind is Kind.DAY) or (
        after is not None and after.kind is Kind.DAY and after.role in ends)


def _period(anchors: list[Mention], today: date) -> tuple[tuple[date, date] | None, bool]:
    """The stay of the first weekend or holiday named, and whether naming it conflicted."""
    if not anchors:
        return None, False
    first = anchors[0]
    named = anchors[1] if len(anchors) > 1 and anchors[1].kind is not Kind.WEEKEND else None
    if first.kind is Kind.HOLIDAY:
        return _holiday(first.name, today), False
    if named is not None and named.kind is Kind.DAY:
        resolved = _resolve_start(named, today, today, None, False)
        if resolved.day is None:
            return None, True
        if first.long:
            return calendar.long_weekend_near(resolved.day, today), resolved.conflict
        friday = calendar.weekend_friday_around(resolved.day)
        return calendar.weekend_of(friday, today), resolved.conflict
    if first.long:
        if named is not None and named.kind is Kind.HOLIDAY:
            return _holiday(named.name, today), False
        if named is not None and named.month:
            return calendar.long_weekend_in_month(named.month, today), False
        return calendar.next_long_weekend(today), False
    if named is not None and named.kind is Kind.HOLIDAY:
        return _holiday(named.name, today), False
    if named is not None:
        return None, False  # "algún finde de marzo": which one is not said
    if first.modifier == "next":
        friday = calendar.next_weekend_friday(today)
    elif first.modifier == "other":
        friday = calendar.this_weekend_friday(today) + 7 * DAY
    else:
        friday = calendar.this_weekend_friday(today)
    return calendar.weekend_of(friday, today), False


def _holiday(name: str, today: date) -> tuple[date, date] | None:
    if name in _VAGUE_HOLIDAYS:
        return None
    if name in ("navidad", "nochebuena"):
        return calendar.christmas(today)
    if name in ("ano nuevo", "fin de ano", "reveillon"):
        return calendar.new_year(today)
    if name.startswith("carnaval"):
        return calendar.holiday_run("carnaval", today)
    return calendar.holiday_run("viernes santo", today)


def _sets_out(point: Mention, today: date, check_in: date) -> bool:
    """Whether a departure word ("salimos", "saldríamos") before a weekend or holiday names a
    day on or before its check-in, counted from today: the day the guests leave home."""
    if point.kind is Kind.RELATIVE:
        day: date | None = today + point.offset * DAY
    elif point.kind is Kind.WEEKDAY:
        assert point.weekday is not None
        day = _weekday_from(point.weekday, point.modifier, today, today, False)
    else:
        assert point.day is not None
        day = _day_on_or_after(point.day, point.month, point.year, today)
    return day is not None and day <= check_in


def _resolve_pair(
    start: Mention, end: Mention | None, today: date, base: date, context: int | None,
    next_week: bool,
) -> tuple[_Resolved, _Resolved]:
    """Start and end together, so that a month (and a year) given once serves both days."""
    month = start.month
    if end is not None and start.kind is Kind.DAY and end.kind is Kind.DAY and \
            end.month is not None:
        if start.month is None:
            month = end.month if start.day is not None and end.day is not None and (
                start.day < end.day) else (end.month - 2) % 12 + 1
            context = month
        if start.year is None and end.year is not None and month is not None:
            start = replace(start, year=end.year if month <= end.month  # "… de 2027"
                            else end.year - 1)
    first = _resolve_start(start, today, base, context, next_week)
    if end is None or first.day is None:
        return first, _Resolved(None)
    return first, _resolve_end(end, first.day, today)


def _resolve_start(
    point: Mention, today: date, base: date, context: int | None, next_week: bool
) -> _Resolved:
    if point.kind is Kind.RELATIVE:
        return _Resolved(today + point.offset * DAY)
    if point.kind is Kind.WEEKDAY:
        assert point.weekday is not None
        return _Resolved(_weekday_from(point.weekday, point.modifier, base, today, next_week))
    assert point.day is not None
    found = _day_on_or_after(point.day, point.month or context, point.year, today)
    if found is None:
        return _Resolved(None, conflict=True)
    return _Resolved(found, point.weekday is not None and found.weekday() != point.weekday)


def _resolve_end(point: Mention, start: date, today: date) -> _Resolved:
    if point.kind is Kind.RELATIVE:
        return _Resolved(today + point.offset * DAY)
    if point.kind is Kind.WEEKDAY:
        assert point.weekday is not None
        return _Resolved(start + ((point.weekday - start.weekday() - 1) % 7 + 1) * DAY)
    assert point.day is not None
    found = _day_on_or_after(point.day, point.month, point.year, start + DAY)
    if found is None:
        return _Resolved(None, conflict=True)
    return _Resolved(found, point.weekday is not None and found.weekday() != point.weekday)


def _weekday_from(weekday: int, modifier: str, base: date, today: date, next_week: bool) -> date:
    """"el viernes" → the next Friday from ``base`` (today counts); "el próximo viernes" →
    after today; "el otro viernes" a week later; "el viernes de la semana que viene" → the
    Friday of next week (weeks start on Monday)."""
    if modifier == "next_week" or (next_week and base == today):
        monday = today + (7 - today.weekday()) * DAY
        return monday + weekday * DAY
    ahead = (weekday - base.weekday()) % 7
    found = base + ahead * DAY
    if modifier == "next" and found == today:
        found += 7 * DAY
    if modifier == "other":
        found += 7 * DAY
    return found


def _day_on_or_after(day: int, month: int | None, year: int | None, first: date) -> date | None:
    """The first date on or after ``first`` with this day (and month, and year when given);
    ``None`` when no such date exists (31 June, a past year)."""
    if year is not None:
        if month is None:
            return None
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        return found if found >= first else None
    if month is not None:
        year = first.year if (month, day) >= (first.month, first.day) else first.year + 1
        try:
            return date(year, month, day)
        except ValueError:
            return None  # 31 June; 29 February of a common year
    year, month = first.year, first.month
    for _ in range(13):
        if day <= _days_in(year, month) and date(year, month, day) >= first:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _days_in(year: int, month: int) -> int:
    return month_calendar.monthrange(year, month)[1]
