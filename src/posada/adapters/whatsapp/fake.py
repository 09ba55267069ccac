"""``FakeGraph``: a real HTTP server on 127.0.0.1 that answers like the Cloud API.

For tests, the bench and manual runs (``python -m posada.adapters.whatsapp.fake --port N
--token T``). Endpoints (shapes as in Meta's Cloud API reference):

* ``POST /{version}/{phone_number_id}/messages`` — bearer token required (401, code 190,
  otherwise); a message is recorded and answered ``{"messaging_product": "whatsapp",
  "contacts": [{"input", "wa_id"}], "messages": [{"id": "wamid.…"}]}``; a read receipt
  (``"status": "read"``) is recorded in ``reads`` and answered ``{"success": true}``;
  payloads over Meta's limits (text 4,096; buttons 3 × 20; list rows 10 × 24) get 400 with
  code 131009, a payload without ``to``/``recipient`` 400 with code 100.
* ``GET /{version}/{media_id}`` and ``GET /whatsapp_business/attachments/?mid=…`` — media
  info and download, served by ``media`` (a ``fake_media.MediaStore``: ``add_media``, expiring
  URLs, knobs for wrong checksums, lying sizes, failures and slow downloads).

Scripting: ``fail_next`` (Meta-style error bodies, or a raw ``body`` such as an HTML 502) and
``delay``; inspection: ``url``, ``messages``, ``reads``, ``wait_for``. A message that is
delayed is recorded when it arrives (as Meta may deliver a message whose answer timed out).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import threading
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from posada.adapters.local_server import LocalServer
from posada.adapters.whatsapp.fake_media import VOICE_MIME_TYPE, MediaStore, error_body

#: The bearer token a ``FakeGraph`` accepts unless told otherwise (a fake's, not a secret).
DEFAULT_TOKEN = "test-token"  # noqa: S105


@dataclass(frozen=True, slots=True)
class Recorded:
    """One accepted request: its JSON ``payload``, ``received_at`` (``time.monotonic()``
    seconds) and the ``wamid`` answered (``None`` for read receipts)."""

    payload: dict[str, Any]
    received_at: float
    wamid: str | None = None


@dataclass(slots=True)
class _Failure:
    status: int
    code: int | None
    message: str
    body: str | None
    retry_after: str | None


def _over_limits(payload: dict[str, Any]) -> str | None:
    """Why ``payload`` breaks Meta's size limits, or ``None``."""
    text = payload.get("text")
    if isinstance(text, dict) and len(str(text.get("body", ""))) > 4096:
        return "text body over 4096 characters"
    interactive = payload.get("interactive")
    if not isinstance(interactive, dict):
        return None
    action = interactive.get("action") or {}
    body = (interactive.get("body") or {}).get("text", "")
    if len(str(body)) > 1024:
        return "interactive body over 1024 characters"
    buttons = action.get("buttons") or []
    if len(buttons) > 3 or any(len(b["reply"]["title"]) > 20 for b in buttons):
        return "more than 3 buttons or a button title over 20 characters"
    rows = [r for s in action.get("sections") or [] for r in s.get("rows", [])]
    if len(rows) > 10 or any(len(r["title"]) > 24 or len(r.get("description", "")) > 72
                             for r in rows):
        return "more than 10 rows or a row over its limits"
    if rows and len(str(action.get("button", ""))) > 20:
        return "list button label over 20 characters"
    return None


