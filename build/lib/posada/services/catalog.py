"""Read side for guests: accommodations, availability with prices, quotes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from posada.db import calendar
from posada.db.calendar import PricedAccommodation
from posada.db.engine import Database
from posada.db.models import Accommodation
from posada.domain.availability import Occupancy, conflicts
from posada.domain.errors import DomainError
from posada.domain.pricing import Quote, quote_stay
from posada.domain.stay import Stay, validate_stay
from posada.services.common import load_priced, local_today, utcnow
from posada.services.policy import BookingPolicy


@dataclass(frozen=True)
class Offer:
    """One accommodation's answer for a stay: a quote when free, else the reason code."""

    accommodation: PricedAccommodation
    available: bool
    quote: Quote | None = None
    reason: str | None = None


async def list_accommodations(db: Database) -> Sequence[Accommodation]:
    """Active accommodations of every property, ordered by id."""
    async with db.session() as session:
        return (
            await session.scalars(
                select(Accommodation)
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
    async with db.read_connection() as conn:
        accommodations = await calendar.priced_accommodations(conn, check_in, check_out)
        booked: dict[int, list[Occupancy]] = defaultdict(list)
        if check_out > check_in:
            for accommodation_id, row in await calendar.occupancies(
                conn, Stay(check_in, check_out)
            ):
                booked[accommodation_id].append(row)
    offers: list[Offer] = []
    for accommodation in accommodations:
        stay = validate_stay(
            check_in, check_out, today=local_today(accommodation.timezone, now),
            max_nights=policy.max_stay_nights, horizon_days=policy.horizon_days,
        )
        try:
            quote = quote_stay(stay, guests, accommodation.rules(policy.deposit_percent))
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
    async with db.read_connection() as conn:
        accommodation = await load_priced(conn, accommodation_id, check_in, check_out)
        stay = validate_stay(
            check_in, check_out, today=local_today(accommodation.timezone, now),
            max_nights=policy.max_stay_nights, horizon_days=policy.horizon_days,
        )
        priced = quote_stay(stay, guests, accommodation.rules(policy.deposit_percent))
        taken = await calendar.occupancies(conn, stay, accommodation_id)
    return priced, not conflicts(stay, [row for _, row in taken], now)
