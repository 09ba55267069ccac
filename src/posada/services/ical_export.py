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
from datetime import datetime

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


def exported(row: Reservation, linked: frozenset[int] = frozenset()) -> bool:
    """Is this active row shown to the channels? Blocks and confirmed stays always; holds
    only with a guest contact: a phone, an e-mail, or a messaging contact it is ``linked``
    to (reservation ids; a WhatsApp guest may hide the phone) — see the module docstring."""
    return (row.status != Status.PRE_RESERVED.value or bool(row.phone_key or row.email_key)
            or row.id in linked)


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
        query = select(Reservation).where(
            Reservation.accommodation_id == accommodation.id,
            Reservation.status.in_([s.value for s in OCCUPYING]),
        )
        if exclude:
            query = query.where(Reservation.channel != exclude)
        rows = (await session.scalars(query.order_by(Reservation.check_in))).all()
        bare = [r.id for r in rows if r.status == Status.PRE_RESERVED.value
                and not (r.phone_key or r.email_key)]
        linked = frozenset((await session.scalars(select(
            ContactReservation.reservation_id).where(
            ContactReservation.reservation_id.in_(bare)))).all()) if bare else frozenset()
    calendar = Calendar()
    calendar.add("prodid", f"-//Posada {__version__}//posada//ES")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", " ".join(accommodation.name.split()))
    for row in rows:
        if not is_active(Status(row.status), row.expires_at, now) or not exported(row, linked):
            continue
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
