"""``LocalServer``: serve an ASGI app with uvicorn in a background thread, for the fakes.

The adapters' fakes (``whatsapp.fake.FakeGraph``, ``ical.fake.FeedServer``) are real HTTP
servers on 127.0.0.1, so tests, benchmarks and manual runs exercise the same client code as
production. This is the one place that binds the socket, starts uvicorn in a daemon thread,
waits until it accepts connections and stops it again.
"""

from __future__ import annotations

import socket
import threading
import time

import uvicorn
from starlette.types import ASGIApp

#: How long ``start`` waits for uvicorn to accept connections, in seconds.
START_TIMEOUT = 5.0


class LocalServer:
    """``app`` served on ``host:port`` (``port=0``: a free port chosen by the system) in a
    daemon thread named ``name``. ``url`` is ``http://host:port`` once started, ``""``
    before; ``backlog`` is the listen queue (connections waiting to be accepted)."""

    def __init__(self, app: ASGIApp, *, host: str = "127.0.0.1", port: int = 0,
                 name: str = "local-server", backlog: int = 2048) -> None:
        self._app = app
        self._host, self._port, self._name, self._backlog = host, port, name, backlog
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    def start(self) -> str:
        """Bind, serve in the background thread and wait until ready (at most
        ``START_TIMEOUT`` seconds); returns ``url``. Raises ``OSError`` when the port cannot
        be bound and ``RuntimeError`` when uvicorn does not start."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, self._port))
        port = sock.getsockname()[1]
        config = uvicorn.Config(self._app, log_level="warning", lifespan="off",
                                access_log=False, timeout_graceful_shutdown=1,
                                backlog=self._backlog)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        name=self._name, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                self.stop()
                sock.close()
                raise RuntimeError(f"{self._name} did not start")
            time.sleep(0.01)
        self.url = f"http://{self._host}:{port}"
        return self.url

    def stop(self) -> None:
        """Stop serving (open requests get about a second to finish) and join the thread.
        Safe to call twice; ``url`` keeps its value so a test can check nothing answers."""
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=5)
        self._server = self._thread = None
