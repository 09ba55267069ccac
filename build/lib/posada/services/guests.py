"""Guests on the messaging channels: one ``Contact`` per person, by phone or WhatsApp user id.

Since 2026 a WhatsApp sender may hide the phone and be known only by a business-scoped user
id (BSUID, ``AR.1349…``). A contact is found by whichever the message carries; when both come
and belong to two rows, the BSUID moves to the phone's row (the phone is the stronger link:
reservations carry it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from posada.db.engine import Database
from posada.db.models import Accommodation, Property, Reservation
from posada.db.models_messaging import Contact, ContactReservation
from posada.domain.contacts import phone_key
from posada.domain.errors import NotFound
from posada.services.ports import Address


async def messaging_property(session: AsyncSession, slug: str | None) -> Property:
    """The property the WhatsApp number serves: ``POSADA_WHATSAPP_PROPERTY`` or the first.

    Raises:
        NotFound: no such property (or none at all).
    """
    query = select(Property).order_by(Property.id).limit(1)
    if slug:
        query = select(Property).where(Property.slug == slug)
    found = await session.scalar(query)
    if found is None:
        raise NotFound("No property is set up for messaging.", slug=slug)
    return found


async def resolve_contact(
    db: Database, property_id: int, *, phone: str | None, wa_id: str | None,
    user_id: str | None, profile_name: str | None, seen_at: datetime | None,
) -> Contact:
    """Find or create the contact of a sender and note what the message tells of them.

    Args:
        phone: E.164 (``+5492944123456``) or ``None``; wa_id: the digits as the channel sent
            them; user_id: the BSUID or ``None``; seen_at: aware UTC instant of the message
            (moves ``last_inbound_at`` forward only).

    Raises:
        ValueError: neither a phone nor a user id.
    """
    key = phone_key(phone)
    if key is None and not user_id:
        raise ValueError("a sender needs a phone or a user id")
    for attempt in range(3):
        try:
            async with db.transaction() as session:
                return await _resolve(session, property_id, key, phone, wa_id, user_id,
                                      profile_name, seen_at)
        except IntegrityError:  # another runner created the same contact at once
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


async def _matches(session: AsyncSession, property_id: int, key: str | None,
                   user_id: str | None) -> list[Contact]:
    """The contacts with the phone key or the user id (at most one each)."""
    found_by = [Contact.phone_key == key] if key else []
    if user_id:
        found_by.append(Contact.user_id == user_id)
    if not found_by:
        return []
    return list((await session.scalars(select(Contact).where(
        Contact.property_id == property_id, or_(*found_by)))).all())


async def _resolve(session: AsyncSession, property_id: int, key: str | None,
                   phone: str | None, wa_id: str | None, user_id: str | None,
                   profile_name: str | None, seen_at: datetime | None) -> Contact:
    matches = await _matches(session, property_id, key, user_id)
    by_phone = next((c for c in matches if key and c.phone_key == key), None)
    by_user = next((c for c in matches if user_id and c.user_id == user_id), None)
    contact = by_phone or by_user
    if by_phone is not None and by_user is not None and by_phone is not by_user:
        by_user.user_id = None  # the BSUID joins the phone's contact
        await session.flush()
    if contact is None:
        contact = Contact(property_id=property_id, channel="whatsapp")
        session.add(contact)
    if key:
        contact.phone, contact.phone_key = phone, key
        contact.wa_id = wa_id or contact.wa_id
    if user_id:
        contact.user_id = user_id
    if profile_name:
        contact.profile_name = profile_name[:200]
    if seen_at is not None and (contact.last_inbound_at is None
                                or seen_at > contact.last_inbound_at):
        contact.last_inbound_at = seen_at
    await session.flush()
    return contact


async def known_contact(
    session: AsyncSession, property_id: int, *, phone: str | None, wa_id: str | None,
    user_id: str | None,
) -> Contact | None:
    """The sender's contact when it exists and the message adds nothing to link (same
    phone, ``wa_id`` and user id as stored); else ``None`` (``resolve_contact`` writes).
    The window and the profile name move with the message's own transaction."""
    key = phone_key(phone)
    matches = await _matches(session, property_id, key, user_id)
    if len(matches) != 1:
        return None
    contact = matches[0]
    if (key and (contact.phone_key != key or (wa_id and contact.wa_id != wa_id))) or (
            user_id and contact.user_id != user_id):
        return None
    return contact


def contact_label(contact: Contact | None) -> str:
    """How the owner's messages name a guest: profile name and phone (or user id)."""
    if contact is None:
        return "un huésped"
    parts = (contact.profile_name, contact.phone or contact.user_id)
    return " ".join(p for p in parts if p) or "un huésped"


def address_of(contact: Contact) -> Address:
    """Where replies to ``contact`` go: the ``wa_id`` (or phone digits), else the BSUID."""
    return Address(phone=contact.wa_id or (contact.phone or "").lstrip("+") or None,
                   user_id=None if (contact.wa_id or contact.phone) else contact.user_id)


async def change_identity(
    db: Database, property_id: int, *, old_user_id: str | None = None,
    new_user_id: str | None = None, old_phone: str | None = None,
    new_phone: str | None = None, new_wa_id: str | None = None,
) -> bool:
    """Apply WhatsApp's ``user_changed_user_id`` (a new BSUID) or ``user_changed_number``
    (a new phone: E.164 ``new_phone`` and its ``new_wa_id`` digits) notice to the contact
    known by the old value; nothing moves when another contact already has the new one.
    Returns whether a contact changed."""
    new_key, old_key = phone_key(new_phone), phone_key(old_phone)
    changes: list[tuple[ColumnElement[bool], ColumnElement[bool], dict[str, object]]] = []
    if old_user_id and new_user_id and old_user_id != new_user_id:
        changes.append((Contact.user_id == old_user_id, Contact.user_id == new_user_id,
                        {"user_id": new_user_id}))
    if old_key and new_key and old_key != new_key:
        changes.append((Contact.phone_key == old_key, Contact.phone_key == new_key,
                        {"phone": new_phone, "phone_key": new_key, "wa_id": new_wa_id}))
    moved = False
    async with db.transaction() as session:
        for old, new, values in changes:
            if await session.scalar(select(Contact.id).where(
                    Contact.property_id == property_id, new)) is not None:
                continue
            result = await session.execute(update(Contact).where(
                Contact.property_id == property_id, old).values(**values))
            moved = moved or bool(getattr(result, "rowcount", 0))
    return moved


async def contact_reservations(
    session: AsyncSession, contact: Contact, limit: int = 10
) -> Sequence[tuple[Reservation, str]]:
    """The contact's guest reservations (matched by phone key or linked when taken through
    the channel), newest stays first, each with its accommodation's name."""
    linked = select(ContactReservation.reservation_id).where(
        ContactReservation.contact_id == contact.id)
    mine: ColumnElement[bool] = Reservation.id.in_(linked)
    if contact.phone_key:
        mine = or_(mine, Reservation.phone_key == contact.phone_key)
    rows = await session.execute(
        select(Reservation, Accommodation.name)
        .join(Accommodation, Accommodation.id == Reservation.accommodation_id)
        .where(Reservation.kind == "booking", Reservation.property_id == contact.property_id,
               mine)
        .order_by(Reservation.check_in.desc()).limit(limit))
    return [(row[0], row[1]) for row in rows.all()]
