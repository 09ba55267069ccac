"""Text normalisation: one lower-case ASCII form of a message, with number words as digits.

Everything after this module matches against ``Normalised.text``: lower case, accents and
"ñ" folded (``mañana`` → ``manana``), emojis dropped (🙏 and 👍 read as ``gracias``),
spelled numbers turned into digits by ``text2num`` (``quince`` → ``15``; "un"/"una"/"uno" are
left as words because they are usually articles; the old spellings "diez y seis" … "veinte y
nueve" are joined where a day goes: ``del diez y seis`` → ``del 16``), letters stretched for
emphasis collapsed (``holaaa`` → ``hola``, ``buen diaa`` → ``buen dia``, ``buenass`` →
``buenas``), ordinals folded (``1º``/``1ro``/``primero`` → ``1``) and misspelt month and
weekday names put right (``febreo`` → ``febrero``, ``sabdo`` → ``sabado``, ``setiembre`` →
``septiembre``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA
from text_to_num import alpha2digit

MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)
WEEKDAYS = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")

#: Variants that are not typos but other spellings, and weekday abbreviations ("sab 15").
_SPELLINGS = {
    "setiembre": "septiembre", "setiembr": "septiembre", "sabados": "sabado",
    "domingos": "domingo", "sab": "sabado", "dom": "domingo", "vie": "viernes",
    "jue": "jueves", "mie": "miercoles", "lun": "lunes",
}

#: Real words one letter away from a month or weekday, never corrected.
_NOT_TYPOS = frozenset({
    "entero", "entera", "abrir", "junto", "junta", "juntos", "julia", "marco", "mates",
    "vienes", "lunas", "jueces", "salado", "agosta", "martas", "marta", "mayor", "nueves",
    "domino", "sabana", "junin", "mares", "predio", "preciso", "precisa", "precise",
    "entro",
})
_CANON = MONTHS + WEEKDAYS
#: Request words worth putting right too ("resevar", "cancelr", "disponivilidad").
_KEYWORDS = ("reservar", "cancelar", "disponibilidad", "disponible", "precio", "gracias",
             "tarifa", "confirmada", "calefaccion", "estacionamiento", "ubicacion")

#: Endings of another form of a keyword, not a typo of it ("confirman", "confirmas").
_ENDINGS = frozenset({"a", "o", "e", "as", "os", "es", "an", "en", "amos", "emos", "ado",
                      "ada", "ados", "adas", "ame", "anos", "enme"})

#: The old spellings of 16–19 and 21–29 ("diez y seis", "veinte y uno"), joined only where a
#: day goes, after a date word or before "al"/"de" + month ("del diez y seis al veinte", "veinte
#: y dos de enero"): elsewhere "diez y dos chicos" is ten and two.
_OLD_SPELLING = re.compile(
    r"\b(?P<cue>(?:el|del|al|desde|hasta|entre|dia)\s)?(?:diez\sy\s(?P<teen>seis|siete|ocho|"
    r"nueve)|veinte\sy\s(?P<unit>uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))\b"
)
_DAY_AHEAD = re.compile(rf"\s(?:al|a|hasta|de\s(?:{'|'.join(MONTHS)}))\b")
#: Number words text2num only knows with their accent.
_ACCENTED_NUMBERS = re.compile(r"\bveinti(dos|tres)\b")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:o|ro|ero|er|ra|a|do|da|to|ta|vo|va|no|na)\b")
_PRIMERO = re.compile(
    r"\b(?:primero|primer)\b(?=\s+(?:de|del)\b)|\b(?:el|del|al)\s+(uno|primero)\b"
)
#: Three or more of one letter ("holaaa", "graciasss"); "ll" and "rr" keep two.
_STRETCHED = re.compile(r"([a-z])\1{2,}")
#: A doubled vowel or "s" at the end of a word ("diaa", "holaa", "buenass").
_DOUBLED_END = re.compile(r"(?<=[a-z])([aeious])\1\b")
_NOT_KEPT = re.compile(r"[^a-z0-9$/\-+:.,;?!%&@#\s]")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z]{3,}")
_AFTER_DAY = re.compile(r"\b(\d{1,2}\s(?:de\s)?)([a-z]{4,11})\b")
_EMOJI_THANKS = re.compile("[\U0001f64f\U0001f44d\U0001f44c\u2764\U0001f64c\U0001f970]")


@dataclass(frozen=True, slots=True)
class Normalised:
    """``raw`` is the message as received, ``text`` its matching form (see the module doc)."""

    raw: str
    text: str


def fold(text: str) -> str:
    """Lower case without accents or "ñ" (``"Mañana ÁRBOL"`` → ``"manana arbol"``)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(raw: str) -> Normalised:
    """Fold, turn number words into digits and put month/weekday typos right.

    Args:
        raw: the guest's message, any Unicode text.

    Returns:
        A ``Normalised`` whose ``text`` is lower-case ASCII with single spaces.
    """
    text = _EMOJI_THANKS.sub(" gracias ", raw)
    text = fold(text).replace("cuarto", "habitacion")  # text2num reads it as 4th
    text = _DOUBLED_END.sub(r"\1", _STRETCHED.sub(_unstretch, text))
    text = _OLD_SPELLING.sub(_joined, text)
    text = _ACCENTED_NUMBERS.sub(lambda m: "veinti" + {"dos": "dós", "tres": "trés"}[m[1]], text)
    text = alpha2digit(text, "es", threshold=1.5)
    text = unicodedata.normalize("NFKD", text).replace("°", "o")
    text = _NOT_KEPT.sub(" ", text)
    text = _PRIMERO.sub(lambda m: m[0].replace(m[1], "1") if m[1] else "1", text)
    text = _ORDINAL.sub(r"\1", text)
    text = _WORD.sub(lambda m: _spelling(m[0]), text)
    text = _AFTER_DAY.sub(lambda m: m[1] + _month_after_day(m[2]), text)
    return Normalised(raw=raw, text=_SPACES.sub(" ", text).strip())


