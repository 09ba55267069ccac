"""Reminders: a guest who took a hold over WhatsApp is told shortly before it expires."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, select
from sqlalchemy.exc import IntegrityError

from posada.db.engine import Database
from posada.db.models import Accommodation, Property, Reservation
from posada.db.models_messaging import Contact, ContactReservation, OutboxMessage
from posada.domain.reservation import Status
from posada.services.common import utcnow
from posada.services.guests import address_of
from posada.services.outbox import SERVICE_WINDOW, outbox_row


def reminder_text(code: str, cabin: str, expires_local: datetime) -> str:
    return (f"⏰ Tu pre-reserva {code} en {cabin} vence hoy a las {expires_local:%H:%M}. "
            "Si ya enviaste la seña, avisanos; si no, se libera sola.")


async def queue_reminders(db: Database, before: timedelta, now: datetime | None = None) -> int:
    """Queue one reminder per live WhatsApp hold expiring within ``before`` of ``now``
    (job ``send_reminders``), only while the guest's 24-hour window is open. Idempotent:
    each hold's reminder has the outbox key ``reminder:<code>``. Returns how many."""
    now = now or utcnow()
    key = "reminder:" + Reservation.code
    query = (
        select(Reservation, Contact, Accommodation.name, Property.timezone)
        .join(ContactReservation, ContactReservation.reservation_id == Reservation.id)
        .join(Contact, Contact.id == ContactReservation.contact_id)
        .join(Accommodation, Accommodation.id == Reservation.accommodation_id)
        .join(Property, Property.id == Reservation.property_id)
        .where(Reservation.status == Status.PRE_RESERVED.value,
               Reservation.expires_at > now, Reservation.expires_at <= now + before,
               Contact.last_inbound_at >= now - SERVICE_WINDOW,
               ~exists().where(and_(OutboxMessage.dedupe_key == key))))
    async with db.session() as session:
        due = (await session.execute(query)).all()
    queued = 0
    for hold, contact, cabin, zone in due:
        assert hold.expires_at is not None
        text = reminder_text(hold.code, cabin, hold.expires_at.astimezone(ZoneInfo(zone)))
        try:
            async with db.transaction() as session:
                session.add(outbox_row(hold.property_id, "reminder", address_of(contact),
                                       {"type": "text", "body": text}, contact_id=contact.id,
                                       dedupe_key=f"reminder:{hold.code}", now=now))
            queued += 1
        except IntegrityError:
            continue  # another runner queued it first
    return queued
