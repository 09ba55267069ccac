"""The public and admin HTTP contract through a real uvicorn server."""

from __future__ import annotations

from posada.db.engine import Database
from tests.conftest import LiveServer, Seeded, stay_dates


async def hold(client, cabin_id: int, offset: int = 40, nights: int = 3, **extra: object):  # type: ignore[no-untyped-def]
    check_in, check_out = stay_dates(offset, nights)
    body = {"accommodation_id": cabin_id, "check_in": check_in.isoformat(),
            "check_out": check_out.isoformat(), "guests": 2, "guest_name": "Ana Pérez",
            "guest_phone": "+54 9 294 412-3456", "guest_email": "ana@example.com", **extra}
    return await client.post("/api/v1/reservations", json=body)


async def test_accommodations_availability_and_quote(
    live_server: LiveServer, seeded: Seeded
) -> None:
    check_in, check_out = stay_dates(40, 2)
    async with live_server.client() as client:
        listed = (await client.get("/api/v1/accommodations")).json()
        assert [(a["slug"], a["capacity"], a["base_price"], a["currency"]) for a in listed] == [
            ("cabin-2", 2, "50000.00", "ARS"), ("cabin-4", 4, "80000.00", "ARS"),
            ("cabin-6", 6, "100000.00", "ARS"),
        ]
        response = await client.get("/api/v1/availability", params={
            "check_in": check_in.isoformat(), "check_out": check_out.isoformat(), "guests": 3})
        assert response.status_code == 200
        results = {r["accommodation"]["slug"]: r for r in response.json()["results"]}
        assert results["cabin-2"]["available"] is False
        assert results["cabin-2"]["reason"] == "over_capacity"
        assert results["cabin-4"]["quote"]["total"] == "170000.00"
        assert [ln["price"] for ln in results["cabin-6"]["quote"]["lines"]] == ["100000.00"] * 2
        quote = await client.post("/api/v1/quotes", json={
            "accommodation_id": seeded.cabin(4).id, "check_in": check_in.isoformat(),
            "check_out": check_out.isoformat(), "guests": 4})
        assert quote.status_code == 200
        assert (quote.json()["deposit"], quote.json()["available"]) == ("51000.00", True)


async def test_hold_then_public_view_hides_personal_data(
    live_server: LiveServer, seeded: Seeded
) -> None:
    async with live_server.client() as client:
        created = await hold(client, seeded.cabin(4).id)
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["status"] == "pre_reserved"
        assert (body["total"], body["deposit"], body["currency"]) == (
            "250000.00", "75000.00", "ARS")
        assert body["expires_at"].endswith("Z") or "+00:00" in body["expires_at"]
        public = await client.get(f"/api/v1/reservations/{body['code']}")
        assert public.status_code == 200
        text = public.text
        for secret in ("Ana", "412-3456", "ana@example.com", "guest_"):
            assert secret not in text
        assert public.json()["nights"] == 3
        again = await hold(client, seeded.cabin(4).id, offset=41)
        assert again.status_code == 409
        assert again.json()["error"]["code"] == "unavailable"
        missing = await client.get("/api/v1/reservations/ZZZZZZZZZZ")
        assert (missing.status_code, missing.json()["error"]["code"]) == (404, "not_found")


async def test_confirm_and_cancel_need_an_admin(
    live_server: LiveServer, seeded: Seeded, db: Database
) -> None:
    async with live_server.client() as client:
        code = (await hold(client, seeded.cabin(2).id)).json()["code"]
        anonymous = await client.post(f"/api/v1/reservations/{code}/confirm")
        assert (anonymous.status_code, anonymous.json()["error"]["code"]) == (401, "unauthorized")
        headers = live_server.admin_headers()
        confirmed = await client.post(f"/api/v1/reservations/{code}/confirm", headers=headers)
        assert (confirmed.status_code, confirmed.json()["status"]) == (200, "confirmed")
        twice = await client.post(f"/api/v1/reservations/{code}/confirm", headers=headers)
        assert (twice.status_code, twice.json()["error"]["code"]) == (409, "invalid_transition")
        cancelled = await client.post(f"/api/v1/reservations/{code}/cancel", headers=headers)
        assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
        assert (await hold(client, seeded.cabin(2).id)).status_code == 201
        listing = await client.get("/api/v1/admin/reservations", headers=headers,
                                   params={"status": "cancelled"})
        assert [r["code"] for r in listing.json()] == [code]
        assert listing.json()[0]["guest_email"] == "ana@example.com"


