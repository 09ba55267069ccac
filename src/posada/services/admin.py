"""Owner's back office: properties, accommodations, seasons and the reservation list."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload

from posada.db.engine import Database
from posada.db.models import Accommodation, Property, Reservation, Season
from posada.domain import cancellation
from posada.domain.errors import InvalidRequest, NotFound
from posada.domain.reservation import Status
from posada.services.common import translated_db_errors, utcnow


def new_ical_token() -> str:
    """A secret for an accommodation's export feed URL (256 random bits)."""
    return secrets.token_urlsafe(32)


async def get_or_create_property(
    db: Database, *, name: str, slug: str, timezone: str, currency: str = "ARS",
    weekend_multiplier: Decimal = Decimal("1"), holidays_as_weekend: bool = True,
) -> Property:
    """The property with ``slug``, created with the given fields when missing."""
    async with translated_db_errors(), db.transaction() as session:
        found = await session.scalar(select(Property).where(Property.slug == slug))
        if found is not None:
            return found
        prop = Property(
            name=name, slug=slug, timezone=timezone, currency=currency,
            weekend_multiplier=weekend_multiplier, holidays_as_weekend=holidays_as_weekend,
        )
        session.add(prop)
    return prop


async def create_property(db: Database, fields: dict[str, Any]) -> Property:
    """Add a property. Raises ``conflict`` when the slug is taken."""
    async with translated_db_errors(), db.transaction() as session:
        prop = Property(**fields)
        session.add(prop)
    return prop


async def list_properties(db: Database) -> Sequence[Property]:
    async with db.session() as session:
        return (await session.scalars(select(Property).order_by(Property.id))).all()


async def update_property(db: Database, property_id: int, changes: dict[str, Any]) -> Property:
    """Change a property's fields (name, timezone, weekend_multiplier, holidays_as_weekend,
    map_url, payment_instructions, cancellation_policy); ``info`` is merged by topic, an
    empty text removing it.

    Raises:
        NotFound: no such property.
        InvalidRequest: a cancellation policy tier out of range.
    """
    async with translated_db_errors(), db.transaction() as session:
        prop = await session.get(Property, property_id)
        if prop is None:
            raise NotFound("No such property.", property_id=property_id)
        for field, value in changes.items():
            if field == "cancellation_policy":
                value = cancellation.policy_json(cancellation.parse_policy(value))
            if field == "info":
                merged = {**(prop.info or {}), **value}
                value = {topic: text for topic, text in merged.items() if text.strip()}
            setattr(prop, field, value)
    return prop


async def list_all_accommodations(db: Database) -> Sequence[Accommodation]:
    """Every accommodation, active or not."""
    async with db.session() as session:
        return (
            await session.scalars(
                select(Accommodation).options(joinedload(Accommodation.property))
                .order_by(Accommodation.id)
            )
        ).all()


async def get_accommodation(db: Database, accommodation_id: int) -> Accommodation:
    async with db.session() as session:
        found = await session.scalar(
            select(Accommodation).options(joinedload(Accommodation.property))
            .where(Accommodation.id == accommodation_id)
        )
        if found is None:
            raise NotFound("No such accommodation.", accommodation_id=accommodation_id)
        return found


async def create_accommodation(
    db: Database, *, property_id: int | None, fields: dict[str, Any]
) -> Accommodation:
    """Add an accommodation to ``property_id`` (or to the only property there is).

    Raises:
        NotFound: the property does not exist (or there is none).
        Conflict: the slug is taken.
    """
    async with translated_db_errors(), db.transaction() as session:
        if property_id is None:
            property_id = await session.scalar(select(Property.id).order_by(Property.id))
        prop = await session.get(Property, property_id) if property_id is not None else None
        if prop is None:
            raise NotFound("No such property; create one first.", property_id=property_id)
        fields.setdefault("currency", prop.currency)
        accommodation = Accommodation(
            property_id=prop.id, ical_token=new_ical_token(), active=True, **fields
        )
        session.add(accommodation)
        await session.flush()
        accommodation_id = accommodation.id
    return await get_accommodation(db, accommodation_id)


async def update_accommodation(
    db: Database, accommodation_id: int, changes: dict[str, Any]
) -> Accommodation:
    """Change an accommodation's fields; ``rotate_ical_token=True`` issues a new feed token."""
    async with translated_db_errors(), db.transaction() as session:
        accommodation = await session.get(Accommodation, accommodation_id)
        if accommodation is None:
            raise NotFound("No such accommodation.", accommodation_id=accommodation_id)
        if changes.pop("rotate_ical_token", False):
            accommodation.ical_token = new_ical_token()
        for field, value in changes.items():
            setattr(accommodation, field, value)
    return await get_accommodation(db, accommodation_id)


