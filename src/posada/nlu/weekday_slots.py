"""Days said with their weekday ("el jueves 10", "hasta el domingo 13"), checked by the
calendar.

A guest who names the weekday names it right far more often than the model hears a teen
right: "salir el domingo tres" where "domingo trece" was said (the 3rd was a Thursday, the
13th the Sunday). So a day heard as a number that does not fall on its weekday, in the month
said after it (or last before it), is a slot whose one option is the teen it is heard for
("tres": "trece"; "doce": "dos") when that day does fall on it. No slot for a weekday ending
a clause or a number counting guests or nights ("llegamos el sábado, 2 adultos"), a weekday
with no month in the note, a day that falls on it, or one that does in the next month at
most ``LONGEST_CROSSING`` nights after the day said before ("del jueves 24 de diciembre al
domingo 3"; a longer stay across the month is read as a teen heard short, as in
``posada.nlu.slots``).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

from posada.nlu.slot import DAYS, LONGEST_CROSSING, Slot, Word, day_value, is_month
from posada.nlu.spoken import PARTY_NOUNS
from posada.nlu.text import MONTHS, WEEKDAYS

#: How many words after the day its month may be said ("el domingo 13 de diciembre").
_MONTH_REACH = 3
#: Words between a day and its month ("13 de diciembre", "13 del mes de diciembre").
_BEFORE_MONTH = frozenset({"de", "del", "en", "el", "mes"})
#: Words a number counts that are no guests ("2 noches").
_COUNTED = frozenset({"noches", "noche", "dias", "mas", "cabanas", "habitaciones"})
#: Words a day said as a number comes after ("el 10", "del 10", "desde el 10", "al 13").
_DAY_LEADS = frozenset({"el", "del", "al", "desde"})
_MONTH_NUMBERS = {"setiembre": 9, **{month: n for n, month in enumerate(MONTHS, start=1)}}


def weekday_slots(words: list[Word], today: date) -> list[Slot]:
    """The slots of days heard off their weekday in ``words`` (a transcript's), for a note
    read on ``today`` (the local date; a month already past is next year's)."""
    found = []
    for i, word in enumerate(words[:-1]):
        if word.folded not in WEEKDAYS or word.clause_ends:
            continue
        day = day_value(words[i + 1])
        if day is None or _counts(words, i + 1):
            continue  # not "llegamos el sábado, 2 adultos", "el sábado 6 personas"
        month, after = _month_of(words, i + 1)
        if month is None:
            continue
        year = today.year + (date(today.year, month, monthrange(today.year, month)[1]) < today)
        weekday = WEEKDAYS.index(word.folded)
        earlier = None if after else _day_before(words, i)
        if earlier is not None and earlier > monthrange(year, month)[1]:
            continue  # "del 31 de noviembre al domingo 6": a day the month has not
        if _on(year, month, day, weekday) or (earlier is not None and day < earlier and _crosses(
                date(year, month, earlier), day, weekday)):
            continue  # "el domingo 13"; "del jueves 24 de diciembre al domingo 3" (of January)
        other = _teen_or_unit(day)
        if other is not None and (earlier is None or other > earlier) and _on(
                year, month, other, weekday):
            found.append(Slot("day", words[i + 1].start, words[i + 1].end, (DAYS[other - 1],),
                              False))
    return found


def _teen_or_unit(day: int) -> int | None:
    """The day a model hears as ``day``, by the confusion seen: a teen heard short ("tres"
    for "trece", "dos" for "doce") or a unit heard as a teen; not "diez", "once", "primero"
    (nor "veinte" for "treinta": the twenties are heard whole)."""
    return day + 10 if 2 <= day <= 9 else day - 10 if 12 <= day <= 19 else None


def _counts(words: list[Word], at: int) -> bool:
    """Whether the number ``words[at]`` counts guests or nights ("6 personas", "2 noches")."""
    after = words[at + 1].folded if at + 1 < len(words) else ""
    return after in PARTY_NOUNS or after in _COUNTED


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
    """The last day said before ``words[at]`` ("el 10", "del jueves 10", "llegamos 24 de
    diciembre"), if any."""
    return next((day_value(words[k]) for k in range(at - 1, 0, -1)
                 if day_value(words[k]) is not None and (
                     words[k - 1].folded in _DAY_LEADS or words[k - 1].folded in WEEKDAYS
                     or (k + 2 < len(words) and words[k + 1].folded == "de"
                         and is_month(words[k + 2])))),
                None)


def _month_of(words: list[Word], at: int) -> tuple[int | None, bool]:
    """The month of the day ``words[at]``, and whether it is said after it: the first said
    within ``_MONTH_REACH`` words after it, else the last said before it."""
    after = None
    for word in words[at + 1:at + 1 + _MONTH_REACH]:
        if is_month(word) or word.folded not in _BEFORE_MONTH:
            after = word if is_month(word) else None
            break  # not "del jueves 24 al 3 enero": that month is the 3rd's
    month = after or next((word for word in reversed(words[:at]) if is_month(word)), None)
    return (None if month is None else _MONTH_NUMBERS[month.folded]), after is not None
