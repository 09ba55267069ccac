"""Rounds of simultaneous holds, blocks, confirmations and cancellations on one cabin, through
two real server processes: every hold or block gets 201 or 409 ``unavailable`` (never 503 or
500), none is refused while all its nights stayed free, and no night is sold twice."""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from posada.db.engine import Database
from posada.db.models import Reservation, ReservationEvent
from posada.domain.reservation import OCCUPYING
from tests.conftest import Seeded, owner_token
from tests.e2e.processes import serve_processes

ROUNDS, PER_ROUND = 20, 50
OCCUPYING_VALUES = {s.value for s in OCCUPYING}


@pytest.fixture
def servers(database_url: str, tmp_path: Path) -> Iterator[list[str]]:
    yield from serve_processes(database_url, 2, tmp_path)


@dataclass
class Attempt:
    kind: str  # hold | block | confirm | cancel
    check_in: date | None
    check_out: date | None
    sent: datetime
    answered: datetime
    status: int
    code: str | None


async def attempt(client: httpx.AsyncClient, url: str, kind: str, payload: dict[str, object],
                  headers: dict[str, str]) -> Attempt:
    sent = datetime.now(UTC)
    if kind == "hold":
        response = await client.post(f"{url}/api/v1/reservations", json=payload)
    elif kind == "block":
        response = await client.post(f"{url}/api/v1/admin/blocks", json=payload, headers=headers)
    else:
        response = await client.post(f"{url}/api/v1/reservations/{payload['code']}/{kind}",
                                     headers=headers)
    answered = datetime.now(UTC)
    body = response.json()
    code = body.get("code") if response.status_code in (200, 201) else (
        body["error"]["code"])
    check_in = payload.get("check_in")
    check_out = payload.get("check_out")
    return Attempt(kind, date.fromisoformat(str(check_in)) if check_in else None,
                   date.fromisoformat(str(check_out)) if check_out else None,
                   sent, answered, response.status_code, code)


async def test_rounds_of_racing_writers(
    servers: list[str], seeded: Seeded, db: Database, database_url: str
) -> None:
    rng = random.Random(20261201)
    cabin = seeded.cabin(4).id
    headers = {"Authorization": f"Bearer {await owner_token(database_url)}"}
    attempts: list[Attempt] = []
    held: list[str] = []
    # A new connection for every request: a round on SQLite can outlast the server's 5 s
    # keep-alive, and a connection it closes just as the next round reuses it fails that
    # POST with "Server disconnected" (seen once in a full run; not the engine's doing).
    limits = httpx.Limits(max_connections=PER_ROUND + 10, max_keepalive_connections=0)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        for round_no in range(ROUNDS):
            week = datetime.now(UTC).date() + timedelta(days=30 + 7 * round_no)
            jobs = []
            for i in range(PER_ROUND):
                url = servers[i % 2]
                check_in = week + timedelta(days=rng.randrange(7))
                stay = {"accommodation_id": cabin, "check_in": check_in.isoformat(),
                        "check_out": (check_in + timedelta(days=rng.randint(1, 3))).isoformat()}
                roll = rng.random()
                if roll < 0.1:
                    jobs.append(attempt(client, url, "block", stay, headers))
                elif roll < 0.25 and held:
                    verb = "confirm" if rng.random() < 0.5 else "cancel"
                    jobs.append(attempt(client, url, verb, {"code": rng.choice(held)}, headers))
                else:
                    jobs.append(attempt(client, url, "hold",
                                        {**stay, "guests": 2, "guest_name": f"G{i}"}, headers))
            done = await asyncio.gather(*jobs)
            attempts += done
            held += [a.code for a in done if a.kind == "hold" and a.status == 201 and a.code]

    writes = [a for a in attempts if a.kind in ("hold", "block")]
    assert {(a.status, a.code if a.status != 201 else "created") for a in writes} <= {
        (201, "created"), (409, "unavailable")}, {a.status for a in writes}
    verbs = [a for a in attempts if a.kind in ("confirm", "cancel")]
    assert {a.status for a in verbs} <= {200, 409}
    assert sum(a.status == 201 for a in writes) >= ROUNDS  # every round placed something

    async with db.session() as session:
        rows = (await session.scalars(
            select(Reservation).where(Reservation.accommodation_id == cabin))).all()
        events = (await session.execute(
            select(ReservationEvent.reservation_id, ReservationEvent.to_status,
                   ReservationEvent.at))).all()
    freed: dict[int, datetime] = {}
    for reservation_id, to_status, at in events:
        if to_status not in OCCUPYING_VALUES:
            freed[reservation_id] = min(at, freed.get(reservation_id, at))

    for refused in (a for a in writes if a.status == 409):
        assert refused.check_in and refused.check_out
        justified = [
            r for r in rows
            if r.check_in < refused.check_out and refused.check_in < r.check_out
            and r.created_at <= refused.answered
            and (r.id not in freed or freed[r.id] >= refused.sent)
        ]
        assert justified, f"{refused.kind} {refused.check_in}..{refused.check_out} refused " \
                          "while its nights were free"

    active = sorted((r for r in rows if r.status in OCCUPYING_VALUES),
                    key=lambda r: r.check_in)
    for first, second in itertools.pairwise(active):
        assert first.check_out <= second.check_in, (first.code, second.code)
