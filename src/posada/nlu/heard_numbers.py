"""Number words as a speech model mishears them in a Spanish booking request: which day or
party size a heard word ("niesiocho", "trese", "mosa", "ventiozo") was, by how Latin American
Spanish sounds (*seseo*: "c" before "e"/"i" and "z" are "s"), and teens or twenties heard in
two words ("nieces y sief", "veinte y seis"). Pure functions over folded words, used by
``posada.nlu.spoken`` (the repair) and ``posada.nlu.slots`` (where a day or party goes)."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA

from posada.nlu.text import fold

__all__ = ["NUMBERS", "PARTY_SIZES", "glued_number", "joined_teen",
           "misheard_number", "nearest", "sounds_like_number"]

#: Spanish day numbers and party sizes as spoken (accents folded).
NUMBERS = ("uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
           "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete",
           "dieciocho", "diecinueve", "veinte", "veintiuno", "veintidos", "veintitres",
           "veinticuatro", "veinticinco", "veintiseis", "veintisiete", "veintiocho",
           "veintinueve", "treinta", "primero")
#: Real words one edit from a number that are never repaired ("nieve" is not "nueve").
_KEEP = frozenset({"nieve", "dice", "tras", "cuanto", "cinto", "onde", "mes", "vez",
                   "viene", "siento", "ciento", "cinta", "tren", "quinta", "nuevo", "nueva",
                   "doble", "dios", "todo", "noche", "noches", "cuarto", "cuarta", "quinto",
                   "nada", "quincena", "unos", "unas", "miel", "dias", "quise",
                   "perez", "paez", "diaz", "baez", "ponce", "dolce"})
#: Letters the model puts for a word's first sound ("niesiocho", "hueve", "frez").
_FIRST_SOUNDS = {"n": "dn", "m": "dnv", "b": "dv", "h": "n", "f": "t", "p": "t", "v": "bv",
                 "l": "d"}
#: How the first word of a teen heard in two begins ("nieces y sief").
_TEEN_STARTS = ("dieci", "dieces", "diez", "dies")
#: Short words a "veinte y" is followed by that are no unit misheard ("veinte y un beso").
_NOT_UNITS = frozenset({"un", "una", "yo", "se", "si", "no", "el", "la", "lo", "le", "me",
                        "te", "mi", "tu", "su", "es", "en", "de", "ya", "va", "ve", "vos",
                        "dia", "dias", "mas", "nos", "los", "las"})
_TWENTIES = {"uno": "veintiuno", "dos": "veintidós", "tres": "veintitrés",
             "cuatro": "veinticuatro", "cinco": "veinticinco", "seis": "veintiséis",
             "siete": "veintisiete", "ocho": "veintiocho", "nueve": "veintinueve"}
_TEENS = {"seis": "dieciséis", "siete": "diecisiete", "ocho": "dieciocho",
          "nueve": "diecinueve"}


def _common_start(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                min(len(a), len(b)))


def nearest(word: str, names: tuple[str, ...], limit: int) -> str | None:
    """The first of ``names`` nearest to ``word`` (OSA distance), if at most ``limit``."""
    name = min(names, key=lambda name: OSA.distance(word, name))
    return name if OSA.distance(word, name) <= limit else None


def joined_teen(match: re.Match[str]) -> str:
    """ "nieces y sief" → "diecisiete": a first word one letter (and maybe its first sound)
    off "dieci"/"diez", and a unit at most two letters off "seis" … "nueve" (and nearest
    one). "veinte y seis" → "veintiséis" too (text2num reads it as 20 and 6); "treinta y
    uno" is the day's own spelling."""
    first, unit = fold(match[1]), fold(match[2])
    if first == "veinte":  # "veinte y seis": the twenties said in three words ("y os": dos)
        near = unit if unit in _TWENTIES else None if unit in _NOT_UNITS else nearest(
            unit, tuple(_TWENTIES), 1)
        return match[0] if near is None else _TWENTIES[near]
    if first in _KEEP or len(unit) < 3:  # "buenos días y siete noches"
        return match[0]
    starts = {first} | {sound + first[1:] for sound in _FIRST_SOUNDS.get(first[0], "")}
    if not any(OSA.distance(start, teen) <= 1 for start in starts for teen in _TEEN_STARTS):
        return match[0]
    ranked = sorted(((OSA.distance(unit, name), -_common_start(unit, name)), name)
                    for name in _TEENS)  # ties go to the longer common start ("sie-f")
    if ranked[0][0][0] > 2 or ranked[1][0] == ranked[0][0]:
        return match[0]
    return _TEENS[ranked[0][1]]


def glued_number(word: str) -> str | None:
    """ "alcinco" → "al cinco", "delocho" → "del ocho" (a lone "l", as in "de locho", is
    ``_GLUED_L``'s)."""
    for prefix in ("del", "al"):
        rest = word[len(prefix):]
        if word.startswith(prefix) and rest in NUMBERS:
            return f"{prefix} {rest}"
    return None


_SESEO = re.compile(r"c(?=[ei])|z")


def _sounds(word: str) -> str:
    """``word`` (folded) as Latin American Spanish says it: "c" before "e"/"i" and "z" as
    "s" (*seseo*), so "dose" is "doce" and "trese" "trece", not "dos" and "tres"."""
    return _SESEO.sub("s", word)


_NUMBER_SOUNDS = {number: _sounds(number) for number in NUMBERS}
#: The party sizes of a small lodging's requests ("para presa multos": "tres", not "trece").
PARTY_SIZES = frozenset(NUMBERS[:12])


def misheard_number(word: str, *, party: bool = False) -> str | None:
    """The number word ``word`` was misheard from, when it is close to exactly one (of the
    party sizes, when ``party``)."""
    ranked = _near_numbers(word, party=party)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def sounds_like_number(word: str) -> bool:
    """Whether ``word`` (folded) is a day number misheard: as near one as ``repair`` takes,
    even when it is as near two ("mosa": "dos" or "doce")."""
    return bool(_near_numbers(word, party=False))


@lru_cache(maxsize=4096)
def _near_numbers(word: str, *, party: bool) -> tuple[tuple[str, tuple[int, int]], ...]:
    """The numbers ``word`` may be misheard from, nearest first (with how near)."""
    if word in NUMBERS or word in _KEEP or len(word) < 4:
        return ()
    if word.startswith("venti"):  # "ventiocho": the common spelling of "veinti-"
        word = "vein" + word[3:]
        if word in NUMBERS:
            return ((word, (0, 0)),)
    candidates = {word} | {sound + word[1:] for sound in _FIRST_SOUNDS.get(word[0], "")}
    best: dict[str, tuple[int, int]] = {}
    for candidate in candidates:
        limit = 1 if len(candidate) < 8 else 2
        heard = _sounds(candidate)
        for number, said in _NUMBER_SOUNDS.items():
            if party and number not in PARTY_SIZES:
                continue
            distance = OSA.distance(heard, said)
            if distance <= limit:  # ties go to the longer common start ("veintio-zo")
                score = (distance + (candidate != word), -_common_start(heard, said))
                best[number] = min(best.get(number, score), score)
    return tuple(sorted(best.items(), key=lambda item: item[1]))
