"""The range grammar: each rule of the labelling guide with many phrasings of its own."""

from __future__ import annotations

import pytest

from tests.nlu.helpers import TODAY, parse

T = TODAY.isoformat()  # Tuesday 1 December 2026

# (text, today, check_in, check_out, what_is_missing)
RANGES = [
    ("del 15 al 18 de diciembre", T, "2026-12-15", "2026-12-18", None),
    ("del 15 al 18 de dic", T, "2026-12-15", "2026-12-18", None),
    ("15 al 18 de diciembre", T, "2026-12-15", "2026-12-18", None),
    ("desde el 15 hasta el 18 de diciembre", T, "2026-12-15", "2026-12-18", None),
    ("15-18 de enero", T, "2027-01-15", "2027-01-18", None),
    ("15 a 18 de enero", T, "2027-01-15", "2027-01-18", None),
    ("entre el 3 y el 6 de febrero", T, "2027-02-03", "2027-02-06", None),
    ("del 15 de marzo al 18", T, "2027-03-15", "2027-03-18", None),
    ("del 20 de diciembre 2026 al 2 de enero 2027", T, "2026-12-20", "2027-01-02", None),
    ("DEL 10 AL 14 DE ENERO", T, "2027-01-10", "2027-01-14", None),
    ("del 10 al 14 de enero 🏖️🌞", T, "2027-01-10", "2027-01-14", None),
    # a year said once, at the end, is the whole stay's (not a stay of a year and 4 days)
    ("del cuatro al ocho de noviembre de dos mil veintisiete", T, "2027-11-04", "2027-11-08",
     None),
    ("del 4 al 8 de diciembre de 2027", T, "2027-12-04", "2027-12-08", None),
    ("del 28 de diciembre al 3 de enero de 2028", T, "2027-12-28", "2028-01-03", None),
    ("del 28 al 3 de enero de 2028", T, "2027-12-28", "2028-01-03", None),
]
DAY_FIRST = [
    ("15/12 al 18/12", T, "2026-12-15", "2026-12-18", None),
    ("del 15/1 al 18/1", T, "2027-01-15", "2027-01-18", None),
    ("del 05/01/2027 al 09/01/2027", T, "2027-01-05", "2027-01-09", None),
    ("del 3/2 al 5/2", T, "2027-02-03", "2027-02-05", None),  # never 2 March
    ("del 28/12 al 3/1", T, "2026-12-28", "2027-01-03", None),
    ("ingreso 20/1 egreso 25/1", T, "2027-01-20", "2027-01-25", None),
    ("check in 10/1 check out 12/1", T, "2027-01-10", "2027-01-12", None),
    ("checkin 5/1 checkout 9/1", T, "2027-01-05", "2027-01-09", None),
]
CROSSING = [
    ("del 28 al 3", T, "2026-12-28", "2027-01-03", None),
    ("del 30 de enero al 2 de febrero", T, "2027-01-30", "2027-02-02", None),
    ("del 28 de diciembre al 2", T, "2026-12-28", "2027-01-02", None),
    ("del 28 al 2 de enero", T, "2026-12-28", "2027-01-02", None),
    ("del 29 al 2", "2027-01-20", "2027-01-29", "2027-02-02", None),
]
ENTRY_EXIT = [
    ("entrada el 20 salida el 23", T, "2026-12-20", "2026-12-23", None),
    ("llegamos el 20 y nos vamos el 23", T, "2026-12-20", "2026-12-23", None),
    ("llegaríamos el 10 de enero y nos iríamos el 15", T, "2027-01-10", "2027-01-15", None),
    # found writing blind fixtures: a guest's "volvernos el 7"
    ("llegar el dos de marzo y volvernos el siete", T, "2027-03-02", "2027-03-07", None),
    # ... and "volverme el viernes 16", "me vuelvo el 7", "regresar el 8"
    ("llegar el lunes doce de abril y volverme el viernes dieciséis", T, "2027-04-12",
     "2027-04-16", None),
    ("llego el 3 de mayo y me vuelvo el 7", T, "2027-05-03", "2027-05-07", None),
    ("entro el 3 de marzo y pensamos regresar el 8", T, "2027-03-03", "2027-03-08", None),
    ("el 11 12 y 13, nos iriamos el 14", T, "2026-12-11", "2026-12-14", None),
    ("el lunes 7 y martes 8, nos vamos el miercoles 9", T, "2026-12-07", "2026-12-09", None),
    ("quiero ir el 20, 21 y 22 de enero", T, "2027-01-20", "2027-01-23", None),
    ("el sabado 5 y domingo 6", T, "2026-12-05", "2026-12-07", None),
    ("entramos el 19 y salimos el 22 de enero", T, "2027-01-19", "2027-01-22", None),
    ("llegamos el 19 y nos vamos el 22 de enero", T, "2027-01-19", "2027-01-22", None),
    ("entrando el 19 y saliendo el 22 de enero", T, "2027-01-19", "2027-01-22", None),
]
#: The verb said after the day: "el 19 entramos y el 22 salimos"; a month after the leaving
#: verb is that day's ("el 28 entramos y el 3 salimos de enero" crosses the year).
VERB_AFTER = [
    ("el 19 entramos y el 22 salimos de enero, somos 2", T, "2027-01-19", "2027-01-22", None),
    ("el 28 entramos y el 3 salimos de enero", T, "2026-12-28", "2027-01-03", None),
    ("el 19 de enero entramos y el 22 salimos", T, "2027-01-19", "2027-01-22", None),
    ("el 19 llegamos y el 22 nos vamos", T, "2026-12-19", "2026-12-22", None),
    ("el 19 llegamos, el 22 nos vamos", T, "2026-12-19", "2026-12-22", None),
    ("el 19 llegamos el 22 salimos", T, "2026-12-19", "2026-12-22", None),
    ("el 19 entro y el 22 salgo de enero", T, "2027-01-19", "2027-01-22", None),
    ("llegamos el 19 y el 22 salimos", T, "2026-12-19", "2026-12-22", None),
    ("el viernes llegamos y el domingo nos vamos", T, "2026-12-04", "2026-12-06", None),
    # a verb after a day whose role the words before it gave belongs to the next day
    ("llegamos el 19 salimos el 22", T, "2026-12-19", "2026-12-22", None),
    ("del 19 al 22 llegamos temprano", T, "2026-12-19", "2026-12-22", None),
    # "nos vamos" after a list or a lone day is going away, not leaving the cabin
    ("el 20, 21 y 22 nos vamos a las sierras", T, "2026-12-20", "2026-12-23", None),
    ("el 20 nos vamos para alla y volvemos el 24", T, "2026-12-20", "2026-12-24", None),
    ("el 20 nos vamos", T, "2026-12-20", None, "check_out"),
    # found by a breaking pass: a day out during the stay is no check-out
    ("el 10 de enero y el 12 salimos de excursion, nos vamos el 15", T, "2027-01-10",
     "2027-01-15", None),
    ("el 10 de enero, el 11 me voy a Bariloche por el dia, me quedo hasta el 14", T,
     "2027-01-10", "2027-01-14", None),
    ("el 8 de enero llegamos, el 9 dejamos el auto en la cochera", T, "2027-01-08", None,
     "check_out"),
]
LENGTHS = [
    ("3 noches desde el viernes", T, "2026-12-04", "2026-12-07", None),
    ("desde el viernes 3 noches", T, "2026-12-04", "2026-12-07", None),
    ("el viernes por tres noches", T, "2026-12-04", "2026-12-07", None),
    ("dos noches desde el sabado", T, "2026-12-05", "2026-12-07", None),
    ("un par de noches desde el 10", T, "2026-12-10", "2026-12-12", None),
    ("desde mañana por 2 noches", T, "2026-12-02", "2026-12-04", None),
    ("mañana 2 noches", T, "2026-12-02", "2026-12-04", None),
    ("pasado mañana por una noche", T, "2026-12-03", "2026-12-04", None),
    ("una semana desde el 10 de enero", T, "2027-01-10", "2027-01-17", None),
    ("a partir del 10 de enero una semana", T, "2027-01-10", "2027-01-17", None),
    ("2 semanas desde el 3 de enero", T, "2027-01-03", "2027-01-17", None),
    ("para el 2 de enero, 3 noches", T, "2027-01-02", "2027-01-05", None),
    ("el 1 de diciembre por 2 noches", T, "2026-12-01", "2026-12-03", None),
    ("la noche del 24", T, "2026-12-24", "2026-12-25", None),
    ("para esta noche", T, "2026-12-01", "2026-12-02", None),
]
WEEKDAYS = [
    ("del jueves al domingo", T, "2026-12-03", "2026-12-06", None),
    ("de viernes a domingo", T, "2026-12-04", "2026-12-06", None),
    ("del viernes al lunes", T, "2026-12-04", "2026-12-07", None),
    ("viernes a lunes", T, "2026-12-04", "2026-12-07", None),
    ("del miercoles al sabdo", T, "2026-12-02", "2026-12-05", None),
    ("el jueves que viene hasta el domingo", T, "2026-12-03", "2026-12-06", None),
    ("el viernes de la semana que viene", T, "2026-12-11", None, "check_out"),
    ("de lunes a viernes la semana que viene", T, "2026-12-07", "2026-12-11", None),
    ("del martes 8 al jueves 10", T, "2026-12-08", "2026-12-10", None),
]
MONTH_CONTEXT = [
    ("en enero, del 10 al 14", T, "2027-01-10", "2027-01-14", None),
    ("para enero del 10 al 14", T, "2027-01-10", "2027-01-14", None),
    ("del 10 al 14 en enero", T, "2027-01-10", "2027-01-14", None),
]
ROLLING = [
    ("del 1 al 3", T, "2026-12-01", "2026-12-03", None),  # today counts
    ("del 30 de noviembre al 2 de diciembre", T, "2027-11-30", "2027-12-02", None),
    ("del 10 al 12 de noviembre", T, "2027-11-10", "2027-11-12", None),
    ("del 2 al 5", "2026-12-10", "2027-01-02", "2027-01-05", None),
    ("del 15 al 18 de diciembre", "2026-12-16", "2027-12-15", "2027-12-18", None),
]
SPELLINGS = [
    ("del quince al dieciocho", T, "2026-12-15", "2026-12-18", None),
    ("del veintidós al veintiséis de enero", T, "2027-01-22", "2027-01-26", None),
    ("del veintidos al veintitres de enero", T, "2027-01-22", "2027-01-23", None),
    ("del primero al cinco de marzo", T, "2027-03-01", "2027-03-05", None),
    ("del diez y seis al veinte de enero", T, "2027-01-16", "2027-01-20", None),
    ("del diez y siete al diez y nueve de enero", T, "2027-01-17", "2027-01-19", None),
    ("del diez y ocho al veinte y uno de enero", T, "2027-01-18", "2027-01-21", None),
    ("del veinte y cuatro al veinte y ocho de enero", T, "2027-01-24", "2027-01-28", None),
    ("del veinte y nueve de enero al dos de febrero", T, "2027-01-29", "2027-02-02", None),
    ("el diez y once de enero", T, "2027-01-10", "2027-01-12", None),
    ("del 1ro al 5 de marzo", T, "2027-03-01", "2027-03-05", None),
    ("del 10 al 14 de setiembre", T, "2027-09-10", "2027-09-14", None),
    ("del 10 al 14 de febreo", T, "2027-02-10", "2027-02-14", None),
    ("del 10 al 14 de diciembr", T, "2026-12-10", "2026-12-14", None),
    ("del 21 al 25 de abirl", T, "2027-04-21", "2027-04-25", None),
    ("del 6 al 8 de enro", T, "2027-01-06", "2027-01-08", None),
    ("del 2 al 4 de agsoto", T, "2027-08-02", "2027-08-04", None),
    ("DEL VIERNES AL DOMINGO", T, "2026-12-04", "2026-12-06", None),
]
#: "del año que viene" after a date puts it in the year after today's (as of 3 December
#: 2026, December is still this year without it).
D3 = "2026-12-03"
NEXT_YEAR = [
    *((f"del 10 al 14 de diciembre{said}", D3, "2027-12-10", "2027-12-14", None) for said in (
        " del año que viene, somos 2", " el año que viene", " del año próximo",
        " del próximo año", " el año próximo", ", del año que viene")),
    ("del 10/12 al 14/12 del año que viene", D3, "2027-12-10", "2027-12-14", None),
    ("del 28 de diciembre del año que viene al 3 de enero", D3, "2027-12-28", "2028-01-03",
     None),
    ("del 10 al 14 de enero del año que viene", D3, "2027-01-10", "2027-01-14", None),
    ("del 10 al 14 de enero del año que viene", "2026-03-02", "2027-01-10", "2027-01-14",
     None),
    # the year is the one after today's, not a year after the date
    ("del 10 al 14 de enero del año que viene", "2027-01-05", "2028-01-10", "2028-01-14",
     None),
    # without a date, the year alone is no stay
    ("el año que viene volvemos, somos 2", D3, None, None, "dates"),
]
NOT_DATES = [
    ("llegamos a la mañana del 15 y nos vamos el 17", T, "2026-12-15", "2026-12-17", None),
    ("del 15 al 17, llegamos a la noche", T, "2026-12-15", "2026-12-17", None),
    ("del 15 al 17, llegamos 15 hs", T, "2026-12-15", "2026-12-17", None),
    ("del 15 al 17 mi cel 11 4567 8901", T, "2026-12-15", "2026-12-17", None),
    ("del 15 al 17, vi que estaba $50.000", T, "2026-12-15", "2026-12-17", None),
    ("del 15 al 17, 50 lucas la noche?", T, "2026-12-15", "2026-12-17", None),
    ("del 15 al 17 a las 10", T, "2026-12-15", "2026-12-17", None),
    ("del 7 al 9 de enero. mi dni es 30123456", T, "2027-01-07", "2027-01-09", None),
    ("del 4 al 6 somos 2 adultos y 1 nene de 3 años", T, "2026-12-04", "2026-12-06", None),
    ("del 4 al 6 para 5", T, "2026-12-04", "2026-12-06", None),
    ("mañana a la tarde llegamos, 2 noches", T, "2026-12-02", "2026-12-04", None),
    ("para 2 del 11 al 13", T, "2026-12-11", "2026-12-13", None),
    ("para 4 el finde que viene", "2026-12-04", "2026-12-11", "2026-12-13", None),
]


