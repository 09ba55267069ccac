"""What a guest reads through the real server: the fair-hold caps and every error in Spanish;
the owner's answers stay in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import LiveServer, Seeded, make_settings, run_server, stay_dates

ENGLISH = ("the ", "must", "request", "too many", "slow down", "field required")


def spanish(text: str) -> bool:
    lowered = text.lower()
    return not any(word in lowered for word in ENGLISH)


def hold(cabin: int, offset: int, nights: int = 2, **extra: object) -> dict[str, object]:
    check_in, check_out = stay_dates(offset, nights)
    return {"accommodation_id": cabin, "check_in": check_in.isoformat(),
            "check_out": check_out.isoformat(), "guests": 2, "guest_name": "Ana", **extra}


@pytest.fixture
def capped_server(database_url: str) -> Iterator[LiveServer]:
    """Default caps (2 per contact, 5 per client, 14 anonymous nights), small body limit."""
    yield from run_server(make_settings(
        database_url, max_holds_per_contact=2, max_holds_per_client=5, max_body_bytes=2048))


async def test_caps_answer_409_too_many_holds_in_spanish(
    capped_server: LiveServer, seeded: Seeded
) -> None:
    cabin = seeded.cabin(6).id
    async with capped_server.client() as client:
        statuses = [(await client.post("/api/v1/reservations", json=hold(cabin, 30 + 3 * i)))
                    .status_code for i in range(5)]
        assert statuses == [201] * 5
        refused = await client.post("/api/v1/reservations", json=hold(cabin, 60))
        assert refused.status_code == 409
        error = refused.json()["error"]
        assert error["code"] == "too_many_holds" and spanish(error["message"])
        assert 1700 <= int(refused.headers["Retry-After"]) <= 1800
        owner = await client.post("/api/v1/reservations", json=hold(cabin, 60),
                                  headers=capped_server.admin_headers())
        assert owner.status_code == 201
        long = await client.post("/api/v1/reservations", json=hold(seeded.cabin(2).id, 90, 20),
                                 headers=capped_server.admin_headers())
        assert long.status_code == 201


async def test_a_long_anonymous_hold_needs_a_contact(
    capped_server: LiveServer, seeded: Seeded
) -> None:
    async with capped_server.client() as client:
        refused = await client.post("/api/v1/reservations", json=hold(seeded.cabin(2).id, 30, 15))
        assert refused.status_code == 422
        assert refused.json()["error"]["code"] == "contact_required"
        taken = await client.post("/api/v1/reservations", json=hold(
            seeded.cabin(2).id, 30, 15, guest_email="ana@example.com"))
        assert taken.status_code == 201


async def test_guest_errors_are_spanish_and_the_owners_english(
    capped_server: LiveServer, seeded: Seeded
) -> None:
    cabin = seeded.cabin(4).id
    async with capped_server.client() as client:
        invalid = await client.post("/api/v1/reservations", json=hold(cabin, 30, guests=0,
                                                                      guest_name=""))
        message = invalid.json()["error"]["message"]
        assert invalid.status_code == 422 and spanish(message), message
        assert "guests: tiene que ser al menos 1" in message
        missing = await client.post("/api/v1/quotes", json={"accommodation_id": cabin})
        assert "falta este dato" in missing.json()["error"]["message"]
        bad_json = await client.post("/api/v1/reservations", content=b"{nope",
                                     headers={"content-type": "application/json"})
        assert bad_json.status_code == 422 and spanish(bad_json.json()["error"]["message"])
        huge = await client.post("/api/v1/reservations", content=b"x" * 4096)
        assert huge.status_code == 413 and spanish(huge.json()["error"]["message"])
        nowhere = await client.get("/api/v1/nowhere")
        assert nowhere.status_code == 404 and spanish(nowhere.json()["error"]["message"])
        wrong_method = await client.delete("/api/v1/accommodations")
        assert wrong_method.status_code == 405
        assert spanish(wrong_method.json()["error"]["message"])
        fax = await client.post("/api/v1/reservations", json=hold(cabin, 30, channel="fax"))
        assert fax.status_code == 422 and " or " not in fax.json()["error"]["message"]
        assert "'vrbo' o 'ical'" in fax.json()["error"]["message"]
        bare = await client.get("/api")
        assert bare.status_code == 404 and spanish(bare.json()["error"]["message"])
        channel = await client.post("/api/v1/reservations", json=hold(cabin, 30,
                                                                      channel="airbnb"))
        assert channel.status_code == 403 and spanish(channel.json()["error"]["message"])
        owner = await client.post("/api/v1/admin/seasons", json={"name": ""},
                                  headers=capped_server.admin_headers())
        assert owner.status_code == 422 and "Field required" in owner.json()["error"]["message"]
        owner_big = await client.post("/api/v1/admin/seasons", content=b"x" * 4096,
                                      headers=capped_server.admin_headers())
        assert owner_big.json()["error"]["message"] == "Request body too large."


@pytest.fixture
def tight_server(database_url: str) -> Iterator[LiveServer]:
    yield from run_server(make_settings(database_url, rate_limit_api="2/minute"))


async def test_429_is_spanish_for_guests(tight_server: LiveServer, seeded: Seeded) -> None:
    async with tight_server.client() as client:
        for _ in range(2):
            await client.get("/api/v1/accommodations")
        limited = await client.get("/api/v1/accommodations")
        owner = await client.get("/api/v1/admin/accommodations",
                                 headers=tight_server.admin_headers())
    assert limited.status_code == 429 and spanish(limited.json()["error"]["message"])
    assert owner.status_code == 429 and owner.json()["error"]["message"] == (
        "Too many requests; slow down.")
