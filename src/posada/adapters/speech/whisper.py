"""``WhisperTranscriber``: faster-whisper on the CPU, off the event loop, one note at a time.

The model is loaded once, lazily, by the first note, in the one worker thread that then
transcribes every note of this process in turn; the event loop only awaits. Notes waiting
beyond ``queue_size`` are refused as ``busy`` (the caller retries later), so a burst of
voice notes never piles up memory or starves the webhook and the API.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import functools
import logging
import math
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from numpy.typing import NDArray

from posada.adapters.speech.decode import Audio
from posada.adapters.speech.errors import SpeechFailed
from posada.adapters.speech.options import AGAIN_CHANGES, DECODE_OPTIONS
from posada.adapters.speech.transcript import (
    LOW_CONFIDENCE,
    Transcript,
    alternatives_of,
    confidence_of,
    without_loops,
)
from posada.observability import STT_AUDIO_SECONDS, STT_FAILURES, STT_SECONDS

log = logging.getLogger(__name__)

COMPUTE_TYPES = frozenset({"int8", "int8_float32", "int16", "float32", "default"})
#: Whisper hears 30 s windows of 16 kHz audio, 3000 feature frames each.
SAMPLE_RATE, WINDOW_SECONDS, WINDOW_FRAMES = 16_000, 30, 3000
#: Texts scored at once: each needs the decoder's keys and values over the whole window
#: (~37 MB), and batches of 8 took no less time than batches of 2.
SCORE_BATCH = 2
#: Hypotheses the beam search returns per 30 s window: the likeliest makes the transcript,
#: the others its ``alternatives``. The beam holds five anyway (``beam_size``), so they
#: cost no decoding. On the 286 first fixtures' first listens, the alternative with the most
#: booking facts read 122 as typed instead of 112 and lost none; through the whole listener
#: (listens again, slots) 205 of 306 fixtures instead of 204 (5 gained, 4 lost: there an
#: alternative with a wrong day took the place of a transcript whose slots found the day).
HYPOTHESES = 5


def slowed(samples: NDArray[np.float32], stretch: float) -> NDArray[np.float32]:
    """``samples`` played ``stretch`` × longer (slower and lower), by linear interpolation."""
    length = int(samples.size * stretch)
    positions = np.arange(length, dtype=np.float64) / stretch
    return np.interp(positions, np.arange(samples.size), samples).astype(np.float32)


#: glibc's ``mallopt`` parameter for the most heaps ("arenas") threads may spread over.
_M_ARENA_MAX = -8


@functools.cache
def _libc() -> ctypes.CDLL | None:
    """glibc, looked up once (``find_library`` runs ``ldconfig``); ``None`` without it."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def _one_heap() -> None:
    """Have every thread created from now on (the model's own among them) allocate from one
    glibc heap, as ``MALLOC_ARENA_MAX=1`` does. Left to itself, glibc gave the model's
    threads heaps of their own that fragmented: the resident memory grew from 336 to 425 MB
    over the 66 fixtures, and the peak reached 500 MB. With one heap it stayed at 309–336 MB
    (peak 421 MB) and the notes took no longer (2 cores: the threads rarely wait for the
    heap's lock). Mapping every block of 256 KiB and more on its own kept the peak at
    488 MB and made notes ~25 % slower here. Nothing happens without glibc."""
    mallopt = getattr(_libc(), "mallopt", None)
    if mallopt is None:
        log.debug("mallopt is not available here; heap left as it is")
    else:
        mallopt(_M_ARENA_MAX, 1)


def _trim() -> None:
    """Give the heap's free pages back to the system (glibc's ``malloc_trim``) after a note:
    what a note's decoding freed stays mapped otherwise, and the next note's peak rises
    from it. Nothing happens without glibc."""
    malloc_trim = getattr(_libc(), "malloc_trim", None)
    if malloc_trim is not None:
        malloc_trim(0)


#: How far (in Whisper's 0.02 s timestamp steps) the last window's other hypotheses may end
#: from its likeliest: 1 s.
_LAST_WINDOW_SLACK = 50


