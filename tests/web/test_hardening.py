"""Hostile and careless input found by trying to break the service: each gets a clear error
with a stable code, and nothing stored changes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from posada.db.engine import Database
from posada.db.models import AdminUser
from posada.services.auth import set_admin
from tests.conftest import (
    LiveServer,
    Seeded,
    hold_placed_ago,
    make_settings,
    run_server,
    stay_dates,
)
from tests.web.test_bad_input import body, snapshot

HUGE = 2**31


@pytest.mark.parametrize(
    "change",
    [{"guest_name": "Nul\u0000Byte"}, {"guest_name": "Two\nlines"},
     {"accommodation_id": HUGE}, {"accommodation_id": 2**64}, {"accommodation_id": -1}],
    ids=["nul", "newline", "int32-overflow", "int64-overflow", "negative"],
)
async def test_hold_with_nul_newline_or_huge_id(
    live_server: LiveServer, seeded: Seeded, db: Database, change: dict[str, object]
) -> None:
    before = await snapshot(db)
    async with live_server.client() as client:
        response = await client.post("/api/v1/reservations",
                                     json=body(seeded.cabin(4).id, **change))
        assert (response.status_code, response.json()["error"]["code"]) == (
            422, "invalid_request")
        assert (await client.get("/healthz")).status_code == 200  # connection still usable
    assert await snapshot(db) == before


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/api/v1/reservations/ABC%00"), ("GET", "/ical/co%00ihue.ics?token=abc"),
     ("GET", f"/api/v1/admin/accommodations/{HUGE}"),
     ("DELETE", f"/api/v1/admin/blocks/{2**70}"),
     ("GET", f"/api/v1/admin/reservations?accommodation_id={HUGE}"),
     ("GET", "/api/v1/admin/reservations?offset=9223372036854775808"),
     ("GET", "/api/v1/admin/reservations?from=2027-03-01&to=2027-01-01")],
)
async def test_paths_and_queries_out_of_range(
    live_server: LiveServer, seeded: Seeded, method: str, path: str
) -> None:
    async with live_server.client(headers=live_server.admin_headers()) as client:
        response = await client.request(method, path)
    assert (response.status_code, response.json()["error"]["code"]) == (422, "invalid_request")


async def test_login_with_nul_or_huge_username(live_server: LiveServer) -> None:
    async with live_server.client() as client:
        for username in ("q\u0000a", "a" * 100_000):
            response = await client.post("/api/v1/auth/token",
                                         data={"username": username, "password": "x"})
            assert (response.status_code, response.json()["error"]["code"]) == (
                422, "invalid_request")


async def test_admin_text_fields_refuse_control_characters(
    live_server: LiveServer, seeded: Seeded
) -> None:
    async with live_server.client(headers=live_server.admin_headers()) as client:
        bad = await client.post("/api/v1/admin/accommodations", json={
            "slug": "evil-ics", "name": "Line\nbreak", "capacity": 2, "base_price": "1"})
        assert bad.status_code == 422
        odd = await client.post("/api/v1/admin/accommodations", json={
            "slug": "odd", "name": "Cabaña; \"rara\", \\ con coma", "capacity": 2,
            "base_price": "1", "description": "Dos líneas\ny tab\t"})
        assert odd.status_code == 201, odd.text
        feed = await client.get(odd.json()["ical_export_url"].replace("http://testserver", ""))
        assert feed.status_code == 200
        note = await client.post("/api/v1/admin/blocks", json={
            "accommodation_id": seeded.cabin(2).id, "check_in": stay_dates(5, 1)[0].isoformat(),
            "check_out": stay_dates(5, 1)[1].isoformat(), "note": "x\u0000y"})
        assert note.status_code == 422
        epoch = await client.post("/api/v1/admin/blocks", json={
            "accommodation_id": seeded.cabin(2).id, "check_in": 0, "check_out": 86400})
        assert epoch.status_code == 422
        season = await client.put("/api/v1/admin/seasons/1", json={
            "name": "X", "start_date": "2027-12-15", "end_date": "2028-03-01",
            "multiplier": "2", "accommodation_id": 999})
        assert season.status_code == 404
        slash = await client.get("/api/v1/accommodations/")
        assert (slash.status_code, slash.json()["error"]["code"]) == (404, "not_found")


async def test_tokens_die_with_password_change_deactivation_or_unknown_user(
    live_server: LiveServer, db: Database
) -> None:
    headers = live_server.admin_headers()
    async with live_server.client(headers=headers) as client:
        assert (await client.get("/api/v1/admin/accommodations")).status_code == 200
        await set_admin(db, "owner", "a brand new password")
        assert (await client.get("/api/v1/admin/accommodations")).status_code == 401
        granted = await client.post("/api/v1/auth/token", data={
            "username": "owner", "password": "a brand new password"})
        fresh = {"Authorization": f"Bearer {granted.json()['access_token']}"}
        assert (await client.get("/api/v1/admin/accommodations", headers=fresh)).status_code == 200
        async with db.transaction() as session:
            await session.execute(update(AdminUser).values(active=False))
        refused = await client.get("/api/v1/admin/accommodations", headers=fresh)
        assert (refused.status_code, refused.json()["error"]["code"]) == (401, "unauthorized")


async def test_expired_unswept_hold_shows_as_expired(
    live_server: LiveServer, seeded: Seeded, db: Database
) -> None:
    stale = await hold_placed_ago(db, seeded.cabin(2).id, 30, 2, minutes_ago=40, name="X")
    async with live_server.client(headers=live_server.admin_headers()) as client:
        assert (await client.get(f"/api/v1/reservations/{stale.code}")).json()["status"] == (
            "expired")
        held = await client.get("/api/v1/admin/reservations", params={"status": "pre_reserved"})
        assert held.json() == []
        gone = await client.get("/api/v1/admin/reservations", params={"status": "expired"})
        assert [r["code"] for r in gone.json()] == [stale.code]
        late = await client.post(f"/api/v1/reservations/{stale.code}/confirm")
        assert late.json()["error"] == {
            "code": "hold_expired", "message": late.json()["error"]["message"],
            "details": {"status": "expired"}}


@pytest.fixture
def unmigrated_server(tmp_path: Path) -> Iterator[LiveServer]:
    from sqlalchemy import create_engine, text

    path = tmp_path / "empty.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:  # admin table only, so the fixture can add its admin
        connection.execute(text(
            "CREATE TABLE admin_users (id INTEGER PRIMARY KEY, username VARCHAR(80) UNIQUE, "
            "password_hash VARCHAR(255), active BOOLEAN, token_version INTEGER DEFAULT 0, "
            "created_at DATETIME)"))
    engine.dispose()
    yield from run_server(make_settings(f"sqlite+aiosqlite:///{path}"))


async def test_readyz_is_503_on_an_unmigrated_database(unmigrated_server: LiveServer) -> None:
    async with unmigrated_server.client() as client:
        response = await client.get("/readyz")
    assert response.status_code == 503
    assert "db upgrade" in response.json()["database"]


async def test_lengths_and_amounts_the_database_cannot_store(
    live_server: LiveServer, seeded: Seeded, db: Database
) -> None:
    check_in, check_out = stay_dates(40, 2)
    async with live_server.client(headers=live_server.admin_headers()) as client:
        long_name = await client.post("/api/v1/admin/seasons", json={
            "name": "S" * 150, "start_date": check_in.isoformat(),
            "end_date": check_out.isoformat(), "multiplier": "1.1"})
        assert long_name.status_code == 422
        too_dear = await client.post("/api/v1/admin/accommodations", json={
            "slug": "palacio", "name": "Palacio", "capacity": 2, "base_price": "9999999999.99"})
        assert too_dear.status_code == 422
        dear = await client.post("/api/v1/admin/accommodations", json={
            "slug": "palacio", "name": "Palacio", "capacity": 2, "base_price": "99999999.99"})
        assert dear.status_code == 201
        season = await client.post("/api/v1/admin/seasons", json={
            "name": "Mundial", "start_date": check_in.isoformat(),
            "end_date": check_out.isoformat(), "multiplier": "100",
            "accommodation_id": dear.json()["id"]})
        assert season.status_code == 201
        before = await snapshot(db)
        hold = await client.post("/api/v1/reservations", json={
            "accommodation_id": dear.json()["id"], "check_in": check_in.isoformat(),
            "check_out": check_out.isoformat(), "guests": 2, "guest_name": "Rey"})
        assert (hold.status_code, hold.json()["error"]["code"]) == (422, "invalid_request")
        assert await snapshot(db) == before


async def test_properties_can_be_created_by_the_owner(live_server: LiveServer) -> None:
    async with live_server.client(headers=live_server.admin_headers()) as client:
        created = await client.post("/api/v1/admin/properties", json={
            "name": "Refugio Alto", "slug": "refugio-alto", "timezone": "America/Mendoza"})
        assert created.status_code == 201, created.text
        again = await client.post("/api/v1/admin/properties", json={
            "name": "Otro", "slug": "refugio-alto"})
        assert (again.status_code, again.json()["error"]["code"]) == (409, "conflict")
        bad_zone = await client.post("/api/v1/admin/properties", json={
            "name": "X", "slug": "x", "timezone": "localtime"})
        assert bad_zone.status_code == 422
        cabin = await client.post("/api/v1/admin/accommodations", json={
            "slug": "alto-1", "name": "Alto 1", "capacity": 2, "base_price": "1000",
            "property_id": created.json()["id"]})
        assert cabin.status_code == 201


async def test_cancelling_an_expired_unswept_hold_is_refused(
    live_server: LiveServer, seeded: Seeded, db: Database
) -> None:
    stale = await hold_placed_ago(db, seeded.cabin(2).id, 30, 2, minutes_ago=40, name="X")
    async with live_server.client(headers=live_server.admin_headers()) as client:
        late = await client.post(f"/api/v1/reservations/{stale.code}/cancel")
    assert (late.status_code, late.json()["error"]["code"]) == (409, "invalid_transition")


async def test_a_token_with_a_nul_subject_is_refused(live_server: LiveServer) -> None:
    from datetime import UTC, datetime, timedelta

    import jwt

    now = datetime.now(UTC)
    token = jwt.encode({"sub": "own\u0000er", "scope": "admin", "ver": "x", "iat": now,
                        "exp": now + timedelta(hours=1)}, live_server.settings.secret_key
                       .get_secret_value(), algorithm="HS256")
    async with live_server.client(headers={"Authorization": f"Bearer {token}"}) as client:
        response = await client.get("/api/v1/admin/accommodations")
    assert (response.status_code, response.json()["error"]["code"]) == (401, "unauthorized")


async def test_api_stays_up_when_the_rate_limit_storage_is_down(
    database_url: str, db: Database
) -> None:
    def failures(metrics: str) -> float:
        found = re.search(r"^rate_limit_storage_errors_total ([0-9.]+)$", metrics, re.M)
        return float(found.group(1)) if found else 0.0

    for server in run_server(make_settings(database_url, redis_url="redis://127.0.0.1:1/0")):
        async with server.client() as client:
            before = failures((await client.get("/metrics")).text)
            listed = await client.get("/api/v1/accommodations")
            after = failures((await client.get("/metrics")).text)
        assert listed.status_code == 200
        assert after == before + 1
