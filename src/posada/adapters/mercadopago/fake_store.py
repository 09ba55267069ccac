"""The state behind ``FakeMercadoPago``: preferences, payments, merchant orders and refunds,
rendered in Mercado Pago's JSON shapes (see ``models`` for the references). Thread-safe: the
server thread answers requests while a test or bench thread calls ``pay``/``set_status``.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

#: Mercado Pago writes its dates in the seller's zone, with milliseconds.
_ZONE = ZoneInfo("America/Argentina/Buenos_Aires")
#: Statuses that have an approval date.
_APPROVED_LIKE = frozenset({"approved", "refunded", "charged_back", "in_mediation"})


def mp_date(when: datetime | None) -> str | None:
    """``when`` as Mercado Pago writes it: ``2026-01-10T12:00:00.000-03:00``."""
    return None if when is None else when.astimezone(_ZONE).isoformat(timespec="milliseconds")


class FakeError(Exception):
    """A request the fake refuses: ``status`` and Mercado Pago's error body."""

    def __init__(self, status: int, error: str, message: str, code: int | None = None) -> None:
        super().__init__(message)
        cause = [{"code": code, "description": message}] if code is not None else []
        self.status = status
        self.body: dict[str, Any] = {"message": message, "error": error, "status": status,
                                     "cause": cause}


def not_found(what: str) -> FakeError:
    """Mercado Pago's 404 body for an unknown resource."""
    return FakeError(404, "not_found", f"{what} not found", 2000 if what == "Payment" else None)


@dataclass(slots=True)
class FakePayment:
    """One payment the fake holds (rendered by ``Store.payment_json``)."""

    id: int
    preference_id: str | None
    order_id: int
    external_reference: str | None
    amount: Decimal
    currency: str
    collector_id: int
    status: str
    status_detail: str | None
    payment_type_id: str
    description: str | None
    created: datetime
    updated: datetime
    approved: datetime | None = None
    refunded: Decimal = Decimal(0)
    refunds: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class FakeOrder:
    """One merchant order (one per preference, or per payment made without one)."""

    id: int
    preference_id: str | None
    external_reference: str | None
    total: Decimal
    created: datetime
    payment_ids: list[int] = field(default_factory=list)


