"""The port the payment services need from a payment gateway (Mercado Pago's Checkout Pro and
Payments API); ``posada.jobs.mercadopago`` implements it over ``posada.adapters.mercadopago``.

Money is ``Decimal`` in ``currency``; instants are aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, Protocol

GatewayFailureKind = Literal["retry", "not_found", "final"]


class GatewayFailure(Exception):
    """A call the gateway did not answer usefully: ``retry`` (try later, after
    ``retry_after`` seconds when known), ``not_found`` (no such payment or order) or
    ``final`` (refused for good: a bad token, an invalid request)."""

    def __init__(self, kind: GatewayFailureKind, detail: str,
                 retry_after: float | None = None) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail
        self.retry_after = retry_after


@dataclass(frozen=True)
class CheckoutOrder:
    """A deposit to collect: ``code`` (the reservation, ``external_reference``), ``title``
    (cabin and dates), ``amount`` + ``currency``, ``expires_at`` (the hold's expiry),
    where the provider notifies (``notification_url``) and sends the guest back
    (``back_url``), the guest's e-mail when known."""

    code: str
    title: str
    amount: Decimal
    currency: str
    expires_at: datetime
    notification_url: str | None
    back_url: str | None
    payer_email: str | None = None


@dataclass(frozen=True)
class Checkout:
    """A created checkout: the provider's preference id, the guest's payment URL, our
    collector (account) id when the provider said it."""

    preference_id: str
    url: str
    collector_id: str | None = None


@dataclass(frozen=True)
class GatewayPayment:
    """A payment as fetched: the provider's ``status`` (any text) and ``status_detail``,
    the reservation code it was made for (``external_reference``), amount and currency,
    what was refunded of it, the collector (account) paid, and the provider's instants."""

    id: str
    status: str
    status_detail: str | None
    external_reference: str | None
    amount: Decimal | None
    currency: str | None
    amount_refunded: Decimal | None = None
    collector_id: str | None = None
    updated_at: datetime | None = None
    approved_at: datetime | None = None
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GatewayRefund:
    id: str
    amount: Decimal | None
    status: str | None


class PaymentGateway(Protocol):
    """Checkout Pro preferences, payments and refunds. Every creating call carries an
    idempotency key derived from what it does, so a retried job never pays or refunds twice.
    Every method raises ``GatewayFailure``."""

    async def create_checkout(self, order: CheckoutOrder, idempotency_key: str) -> Checkout: ...

    async def get_payment(self, payment_id: str) -> GatewayPayment: ...

    async def search_payments(self, external_reference: str) -> list[GatewayPayment]: ...

    async def merchant_order_payments(self, order_id: str) -> list[str]:
        """The payment ids of a merchant order."""

    async def refund(self, payment_id: str, amount: Decimal | None,
                     idempotency_key: str) -> GatewayRefund:
        """Refund ``amount`` of a payment (all of it when ``None``)."""