def _joined(match: re.Match[str]) -> str:
    """"del diez y seis" → "del dieciseis", "veinte y uno de enero" → "veintiuno de enero";
    left apart without a date word before or after."""
    if not (match["cue"] or _DAY_AHEAD.match(match.string, match.end())):
        return match[0]
    number = "dieci" + match["teen"] if match["teen"] else "veinti" + match["unit"]
    return (match["cue"] or "") + number


def _unstretch(match: re.Match[str]) -> str:
    letter = match[1]
    return letter * 2 if letter in "lr" else letter


@lru_cache(maxsize=4096)
def _spelling(word: str) -> str:
    """The canonical month/weekday name for ``word`` when it is one, a variant or a typo.

    A typo is one edit away (a swap of two letters counts as one; two edits for words of
    eight letters or more) from exactly one name and starts with the same letter; known real
    words (``entero``, ``junto``) are left alone.
    """
    known = _SPELLINGS.get(word)
    if known is not None:
        return known
    if word in _CANON or word in _NOT_TYPOS or len(word) < 5:
        return word
    fixed = _closest(word, _CANON)
    if fixed == word and len(word) >= 6 and not word.startswith("reserv"):
        fixed = _closest(word, _KEYWORDS)
        if (word.startswith(fixed[:-2]) and len(word) >= len(fixed)) or _inflected(word, fixed):
            return word  # another form of the word ("confirmame"), not a typo of it
    return fixed


def _inflected(word: str, keyword: str) -> bool:
    """``word`` is ``keyword``'s stem with a verb or noun ending ("confirman", "confirmas")."""
    return any(word.startswith(keyword[:-cut]) and word[len(keyword) - cut:] in _ENDINGS
               for cut in (2, 3))


@lru_cache(maxsize=1024)
def _month_after_day(word: str) -> str:
    """After a day number ("8 de enro") a four-letter word may be a month typo too."""
    if word in _CANON or word in _NOT_TYPOS or len(word) != 4:
        return word
    return _closest(word, MONTHS)


def _closest(word: str, names: tuple[str, ...]) -> str:
    limit = 2 if len(word) >= 8 else 1
    matches = process.extract(word, names, scorer=OSA.distance, score_cutoff=limit, limit=2)
    if not matches or matches[0][0][0] != word[0]:
        return word
    if len(matches) == 2 and matches[1][1] == matches[0][1]:
        return word
    return str(matches[0][0])
