"""The iCal feed reader: bytes of a channel's feed → the nights it closes. Pure: no I/O, no
clock (``today`` is an argument).

RFC 5545 is read by ``icalendar``; recurrences (RRULE, RDATE, EXDATE, overridden instances
with RECURRENCE-ID, RFC 5545 §3.8.5) are expanded by ``recurring-ical-events``; Google's
``X-WR-TIMEZONE`` is applied by ``x-wr-timezone``. This module decides what a night is and
what counts:

- The night rule is in :mod:`~posada.adapters.ical.nights` (all-day ``[S, E)`` closes
  ``S … E-1``; a timed event closes night N when ``start < M(N+1) <= end``).
- Zones and missing ends are in :mod:`~posada.adapters.ical.times`, kinds in
  :mod:`~posada.adapters.ical.classify`, text tolerance in :mod:`~posada.adapters.ical.text`.
- ``STATUS:CANCELLED`` (RFC 5545 §3.8.1.11) closes nothing, also on one overridden instance.
- ``TRANSP:TRANSPARENT`` (§3.8.2.7) events still close their nights
  (:data:`TRANSPARENT_BLOCKS`). Airbnb, Booking.com and Vrbo export bookings and blocks
  without TRANSP or as OPAQUE, so a transparent event comes from a calendar a person keeps
  (Google's all-day events are transparent by default, "free"): an owner who types
  "Familia Pérez" there means the cabin is taken. Wrongly closing a holiday note costs a sale
  the owner sees and fixes by deleting the note; wrongly opening a night sells it twice.
  ``FeedEvent.transparent`` keeps the flag for the importer and the admin.
- Recurrences are expanded up to :data:`HORIZON_DAYS` after ``today`` (so an endless RRULE
  ends); no night at or after :data:`LAST_NIGHT_DAYS` is reported (a ``DTEND`` in year 9999).
- Nights before ``today`` are dropped; an event with none left is not reported.
- UIDs ending in :data:`OWN_UID_SUFFIX` are Posada's own export
  (:mod:`posada.services.ical_export`) sent back by a channel: skipped, never re-imported.
- ``seen`` counts every VEVENT of the feed once (past, cancelled, own, unreadable ones too),
  except that a recurring series counts its instances inside the expansion window instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Final
from zoneinfo import ZoneInfo

import recurring_ical_events
import x_wr_timezone
from icalendar import Calendar

from posada.adapters.ical.classify import Kind, classify, reservation_url
from posada.adapters.ical.nights import midnight, timed_nights
from posada.adapters.ical.text import NotACalendar, calendar_text
from posada.adapters.ical.times import EventError, ZoneFixer, settle_times
from posada.adapters.ical.zones import resolve_zone

__all__ = [
    "EventProblem",
    "FeedEvent",
    "Kind",
    "NotACalendar",
    "ParsedFeed",
    "parse_feed",
    "parse_json",
]

TRANSPARENT_BLOCKS: Final = True
HORIZON_DAYS: Final = 730
#: One series may have at most this many instances before the horizon (a daily one has 732);
#: sub-daily frequencies are refused outright: expanding them is millions of instances.
MAX_INSTANCES: Final = 1500
_SUB_DAILY: Final = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
LAST_NIGHT_DAYS: Final = 3650
OWN_UID_SUFFIX: Final = "@posada"
_DAY = timedelta(days=1)


def _days(first: date, stop: date) -> tuple[date, ...]:
    return tuple(first + k * _DAY for k in range((stop - first).days))


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """One event (or one instance of a recurring event) that closes at least one night.

    ``check_in`` is the first closed night on or after ``today`` (local date, property zone),
    ``check_out`` is exclusive and later than ``check_in``. ``recurrence_id`` is ``None`` for a
    plain event, else the instance's RECURRENCE-ID (its original start) in ISO form: a date
    (``2025-01-06``) or a UTC datetime (``2025-01-06T17:00:00+00:00``).
    """

    uid: str | None
    recurrence_id: str | None
    kind: Kind
    summary: str | None
    description: str | None
    url: str | None
    check_in: date
    check_out: date
    transparent: bool

    @property
    def nights(self) -> tuple[date, ...]:
        """The closed nights ``check_in … check_out-1``, in order."""
        return _days(self.check_in, self.check_out)


@dataclass(frozen=True, slots=True)
class EventProblem:
    """An event that could not be read (the rest of the feed is): ``message`` says why."""

    uid: str | None
    message: str


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed read on ``today``: events sorted by ``(check_in, uid)``; see the module
    docstring for ``seen``; ``warnings`` are tolerated mistakes (unknown TZID, cut text)."""

    events: tuple[FeedEvent, ...]
    seen: int
    problems: tuple[EventProblem, ...]
    warnings: tuple[str, ...]

    @property
    def blocked_nights(self) -> tuple[date, ...]:
        """Every night some event closes, sorted, each once."""
        return tuple(sorted({night for event in self.events for night in event.nights}))


