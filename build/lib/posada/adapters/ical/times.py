"""The times of one VEVENT made explicit: aware datetimes (or dates) and an explicit DTEND.

Zones (RFC 5545 §3.3.5): a UTC time (``Z``) and a ``TZID`` that ``icalendar`` resolves (IANA,
Windows, a VTIMEZONE of the feed) are kept. A ``TZID`` icalendar leaves naive is looked up with
:func:`~posada.adapters.ical.zones.resolve_zone`; when unknown, the property's zone is used and
a warning is given. Floating times (no ``TZID``, no ``Z``) are read in the calendar's
``X-WR-TIMEZONE`` (Google's extension, applied with the ``x-wr-timezone`` library), or else in
the property's zone.

The end (RFC 5545 §3.6.1), written back as ``DTEND`` (and ``DURATION`` removed) so that
recurrence expansion uses the same rule:

- ``DTEND`` when present; an all-day ``DTEND`` equal to ``DTSTART`` (invalid: it must be later)
  is read as one day, with a warning, as the exporter clearly meant that day;
- else ``DTSTART + DURATION``;
- else one day after a ``DATE`` start, and the start itself for a ``DATE-TIME`` start (the
  event "ends on the same calendar date and time of day", so it closes no night).

A start and an end of different types (``DATE`` and ``DATE-TIME``) are both read as instants:
the date as its local midnight in the property's zone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from icalendar.prop import vDDDLists, vDDDTypes

from posada.adapters.ical.nights import midnight
from posada.adapters.ical.zones import resolve_zone

Moment = date | datetime  # a datetime is always aware after normalisation
_SINGLE = ("DTSTART", "DTEND", "RECURRENCE-ID")
_LISTS = ("EXDATE", "RDATE")


class EventError(Exception):
    """One event cannot be read; ``message`` becomes an ``EventProblem``."""


def _tzid(prop: Any) -> str | None:
    params = getattr(prop, "params", None)
    value = params.get("TZID") if params is not None else None
    return str(value) if value else None


class ZoneFixer:
    """Gives the naive times that carry an unresolved ``TZID`` a zone (in place).

    ``fallback`` is the property's zone; ``warnings`` collects one text per unknown TZID.
    """

    def __init__(self, fallback: tzinfo, warnings: list[str]) -> None:
        self.fallback = fallback
        self.warnings = warnings

    def zone(self, tzid: str) -> tzinfo:
        """The zone ``tzid`` means, or the fallback (with a warning once per name)."""
        found = resolve_zone(tzid)
        if found is None:
            text = f"unknown TZID {tzid!r}: its times were read in {self.fallback}"
            if text not in self.warnings:
                self.warnings.append(text)
            return self.fallback
        return found

    def _aware(self, value: Any, tzid: str) -> Any:
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.replace(tzinfo=self.zone(tzid))
        if isinstance(value, tuple):  # an RDATE period: (start, end or duration)
            return tuple(self._aware(part, tzid) for part in value)
        return value

    def fix(self, event: Any) -> None:
        """Fix DTSTART, DTEND, RECURRENCE-ID, EXDATE and RDATE of ``event`` in place.
        Unreadable values are left as they are (reading them later reports the problem)."""
        for name in _SINGLE:
            prop = event.get(name)
            tzid = _tzid(prop)
            if prop is None or tzid is None:
                continue
            try:
                value = prop.dt
            except Exception:  # noqa: S112 - an icalendar vBroken; read later as a problem
                continue
            fixed = self._aware(value, tzid)
            if fixed is not value:
                event[name] = vDDDTypes(fixed)
        for name in _LISTS:
            prop = event.get(name)
            if prop is None:
                continue
            props = prop if isinstance(prop, list) else [prop]
            fixed_props = [self._fix_list(one) for one in props]
            event[name] = fixed_props if isinstance(prop, list) else fixed_props[0]

    def _fix_list(self, prop: Any) -> Any:
        tzid = _tzid(prop)
        dts = getattr(prop, "dts", None)
        if tzid is None or dts is None:
            return prop
        values = [self._aware(one.dt, tzid) for one in dts]
        if all(new is old.dt for new, old in zip(values, dts, strict=True)):
            return prop
        return vDDDLists(values)


def read_moment(event: Any, name: str, zone: tzinfo) -> Moment | None:
    """The value of ``name`` (``DTSTART``, ``DTEND``) as a date or an aware datetime, or
    ``None`` when absent. A datetime still naive (none should be) gets ``zone``.

    Raises:
        EventError: the value is unreadable or of another type (a bare time).
    """
    prop = event.get(name)
    if prop is None:
        return None
    try:
        value = prop.dt
    except Exception as exc:
        raise EventError(f"unreadable {name}") from exc
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return value
    raise EventError(f"unreadable {name}")


def _as_instant(value: Moment, zone: tzinfo) -> datetime:
    return value if isinstance(value, datetime) else midnight(value, zone).astimezone(zone)


def settle_times(event: Any, zone: tzinfo, warnings: list[str]) -> None:
    """Give ``event`` an explicit, valid DTSTART and DTEND (module docstring), in place.

    Args:
        event: an icalendar VEVENT whose zones are fixed (:class:`ZoneFixer`, x-wr-timezone).
        zone: the property's zone; warnings: receives notes about tolerated mistakes.

    Raises:
        EventError: ``no DTSTART``, ``unreadable DTSTART``/``DTEND``/``DURATION``,
            ``DTEND before DTSTART``, ``negative DURATION``.
    """
    start = read_moment(event, "DTSTART", zone)
    if start is None:
        raise EventError("no DTSTART")
    end = read_moment(event, "DTEND", zone)
    if end is None and event.get("DURATION") is not None:
        try:
            duration = event["DURATION"].dt
        except Exception as exc:
            raise EventError("unreadable DURATION") from exc
        if not isinstance(duration, timedelta):
            raise EventError("unreadable DURATION")
        if duration < timedelta(0):
            raise EventError("negative DURATION")
        if not isinstance(start, datetime) and duration % timedelta(days=1):
            start = _as_instant(start, zone)
        end = start + duration
    elif end is None:
        end = start if isinstance(start, datetime) else start + timedelta(days=1)
    if isinstance(start, datetime) != isinstance(end, datetime):
        start, end = _as_instant(start, zone), _as_instant(end, zone)
    if end < start:  # same type: both dates or both aware datetimes
        raise EventError("DTEND before DTSTART")
    if end == start and not isinstance(start, datetime):
        end = start + timedelta(days=1)
        warnings.append(f"an all-day event on {start} had DTEND = DTSTART: read as one day")
    event["DTSTART"] = vDDDTypes(start)
    event["DTEND"] = vDDDTypes(end)
    if "DURATION" in event:
        del event["DURATION"]
