"""Health, readiness, metrics, rate limits, security headers and CORS through real servers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import REDIS_URL, LiveServer, Seeded, make_settings, run_server


@pytest.fixture
def limited_server(database_url: str) -> Iterator[LiveServer]:
    yield from run_server(make_settings(database_url, rate_limit_api="3/minute",
                                        cors_origins="https://cabanas.example"))


async def test_health_ready_and_metrics(live_server: LiveServer, seeded: Seeded) -> None:
    async with live_server.client() as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        ready = await client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["status"] == "ready"
        assert (ready.json()["database"], ready.json()["redis"]) == ("ok", "disabled")
        await client.get("/api/v1/accommodations")
        metrics = (await client.get("/metrics")).text
    assert 'http_requests_total{method="GET",route="/api/v1/accommodations",status="200"}' in (
        metrics)
    assert "http_request_duration_seconds_bucket" in metrics
    assert "rate_limit_exceeded_total" in metrics
    assert "reservations_total" in metrics


async def test_readyz_is_503_when_a_check_fails(database_url: str) -> None:
    closed_port = "redis://127.0.0.1:1/0"
    for server in run_server(make_settings(database_url, redis_url=closed_port)):
        async with server.client() as client:
            response = await client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["status"] == "not_ready"
        assert response.json()["redis"].startswith("error")


async def test_rate_limit_answers_429_with_retry_after(
    limited_server: LiveServer, seeded: Seeded
) -> None:
    async with limited_server.client() as client:
        statuses = [(await client.get("/api/v1/accommodations")).status_code for _ in range(5)]
        assert statuses[:3] == [200, 200, 200]
        refused = await client.get("/api/v1/accommodations")
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "rate_limited"
        assert int(refused.headers["Retry-After"]) >= 1
        assert (await client.get("/healthz")).status_code == 200  # ops paths are not limited
        metrics = (await client.get("/metrics")).text
    assert 'rate_limit_exceeded_total{scope="api"}' in metrics


async def test_security_headers_and_cors(limited_server: LiveServer) -> None:
    async with limited_server.client() as client:
        response = await client.get("/healthz", headers={"Origin": "https://cabanas.example"})
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert "strict-transport-security" not in response.headers  # plain HTTP here
        assert response.headers["access-control-allow-origin"] == "https://cabanas.example"
        https = await client.get("/healthz", headers={"X-Forwarded-Proto": "https"})
        assert "max-age" in https.headers.get("strict-transport-security", "")
        other = await client.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


@pytest.mark.skipif(not REDIS_URL, reason="POSADA_TEST_REDIS_URL not set")
async def test_rate_limits_are_shared_through_redis(database_url: str) -> None:
    import redis.asyncio as redis

    assert REDIS_URL
    client = redis.from_url(REDIS_URL)
    await client.flushdb()
    await client.aclose()
    settings = make_settings(database_url, redis_url=REDIS_URL, rate_limit_api="4/minute")
    first, second = run_server(settings), run_server(settings)
    a, b = next(first), next(second)
    try:
        statuses = []
        for server in (a, b, a, b, a, b):
            async with server.client() as http:
                statuses.append((await http.get("/api/v1/accommodations")).status_code)
        assert statuses == [200, 200, 200, 200, 429, 429]
        async with a.client() as http:
            ready = (await http.get("/readyz")).json()
        assert ready["redis"] == "ok"
    finally:
        for generator in (first, second):
            generator.close()
