from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from posada.db.engine import Database
from posada.db.models import Reservation, ReservationEvent
from posada.domain.errors import (
    HoldExpired,
    InvalidStay,
    InvalidTransition,
    MinStay,
    NotFound,
    OverCapacity,
    Unavailable,
)
from posada.services import blocks, holds
from posada.services.policy import BookingPolicy
from tests.conftest import NOW, Seeded

DEC_7, DEC_10 = date(2026, 12, 7), date(2026, 12, 10)


def request(seeded: Seeded, check_in: date = DEC_7, check_out: date = DEC_10,
            guests: int = 2, capacity: int = 4) -> holds.HoldRequest:
    return holds.HoldRequest(
        accommodation_id=seeded.cabin(capacity).id, check_in=check_in, check_out=check_out,
        guests=guests, guest_name="Ana Pérez", guest_phone="+5492944123456",
    )


async def count_rows(db: Database) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Reservation)) or 0)


async def test_place_hold_freezes_the_quote_and_expiry(
    db: Database, seeded: Seeded, policy: BookingPolicy
) -> None:
    hold = await holds.place_hold(db, policy, request(seeded), now=NOW)
    assert hold.status == "pre_reserved"
    assert hold.expires_at == NOW + timedelta(minutes=30)
    assert str(hold.total) == hold.quote["total"] == "250000.00"  # 3 × 80000 + 10000
    stored = await holds.get_reservation(db, hold.code)
    assert (stored.check_in, stored.check_out, stored.total, stored.deposit) == (
        DEC_7, DEC_10, hold.total, hold.deposit)
    assert stored.quote is not None and len(stored.quote["lines"]) == 3
    assert stored.expires_at is not None and stored.expires_at.tzinfo is not None


async def test_overlapping_hold_is_unavailable_back_to_back_is_fine(
    db: Database, seeded: Seeded, policy: BookingPolicy
) -> None:
    await holds.place_hold(db, policy, request(seeded), now=NOW)
    with pytest.raises(Unavailable):
        await holds.place_hold(db, policy, request(seeded, date(2026, 12, 9), date(2026, 12, 11)),
                               now=NOW)
    after = await holds.place_hold(db, policy, request(seeded, DEC_10, date(2026, 12, 12)),
                                   now=NOW)
    before = await holds.place_hold(db, policy, request(seeded, date(2026, 12, 5), DEC_7),
                                    now=NOW)
    assert after.status == before.status == "pre_reserved"
    other_cabin = await holds.place_hold(db, policy, request(seeded, capacity=6), now=NOW)
    assert other_cabin.accommodation_id != after.accommodation_id


async def test_expired_unswept_hold_does_not_block(
    db: Database, seeded: Seeded, policy: BookingPolicy
) -> None:
    old = await holds.place_hold(db, policy, request(seeded), now=NOW)
    later = NOW + timedelta(minutes=31)
    new = await holds.place_hold(db, policy, request(seeded), now=later)
    assert new.status == "pre_reserved"
    assert (await holds.get_reservation(db, old.code)).status == "expired"
    with pytest.raises(HoldExpired):
        await holds.confirm_reservation(db, old.code, now=later)


async def test_confirm_cancel_and_audit_trail(
    db: Database, seeded: Seeded, policy: BookingPolicy
) -> None:
    hold = await holds.place_hold(db, policy, request(seeded), now=NOW)
    confirmed = await holds.confirm_reservation(db, hold.code, actor="owner",
                                                now=NOW + timedelta(minutes=5))
    assert confirmed.status == "confirmed"
    with pytest.raises(InvalidTransition):
        await holds.confirm_reservation(db, hold.code, now=NOW + timedelta(minutes=6))
    # A confirmed stay no longer expires: a much later hold attempt is still refused.
    with pytest.raises(Unavailable):
        await holds.place_hold(db, policy, request(seeded), now=NOW + timedelta(days=2))
    cancelled = await holds.cancel_reservation(db, hold.code, now=NOW + timedelta(days=2))
    assert cancelled.status == "cancelled"
    with pytest.raises(InvalidTransition):
        await holds.cancel_reservation(db, hold.code)
    again = await holds.place_hold(db, policy, request(seeded), now=NOW + timedelta(days=2))
    assert again.status == "pre_reserved"
    async with db.session() as session:
        verbs = (await session.scalars(
            select(ReservationEvent.verb).where(ReservationEvent.reservation_id == hold.id)
            .order_by(ReservationEvent.id))).all()
    assert verbs == ["hold", "confirm", "cancel"]


