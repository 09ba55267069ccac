"""Time zone names as channel feeds write them, mapped to real zones.

RFC 5545 §3.2.19 lets ``TZID`` name any zone that a ``VTIMEZONE`` of the feed defines;
``icalendar`` already resolves those, IANA names and the Windows names of CLDR's
``windowsZones.xml``. Feeds also send names it does not know; :func:`resolve_zone` tries,
in this order (first match wins):

1. the exact IANA name (``America/Argentina/Buenos_Aires``; also links such as
   ``America/Buenos_Aires``, which tzdata keeps as aliases);
2. the IANA name in other case or with spaces for underscores (``america/argentina/buenos_aires``);
3. a Windows name in any case (``Argentina Standard Time``, ``pacific standard time``), using
   icalendar's copy of the CLDR table;
4. a bare offset: ``UTC``, ``GMT``, ``Z``, ``GMT-3``, ``UTC-03:00``, ``(UTC-03:00)``, read as a
   person means it (``GMT-3`` is three hours *behind* UTC; the inverted POSIX sign of
   ``Etc/GMT+3`` applies only to the exact ``Etc/`` names, caught by step 1);
5. a city: the last part of an IANA name (``Buenos Aires``, ``buenos_aires``, ``Madrid``);
   also after an Outlook-style offset prefix (``(UTC-03:00) Buenos Aires``);
6. the offset of such a prefix alone (``(UTC-03:00) City of Buenos Aires``).

Steps 1–3 are also tried on the tail of a "globally unique" name (``/vendor/Europe/Berlin``).

Anything else is unknown (``None``); the caller falls back to the property's zone and warns.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import UTC, timedelta, timezone, tzinfo
from functools import cache

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

_OFFSET = re.compile(
    r"^\(?\s*(?:UTC|GMT)\s*(?:(?P<sign>[+\-−])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?)?\s*\)?",
    re.IGNORECASE,
)
_UTC_NAMES = frozenset({"utc", "gmt", "z", "zulu", "universal", "etc/utc", "etc/gmt"})


def _key(name: str) -> str:
    """Case-, space- and underscore-insensitive lookup key."""
    return " ".join(name.replace("_", " ").split()).casefold()


@cache
def _iana_by_key() -> dict[str, str]:
    """Every IANA name (by :func:`_key`) → its spelling; plus each city (last part) → the
    zone, preferring the longer (canonical ``America/Argentina/…``) name when two share it."""
    names = sorted(zoneinfo.available_timezones())
    by_key = {_key(name): name for name in names}
    cities: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (n.count("/"), n)):
        if "/" in name and not name.startswith("Etc/"):
            cities[_key(name.rsplit("/", 1)[1])] = name
    return {**cities, **by_key}


@cache
def _windows_by_key() -> dict[str, str]:
    return {_key(name): olson for name, olson in WINDOWS_TO_OLSON.items()}


def _offset_zone(match: re.Match[str]) -> tzinfo | None:
    if match["sign"] is None:
        return UTC
    hours, minutes = int(match["hours"]), int(match["minutes"] or 0)
    if hours > 14 or minutes >= 60:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if match["sign"] in "-−" else delta)


def _named(name: str) -> tzinfo | None:
    key = _key(name)
    if not key:
        return None
    if key in _UTC_NAMES:
        return UTC
    found = _iana_by_key().get(key) or _windows_by_key().get(key)
    return zoneinfo.ZoneInfo(found) if found else None


def resolve_zone(tzid: str) -> tzinfo | None:
    """The zone a feed's ``TZID`` parameter (or ``X-WR-TIMEZONE`` value) means, or ``None``.

    Args:
        tzid: the name as sent (any case, surrounding spaces or a leading ``/`` allowed).

    Returns a ``ZoneInfo`` for IANA, Windows and city names, a fixed-offset ``timezone`` for
    bare offsets, ``None`` when nothing matches (see the module docstring for the order).
    Never raises.
    """
    name = tzid.strip().strip("/").strip().strip('"')
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):  # a directory raises OSError
        pass
    found = _named(name)
    parts = name.split("/")
    for start in range(1, len(parts)):  # a vendor prefix: /example.org/Europe/Berlin
        found = found or _named("/".join(parts[start:]))
    if found is not None:
        return found
    match = _OFFSET.match(name)
    if match is None:
        return None
    rest = name[match.end():].strip(" -,")
    if not rest:
        return _offset_zone(match)
    return _named(rest) or _offset_zone(match)
