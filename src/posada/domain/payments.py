"""Payment statuses as Mercado Pago gives them, what each means for a reservation, and the
rule that an out-of-order delivery never moves a payment backwards.

Statuses (Mercado Pago, "Payment status" in the Payments API reference): ``pending``,
``in_process``, ``authorized``, ``approved``, ``rejected``, ``cancelled``, ``refunded``,
``charged_back``, ``in_mediation``; unknown values are kept as text and change nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class PaymentState(StrEnum):
    """Our reading of a provider status."""

    PENDING = "pending"  # pending, in_process, authorized: not money yet
    PAID = "paid"  # approved
    FAILED = "failed"  # rejected, cancelled: the guest may try again
    PARTIALLY_REFUNDED = "partially_refunded"  # approved with part of it refunded
    REFUNDED = "refunded"  # refunded in full
    CHARGED_BACK = "charged_back"
    IN_MEDIATION = "in_mediation"
    UNKNOWN = "unknown"


_STATES = {
    "pending": PaymentState.PENDING, "in_process": PaymentState.PENDING,
    "authorized": PaymentState.PENDING, "approved": PaymentState.PAID,
    "rejected": PaymentState.FAILED, "cancelled": PaymentState.FAILED,
    "refunded": PaymentState.REFUNDED, "charged_back": PaymentState.CHARGED_BACK,
    "in_mediation": PaymentState.IN_MEDIATION,
}

#: How far along a payment is; a status of lower rank never replaces a higher one unless the
#: provider says it changed later (``date_last_updated``): in_mediation → approved is a
#: dispute the seller won.
RANK = {"pending": 1, "in_process": 2, "authorized": 3, "approved": 4, "rejected": 4,
        "cancelled": 4, "in_mediation": 5, "refunded": 6, "charged_back": 6}

#: Statuses after which the reconciliation job stops looking for the reservation's payments.
FINAL = frozenset({"approved", "refunded", "charged_back"})


def state_of(status: str, amount: Decimal | None = None,
             refunded: Decimal | None = None) -> PaymentState:
    """Our state for provider ``status`` (``amount``/``refunded``: the payment's amount and
    what was refunded of it, to tell a partial refund of an approved payment)."""
    state = _STATES.get(status, PaymentState.UNKNOWN)
    if state is PaymentState.PAID and refunded and refunded > 0:
        if amount is not None and refunded >= amount:
            return PaymentState.REFUNDED
        return PaymentState.PARTIALLY_REFUNDED
    return state


@dataclass(frozen=True)
class Seen:
    """A payment's status and the provider's last-update instant (aware UTC or ``None``)."""

    status: str
    updated_at: datetime | None
    refunded: Decimal | None = None


def is_newer(stored: Seen | None, fetched: Seen) -> bool:
    """Should ``fetched`` replace ``stored``? A later provider update always does, an earlier
    one never; without both instants, a higher rank (or more refunded) does."""
    if stored is None:
        return True
    if stored.updated_at is not None and fetched.updated_at is not None \
            and stored.updated_at != fetched.updated_at:
        return fetched.updated_at > stored.updated_at
    rank_then, rank_now = RANK.get(stored.status, 0), RANK.get(fetched.status, 0)
    if rank_now != rank_then:
        return rank_now > rank_then
    return (fetched.refunded or 0) > (stored.refunded or 0)


def amount_matches(paid: Decimal | None, currency: str | None, owed: Decimal,
                   owed_currency: str) -> bool:
    """Is ``paid`` in ``currency`` exactly the deposit owed (same amount, same currency)?"""
    return (paid is not None and currency is not None
            and currency.upper() == owed_currency.upper() and paid == owed)


_KEY_NAMESPACE = uuid.UUID("5f0c6a52-3b7e-4a0e-9a57-6f1d2c9e8b41")


def idempotency_key(reservation_code: str, purpose: str, amount: Decimal | None,
                    *more: object) -> str:
    """The ``X-Idempotency-Key`` of doing ``purpose`` (``deposit``, ``refund``, …) for
    ``reservation_code`` with ``amount`` (``Decimal``; ``None`` for "all of it") and any
    ``more`` parts (the payment id, the reason): a UUID5 of those parts, so the same action
    always gets the same key, and ``100``, ``100.0`` and ``100.00`` are the same amount.
    Mercado Pago keeps a key for a day and answers a repeat with the first result."""
    money = "all" if amount is None else f"{amount.quantize(Decimal('0.01')):f}"
    parts = [reservation_code, purpose, money, *(str(p) for p in more)]
    return str(uuid.uuid5(_KEY_NAMESPACE, "\x1f".join(parts)))
