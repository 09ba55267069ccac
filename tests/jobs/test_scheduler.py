"""Scheduler shutdown: runs in progress finish (bounded) and never outlive ``shutdown``."""

from __future__ import annotations

import asyncio

from posada.jobs.scheduler import Scheduler


async def started(scheduler: Scheduler, event: asyncio.Event, name: str) -> None:
    scheduler.start()
    scheduler.nudge(name)
    await asyncio.wait_for(event.wait(), 10)


async def test_a_run_in_progress_finishes_before_shutdown_returns() -> None:
    began, finished = asyncio.Event(), []

    async def body() -> int:
        began.set()
        await asyncio.sleep(0.3)
        finished.append("done")
        return 1

    scheduler = Scheduler({"work": body}, {"default": 3600})
    await started(scheduler, began, "work")
    await scheduler.shutdown(grace_seconds=10)
    assert finished == ["done"]


async def test_a_run_past_the_grace_is_cancelled_and_unwound_before_shutdown_returns() -> None:
    began, unwound = asyncio.Event(), []

    async def body() -> int:
        began.set()
        try:
            await asyncio.sleep(3600)
        finally:
            unwound.append("rolled back")
        return 1

    scheduler = Scheduler({"stuck": body}, {"default": 3600})
    await started(scheduler, began, "stuck")
    await scheduler.shutdown(grace_seconds=0.1)
    assert unwound == ["rolled back"]
    scheduler.nudge("stuck")  # after shutdown: ignored, nothing runs again
    await asyncio.sleep(0.05)
    assert unwound == ["rolled back"]
