"""Pure ASGI middleware: metrics and security headers, rate limits, request body limit."""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from limits import RateLimitItem, parse
from limits.aio.strategies import FixedWindowRateLimiter
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse, Response

from posada.observability import HTTP_DURATION, HTTP_REQUESTS, RATE_LIMIT_ERRORS, RATE_LIMITED
from posada.web import messages as texts
from posada.web.messages import for_guest

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("posada.web")
STRICT_CSP = b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
DOCS_CSP = (
    b"default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    b"style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: "
    b"https://fastapi.tiangolo.com; frame-ancestors 'none'"
)


async def send_error(
    send: Send, status: int, code: str, message: str, headers: list[tuple[bytes, bytes]] = ()  # type: ignore[assignment]
) -> None:
    """Answer with the standard error body from inside a middleware."""
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()), *headers],
    })
    await send({"type": "http.response.body", "body": body})


class ObservabilityMiddleware:
    """Counts and times every request by route template, and adds security headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status_holder = [500]
        is_docs = scope["path"].startswith(("/docs", "/redoc"))

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder[0] = message["status"]
                headers = list(message.get("headers", []))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"content-security-policy", DOCS_CSP if is_docs else STRICT_CSP),
                ]
                if not for_guest(scope["path"]) and scope["path"].startswith("/api/"):
                    headers.append((b"cache-control", b"no-store"))  # guests' contacts
                if scope.get("scheme") == "https":
                    headers.append(
                        (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
                    )
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            template = getattr(route, "path_format", None) or getattr(route, "path", None)
            label = template or "unmatched"
            method = scope.get("method", "GET")
            HTTP_REQUESTS.labels(method, label, str(status_holder[0])).inc()
            HTTP_DURATION.labels(method, label).observe(time.perf_counter() - started)


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """Refuses request bodies over ``max_bytes`` with 413 ``payload_too_large``.

    ``routes`` gives other limits to exact paths (the WhatsApp webhook takes Meta's 3 MB
    batches; everything else keeps the small default).
    """

    def __init__(self, app: ASGIApp, max_bytes: int, routes: dict[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.routes = routes or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = texts.message("payload_too_large", scope["path"])
        limit = self.routes.get(scope["path"], self.max_bytes)
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await send_error(send, 400, "bad_request",
                                     texts.message("bad_request", scope["path"]))
                    return
                if declared > limit:
                    await send_error(send, 413, "payload_too_large", message)
                    return
        received = 0
        started = refused = False

        async def limited_receive() -> Message:
            nonlocal received, started, refused
            incoming = await receive()
            if incoming["type"] == "http.request":
                received += len(incoming.get("body", b""))
                if received > limit:
                    if not started:
                        started = refused = True
                        await send_error(send, 413, "payload_too_large", message)
                    raise _TooLarge
            return incoming

        async def tracking_send(outgoing: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 went out already; drop what the app says after it
            if outgoing["type"] == "http.response.start":
                started = True
            await send(outgoing)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            pass


class RateLimitMiddleware:
    """Per-client limits (``limits`` library, fixed window) by path prefix.

    When the limit storage (Redis) is unreachable, requests pass and a warning is logged at
    most once a minute (``rate_limit_storage_errors_total`` counts them).

    ``rules`` maps a path prefix to a rate string such as ``"10/second"``; the first prefix
    that matches applies. The client is the connection's address (set uvicorn's
    ``--forwarded-allow-ips`` behind a proxy so it is the real client's).
    """

    def __init__(self, app: ASGIApp, limiter: FixedWindowRateLimiter,
                 rules: list[tuple[str, str]]) -> None:
        self.app = app
        self.limiter = limiter
        self.rules: list[tuple[str, RateLimitItem]] = [(p, parse(r)) for p, r in rules]
        self._last_warning = 0.0

    def _storage_failed(self) -> None:
        RATE_LIMIT_ERRORS.inc()
        if time.monotonic() - self._last_warning > 60:
            self._last_warning = time.monotonic()
            log.warning("rate-limit storage unreachable; requests pass unlimited meanwhile",
                        exc_info=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        for prefix, item in self.rules:
            if path.startswith(prefix):
                client = (scope.get("client") or ("unknown", 0))[0]
                try:
                    allowed = await self.limiter.hit(item, prefix, client)
                except Exception:  # storage down: stay open, bookings matter more than limits
                    self._storage_failed()
                    allowed = True
                if not allowed:
                    stats = await self.limiter.get_window_stats(item, prefix, client)
                    retry = max(1, math.ceil(stats.reset_time - time.time()))
                    RATE_LIMITED.labels(scope=prefix.strip("/")).inc()
                    await send_error(
                        send, 429, "rate_limited", texts.message("rate_limited", path),
                        [(b"retry-after", str(retry).encode())],
                    )
                    return
                break
        await self.app(scope, receive, send)


class JsonCORSMiddleware(CORSMiddleware):
    """Starlette's CORS handling, with a refused preflight answered in the standard JSON error
    shape (``400 cors_refused``) instead of plain text."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        path = "/api/"  # a preflight carries no body; its text follows the guest default
        return JSONResponse(
            {"error": {"code": "cors_refused", "message": texts.message("cors_refused", path)}},
            status_code=400, headers={k: v for k, v in response.headers.items()
                                      if k.lower().startswith("access-control")},
        )
