"""``FakeTranscriber``: scripted transcripts, for the conversation's tests and ``posada chat``."""

from __future__ import annotations

from collections.abc import Callable

from posada.adapters.speech.decode import Audio
from posada.adapters.speech.errors import SpeechFailed
from posada.adapters.speech.transcript import LOW_CONFIDENCE, Transcript


class FakeTranscriber:
    """Answers ``script(audio)``: a text (confident), a ``Transcript``, or a
    ``SpeechFailed`` to raise; a listen again (``again`` ≥ 1) answers ``again_script(audio)``
    when given. ``calls`` counts the listens, ``agains`` the listens again."""

    def __init__(self, script: Callable[[Audio], str | Transcript | SpeechFailed],
                 again_script: Callable[[Audio], str | Transcript | SpeechFailed] | None = None
                 ) -> None:
        self.script, self.again_script = script, again_script
        self.calls = self.agains = 0

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
