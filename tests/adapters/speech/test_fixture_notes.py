"""The committed voice-note fixtures through the real model, repaired, read as typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from posada.adapters.speech.decode import decode_audio
from posada.adapters.speech.model import FOLDER
from posada.adapters.speech.whisper import WhisperTranscriber
from posada.nlu.slots import DAYS, Slot
from posada.nlu.spoken import repair
from posada.nlu.text import MONTHS
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


async def test_the_model_tells_the_days_and_month_a_note_said_among_all_a_slot_allows(
        speech_data_dir: Path) -> None:
    """n10.ogg was heard "del catorce al mie fin nueve femeo …": scored against the audio,
    the day and the month that fill those slots are the ones said."""
    transcriber = WhisperTranscriber(str(speech_data_dir / "models" / FOLDER))
    audio = decode_audio((AUDIO / "n10.ogg").read_bytes())
    said = MANIFEST["n10.ogg"]["text"]  # "Del catorce al diecinueve de febrero, para …"
    try:
        for heard, kind in (("diecinueve", "day"), ("de febrero", "month")):
            slot = Slot(kind, said.index(heard), said.index(heard) + len(heard),
                        DAYS if kind == "day" else tuple(f"de {m}" for m in MONTHS), False)
            candidates = slot.candidates(said)
            scores = await transcriber.score(audio, candidates)
            assert all(lp < 0 and tokens > 5 for lp, tokens in scores)
            assert candidates[slot.best(scores)] == said, kind
    finally:
        await transcriber.aclose()
