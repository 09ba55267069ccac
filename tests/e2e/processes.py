"""``posada serve`` in subprocesses (real separate processes sharing one database)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from tests.conftest import SECRET, free_port


def server_env(database_url: str, **settings: str) -> dict[str, str]:
    """The environment of a test ``posada serve``: ``settings`` are extra ``POSADA_*``
    variables (names without the prefix, lower case)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSADA_")}
    env.update(POSADA_ENV="development", POSADA_DATABASE_URL=database_url,
               POSADA_SECRET_KEY=SECRET, POSADA_LOG_LEVEL="WARNING",
               POSADA_SCHEDULER_ENABLED="false", POSADA_RATE_LIMIT_API="100000/second",
               POSADA_MAX_HOLDS_PER_CLIENT="0", POSADA_MAX_HOLDS_PER_CONTACT="0")
    env.update({f"POSADA_{k.upper()}": v for k, v in settings.items()})
    return env


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """One ``posada serve`` on ``port``, healthy when this returns."""
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "posada.cli", "serve", "--port", str(port)],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    _wait_healthy(proc, f"http://127.0.0.1:{port}")
    return proc


def kill_hard(proc: subprocess.Popen[bytes]) -> None:
    """``kill -9`` the server's whole process group and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def serve_processes(
    database_url: str, count: int, log_dir: Path, **settings: str
) -> Iterator[list[str]]:
    """Start ``count`` single-worker servers on free ports; yield their base URLs; stop them.

    ``settings`` are extra ``POSADA_*`` variables (names without the prefix, lower case).
    """
    env = server_env(database_url, **settings)
    procs: list[tuple[subprocess.Popen[bytes], str]] = []
    try:
        for n in range(count):
            port = free_port()
            with (log_dir / f"server-{n}.log").open("wb") as out:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "posada.cli", "serve", "--port", str(port)],
                    env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
            procs.append((proc, f"http://127.0.0.1:{port}"))
        for proc, url in procs:
            _wait_healthy(proc, url)
        yield [url for _, url in procs]
    finally:
        for proc, _ in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc, _ in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def _wait_healthy(proc: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"posada serve exited with {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not become healthy")
