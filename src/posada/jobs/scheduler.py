"""In-process scheduling with APScheduler (embedded mode, started by ``posada serve``)."""

from __future__ import annotations

import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from posada.config import Settings
from posada.db.engine import Database
from posada.jobs.registry import run_job


def start_scheduler(db: Database, settings: Settings) -> AsyncIOScheduler:
    """Start the jobs on the running event loop; ``expire_holds`` every N seconds.

    Each job has ``max_instances=1`` and ``coalesce=True``: a slow run is never doubled.
    """
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # one line per run is noise
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(
        run_job, "interval", args=["expire_holds", db], id="expire_holds", name="expire_holds",
        seconds=settings.expire_holds_interval_seconds, max_instances=1, coalesce=True,
    )
    scheduler.start()
    return scheduler
