"""``posada serve`` in subprocesses (real separate processes sharing one database)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from tests.conftest import SECRET, listening_socket


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


def start_server(env: dict[str, str], sock: socket.socket, log: Path
                 ) -> subprocess.Popen[bytes]:
    """One ``posada serve`` on the listening socket ``sock`` (see
    ``tests.conftest.listening_socket``), its output appended to ``log``; healthy when this
    returns."""
    proc = _launch(env, sock, log)
    _wait_healthy(proc, url_of(sock))
    return proc


def url_of(sock: socket.socket) -> str:
    return f"http://127.0.0.1:{sock.getsockname()[1]}"


def _launch(env: dict[str, str], sock: socket.socket, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "posada.cli", "serve", "--fd", str(sock.fileno())],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            pass_fds=(sock.fileno(),))


def kill_hard(proc: subprocess.Popen[bytes]) -> None:
    """``kill -9`` the server's whole process group and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def serve_processes(
    database_url: str, count: int, log_dir: Path, **settings: str
) -> Iterator[list[str]]:
    """Start ``count`` single-worker servers, each on a listening socket of its own; yield
    their base URLs; stop them.

    ``settings`` are extra ``POSADA_*`` variables (names without the prefix, lower case).
    """
    env = server_env(database_url, **settings)
    procs: list[tuple[subprocess.Popen[bytes], str]] = []
    with contextlib.ExitStack() as sockets:
        try:
            for n in range(count):
                sock = sockets.enter_context(listening_socket())
                procs.append((_launch(env, sock, log_dir / f"server-{n}.log"), url_of(sock)))
            for proc, url in procs:
                _wait_healthy(proc, url)
            yield [url for _, url in procs]
        finally:
            _stop(procs)


def _stop(procs: list[tuple[subprocess.Popen[bytes], str]]) -> None:
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
