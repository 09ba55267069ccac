"""``FakeTranscriber``: scripted transcripts, for the conversation's tests and ``posada chat``."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

from posada.adapters.speech.decode import Audio
from posada.adapters.speech.errors import SpeechFailed
from posada.adapters.speech.transcript import LOW_CONFIDENCE, Transcript


class FakeTranscriber:
    """Answers ``script(audio)``: a text (confident), a ``Transcript``, or a
    ``SpeechFailed`` to raise; a listen again (``again`` ≥ 1) answers ``again_script(audio)``
    when given. ``calls`` counts the listens, ``agains`` the listens again."""

    def __init__(self, script: Callable[[Audio], str | Transcript | SpeechFailed],
                 again_script: Callable[[Audio], str | Transcript | SpeechFailed] | None = None,
                 said: Callable[[Audio], str] | None = None) -> None:
        self.script, self.again_script, self.said = script, again_script, said
        self.calls = self.agains = self.scored = 0

    async def score(self, audio: Audio, texts: Sequence[str]) -> list[tuple[float, int]]:
        """Each text's likeness to ``said(audio)`` (what the note says; the first script's
        text without it): minus the words that differ, in order (0 for the same words)."""
        self.scored += len(texts)
        truth = self.said(audio) if self.said else self.script(audio)
        truth = truth.text if isinstance(truth, Transcript) else str(truth)
        said = _words(truth)
        scores = []
        for text in texts:
            words = _words(text)
            edits = SequenceMatcher(a=said, b=words, autojunk=False).get_opcodes()
            scores.append((-float(sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in edits
                                      if tag != "equal")), len(words)))
        return scores

    async def transcribe(self, audio: Audio, *, again: int = 0) -> Transcript:
        self.calls += 1
        self.agains += again > 0
        answer = (self.again_script or self.script)(audio) if again else self.script(audio)
        if isinstance(answer, SpeechFailed):
            raise answer
        if isinstance(answer, Transcript):
            return answer
        return transcript(answer, audio.duration_s)


def transcript(text: str, duration_s: float = 3.0, confidence: float = 0.9) -> Transcript:
    """A ``Transcript`` of ``text`` with ``confidence``."""
    return Transcript(text=text, language="es", language_probability=1.0,
                      duration_s=duration_s, seconds=0.01, confidence=confidence,
                      low_confidence=confidence < LOW_CONFIDENCE)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())
