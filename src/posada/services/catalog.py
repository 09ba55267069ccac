"""Read side for guests: accommodations, availability with prices, quotes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from posada.db.engine import Database
from posada.db.models import Accommodation, Reservation
from posada.domain.availability import Occupancy, conflicts
from posada.domain.errors import DomainError
from posada.domain.pricing import Quote, quote_stay
from posada.domain.reservation import OCCUPYING, Status
from posada.domain.stay import Stay, validate_stay
from posada.services.common import (
    load_accommodation,
    local_today,
    pricing_rules,
    property_seasons,
    utcnow,
)
from posada.services.holds import occupancies
from posada.services.policy import BookingPolicy


@dataclass(frozen=True)
class Offer:
    """One accommodation's answer for a stay: a quote when free, else the reason code."""

    accommodation: Accommodation
    available: bool
    quote: Quote | None = None
    reason: str | None = None


async def list_accommodations(db: Database) -> Sequence[Accommodation]:
    """Active accommodations of every property, ordered by id."""
    async with db.session() as session:
        return (
            await session.scalars(
                select(Accommodation)
                .options(joinedload(Accommodation.property))
                .where(Accommodation.active.is_(True))
                .order_by(Accommodation.id)
            )
        ).all()


async def availability(
    db: Database,
    policy: BookingPolicy,
    check_in: date,
    check_out: date,
    guests: int,
    now: datetime | None = None,
) -> list[Offer]:
    """Every active accommodation for ``[check_in, check_out)``: available with a quote or not.

    Raises:
        InvalidStay: the dates themselves are not bookable (applies to all accommodations).
    """
    now = now or utcnow()
    accommodations = await list_accommodations(db)
    offers: list[Offer] = []
    async with db.session() as session:
        booked: dict[int, list[Occupancy]] = defaultdict(list)
        rows = await session.execute(
            select(Reservation.accommodation_id, Reservation.check_in, Reservation.check_out,
                   Reservation.status, Reservation.expires_at)
            .where(
                Reservation.status.in_([s.value for s in OCCUPYING]),
                Reservation.check_in < check_out,
                Reservation.check_out > check_in,
            )
        )
        for r in rows:
            booked[r.accommodation_id].append(
                Occupancy(Stay(r.check_in, r.check_out), Status(r.status), r.expires_at)
            )
        seasons_by_property: dict[int, list] = {}  # type: ignore[type-arg]
        for accommodation in accommodations:
            today = local_today(accommodation.property.timezone, now)
            stay = validate_stay(
                check_in, check_out, today=today,
                max_nights=policy.max_stay_nights, horizon_days=policy.horizon_days,
            )
            if accommodation.property_id not in seasons_by_property:
                seasons_by_property[accommodation.property_id] = list(
                    await property_seasons(session, accommodation.property_id)
                )
            rules = pricing_rules(
                accommodation, seasons_by_property[accommodation.property_id],
                policy.deposit_percent,
            )
            try:
                quote = quote_stay(stay, guests, rules)
            except DomainError as refusal:
                offers.append(Offer(accommodation, False, reason=refusal.code))
                continue
            if conflicts(stay, booked[accommodation.id], now):
                offers.append(Offer(accommodation, False, reason="unavailable"))
            else:
                offers.append(Offer(accommodation, True, quote=quote))
    return offers


async def quote(
    db: Database,
    policy: BookingPolicy,
    accommodation_id: int,
    check_in: date,
    check_out: date,
    guests: int,
    now: datetime | None = None,
) -> tuple[Quote, bool]:
    """Price a stay of one accommodation and say whether its nights are free now.

    Raises:
        NotFound, InvalidStay, OverCapacity, MinStay.
    """
    now = now or utcnow()
    async with db.session() as session:
        accommodation = await load_accommodation(session, accommodation_id)
        stay = validate_stay(
            check_in, check_out, today=local_today(accommodation.property.timezone, now),
            max_nights=policy.max_stay_nights, horizon_days=policy.horizon_days,
        )
        rules = pricing_rules(
            accommodation, await property_seasons(session, accommodation.property_id),
            policy.deposit_percent,
        )
        priced = quote_stay(stay, guests, rules)
        free = not conflicts(stay, await occupancies(session, accommodation.id, stay), now)
    return priced, free
