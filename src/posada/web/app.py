"""The FastAPI application factory (``uvicorn posada.web.app:create_app --factory``)."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import FixedWindowRateLimiter
from limits.storage import storage_from_string
from redis.asyncio import from_url as redis_from_url

from posada import __version__
from posada.bootstrap import (
    build_jobs,
    email_sender,
    open_database,
    payment_gateway,
    voice_listener,
    whatsapp_channel,
)
from posada.config import Settings, get_settings
from posada.jobs.ical_reader import ChannelFeeds
from posada.jobs.scheduler import Scheduler
from posada.observability import setup_logging
from posada.services.auth import Hasher
from posada.services.policy import BookingPolicy
from posada.web.errors import install_error_handlers
from posada.web.middleware import (
    BodyLimitMiddleware,
    JsonCORSMiddleware,
    ObservabilityMiddleware,
    RateLimitMiddleware,
)
from posada.web.routers import (
    admin,
    admin_feeds,
    admin_messaging,
    auth,
    ical,
    ops,
    public,
    webhook_mercadopago,
    webhooks,
)

#: The reconciliation job's period: payments whose notification was lost are found within it.
RECONCILE_SECONDS = 600.0


def rate_limit_storage(settings: Settings) -> Storage:
    """Redis-backed limits when ``POSADA_REDIS_URL`` is set (shared by all processes)."""
    if settings.redis_url:
        uri = settings.redis_url.replace("redis://", "async+redis://", 1)
        storage = storage_from_string(uri, implementation="redispy")
        assert isinstance(storage, Storage)
        return storage
    return MemoryStorage()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; the database and the scheduler start with the lifespan.

    Raises:
        pydantic.ValidationError: invalid ``POSADA_*`` settings (e.g. default secret key
            outside development).
    """
    settings = settings or get_settings()
    setup_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = open_database(settings)
        app.state.db = db
        app.state.hasher = Hasher(settings.password_hash_threads)
        app.state.redis = redis_from_url(settings.redis_url) if settings.redis_url else None
        channel = whatsapp_channel(settings)
        feed_reader = app.state.feed_reader = ChannelFeeds(
            parse_workers=settings.ical_parse_workers)
        gateway = payment_gateway(settings)
        mailer = email_sender(settings)
        voice = voice_listener(settings, channel)
        jobs = app.state.jobs = build_jobs(db, settings, sender=channel, feed_reader=feed_reader,
                                           gateway=gateway, mailer=mailer, voice=voice)
        app.state.payments = jobs.payments
        scheduler = None
        if settings.scheduler_enabled:
            scheduler = Scheduler(jobs.bodies(), {
                "expire_holds": settings.expire_holds_interval_seconds,
                "reconcile_payments": RECONCILE_SECONDS,
                "default": settings.jobs_interval_seconds})
            jobs.messaging.nudge = app.state.nudge = scheduler.nudge
            if jobs.payments is not None:
                jobs.payments.nudge = scheduler.nudge
            scheduler.start()
        gc.collect()
        gc.freeze()  # start-up objects live forever: keep them out of every collection
        try:
            yield
        finally:
            if scheduler is not None:
                await scheduler.shutdown(settings.jobs_shutdown_grace_seconds)
            if channel is not None:
                await channel.aclose()
            if gateway is not None:
                await gateway.aclose()
            if voice is not None:
                await voice.aclose()
            await feed_reader.aclose()
            await db.dispose()
            app.state.hasher.close()
            if app.state.redis is not None:
                await app.state.redis.aclose()

    app = FastAPI(
        title="Posada",
        version=__version__,
        description="Direct bookings for cabins: availability, quotes, holds, iCal.",
        lifespan=lifespan,
        redirect_slashes=False,
    )
    app.state.settings = settings
    app.state.policy = BookingPolicy.from_settings(settings)
    install_error_handlers(app)
    app.state.nudge = None
    for router in (public.router, auth.router, admin.router, admin_messaging.router,
                   admin_feeds.router,
                   ical.router, ops.router, webhooks.router, webhook_mercadopago.router):
        app.include_router(router)

    limiter = FixedWindowRateLimiter(rate_limit_storage(settings))
    app.state.limiter = limiter
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes,
                       routes={webhooks.PATH: settings.whatsapp_max_body_bytes})
    app.add_middleware(
        RateLimitMiddleware, limiter=limiter,
        rules=[("/api/", settings.rate_limit_api), ("/ical/", settings.rate_limit_api),
               ("/webhooks/", settings.rate_limit_webhooks)],
    )
    if settings.cors_origins:
        app.add_middleware(
            JsonCORSMiddleware, allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(ObservabilityMiddleware)
    return app
