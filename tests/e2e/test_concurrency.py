"""A storm of simultaneous holds for the same nights through the real HTTP server."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter

from sqlalchemy import select

from posada.db.engine import Database
from posada.db.models import Reservation
from tests.conftest import LiveServer, Seeded, hold_placed_ago, stay_dates


def payload(cabin_id: int, offset: int, nights: int, name: str) -> dict[str, object]:
    check_in, check_out = stay_dates(offset, nights)
    return {"accommodation_id": cabin_id, "check_in": check_in.isoformat(),
            "check_out": check_out.isoformat(), "guests": 2, "guest_name": name}


async def test_fifty_simultaneous_holds_exactly_one_wins(
    live_server: LiveServer, seeded: Seeded, db: Database
) -> None:
    cabin = seeded.cabin(4).id
    limits = __import__("httpx").Limits(max_connections=60)
    async with live_server.client(limits=limits) as client:
        # Slightly different stays that all share the night offset+2.
        requests = [payload(cabin, 30 + (i % 3), 3, f"Guest {i}") for i in range(50)]
        responses = await asyncio.gather(
            *(client.post("/api/v1/reservations", json=r) for r in requests))
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: 1, 409: 49}, statuses
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {
        "unavailable"}
    async with db.session() as session:
        rows = (await session.scalars(select(Reservation))).all()
    assert len(rows) == 1
    assert rows[0].code == next(r.json()["code"] for r in responses if r.status_code == 201)


async def test_storm_over_many_nights_never_overlaps(
    live_server: LiveServer, seeded: Seeded, db: Database
) -> None:
    cabin = seeded.cabin(6).id
    async with live_server.client() as client:
        requests = [payload(cabin, 30 + (i * 7) % 20, 1 + i % 4, f"G{i}") for i in range(60)]
        responses = await asyncio.gather(
            *(client.post("/api/v1/reservations", json=r) for r in requests))
    assert {r.status_code for r in responses} <= {201, 409}
    async with db.session() as session:
        rows = (await session.scalars(
            select(Reservation).where(Reservation.status == "pre_reserved")
            .order_by(Reservation.check_in))).all()
    assert len(rows) == sum(1 for r in responses if r.status_code == 201) >= 1
    for earlier, later in itertools.pairwise(rows):
        assert earlier.check_out <= later.check_in


async def test_back_to_back_and_expired_unswept_hold(
    live_server: LiveServer, seeded: Seeded, db: Database
) -> None:
    cabin = seeded.cabin(2).id
    stale = await hold_placed_ago(db, cabin, 30, 3, minutes_ago=45, name="Late")
    async with live_server.client() as client:
        same_nights = await client.post("/api/v1/reservations",
                                        json=payload(cabin, 30, 3, "Fresh"))
        assert same_nights.status_code == 201, same_nights.text
        before = await client.post("/api/v1/reservations", json=payload(cabin, 27, 3, "Before"))
        after = await client.post("/api/v1/reservations", json=payload(cabin, 33, 2, "After"))
        assert (before.status_code, after.status_code) == (201, 201)
        status = (await client.get(f"/api/v1/reservations/{stale.code}")).json()["status"]
    assert status == "expired"
