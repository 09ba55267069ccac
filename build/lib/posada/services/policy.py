"""The booking policy the services apply, built from settings at the edge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from posada.config import Settings


@dataclass(frozen=True)
class BookingPolicy:
    """Hold length, deposit (seña) percent, stay limits and the fair-hold caps.

    ``max_holds_per_contact`` / ``max_holds_per_client``: most live holds one guest contact
    (phone or e-mail) or one client address may have at once (0 = no cap);
    ``max_anonymous_nights``: longest hold a guest may take without giving a phone or e-mail.
    """

    hold_ttl: timedelta = timedelta(minutes=30)
    deposit_percent: Decimal = Decimal("30")
    max_stay_nights: int = 60
    horizon_days: int = 730
    max_holds_per_contact: int = 2
    max_holds_per_client: int = 5
    max_anonymous_nights: int = 14

    @classmethod
    def from_settings(cls, settings: Settings) -> BookingPolicy:
        return cls(
            hold_ttl=timedelta(minutes=settings.hold_ttl_minutes),
            deposit_percent=settings.deposit_percent,
            max_stay_nights=settings.max_stay_nights,
            horizon_days=settings.booking_horizon_days,
            max_holds_per_contact=settings.max_holds_per_contact,
            max_holds_per_client=settings.max_holds_per_client,
            max_anonymous_nights=settings.max_anonymous_nights,
        )
