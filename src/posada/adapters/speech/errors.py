"""The one error of speech recognition, with a stable code."""

from __future__ import annotations

from typing import Literal, get_args

SpeechCode = Literal["not_audio", "empty", "too_long", "model_missing", "model_corrupt",
                     "busy", "failed"]
CODES: frozenset[str] = frozenset(get_args(SpeechCode))


class SpeechFailed(Exception):
    """A voice note that could not be heard, or a recognizer that cannot work.

    ``code``: ``not_audio`` (the bytes are not audio PyAV can decode: an image, truncated
    or random bytes), ``empty`` (a container with no audio samples), ``too_long`` (over the
    length limit), ``model_missing`` (no model at the configured place), ``model_corrupt``
    (a model file's SHA-256 differs from the pinned one), ``busy`` (the queue of notes
    waiting is full: try later), ``failed`` (the model failed on this note).
    """

    def __init__(self, code: SpeechCode, message: str) -> None:
        if code not in CODES:
            raise ValueError(f"unknown SpeechFailed code {code!r}")
        super().__init__(f"{code}: {message}")
        self.code: SpeechCode = code
        self.message = message
