"""A slot of a heard transcript (``posada.nlu.slots``) and the words slots are found among."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from posada.nlu.heard_numbers import NUMBERS
from posada.nlu.spoken import MONTHS as HEARD_MONTHS
from posada.nlu.text import fold

_NUMBER_WORDS = frozenset(NUMBERS) | {"un", "una"}
#: How much a candidate's token count divides its log-probability, by slot kind (see
#: ``Slot.best``).
_LENGTH_WEIGHTS = {"day": 1.0, "month": 1.0, "party": 0.0}
_WORD = re.compile(r"\w+")
_CLAUSE_END = re.compile(r"[.,;:?!¿¡]")
#: Spellings of one sound (seseo, b/v, a silent h, "ll"/"y"), most specific first.
_SOUNDS = (("ll", "y"), ("ce", "se"), ("ci", "si"), ("z", "s"), ("v", "b"), ("h", ""),
           (" ", ""))


def sounds(text: str) -> str:
    """``text`` folded to how it sounds: "veintidós" → "beintidos", "dieciséis" →
    "diesiseis", "niecese y se" → "nieseseyse"."""
    folded = fold(text)
    for spelt, sound in _SOUNDS:
        folded = folded.replace(spelt, sound)
    return folded


@dataclass(frozen=True)
class Slot:
    """A span ``start:end`` of the transcript where a ``kind`` ("day", "month", "party")
    goes, the texts ``options`` that can replace it, whether the heard words are a fair
    option too (``heard_is_option``), and how its candidates are compared (``weight``: see
    ``best``; ``None``: the kind's)."""

    kind: str
    start: int
    end: int
    options: tuple[str, ...]
    heard_is_option: bool
    weight: float | None = None

    def put(self, text: str, option: str) -> str:
        """``text`` with this slot replaced by ``option``."""
        return text[:self.start] + option + text[self.end:]

    def candidates(self, text: str) -> list[str]:
        """The texts to score: ``text`` with each option, then as heard when that is fair."""
        return [self.put(text, option) for option in self.options] + (
            [text] if self.heard_is_option else [])

    def nearest(self, text: str, most: int) -> Slot:
        """This slot of ``text`` with only the ``most`` options spelt most like the heard
        words, as they sound in Latin American Spanish (``sounds``: "niecese" is nearest
        "dieciséis"), in their order; as it is when it has no more options, and with none
        when nothing was heard there (an empty span: no spelling to go by)."""
        if len(self.options) <= most:
            return self
        if self.start == self.end:
            return replace(self, options=())
        heard = sounds(text[self.start:self.end])
        near = sorted(range(len(self.options)),
                      key=lambda i: -Levenshtein.normalized_similarity(heard, sounds(
                          self.options[i])))[:most]
        return replace(self, options=tuple(self.options[i] for i in sorted(near)))

    def best(self, scores: Sequence[tuple[float, int]]) -> int:
        """The index of the likeliest candidate, from each one's log-probability (nats) and
        token count, divided by the count raised to the kind's weight: days ("dos" 1
        token, "veintitrés" 3) and months ("mayo" 1, "febrero" 3) are compared per token,
        party sizes (mostly one token) by the whole. Measured with the said sentences on
        the tune fixtures: right in 15 of 19 days, 10 of 12 months, 12 of 14 parties."""
        weight = _LENGTH_WEIGHTS[self.kind] if self.weight is None else self.weight
        return max(range(len(scores)), key=lambda i: scores[i][0] / scores[i][1] ** weight)


@dataclass(frozen=True)
class Word:
    """A word of a transcript: where it is, folded, whether punctuation (or the end) follows
    it, and whether it is written with a capital (a name, mid-sentence: "en el Bolsón")."""

    start: int
    end: int
    folded: str
    clause_ends: bool
    capital: bool = False


def words_of(text: str) -> list[Word]:
    """The words of ``text`` (a transcript), in order."""
    found = list(_WORD.finditer(text))
    words = []
    for i, match in enumerate(found):
        gap = text[match.end():found[i + 1].start()] if i + 1 < len(found) else "."
        words.append(Word(match.start(), match.end(), fold(match[0]),
                           _CLAUSE_END.search(gap) is not None, match[0][0].isupper()))
    return words


def is_number(word: Word) -> bool:
    """Whether ``word`` is a number, as digits or words ("8", "ocho", "un")."""
    return word.folded in _NUMBER_WORDS or word.folded.isdigit()


#: Days as Whisper writes them (it writes accents).
DAYS = ("primero", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
        "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho",
        "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro",
        "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve", "treinta",
        "treinta y uno")

#: The longest stay a "del 9 al 3 de marzo" (from the month before) is read as without a
#: check (see ``posada.nlu.slots``): three weeks ("del 16 al 1 de febrero", "del 20 al 5 de
#: enero" are the half months of the summer holidays).
LONGEST_CROSSING = 21


def day_value(word: Word) -> int | None:
    """The day ``word`` says as one number ("9", "nueve", "primero"), if it does."""
    if word.folded.isdigit():
        return int(word.folded) if 1 <= int(word.folded) <= 31 else None
    if word.folded == "primero":
        return 1
    return NUMBERS.index(word.folded) + 1 if word.folded in NUMBERS[:30] else None


def is_month(word: Word) -> bool:
    """Whether ``word`` is a month as heard ("enero", "setiembre")."""
    return word.folded in HEARD_MONTHS