@dataclass(frozen=True)
class SeasonFields:
    name: str
    start_date: date
    end_date: date
    multiplier: Decimal | None = None
    nightly_price: Decimal | None = None
    min_nights: int = 1
    accommodation_id: int | None = None
    property_id: int | None = None


def _check_season(fields: SeasonFields) -> None:
    if fields.end_date <= fields.start_date:
        raise InvalidRequest("A season's end_date must be after its start_date.")


async def create_season(db: Database, fields: SeasonFields) -> Season:
    """Add a season; ``property_id`` defaults to the accommodation's or the first property.

    Raises:
        InvalidRequest: end on or before start. NotFound: unknown property or accommodation.
    """
    _check_season(fields)
    async with translated_db_errors(), db.transaction() as session:
        property_id = fields.property_id
        if fields.accommodation_id is not None:
            accommodation = await session.get(Accommodation, fields.accommodation_id)
            if accommodation is None:
                raise NotFound("No such accommodation.", accommodation_id=fields.accommodation_id)
            property_id = accommodation.property_id
        if property_id is None:
            property_id = await session.scalar(select(Property.id).order_by(Property.id))
        if property_id is None or await session.get(Property, property_id) is None:
            raise NotFound("No such property.", property_id=property_id)
        season = Season(
            property_id=property_id, accommodation_id=fields.accommodation_id,
            name=fields.name, start_date=fields.start_date, end_date=fields.end_date,
            multiplier=fields.multiplier, nightly_price=fields.nightly_price,
            min_nights=fields.min_nights,
        )
        session.add(season)
    return season


async def list_seasons(db: Database) -> Sequence[Season]:
    async with db.session() as session:
        return (await session.scalars(select(Season).order_by(Season.start_date))).all()


async def update_season(db: Database, season_id: int, fields: SeasonFields) -> Season:
    """Replace a season's fields; it moves to the accommodation's (or the given) property.

    Raises:
        NotFound: unknown season, accommodation or property.
        InvalidRequest: end on or before start.
    """
    _check_season(fields)
    async with translated_db_errors(), db.transaction() as session:
        season = await session.get(Season, season_id)
        if season is None:
            raise NotFound("No such season.", season_id=season_id)
        if fields.accommodation_id is not None:
            accommodation = await session.get(Accommodation, fields.accommodation_id)
            if accommodation is None:
                raise NotFound("No such accommodation.", accommodation_id=fields.accommodation_id)
            season.property_id = accommodation.property_id
        elif fields.property_id is not None:
            if await session.get(Property, fields.property_id) is None:
                raise NotFound("No such property.", property_id=fields.property_id)
            season.property_id = fields.property_id
        for name in ("name", "start_date", "end_date", "multiplier", "nightly_price",
                     "min_nights", "accommodation_id"):
            setattr(season, name, getattr(fields, name))
    return season


async def delete_season(db: Database, season_id: int) -> None:
    """Remove a season (quotes already frozen into reservations keep their prices)."""
    async with translated_db_errors(), db.transaction() as session:
        season = await session.get(Season, season_id)
        if season is None:
            raise NotFound("No such season.", season_id=season_id)
        await session.delete(season)


async def list_reservations(
    db: Database,
    *,
    status: str | None = None,
    accommodation_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 200,
    offset: int = 0,
    now: datetime | None = None,
) -> Sequence[Reservation]:
    """Guest reservations, by check-in; ``date_from``/``date_to`` keep stays touching that range.

    ``status`` filters by the effective status at ``now``: an unswept hold past its expiry
    counts as ``expired``, not ``pre_reserved``.
    """
    now = now or utcnow()
    query = select(Reservation).where(Reservation.kind == "booking")
    if status == Status.PRE_RESERVED.value:
        query = query.where(Reservation.status == status, Reservation.expires_at > now)
    elif status == Status.EXPIRED.value:
        unswept = and_(Reservation.status == Status.PRE_RESERVED.value,
                       Reservation.expires_at <= now)
        query = query.where(or_(Reservation.status == status, unswept))
    elif status:
        query = query.where(Reservation.status == status)
    if accommodation_id is not None:
        query = query.where(Reservation.accommodation_id == accommodation_id)
    if date_from is not None:
        query = query.where(Reservation.check_out > date_from)
    if date_to is not None:
        query = query.where(Reservation.check_in < date_to)
    query = query.order_by(Reservation.check_in, Reservation.id).limit(limit).offset(offset)
    async with db.session() as session:
        return (await session.scalars(query)).all()
