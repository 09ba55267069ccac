"""The smaller promises of the HTTP contract, each through the real server."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from posada.db.engine import Database
from posada.domain.pricing import PricingRules, quote_stay
from posada.services import catalog
from posada.services.policy import BookingPolicy
from posada.web.schemas import QuoteOut
from tests.conftest import NOW, LiveServer, Seeded, make_settings, run_server, stay_dates

ORIGIN = "https://cabanas.example"


@pytest.fixture
def cors_server(database_url: str) -> Iterator[LiveServer]:
    yield from run_server(make_settings(database_url, cors_origins=ORIGIN,
                                        metrics_allow="10.0.0.0/8",
                                        metrics_token="a-metrics-token-long-enough"))


async def test_cors_preflights_for_every_method_the_api_has(cors_server: LiveServer) -> None:
    async with cors_server.client() as client:
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            preflight = await client.options("/api/v1/admin/seasons/1", headers={
                "Origin": ORIGIN, "Access-Control-Request-Method": method,
                "Access-Control-Request-Headers": "authorization, content-type"})
            assert preflight.status_code == 200, (method, preflight.text)
            assert method in preflight.headers["access-control-allow-methods"]
        refused = await client.options("/api/v1/reservations", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "cors_refused"


async def test_405_lists_every_allowed_method(live_server: LiveServer) -> None:
    async with live_server.client(headers=live_server.admin_headers()) as client:
        season = await client.post("/api/v1/admin/seasons/1")
        accommodations = await client.put("/api/v1/admin/accommodations")
    assert season.status_code == 405
    assert season.headers["allow"] == "DELETE, PUT"
    assert accommodations.headers["allow"] == "GET, POST"
    assert season.json()["error"]["code"] == "method_not_allowed"
    async with live_server.client() as client:
        docs = await client.patch("/openapi.json")
        head = await client.head("/api/v1/accommodations")
    assert docs.status_code == 405 and docs.headers["allow"] == "GET, HEAD"
    assert head.status_code == 405 and head.headers["allow"] == "GET"  # HEAD is not served


async def test_openapi_bounds_are_standard_json_schema(live_server: LiveServer) -> None:
    async with live_server.client() as client:
        document = (await client.get("/openapi.json")).json()
    text = json.dumps(document)
    assert '"ge":' not in text and '"le":' not in text
    hold = document["paths"]["/api/v1/reservations"]["post"]["requestBody"]["content"][
        "application/json"]["schema"]
    assert hold["properties"]["guests"] | {"minimum": 1, "maximum": 100} == hold[
        "properties"]["guests"]
    capacity = document["components"]["schemas"]["AccommodationIn"]["properties"]["capacity"]
    assert (capacity["minimum"], capacity["maximum"]) == (1, 100)


async def test_query_dates_are_iso_only(live_server: LiveServer, seeded: Seeded) -> None:
    check_in, check_out = stay_dates(30, 2)
    async with live_server.client(headers=live_server.admin_headers()) as client:
        timestamp = await client.get(f"/api/v1/availability?check_in=0&check_out={check_out}")
        iso = await client.get(f"/api/v1/availability?check_in={check_in}&check_out={check_out}")
        admin = await client.get("/api/v1/admin/reservations?to=0")
    assert timestamp.status_code == 422 and timestamp.json()["error"]["code"] == (
        "invalid_request")
    assert iso.status_code == 200
    assert admin.status_code == 422


async def test_owner_answers_are_not_cached(live_server: LiveServer, seeded: Seeded) -> None:
    async with live_server.client() as client:
        admin = await client.get("/api/v1/admin/reservations",
                                 headers=live_server.admin_headers())
        login = await client.post("/api/v1/auth/token",
                                  data={"username": "owner", "password": "owner-password-123"})
        public = await client.get("/api/v1/accommodations")
    assert admin.headers["cache-control"] == "no-store"
    assert login.status_code == 200 and login.headers["cache-control"] == "no-store"
    assert "cache-control" not in public.headers


async def test_metrics_only_for_allowed_addresses_or_the_token(cors_server: LiveServer) -> None:
    async with cors_server.client() as client:
        loopback = await client.get("/metrics")  # 127.0.0.1 is not in 10.0.0.0/8 here
        wrong = await client.get("/metrics", headers={"Authorization": "Bearer nope"})
        lower = await client.get("/metrics", headers={
            "Authorization": "bearer a-metrics-token-long-enough"})
        token = await client.get("/metrics", headers={
            "Authorization": "Bearer a-metrics-token-long-enough"})
    assert (loopback.status_code, wrong.status_code, token.status_code) == (403, 403, 200)
    assert "http_requests_total" in token.text
    assert lower.status_code == 200  # the scheme is case-insensitive (RFC 9110 §11.1)


async def test_the_percent_shown_is_the_percent_charged(db: Database, seeded: Seeded) -> None:
    policy = BookingPolicy(deposit_percent=Decimal("33.333"))
    check_in, check_out = date(2026, 12, 10), date(2026, 12, 13)
    priced, _ = await catalog.quote(db, policy, seeded.cabin(4).id, check_in, check_out, 2,
                                    now=NOW)
    shown = QuoteOut.build(seeded.cabin(4).id, priced).model_dump(mode="json")
    assert shown["deposit_percent"] == "33.333"
    expected = (priced.total * Decimal(shown["deposit_percent"]) / 100).quantize(Decimal("0.01"))
    assert Decimal(shown["deposit"]) == expected
    plain = quote_stay(priced.stay, 2, PricingRules(base_price=Decimal("100"), capacity=4))
    assert QuoteOut.build(1, plain).model_dump(mode="json")["deposit_percent"] == "30.00"


def test_the_frozen_quote_shows_the_percent_as_the_api() -> None:
    from posada.domain.pricing import quote_to_dict
    from posada.domain.stay import Stay

    plain = quote_stay(Stay(date(2027, 3, 1), date(2027, 3, 3)), 2,
                       PricingRules(base_price=Decimal("100"), capacity=4))
    frozen = quote_to_dict(plain)["deposit_percent"]
    assert frozen == QuoteOut.build(1, plain).model_dump(mode="json")["deposit_percent"] == "30.00"


def test_holiday_names_do_not_follow_the_server_language() -> None:
    program = ("from datetime import date; from posada.domain.pricing import argentine_holiday;"
               "print(argentine_holiday(date(2027, 1, 1)))")
    names = {
        subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                       check=True, env={"LANG": lang, "LC_ALL": lang, "LANGUAGE": lang[:2]},
                       ).stdout.strip()
        for lang in ("en_US.UTF-8", "es_AR.UTF-8", "C")
    }
    assert names == {"Año Nuevo"}
