"""Our own models of Mercado Pago's objects: tolerant readers and the preference we send.

Readers ignore unknown fields, leave missing optional fields ``None``, keep unknown
``status`` values as text and turn unreadable dates into ``None`` (never a crash on a field
we do not rely on). Money is ``Decimal`` (read with ``wire.loads``); instants are aware and
converted to UTC (a date without an offset is read as UTC).

Shapes: preferences https://www.mercadopago.com.ar/developers/en/reference/preferences/_checkout_preferences/post,
payments https://www.mercadopago.com.ar/developers/en/reference/payments/_payments_id/get,
merchant orders https://www.mercadopago.com.ar/developers/en/reference/merchant_orders/_merchant_orders_id/get,
refunds https://www.mercadopago.com.ar/developers/en/reference/chargebacks/_payments_id_refunds/post.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import (
    AliasChoices,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
)

#: Payment statuses Mercado Pago documents; others are kept as text.
PAYMENT_STATUSES = frozenset({"pending", "in_process", "authorized", "approved", "rejected",
                              "cancelled", "refunded", "charged_back", "in_mediation"})
#: Payment types a hold cannot wait for (cash tickets, ATM transfers paid days later).
EXCLUDED_PAYMENT_TYPES = ("ticket", "atm")
#: The zone of the offsets we write (``expiration_date_to``) unless told otherwise.
DEFAULT_ZONE = "America/Argentina/Buenos_Aires"
#: Mercado Pago's item title limit (characters) — longer titles are cut.
MAX_TITLE = 256


def read_instant(value: Any) -> datetime | None:
    """An aware UTC ``datetime`` from an ISO 8601 text or ``datetime``; ``None`` when empty
    or unreadable; a value without offset is read as UTC."""
    if isinstance(value, str) and value.strip():
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)


def _text(value: Any) -> str | None:
    """Text from text or a number (ids come both ways); ``None`` when empty or another type."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | str):
        return str(value) or None
    return None


def _status(value: Any) -> str:
    """A status as text; ``unknown`` when absent or not text."""
    return value if isinstance(value, str) and value else "unknown"


def _empty_list(value: Any) -> Any:
    return [] if value is None else value


Instant = Annotated[datetime | None, BeforeValidator(read_instant)]
Text = Annotated[str | None, BeforeValidator(_text)]
Status = Annotated[str, BeforeValidator(_status)]


