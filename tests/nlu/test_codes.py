"""Booking codes: Crockford base 32, 10 symbols, any case, spaces or dashes; phones never."""

from __future__ import annotations

import pytest

from posada.domain.reservation import new_code
from posada.nlu.codes import find_code
from tests.nlu.helpers import parse


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("tengo la reserva K7Q2M9XD4T", "K7Q2M9XD4T"),
        ("reserva k7q2m9xd4t.", "K7Q2M9XD4T"),
        ("k7q2 m9xd 4t", "K7Q2M9XD4T"),
        ("K7Q2-M9XD-4T me pasás los datos?", "K7Q2M9XD4T"),
        ("K7Q 2M9 XD4T", "K7Q2M9XD4T"),
        ("la reserva es vd91 h01k xp", "VD91H01KXP"),
        ("dar de baja WXTTD 6CR68", "WXTTD6CR68"),
        ("reserva bjwe 7a1r p4? pagué", "BJWE7A1RP4"),
        ("RESERVA GN28 MDAT FN QUIERO SABER", "GN28MDATFN"),
        ("codigo kxmtpqrzwy", "KXMTPQRZWY"),
        ("#K7Q2M9XD4T", "K7Q2M9XD4T"),
    ],
)
def test_codes(text: str, code: str) -> None:
    found = find_code(text)
    assert found is not None and found.code == code


@pytest.mark.parametrize(
    "text",
    ["mi tel 11 4567 8901", "1145678901", "+54 9 11 4567-8901", "del 10-12 al 15-12",
     "presentaba", "somos 2 adultos y 2 nenes del 15 al 18", "el 15 de mes 12 al",
     "tengo 2 hs de viaje desde bs as", "disponibilidad", "K7Q2M9XD4", "K7Q2M9XD4TT",
     "K7Q2M9XD4I"],
)
def test_not_codes(text: str) -> None:
    assert find_code(text) is None


def test_random_codes_in_any_writing() -> None:
    for _ in range(200):
        code = new_code()
        if code.isdigit():
            continue
        spaced = f"{code[:4]} {code[4:8]} {code[8:]}"
        dashed = f"{code[:4]}-{code[4:8]}-{code[8:]}"
        # as one word, letters with three vowels or more read as a word ("presentaba")
        wordlike = code.isalpha() and sum(ch in "AE" for ch in code) > 2
        for written in (() if wordlike else (code, code.lower())) + (dashed, dashed.lower()):
            found = find_code(f"hola, mi reserva es {written}, gracias")
            assert found is not None and found.code == code, written
        found = find_code(f"mi reserva {spaced}")
        assert found is not None and found.code == code, spaced


def test_a_code_is_not_a_date_or_a_party() -> None:
    got = parse("cancelo la reserva 2812 15XD 4T")
    assert got.booking_code == "281215XD4T"
    assert got.check_in is None and got.guests is None
    assert got.intent.value == "cancel"
