"""Whatever the text, day and zone: no past date, no check-out on or before check-in."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from posada.nlu import understand

FRAGMENTS = [
    "del", "al", "el", "de", "hasta", "desde", "entrada", "salida", "y", "a", "-", "/", ",",
    "15", "3", "28", "31", "29", "30", "1", "2", "12", "7", "1ro", "quince", "veintidos",
    "enero", "febrero", "febreo", "setiembre", "diciembr", "junio", "marzo", "ENERO",
    "lunes", "viernes", "sabdo", "domingo", "miercoles", "proximo", "que viene", "otro",
    "finde", "fin de semana", "largo", "finde largo", "carnaval", "semana santa", "navidad",
    "año nuevo", "mañana", "pasado mañana", "hoy", "esta noche", "a la noche", "noches",
    "3 noches", "una semana", "quincena", "la semana que viene", "somos 4", "para 2", "$50.000",
    "11 4567 8901", "a las 10", "15 hs", "K7Q2M9XD4T", "🏖️", "?", "!", "2027", "2026", "15/12",
    "3/1", "29/02", "31/06",
]
ZONES = ["America/Argentina/Buenos_Aires", "America/Argentina/Mendoza", "UTC",
         "America/Montevideo", "Europe/Madrid", "Pacific/Kiritimati"]
DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2034, 12, 31))


def _check(text: str, today: date, zone: str) -> None:
    got = understand(text, today, zone)
    if got.check_in is not None:
        assert got.check_in >= today, (text, today)
    if got.check_out is not None:
        assert got.check_out > today, (text, today)
        if got.check_in is not None:
            assert got.check_out > got.check_in, (text, today)
            assert got.nights == (got.check_out - got.check_in).days
    if got.guests is not None:
        assert 0 < got.guests < 100
    if got.needs_clarification:
        assert got.question


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=9), DAYS,
       st.sampled_from(ZONES))
def test_date_like_texts(fragments: list[str], today: date, zone: str) -> None:
    _check(" ".join(fragments), today, zone)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), DAYS, st.sampled_from(ZONES))
def test_any_text(text: str, today: date, zone: str) -> None:
    _check(text, today, zone)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 31), st.integers(1, 31), st.integers(1, 12), DAYS)
def test_day_ranges(first: int, last: int, month: int, today: date) -> None:
    _check(f"del {first} al {last}", today, ZONES[0])
    _check(f"del {first}/{month} al {last}/{month}", today, ZONES[0])
    _check(f"del {first} al {last} de {['enero', 'junio', 'diciembre'][month % 3]}", today,
           ZONES[0])


def test_the_last_day_of_a_leap_year() -> None:
    today = date(2028, 12, 31)
    _check("del 28 al 3 de enero", today, ZONES[0])
    assert understand("del 31 al 2", today).check_in == today
    assert understand("el 29 de febrero", today - timedelta(days=365)).check_in == date(
        2028, 2, 29)