class Store:
    """The fake's data. ``clock`` gives aware instants (default: the system clock)."""

    def __init__(self, collector_id: int, clock: Callable[[], datetime] | None = None) -> None:
        self.collector_id = collector_id
        self.clock = clock or (lambda: datetime.now(UTC))
        self.lock = threading.RLock()
        self.preferences: dict[str, dict[str, Any]] = {}
        self.payments: dict[int, FakePayment] = {}
        self.orders: dict[int, FakeOrder] = {}
        self.calls: Counter[str] = Counter()
        self.refunds_made = 0
        self.search_lag = 0
        self._hidden: dict[int, int] = {}
        self._by_key: dict[tuple[str, str], Any] = {}
        self._next_payment = 1_310_000_001
        self._next_order = 28_000_000_001
        self._next_refund = 4_500_000_001

    # ------------------------------------------------------------------ preferences

    def create_preference(self, body: Any, key: str | None, base_url: str) -> dict[str, Any]:
        """Store a preference (the same idempotency ``key`` returns the first one)."""
        with self.lock:
            if key and ("preference", key) in self._by_key:
                stored: dict[str, Any] = self._by_key[("preference", key)]
                return stored
            items = body.get("items") if isinstance(body, dict) else None
            if not isinstance(items, list) or not items or not all(
                    isinstance(i, dict) for i in items):
                raise FakeError(400, "bad_request", "items needed", 2041)
            total = Decimal(0)
            for item in items:
                price, quantity = item.get("unit_price"), item.get("quantity", 1)
                if (isinstance(price, bool) or not isinstance(price, int | Decimal)
                        or price <= 0 or not isinstance(quantity, int) or quantity < 1):
                    raise FakeError(400, "bad_request", "unit_price invalid", 2042)
                total += Decimal(price) * quantity
            url = body.get("notification_url")
            if url is not None and not (isinstance(url, str) and url.startswith("http")):
                raise FakeError(400, "bad_request",
                                "notification_url attribute must be url valid", 4020)
            pref_id = f"{self.collector_id}-{uuid.uuid4()}"
            preference = dict(body)
            preference.update({
                "id": pref_id, "collector_id": self.collector_id, "client_id": "6295877106812064",
                "date_created": mp_date(self.clock()), "operation_type": "regular_payment",
                "init_point": f"{base_url}/checkout/v1/redirect?pref_id={pref_id}",
                "sandbox_init_point":
                    f"{base_url}/sandbox/checkout/v1/redirect?pref_id={pref_id}",
                "_total": total, "_currency": items[0].get("currency_id") or "ARS",
            })
            self.preferences[pref_id] = preference
            if key:
                self._by_key[("preference", key)] = preference
            return preference

    def preference_json(self, preference: dict[str, Any]) -> dict[str, Any]:
        """A stored preference without the fake's own bookkeeping fields."""
        return {k: v for k, v in preference.items() if not k.startswith("_")}

    def find_preference(self, ref: str) -> dict[str, Any] | None:
        """The preference with id ``ref``, else the newest with external reference ``ref``."""
        with self.lock:
            if ref in self.preferences:
                return self.preferences[ref]
            matches = [p for p in self.preferences.values() if p.get("external_reference") == ref]
            return matches[-1] if matches else None

    # ------------------------------------------------------------------ payments

    def _order_for(self, preference: dict[str, Any] | None, reference: str | None,
                   total: Decimal) -> FakeOrder:
        if preference is not None:
            for order in self.orders.values():
                if order.preference_id == preference["id"]:
                    return order
        order = FakeOrder(self._next_order, preference["id"] if preference else None,
                          reference, total, self.clock())
        self._next_order += 1
        self.orders[order.id] = order
        return order

    def pay(self, ref: str, status: str, amount: Decimal | None, currency: str | None,
            collector_id: int | None, status_detail: str | None,
            payment_type_id: str) -> int:
        """Create a payment for preference (or external reference) ``ref``; see
        ``FakeMercadoPago.pay``."""
        with self.lock:
            preference = self.find_preference(ref)
            if preference is None and amount is None:
                raise KeyError(f"no preference {ref!r}: give an amount")
            reference = preference.get("external_reference") if preference else ref
            total = preference["_total"] if preference else Decimal(amount or 0)
            order = self._order_for(preference, reference, total)
            now = self.clock()
            title = None
            if preference:
                title = preference["items"][0].get("title")
            payment = FakePayment(
                id=self._next_payment, preference_id=preference["id"] if preference else None,
                order_id=order.id, external_reference=reference,
                amount=Decimal(amount) if amount is not None else total,
                currency=currency or (preference["_currency"] if preference else "ARS"),
                collector_id=collector_id if collector_id is not None else self.collector_id,
                status=status, status_detail=status_detail or _detail(status),
                payment_type_id=payment_type_id, description=title, created=now, updated=now,
                approved=now if status in _APPROVED_LIKE else None)
            self._next_payment += 1
            self.payments[payment.id] = payment
            order.payment_ids.append(payment.id)
            if self.search_lag:
                self._hidden[payment.id] = self.search_lag
            return payment.id

    def set_status(self, payment_id: int, status: str, detail: str | None) -> None:
        """Change a payment's status (``KeyError`` for an unknown id)."""
        with self.lock:
            payment = self.payments[payment_id]
            payment.status, payment.status_detail = status, detail or _detail(status)
            payment.updated = self.clock()
            if status in _APPROVED_LIKE and payment.approved is None:
                payment.approved = payment.updated

    def payment(self, payment_id: int) -> FakePayment:
        """The payment ``payment_id`` or a 404 ``FakeError``."""
        payment = self.payments.get(payment_id)
        if payment is None:
            raise not_found("Payment")
        return payment

    def payment_json(self, p: FakePayment) -> dict[str, Any]:
        """``p`` in the shape of ``GET /v1/payments/{id}``."""
        return {
            "id": p.id, "date_created": mp_date(p.created), "date_approved": mp_date(p.approved),
            "date_last_updated": mp_date(p.updated), "money_release_date": None,
            "operation_type": "regular_payment", "payment_method_id": "visa",
            "payment_type_id": p.payment_type_id, "status": p.status,
            "status_detail": p.status_detail, "currency_id": p.currency,
            "description": p.description, "live_mode": False, "collector_id": p.collector_id,
            "payer": {"id": "1950238321", "email": "test_user_80507629@testuser.com"},
            "metadata": {}, "order": {"id": p.order_id, "type": "mercadopago"},
            "external_reference": p.external_reference, "transaction_amount": p.amount,
            "transaction_amount_refunded": p.refunded, "refunds": list(p.refunds),
            "transaction_details": {"total_paid_amount": p.amount,
                                    "net_received_amount": p.amount},
            "binary_mode": True, "captured": True, "installments": 1,
        }

    def search(self, params: dict[str, str]) -> dict[str, Any]:
        """``GET /v1/payments/search``: filter by ``external_reference``/``status``, sort by
        ``date_created`` (``criteria`` asc/desc), page with ``limit``/``offset``; payments
        still hidden by ``search_lag`` are left out (each search call counts down)."""
        try:
            limit = min(max(int(params.get("limit", "30")), 1), 1000)
            offset = max(int(params.get("offset", "0")), 0)
        except ValueError:
            raise FakeError(400, "bad_request", "Params Error", 1) from None
        with self.lock:
            found = [p for p in self.payments.values() if self._hidden.get(p.id, 0) == 0
                     and all(str(getattr(p, name)) == params[name]
                             for name in ("external_reference", "status") if name in params)]
            for pid, left in list(self._hidden.items()):
                self._hidden[pid] = max(left - 1, 0)
            found.sort(key=lambda p: (p.created, p.id),
                       reverse=params.get("criteria", "desc") == "desc")
            page = [self.payment_json(p) for p in found[offset:offset + limit]]
        return {"paging": {"total": len(found), "limit": limit, "offset": offset},
                "results": page}

    # ------------------------------------------------------------------ refunds

    def refund(self, payment_id: int, body: Any, key: str | None) -> dict[str, Any]:
        """``POST /v1/payments/{id}/refunds``: full (no ``amount``) or partial; the same
        ``key`` returns the first refund and never refunds twice."""
        with self.lock:
            if key and ("refund", key) in self._by_key:
                stored: dict[str, Any] = self._by_key[("refund", key)]
                return stored
            payment = self.payment(payment_id)
            if payment.status != "approved":
                raise FakeError(400, "bad_request",
                                f"Payment {payment_id} in status {payment.status} "
                                "cannot be refunded", 3005)
            left = payment.amount - payment.refunded
            raw = body.get("amount") if isinstance(body, dict) else None
            if raw is not None and (isinstance(raw, bool) or not isinstance(raw, int | Decimal)):
                raise FakeError(400, "bad_request", "amount invalid", 4)
            amount = left if raw is None else Decimal(raw)
            if amount <= 0 or amount > left:
                raise FakeError(400, "bad_request", "Invalid refund amount", 4)
            refund = {"id": self._next_refund, "payment_id": payment.id, "amount": amount,
                      "metadata": {}, "source": {"id": str(self.collector_id),
                                                 "name": "Posada Fake", "type": "collector"},
                      "date_created": mp_date(self.clock()), "unique_sequence_number": None,
                      "refund_mode": "standard", "adjustment_amount": 0, "status": "approved",
                      "reason": None, "amount_refunded_to_payer": amount}
            self._next_refund += 1
            self.refunds_made += 1
            payment.refunds.append(refund)
            payment.refunded += amount
            payment.updated = self.clock()
            if payment.refunded == payment.amount:
                payment.status, payment.status_detail = "refunded", "refunded"
            else:
                payment.status_detail = "partially_refunded"
            if key:
                self._by_key[("refund", key)] = refund
            return refund

    # ------------------------------------------------------------------ merchant orders

    def order_json(self, order_id: int) -> dict[str, Any]:
        """``GET /merchant_orders/{id}`` or a 404 ``FakeError``."""
        with self.lock:
            order = self.orders.get(order_id)
            if order is None:
                raise not_found("Merchant Order")
            payments = [self.payments[pid] for pid in order.payment_ids]
            paid = sum((p.amount for p in payments if p.status == "approved"), Decimal(0))
            refunded = sum((p.refunded for p in payments), Decimal(0))
            status = ("paid" if paid >= order.total else "partially_paid" if paid
                      else "payment_required")
            return {
                "id": order.id, "preference_id": order.preference_id,
                "external_reference": order.external_reference,
                "status": "closed" if status == "paid" else "opened", "order_status": status,
                "total_amount": order.total, "paid_amount": paid, "refunded_amount": refunded,
                "collector": {"id": self.collector_id}, "date_created": mp_date(order.created),
                "last_updated": mp_date(max([p.updated for p in payments] or [order.created])),
                "payments": [{"id": p.id, "transaction_amount": p.amount,
                              "total_paid_amount": p.amount, "amount_refunded": p.refunded,
                              "currency_id": p.currency, "status": p.status,
                              "status_detail": p.status_detail,
                              "date_approved": mp_date(p.approved),
                              "date_created": mp_date(p.created),
                              "last_modified": mp_date(p.updated)} for p in payments],
            }


def _detail(status: str) -> str | None:
    """The usual ``status_detail`` for ``status``."""
    return {"approved": "accredited", "pending": "pending_waiting_payment",
            "in_process": "pending_contingency", "rejected": "cc_rejected_other_reason",
            "cancelled": "expired", "refunded": "refunded", "charged_back": "settled",
            "in_mediation": "in_process", "authorized": "pending_capture"}.get(status)
