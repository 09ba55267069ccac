"""Speak the voice-note fixtures (``bench/fixture_notes.py``) into ``tests/fixtures/audio/``.

Needs Debian's ``espeak-ng`` (``apt-get install espeak-ng``; only to regenerate, the files
are committed). Each note is spoken at its voice and speed, resampled and, when asked, mixed
with seeded white noise at its signal-to-noise ratio, then encoded with PyAV as a guest's
phone would send it (OGG/Opus 24 kb/s, M4A/AAC, MP3 or AMR-NB). ``manifest.json`` lists
every file with what it says. (An Ogg stream's serial number is random: regenerated OGG files
differ in bytes though not in sound; restore the committed ones to keep figures comparable.)

    .venv/bin/python bench/make_audio_fixtures.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.fixture_notes import NOTES, Note  # noqa: E402
from tests.adapters.speech.conftest import FORMATS, encode  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "audio"
SUFFIX = {"ogg_opus": "ogg", "m4a_aac": "m4a", "mp3": "mp3", "amr": "amr"}


def spoken(note: Note) -> tuple[np.ndarray, int]:
    """espeak-ng's rendering of ``note``: float samples in [-1, 1] and their rate (Hz)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "note.wav"
        subprocess.run(["espeak-ng", "-v", note.voice, "-s", str(note.speed), "-w", str(path),
                        note.text], check=True)
        with wave.open(str(path)) as wav:
            rate = wav.getframerate()
            pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    return pcm.astype(np.float64) / 32768, rate


def prepared(note: Note, seed: int) -> np.ndarray:
    """``note`` spoken, with half a second of room tone either side, noise mixed in and
    resampled to its format's rate, as 16-bit PCM."""
    samples, rate = spoken(note)
    target = FORMATS[note.kind][2]
    pad = np.zeros(rate // 2)
    samples = np.concatenate([pad, samples, pad])
    positions = np.arange(int(samples.size * target / rate)) * rate / target
    samples = np.interp(positions, np.arange(samples.size), samples)
    if note.noise is not None:
        power = float(np.mean(samples ** 2))
        noise = np.random.default_rng(seed).normal(0, 1, samples.size)
        samples = samples + noise * np.sqrt(power / 10 ** (note.noise / 10))
    peak = float(np.max(np.abs(samples))) or 1.0
    return (samples / peak * 0.8 * 32767).astype(np.int16)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = []
    for seed, note in enumerate(NOTES):
        bit_rate = 24_000 if note.kind == "ogg_opus" else None
        data = encode(prepared(note, seed), note.kind, bit_rate)
        name = f"{note.name}.{SUFFIX[note.kind]}"
        (OUT / name).write_bytes(data)
        manifest.append({"file": name, "text": note.text, "voice": note.voice,
                         "speed": note.speed, "kind": note.kind, "noise_db": note.noise,
                         "split": note.split})
        print(f"{name:12} {len(data) / 1024:6.1f} KiB  {note.voice:12} {note.text[:50]}")
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
