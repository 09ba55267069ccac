"""Mercado Pago for the payment services: the gateway port over ``MercadoPagoGateway``, and
the ``process_inbound`` handler of source ``mercadopago``.

A stored notification names a payment or a merchant order; the handler fetches it with our
token (the fetch is what authenticates an unsigned IPN hint) and applies every payment it
finds. A resource the gateway does not know is dead at once (a forged or foreign hint); a
gateway that is struggling leaves the event to be retried with backoff.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal

from posada.adapters.mercadopago.client import GatewayError, MercadoPagoGateway
from posada.adapters.mercadopago.models import BackUrls, Payment, PreferenceRequest
from posada.services.inbox import Handler, Unprocessable
from posada.services.payment_ports import (
    Checkout,
    CheckoutOrder,
    GatewayFailure,
    GatewayPayment,
    GatewayRefund,
)
from posada.services.payments import Payments, apply_payment

log = logging.getLogger("posada.mercadopago")


def _failure(error: GatewayError) -> GatewayFailure:
    kind = {"retry": "retry", "uncertain": "retry", "not_found": "not_found"}.get(
        error.kind, "final")
    return GatewayFailure(kind, f"{error.kind}: HTTP {error.http_status} {error.code}: "  # type: ignore[arg-type]
                          f"{error.message}"[:500], error.retry_after)


def _payment(p: Payment) -> GatewayPayment:
    return GatewayPayment(
        id=str(p.id), status=p.status, status_detail=p.status_detail,
        external_reference=p.external_reference, amount=p.transaction_amount,
        currency=p.currency_id, amount_refunded=p.transaction_amount_refunded,
        collector_id=None if p.collector_id is None else str(p.collector_id),
        updated_at=p.date_last_updated, approved_at=p.date_approved,
        raw=json.loads(p.model_dump_json()))


class MercadoPagoPort:
    """``posada.services.payment_ports.PaymentGateway`` over ``MercadoPagoGateway``;
    ``zone``: the IANA zone the preference's expiry is written in."""

    def __init__(self, gateway: MercadoPagoGateway, zone: str) -> None:
        self.gateway = gateway
        self.zone = zone

    async def create_checkout(self, order: CheckoutOrder, idempotency_key: str) -> Checkout:
        back = None if order.back_url is None else BackUrls(
            success=order.back_url, pending=order.back_url, failure=order.back_url)
        request = PreferenceRequest(
            reservation_code=order.code, title=order.title, deposit=order.amount,
            currency=order.currency, expires_at=order.expires_at,
            notification_url=order.notification_url, back_urls=back,
            payer_email=order.payer_email, zone=self.zone)
        try:
            made = await self.gateway.create_preference(request, key=idempotency_key)
        except GatewayError as error:
            raise _failure(error) from error
        url = made.init_point or made.sandbox_init_point
        if not url:
            raise GatewayFailure("final", f"preference {made.id} has no init_point")
        return Checkout(preference_id=made.id, url=url,
                        collector_id=None if made.collector_id is None
                        else str(made.collector_id))

    async def get_payment(self, payment_id: str) -> GatewayPayment:
        try:
            return _payment(await self.gateway.get_payment(int(payment_id)))
        except GatewayError as error:
            raise _failure(error) from error

    async def search_payments(self, external_reference: str) -> list[GatewayPayment]:
        try:
            return [_payment(p) for p in await self.gateway.search_payments(external_reference)]
        except GatewayError as error:
            raise _failure(error) from error

    async def merchant_order_payments(self, order_id: str) -> list[str]:
        try:
            order = await self.gateway.get_merchant_order(int(order_id))
        except GatewayError as error:
            raise _failure(error) from error
        return [str(p.id) for p in order.payments]

    async def refund(self, payment_id: str, amount: Decimal | None,
                     idempotency_key: str) -> GatewayRefund:
        try:
            made = await self.gateway.refund(int(payment_id), amount, key=idempotency_key)
        except GatewayError as error:
            raise _failure(error) from error
        return GatewayRefund(id=str(made.id), amount=made.amount, status=made.status)

    async def aclose(self) -> None:
        await self.gateway.aclose()


def hint(kind: str, resource_id: str, **extra: object) -> str:
    """The stored body of an accepted notification: what to fetch."""
    return json.dumps({"kind": kind, "id": resource_id, **extra}, sort_keys=True)


def mercadopago_handler(ctx: Payments) -> Handler:
    """The ``process_inbound`` handler of source ``mercadopago`` bound to ``ctx``: fetch
    the payment (or each payment of a merchant order) and apply it; returns how many
    payments were applied."""

    async def handle(body: str) -> int:
        try:
            data = json.loads(body)
            kind, resource = str(data["kind"]), str(data["id"])
        except (ValueError, KeyError, TypeError) as exc:
            raise Unprocessable(f"not a stored notification: {exc!r}") from exc
        gateway = ctx.gateway
        if gateway is None:
            raise Unprocessable("POSADA_MERCADOPAGO_ACCESS_TOKEN is not set")
        try:
            if kind == "merchant_order":
                ids = await gateway.merchant_order_payments(resource)
            elif kind == "payment":
                ids = [resource]
            else:
                return 0
            payments = [await gateway.get_payment(i) for i in ids]
        except GatewayFailure as failure:
            if failure.kind == "retry":
                raise
            raise Unprocessable(f"{kind} {resource}: {failure.detail}") from failure
        for payment in payments:
            await apply_payment(ctx, payment)
        return len(payments)

    return handle
