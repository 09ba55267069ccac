"""A slot of a heard transcript (``posada.nlu.slots``) and the words slots are found among."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from posada.nlu.spoken import MONTHS as HEARD_MONTHS
from posada.nlu.spoken import NUMBERS
from posada.nlu.text import fold

_NUMBER_WORDS = frozenset(NUMBERS) | {"un", "una"}
#: How much a candidate's token count divides its log-probability, by slot kind (see
#: ``Slot.best``).
_LENGTH_WEIGHTS = {"day": 1.0, "month": 1.0, "party": 0.0}
_WORD = re.compile(r"\w+")
_CLAUSE_END = re.compile(r"[.,;:?!¿¡]")


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
    """A word of a transcript: where it is, folded, and whether punctuation (or the end)
    follows it."""

    start: int
    end: int
    folded: str
    clause_ends: bool


def words_of(text: str) -> list[Word]:
    """The words of ``text`` (a transcript), in order."""
    found = list(_WORD.finditer(text))
    words = []
    for i, match in enumerate(found):
        gap = text[match.end():found[i + 1].start()] if i + 1 < len(found) else "."
        words.append(Word(match.start(), match.end(), fold(match[0]),
                           _CLAUSE_END.search(gap) is not None))
    return words


def is_number(word: Word) -> bool:
    """Whether ``word`` is a number, as digits or words ("8", "ocho", "un")."""
    return word.folded in _NUMBER_WORDS or word.folded.isdigit()


def is_month(word: Word) -> bool:
    """Whether ``word`` is a month as heard ("enero", "setiembre")."""
    return word.folded in HEARD_MONTHS
