"""Every bad input gets the right status and stable code, and the database is unchanged."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from sqlalchemy import func, select

from posada.db.engine import Database
from posada.db.models import Reservation, ReservationEvent
from tests.conftest import SECRET, LiveServer, Seeded, stay_dates


async def snapshot(db: Database) -> tuple[int, int]:
    async with db.session() as session:
        rows = await session.scalar(select(func.count()).select_from(Reservation))
        events = await session.scalar(select(func.count()).select_from(ReservationEvent))
    return int(rows or 0), int(events or 0)


# One "today" for the whole module: the cases are built at import and the requests made later,
# and a run that crosses midnight must not move one end of a stay without the other.
TODAY = datetime.now(UTC).date()


def day(offset: int) -> str:
    return stay_dates(offset, 0, TODAY)[0].isoformat()


def body(cabin_id: int, **change: object) -> dict[str, object]:
    check_in, check_out = stay_dates(30, 2, TODAY)
    payload: dict[str, object] = {
        "accommodation_id": cabin_id, "check_in": check_in.isoformat(),
        "check_out": check_out.isoformat(), "guests": 2, "guest_name": "Ana"}
    payload.update(change)
    return payload


CASES = [
    ("check-out on check-in", {"check_out": day(30)}, 422,
     "invalid_stay"),
    ("check-out before check-in", {"check_out": day(29)}, 422,
     "invalid_stay"),
    ("past dates", {"check_in": day(-5), "check_out": day(-3)}, 422, "invalid_stay"),
    ("over 60 nights", {"check_out": day(30 + 61)}, 422, "invalid_stay"),
    ("zero guests", {"guests": 0}, 422, "invalid_request"),
    ("over capacity", {"guests": 5}, 422, "over_capacity"),
    ("unknown accommodation", {"accommodation_id": 9999}, 404, "not_found"),
    ("impossible date", {"check_in": "2026-02-30"}, 422, "invalid_request"),
    ("wrong type", {"guests": "dos"}, 422, "invalid_request"),
    ("boolean guests", {"guests": True}, 422, "invalid_request"),
    ("guests as text", {"guests": "3"}, 422, "invalid_request"),
    ("number as date", {"check_in": 0}, 422, "invalid_request"),
    ("missing name", {"guest_name": ""}, 422, "invalid_request"),
    ("bad e-mail", {"guest_email": "not-an-email"}, 422, "invalid_request"),
    ("unknown channel", {"channel": "fax"}, 422, "invalid_request"),
    ("unknown field", {"price": "1"}, 422, "invalid_request"),
]


@pytest.mark.parametrize(("case", "change", "status", "code"), CASES, ids=[c[0] for c in CASES])
async def test_bad_hold_requests(
    live_server: LiveServer, seeded: Seeded, db: Database, case: str, change: dict[str, object],
    status: int, code: str,
) -> None:
    before = await snapshot(db)
    async with live_server.client() as client:
        response = await client.post("/api/v1/reservations", json=body(seeded.cabin(4).id,
                                                                      **change))
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]
    assert await snapshot(db) == before


@pytest.mark.parametrize(
    ("raw", "content_type"),
    [(b"{not json", "application/json"), (b"[1, 2]", "application/json"),
     (b"", "application/json"), (b"accommodation_id=1", "application/x-www-form-urlencoded")],
)
async def test_malformed_bodies(
    live_server: LiveServer, seeded: Seeded, db: Database, raw: bytes, content_type: str
) -> None:
    before = await snapshot(db)
    async with live_server.client() as client:
        response = await client.post("/api/v1/reservations", content=raw,
                                     headers={"Content-Type": content_type})
    assert (response.status_code, response.json()["error"]["code"]) == (422, "invalid_request")
    assert await snapshot(db) == before


async def test_two_mebibyte_body_is_refused(
    live_server: LiveServer, seeded: Seeded, db: Database
) -> None:
    before = await snapshot(db)
    padded = body(seeded.cabin(4).id, guest_name="A" * 100)
    raw = json.dumps(padded).encode() + b" " * (2 * 1024 * 1024)
    async with live_server.client() as client:
        response = await client.post("/api/v1/reservations", content=raw,
                                     headers={"Content-Type": "application/json"})
        assert (response.status_code, response.json()["error"]["code"]) == (
            413, "payload_too_large")

        async def chunks():  # type: ignore[no-untyped-def]
            for _ in range(40):
                yield b" " * 65536

        streamed = await client.post("/api/v1/reservations", content=chunks(),
                                     headers={"Content-Type": "application/json"})
        assert streamed.status_code == 413
    assert await snapshot(db) == before


def forged(secret: str = SECRET, **claims: object) -> dict[str, str]:
    now = datetime.now(UTC)
    payload = {"sub": "owner", "scope": "admin", "iat": now, "exp": now + timedelta(hours=1)}
    payload.update(claims)
    return {"Authorization": f"Bearer {jwt.encode(payload, secret, algorithm='HS256')}"}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer not-a-jwt"},
        forged(secret="another-secret-key-another-secret-key-0000"),
        forged(exp=datetime.now(UTC) - timedelta(minutes=1)),
        forged(scope="guest"),
        {"Authorization": "Basic b3duZXI6cGFzcw=="},
    ],
    ids=["missing", "garbage", "forged", "expired", "wrong-scope", "basic"],
)
async def test_admin_calls_refuse_bad_tokens(
    live_server: LiveServer, seeded: Seeded, db: Database, headers: dict[str, str]
) -> None:
    async with live_server.client() as client:
        code = (await client.post("/api/v1/reservations", json=body(seeded.cabin(4).id))).json()[
            "code"]
        before = await snapshot(db)
        for path in (f"/api/v1/reservations/{code}/confirm", f"/api/v1/reservations/{code}/cancel"):
            response = await client.post(path, headers=headers)
            assert (response.status_code, response.json()["error"]["code"]) == (
                401, "unauthorized")
        listing = await client.get("/api/v1/admin/reservations", headers=headers)
        assert listing.status_code == 401
        assert (await client.get(f"/api/v1/reservations/{code}")).json()["status"] == (
            "pre_reserved")
    assert await snapshot(db) == before


async def test_guests_cannot_claim_an_outside_channel(
    live_server: LiveServer, seeded: Seeded, db: Database
) -> None:
    before = await snapshot(db)
    async with live_server.client() as client:
        response = await client.post("/api/v1/reservations",
                                     json=body(seeded.cabin(4).id, channel="airbnb"))
    assert (response.status_code, response.json()["error"]["code"]) == (403, "forbidden")
    assert await snapshot(db) == before


async def test_bad_query_parameters(live_server: LiveServer, seeded: Seeded) -> None:
    async with live_server.client() as client:
        missing = await client.get("/api/v1/availability", params={"check_in": "2026-12-01"})
        assert (missing.status_code, missing.json()["error"]["code"]) == (422, "invalid_request")
        reversed_ = await client.get("/api/v1/availability", params={
            "check_in": stay_dates(30, 0)[0].isoformat(),
            "check_out": stay_dates(28, 0)[0].isoformat()})
        assert reversed_.json()["error"]["code"] == "invalid_stay"
        wrong_method = await client.delete("/api/v1/accommodations")
        assert wrong_method.status_code == 405
        unknown = await client.get("/api/v1/nothing-here")
        assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "not_found")
