"""Days said with their weekday ("el jueves 10", "hasta el domingo 13"), checked by the
calendar.

A guest who names the weekday names it right far more often than the model hears a teen
right: "salir el domingo tres" where "domingo trece" was said (the 3rd was a Thursday, the
13th the Sunday). So a day heard as a number that does not fall on its weekday, in the month
said after it (or last before it), is a slot of the days of that month that do and end the
same ("tres": the 13th or 23rd), the heard day not among them. A weekday with no month
in the note, or a day that falls on it, is no slot.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from posada.nlu.slot import DAYS, LONGEST_CROSSING, Slot, Word, day_value, is_month
from posada.nlu.text import MONTHS, WEEKDAYS

#: How many words after the day its month may be said ("el domingo 13 de diciembre").
_MONTH_REACH = 3
#: Words a day said as a number comes after ("el 10", "del 10", "desde el 10", "al 13").
_DAY_LEADS = frozenset({"el", "del", "al", "desde"})
_MONTH_NUMBERS = {"setiembre": 9, **{month: n for n, month in enumerate(MONTHS, start=1)}}


def weekday_slots(words: list[Word], today: date) -> list[Slot]:
    """The slots of days heard off their weekday in ``words`` (a transcript's), for a note
    read on ``today`` (the local date; a month already past is next year's)."""
    found = []
    for i, word in enumerate(words[:-1]):
        day = day_value(words[i + 1])
        if word.folded not in WEEKDAYS or day is None:
            continue
        month, after = _month_of(words, i + 1)
        if month is None:
            continue
        year = today.year + (date(today.year, month, monthrange(today.year, month)[1]) < today)
        weekday = WEEKDAYS.index(word.folded)
        earlier = None if after else _day_before(words, i)
        if _on(year, month, day, weekday) or (earlier is not None and day < earlier and _crosses(
                date(year, month, earlier), day, weekday)):
            continue  # "el domingo 13"; "del jueves 24 de diciembre al domingo 3" (of January)
        options = tuple(DAYS[other - 1] for other in range(1, monthrange(year, month)[1] + 1)
                        if other % 10 == day % 10 and other != day and (
                            earlier is None or other > earlier) and _on(year, month, other,
                                                                        weekday))
        if options:
            found.append(Slot("day", words[i + 1].start, words[i + 1].end, options, False))
    return found


def _on(year: int, month: int, day: int, weekday: int) -> bool:
    return day <= monthrange(year, month)[1] and date(year, month, day).weekday() == weekday


def _crosses(first: date, day: int, weekday: int) -> bool:
    """Whether ``day`` of the month after ``first``'s falls on ``weekday`` at most
    ``LONGEST_CROSSING`` nights after ``first``."""
    month_after = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
    if day > monthrange(month_after.year, month_after.month)[1]:
        return False
    last = month_after.replace(day=day)
    return last.weekday() == weekday and (last - first).days <= LONGEST_CROSSING


def _day_before(words: list[Word], at: int) -> int | None:
    """The last day said before ``words[at]`` ("el 10", "del jueves 10"), if any."""
    return next((day_value(words[k]) for k in range(at - 1, 0, -1)
                 if day_value(words[k]) is not None
                 and (words[k - 1].folded in _DAY_LEADS or words[k - 1].folded in WEEKDAYS)),
                None)


def _month_of(words: list[Word], at: int) -> tuple[int | None, bool]:
    """The month of the day ``words[at]``, and whether it is said after it: the first said
    within ``_MONTH_REACH`` words after it, else the last said before it."""
    after = next((word for word in words[at + 1:at + 1 + _MONTH_REACH] if is_month(word)),
                 None)
    month = after or next((word for word in reversed(words[:at]) if is_month(word)), None)
    return (None if month is None else _MONTH_NUMBERS[month.folded]), after is not None