async def test_admin_crud_accommodations_seasons_blocks(
    live_server: LiveServer, seeded: Seeded
) -> None:
    headers = live_server.admin_headers()
    check_in, check_out = stay_dates(50, 3)
    async with live_server.client(headers=headers) as client:
        created = await client.post("/api/v1/admin/accommodations", json={
            "slug": "domo", "name": "Domo geodésico", "capacity": 3, "base_price": "70000.00",
            "cleaning_fee": "5000"})
        assert created.status_code == 201, created.text
        domo = created.json()
        assert domo["ical_export_url"].startswith("http://testserver/ical/domo.ics?token=")
        dup = await client.post("/api/v1/admin/accommodations", json={
            "slug": "domo", "name": "Otro", "capacity": 2, "base_price": "1"})
        assert (dup.status_code, dup.json()["error"]["code"]) == (409, "conflict")
        patched = await client.patch(f"/api/v1/admin/accommodations/{domo['id']}",
                                     json={"base_price": "75000", "rotate_ical_token": True})
        assert patched.json()["base_price"] == "75000.00"
        assert patched.json()["ical_export_url"] != domo["ical_export_url"]
        season = await client.post("/api/v1/admin/seasons", json={
            "name": "Alta", "start_date": check_in.isoformat(),
            "end_date": check_out.isoformat(), "multiplier": "2", "accommodation_id": domo["id"]})
        assert season.status_code == 201, season.text
        both = await client.post("/api/v1/admin/seasons", json={
            "name": "X", "start_date": check_in.isoformat(), "end_date": check_out.isoformat()})
        assert both.status_code == 422
        quote = await client.post("/api/v1/quotes", json={
            "accommodation_id": domo["id"], "check_in": check_in.isoformat(),
            "check_out": check_out.isoformat(), "guests": 2})
        assert quote.json()["nights_total"] == "450000.00"
        block = await client.post("/api/v1/admin/blocks", json={
            "accommodation_id": domo["id"], "check_in": check_in.isoformat(),
            "check_out": check_out.isoformat(), "note": "mantenimiento"})
        assert block.status_code == 201
        taken = await hold(client, domo["id"], offset=51, nights=1)
        assert taken.json()["error"]["code"] == "unavailable"
        released = await client.delete(f"/api/v1/admin/blocks/{block.json()['id']}")
        assert released.json()["status"] == "released"
        assert (await hold(client, domo["id"], offset=51, nights=1)).status_code == 201
        removed = await client.delete(f"/api/v1/admin/seasons/{season.json()['id']}")
        assert removed.status_code == 204
        gone = await client.delete(f"/api/v1/admin/accommodations/{domo['id']}")
        assert gone.json()["active"] is False
        public = (await client.get("/api/v1/accommodations")).json()
        assert "domo" not in [a["slug"] for a in public]


async def test_openapi_describes_the_whole_contract(live_server: LiveServer) -> None:
    async with live_server.client() as client:
        paths = (await client.get("/openapi.json")).json()["paths"]
    for path in ("/api/v1/accommodations", "/api/v1/availability", "/api/v1/quotes",
                 "/api/v1/reservations", "/api/v1/reservations/{code}",
                 "/api/v1/reservations/{code}/confirm", "/api/v1/reservations/{code}/cancel",
                 "/api/v1/auth/token", "/ical/{slug}.ics", "/healthz", "/readyz", "/metrics",
                 "/api/v1/admin/accommodations", "/api/v1/admin/seasons",
                 "/api/v1/admin/blocks", "/api/v1/admin/reservations"):
        assert path in paths, path
