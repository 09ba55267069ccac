"""Availability from reservations, unexpired holds and blocks, at a given instant."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from posada.domain.reservation import Status, is_active
from posada.domain.stay import Stay


@dataclass(frozen=True)
class Occupancy:
    """One calendar row of an accommodation as availability sees it."""

    stay: Stay
    status: Status
    expires_at: datetime | None = None
    code: str | None = None


def conflicts(stay: Stay, rows: Iterable[Occupancy], now: datetime) -> list[Occupancy]:
    """The rows active at ``now`` (aware UTC) that share a night with ``stay``."""
    return [r for r in rows if is_active(r.status, r.expires_at, now) and r.stay.overlaps(stay)]


def is_available(stay: Stay, rows: Iterable[Occupancy], now: datetime) -> bool:
    """True when no active row shares a night with ``stay``."""
    return not conflicts(stay, rows, now)
