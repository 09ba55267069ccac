"""The booking policy the services apply, built from settings at the edge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from posada.config import Settings


@dataclass(frozen=True)
class BookingPolicy:
    """Hold length, deposit (seña) percent and stay limits."""

    hold_ttl: timedelta = timedelta(minutes=30)
    deposit_percent: Decimal = Decimal("30")
    max_stay_nights: int = 60
    horizon_days: int = 730

    @classmethod
    def from_settings(cls, settings: Settings) -> BookingPolicy:
        return cls(
            hold_ttl=timedelta(minutes=settings.hold_ttl_minutes),
            deposit_percent=settings.deposit_percent,
            max_stay_nights=settings.max_stay_nights,
            horizon_days=settings.booking_horizon_days,
        )
