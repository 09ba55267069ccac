"""The stay as an iCalendar attachment (RFC 5545, ``METHOD:PUBLISH`` per RFC 5546 §3.2.1).

One ``VEVENT``: all-day ``DTSTART;VALUE=DATE`` on check-in and an exclusive ``DTEND`` on
check-out (RFC 5545 §3.6.1: a date-valued DTEND is the day after the last one), so a
calendar shows the nights as a block. The ``UID`` is ``<code>@<domain>`` for every e-mail of
one reservation, and ``SEQUENCE`` grows with its status (hold 0, confirmed 1, cancelled 2),
so a calendar that imported the hold replaces it with the confirmation or the cancellation.
``DTSTAMP`` is an argument: nothing here reads the clock.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from icalendar import Calendar, Event

from posada.adapters.email.contexts import StayDetails

IcsStatus = Literal["tentative", "confirmed", "cancelled"]

PRODID = "-//Posada//Reservas//ES"
#: The default ``SEQUENCE`` per status: each later state supersedes the earlier ones.
SEQUENCES: dict[IcsStatus, int] = {"tentative": 0, "confirmed": 1, "cancelled": 2}


def uid(code: str, domain: str) -> str:
    """The event's ``UID``: ``<code>@<domain>`` (stable per reservation)."""
    return f"{code}@{domain}"


def build_ics(stay: StayDetails, status: IcsStatus, *, dtstamp: datetime, domain: str,
              sequence: int | None = None, url: str | None = None) -> bytes:
    """The ``.ics`` bytes (UTF-8, CRLF lines) of ``stay``.

    ``status``: ``tentative`` (a hold), ``confirmed`` or ``cancelled``; ``dtstamp``: an
    aware instant, written in UTC; ``domain``: the right side of the UID (the public host,
    e.g. ``reservas.example.com``); ``sequence``: overrides ``SEQUENCES[status]``; ``url``:
    the guest page, or ``None``. SUMMARY is the cabin and the property, LOCATION the address
    when known, DESCRIPTION carries the reservation code. Raises ``ValueError`` on a naive
    ``dtstamp``.
    """
    if dtstamp.tzinfo is None or dtstamp.utcoffset() is None:
        raise ValueError("dtstamp must be an aware datetime")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid(stay.code, domain))
    event.add("dtstamp", dtstamp.astimezone(UTC))
    event.add("dtstart", stay.check_in)
    event.add("dtend", stay.check_out)
    event.add("summary", f"{stay.accommodation} · {stay.property_name}")
    if stay.address:
        event.add("location", stay.address)
    lines = [f"Reserva {stay.code}", f"{stay.accommodation}, {stay.property_name}",
             f"Huéspedes: {stay.guests}"]
    if url:
        lines.append(url)
        event.add("url", url)
    event.add("description", "\n".join(lines))
    event.add("status", status.upper())
    event.add("sequence", SEQUENCES[status] if sequence is None else sequence)
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
