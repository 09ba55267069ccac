"""The night rule: which nights an event of a channel feed closes.

A night N is the night that starts on local date N (property zone). Two kinds of events:

- **All-day** (``DTSTART;VALUE=DATE``, RFC 5545 §3.3.4): the dates are local dates already and
  ``DTEND`` is exclusive (§3.6.1), so ``[S, E)`` closes nights ``S … E-1`` and leaves the
  check-out day ``E`` free for the next guest.
- **Timed** (DATE-TIME, in UTC, a zone or floating, already made aware by the reader): the
  event is the instant interval ``(start, end]`` — open at the start, closed at the end — and
  night N is closed when that interval contains ``M(N+1)``, the local midnight that begins date
  N+1: ``start < M(N+1) <= end``. So a stay from 14:00 on S to 10:00 on E closes S … E-1, a
  one-hour marker that does not cross midnight closes nothing, a zero-length event closes
  nothing, and an event written as midnight-to-midnight (``00:00`` S to ``00:00`` E) closes
  S … E-1 exactly like its all-day form. (An event ending exactly at a midnight closes the
  night that midnight begins; one starting exactly at it does not close the night before.)

``M(d)`` is ``datetime.combine(d, time(0), tzinfo=zone)`` (``fold=0``): where a DST change
skips midnight, the offset before the change is used. Instants are compared in UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

_DAY = timedelta(days=1)


def midnight(day: date, zone: tzinfo) -> datetime:
    """``M(day)``: the aware UTC instant of local midnight starting ``day`` in ``zone``."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def timed_nights(start: datetime, end: datetime, zone: tzinfo) -> tuple[date, date] | None:
    """The nights ``[first, stop)`` a timed event closes, or ``None`` when it closes none.

    Args:
        start, end: aware datetimes (any zone), the event's DTSTART and its end.
        zone: the property's zone, whose midnights count.

    Implements ``start < M(N+1) <= end`` (module docstring) in O(1): midnights increase with
    the date, so only the days next to the local dates of ``start`` and ``end`` are checked.
    """
    if end <= start:
        return None
    begin, finish = start.astimezone(UTC), end.astimezone(UTC)
    first_guess = begin.astimezone(zone).date()
    first = next(
        n for n in (first_guess - 2 * _DAY + k * _DAY for k in range(5))
        if midnight(n + _DAY, zone) > begin
    )
    last_guess = finish.astimezone(zone).date()
    last = next(
        n for n in (last_guess + 2 * _DAY - k * _DAY for k in range(5))
        if midnight(n + _DAY, zone) <= finish or n < first
    )
    if last < first:
        return None
    return first, last + _DAY
