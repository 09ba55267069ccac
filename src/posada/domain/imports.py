"""Importing a channel's calendar feed: which stored events a fetch keeps, moves or drops.

Pure rules, no I/O, no clock (``now`` and ``today`` are passed in):

- **Matching** an event of a fetch to what was stored: by ``(UID, RECURRENCE-ID)`` first; an
  event whose UID is unknown then takes an unmatched stored event of the same kind and dates
  (feeds that mint new UIDs on every fetch must not duplicate their blocks).
- **The empty-feed rule**: a calendar that comes back with no events after one that had some
  releases nothing until it has been seen empty twice in a row, at least ``EMPTY_CONFIRM``
  apart (channels serve empty calendars during outages; a guest's stay is not dropped for it).
- **Nights**: night N is the night that starts on local date N; ``[check_in, check_out)``
  blocks ``check_in … check_out - 1``; nights before ``today`` are never imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from posada.domain.errors import InvalidFeedUrl

#: The second empty fetch that releases everything must come at least this long after the
#: first (issue #6: "seen empty twice in a row at least 10 minutes apart").
EMPTY_CONFIRM = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Seen:
    """One event of a fetch: ``uid`` may be ``None``; dates are local, ``check_out``
    exclusive; ``kind`` is ``reservation`` or ``block``."""

    uid: str | None
    recurrence_id: str | None
    kind: str
    check_in: date
    check_out: date


@dataclass(frozen=True, slots=True)
class Known:
    """One stored event (``id`` is its row id)."""

    id: int
    uid: str | None
    recurrence_id: str | None
    kind: str
    check_in: date
    check_out: date


@dataclass(frozen=True, slots=True)
class Matching:
    """``pairs``: each fetched event with the stored one it continues (or ``None``: new);
    ``gone``: stored events the fetch no longer has."""

    pairs: tuple[tuple[Seen, Known | None], ...]
    gone: tuple[Known, ...]


def match(seen: Sequence[Seen], known: Sequence[Known]) -> Matching:
    """Pair a fetch's events with the stored ones (rules in the module docstring). A stored
    event is continued by at most one fetched event."""
    by_key: dict[tuple[str | None, str | None], list[Known]] = {}
    for k in known:
        if k.uid:
            by_key.setdefault((k.uid, k.recurrence_id), []).append(k)
    taken: set[int] = set()
    pairs: list[tuple[Seen, Known | None]] = []
    for event in seen:  # a UID sent twice: each copy continues the one with its dates
        free = [k for k in by_key.get((event.uid, event.recurrence_id), []) if k.id not in taken]
        same = [k for k in free if (k.kind, k.check_in, k.check_out) == (
            event.kind, event.check_in, event.check_out)]
        pick: Known | None = (same or free)[0] if (same or free) else None
        if pick is not None:
            taken.add(pick.id)
        pairs.append((event, pick))
    by_dates: dict[tuple[str, date, date], list[Known]] = {}
    for k in known:
        if k.id not in taken:
            by_dates.setdefault((k.kind, k.check_in, k.check_out), []).append(k)
    for i, (event, paired) in enumerate(pairs):
        if paired is None:
            candidates = by_dates.get((event.kind, event.check_in, event.check_out))
            if candidates:
                k = candidates.pop(0)
                taken.add(k.id)
                pairs[i] = (event, k)
    return Matching(tuple(pairs), tuple(k for k in known if k.id not in taken))


@dataclass(frozen=True, slots=True)
class EmptyVerdict:
    """``release``: apply the fetch (``False``: keep everything as stored);
    ``empty_since``: what to store as the first empty sighting."""

    release: bool
    empty_since: datetime | None


def empty_rule(fetched_events: int, stored_active: int, empty_since: datetime | None,
               now: datetime) -> EmptyVerdict:
    """Whether a fetch may release stored events (module docstring). ``now`` and
    ``empty_since`` are aware UTC; ``stored_active`` counts stored events that still block
    nights from today on."""
    if fetched_events or not stored_active:
        return EmptyVerdict(True, None)
    if empty_since is None:
        return EmptyVerdict(False, now)
    if now - empty_since >= EMPTY_CONFIRM:
        return EmptyVerdict(True, None)
    return EmptyVerdict(False, empty_since)


def nights(check_in: date, check_out: date, today: date) -> set[date]:
    """The nights of ``[check_in, check_out)`` from ``today`` on."""
    start = max(check_in, today)
    return {start + timedelta(days=n) for n in range((check_out - start).days)}


def covered(ranges: Iterable[tuple[date, date]]) -> set[date]:
    """Every night of some ``[check_in, check_out)`` in ``ranges``."""
    found: set[date] = set()
    for check_in, check_out in ranges:
        found |= {check_in + timedelta(days=n) for n in range((check_out - check_in).days)}
    return found


def segments(of: Iterable[date]) -> list[tuple[date, date]]:
    """Nights as the fewest ``[check_in, check_out)`` ranges, in date order."""
    out: list[tuple[date, date]] = []
    for night in sorted(set(of)):
        if out and out[-1][1] == night:
            out[-1] = (out[-1][0], night + timedelta(days=1))
        else:
            out.append((night, night + timedelta(days=1)))
    return out


MAX_URL_LENGTH = 2000


def feed_url(url: str) -> str:
    """``url`` stripped (``webcal://`` read as ``https://``), when it is an ``http``/``https``
    URL with a host, no credentials and at most ``MAX_URL_LENGTH`` characters.

    Raises:
        InvalidFeedUrl: any other URL (``file:``, ``ftp:``, ``javascript:``, no host, …).
    """
    url = url.strip()
    if url[:9].lower() == "webcal://":  # the de facto scheme of calendar subscriptions
        url = "https://" + url[9:]
    if len(url) > MAX_URL_LENGTH:
        raise InvalidFeedUrl(f"A feed URL has at most {MAX_URL_LENGTH} characters.")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as error:
        raise InvalidFeedUrl(f"Not a URL: {error}.") from error
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidFeedUrl("A feed URL must start with http:// or https://.")
    if not host:
        raise InvalidFeedUrl("A feed URL needs a host name.")
    if parts.username is not None or parts.password is not None:
        raise InvalidFeedUrl("A feed URL must not carry a user name or password.")
    if any(c.isspace() for c in url):
        raise InvalidFeedUrl("A feed URL has no spaces.")
    return url
