"""Tables of the deposit payments (Mercado Pago or manual).

A hold that can be paid online has one ``PaymentLink`` (the provider's checkout preference,
expiring with the hold). Each payment the provider reports is one ``Payment`` row holding its
status as last fetched (a notification is only a trigger: the truth is fetched); every
(payment, status) pair that was applied is one ``PaymentChange``, so a status is acted on once
however many times it is delivered. A ``Refund`` is due work: written with the change that
decides it and executed by a job with a deterministic idempotency key.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from posada.db.models import Base, utcnow
from posada.db.types import Money, UTCDateTime


class PaymentLink(Base):
    """The deposit's checkout link of one hold. ``status``: ``pending`` (not created yet:
    the provider could not be reached), ``created`` or ``failed`` (refused for good)."""

    __tablename__ = "payment_links"
    __table_args__ = (
        UniqueConstraint("reservation_id", name="uq_payment_links_reservation_id"),
        Index("ix_payment_links_status", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"))
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"))
    provider: Mapped[str] = mapped_column(String(20), default="mercadopago")
    status: Mapped[str] = mapped_column(String(12), default="pending")
    preference_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    url: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    collector_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    currency: Mapped[str] = mapped_column(String(3))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Payment(Base):
    """One provider payment as last fetched. ``status`` is the provider's word (unknown
    values kept as text), ``state`` ours (``posada.domain.payments.PaymentState``);
    ``reservation_id`` is ``None`` for a payment of an unknown reference (recorded, ignored);
    ``flag``: what the owner must look at (``amount_mismatch``, ``refund_due``,
    ``charged_back``, ``in_mediation``, ``other_collector``, ``unknown_reference``)."""

    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint("provider", "provider_payment_id", name="uq_payments_provider_id"),
        Index("ix_payments_reservation", "reservation_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    property_id: Mapped[int | None] = mapped_column(ForeignKey("properties.id"), nullable=True)
    reservation_id: Mapped[int | None] = mapped_column(ForeignKey("reservations.id"),
                                                       nullable=True)
    provider: Mapped[str] = mapped_column(String(20), default="mercadopago")
    provider_payment_id: Mapped[str] = mapped_column(String(40))
    external_reference: Mapped[str | None] = mapped_column(String(256), nullable=True)
    status: Mapped[str] = mapped_column(String(40))
    status_detail: Mapped[str | None] = mapped_column(String(100), nullable=True)
    state: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    currency: Mapped[str | None] = mapped_column(String(3), nullable=True)
    amount_refunded: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    collector_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    flag: Mapped[str | None] = mapped_column(String(30), nullable=True)
    provider_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    raw: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PaymentChange(Base):
    """A (payment, status) pair applied once; ``outcome`` says what it did (``confirmed``,
    ``refund_due``, ``amount_mismatch``, ``cancelled``, ``noted``, ``stale``, …)."""

    __tablename__ = "payment_changes"
    __table_args__ = (UniqueConstraint("payment_id", "status", name="uq_payment_changes_status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"))
    status: Mapped[str] = mapped_column(String(40))
    status_detail: Mapped[str | None] = mapped_column(String(100), nullable=True)
    outcome: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Refund(Base):
    """A refund to execute through the provider. ``status``: ``pending`` (due at
    ``next_attempt_at``), ``done``, ``failed`` (refused for good: the owner is told) or
    ``manual`` (no gateway: the owner refunds by hand); ``reason``: ``late_payment``,
    ``guest_cancel``, ``owner_cancel``, ``duplicate``."""

    __tablename__ = "refunds"
    __table_args__ = (
        UniqueConstraint("idempotency_key", name="uq_refunds_idempotency_key"),
        Index("ix_refunds_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"))
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"))
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"))
    amount: Mapped[Decimal] = mapped_column(Money())
    currency: Mapped[str] = mapped_column(String(3))
    reason: Mapped[str] = mapped_column(String(30))
    idempotency_key: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(12), default="pending")
    provider_refund_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