@pytest.mark.parametrize(
    ("text", "today", "check_in", "check_out", "missing"),
    RANGES + DAY_FIRST + CROSSING + ENTRY_EXIT + VERB_AFTER + LENGTHS + WEEKDAYS
    + MONTH_CONTEXT + ROLLING + SPELLINGS + NEXT_YEAR + NOT_DATES,
)
def test_stay(text: str, today: str, check_in: str | None, check_out: str | None,
              missing: str | None) -> None:
    got = parse(f"hola, tienen lugar {text}?", today).to_json()
    assert (got["check_in"], got["check_out"], got["what_is_missing"]) == (
        check_in, check_out, missing)


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("tienen lugar?", "dates"),
        ("la semana que viene", "dates"),
        ("la próxima semana", "dates"),
        ("en enero", "dates"),
        ("para febrero", "dates"),
        ("la primera quincena de marzo", "dates"),
        ("la segunda quincena de enero", "dates"),
        ("a fin de mes", "dates"),
        ("a principios de marzo", "dates"),
        ("en las vacaciones de invierno", "dates"),
        ("3 noches en febrero", "dates"),
        ("hasta el 18", "dates"),
        ("para las fiestas", "dates"),
        ("llegamos el 15", "check_out"),
        ("desde el viernes", "check_out"),
        ("pasado mañana", "check_out"),
        ("el lunes 8", "check_out"),  # check-out is asked first, then which
        ("del lunes 8 al jueves 10", "which"),
        ("el 31 de junio", "which"),
        ("del 30 de febrero al 3 de marzo", "which"),
        ("del 29 de febrero al 3 de marzo", "which"),  # 2027 is not a leap year
        ("del 15 al 18, somos varios", "guests"),
        ("del 15 al 18, vamos con unos amigos", "guests"),
        ("del 15 al 18 para una familia", "guests"),
    ],
)
def test_clarification(text: str, missing: str) -> None:
    got = parse(f"tienen lugar {text}")
    assert got.needs_clarification
    assert got.what_is_missing is not None and got.what_is_missing.value == missing
    assert got.question and got.question.startswith("¿")


