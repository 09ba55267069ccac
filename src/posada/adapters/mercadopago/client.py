"""``MercadoPagoGateway``: the Mercado Pago REST API over ``httpx`` with our own models.

Endpoints (``Authorization: Bearer <access token>``, base ``https://api.mercadopago.com``):
``POST /checkout/preferences``, ``GET /v1/payments/{id}``, ``GET /v1/payments/search``,
``GET /merchant_orders/{id}``, ``POST /v1/payments/{id}/refunds``
(https://www.mercadopago.com.ar/developers/en/reference). Every create and refund carries a
deterministic ``X-Idempotency-Key`` given by the caller
(``posada.domain.payments.idempotency_key``), so a retried job sends the same key and Mercado
Pago answers with the first result instead of acting twice (https://www.mercadopago.com.ar/developers/en/reference/chargebacks/_payments_id_refunds/post).
Errors come as ``{"message", "error", "status", "cause": [{"code", "description"}]}``.
The access token is never logged, put in an exception nor in ``repr``.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any, Literal, Protocol

import httpx
from pydantic import BaseModel, SecretStr, ValidationError

from posada.adapters.http_headers import retry_after
from posada.adapters.mercadopago import wire
from posada.adapters.mercadopago.models import (
    MerchantOrder,
    Payment,
    Preference,
    PreferenceRequest,
    Refund,
)

log = logging.getLogger(__name__)

Kind = Literal["retry", "uncertain", "not_found", "final"]
Method = Literal["GET", "POST"]

DEFAULT_BASE_URL = "https://api.mercadopago.com"
#: A ``Retry-After`` over an hour is read as an hour.
MAX_RETRY_AFTER = 3600.0
#: Payments asked per search page, and the most pages read (Mercado Pago caps offsets).
SEARCH_PAGE = 50
SEARCH_MAX_PAGES = 20


class GatewayError(Exception):
    """A Mercado Pago call that did not succeed.

    ``kind``: ``retry`` (5xx, 429, connect/pool errors, and on GETs any transport failure or
    unreadable answer: nothing happened, try later, after ``retry_after`` seconds when given),
    ``uncertain`` (a POST that was sent but got no readable answer — a read timeout, a dropped
    connection: it may have happened; retrying with the *same* idempotency key is safe, as
    Mercado Pago then answers with the first result), ``not_found`` (404) or ``final`` (other
    4xx, including 401 for a bad token: retrying will not help). ``code`` is Mercado Pago's
    first ``cause.code`` or its ``error`` text (``bad_request``, ``unauthorized``…), or ours
    (``connect_error``, ``timeout``, ``transport_error``, ``invalid_response``);
    ``http_status`` is ``None`` when no response came.
    """

    def __init__(self, kind: Kind, code: str | None, http_status: int | None, message: str,
                 retry_after: float | None = None) -> None:
        super().__init__(f"{kind}: HTTP {http_status} {code}: {message}")
        self.kind: Kind = kind
        self.code = code
        self.http_status = http_status
        self.message = message
        self.retry_after = retry_after


class PaymentGateway(Protocol):
    """What the payment services need of Mercado Pago (``MercadoPagoGateway`` or a double)."""

    async def create_preference(self, request: PreferenceRequest, *,
                                key: str | None = None) -> Preference: ...

    async def get_payment(self, payment_id: int) -> Payment: ...

    async def search_payments(self, external_reference: str) -> list[Payment]: ...

    async def get_merchant_order(self, order_id: int) -> MerchantOrder: ...

    async def refund(self, payment_id: int, amount: Decimal | None, *, key: str) -> Refund: ...


class GatewayConfig(BaseModel):
    """Where and as whom to call Mercado Pago: ``access_token`` (``SecretStr``),
    ``base_url`` (a ``FakeMercadoPago.url`` in tests), ``timeout`` in seconds,
    ``webhook_secret`` (``SecretStr``, for ``signature.verify_notification``) and
    ``signature_tolerance`` (seconds a notification's ``ts`` may be off our clock)."""

    access_token: SecretStr
    base_url: str = DEFAULT_BASE_URL
    timeout: float = 10.0
    webhook_secret: SecretStr | None = None
    signature_tolerance: float = 300.0


def _error(response: httpx.Response) -> GatewayError:
    """The ``GatewayError`` for a non-2xx response (JSON error body, HTML or empty)."""
    try:
        body = wire.loads(response.content)
    except ValueError:
        body = None
    body = body if isinstance(body, dict) else {}
    causes = body.get("cause")
    first = causes[0] if isinstance(causes, list) and causes else None
    code: str | None = None
    if isinstance(first, dict) and first.get("code") not in (None, ""):
        code = str(first["code"])
    elif isinstance(body.get("error"), str) and body["error"]:
        code = body["error"]
    message = body.get("message") if isinstance(body.get("message"), str) else None
    status = response.status_code
    wait = None
    if status == 404:
        kind: Kind = "not_found"
    elif status == 429 or status >= 500:
        kind = "retry"
        wait = retry_after(response.headers.get("retry-after"), cap=MAX_RETRY_AFTER)
    else:
        kind = "final"
    return GatewayError(kind, code or f"http_{status}", status,
                        message or response.reason_phrase or "error", wait)


class MercadoPagoGateway:
    """An async Mercado Pago client for one seller account.

    ``access_token``: the seller's access token (``APP_USR-…`` or ``TEST-…``); ``base_url``
    without trailing slash; ``timeout`` in seconds or an ``httpx.Timeout``; ``client``: an
    ``httpx.AsyncClient`` to share (then ``aclose`` leaves it open).
    """

    def __init__(self, access_token: str | SecretStr, *, base_url: str = DEFAULT_BASE_URL,
                 timeout: httpx.Timeout | float = 10.0,
                 client: httpx.AsyncClient | None = None) -> None:
        self._token = (access_token if isinstance(access_token, SecretStr)
                       else SecretStr(access_token))
        self._base = base_url.rstrip("/")
        self._timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self._own = client is None
        self._client = client or httpx.AsyncClient(timeout=self._timeout)

    @classmethod
    def from_config(cls, config: GatewayConfig) -> MercadoPagoGateway:
        """A client from a ``GatewayConfig``."""
        return cls(config.access_token, base_url=config.base_url, timeout=config.timeout)

    def __repr__(self) -> str:
        return f"MercadoPagoGateway({self._base!r})"

    async def _call(self, method: Method, path: str, *, params: dict[str, Any] | None = None,
                    body: dict[str, Any] | None = None, key: str | None = None) -> Any:
        headers = {"Authorization": f"Bearer {self._token.get_secret_value()}",
                   "Accept": "application/json"}
        content = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            content = wire.dumps(body)
        if key is not None:
            headers["X-Idempotency-Key"] = key
        lost: Kind = "uncertain" if method == "POST" else "retry"
        try:
            response = await self._client.request(method, self._base + path, params=params,
                                                  content=content, headers=headers,
                                                  timeout=self._timeout)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
            raise GatewayError("retry", "connect_error", None, type(error).__name__) from None
        except httpx.TimeoutException as error:
            raise GatewayError(lost, "timeout", None, type(error).__name__) from None
        except httpx.TransportError as error:
            raise GatewayError(lost, "transport_error", None, type(error).__name__) from None
        if not response.is_success:
            failed = _error(response)
            log.warning("mercadopago %s %s failed: kind=%s status=%s code=%s", method,
                        path.split("?")[0], failed.kind, failed.http_status, failed.code)
            raise failed
        try:
            return wire.loads(response.content)
        except ValueError:
            raise GatewayError(lost, "invalid_response", response.status_code,
                               "success without JSON") from None

    def _read(self, model: type[Any], data: Any, method: Method) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError as error:
            lost: Kind = "uncertain" if method == "POST" else "retry"
            raise GatewayError(lost, "invalid_response", 200,
                               f"unreadable {model.__name__}: {error.error_count()} errors"
                               ) from None

    async def create_preference(self, request: PreferenceRequest, *, key: str) -> Preference:
        """Create the Checkout Pro preference for ``request`` (see
        ``PreferenceRequest.payload``) with the ``X-Idempotency-Key`` ``key`` (derived by the
        caller from what it does, so a retry sends the same). Returns the ``Preference``
        (``init_point`` is the payment link). Raises ``GatewayError``."""
        data = await self._call("POST", "/checkout/preferences", body=request.payload(), key=key)
        preference: Preference = self._read(Preference, data, "POST")
        return preference

    async def get_payment(self, payment_id: int) -> Payment:
        """The payment ``payment_id`` (``GET /v1/payments/{id}``). Raises ``GatewayError``
        (``not_found`` for an unknown id)."""
        data = await self._call("GET", f"/v1/payments/{int(payment_id)}")
        payment: Payment = self._read(Payment, data, "GET")
        return payment

    async def search_payments(self, external_reference: str) -> list[Payment]:
        """Every payment with ``external_reference`` (our reservation code), newest first
        (``GET /v1/payments/search?external_reference=…&sort=date_created&criteria=desc``,
        read page by page with ``limit``/``offset`` until ``paging.total``, at most
        ``SEARCH_MAX_PAGES`` pages). A brand-new payment may not show yet: the search lags.
        https://www.mercadopago.com.ar/developers/en/reference/payments/_payments_search/get
        Raises ``GatewayError``."""
        found: list[Payment] = []
        seen: set[int] = set()
        for page in range(SEARCH_MAX_PAGES):
            params = {"external_reference": external_reference, "sort": "date_created",
                      "criteria": "desc", "limit": SEARCH_PAGE, "offset": page * SEARCH_PAGE}
            data = await self._call("GET", "/v1/payments/search", params=params)
            results = data.get("results") if isinstance(data, dict) else None
            if not isinstance(results, list):
                raise GatewayError("retry", "invalid_response", 200, "search without results")
            for item in results:
                payment: Payment = self._read(Payment, item, "GET")
                if payment.id not in seen:
                    seen.add(payment.id)
                    found.append(payment)
            paging = data.get("paging") if isinstance(data.get("paging"), dict) else {}
            total = paging.get("total")
            if (not results or len(results) < SEARCH_PAGE
                    or (isinstance(total, int) and (page + 1) * SEARCH_PAGE >= total)):
                break
        return found

    async def get_merchant_order(self, order_id: int) -> MerchantOrder:
        """The merchant order ``order_id`` (``GET /merchant_orders/{id}``). Raises
        ``GatewayError`` (``not_found`` for an unknown id)."""
        data = await self._call("GET", f"/merchant_orders/{int(order_id)}")
        order: MerchantOrder = self._read(MerchantOrder, data, "GET")
        return order

    async def refund(self, payment_id: int, amount: Decimal | None, *, key: str) -> Refund:
        """Refund ``amount`` (``Decimal`` in the payment's currency; ``None``: all that is
        left) of payment ``payment_id`` (``POST /v1/payments/{id}/refunds``) with idempotency
        ``key`` (the same key never refunds twice). Raises
        ``GatewayError`` (``final`` when Mercado Pago refuses, e.g. more than was paid)."""
        body: dict[str, Any] = {} if amount is None else {"amount": amount}
        data = await self._call("POST", f"/v1/payments/{int(payment_id)}/refunds", body=body,
                                key=key)
        refund: Refund = self._read(Refund, data, "POST")
        return refund

    async def aclose(self) -> None:
        """Close the HTTP client if this object created it."""
        if self._own:
            await self._client.aclose()
