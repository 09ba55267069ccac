"""Booking codes: the 10-character public reservation codes, however the guest writes them.

A code is ``CODE_LENGTH`` symbols of Crockford's base 32 (``posada.domain.reservation``),
matched case-insensitively, whole or split by spaces or dashes ("k7q2 m9xd 4t",
"K7Q2-M9XD-4T"). A run of digits alone is a phone number or an amount, never a code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from posada.domain.reservation import CODE_ALPHABET, CODE_LENGTH

_SYMBOLS = frozenset(CODE_ALPHABET)
_TOKEN = re.compile(r"[0-9A-Za-z]+")
_SEPARATOR = re.compile(r"\s?[-–—.]\s?|\s")
_MAX_PARTS = 5
_VOWELS = frozenset("AE")
#: Short words made of code symbols with at most one vowel.
_WORDS = frozenset({
    "de", "se", "me", "te", "es", "en", "ya", "mes", "ves", "ser", "ver", "tres", "des", "dar",
    "hay", "mas", "vez", "red", "bar", "gas", "mar", "paz", "fe", "sms", "pm", "am", "hs",
    "km", "ok", "xq", "pq", "q", "tb", "tmb", "ah", "eh", "sr", "sra", "dr", "ex", "van",
    "ven", "den", "dan", "han", "has", "ha", "he", "va", "ve", "da", "pan", "tan", "sen",
})


@dataclass(frozen=True, slots=True)
class CodeMatch:
    """A code found in a message: ``code`` upper case without separators, and where it was
    written (``start``/``end`` offsets in the raw text)."""

    code: str
    start: int
    end: int


def find_code(raw: str) -> CodeMatch | None:
    """The first booking code in ``raw`` (the message as received), or ``None``.

    A code written as one word needs a digit, or at most two vowels so that a Spanish word
    made of code symbols ("presentaba") is not taken. A code split into parts has the same
    gap between every part (all spaces, or all one dash or dot); split by spaces, it is either
    written in capitals in a message that is not, or it holds a digit and each part has two
    symbols or more that hold a digit, are in capitals, or have at most one vowel and are not
    a short Spanish word ("mes", "ser").
    """
    tokens = list(_TOKEN.finditer(raw))
    for first in range(len(tokens)):
        length = 0
        for last in range(first, min(first + _MAX_PARTS, len(tokens))):
            if last > first and not _SEPARATOR.fullmatch(
                raw[tokens[last - 1].end() : tokens[last].start()]
            ):
                break
            length += len(tokens[last][0])
            if length > CODE_LENGTH:
                break
            if length == CODE_LENGTH:
                spans = tokens[first : last + 1]
                if _plausible(spans, raw):
                    code = "".join(m[0] for m in spans).upper()
                    return CodeMatch(code, spans[0].start(), spans[-1].end())
                break
    return None


def _plausible(spans: list[re.Match[str]], raw: str) -> bool:
    parts = [m[0] for m in spans]
    code = "".join(parts).upper()
    if not set(code) <= _SYMBOLS or code.isdigit():
        return False
    if len(parts) == 1:
        return any(ch.isdigit() for ch in code) or sum(ch in _VOWELS for ch in code) <= 2
    gaps = {raw[a.end() : b.start()].strip() for a, b in pairwise(spans)}
    if len(gaps) != 1:
        return False
    if gaps != {""}:
        return True  # the same dash or dot between every part
    if all(part.isupper() and len(part) >= 2 for part in parts) and not raw.isupper():
        return True  # "YRFR WJRR CY" in a message otherwise in lower case
    return any(ch.isdigit() for ch in code) and all(_part(part) for part in parts)


def _part(part: str) -> bool:
    if len(part) < 2:
        return False
    if any(ch.isdigit() for ch in part) or part.isupper():
        return True
    return sum(ch in "ae" for ch in part) <= 1 and part not in _WORDS
