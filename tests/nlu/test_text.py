"""Normalisation: accents, case, emojis, number words, ordinals and month/weekday typos."""

from __future__ import annotations

import pytest

from posada.nlu.text import normalise


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Mañana ÁRBOL", "manana arbol"),
        ("del QUINCE al dieciocho", "del 15 al 18"),
        ("somos cuatro", "somos 4"),
        ("del veintidos al veintitres", "del 22 al 23"),
        # old spellings of 16-19 and 21-29, joined where a day goes
        ("del diez y seis al veinte", "del 16 al 20"),
        ("el diez y nueve de enero", "el 19 de enero"),
        ("del veinte y uno al veinte y nueve", "del 21 al 29"),
        ("veinte y dos de enero", "22 de enero"),
        ("diez y siete al veinte y tres", "17 al 23"),
        ("del diez y once", "del 10 y 11"),  # "once" is no old spelling
        ("somos diez y dos chicos", "somos 10 y 2 chicos"),  # a party, not a day
        ("somos diez y seis", "somos 10 y 6"),
        ("una pareja con un nene", "una pareja con un nene"),  # articles stay words
        ("el primero de mayo", "el 1 de mayo"),
        ("del 1° al 5", "del 1 al 5"),
        ("del 1ro al 3ro", "del 1 al 3"),
        ("la 2da quincena", "la 2 quincena"),
        ("15 de febreo", "15 de febrero"),
        ("15 de diciembr", "15 de diciembre"),
        ("15 de setiembre", "15 de septiembre"),
        ("10 de abirl", "10 de abril"),
        ("6 de enro", "6 de enero"),
        ("el sabdo", "el sabado"),
        ("el miércoles", "el miercoles"),
        ("el vierns", "el viernes"),
        ("hola 😀🏖️", "hola"),
        ("gracias 🙏", "gracias gracias"),
        ("un cuarto para dos", "un habitacion para 2"),
        ("confirmame", "confirmame"),  # a form of "confirmar", not a typo of "confirmada"
        ("nos confirman la reserva?", "nos confirman la reserva?"),
        ("me confirmas?", "me confirmas?"),
        ("cancelr", "cancelar"),
        ("holaaa", "hola"),
        ("Buen díaa ☀️", "buen dia"),
        ("buenaaas tardesss", "buenas tardes"),
        ("buenass", "buenas"),
        ("dalee, chauuu", "dale, chau"),
        ("llegamos el 15 a la arrrrayan", "llegamos el 15 a la arrayan"),
    ],
)
def test_normalise(raw: str, text: str) -> None:
    assert normalise(raw).text == text


@pytest.mark.parametrize("word", ["entero", "junto", "mayor", "abrir", "marco", "mates",
                                  "vienes", "junin", "partes", "martin", "predio",
                                  "preciso", "entro"])
def test_real_words_are_not_typos(word: str) -> None:
    assert normalise(f"el {word}").text == f"el {word}"