def _same_span(hypotheses: list[list[int]], timestamp_begin: int, *, last: bool
               ) -> list[list[int]]:
    """The likeliest of a window's ``hypotheses`` (token ids) and those of the others that
    hear the same stretch of audio: that end on the same timestamp, or, in the ``last``
    window, within 1 s of it. faster-whisper starts the next window where the likeliest
    ended, so another hypothesis ending elsewhere would drop or repeat speech there (one of
    j13's ended 6 s early and lost the dates; k14's repeated a sentence and read 22 guests);
    one ending early in the last window would drop the note's end."""
    def end(ids: list[int]) -> int | None:
        return next((token for token in reversed(ids) if token >= timestamp_begin), None)

    def same(ids: list[int]) -> bool:
        other = end(ids)
        if top is None or other is None:
            return other is top  # no timestamps in either, or only in one
        return abs(other - top) <= (_LAST_WINDOW_SLACK if last else 0)

    if not hypotheses:
        return []
    top = end(hypotheses[0])
    return [hypotheses[0], *(ids for ids in hypotheses[1:] if same(ids))]


class _Beams:
    """The CTranslate2 model of a faster-whisper ``WhisperModel``, every beam search of it
    asked for up to ``hypotheses`` hypotheses; ``windows`` collects each search's token ids
    (faster-whisper itself reads the first hypothesis alone). Every other call and
    attribute is the model's own."""

    def __init__(self, model: Any, hypotheses: int) -> None:
        self._model, self.hypotheses = model, hypotheses
        self.windows: list[list[list[int]]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)

    def generate(self, *args: Any, **kwargs: Any) -> Any:
        beam = int(kwargs.get("beam_size", 1))
        if beam > 1 and "num_hypotheses" not in kwargs:
            kwargs["num_hypotheses"] = min(self.hypotheses, beam)
        results = self._model.generate(*args, **kwargs)
        self.windows.extend([list(ids) for ids in result.sequences_ids] for result in results)
        return results