def _text(event: Any, name: str) -> str | None:
    value = event.get(name)
    if isinstance(value, list):  # a property sent twice: the first one counts
        value = value[0] if value else None
    text = str(value).strip() if value is not None else ""
    return text or None


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    return value.isoformat() if isinstance(value, date) else str(value)


def _rules(component: Any) -> list[Any]:
    rule = component.get("RRULE")
    if rule is None:
        return []
    return list(rule) if isinstance(rule, list) else [rule]


class _Reader:
    """Collects what one feed says; ``today``, ``zone`` (the property's) and ``channel`` fixed."""

    def __init__(self, today: date, zone: tzinfo, channel: str | None) -> None:
        self.today, self.zone, self.channel = today, zone, channel
        self.horizon = today + HORIZON_DAYS * _DAY
        self.last = today + LAST_NIGHT_DAYS * _DAY
        self.seen = 0
        self.events: list[FeedEvent] = []
        self.problems: list[EventProblem] = []
        self.warnings: list[str] = []

    def read(self, calendar: Any) -> None:
        """Read the VEVENTs of one VCALENDAR."""
        floating = self.zone
        name = _text(calendar, "X-WR-TIMEZONE")
        if name is not None:
            found = resolve_zone(name)
            if found is None:
                self.warnings.append(
                    f"unknown X-WR-TIMEZONE {name!r}: floating times read in {self.zone}"
                )
            floating = found or self.zone
        fixer = ZoneFixer(self.zone, self.warnings)
        walker = x_wr_timezone.UTCChangingWalker(floating)
        settled = []
        for event in calendar.walk("VEVENT"):
            try:
                fixer.fix(event)
                event = walker.walk_event(event)  # floating times in X-WR-TIMEZONE or ours
                settle_times(event, self.zone, self.warnings)
            except Exception as exc:  # EventError, or an icalendar error on a broken value
                self.seen += 1
                self._problem(event, exc)
                continue
            settled.append(event)
        for series in _series(settled):
            if len(series) == 1 and not _recurs(series[0]):
                self.seen += 1
                try:
                    self._add(series[0], _recurrence_id(series[0]))
                except Exception as exc:  # a broken RECURRENCE-ID, a property sent twice
                    self._problem(series[0], exc)
            else:
                self._expand(series)

    def _problem(self, event: Any, exc: Exception) -> None:
        message = str(exc) if isinstance(exc, EventError) else f"unreadable event: {exc}"
        self.problems.append(EventProblem(_text(event, "UID"), message[:200]))

    def _expand(self, series: list[Any]) -> None:
        calendar = Calendar()
        for component in series:
            calendar.add_component(component)
        freq = {str(f).upper() for c in series for rule in _rules(c) for f in rule.get("FREQ", [])}
        if freq & _SUB_DAILY:  # a night-sized calendar never needs them; they cost millions
            self.seen += len(series)
            self._problem(series[0], EventError(
                f"recurrence more often than daily ({', '.join(sorted(freq & _SUB_DAILY))})"))
            return
        try:
            instances = list(
                recurring_ical_events.of(calendar).between(self.today - 2 * _DAY, self.horizon)
            )
            if len(instances) > MAX_INSTANCES:  # RDATE lists: bounded by the body size
                raise EventError(f"more than {MAX_INSTANCES} instances before the horizon")
        except Exception as exc:  # a library error on one series must not lose the feed
            self.seen += len(series)
            self._problem(series[0], EventError(f"recurrence not expandable: {exc}")
                          if not isinstance(exc, EventError) else exc)
            return
        for instance in instances:
            self.seen += 1
            try:
                self._add(instance, _recurrence_id(instance))
            except Exception as exc:
                self._problem(instance, exc)

    def _nights(self, start: object, end: object) -> tuple[date, date] | None:
        if isinstance(start, datetime) and isinstance(end, datetime):
            floor, ceiling = midnight(self.today, self.zone), midnight(self.last, self.zone)
            start = max(start, floor - timedelta(microseconds=1))
            end = min(end, ceiling)
            span = timed_nights(start, end, self.zone)
        elif isinstance(start, date) and isinstance(end, date):
            span = (start, end)
        else:
            return None
        if span is None:
            return None
        first, stop = max(span[0], self.today), min(span[1], self.last)
        return (first, stop) if stop > first else None

    def _add(self, event: Any, recurrence_id: str | None) -> None:
        uid = _text(event, "UID")
        if uid is not None and uid.casefold().endswith(OWN_UID_SUFFIX):
            return
        if (_text(event, "STATUS") or "").upper() == "CANCELLED":
            return
        transparent = (_text(event, "TRANSP") or "").upper() == "TRANSPARENT"
        if transparent and not TRANSPARENT_BLOCKS:
            return
        span = self._nights(event["DTSTART"].dt, event["DTEND"].dt)
        if span is None:
            return
        summary, description = _text(event, "SUMMARY"), _text(event, "DESCRIPTION")
        url = reservation_url(_text(event, "URL"), description)
        self.events.append(
            FeedEvent(
                uid=uid,
                recurrence_id=recurrence_id,
                kind=classify(summary, description, url, self.channel),
                summary=summary,
                description=description,
                url=url,
                check_in=span[0],
                check_out=span[1],
                transparent=transparent,
            )
        )

    def result(self) -> ParsedFeed:
        """What was read, events sorted by ``(check_in, uid, recurrence_id, check_out)``."""
        events = sorted(
            self.events,
            key=lambda e: (e.check_in, e.uid or "", e.recurrence_id or "", e.check_out),
        )
        return ParsedFeed(
            events=tuple(events),
            seen=self.seen,
            problems=tuple(self.problems),
            warnings=tuple(dict.fromkeys(self.warnings)),
        )


