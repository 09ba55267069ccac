"""Property test: any sequence of hold, confirm, cancel, expire and block operations never
leaves two overlapping active stays, and the database agrees with a pure domain model."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from posada.db.engine import Database
from posada.db.models import Reservation, ReservationEvent
from posada.domain.availability import Occupancy, is_available
from posada.domain.errors import DomainError, HoldExpired, Unavailable
from posada.domain.reservation import Status, is_active
from posada.domain.stay import Stay
from posada.services import admin, blocks, holds
from posada.services.policy import BookingPolicy
from tests.conftest import NOW, Seeded, seed

BASE = date(2026, 12, 1)
POLICY = BookingPolicy()

hold_op = st.tuples(st.just("hold"), st.integers(0, 20), st.integers(1, 5))
block_op = st.tuples(st.just("block"), st.integers(0, 20), st.integers(1, 5))
verb_op = st.tuples(st.sampled_from(["confirm", "cancel", "release"]), st.integers(0, 30),
                    st.just(0))
clock_op = st.tuples(st.just("tick"), st.integers(1, 40), st.just(0))
sweep_op = st.tuples(st.just("sweep"), st.just(0), st.just(0))
operations = st.lists(st.one_of(hold_op, block_op, verb_op, clock_op, sweep_op), max_size=30)


@dataclass
class Model:
    """What the domain says the calendar is: code → (stay, status, expires_at, kind, id)."""

    rows: dict[str, tuple[Stay, Status, datetime | None, str, int]] = field(default_factory=dict)

    def occupancies(self) -> list[Occupancy]:
        return [Occupancy(s, st_, exp) for s, st_, exp, _, _ in self.rows.values()]


def expire_stale(model: Model, now: datetime) -> None:
    """What the database does under the calendar's lock: stale holds become ``expired``."""
    for code, (stay, status, exp, kind, rid) in model.rows.items():
        if status is Status.PRE_RESERVED and exp is not None and exp <= now:
            model.rows[code] = (stay, Status.EXPIRED, exp, kind, rid)


async def run(db: Database, seeded: Seeded, ops: list[tuple[str, int, int]]) -> None:
    cabin = seeded.cabin(4).id
    model, now, order = Model(), NOW, []
    for verb, a, b in ops:
        if verb == "tick":
            now += timedelta(minutes=a)
            continue
        if verb == "sweep":
            await holds.expire_holds(db, now=now)
            for code, (stay, status, exp, kind, rid) in model.rows.items():
                if status is Status.PRE_RESERVED and exp is not None and exp <= now:
                    model.rows[code] = (stay, Status.EXPIRED, exp, kind, rid)
            continue
        if verb in ("hold", "block"):
            stay = Stay(BASE + timedelta(days=a), BASE + timedelta(days=a + b))
            free = is_available(stay, model.occupancies(), now)
            if verb == "hold":  # every hold attempt expires the calendar's stale holds first
                expire_stale(model, now)
            try:
                if verb == "hold":
                    row = await holds.place_hold(db, POLICY, holds.HoldRequest(
                        cabin, stay.check_in, stay.check_out, 2, "P"), now=now)
                else:
                    row = await blocks.create_block(db, cabin, stay.check_in, stay.check_out,
                                                    now=now)
            except Unavailable:
                assert not free, f"{verb} {stay} refused but the model says free"
                continue
            assert free, f"{verb} {stay} accepted but the model says taken"
            expire_stale(model, now)  # a block expires them too, in its own transaction
            model.rows[row.code] = (stay, Status(row.status), row.expires_at, row.kind, row.id)
            order.append(row.code)
            continue
        if not order:
            continue
        code = order[a % len(order)]
        stay, status, exp, kind, rid = model.rows[code]
        try:
            if verb == "release":
                changed = await blocks.release_block(db, rid, now=now)
            elif kind == "block":
                continue
            elif verb == "confirm":
                changed = await holds.confirm_reservation(db, code, now=now)
            else:
                changed = await holds.cancel_reservation(db, code, now=now)
        except HoldExpired:
            assert status in (Status.PRE_RESERVED, Status.EXPIRED)
            continue
        except DomainError as refusal:
            assert refusal.code in ("invalid_transition", "not_found"), refusal.code
            continue
        model.rows[code] = (stay, Status(changed.status), exp, kind, rid)

    async with db.session() as session:
        stored = (await session.scalars(
            select(Reservation).where(Reservation.accommodation_id == cabin))).all()
    assert {r.code: r.status for r in stored} == {c: v[1].value for c, v in model.rows.items()}
    active = sorted(
        (Stay(r.check_in, r.check_out) for r in stored
         if is_active(Status(r.status), r.expires_at, now)),
    )
    for first, second in itertools.pairwise(active):
        assert not first.overlaps(second)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations)
def test_no_two_active_stays_overlap(database_url: str, ops: list[tuple[str, int, int]]) -> None:
    async def scenario() -> None:
        db = Database(database_url)
        try:
            async with db.transaction() as session:  # each example starts from an empty calendar
                await session.execute(delete(ReservationEvent))
                await session.execute(delete(Reservation))
            existing = await admin.list_properties(db)
            seeded = await seed(db) if not existing else Seeded(
                existing[0], list(await admin.list_all_accommodations(db)))
            await run(db, seeded, ops)
        finally:
            await db.dispose()

    asyncio.run(scenario())
