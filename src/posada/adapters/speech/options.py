"""faster-whisper's decoding options for Spanish booking requests.

Measured on the voice-note fixtures (``bench/speech.py``): an initial prompt truncated long
notes, so there is none; VAD drops the silences WhatsApp notes start and end with.
"""

from __future__ import annotations

#: Keyword arguments of ``faster_whisper.WhisperModel.transcribe``.
DECODE_OPTIONS: dict[str, object] = {
    "language": "es",
    "task": "transcribe",
    "beam_size": 5,
    "vad_filter": True,
    "condition_on_previous_text": False,
    "initial_prompt": None,
    "hotwords": None,
}
