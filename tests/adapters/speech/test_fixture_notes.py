"""The committed voice-note fixtures through the real model, repaired, read as typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from posada.adapters.speech.decode import decode_audio
from posada.adapters.speech.model import FOLDER
from posada.adapters.speech.whisper import WhisperTranscriber
from posada.nlu.spoken import repair
from posada.nlu.understand import understand
from tests.nlu.test_spoken import TODAY

AUDIO = Path(__file__).parents[2] / "fixtures" / "audio"
MANIFEST = {entry["file"]: entry for entry in json.loads((AUDIO / "manifest.json").read_text())}


def reading(text: str) -> tuple[object, ...]:
    found = understand(text, TODAY)
    return found.stay.check_in, found.stay.check_out, found.party.guests


def test_the_manifest_lists_every_fixture_and_each_reads_as_a_full_request() -> None:
    files = {path.name for path in AUDIO.iterdir() if path.suffix != ".json"}
    assert set(MANIFEST) == files - {"_e2e_request.ogg"}
    for entry in MANIFEST.values():
        assert None not in reading(entry["text"]), entry["file"]


@pytest.mark.parametrize("name", ["n09.ogg", "n01.ogg", "long2.ogg"])
async def test_a_clear_note_reads_as_the_same_sentence_typed(
        speech_data_dir: Path, name: str) -> None:
    transcriber = WhisperTranscriber(str(speech_data_dir / "models" / FOLDER))
    try:
        heard = await transcriber.transcribe(decode_audio((AUDIO / name).read_bytes()))
    finally:
        await transcriber.aclose()
    assert not heard.low_confidence
    assert reading(repair(heard.text)) == reading(MANIFEST[name]["text"])