def test_which_keeps_the_date_by_its_number() -> None:
    got = parse("tienen lugar del lunes 8 al jueves 10?")
    assert got.check_in is not None and got.check_in.isoformat() == "2026-12-08"
    assert got.question is not None and "martes 8 de diciembre" in got.question


def test_a_whole_month_of_29_february_in_a_leap_year() -> None:
    got = parse("hay lugar del 29 de febrero al 3 de marzo?", "2027-12-01")
    assert (got.to_json()["check_in"], got.to_json()["check_out"]) == (
        "2028-02-29", "2028-03-03")


@pytest.mark.parametrize("text", ["buenas noches", "buen día", "que tengas buen finde",
                                  "llegamos a la noche", "hay lugar a la mañana?",
                                  "mi número es 11 4567 8901", "cuesta $120.000?",
                                  "la reserva K7Q2M9XD4T", "somos 4", "a las 10"])
def test_not_dates(text: str) -> None:
    got = parse(text)
    assert got.check_in is None and got.check_out is None


@pytest.mark.parametrize(
    ("text", "check_in"),
    [("mañana", "2026-12-02"), ("para mañana", "2026-12-02"), ("hoy", "2026-12-01"),
     ("pasado mañana", "2026-12-03"), ("mañana a la mañana", "2026-12-02")],
)
def test_relative_days(text: str, check_in: str) -> None:
    assert parse(f"tienen lugar {text}").to_json()["check_in"] == check_in
