"""Decoding guests' audio to 16 kHz mono with PyAV, and refusing what is not audio."""

from __future__ import annotations

import numpy as np
import pytest

from posada.adapters.speech.decode import SAMPLE_RATE, decode_audio
from posada.adapters.speech.errors import SpeechFailed
from tests.adapters.speech.conftest import FORMATS, tone


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_every_format_decodes_to_16_khz_mono_of_the_right_length(kind: str) -> None:
    audio = decode_audio(tone(2.0, kind))
    assert audio.samples.dtype == np.float32 and audio.samples.ndim == 1
    assert audio.duration_s == pytest.approx(2.0, abs=0.15)
    assert audio.samples.size == pytest.approx(2.0 * SAMPLE_RATE, abs=0.15 * SAMPLE_RATE)
    assert 0.1 < float(np.abs(audio.samples).max()) <= 1.0  # the tone, not silence


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,  # an image sent as audio
    b"",
    bytes(np.random.default_rng(7).integers(0, 256, 20_000, dtype=np.uint8)),
    b"<html><body>not audio</body></html>",
])
def test_what_is_not_audio_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(SpeechFailed) as caught:
        decode_audio(data)
    assert caught.value.code in ("not_audio", "empty")


def test_truncated_bytes_are_not_audio() -> None:
    with pytest.raises(SpeechFailed) as caught:
        decode_audio(tone(2.0)[:120])
    assert caught.value.code in ("not_audio", "empty")


def test_a_note_cut_short_keeps_what_was_sent() -> None:
    whole = tone(4.0)
    audio = decode_audio(whole[: len(whole) // 2])
    assert 0.5 < audio.duration_s < 3.5


@pytest.mark.parametrize("kind", ["ogg_opus", "wav"])
def test_over_the_limit_is_too_long(kind: str) -> None:
    with pytest.raises(SpeechFailed) as caught:
        decode_audio(tone(8.0, kind), max_seconds=5)
    assert caught.value.code == "too_long"


def test_a_five_minute_file_is_too_long_for_the_default_limit() -> None:
    with pytest.raises(SpeechFailed) as caught:
        decode_audio(tone(300.0, "ogg_opus"))
    assert caught.value.code == "too_long" and "180" in caught.value.message
