"""``FakeMercadoPago``: a real HTTP server on 127.0.0.1 that answers like Mercado Pago.

For tests, the bench and manual runs (``python -m posada.adapters.mercadopago.fake --port N
--token T``). Every API route needs ``Authorization: Bearer <token>`` (401 otherwise):

* ``POST /checkout/preferences`` — stored; answered with ``id`` and ``init_point`` /
  ``sandbox_init_point`` URLs on this server (``GET`` them for a small HTML page); the same
  ``X-Idempotency-Key`` returns the same preference. ``GET /checkout/preferences/{id}``.
* ``GET /v1/payments/{id}``, ``GET /v1/payments/search`` (``external_reference``, ``status``,
  ``sort=date_created``, ``criteria``, ``limit``, ``offset``; ``search_lag`` hides new
  payments for N searches), ``GET /merchant_orders/{id}``.
* ``POST /v1/payments/{id}/refunds`` — full or partial; the same ``X-Idempotency-Key``
  returns the same refund and never refunds twice; a full refund makes the payment
  ``refunded``. Unknown ids get 404 with Mercado Pago's error body.

Scripting: ``pay``, ``set_status``, ``fail_next``, ``delay``, ``search_lag``; inspection:
``calls`` (requests by route name), ``refunds_made``, ``preferences``, ``payment``;
``notify`` builds a signed webhook delivery (or an IPN one) to post to our server.
"""

from __future__ import annotations

import argparse
import asyncio
import threading
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from types import TracebackType
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from posada.adapters.local_server import LocalServer
from posada.adapters.mercadopago import wire
from posada.adapters.mercadopago.fake_store import FakeError, FakePayment, Store, mp_date
from posada.adapters.mercadopago.signature import sign_notification

#: The bearer token and webhook secret a fake accepts unless told otherwise (not secrets).
DEFAULT_TOKEN = "TEST-0000000000000000-010100-fake"  # noqa: S105
DEFAULT_SECRET = "fake-webhook-secret"  # noqa: S105
#: The seller's user id the fake's payments carry.
DEFAULT_COLLECTOR = 1_842_361_507

