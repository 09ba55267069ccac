"""What the owner (and a guest who lost a hold) is told when a channel feed changes the
calendar. Messages go through the outbox in the sync's own transaction, each once
(``dedupe_key``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from posada.conversation.texts import span
from posada.db.models import Accommodation, Reservation
from posada.db.models_feeds import Feed, FeedBlock, FeedEvent
from posada.db.models_messaging import Contact, ContactReservation, OutboxMessage
from posada.services.guests import address_of
from posada.services.outbox import OutboxPolicy, outbox_row, owner_alert

CHANNEL_NAMES = {"airbnb": "Airbnb", "booking": "Booking.com", "vrbo": "Vrbo",
                 "google": "Google Calendar", "other": "Un calendario externo"}
_MONTHS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")


def short_span(check_in: date, check_out: date) -> str:
    """``12–15 ene``, ``30 dic–2 ene`` (check-out day shown, as channels do)."""
    if (check_in.year, check_in.month) == (check_out.year, check_out.month):
        return f"{check_in.day}–{check_out.day} {_MONTHS[check_out.month - 1]}"
    return (f"{check_in.day} {_MONTHS[check_in.month - 1]}–{check_out.day} "
            f"{_MONTHS[check_out.month - 1]}")


def _tell_owner(session: AsyncSession, policy: OutboxPolicy, property_id: int, body: str,
                key: str, now: datetime) -> None:
    alert = owner_alert(property_id, policy, body, now)
    if alert is not None:
        alert.dedupe_key = key[:200]
        session.add(alert)


def stay_gone(session: AsyncSession, policy: OutboxPolicy, feed: Feed, place: Accommodation,
              event: FeedEvent, now: datetime) -> None:
    """A reservation left the feed: its nights are free again."""
    _tell_owner(session, policy, feed.property_id,
                f"{CHANNEL_NAMES.get(feed.channel, feed.channel)} canceló "
                f"{short_span(event.check_in, event.check_out)} en {place.name}: esas noches "
                "quedaron libres.", f"ical-gone:{event.id}", now)


async def conflict(session: AsyncSession, policy: OutboxPolicy, feed: Feed,
                   place: Accommodation, event: FeedEvent, holder: Reservation,
                   check_in: date, check_out: date, now: datetime) -> None:
    """An event wants nights another row holds: both are kept, the owner decides."""
    what = "una reserva" if event.kind == "reservation" else "un bloqueo"
    _tell_owner(session, policy, feed.property_id,
                f"⚠️ Conflicto en {place.name}: {CHANNEL_NAMES.get(feed.channel, feed.channel)} "
                f"trae {what} {short_span(check_in, check_out)}, pero esas noches ya las tiene "
                f"{await _holder(session, holder)}. Revisá y cancelá una de las dos.",
                f"ical-conflict:{event.id}:{holder.id}:{check_in}:{check_out}", now)


async def _holder(session: AsyncSession, holder: Reservation) -> str:
    if holder.kind == "booking":
        guest = f" de {holder.guest_name}" if holder.guest_name else ""
        return f"la reserva {holder.code}{guest}"
    channel = await session.scalar(
        select(Feed.channel).join(FeedEvent, FeedEvent.feed_id == Feed.id)
        .join(FeedBlock, FeedBlock.feed_event_id == FeedEvent.id)
        .where(FeedBlock.reservation_id == holder.id))
    if channel is None:
        return "un bloqueo tuyo"
    return f"un bloqueo de {CHANNEL_NAMES.get(channel, channel)}"


async def hold_lost(session: AsyncSession, policy: OutboxPolicy, feed: Feed,
                    place: Accommodation, hold: Reservation, now: datetime) -> None:
    """A channel's booking took the nights of a hold: the hold was cancelled."""
    channel = CHANNEL_NAMES.get(feed.channel, feed.channel)
    guest = f" de {hold.guest_name}" if hold.guest_name else ""
    _tell_owner(session, policy, feed.property_id,
                f"{channel} ocupó {short_span(hold.check_in, hold.check_out)} en {place.name}: "
                f"cancelé la pre-reserva {hold.code}{guest}, que todavía no estaba pagada.",
                f"ical-hold:{hold.id}", now)
    contact = await session.scalar(
        select(Contact).join(ContactReservation, ContactReservation.contact_id == Contact.id)
        .where(ContactReservation.reservation_id == hold.id))
    if contact is None:
        return
    name = f", {hold.guest_name.split()[0]}" if hold.guest_name else ""
    body = (f"Perdón{name} 😕: las noches {span(hold.check_in, hold.check_out)} en "
            f"{place.name} se acaban de reservar por otro canal y tu pre-reserva {hold.code} "
            "quedó cancelada (no se cobró nada). ¿Buscamos otras fechas u otra cabaña?")
    row: OutboxMessage = outbox_row(
        feed.property_id, "reply", address_of(contact), {"type": "text", "body": body},
        contact_id=contact.id, dedupe_key=f"ical-hold-guest:{hold.id}", now=now,
        channel=policy.channel)
    session.add(row)
