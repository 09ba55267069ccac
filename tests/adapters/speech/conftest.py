"""Audio made at test time with PyAV: a tone in every container and codec guests send."""

from __future__ import annotations

import io

import av
import numpy as np

#: (container format, codec, sample rate) for each kind of file a guest sends.
FORMATS = {
    "ogg_opus": ("ogg", "libopus", 48_000),
    "m4a_aac": ("mp4", "aac", 44_100),
    "mp3": ("mp3", "libmp3lame", 44_100),
    "amr": ("amr", "libopencore_amrnb", 8_000),
    "wav": ("wav", "pcm_s16le", 22_050),
}


def tone(seconds: float, kind: str = "ogg_opus", hz: float = 440.0) -> bytes:
    """``seconds`` of a sine tone encoded as ``kind`` (a ``FORMATS`` key)."""
    rate = FORMATS[kind][2]
    samples = (0.3 * np.sin(2 * np.pi * hz * np.arange(int(seconds * rate)) / rate))
    return encode((samples * 32767).astype(np.int16), kind)


def encode(pcm: np.ndarray, kind: str, bit_rate: int | None = None) -> bytes:
    """Mono 16-bit ``pcm`` at ``FORMATS[kind]``'s sample rate, encoded as ``kind``
    (``bit_rate`` in bit/s, the codec's default when ``None``)."""
    container, codec, rate = FORMATS[kind]
    out = io.BytesIO()
    with av.open(out, "w", format=container) as dst:
        stream = dst.add_stream(codec, rate=rate, layout="mono")
        if codec == "libopencore_amrnb":
            stream.bit_rate = 12_200
        elif bit_rate:
            stream.bit_rate = bit_rate
        step = 1024
        for start in range(0, pcm.size, step):
            frame = av.AudioFrame.from_ndarray(pcm[None, start:start + step], format="s16",
                                               layout="mono")
            frame.sample_rate = rate
            frame.pts = start
            for packet in stream.encode(frame):
                dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)
    return out.getvalue()