Handler = Callable[[Request], Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class Delivery:
    """A notification ready to post: ``query`` parameters, ``headers`` and the raw ``body``.
    ``target(path)`` is ``path?query`` (e.g. ``/webhooks/mercadopago?data.id=…&type=payment``)."""

    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def target(self, path: str = "/webhooks/mercadopago") -> str:
        """``path`` with this delivery's query string."""
        return f"{path}?{urlencode(self.query)}"


@dataclass(slots=True)
class _Failure:
    status: int
    body: bytes | None
    retry_after: str | None
    route: str | None


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(wire.dumps(data), status, headers, media_type="application/json")


class FakeMercadoPago:
    """A local Mercado Pago (see the module docstring). Use as ``with FakeMercadoPago() as
    mp:`` or ``async with …``; ``port=0`` picks a free port; ``clock`` (aware instants) dates
    the objects; ``collector_id`` is the seller's id on payments."""

    def __init__(self, token: str = DEFAULT_TOKEN, *, webhook_secret: str = DEFAULT_SECRET,
                 collector_id: int = DEFAULT_COLLECTOR, port: int = 0, host: str = "127.0.0.1",
                 clock: Callable[[], datetime] | None = None) -> None:
        self.token = token
        self.webhook_secret = webhook_secret
        self.store = Store(collector_id, clock)
        self.url = ""
        self._host, self._port = host, port
        self._failures: list[_Failure] = []
        self._delays: dict[str | None, float] = {}
        self._server: LocalServer | None = None

    # ------------------------------------------------------------------ scripting

    @property
    def collector_id(self) -> int:
        """The seller's user id on the fake's payments."""
        return self.store.collector_id

    @property
    def calls(self) -> Counter[str]:
        """Requests received by route name: ``create_preference``, ``get_preference``,
        ``get_payment``, ``search_payments``, ``get_merchant_order``, ``refund``."""
        return self.store.calls

    @property
    def refunds_made(self) -> int:
        """How many refunds actually moved money (idempotent replays not counted)."""
        return self.store.refunds_made

    @property
    def preferences(self) -> dict[str, dict[str, Any]]:
        """Stored preferences by id, as posted plus ``id``/``init_point``…"""
        with self.store.lock:
            return {k: self.store.preference_json(v) for k, v in self.store.preferences.items()}

    def payment(self, payment_id: int) -> FakePayment:
        """The fake's record of a payment (``KeyError`` when unknown)."""
        return self.store.payments[payment_id]

    def pay(self, preference_or_reference: str, status: str = "approved",
            amount: Decimal | None = None, currency: str | None = None,
            collector_id: int | None = None, status_detail: str | None = None, *,
            payment_type_id: str = "credit_card") -> int:
        """Create a payment for a preference id or an external reference (the newest
        preference with it; without any preference ``amount`` is required) and return its id.
        Defaults: the preference's amount and currency, this fake's collector, the usual
        ``status_detail`` for ``status`` (``accredited`` for ``approved``)."""
        return self.store.pay(preference_or_reference, status, amount, currency, collector_id,
                              status_detail, payment_type_id)

    def set_status(self, payment_id: int, status: str, detail: str | None = None) -> None:
        """Move payment ``payment_id`` to ``status`` (any text) with ``detail``."""
        self.store.set_status(payment_id, status, detail)

    def search_lag(self, calls: int) -> None:
        """Hide each payment created from now on from the next ``calls`` searches."""
        self.store.search_lag = calls

    def fail_next(self, n: int = 1, status: int = 500, *, route: str | None = None,
                  body: bytes | None = None, retry_after: str | None = None) -> None:
        """Answer the next ``n`` requests (to ``route`` only, when given: a name as in
        ``calls``) with ``status`` and Mercado Pago's error body (or the raw ``body``),
        with ``Retry-After`` when given. Nothing is processed for a failed request."""
        with self.store.lock:
            self._failures.extend(_Failure(status, body, retry_after, route) for _ in range(n))

    def delay(self, seconds: float, *, route: str | None = None) -> None:
        """Answer later requests (to ``route``, or all) after ``seconds`` (``0`` stops);
        the request is processed first, as Mercado Pago may act on a call whose answer timed
        out."""
        self._delays[route] = seconds

    def notify(self, resource_id: int | str, *, topic: str = "payment",
               action: str | None = None, request_id: str | None = None,
               ts: int | datetime | None = None, legacy: bool = False,
               secret: str | None = None, signed_id: str | None = None) -> Delivery:
        """A delivery for ``resource_id`` as Mercado Pago would post it.

        Webhook (default): query ``data.id=<id>&type=<topic>``, headers ``x-signature`` (over
        ``signed_id``, default the id; with ``secret``, default this fake's), ``x-request-id``
        (a new UUID unless given) and a JSON body; ``ts`` defaults to ``clock()`` in
        milliseconds. ``legacy=True``: the unsigned IPN form ``topic=<topic>&id=<id>``."""
        rid = str(resource_id)
        if legacy:
            return Delivery({"topic": topic, "id": rid}, {"content-type": "application/json"},
                            wire.dumps({"resource": rid, "topic": topic}))
        now = self.store.clock()
        request_id = request_id or str(uuid.uuid4())
        stamp = ts if ts is not None else now
        header = sign_notification(secret if secret is not None else self.webhook_secret,
                                   signed_id if signed_id is not None else rid, request_id,
                                   stamp)
        body = {"action": action or f"{topic}.updated", "api_version": "v1",
                "data": {"id": rid}, "date_created": mp_date(now),
                "id": int(uuid.uuid4().int % 10**11), "live_mode": False, "type": topic,
                "user_id": str(self.collector_id)}
        return Delivery({"data.id": rid, "type": topic},
                        {"content-type": "application/json", "x-signature": header,
                         "x-request-id": request_id}, wire.dumps(body))

    # ------------------------------------------------------------------ handlers

    def _failure_for(self, route: str) -> _Failure | None:
        with self.store.lock:
            for index, failure in enumerate(self._failures):
                if failure.route in (None, route):
                    return self._failures.pop(index)
        return None

    def _wrap(self, route: str, work: Callable[[Request, bytes], Any],
              status: int = 200) -> Handler:
        async def handler(request: Request) -> Response:
            with self.store.lock:
                self.store.calls[route] += 1
            body = await request.body()
            if request.headers.get("authorization") != f"Bearer {self.token}":
                response = _json(FakeError(401, "unauthorized", "invalid access token").body,
                                 401)
            elif (failure := self._failure_for(route)) is not None:
                headers = {"Retry-After": failure.retry_after} if failure.retry_after else None
                if failure.body is not None:
                    response = Response(failure.body, failure.status, headers,
                                        media_type="text/html")
                else:
                    error = FakeError(failure.status, "internal_error" if failure.status >= 500
                                      else "bad_request", "scripted failure")
                    response = _json(error.body, failure.status, headers)
            else:
                try:
                    response = _json(work(request, body), status)
                except FakeError as error:
                    response = _json(error.body, error.status)
            wait = self._delays.get(route) or self._delays.get(None)
            if wait:
                await asyncio.sleep(wait)
            return response
        return handler

    @staticmethod
    def _body(body: bytes) -> Any:
        try:
            return wire.loads(body) if body.strip() else {}
        except ValueError:
            raise FakeError(400, "bad_request", "invalid JSON body") from None

    @staticmethod
    def _int(request: Request, name: str) -> int:
        text = request.path_params[name]
        if not text.isdigit() or len(text) > 19:
            raise FakeError(404, "not_found", "resource not found")
        return int(text)

    def _create_preference(self, request: Request, body: bytes) -> Any:
        stored = self.store.create_preference(self._body(body),
                                              request.headers.get("x-idempotency-key"),
                                              self.url)
        return self.store.preference_json(stored)

    def _get_preference(self, request: Request, body: bytes) -> Any:
        stored = self.store.preferences.get(request.path_params["pref_id"])
        if stored is None:
            raise FakeError(404, "not_found", "preference not found")
        return self.store.preference_json(stored)

    def _get_payment(self, request: Request, body: bytes) -> Any:
        with self.store.lock:
            return self.store.payment_json(self.store.payment(self._int(request, "pid")))

    def _search(self, request: Request, body: bytes) -> Any:
        return self.store.search(dict(request.query_params))

    def _order(self, request: Request, body: bytes) -> Any:
        return self.store.order_json(self._int(request, "oid"))

    def _refund(self, request: Request, body: bytes) -> Any:
        return self.store.refund(self._int(request, "pid"), self._body(body),
                                 request.headers.get("x-idempotency-key"))

    async def _checkout(self, request: Request) -> Response:
        pref_id = request.query_params.get("pref_id", "")
        if pref_id not in self.store.preferences:
            return HTMLResponse("<h1>Preferencia no encontrada</h1>", 404)
        return HTMLResponse(f"<h1>Checkout de prueba</h1><p>Preferencia {pref_id}</p>")

    def app(self) -> Starlette:
        """The ASGI app (also usable in-process with ``httpx.ASGITransport``)."""
        return Starlette(routes=[
            Route("/checkout/preferences", self._wrap("create_preference",
                                                      self._create_preference, 201),
                  methods=["POST"]),
            Route("/checkout/preferences/{pref_id}",
                  self._wrap("get_preference", self._get_preference), methods=["GET"]),
            Route("/v1/payments/search", self._wrap("search_payments", self._search),
                  methods=["GET"]),
            Route("/v1/payments/{pid}", self._wrap("get_payment", self._get_payment),
                  methods=["GET"]),
            Route("/v1/payments/{pid}/refunds", self._wrap("refund", self._refund, 201),
                  methods=["POST"]),
            Route("/merchant_orders/{oid}", self._wrap("get_merchant_order", self._order),
                  methods=["GET"]),
            Route("/checkout/v1/redirect", self._checkout, methods=["GET"]),
            Route("/sandbox/checkout/v1/redirect", self._checkout, methods=["GET"]),
        ])

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeMercadoPago:
        """Bind, serve in a background thread and wait until ready (≤ 5 s)."""
        self._server = LocalServer(self.app(), host=self._host, port=self._port,
                                   name="fake-mercadopago")
        self.url = self._server.start()
        return self

    def stop(self) -> None:
        """Stop serving and join the thread."""
        if self._server is not None:
            self._server.stop()
        self._server = None

    def __enter__(self) -> FakeMercadoPago:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    async def __aenter__(self) -> FakeMercadoPago:
        return await asyncio.to_thread(self.start)

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        await asyncio.to_thread(self.stop)


def main(argv: list[str] | None = None) -> None:
    """``python -m posada.adapters.mercadopago.fake --port N --token T``: serve until Ctrl-C."""
    parser = argparse.ArgumentParser(description="A local fake of the Mercado Pago API")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--secret", default=DEFAULT_SECRET)
    args = parser.parse_args(argv)
    with FakeMercadoPago(args.token, webhook_secret=args.secret, port=args.port) as fake:
        print(f"FakeMercadoPago listening on {fake.url}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