class _Tolerant(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


# --------------------------------------------------------------------------- what we send


class BackUrls(BaseModel):
    """Where Checkout Pro sends the guest back: ``success``, ``pending``, ``failure`` (URLs)."""

    model_config = ConfigDict(frozen=True)
    success: str
    pending: str
    failure: str


class PreferenceRequest(BaseModel):
    """A Checkout Pro preference for one hold's deposit (seña).

    ``reservation_code`` becomes ``external_reference``; ``title`` the item title (see
    ``deposit_title``); ``deposit`` the unit price (``Decimal`` > 0 in ``currency``, ARS);
    ``expires_at`` the hold expiry (aware), written as ``expiration_date_to`` with the
    offset of ``zone``; ``notification_url`` (our webhook) and ``back_urls`` are optional;
    ``payer_email`` pre-fills the checkout.
    """

    model_config = ConfigDict(frozen=True)
    reservation_code: str = Field(min_length=1, max_length=256)
    title: str = Field(min_length=1)
    deposit: Decimal = Field(gt=0, allow_inf_nan=False)
    currency: str = "ARS"
    expires_at: AwareDatetime
    notification_url: str | None = None
    back_urls: BackUrls | None = None
    payer_email: str | None = None
    zone: str = DEFAULT_ZONE

    @field_validator("zone")
    @classmethod
    def _known_zone(cls, zone: str) -> str:
        try:
            ZoneInfo(zone)
        except (KeyError, ValueError):  # ZoneInfoNotFoundError is a KeyError
            raise ValueError(f"unknown time zone {zone!r}") from None
        return zone

    def expiration_text(self) -> str:
        """``expires_at`` in ISO 8601 with milliseconds and ``zone``'s offset, as Mercado Pago
        writes dates (``2026-01-10T12:30:00.000-03:00``)."""
        local = self.expires_at.astimezone(ZoneInfo(self.zone))
        return local.isoformat(timespec="milliseconds")

    def payload(self) -> dict[str, Any]:
        """The ``POST /checkout/preferences`` body (``deposit`` stays a ``Decimal``: write it
        with ``wire.dumps``)."""
        body: dict[str, Any] = {
            "items": [{"id": self.reservation_code, "title": self.title[:MAX_TITLE],
                       "quantity": 1, "unit_price": self.deposit,
                       "currency_id": self.currency}],
            "external_reference": self.reservation_code,
            "expires": True,
            "expiration_date_to": self.expiration_text(),
            "binary_mode": True,
            "payment_methods": {"excluded_payment_types": [{"id": kind}
                                                           for kind in EXCLUDED_PAYMENT_TYPES],
                                "installments": 1},
        }
        if self.notification_url:
            body["notification_url"] = self.notification_url
        if self.back_urls is not None:
            body["back_urls"] = self.back_urls.model_dump()
            body["auto_return"] = "approved"
        if self.payer_email:
            body["payer"] = {"email": self.payer_email}
        return body


def deposit_title(accommodation: str, check_in: date, check_out: date) -> str:
    """The item title the guest sees at checkout, in Spanish: ``Seña Cabaña del Lago,
    10/01/2026 al 13/01/2026 (3 noches)`` (``check_out`` exclusive, local dates)."""
    nights = (check_out - check_in).days
    word = "noche" if nights == 1 else "noches"
    title = (f"Seña {accommodation}, {check_in:%d/%m/%Y} al {check_out:%d/%m/%Y} "
             f"({nights} {word})")
    return title[:MAX_TITLE]


# --------------------------------------------------------------------------- what we read


class Preference(_Tolerant):
    """A created preference: ``id`` (``<collector>-<uuid>``), the checkout URLs
    ``init_point`` / ``sandbox_init_point``, ``external_reference`` (our reservation code)
    and ``expiration_date_to`` (UTC)."""

    id: str
    init_point: str | None = None
    sandbox_init_point: str | None = None
    external_reference: Text = None
    expiration_date_to: Instant = None
    date_created: Instant = None
    collector_id: int | None = None


class Refund(_Tolerant):
    """One refund of a payment: ``amount`` (``Decimal`` in the payment's currency),
    ``status`` (``approved`` when done; other values kept as text)."""

    id: int
    payment_id: int | None = None
    amount: Decimal | None = None
    status: Text = None
    date_created: Instant = None
    unique_sequence_number: Text = None


class PaymentOrder(_Tolerant):
    """``payment.order``: the merchant order (``type`` ``mercadopago``) holding the payment."""

    id: int | None = None
    type: Text = None


class Payment(_Tolerant):
    """A payment as ``GET /v1/payments/{id}`` shows it.

    ``status`` is Mercado Pago's (see ``PAYMENT_STATUSES``; unknown values kept, ``unknown``
    when absent) with ``status_detail``; ``transaction_amount`` and
    ``transaction_amount_refunded`` are ``Decimal`` in ``currency_id``; ``collector_id`` is
    the seller's user id (check it is ours), read from ``collector_id`` or else
    ``collector.id``; dates are UTC.
    """

    id: int
    status: Status = "unknown"
    status_detail: Text = None
    external_reference: Text = None
    transaction_amount: Decimal | None = None
    transaction_amount_refunded: Decimal = Decimal(0)
    currency_id: Text = None
    collector_id: int | None = Field(default=None,
                                     validation_alias=AliasChoices("collector_id", "collector"))
    date_created: Instant = None
    date_approved: Instant = None
    date_last_updated: Instant = None
    payment_type_id: Text = None
    payment_method_id: Text = None
    live_mode: bool | None = None
    order: PaymentOrder | None = None
    refunds: Annotated[list[Refund], BeforeValidator(_empty_list)] = Field(
        default_factory=list)

    @field_validator("transaction_amount_refunded", mode="before")
    @classmethod
    def _zero_when_null(cls, value: Any) -> Any:
        return Decimal(0) if value is None else value

    @field_validator("collector_id", mode="before")
    @classmethod
    def _collector(cls, value: Any) -> Any:
        return value.get("id") if isinstance(value, dict) else value

    @property
    def merchant_order_id(self) -> int | None:
        """The merchant order's id (``order.id``), or ``None``."""
        return self.order.id if self.order is not None else None


class OrderPayment(_Tolerant):
    """A payment as a merchant order lists it (no payer data)."""

    id: int
    status: Status = "unknown"
    status_detail: Text = None
    transaction_amount: Decimal | None = None
    total_paid_amount: Decimal | None = None
    amount_refunded: Decimal | None = None
    currency_id: Text = None
    date_approved: Instant = None
    date_created: Instant = None
    last_modified: Instant = None


class MerchantOrder(_Tolerant):
    """A merchant order (one per preference checkout): ``status`` (``opened``/``closed``),
    ``order_status`` (``payment_required``, ``paid``, ``partially_paid``, …), amounts in
    ``Decimal`` and the ``payments`` made for it."""

    id: int
    external_reference: Text = None
    preference_id: Text = None
    status: Text = None
    order_status: Text = None
    total_amount: Decimal | None = None
    paid_amount: Decimal | None = None
    refunded_amount: Decimal | None = None
    collector_id: int | None = Field(default=None,
                                     validation_alias=AliasChoices("collector_id", "collector"))
    date_created: Instant = None
    last_updated: Instant = None
    payments: Annotated[list[OrderPayment], BeforeValidator(_empty_list)] = Field(
        default_factory=list)

    @field_validator("collector_id", mode="before")
    @classmethod
    def _collector(cls, value: Any) -> Any:
        return value.get("id") if isinstance(value, dict) else value
