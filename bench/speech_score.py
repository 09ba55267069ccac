"""How a transcript is scored against what the guest said (used by ``bench/speech.py``).

Word error rate (jiwer) is counted after number normalisation on both sides: folded to
lower-case ASCII, punctuation dropped, number words turned into digits with ``text2num``
(the same ``alpha2digit`` the Spanish understanding runs), so "dieciocho" and "18" are one
word. The *reading* of a sentence is what the booking conversation takes from it: check-in,
check-out and party size (``posada.nlu.understand``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import jiwer
from text_to_num import alpha2digit

from posada.nlu.text import fold
from posada.nlu.understand import understand

_NOT_WORD = re.compile(r"[^a-z0-9 ]+")


def normalised(text: str) -> str:
    """``text`` as scored: folded, number words as digits, no punctuation."""
    folded = fold(text)
    return " ".join(_NOT_WORD.sub(" ", alpha2digit(folded, "es", threshold=1.5)).split())


def wer(references: list[str], hypotheses: list[str]) -> float:
    """Corpus word error rate (0–1) of ``hypotheses`` against ``references``, normalised."""
    return float(jiwer.wer([normalised(r) for r in references],
                           [normalised(h) or "-" for h in hypotheses]))


@dataclass(frozen=True)
class Reading:
    """What a sentence books: local check-in/check-out dates and guests (``None``: not said)."""

    check_in: date | None
    check_out: date | None
    guests: int | None


def read(text: str, today: date) -> Reading:
    """The reading of ``text`` on ``today`` (the property's local date)."""
    found = understand(text, today)
    return Reading(found.stay.check_in, found.stay.check_out, found.party.guests)
