"""``posada serve``'s in-process scheduler sweeps expired holds without any request."""

from __future__ import annotations

import asyncio

from posada.db.engine import Database
from posada.services import holds
from tests.conftest import Seeded, hold_placed_ago, make_settings, run_server


async def test_scheduler_marks_expired_holds(
    database_url: str, db: Database, seeded: Seeded
) -> None:
    stale = await hold_placed_ago(db, seeded.cabin(2).id, 30, 2, minutes_ago=31, name="X")
    live = await hold_placed_ago(db, seeded.cabin(4).id, 30, 2, minutes_ago=0, name="Y")
    settings = make_settings(database_url, scheduler_enabled=True,
                             expire_holds_interval_seconds=1)
    statuses: list[str] = []
    for _server in run_server(settings):
        for _ in range(100):  # bounded wait: up to ~10 s for the first runs
            statuses = [(await holds.get_reservation(db, c)).status
                        for c in (stale.code, live.code)]
            if statuses[0] == "expired":
                break
            await asyncio.sleep(0.1)
    assert statuses == ["expired", "pre_reserved"]
