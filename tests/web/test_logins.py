"""Logins never stall other requests; failed logins are limited per username and client;
admin tokens survive restarts and die with deactivation (re-activation keeps them dead)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest

from posada.db.engine import Database
from posada.services.auth import ensure_admin, set_admin, set_admin_active
from tests.conftest import LiveServer, Seeded, make_settings, run_server

#: A bystander request slower than this counts as stalled. On an idle loop they take a few
#: milliseconds; one argon2 verification on the loop costs ~300 ms.
SLOW_SECONDS = 0.25


@pytest.fixture
def storm_server(database_url: str) -> Iterator[LiveServer]:
    yield from run_server(make_settings(database_url, rate_limit_login_user="10000/minute",
                                        rate_limit_login_client="10000/minute"))


async def test_a_login_storm_does_not_stall_bystanders(
    storm_server: LiveServer, seeded: Seeded
) -> None:
    stop = asyncio.Event()

    async def attacker(client_id: int) -> int:
        tries = 0
        async with storm_server.client() as client:
            while not stop.is_set():
                response = await client.post("/api/v1/auth/token", data={
                    "username": f"owner{client_id % 3}", "password": "wrong-password"})
                assert response.status_code in (401, 503)
                tries += 1
        return tries

    attackers = [asyncio.create_task(attacker(i)) for i in range(10)]
    await asyncio.sleep(0.5)  # the hashing threads are saturated from here on
    durations = []
    async with storm_server.client() as bystander:
        for _ in range(40):
            started = time.perf_counter()
            response = await bystander.get("/api/v1/accommodations")
            durations.append(time.perf_counter() - started)
            assert response.status_code == 200
    stop.set()
    tries = sum(await asyncio.gather(*attackers))
    slow = sum(1 for d in durations if d > SLOW_SECONDS)
    assert tries >= 10  # the storm really ran
    assert slow / len(durations) <= 0.1, sorted(durations)[-5:]


@pytest.fixture
def login_server(database_url: str) -> Iterator[LiveServer]:
    yield from run_server(make_settings(database_url, rate_limit_login_user="3/minute",
                                        rate_limit_login_client="5/minute"))


async def test_login_attempts_are_limited_per_username_and_client(
    login_server: LiveServer,
) -> None:
    async with login_server.client() as client:
        async def login(username: str, password: str) -> int:
            response = await client.post("/api/v1/auth/token",
                                         data={"username": username, "password": password})
            if response.status_code == 429:
                assert int(response.headers["Retry-After"]) >= 1
                assert response.json()["error"]["code"] == "rate_limited"
            return response.status_code

        assert await login("owner", "owner-password-123") == 200
        assert [await login("owner", "bad-password") for _ in range(2)] == [401] * 2
        assert await login("owner", "owner-password-123") == 429  # per username: 3 attempts
        assert [await login("someone", "bad-password") for _ in range(2)] == [401] * 2
        assert await login("third", "bad-password") == 429  # per client: 5 attempts


async def test_simultaneous_guesses_do_not_slip_past_the_limit(
    login_server: LiveServer,
) -> None:
    async with login_server.client() as client:
        answers = await asyncio.gather(*(
            client.post("/api/v1/auth/token", data={"username": "owner",
                                                     "password": f"guess-{i:04d}"})
            for i in range(12)))
    statuses = sorted(r.status_code for r in answers)
    assert statuses.count(401) == 3, statuses  # the per-username limit, not one more
    assert statuses.count(429) == 9, statuses


async def test_tokens_survive_restarts_and_deactivation_is_final(database_url: str) -> None:
    db = Database(database_url)
    try:
        assert await ensure_admin(db, "boss", "first-password") == "created"
        settings = make_settings(database_url)
        for server in run_server(settings):
            async with server.client() as client:
                granted = await client.post("/api/v1/auth/token", data={
                    "username": "boss", "password": "first-password"})
                token = {"Authorization": f"Bearer {granted.json()['access_token']}"}
                assert (await client.get("/api/v1/admin/properties", headers=token)
                        ).status_code == 200
        # A restart with the same start-up password changes nothing: the token still works.
        assert await ensure_admin(db, "boss", "first-password") == "unchanged"
        for server in run_server(settings):
            async with server.client() as client:
                assert (await client.get("/api/v1/admin/properties", headers=token)
                        ).status_code == 200
                assert await set_admin_active(db, "boss", False)
                assert (await client.get("/api/v1/admin/properties", headers=token)
                        ).status_code == 401
                # The start-up admin does not re-activate a deactivated admin.
                assert await ensure_admin(db, "boss", "first-password") == "inactive"
                refused = await client.post("/api/v1/auth/token", data={
                    "username": "boss", "password": "first-password"})
                assert refused.status_code == 401
                assert await set_admin_active(db, "boss", True)
                assert (await client.get("/api/v1/admin/properties", headers=token)
                        ).status_code == 401  # the old token stays dead
                fresh = await client.post("/api/v1/auth/token", data={
                    "username": "boss", "password": "first-password"})
                assert fresh.status_code == 200
                # A new start-up password replaces the old one, and earlier tokens die.
                new_token = {"Authorization": f"Bearer {fresh.json()['access_token']}"}
                assert await ensure_admin(db, "boss", "second-password") == "password_changed"
                assert (await client.get("/api/v1/admin/properties", headers=new_token)
                        ).status_code == 401
        await set_admin(db, "boss", "third-password")
        assert await ensure_admin(db, "boss", "third-password") == "unchanged"
    finally:
        await db.dispose()
