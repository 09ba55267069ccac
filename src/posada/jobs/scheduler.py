"""In-process scheduling with APScheduler (embedded mode, started by ``posada serve``).

Each job runs every N seconds with ``max_instances=1`` and ``coalesce=True`` (a slow run is
never doubled); ``nudge(name)`` runs it at once when new work was stored, and a nudge that
arrives during a run makes the job run again right after it, so no stored work waits for the
next tick. ``shutdown`` lets the runs in progress finish (bounded) before the caller closes
the database, so no run is cut off holding a connection or SQLite's write lock.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.base import STATE_RUNNING

from posada.jobs.registry import JobBody, run_job


class Scheduler:
    """Runs named job bodies on intervals (seconds) and on nudges."""

    def __init__(self, bodies: dict[str, JobBody], intervals: dict[str, float]) -> None:
        logging.getLogger("apscheduler").setLevel(logging.WARNING)  # one line per run is noise
        # "skipped: maximum number of running instances reached" is this design working: a
        # tick that finds the job running is not needed (a nudge reruns it instead)
        logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
        self.bodies = bodies
        self.scheduler = AsyncIOScheduler(timezone="UTC")
        self._running: dict[str, asyncio.Task[None]] = {}  # job name → its run in progress
        self._again: set[str] = set()
        for name in bodies:
            self.scheduler.add_job(
                self._run, "interval", args=[name], id=name, name=name,
                seconds=intervals.get(name, intervals["default"]), max_instances=1,
                coalesce=True, misfire_grace_time=None)

    def start(self) -> None:
        self.scheduler.start()

    async def shutdown(self, grace_seconds: float = 10.0) -> None:
        """Stop scheduling; wait up to ``grace_seconds`` for the runs in progress, then cancel
        the rest and wait for them to unwind (their transactions roll back, their work stays
        due for the next start)."""
        self.scheduler.pause()
        if self._running and grace_seconds > 0:
            await asyncio.wait(set(self._running.values()), timeout=grace_seconds)
        late = set(self._running.values())
        self.scheduler.shutdown(wait=False)  # cancels the runs still going
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)

    def nudge(self, name: str) -> None:
        """Run job ``name`` as soon as possible (unknown names are ignored)."""
        if name not in self.bodies or not self.scheduler.running:
            return
        if name in self._running:
            self._again.add(name)
            return
        self.scheduler.modify_job(name, next_run_time=datetime.now(UTC))

    async def _run(self, name: str) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._running[name] = task
        try:
            while True:
                self._again.discard(name)
                await run_job(name, self.bodies[name])
                if name not in self._again or self.scheduler.state != STATE_RUNNING:
                    return
        finally:
            del self._running[name]