def _recurrence_id(event: Any) -> str | None:
    recurrence = event.get("RECURRENCE-ID")
    return _iso(recurrence.dt) if recurrence is not None else None


def _recurs(event: Any) -> bool:
    return event.get("RRULE") is not None or event.get("RDATE") is not None


def _series(events: Iterable[Any]) -> Iterator[list[Any]]:
    """The events grouped by UID, in feed order; a group is expanded as one series when one
    of its events recurs. Events without a UID are alone."""
    groups: dict[object, list[Any]] = {}
    for index, event in enumerate(events):
        uid = _text(event, "UID")
        groups.setdefault(uid if uid is not None else index, []).append(event)
    for group in groups.values():
        if len(group) > 1 and not any(_recurs(event) for event in group):
            yield from ([event] for event in group)  # same UID twice, no recurrence
        else:
            yield group


def _calendars(text: str) -> list[Any]:
    try:
        components = Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # icalendar raises ValueError and its own errors
        raise NotACalendar("unparseable", f"The calendar cannot be read: {exc}"[:300]) from exc
    calendars = [c for c in components if getattr(c, "name", "") == "VCALENDAR"]
    if not calendars:
        raise NotACalendar("unparseable", "The feed holds no VCALENDAR component.")
    return calendars


def parse_feed(
    data: bytes, *, today: date, tz: str, channel: str | None = None
) -> ParsedFeed:
    """Read a channel's iCal feed.

    Args:
        data: the raw HTTP body (any line ends, UTF-8 with or without BOM, or Latin-1).
        today: the property's local date now; earlier nights are ignored.
        tz: the property's IANA zone (``America/Argentina/Buenos_Aires``): its midnights
            define nights; unknown TZIDs and floating times fall back to it.
        channel: ``airbnb``, ``booking``, ``vrbo``, ``google``, ``other`` or ``None``; it
            sharpens the reservation/block classification.

    Returns a :class:`ParsedFeed`; unreadable events become ``problems``, never errors.

    Raises:
        NotACalendar: ``empty``, ``html``, ``not_calendar``, ``unparseable``.
        zoneinfo.ZoneInfoNotFoundError: ``tz`` is no IANA zone (a configuration error).
    """
    zone = ZoneInfo(tz)
    text, warnings = calendar_text(data)
    reader = _Reader(today, zone, channel)
    reader.warnings.extend(warnings)
    for calendar in _calendars(text):
        reader.read(calendar)
    return reader.result()


def parse_json(data: bytes, *, today: date, tz: str) -> dict[str, object]:
    """The ``posada ical parse --json`` document of a feed.

    ``{"events": [{"uid", "kind", "summary", "nights": [ISO dates], "recurrence_id",
    "check_in", "check_out", "url", "transparent"}], "blocked_nights": [ISO dates, sorted,
    unique], "seen": int, "problems": [{"uid", "message"}], "warnings": [str]}``. Keys may be
    added, never renamed. Arguments as for :func:`parse_feed`.

    Raises:
        NotACalendar: as :func:`parse_feed`.
    """
    feed = parse_feed(data, today=today, tz=tz)
    document: dict[str, object] = {
        "events": [
            {
                "uid": event.uid,
                "kind": event.kind,
                "summary": event.summary,
                "nights": [night.isoformat() for night in event.nights],
                "recurrence_id": event.recurrence_id,
                "check_in": event.check_in.isoformat(),
                "check_out": event.check_out.isoformat(),
                "url": event.url,
                "transparent": event.transparent,
            }
            for event in feed.events
        ],
        "blocked_nights": [night.isoformat() for night in feed.blocked_nights],
        "seen": feed.seen,
        "problems": [{"uid": p.uid, "message": p.message} for p in feed.problems],
        "warnings": list(feed.warnings),
    }
    return document
