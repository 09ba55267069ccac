"""Voice notes to 16 kHz mono float samples with PyAV (it bundles FFmpeg and libopus).

WhatsApp voice notes are OGG/Opus; guests also send M4A/AAC, MP3, AMR and WAV files. The
length limit is checked from the container's duration when it has one, and again while
decoding, so a two-hour file is never decoded whole.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import av
import numpy as np
from numpy.typing import NDArray

from posada.adapters.speech.errors import SpeechFailed

#: The sample rate Whisper models take, in Hz.
SAMPLE_RATE = 16_000


@dataclass(frozen=True)
class Audio:
    """Decoded audio: ``samples`` float32 in [-1, 1], mono, ``SAMPLE_RATE`` Hz;
    ``duration_s`` its length in seconds."""

    samples: NDArray[np.float32]
    duration_s: float


def decode_audio(data: bytes, *, max_seconds: float = 180.0) -> Audio:
    """Decode ``data`` (any container and codec FFmpeg reads) to 16 kHz mono.

    Raises:
        SpeechFailed: ``not_audio`` (not decodable, no audio stream, truncated before any
            sound), ``empty`` (no samples), ``too_long`` (over ``max_seconds``).
    """
    try:
        container = av.open(io.BytesIO(data), mode="r", metadata_errors="ignore")
    except (av.FFmpegError, ValueError, OSError) as error:
        raise SpeechFailed("not_audio", f"not a media file: {type(error).__name__}") from None
    with container:
        streams = container.streams.audio
        if not streams:
            raise SpeechFailed("not_audio", "no audio stream in the file")
        stream = streams[0]
        announced = _announced_seconds(container, stream)
        if announced is not None and announced > max_seconds + 0.5:
            raise SpeechFailed("too_long", f"{announced:.0f} s is over {max_seconds:.0f} s")
        chunks = _decode(container, stream, max_seconds)
    samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
    if samples.size == 0:
        raise SpeechFailed("empty", "no audio samples in the file")
    return Audio(samples.astype(np.float32, copy=False), samples.size / SAMPLE_RATE)


def _announced_seconds(container: av.container.InputContainer,
                       stream: av.audio.stream.AudioStream) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None and container.duration > 0:
        return container.duration / 1_000_000  # AV_TIME_BASE
    return None


def _decode(container: av.container.InputContainer, stream: av.audio.stream.AudioStream,
            max_seconds: float) -> list[NDArray[np.float32]]:
    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    limit = int((max_seconds + 0.5) * SAMPLE_RATE)
    chunks: list[NDArray[np.float32]] = []
    total = 0
    try:
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                chunk = out.to_ndarray().reshape(-1).astype(np.float32, copy=False)
                chunks.append(chunk)
                total += chunk.size
            if total > limit:
                raise SpeechFailed("too_long", f"over {max_seconds:.0f} s")
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray().reshape(-1).astype(np.float32, copy=False))
    except av.FFmpegError as error:
        if not chunks:
            raise SpeechFailed("not_audio", f"undecodable audio: {type(error).__name__}"
                               ) from None
        # a cut-off tail: keep what was decoded (a voice note sent while the network dropped)
    return chunks