class FakeGraph:
    """A local Cloud API (see the module docstring). Use as ``with FakeGraph() as graph:``
    or ``async with FakeGraph() as graph:``; ``port=0`` picks a free port."""

    def __init__(self, token: str = DEFAULT_TOKEN, *, port: int = 0,
                 host: str = "127.0.0.1") -> None:
        self.token = token
        self.messages: list[Recorded] = []
        self.reads: list[Recorded] = []
        self.requests = 0
        self._host, self._port = host, port
        self._lock = threading.Condition()
        self._failures: list[_Failure] = []
        self._delay = 0.0
        self.media = MediaStore(lambda: self.token)
        self._counter = 0
        self._server: LocalServer | None = None
        self.url = ""

    # ------------------------------------------------------------------ scripting

    def fail_next(self, n: int = 1, status: int = 500, code: int | None = None,
                  message: str = "(#131000) Something went wrong", *,
                  body: str | None = None, retry_after: str | None = None) -> None:
        """Answer the next ``n`` message posts with ``status`` and Meta's error body for
        ``code``/``message`` (or the raw ``body``, served as ``text/html``), with a
        ``Retry-After`` header when given. ``fail_next(1, 400, 131047)`` is a closed window."""
        with self._lock:
            self._failures.extend(_Failure(status, code, message, body, retry_after)
                                  for _ in range(n))

    def delay(self, seconds: float) -> None:
        """Wait ``seconds`` before answering every later request (``0`` to stop)."""
        self._delay = seconds

    def add_media(self, data: bytes, mime_type: str = VOICE_MIME_TYPE, *,
                  media_id: str | None = None, sha256: str | None = None,
                  file_size: int | None = None) -> str:
        """Serve ``data`` as media; returns its media id (see ``MediaStore.add``)."""
        return self.media.add(data, mime_type, media_id=media_id, sha256=sha256,
                              file_size=file_size)

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Recorded]:
        """Block until at least ``count`` messages are recorded; returns them. Raises
        ``TimeoutError`` after ``timeout`` seconds. Thread-safe; from async code call it
        through ``asyncio.to_thread``."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self.messages) >= count, timeout):
                raise TimeoutError(f"{len(self.messages)} of {count} messages after {timeout}s")
            return list(self.messages)

    # ------------------------------------------------------------------ handlers

    def _authorized(self, request: Request) -> bool:
        return request.headers.get("authorization") == f"Bearer {self.token}"

    def _unauthorized(self) -> Response:
        return JSONResponse(error_body(190, "Invalid OAuth access token - Cannot parse "
                                       "access token"), status_code=401)

    async def _messages(self, request: Request) -> Response:
        received = time.monotonic()
        with self._lock:
            self.requests += 1
        body = await request.body()
        response = self._answer(request, body, received)
        if self._delay:
            await asyncio.sleep(self._delay)
        return response

    def _answer(self, request: Request, body: bytes, received: float) -> Response:
        if not self._authorized(request):
            return self._unauthorized()
        with self._lock:
            failure = self._failures.pop(0) if self._failures else None
        if failure is not None:
            headers = {"Retry-After": failure.retry_after} if failure.retry_after else None
            if failure.body is not None:
                return Response(failure.body, failure.status, headers, media_type="text/html")
            return JSONResponse(error_body(failure.code, failure.message), failure.status,
                                headers)
        try:
            payload = json.loads(body)
        except ValueError:
            payload = None
        if not isinstance(payload, dict) or payload.get("messaging_product") != "whatsapp":
            return JSONResponse(error_body(100, "(#100) Invalid parameter"), 400)
        if payload.get("status") == "read":
            with self._lock:
                self.reads.append(Recorded(payload, received))
            return JSONResponse({"success": True})
        address = payload.get("to") or payload.get("recipient")
        if not isinstance(address, str) or not address:
            return JSONResponse(error_body(100, "(#100) The parameter to is required."), 400)
        problem = _over_limits(payload)
        if problem:
            return JSONResponse(error_body(131009, f"(#131009) {problem}"), 400)
        return self._accept(payload, address, received)

    def _accept(self, payload: dict[str, Any], address: str, received: float) -> Response:
        with self._lock:
            self._counter += 1
            raw = f"posada-fake-{self._counter:08d}".encode()
            wamid = "wamid." + base64.b64encode(raw).decode()
            self.messages.append(Recorded(payload, received, wamid))
            self._lock.notify_all()
        contact = ({"input": address, "wa_id": address} if "to" in payload
                   else {"input": address, "user_id": address})
        message: dict[str, Any] = {"id": wamid}
        if payload.get("type") == "template":
            message["message_status"] = "accepted"
        return JSONResponse({"messaging_product": "whatsapp", "contacts": [contact],
                             "messages": [message]})

    def app(self) -> Starlette:
        """The ASGI app (also usable in-process with ``httpx.ASGITransport``)."""
        return Starlette(routes=[
            Route("/whatsapp_business/attachments/", self.media.download, methods=["GET"]),
            Route("/{version}/{phone_number_id}/messages", self._messages, methods=["POST"]),
            Route("/{version}/{media_id}", self.media.info, methods=["GET"]),
        ])

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeGraph:
        """Bind, serve in a background thread and wait until ready (≤ 5 s)."""
        self._server = LocalServer(self.app(), host=self._host, port=self._port,
                                   name="fake-graph")
        self.url = self._server.start()
        return self

    def stop(self) -> None:
        """Stop serving and join the thread."""
        if self._server is not None:
            self._server.stop()
        self._server = None

    def __enter__(self) -> FakeGraph:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    async def __aenter__(self) -> FakeGraph:
        return await asyncio.to_thread(self.start)

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        await asyncio.to_thread(self.stop)


def main(argv: list[str] | None = None) -> None:
    """``python -m posada.adapters.whatsapp.fake --port N --token T``: serve until Ctrl-C."""
    parser = argparse.ArgumentParser(description="A local fake of the WhatsApp Cloud API")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    args = parser.parse_args(argv)
    with FakeGraph(args.token, port=args.port) as graph:
        print(f"FakeGraph listening on {graph.url}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
