"""Operations: liveness, readiness, Prometheus metrics."""

from __future__ import annotations

import asyncio
import hmac
from ipaddress import ip_address, ip_network

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from posada import __version__
from posada.config import Settings
from posada.db.migrate import head_revision
from posada.domain.errors import DomainError
from posada.services import feeds
from posada.web.deps import bearer_token
from posada.web.schemas import ErrorResponse, HealthOut, ReadyOut

router = APIRouter(tags=["ops"])
CHECK_TIMEOUT_SECONDS = 2.0


@router.get("/healthz", response_model=HealthOut)
async def healthz() -> HealthOut:
    return HealthOut(status="ok")


async def _check_database(request: Request) -> str:
    """``ok`` when the database answers and its schema is at the code's head revision."""
    try:
        async with request.app.state.db.session() as session:
            found = await asyncio.wait_for(
                session.scalar(text("SELECT version_num FROM alembic_version")),
                CHECK_TIMEOUT_SECONDS,
            )
    except Exception as exc:  # readiness reports any failure
        return f"error: {type(exc).__name__} (run `posada db upgrade`?)"
    expected = head_revision()
    if found != expected:
        return f"error: schema at {found}, expected {expected} (run `posada db upgrade`)"
    return "ok"


async def _check_redis(request: Request) -> str:
    client = request.app.state.redis
    if client is None:
        return "disabled"
    try:
        await asyncio.wait_for(client.ping(), CHECK_TIMEOUT_SECONDS)
        return "ok"
    except Exception as exc:
        return f"error: {type(exc).__name__}"


@router.get("/readyz", response_model=ReadyOut, responses={503: {"model": ReadyOut}})
async def readyz(request: Request) -> JSONResponse:
    """200 when every check passes; 503 otherwise. ``disabled`` checks count as passing."""
    database, redis = await asyncio.gather(_check_database(request), _check_redis(request))
    ical_sync = await _check_feeds(request) if database == "ok" else "unknown"
    ready = all(v in ("ok", "disabled") for v in (database, redis))
    body = ReadyOut(
        status="ready" if ready else "not_ready", database=database, redis=redis,
        ical_sync=ical_sync, version=__version__,
    )
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)


async def _check_feeds(request: Request) -> str:
    """``ok``, ``stale`` (an enabled feed without a success for 20 minutes: still ready,
    but visible) or ``disabled`` (no enabled feed)."""
    try:
        return await feeds.sync_health(request.app.state.db)
    except Exception:  # the database check reports the database
        return "unknown"


def metrics_allowed(request: Request, settings: Settings) -> bool:
    """From an address in ``POSADA_METRICS_ALLOW`` (default loopback), or with
    ``Authorization: Bearer <POSADA_METRICS_TOKEN>`` (compared in constant time)."""
    token = settings.metrics_token
    if token is not None:
        given = bearer_token(request)
        if given is not None and hmac.compare_digest(
                given.encode(), token.get_secret_value().encode()):
            return True
    if request.client is None:
        return False
    try:
        address = ip_address(request.client.host)
    except ValueError:
        return False
    return any(address in ip_network(n, strict=False) for n in settings.metrics_allow)


class MetricsForbidden(DomainError):
    code = "forbidden"


@router.get("/metrics", response_class=Response,
            responses={200: {"content": {"text/plain": {}}}, 403: {"model": ErrorResponse}})
async def metrics(request: Request) -> Response:
    """Prometheus text, for allowed addresses or the metrics token only (403 otherwise)."""
    if not metrics_allowed(request, request.app.state.settings):
        raise MetricsForbidden("Metrics are only served to POSADA_METRICS_ALLOW addresses or "
                               "with the POSADA_METRICS_TOKEN bearer token.")
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
