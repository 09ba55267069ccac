"""Tables of the guest channels: contacts, conversations, inbound events, outbox, statuses.

Due work lives in rows any job runner can pick up: ``inbound_events`` (raw deliveries waiting
to be processed) and ``outbox`` (messages waiting to be sent). Both are claimed with a lease
(``locked_until``) so a crashed runner's rows come back, and retried with backoff
(``next_attempt_at``) until ``dead``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from posada.db.models import Base, utcnow
from posada.db.types import UTCDateTime


class Contact(Base):
    """One guest on a channel: a WhatsApp phone (E.164 and the ``wa_id`` Meta sent), a
    business-scoped user id (BSUID), or both once linked. ``last_inbound_at`` opens the
    24-hour customer-service window."""

    __tablename__ = "contacts"
    __table_args__ = (
        UniqueConstraint("property_id", "phone_key", name="phone"),
        UniqueConstraint("property_id", "user_id", name="user"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"))
    channel: Mapped[str] = mapped_column(String(20), default="whatsapp")
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    phone_key: Mapped[str | None] = mapped_column(String(20), nullable=True)
    wa_id: Mapped[str | None] = mapped_column(String(20), nullable=True)
    user_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    profile_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    last_inbound_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Conversation(Base):
    """The dialogue state of one contact (``posada.conversation.state.State`` as JSON);
    ``paused_until``: a person took over (handoff) and the bot stays silent until then."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), unique=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    handoff_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class InboundEvent(Base):
    """A raw delivery accepted from a provider (signature checked), stored before answering.

    ``status``: ``pending`` → ``done``, or ``dead`` after ``attempts`` reached the limit.
    """

    __tablename__ = "inbound_events"
    __table_args__ = (Index("ix_inbound_events_due", "status", "next_attempt_at"),
                      Index("ix_inbound_events_order", "order_key", "status"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(20))
    #: the sender (``phone:+549…`` or ``user:AR.…``) when one sent the whole delivery
    order_key: Mapped[str | None] = mapped_column(String(140), nullable=True)
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    items: Mapped[int | None] = mapped_column(Integer, nullable=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class InboundMessage(Base):
    """One guest message, once: the unique ``wamid`` makes a redelivery change nothing."""

    __tablename__ = "inbound_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), nullable=True)
    wamid: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(40))
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    raw: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    outcome: Mapped[str] = mapped_column(String(20))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MessageStatus(Base):
    """One (message id, status) report from the provider, once."""

    __tablename__ = "message_statuses"
    __table_args__ = (UniqueConstraint("provider_id", "status", name="once"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider_id: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    errors: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OutboxMessage(Base):
    """A message to send, written in the transaction of the change that caused it.

    ``status``: ``pending`` → ``sending`` (claimed: the call to the provider is under way)
    → ``sent``; ``dead`` on a final error or after the last attempt; ``uncertain`` when a
    runner died during the call (not resent: the guest may already have it).
    ``delivery`` is the provider's latest report (``sent`` < ``delivered`` < ``read`` <
    ``played``; ``failed``), never moved backwards.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_contact", "contact_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"))
    channel: Mapped[str] = mapped_column(String(20), default="whatsapp")
    kind: Mapped[str] = mapped_column(String(20))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), nullable=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True, nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    provider_id: Mapped[str | None] = mapped_column(String(200), nullable=True, index=True)
    delivery: Mapped[str | None] = mapped_column(String(40), nullable=True)
    delivery_rank: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class ContactReservation(Base):
    """Which contact took which reservation (a BSUID-only guest has no phone to match)."""

    __tablename__ = "contact_reservations"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), primary_key=True)
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"), primary_key=True)
