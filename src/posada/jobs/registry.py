"""The named jobs: thin, idempotent wrappers around services, each run logged and counted."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from posada.db.engine import Database
from posada.observability import JOB_RUNS
from posada.services.holds import expire_holds

log = logging.getLogger("posada.jobs")

JobBody = Callable[[Database], Awaitable[int]]


async def expire_holds_job(db: Database) -> int:
    """Mark holds past ``expires_at`` as ``expired``; returns how many."""
    return await expire_holds(db)


#: job name → body
JOBS: dict[str, JobBody] = {"expire_holds": expire_holds_job}


async def run_job(name: str, db: Database) -> int | None:
    """Run job ``name`` once; failures are logged and counted, never raised to the scheduler."""
    try:
        result = await JOBS[name](db)
    except Exception:
        JOB_RUNS.labels(job=name, outcome="error").inc()
        log.exception("job %s failed", name)
        return None
    JOB_RUNS.labels(job=name, outcome="ok").inc()
    if result:
        log.info("job %s: %s", name, result)
    return result
