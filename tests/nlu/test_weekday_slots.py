"""Days heard off the weekday said with them are slots of the days that fall on it."""

from __future__ import annotations

from datetime import date

import pytest

from posada.nlu.slots import find_slots

TODAY = date(2026, 11, 3)  # a Tuesday


def day_slots(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[slot.start:slot.end], slot.options)
            for slot in find_slots(text, party_known=True, stay_known=True, today=TODAY)
            if slot.kind == "day"]


def test_a_teen_heard_short_is_the_day_that_falls_on_its_weekday() -> None:
    # 10 December 2026 is a Thursday; the 3rd a Thursday too, the 13th the Sunday
    assert day_slots("entrar el jueves diez de diciembre y salir el domingo tres") == [
        ("tres", ("trece",))]
    # the month said after the day; April 2027: the 2nd a Friday, the 12th a Monday
    assert day_slots("llegar el lunes dos de abril y quedarme hasta el viernes dieciséis") == [
        ("dos", ("doce",))]


@pytest.mark.parametrize("text", [
    "entrar el jueves 10 de diciembre y salir el domingo 13",  # both fall on their weekdays
    "del jueves 24 de diciembre al domingo 3, somos 2",  # the 3rd of January, a Sunday
    "llegamos el domingo 3 y nos quedamos dos noches",  # no month: nothing to check by
    "el sábado 19 de junio, dos noches",  # 19 June 2027 is a Saturday
    # found by a breaking pass: a party or nights after the weekday, a day the month has not,
    # a first day said without "el", a crossing longer than three weeks, a guest's weekday
    # off by no confusion a model makes, the next day's month
    "del 5 de diciembre, llegamos el sábado, 2 adultos", "el sábado 6 personas",
    "el viernes 2 noches de diciembre", "del 31 de noviembre al domingo 6",
    "llegamos 24 de diciembre y nos vamos domingo 3", "del viernes 18 de diciembre al domingo 10",
    "el viernes 5 de diciembre", "el sábado 10 de enero", "el lunes 21 de marzo",
    "el viernes primero de diciembre", "del jueves 24 al 3 enero",
])
def test_a_day_on_its_weekday_or_with_no_month_is_no_slot(text: str) -> None:
    assert day_slots(text) == []


def test_without_today_weekdays_are_not_checked() -> None:
    text = "entrar el jueves diez de diciembre y salir el domingo tres"
    assert [slot.kind for slot in find_slots(text, party_known=True, stay_known=True)] == []
