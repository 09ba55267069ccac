"""Request and response models of the HTTP contract (README, "HTTP API (v1)"): amounts are
strings."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import Path, Query
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    PlainSerializer,
    StrictInt,
    StringConstraints,
)

from posada.domain.contacts import MAX_PHONE_DIGITS, MIN_PHONE_DIGITS, phone_digits
from posada.domain.money import percent_text
from posada.domain.pricing import Quote
from posada.observability import NOT_A_PHONE

Amount = Annotated[Decimal, PlainSerializer(lambda d: f"{d:.2f}", return_type=str)]
Channel = Literal["whatsapp", "email", "web", "admin", "airbnb", "booking", "vrbo", "ical"]
#: Database ids are 32-bit on PostgreSQL: anything larger is refused as invalid input.
MAX_ID = 2_147_483_647


def _without_control_characters(value: str, allowed: str = "") -> str:
    if any((ord(ch) < 32 or ord(ch) == 127) and ch not in allowed for ch in value):
        raise ValueError("control characters are not allowed")
    return value


def single_line(value: str) -> str:
    """Refuse control characters (NUL, newlines, …) in one-line text such as names."""
    return _without_control_characters(value)


def printable_text(value: str) -> str:
    """Refuse NUL and other control characters except newlines and tabs."""
    return _without_control_characters(value, allowed="\n\r\t")


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: object) -> object:
    """Dates arrive as ``YYYY-MM-DD`` strings, never as numbers or timestamps (``0`` is not
    1970-01-01), in the body and in the query string alike."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("dates are strings like 2027-01-31")
    return value


def _phone_digits(value: str) -> str:
    """A phone has 6 to 15 digits (E.164's maximum), whatever the separators, and is not
    shaped like a date, an IP address or an amount (which log redaction leaves alone)."""
    digits_at = [i for i, ch in enumerate(value) if ch.isdigit()]
    core = value[digits_at[0]:digits_at[-1] + 1] if digits_at else value
    if NOT_A_PHONE.fullmatch(core) or not (
            MIN_PHONE_DIGITS <= len(phone_digits(value)) <= MAX_PHONE_DIGITS):
        raise ValueError(f"a phone number has {MIN_PHONE_DIGITS} to {MAX_PHONE_DIGITS} digits")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]
#: A JSON whole number: ``true`` and ``"3"`` are refused (bounds stay standard JSON Schema).
Count = StrictInt
Id = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]
CodePath = Annotated[str, Path(pattern=r"^[0-9A-Za-z]{1,16}$")]
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(single_line),
]
LongText = Annotated[str, Field(max_length=5000), AfterValidator(printable_text)]
Phone = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()-]{6,30}$"),
    AfterValidator(_phone_digits),
]
#: A percentage as charged, with at least two decimals (``"30.00"``, ``"33.333"``).
Percent = Annotated[Decimal, PlainSerializer(percent_text, return_type=str)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    code: str
    message: str
    details: dict[str, object] | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody


class AccommodationOut(BaseModel):
    id: int
    slug: str
    name: str
    capacity: int
    base_price: Amount
    currency: str


class NightOut(BaseModel):
    night: date
    price: Amount
    season: str | None
    weekend: bool
    holiday: str | None


class QuoteOut(BaseModel):
    accommodation_id: int
    check_in: date
    check_out: date
    nights: int
    guests: int
    currency: str
    lines: list[NightOut]
    nights_total: Amount
    cleaning_fee: Amount
    total: Amount
    deposit_percent: Percent
    deposit: Amount
    balance: Amount
    available: bool | None = None

    @classmethod
    def build(cls, accommodation_id: int, quote: Quote, available: bool | None = None) -> QuoteOut:
        return cls(
            accommodation_id=accommodation_id,
            check_in=quote.stay.check_in,
            check_out=quote.stay.check_out,
            nights=quote.stay.nights,
            guests=quote.guests,
            currency=quote.currency,
            lines=[
                NightOut(night=ln.night, price=ln.price, season=ln.season, weekend=ln.weekend,
                         holiday=ln.holiday)
                for ln in quote.lines
            ],
            nights_total=quote.nights_total,
            cleaning_fee=quote.cleaning_fee,
            total=quote.total,
            deposit_percent=quote.deposit_percent,
            deposit=quote.deposit,
            balance=quote.balance,
            available=available,
        )


class AvailabilityItem(BaseModel):
    accommodation: AccommodationOut
    available: bool
    reason: str | None = None
    quote: QuoteOut | None = None


class AvailabilityOut(BaseModel):
    check_in: date
    check_out: date
    guests: int
    results: list[AvailabilityItem]


class QuoteIn(Strict):
    accommodation_id: Id
    check_in: IsoDate
    check_out: IsoDate
    guests: Annotated[Count, Field(ge=1, le=100)]


class HoldIn(QuoteIn):
    guest_name: Name
    guest_phone: Phone | None = None
    guest_email: EmailStr | None = None
    channel: Channel = "web"


class HoldOut(BaseModel):
    code: str
    status: str
    accommodation_id: int
    check_in: date
    check_out: date
    guests: int | None
    expires_at: datetime | None
    total: Amount | None
    deposit: Amount | None
    currency: str | None
    #: the deposit's Mercado Pago checkout (``None`` without Mercado Pago, or while it
    #: could not be created: the reservation's page shows it once it is)
    payment_url: str | None = None
    #: the cancellation policy in Spanish, shown before paying
    cancellation_policy: str | None = None


class PaymentOut(BaseModel):
    """The deposit's payment: ``status`` as Mercado Pago says it (``pending``, ``approved``,
    ``rejected``, ``refunded``, …; ``none`` before any payment), ``state`` ours (``pending``,
    ``paid``, ``failed``, ``partially_refunded``, ``refunded``, ``charged_back``,
    ``in_mediation``, ``unknown``, ``none``), the link while the hold lives, what was paid and
    refunded."""

    status: str
    state: str
    url: str | None = None
    amount: Amount | None = None
    refunded: Amount | None = None
    currency: str | None = None


class RefundOut(BaseModel):
    """A cancellation's refund: ``status`` ``pending`` (being executed through Mercado
    Pago), ``manual`` (the owner refunds by hand) or ``none``."""

    amount: Amount
    percent: Percent
    status: str


class ReservationPublicOut(BaseModel):
    """What anyone holding the code may see: no guest personal data."""

    code: str
    status: str
    accommodation_id: int
    check_in: date
    check_out: date
    nights: int
    guests: int | None
    expires_at: datetime | None
    total: Amount | None
    deposit: Amount | None
    currency: str | None
    payment: PaymentOut | None = None
    cancellation_policy: str | None = None
    refund: RefundOut | None = None


class CancelIn(BaseModel):
    """``refund``: ``full`` (default when the owner cancels), ``policy`` (what the property's
    cancellation policy gives for the days left) or ``none``."""

    refund: Literal["full", "policy", "none"] | None = None


class ReservationAdminOut(ReservationPublicOut):
    guest_name: str | None
    guest_phone: str | None
    guest_email: str | None
    channel: str
    created_at: datetime
    quote: dict[str, object] | None


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - OAuth2 token type, not a secret
    expires_in: int


class HealthOut(BaseModel):
    status: str


class ReadyOut(BaseModel):
    status: Literal["ready", "not_ready"]
    database: str
    redis: str
    ical_sync: str
    version: str
