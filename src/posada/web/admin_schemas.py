"""Request and response models of the admin API (``/api/v1/admin/…``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, Field, StringConstraints, model_validator

from posada.config import is_time_zone
from posada.web.schemas import (
    Amount,
    Count,
    Id,
    IsoDate,
    LongText,
    Name,
    Strict,
    printable_text,
    single_line,
)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")]
Price = Annotated[Decimal, Field(ge=0, le=Decimal("99999999.99"), decimal_places=2)]
SeasonName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
    AfterValidator(single_line),
]
Multiplier = Annotated[Decimal, Field(gt=0, le=100, decimal_places=4)]
def known_zone(value: str) -> str:
    """An IANA time zone name (``America/Argentina/Buenos_Aires``), not ``localtime``."""
    if not is_time_zone(value):
        raise ValueError("unknown time zone")
    return value


Zone = Annotated[str, StringConstraints(min_length=1, max_length=64), AfterValidator(known_zone)]


#: What the WhatsApp bot can tell guests (``posada.nlu.model.Topic`` without ``other``).
InfoTopic = Literal["checkin_time", "checkout_time", "address", "pets", "parking", "wifi",
                    "linens", "heating"]
MapUrl = Annotated[str, StringConstraints(max_length=500, pattern=r"^https?://\S+$")]


class PropertyOut(BaseModel):
    id: int
    name: str
    slug: str
    timezone: str
    currency: str
    weekend_multiplier: Decimal
    holidays_as_weekend: bool
    info: dict[str, str] = {}
    map_url: str | None = None
    payment_instructions: str | None = None
    #: refund tiers; ``None``: the default (all back ≥ 15 days before check-in, 50 % ≥ 7)
    cancellation_policy: list[dict[str, Any]] | None = None


class PropertyIn(Strict):
    name: Name
    slug: Slug
    timezone: Zone = "America/Argentina/Buenos_Aires"
    currency: str = Field(default="ARS", pattern=r"^[A-Z]{3}$")
    weekend_multiplier: Multiplier = Decimal("1")
    holidays_as_weekend: bool = True


class PropertyPatch(Strict):
    """``info``: answers to add or change by topic (an empty text removes one)."""

    name: Name | None = None
    timezone: Zone | None = None
    weekend_multiplier: Multiplier | None = None
    holidays_as_weekend: bool | None = None
    info: dict[InfoTopic, LongText] | None = None
    map_url: MapUrl | None = None
    payment_instructions: LongText | None = None
    #: ``[{"days_before": 15, "refund_percent": 100}, …]`` (at most 10 tiers; ``[]``: no
    #: refund ever); 422 ``invalid_request`` when a tier is out of range
    cancellation_policy: list[dict[str, Any]] | None = None


class AccommodationIn(Strict):
    slug: Slug
    name: Name
    capacity: Annotated[Count, Field(ge=1, le=100)]
    base_price: Price
    cleaning_fee: Price = Decimal("0")
    min_nights: int = Field(default=1, ge=1, le=60)
    description: LongText = ""
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    property_id: Id | None = None


class AccommodationPatch(Strict):
    name: Name | None = None
    capacity: Annotated[Count, Field(ge=1, le=100)] | None = None
    base_price: Price | None = None
    cleaning_fee: Price | None = None
    min_nights: int | None = Field(default=None, ge=1, le=60)
    description: LongText | None = None
    active: bool | None = None
    rotate_ical_token: bool = False


class AccommodationAdminOut(BaseModel):
    id: int
    property_id: int
    slug: str
    name: str
    description: str
    capacity: int
    base_price: Amount
    cleaning_fee: Amount
    min_nights: int
    currency: str
    active: bool
    ical_export_url: str


class SeasonIn(Strict):
    name: SeasonName
    start_date: IsoDate
    end_date: IsoDate
    multiplier: Multiplier | None = None
    nightly_price: Price | None = None
    min_nights: int = Field(default=1, ge=1, le=60)
    accommodation_id: Id | None = None
    property_id: Id | None = None

    @model_validator(mode="after")
    def _one_price_rule(self) -> Self:
        if (self.multiplier is None) == (self.nightly_price is None):
            raise ValueError("set exactly one of multiplier or nightly_price")
        return self


class SeasonOut(BaseModel):
    id: int
    property_id: int
    accommodation_id: int | None
    name: str
    start_date: date
    end_date: date
    multiplier: Decimal | None
    nightly_price: Amount | None
    min_nights: int


class BlockIn(Strict):
    accommodation_id: Id
    check_in: IsoDate
    check_out: IsoDate
    note: Annotated[str, Field(max_length=500), AfterValidator(printable_text)] | None = None


class BlockOut(BaseModel):
    id: int
    code: str
    accommodation_id: int
    check_in: date
    check_out: date
    status: str
    channel: str
    note: str | None
