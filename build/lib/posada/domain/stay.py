"""Stays: half-open ranges of local dates ``[check_in, check_out)``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from posada.domain.errors import InvalidStay


@dataclass(frozen=True, order=True)
class Stay:
    """A stay of local dates; the nights blocked are ``check_in`` … ``check_out - 1``."""

    check_in: date
    check_out: date

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days

    def each_night(self) -> Iterator[date]:
        """Yield the local date on which each night of the stay starts."""
        for offset in range(self.nights):
            yield self.check_in + timedelta(days=offset)

    def overlaps(self, other: Stay) -> bool:
        """True when both stays share a night; back-to-back stays do not overlap."""
        return self.check_in < other.check_out and other.check_in < self.check_out


def validate_stay(
    check_in: date, check_out: date, *, today: date, max_nights: int = 60, horizon_days: int = 730
) -> Stay:
    """Build a bookable ``Stay`` or raise ``invalid_stay``.

    Args:
        check_in, check_out: local dates in the property's time zone.
        today: the property's local date now (the caller reads the clock).
        max_nights: longest stay accepted.
        horizon_days: how far ahead a check-in may be.

    Raises:
        InvalidStay: check-out on or before check-in, check-in in the past, longer than
            ``max_nights``, or beyond the booking horizon.
    """
    if check_out <= check_in:
        raise InvalidStay("La fecha de salida tiene que ser posterior a la de llegada.")
    if check_in < today:
        raise InvalidStay("La fecha de llegada ya pasó.", today=today.isoformat())
    stay = Stay(check_in, check_out)
    if stay.nights > max_nights:
        raise InvalidStay(
            f"La estadía no puede superar las {max_nights} noches.", max_nights=max_nights
        )
    if check_in > today + timedelta(days=horizon_days):
        raise InvalidStay(
            "Todavía no tomamos reservas para esas fechas.", horizon_days=horizon_days
        )
    return stay
