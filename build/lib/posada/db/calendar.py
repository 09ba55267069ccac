"""Calendar repository: the Core statements on the hot path (pricing data, holds, expiry).

Plain SQLAlchemy Core on one ``AsyncConnection`` keeps a hold to a few cached statements;
the rules themselves stay in ``posada.domain``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol, cast

from sqlalchemy import (
    Date,
    Integer,
    Select,
    Table,
    and_,
    bindparam,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from posada.db.models import Accommodation, Property, Reservation, ReservationEvent, Season
from posada.db.types import Money, Ratio
from posada.domain import pricing
from posada.domain.availability import Occupancy
from posada.domain.reservation import OCCUPYING, TRANSITIONS, Status, Verb
from posada.domain.stay import Stay

RESERVATIONS = cast(Table, Reservation.__table__)
EVENTS = cast(Table, ReservationEvent.__table__)
R = RESERVATIONS.c


INSERT_EVENT = insert(EVENTS)
INSERT_ROW = insert(RESERVATIONS).returning(R.id)


OCCUPYING_VALUES = [s.value for s in OCCUPYING]


@dataclass
class PricedAccommodation:
    """An active accommodation with what pricing needs (its property's rules and seasons)."""

    id: int
    property_id: int
    slug: str
    name: str
    capacity: int
    base_price: Decimal
    currency: str
    cleaning_fee: Decimal
    min_nights: int
    timezone: str
    weekend_multiplier: Decimal
    holidays_as_weekend: bool
    seasons: list[pricing.Season] = field(default_factory=list)

    def rules(self, deposit_percent: Decimal) -> pricing.PricingRules:
        return pricing.PricingRules(
            base_price=self.base_price, currency=self.currency, capacity=self.capacity,
            cleaning_fee=self.cleaning_fee, min_nights=self.min_nights,
            seasons=tuple(self.seasons), weekend_multiplier=self.weekend_multiplier,
            holidays_as_weekend=self.holidays_as_weekend, deposit_percent=deposit_percent,
            accommodation_id=self.id,
        )


_ACCOMMODATION_COLUMNS = (
    Accommodation.id, Accommodation.property_id, Accommodation.slug, Accommodation.name,
    Accommodation.capacity, Accommodation.base_price, Accommodation.currency,
    Accommodation.cleaning_fee, Accommodation.min_nights, Property.timezone,
    Property.weekend_multiplier, Property.holidays_as_weekend,
)
_SEASON_COLUMNS = (
    Season.id.label("season_id"), Season.name.label("season_name"), Season.start_date,
    Season.end_date, Season.multiplier, Season.nightly_price,
    Season.min_nights.label("season_min_nights"), Season.accommodation_id.label("season_for"),
)


def _priced_query(one: bool) -> Select[Any]:
    season_on = and_(
        Season.property_id == Property.id,
        or_(Season.accommodation_id.is_(None), Season.accommodation_id == Accommodation.id),
        Season.start_date <= bindparam("check_out", type_=Date),
        Season.end_date > bindparam("check_in", type_=Date),
    )
    query = (
        select(*_ACCOMMODATION_COLUMNS, *_SEASON_COLUMNS)
        .select_from(Accommodation)
        .join(Property, Property.id == Accommodation.property_id)
        .outerjoin(Season, season_on)
        .where(Accommodation.active.is_(True))
        .order_by(Accommodation.id)
    )
    if one:
        query = query.where(Accommodation.id == bindparam("accommodation_id"))
    return cast(Select[Any], query)


def _occupancy_query(one: bool) -> Select[Any]:
    query = select(R.accommodation_id, R.check_in, R.check_out, R.status, R.expires_at,
                   R.code).where(
        R.status.in_(OCCUPYING_VALUES),
        R.check_in < bindparam("check_out", type_=Date),
        R.check_out > bindparam("check_in", type_=Date),
    )
    return query.where(R.accommodation_id == bindparam("accommodation_id")) if one else query


# Built once: executing a prepared statement object skips rebuilding its expression tree.
PRICED = {True: _priced_query(True), False: _priced_query(False)}
OCCUPYING_ROWS = {True: _occupancy_query(True), False: _occupancy_query(False)}


#: The column types' own normalisation: SQLAlchemy applies it on load, raw asyncpg rows get
#: it here, so both engines price from identical values (``1.2`` not ``1.2000``).
_MONEY, _RATIO = Money(), Ratio()


def _optional(normalize: Callable[[Decimal], Decimal], value: Decimal | None) -> Decimal | None:
    return None if value is None else normalize(value)


class Row(Protocol):
    """A result row read by column name (SQLAlchemy's ``row._mapping``, asyncpg's record)."""

    def __getitem__(self, key: str) -> Any: ...


def priced_from_rows(rows: Iterable[Row]) -> list[PricedAccommodation]:
    """Accommodations with their seasons from rows of the priced query (``PRICED`` here, or
    ``posada.db.holds_pg.PRICED``: one row per accommodation and season, the accommodation's
    columns plus ``season_*``), in row order."""
    found: dict[int, PricedAccommodation] = {}
    for row in rows:
        item = found.get(row["id"])
        if item is None:
            fields = {c.key: row[c.key] for c in _ACCOMMODATION_COLUMNS}
            for key in ("base_price", "cleaning_fee"):
                fields[key] = _MONEY.normalize(fields[key])
            fields["weekend_multiplier"] = _RATIO.normalize(fields["weekend_multiplier"])
            item = found[row["id"]] = PricedAccommodation(**fields)
        if row["season_id"] is not None:
            item.seasons.append(pricing.Season(
                name=row["season_name"], start=row["start_date"], end=row["end_date"],
                multiplier=_optional(_RATIO.normalize, row["multiplier"]),
                nightly_price=_optional(_MONEY.normalize, row["nightly_price"]),
                min_nights=row["season_min_nights"], accommodation_id=row["season_for"],
            ))
    return list(found.values())


async def priced_accommodations(
    conn: AsyncConnection, check_in: date, check_out: date, accommodation_id: int | None = None
) -> list[PricedAccommodation]:
    """Active accommodations (one, or all by id) with the seasons touching ``[check_in,
    check_out]`` — one query, seasons joined."""
    params = {"check_in": check_in, "check_out": check_out, "accommodation_id": accommodation_id}
    result = await conn.execute(PRICED[accommodation_id is not None], params)
    return priced_from_rows(row._mapping for row in result)


async def occupancies(
    conn: AsyncConnection, stay: Stay, accommodation_id: int | None = None
) -> list[tuple[int, Occupancy]]:
    """``(accommodation_id, row)`` for rows that occupy (in the database) a night of ``stay``."""
    params = {"check_in": stay.check_in, "check_out": stay.check_out,
              "accommodation_id": accommodation_id}
    return [
        (r.accommodation_id,
         Occupancy(Stay(r.check_in, r.check_out), Status(r.status), r.expires_at, r.code))
        for r in await conn.execute(OCCUPYING_ROWS[accommodation_id is not None], params)
    ]


#: Advisory-lock namespace of an accommodation's writers (as in migration 0002's
#: ``posada_place_hold``): ``pg_advisory_xact_lock(7300, accommodation_id)``.
ACCOMMODATION_LOCK_SPACE = 7300
LOCK_ACCOMMODATION = select(func.pg_advisory_xact_lock(
    literal(ACCOMMODATION_LOCK_SPACE), bindparam("accommodation_id", type_=Integer)))


async def lock_accommodations(conn: AsyncConnection, ids: Sequence[int]) -> None:
    """Serialise writers of these accommodations until the transaction ends (PostgreSQL:
    transaction-scoped advisory locks, taken in id order so two writers never wait on each
    other in a cycle; SQLite: nothing to do, ``BEGIN IMMEDIATE`` already holds the file).
    A lock not had within ``lock_timeout`` raises (SQLSTATE 55P03, ``busy``)."""
    if conn.dialect.name == "postgresql":
        for accommodation_id in sorted(set(ids)):
            await conn.execute(LOCK_ACCOMMODATION, {"accommodation_id": accommodation_id})


async def add_events(
    conn: AsyncConnection, verb: str, rows: Sequence[Any], from_status: str | None,
    to_status: str, actor: str, now: datetime,
) -> None:
    """Audit entries for ``rows`` (each with ``id`` and ``property_id``)."""
    if rows:
        await conn.execute(INSERT_EVENT, [
            {"property_id": r.property_id, "reservation_id": r.id, "verb": verb,
             "from_status": from_status, "to_status": to_status, "actor": actor, "at": now}
            for r in rows
        ])


def _expire_statement(one: bool) -> Any:
    source, target = Status.PRE_RESERVED, TRANSITIONS[(Status.PRE_RESERVED, Verb.EXPIRE)]
    stale = and_(R.status == source.value, R.expires_at <= bindparam("at"))
    if one:
        where = and_(stale, R.accommodation_id == bindparam("of_accommodation"))
    else:
        batch = (select(R.id).where(stale).order_by(R.id).limit(bindparam("limit"))
                 .with_for_update(skip_locked=True))
        where = R.id.in_(batch.scalar_subquery())
    return (update(RESERVATIONS).where(where)
            .values(status=target.value, updated_at=bindparam("at"))
            .returning(R.id, R.property_id))


EXPIRE = {True: _expire_statement(True), False: _expire_statement(False)}


async def expire_stale(
    conn: AsyncConnection, now: datetime, accommodation_id: int | None = None,
    limit: int = 500,
) -> int:
    """Mark holds past ``expires_at`` (of one accommodation, or up to ``limit`` of all) as
    ``expired`` (the ``pre_reserved → expired`` transition), with audit entries; the sweep
    skips rows another worker has locked."""
    params = {"at": now, "of_accommodation": accommodation_id, "limit": limit}
    expired = (await conn.execute(EXPIRE[accommodation_id is not None], params)).all()
    await add_events(conn, Verb.EXPIRE.value, expired, Status.PRE_RESERVED.value,
                     Status.EXPIRED.value, "system", now)
    return len(expired)


async def insert_row(
    conn: AsyncConnection, row: Reservation | NewHoldLike, verb: str, actor: str, now: datetime
) -> None:
    """Insert a new, unsaved calendar row (hold or block) and its first audit entry; sets the
    row's ``id``, ``created_at`` and ``updated_at``."""
    row.created_at = row.updated_at = now
    values = {c.key: getattr(row, c.key) for c in RESERVATIONS.columns if c.key != "id"}
    row.id = (await conn.execute(INSERT_ROW, values)).scalar_one()
    await add_events(conn, verb, [row], None, row.status, actor, now)


async def insert_rows(
    conn: AsyncConnection, rows: Sequence[Reservation], verb: str, actor: str, now: datetime
) -> None:
    """``insert_row`` for many rows of one status: one ``executemany`` insert, one read of
    the new ids by their (unique) codes, one insert of the audit entries. (An ordered
    ``RETURNING`` would insert row by row on SQLite.)"""
    if not rows:
        return
    for row in rows:
        row.created_at = row.updated_at = now
    await conn.execute(insert(RESERVATIONS), [
        {c.key: getattr(row, c.key) for c in RESERVATIONS.columns if c.key != "id"}
        for row in rows])
    ids = dict((await conn.execute(select(R.code, R.id).where(
        R.code.in_([row.code for row in rows])))).all())
    for row in rows:
        row.id = ids[row.code]
    await add_events(conn, verb, rows, None, rows[0].status, actor, now)


class NewHoldLike(Protocol):
    """A plain record with every column of ``reservations`` as an attribute."""

    id: int | None
    property_id: int
    status: str
    created_at: datetime | None
    updated_at: datetime | None
