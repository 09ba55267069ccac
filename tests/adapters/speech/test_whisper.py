"""faster-whisper with the real bundled model: off the event loop, one note at a time."""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest

from posada.adapters.speech.decode import decode_audio
from posada.adapters.speech.errors import SpeechFailed
from posada.adapters.speech.model import FOLDER
from posada.adapters.speech.transcript import alternatives_of, confidence_of, without_loops
from posada.adapters.speech.whisper import WhisperTranscriber, _same_span, slowed
from tests.adapters.speech.conftest import tone

REQUEST = Path(__file__).parents[2] / "fixtures" / "audio" / "_e2e_request.ogg"


@pytest.fixture
async def whisper(speech_data_dir: Path) -> WhisperTranscriber:
    transcriber = WhisperTranscriber(str(speech_data_dir / "models" / FOLDER), queue_size=1)
    yield transcriber  # type: ignore[misc]
    await transcriber.aclose()


async def test_a_spoken_request_is_transcribed_while_the_loop_keeps_running(
        whisper: WhisperTranscriber) -> None:
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0.01)

    running = asyncio.create_task(ticker())
    heard = await whisper.transcribe(decode_audio(REQUEST.read_bytes()))
    stop.set()
    await running
    assert "reserv" in heard.text.lower() and "enero" in heard.text.lower()
    assert heard.language == "es" and 0 < heard.confidence <= 1
    assert heard.duration_s == pytest.approx(5.8, abs=0.5)
    assert ticks > 20  # the event loop ran all along (each tick is ≥ 10 ms)
    assert whisper.loaded
    # the beam's other hypotheses come along, each a different text of the same note
    assert heard.alternatives and heard.text not in heard.alternatives
    assert len(set(heard.alternatives)) == len(heard.alternatives) <= 4
    assert all("enero" in other.lower() for other in heard.alternatives)


async def test_beyond_the_queue_a_note_is_busy(whisper: WhisperTranscriber) -> None:
    audio = decode_audio(tone(3.0))
    first = asyncio.create_task(whisper.transcribe(audio))
    await asyncio.sleep(0)
    with pytest.raises(SpeechFailed) as caught:
        await whisper.transcribe(audio)
    assert caught.value.code == "busy"
    await first


async def test_a_missing_model_fails_the_note_not_the_process(tmp_path: Path) -> None:
    transcriber = WhisperTranscriber(str(tmp_path))
    try:
        with pytest.raises(SpeechFailed) as caught:
            await transcriber.transcribe(decode_audio(tone(1.0)))
    finally:
        await transcriber.aclose()
    assert caught.value.code == "model_missing" and not transcriber.loaded


class Segment:
    def __init__(self, start: float, end: float, avg_logprob: float,
                 no_speech_prob: float) -> None:
        self.start, self.end = start, end
        self.avg_logprob, self.no_speech_prob = avg_logprob, no_speech_prob


def test_confidence_weighs_segments_by_length_and_speech() -> None:
    assert confidence_of([]) == 0.0
    sure = confidence_of([Segment(0, 4, -0.05, 0.01)])
    unsure = confidence_of([Segment(0, 4, -1.5, 0.01)])
    silence = confidence_of([Segment(0, 4, -0.05, 0.95)])
    mixed = confidence_of([Segment(0, 1, -1.5, 0.01), Segment(1, 4, -0.05, 0.01)])
    assert sure > mixed > unsure and silence < unsure
    assert 0.9 < sure <= 1.0


def test_slowed_audio_is_longer_and_keeps_its_level() -> None:
    samples = (0.5 * np.sin(np.linspace(0, 200 * np.pi, 16_000))).astype(np.float32)
    slow = slowed(samples, 1.15)
    assert slow.dtype == np.float32 and slow.size == int(16_000 * 1.15)
    assert abs(float(np.max(np.abs(slow))) - 0.5) < 0.01


@pytest.mark.parametrize(("heard", "kept"), [
    ("somos una pareja, ¿tenés en la ciudad, en la ciudad, en la ciudad, en la ciudad",
     "somos una pareja, ¿tenés en la ciudad"),
    ("del dos al dos al dos al cinco de enero", "del dos al cinco de enero"),
    ("gracias, gracias, gracias. Hola", "gracias. Hola"),
])
def test_a_phrase_the_decoder_loops_on_is_kept_once(heard: str, kept: str) -> None:
    assert without_loops(heard) == kept


@pytest.mark.parametrize("said", [
    "muy, muy lindo", "del 10 al 14 de enero, el 14 de enero llegamos", "no, no, del 3 al 5",
    # found by a breaking pass: numbers and letters a guest repeats on purpose
    "mi cel es 11 5 5 5 5 6 7 8 9 0 1", "once, cinco cinco cinco, cuatro cuatro cuatro cuatro",
    "el código es K 7 Q D 4 4 4 T", "1.000.000.000", "somos dos dos dos y dos",
])
def test_a_phrase_said_twice_is_left_as_it_is(said: str) -> None:
    assert without_loops(said) == said


def test_alternatives_replace_one_window_at_a_time() -> None:
    windows = [["del 9 al once", "del 9 al 11", "del 9 al once"], ["somos mos.", "somos dos."]]
    assert alternatives_of("del 9 al once somos mos.", windows) == (
        "del 9 al 11 somos mos.", "del 9 al once somos dos.")


def test_alternatives_say_a_loop_once_and_never_repeat_the_transcript() -> None:
    heard = "libre entre él y él se llamó"
    windows = [["libre entre él y él y él y él se llamó", "libre entre él y él y él y él se llamo",
                "libre entre él y él se llamó"]]
    assert alternatives_of(heard, windows) == ("libre entre él y él se llamo",)


@pytest.mark.parametrize("windows", [
    [["somos dos"], ["del 3 al 5"]],  # the windows' first hypotheses are not the transcript
    [["del 3 al 5", "del 3 al 6"], []],  # a window without hypotheses
])
def test_no_alternatives_unless_the_windows_make_the_transcript(windows: list[list[str]]) -> None:
    assert alternatives_of("del 3 al 5 somos dos", windows) == ()


def test_a_transcript_spaced_otherwise_still_has_its_alternatives() -> None:
    windows = [["seguimosmos a multos", "seríamos dos adultos"]]
    assert alternatives_of("seguimos mos a multos", windows) == ("seríamos dos adultos",)


@pytest.mark.parametrize(("text", "windows"), [
    ("", [["", "Gracias.", "del 1 al 3 de enero"]]),  # silence: nothing to be another way of
    ("hola somos dos", [["hola"], [" ", "somos cuatro"], ["somos dos"]]),
    ("hola", [["hola", "  ", ""]]),
])
def test_nothing_heard_gives_no_alternatives(text: str, windows: list[list[str]]) -> None:
    assert alternatives_of(text, windows) == ()


def test_only_hypotheses_hearing_the_same_stretch_of_audio_are_alternatives() -> None:
    begin = 50365  # the first timestamp token; one step is 0.02 s
    top = [begin, 1, 2, begin + 700]
    early, near, unstamped = [begin, 1, begin + 400], [begin, 3, begin + 720], [1, 2]
    hypotheses = [top, early, near, unstamped, [begin, 4, begin + 700]]
    assert _same_span(hypotheses, begin, last=False) == [top, [begin, 4, begin + 700]]
    assert _same_span(hypotheses, begin, last=True) == [top, near, [begin, 4, begin + 700]]
    assert _same_span([[1, 2], [3], [begin, 3]], begin, last=False) == [[1, 2], [3]]
    assert _same_span([], begin, last=True) == []
