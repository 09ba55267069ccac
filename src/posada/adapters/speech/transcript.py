"""What a transcription gives, and how confident the model was in it."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from posada.adapters.speech.decode import Audio

#: Below this confidence a transcript is not trusted: the guest is asked to write instead.
LOW_CONFIDENCE = 0.45


@dataclass(frozen=True)
class Transcript:
    """One note's transcript: ``text`` as the model wrote it; ``language`` and
    ``language_probability`` as detected (or forced: ``es``); ``duration_s`` the audio's
    length; ``seconds`` the wall time transcription took; ``confidence`` 0–1 from the
    model's own probabilities (``confidence_of``); ``low_confidence`` below
    ``LOW_CONFIDENCE``; ``alternatives`` other texts the decoder's beam found for the
    same audio, likeliest first (``alternatives_of``), none from a recognizer without a
    beam."""

    text: str
    language: str
    language_probability: float
    duration_s: float
    seconds: float
    confidence: float
    low_confidence: bool
    alternatives: tuple[str, ...] = ()


class SegmentLike(Protocol):
    """What ``confidence_of`` reads of a faster-whisper segment."""

    @property
    def start(self) -> float: ...
    @property
    def end(self) -> float: ...
    @property
    def avg_logprob(self) -> float: ...
    @property
    def no_speech_prob(self) -> float: ...


def confidence_of(segments: Iterable[SegmentLike]) -> float:
    """The mean per-token probability of the segments (``exp(avg_logprob)``), each counted
    by its length and discounted by its probability of being no speech at all; ``0.0``
    without segments."""
    weighted = total = 0.0
    for segment in segments:
        length = max(segment.end - segment.start, 0.01)
        token = math.exp(min(segment.avg_logprob, 0.0))
        weighted += length * token * (1.0 - min(max(segment.no_speech_prob, 0.0), 1.0))
        total += length
    return round(weighted / total, 4) if total else 0.0


#: A phrase of 1–8 words said three times and more in a row ("en la ciudad, en la ciudad,
#: en la ciudad, …"): Whisper's decoder caught in a loop, not the guest.
_LOOP = re.compile(r"\b(\w+(?:\W+\w+){0,7}?)(?:[\s,.;]+\1\b){2,}", re.IGNORECASE)


#: Words a guest repeats on purpose: digits and numbers ("11 5 5 5 5", "cinco cinco cinco"
#: in a phone number), letters of a spelled code.
_COUNTING = frozenset({"uno", "un", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete",
                       "ocho", "nueve", "diez", "cero", "once", "doce", "mil", "doble"})


def without_loops(text: str) -> str:
    """``text`` with every phrase repeated three times or more in a row said once (the
    decoder looping, a known failure of Whisper: it wrote "en la ciudad" seven times at the
    end of a 9 s fixture); a phrase said twice is left ("muy, muy lindo"), and so is one of
    digits, numbers or single letters (a phone number, a spelled code)."""
    return _LOOP.sub(_once, text)


def _once(match: re.Match[str]) -> str:
    words = re.findall(r"\w+", match[1].lower())
    counted = all(word.isdigit() or len(word) == 1 or word in _COUNTING for word in words)
    return match[0] if counted else match[1]


def alternatives_of(text: str, windows: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """The other transcripts of a note the beam search found: ``windows`` holds, for each
    30 s window decoded in turn, the texts of its hypotheses, likeliest first, and
    ``text`` is the transcript made of their first ones. Each alternative is ``text`` with
    one window's first hypothesis replaced by a later one (the others kept), loops said
    once (``without_loops``), in the order window by window, hypothesis by hypothesis,
    without repeats or ``text`` itself; none for a window whose first hypothesis heard no
    words (silence: the others would be made up), and no empty one. None at all for an
    empty ``text``, or when the windows' first hypotheses do not make ``text``
    (faster-whisper cut a window at a timestamp and decoded the rest again): they would
    not be the same note's. The caller gives only hypotheses that hear the same stretch
    of audio as the first."""
    firsts = [hypotheses[0] for hypotheses in windows if hypotheses]
    if not _letters(text) or len(firsts) != len(windows) or \
            _letters(without_loops(" ".join(firsts))) != _letters(text):
        return ()
    seen, found = {text}, []
    for at, hypotheses in enumerate(windows):
        if not _letters(hypotheses[0]):  # nothing heard there: the others would be made up
            continue
        for other in hypotheses[1:]:
            if not _letters(other):
                continue
            words = [*firsts[:at], other, *firsts[at + 1:]]
            alternative = without_loops(" ".join(w.strip() for w in words if w.strip()))
            if alternative not in seen:
                seen.add(alternative)
                found.append(alternative)
    return tuple(found)


def _letters(text: str) -> str:
    """``text``'s letters and digits alone, lowercased (how two spacings of the same
    words compare equal: faster-whisper decodes each segment on its own)."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


class Transcriber(Protocol):
    """Speech to text for one note at a time."""

    async def transcribe(self, audio: Audio, *, again: int = 0) -> Transcript:
        """The transcript of ``audio``; ``again`` ≥ 1: listen again the ``again``-th other
        way (``options.AGAIN_CHANGES``). Raises ``SpeechFailed`` (``busy``,
        ``model_missing``, ``model_corrupt``, ``failed``)."""
        ...

    async def score(self, audio: Audio, texts: Sequence[str]) -> list[tuple[float, int]]:
        """How likely each of ``texts`` is as the transcript of ``audio`` (its first 30 s):
        the log-probability (nats, ≤ 0) and the number of tokens it was scored over.
        Raises ``SpeechFailed`` as ``transcribe``."""
        ...