async def test_expire_holds_job_is_idempotent(
    db: Database, seeded: Seeded, policy: BookingPolicy
) -> None:
    for capacity in (2, 4, 6):
        await holds.place_hold(db, policy, request(seeded, capacity=capacity), now=NOW)
    assert await holds.expire_holds(db, now=NOW + timedelta(minutes=29)) == 0
    assert await holds.expire_holds(db, now=NOW + timedelta(minutes=30)) == 3
    assert await holds.expire_holds(db, now=NOW + timedelta(minutes=31)) == 0
    async with db.session() as session:
        statuses = set((await session.scalars(select(Reservation.status))).all())
    assert statuses == {"expired"}


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"check_out": DEC_7}, InvalidStay),
        ({"check_in": date(2026, 10, 30)}, InvalidStay),
        ({"check_out": DEC_7 + timedelta(days=61)}, InvalidStay),
        ({"guests": 0}, OverCapacity),
        ({"guests": 5}, OverCapacity),
        ({"accommodation_id": 999}, NotFound),
    ],
)
async def test_bad_requests_store_nothing(
    db: Database, seeded: Seeded, policy: BookingPolicy, change: dict[str, object],
    error: type[Exception],
) -> None:
    base = request(seeded)
    bad = holds.HoldRequest(**{**base.__dict__, **change})  # type: ignore[arg-type]
    with pytest.raises(error):
        await holds.place_hold(db, policy, bad, now=NOW)
    assert await count_rows(db) == 0


async def test_min_stay_from_season(db: Database, seeded: Seeded, policy: BookingPolicy) -> None:
    from posada.services import admin

    await admin.create_season(db, admin.SeasonFields(
        name="Alta", start_date=date(2026, 12, 15), end_date=date(2027, 3, 1),
        multiplier=admin.Decimal("1.5"), min_nights=3, property_id=seeded.property.id))
    with pytest.raises(MinStay):
        await holds.place_hold(db, policy, request(seeded, date(2026, 12, 20),
                                                   date(2026, 12, 22)), now=NOW)
    hold = await holds.place_hold(db, policy, request(seeded, date(2026, 12, 20),
                                                      date(2026, 12, 23)), now=NOW)
    assert str(hold.total) == "370000.00"  # 3 × 120000 + 10000 cleaning


async def test_blocks_close_nights_and_release_reopens_them(
    db: Database, seeded: Seeded, policy: BookingPolicy
) -> None:
    cabin = seeded.cabin(4).id
    block = await blocks.create_block(db, cabin, DEC_7, DEC_10, note="pintura", now=NOW)
    with pytest.raises(Unavailable):
        await holds.place_hold(db, policy, request(seeded), now=NOW)
    with pytest.raises(Unavailable):
        await blocks.create_block(db, cabin, date(2026, 12, 9), date(2026, 12, 12), now=NOW)
    with pytest.raises(NotFound):
        await holds.get_reservation(db, block.code)  # blocks are not guest reservations
    released = await blocks.release_block(db, block.id, now=NOW)
    assert released.status == "released"
    with pytest.raises(InvalidTransition):
        await blocks.release_block(db, block.id, now=NOW)
    assert (await holds.place_hold(db, policy, request(seeded), now=NOW)).status == "pre_reserved"
