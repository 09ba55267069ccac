"""What each e-mail says, as typed data: one frozen dataclass per template.

Every field is required unless it has a default; a template never prints ``None`` nor an
undefined name (``render`` raises ``RenderError``), so a forgotten field is an error, not a
blank. Dates are local ``date``s of the property (check-out exclusive), instants are aware
``datetime``s shown in ``timezone`` (an IANA name), money is ``Decimal`` in ``currency``
(ISO 4217, e.g. ``ARS``). Checks that the types alone cannot express (an aware instant, an
http(s) link, a payment instruction, the fields an owner alert needs) raise ``ValueError``
when the context is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

RefundStatus = Literal["none", "pending", "refunded"]
CancelReason = Literal["guest", "owner", "late_payment", "payment_refunded"]
OwnerAlert = Literal["amount_mismatch", "refund_due", "chargeback", "in_mediation",
                     "refund_failed"]


def _aware(name: str, instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")


def _link(name: str, url: str | None) -> None:
    if url is not None and not url.startswith(("https://", "http://")):
        raise ValueError(f"{name} must be an http(s) URL")


@dataclass(frozen=True, slots=True, kw_only=True)
class StayDetails:
    """The stay every e-mail is about.

    ``code``: the reservation's public code; ``accommodation``: the cabin's name;
    ``property_name``: the establishment (signs the e-mail); ``check_in``/``check_out``:
    local dates, check-out exclusive; ``guests``: party size; ``address``: where it is
    (shown, and the ``.ics`` LOCATION) or ``None``.
    """

    code: str
    accommodation: str
    property_name: str
    check_in: date
    check_out: date
    guests: int
    address: str | None = None

    def __post_init__(self) -> None:
        if self.check_out <= self.check_in:
            raise ValueError("check_out must be after check_in")
        if self.guests < 1:
            raise ValueError("guests must be at least 1")

    @property
    def nights(self) -> int:
        """Nights of the stay (``check_out - check_in``)."""
        return (self.check_out - self.check_in).days


@dataclass(frozen=True, slots=True, kw_only=True)
class HoldContext:
    """``hold``: a pre-reservation was taken and waits for its deposit (seña).

    ``total``/``deposit``: the frozen quote's amounts in ``currency``; ``expires_at``: when
    the hold lapses (aware), shown in ``timezone``; ``payment_url``: the Mercado Pago link,
    or ``None`` and then ``bank_transfer`` (the owner's transfer instructions, free text)
    is required; ``cancellation_policy``: the property's policy in words, shown before
    paying.
    """

    guest_name: str
    stay: StayDetails
    total: Decimal
    deposit: Decimal
    currency: str
    expires_at: datetime
    timezone: str
    cancellation_policy: str
    payment_url: str | None = None
    bank_transfer: str | None = None

    def __post_init__(self) -> None:
        _aware("expires_at", self.expires_at)
        _link("payment_url", self.payment_url)
        if self.payment_url is None and not self.bank_transfer:
            raise ValueError("a hold needs a payment_url or bank_transfer instructions")

    @property
    def balance(self) -> Decimal:
        """What is left to pay after the deposit."""
        return self.total - self.deposit


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationContext:
    """``confirmation``: the deposit was paid and the stay is confirmed.

    ``deposit_paid``: what was received; ``balance_due``: what is left to pay (``0``: all
    paid); ``check_in_info``: arrival instructions (times, keys), free text, or ``None``;
    ``cancellation_policy``: the policy in words, or ``None`` to leave it out.
    """

    guest_name: str
    stay: StayDetails
    total: Decimal
    deposit_paid: Decimal
    balance_due: Decimal
    currency: str
    check_in_info: str | None = None
    cancellation_policy: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CancellationContext:
    """``cancellation``: the reservation was cancelled.

    ``reason``: ``guest`` (the guest asked), ``owner`` (the property cancelled),
    ``late_payment`` (the deposit came after the hold lapsed and the nights were taken) or
    ``payment_refunded`` (Mercado Pago refunded the payment in full); ``refund_amount``:
    what is given back in ``currency`` (``0`` with ``refund_status="none"``: no refund under
    the policy); ``refund_status``: ``none``, ``pending`` (ordered, not yet seen) or
    ``refunded`` (done); ``cancellation_policy``: the policy in words, or ``None``.
    """

    guest_name: str
    stay: StayDetails
    currency: str
    refund_amount: Decimal
    refund_status: RefundStatus
    reason: CancelReason = "guest"
    cancellation_policy: str | None = None

    def __post_init__(self) -> None:
        if (self.refund_status == "none") != (self.refund_amount == 0):
            raise ValueError("refund_status 'none' goes with a zero refund_amount, and only")
        if self.refund_amount < 0:
            raise ValueError("refund_amount must not be negative")


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentRetryContext:
    """``payment_retry``: a payment was rejected; the hold still lives.

    ``deposit``: the amount to pay; ``payment_url``: the same link again; ``expires_at``
    (aware) shown in ``timezone``; ``reason``: why it was rejected in words (from the
    provider's ``status_detail``), or ``None``.
    """

    guest_name: str
    stay: StayDetails
    deposit: Decimal
    currency: str
    payment_url: str
    expires_at: datetime
    timezone: str
    reason: str | None = None

    def __post_init__(self) -> None:
        _aware("expires_at", self.expires_at)
        _link("payment_url", self.payment_url)


@dataclass(frozen=True, slots=True, kw_only=True)
class OwnerAlertContext:
    """``owner_alert``: something about a payment needs the owner (Spanish too).

    ``alert``: ``amount_mismatch`` (needs ``expected`` and ``received``; the stay was not
    confirmed), ``refund_due`` (a late payment whose nights were taken; needs
    ``refund_amount``; ``refunded`` tells whether it was refunded automatically),
    ``chargeback``, ``in_mediation``, or ``refund_failed`` (needs ``refund_amount``;
    ``detail`` says what the gateway answered). ``received_currency``: when the payment
    came in another currency than ``currency``; ``payment_id``: the provider's id;
    ``guest_contact``: phone or e-mail to reach the guest; ``admin_url``: where to act.
    """

    alert: OwnerAlert
    guest_name: str
    stay: StayDetails
    currency: str
    payment_id: str | None = None
    expected: Decimal | None = None
    received: Decimal | None = None
    received_currency: str | None = None
    refund_amount: Decimal | None = None
    refunded: bool = False
    detail: str | None = None
    guest_contact: str | None = None
    admin_url: str | None = None

    def __post_init__(self) -> None:
        _link("admin_url", self.admin_url)
        if self.alert == "amount_mismatch" and (self.expected is None or self.received is None):
            raise ValueError("amount_mismatch needs expected and received")
        if self.alert in ("refund_due", "refund_failed") and self.refund_amount is None:
            raise ValueError(f"{self.alert} needs refund_amount")


Context = (HoldContext | ConfirmationContext | CancellationContext | PaymentRetryContext
           | OwnerAlertContext)
