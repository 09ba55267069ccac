"""Whole messages as guests write them: intent and stay together (as of 1 December 2026)."""

from __future__ import annotations

import pytest

from tests.nlu.helpers import parse

MESSAGES = [
    ("quisiera saber disponibilidad para los días 10, 11 y 12 de enero",
     "availability", "2027-01-10", "2027-01-13", None),
    ("llegando el 5 y saliendo el 9 de enero", "availability", "2027-01-05", "2027-01-09", None),
    ("con entrada el 3 y salida el 6 de enero", "availability", "2027-01-03", "2027-01-06", None),
    ("ingresando el viernes 15 de enero y retirándonos el domingo 17",
     "availability", "2027-01-15", "2027-01-17", None),
    ("2 noches a partir de mañana", "availability", "2026-12-02", "2026-12-04", None),
    ("desde el 27/12 hasta el 2/1", "availability", "2026-12-27", "2027-01-02", None),
    ("el feriado del 9 de julio", "availability", "2027-07-08", "2027-07-11", None),
    ("cualquier finde de marzo, cuanto sale?", "price", None, None, "dates"),
    ("8-10 diciembre", "availability", "2026-12-08", "2026-12-10", None),
    ("diciembre 8 al 10", "availability", "2026-12-08", "2026-12-10", None),
    ("del tres al siete de enero", "availability", "2027-01-03", "2027-01-07", None),
    ("quiero ir 2 noches, llegando el jueves", "availability", "2026-12-03", "2026-12-05", None),
    ("Consulta: disponibilidad para 2 personas en enero", "availability", None, None, "dates"),
    ("me pasás precios para enero?", "price", None, None, "dates"),
    ("quería saber cuánto cobran la noche", "price", None, None, "dates"),
    ("se puede reservar?", "book", None, None, "dates"),
    ("quiero hacer una reserva del 4 al 6", "book", "2026-12-04", "2026-12-06", None),
    ("Necesito cancelar mi reserva", "cancel", None, None, None),
    ("hasta qué hora puedo hacer el check out?", "info", None, None, None),
    ("¿cuántas personas entran en la grande?", "info", None, None, None),
    ("¿puedo ir con mi perro?", "info", None, None, None),
    ("me pasas el numero del dueño?", "human_handoff", None, None, None),
    ("Hola! Te ofrezco diseño web para tu negocio", "other", None, None, None),
    ("tienen para el 15?", "availability", "2026-12-15", None, "check_out"),
    ("hay para 4 este finde?", "availability", "2026-12-04", "2026-12-06", None),
    ("quiero alquilar del 2 al 5", "book", "2026-12-02", "2026-12-05", None),
    ("tienen lugar 2 noches? el 18 y 19", "availability", "2026-12-18", "2026-12-20", None),
    ("para el sabado 19 por 1 noche", "availability", "2026-12-19", "2026-12-20", None),
    ("del 20/12 al 22/12 para 2 adultos y 1 bebé",
     "availability", "2026-12-20", "2026-12-22", None),
    ("buenas tardes. consulto por disponibilidad del 2 al 6 de febrero para 5 personas. gracias",
     "availability", "2027-02-02", "2027-02-06", None),
    ("hola, quiero saber si tienen disponible alguna cabaña para el fin de semana "
     "largo de noviembre",
     "availability", None, None, "dates"),  # none within a year
    ("tenés algo para mañana?", "availability", "2026-12-02", None, "check_out"),
    ("tienen lugar para hoy a la noche?", "availability", "2026-12-01", None, "check_out"),
    ("CUANTO SALE DEL 3 AL 5 DE ENERO PARA 4 PERSONAS", "price", "2027-01-03", "2027-01-05", None),
    ("precio del 3 al 5/1", "price", "2027-01-03", "2027-01-05", None),
    ("hay lugar el 24/12 por 3 noches", "availability", "2026-12-24", "2026-12-27", None),
    ("reservame el finde del 12 para 2", "book", "2026-12-11", "2026-12-13", None),
    ("tienen libre del 2 de enero hasta el 6?", "availability", "2027-01-02", "2027-01-06", None),
    ("disponibilidad 7 al 10 de marzo", "availability", "2027-03-07", "2027-03-10", None),
    ("del 7 de marzo al 10 de marzo del 2027", "availability", "2027-03-07", "2027-03-10", None),
    ("del 5 al 8 de febrero de 2027", "availability", "2027-02-05", "2027-02-08", None),
    ("hay disponibilidad el 31/12 y el 1/1?", "availability", "2026-12-31", "2027-01-02", None),
    ("ok, del 10 al 15 entonces. la tomamos!", "book", "2026-12-10", "2026-12-15", None),
    ("tienen algo el 20? somos 2, nos quedaríamos 3 noches",
     "availability", "2026-12-20", "2026-12-23", None),
    ("para 2 personas 5 noches desde el 3 de febrero",
     "availability", "2027-02-03", "2027-02-08", None),
]


@pytest.mark.parametrize(("text", "intent", "check_in", "check_out", "missing"), MESSAGES)
def test_message(text: str, intent: str, check_in: str | None, check_out: str | None,
                 missing: str | None) -> None:
    got = parse(text).to_json()
    assert (got["intent"], got["check_in"], got["check_out"], got["what_is_missing"]) == (
        intent, check_in, check_out, missing)
