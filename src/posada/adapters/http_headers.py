"""HTTP header readings the adapters share."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def retry_after(header: str | None, now: datetime | None = None,
                cap: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date,
    RFC 9110 §10.2.3) at ``now`` (aware UTC; default the clock); ``None`` when absent or
    unreadable (``inf``, ``nan`` included); never negative, and at most ``cap`` seconds when
    one is given."""
    if not header:
        return None
    try:
        seconds = float(header.strip())
    except ValueError:
        try:
            when = parsedate_to_datetime(header)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if not math.isfinite(seconds):
        return None
    seconds = max(0.0, seconds)
    return seconds if cap is None else min(seconds, cap)