class WhisperTranscriber:
    """Transcribe with the faster-whisper model at ``model`` (a folder, or a name
    faster-whisper resolves: see ``model.resolve_model``) using ``compute_type``
    (``int8`` by default), ``threads`` CPU threads and the decoding ``options``.

    ``model`` may also be a callable returning the location, called in the worker thread
    at first use (so a missing model is a ``SpeechFailed`` of the first note, not of the
    process start)."""

    def __init__(self, model: str | Any, *, compute_type: str = "int8", threads: int = 2,
                 queue_size: int = 8, options: dict[str, object] | None = None) -> None:
        if compute_type not in COMPUTE_TYPES:
            raise ValueError(f"unknown compute type {compute_type!r}")
        self._where = model
        self.compute_type, self.threads, self.queue_size = compute_type, threads, queue_size
        self.options = dict(DECODE_OPTIONS if options is None else options)
        self._model: Any = None
        #: The note last scored, its encoding and frames (only the worker thread uses it).
        self._last_encoded: tuple[Audio, NDArray[np.float32], int] | None = None
        self._load_lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="posada-stt")
        self._waiting = 0

    @property
    def loaded(self) -> bool:
        return self._model is not None

    async def transcribe(self, audio: Audio, *, again: int = 0) -> Transcript:
        """See ``transcript.Transcriber``.

        Raises:
            SpeechFailed: ``busy`` (``queue_size`` notes wait already), ``model_missing``,
                ``model_corrupt``, ``failed``.
        """
        if self._waiting >= self.queue_size:
            STT_FAILURES.labels(reason="busy").inc()
            raise SpeechFailed("busy", f"{self._waiting} voice notes are waiting already")
        self._waiting += 1
        try:
            loop = asyncio.get_running_loop()
            options = {**self.options, **AGAIN_CHANGES[again - 1]} if again else self.options
            return await loop.run_in_executor(self._pool, self._run, audio, options)
        finally:
            self._waiting -= 1

    async def score(self, audio: Audio, texts: Sequence[str]) -> list[tuple[float, int]]:
        """See ``transcript.Transcriber``: the model reads each text against the audio
        (CTranslate2's ``align``, which gives every text token's probability), in batches
        of ``SCORE_BATCH`` on the same worker thread as the transcriptions."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._score, audio, list(texts))

    def load(self) -> None:
        """Load the model now (in the calling thread), if not loaded yet.

        Raises:
            SpeechFailed: ``model_missing``, ``model_corrupt``, ``failed``.
        """
        with self._load_lock:
            if self._model is not None:
                return
            where = self._where() if callable(self._where) else self._where
            _one_heap()
            from faster_whisper import WhisperModel  # type: ignore[import-untyped]  # heavy, lazy

            started = time.perf_counter()
            try:
                self._model = WhisperModel(str(where), device="cpu",
                                           compute_type=self.compute_type,
                                           cpu_threads=self.threads, local_files_only=True)
            except Exception as error:
                STT_FAILURES.labels(reason="model_missing").inc()
                raise SpeechFailed("model_missing", f"cannot load the speech model from "
                                   f"{where}: {type(error).__name__}") from None
            self._model.model = _Beams(self._model.model, HYPOTHESES)
            log.info("speech model loaded from %s in %.1f s", where,
                     time.perf_counter() - started)

    def _run(self, audio: Audio, options: dict[str, object]) -> Transcript:
        options = dict(options)
        stretch = float(options.pop("stretch", 1.0))  # type: ignore[arg-type]
        samples = audio.samples if stretch == 1.0 else slowed(audio.samples, stretch)
        try:
            self.load()
        except SpeechFailed as error:
            if error.code == "model_corrupt":
                STT_FAILURES.labels(reason="model_corrupt").inc()
            raise
        started = time.perf_counter()
        beams: _Beams = self._model.model
        beams.windows.clear()
        try:
            segments, info = self._model.transcribe(samples, **options)
            segments = list(segments)
        except Exception as error:
            STT_FAILURES.labels(reason="failed").inc()
            log.exception("speech recognition failed on a %.1f s note", audio.duration_s)
            raise SpeechFailed("failed", f"the model failed: {type(error).__name__}") from None
        seconds = time.perf_counter() - started
        _trim()
        STT_SECONDS.observe(seconds)
        STT_AUDIO_SECONDS.inc(audio.duration_s)
        text = without_loops(" ".join(s.text.strip() for s in segments if s.text.strip()))
        confidence = confidence_of(segments)
        tokenizer = self._tokenizer(options)
        windows = [[tokenizer.decode(ids).strip() for ids in _same_span(
            window, tokenizer.timestamp_begin, last=at == len(beams.windows) - 1)]
            for at, window in enumerate(beams.windows)]
        return Transcript(text=text, language=info.language,
                          language_probability=round(float(info.language_probability), 4),
                          duration_s=round(audio.duration_s, 3), seconds=round(seconds, 3),
                          confidence=confidence, low_confidence=confidence < LOW_CONFIDENCE,
                          alternatives=alternatives_of(text, windows))

    def _tokenizer(self, options: dict[str, object]) -> Any:
        """faster-whisper's tokenizer of the loaded model, transcribing ``options``'
        language (Spanish by default)."""
        from faster_whisper.tokenizer import Tokenizer  # type: ignore[import-untyped]

        return Tokenizer(self._model.hf_tokenizer, True, task="transcribe",
                         language=options.get("language", "es"))

    def _score(self, audio: Audio, texts: list[str]) -> list[tuple[float, int]]:
        import ctranslate2  # type: ignore[import-untyped]  # heavy, lazy

        self.load()
        model = self._model
        try:
            encoded, frames = self._encoded(audio)
            tokenizer = self._tokenizer(self.options)
            start = [*tokenizer.sot_sequence, tokenizer.no_timestamps]
            scores = []
            for at in range(0, len(texts), SCORE_BATCH):
                tokens = [tokenizer.encode(" " + text.strip())
                          for text in texts[at:at + SCORE_BATCH]]
                batch = ctranslate2.StorageView.from_array(
                    np.repeat(encoded, len(tokens), axis=0))
                for result, text_tokens in zip(
                        model.model.align(batch, start, tokens, [frames] * len(tokens)),
                        tokens, strict=True):
                    scores.append((sum(math.log(max(p, 1e-12))
                                       for p in result.text_token_probs), len(text_tokens)))
        except Exception as error:
            STT_FAILURES.labels(reason="failed").inc()
            log.exception("scoring %d transcripts of a %.1f s note failed", len(texts),
                          audio.duration_s)
            raise SpeechFailed("failed", f"the model failed: {type(error).__name__}") from None
        _trim()
        return scores

    def _encoded(self, audio: Audio) -> tuple[NDArray[np.float32], int]:
        """The encoder's output for ``audio``'s first window, and the window's frames of
        sound; the last note's is kept, since every slot of a note is scored against it
        (an encoding takes ~0.4 s here)."""
        if self._last_encoded is not None and self._last_encoded[0] is audio:
            return self._last_encoded[1], self._last_encoded[2]
        features = self._model.feature_extractor(audio.samples[:WINDOW_SECONDS * SAMPLE_RATE])
        frames = min(features.shape[-1], WINDOW_FRAMES)
        padded = np.zeros((features.shape[0], WINDOW_FRAMES), dtype=np.float32)
        padded[:, :frames] = features[:, :frames]
        encoded = np.asarray(self._model.encode(padded))
        self._last_encoded = (audio, encoded, frames)
        return encoded, frames

    async def aclose(self) -> None:
        """Let the note in progress finish, then stop the worker thread."""
        await asyncio.to_thread(self._pool.shutdown, wait=True)
