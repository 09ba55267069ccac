"""Outbound iCal feed of one accommodation (RFC 5545, built with ``icalendar``).

Each active row becomes an all-day event: ``DTSTART;VALUE=DATE`` = check-in and
``DTEND;VALUE=DATE`` = check-out, exclusive (RFC 5545 §3.6.1), so channels block exactly the
nights ``check_in … check_out-1``. UIDs are derived from the reservation code and stay stable
across exports. No guest personal data is written.

Holds are exported only when they carry a guest contact (phone or e-mail). An anonymous hold
is at most ``POSADA_MAX_ANONYMOUS_NIGHTS`` long and capped per client address, and it never
closes the channels' calendars: a script that takes holds cannot make Airbnb or Booking.com
refuse real guests. A hold with a contact is a guest in a real sale (every WhatsApp hold has
one: a phone, or a WhatsApp user id when the guest hides the number), and exporting it at
once keeps a channel from selling the night meanwhile. (A grace
period would not stop a squatter, who simply waits it out, and would leave the real guest's
nights open on the channels for that long.)
"""

from __future__ import annotations

import hmac
from collections import OrderedDict
from datetime import datetime
from typing import Any

from icalendar import Calendar, Event
from sqlalchemy import select

from posada import __version__
from posada.db.engine import Database
from posada.db.models import Accommodation, Reservation
from posada.db.models_messaging import ContactReservation
from posada.domain.errors import NotFound
from posada.domain.reservation import OCCUPYING, Status, is_active
from posada.services.common import utcnow

SUMMARY = {"booking": "Reservado", "block": "No disponible"}


def exported(row: Any, linked: frozenset[int] = frozenset()) -> bool:
    """Is this active row shown to the channels? Blocks and confirmed stays always; holds
    only with a guest contact: a phone, an e-mail, or a messaging contact it is ``linked``
    to (reservation ids; a WhatsApp guest may hide the phone) — see the module docstring."""
    return (row.status != Status.PRE_RESERVED.value or bool(row.phone_key or row.email_key)
            or row.id in linked)


#: The last body built per (accommodation, exclude), with the rows it was built from: channels
#: poll often and the calendar seldom changes, and serialising with ``icalendar`` costs about
#: 0.2 ms per event.
_BUILT: OrderedDict[tuple[int, str | None], tuple[tuple[Any, ...], bytes]] = OrderedDict()
BUILT_KEPT = 512


async def export_feed(
    db: Database, slug: str, token: str, exclude: str | None = None, now: datetime | None = None
) -> bytes:
    """The ``.ics`` bytes for accommodation ``slug``.

    Args:
        token: the accommodation's feed token (compared in constant time).
        exclude: a channel (``airbnb``, ``booking``, …) whose rows are left out, so a channel
            does not get its own bookings back.

    Raises:
        NotFound: unknown slug or wrong token (one answer for both, to not reveal slugs).
    """
    now = now or utcnow()
    async with db.session() as session:
        accommodation = await session.scalar(
            select(Accommodation).where(Accommodation.slug == slug)
        )
        if accommodation is None or not hmac.compare_digest(
            accommodation.ical_token.encode(), token.encode()
        ):
            raise NotFound("Unknown calendar.")
        query = select(Reservation.id, Reservation.code, Reservation.kind, Reservation.status,
                       Reservation.expires_at, Reservation.phone_key, Reservation.email_key,
                       Reservation.updated_at, Reservation.check_in,
                       Reservation.check_out).where(
            Reservation.accommodation_id == accommodation.id,
            Reservation.status.in_([s.value for s in OCCUPYING]),
        )
        if exclude:
            query = query.where(Reservation.channel != exclude)
        rows = (await session.execute(query.order_by(Reservation.check_in,
                                                     Reservation.id))).all()
        bare = [r.id for r in rows if r.status == Status.PRE_RESERVED.value
                and not (r.phone_key or r.email_key)]
        linked = frozenset((await session.scalars(select(
            ContactReservation.reservation_id).where(
            ContactReservation.reservation_id.in_(bare)))).all()) if bare else frozenset()
    shown = [r for r in rows
             if is_active(Status(r.status), r.expires_at, now) and exported(r, linked)]
    name = " ".join(accommodation.name.split())
    built_from = (name, *((r.code, r.kind, r.check_in, r.check_out, r.updated_at)
                          for r in shown))
    key = (accommodation.id, exclude)
    cached = _BUILT.get(key)
    if cached is not None and cached[0] == built_from:
        _BUILT.move_to_end(key)
        return cached[1]
    feed = _build(name, shown)
    _BUILT[key] = (built_from, feed)
    if len(_BUILT) > BUILT_KEPT:
        _BUILT.popitem(last=False)
    return feed


def _build(name: str, rows: list[Any]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//Posada {__version__}//posada//ES")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for row in rows:
        event = Event()
        event.add("uid", f"{row.code}@posada")
        event.add("dtstamp", row.updated_at)
        event.add("dtstart", row.check_in)
        event.add("dtend", row.check_out)
        event.add("summary", SUMMARY.get(row.kind, "No disponible"))
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    feed: bytes = calendar.to_ical()
    return feed
