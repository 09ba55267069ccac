"""SQLAlchemy 2 models. Every table carries ``property_id`` so many properties share one database.

Guest reservations and blocks live in one table, ``reservations`` (``kind`` = ``booking`` or
``block``), because the no-overlap rule (README, "How it keeps its promises") must be enforced
by the database over both, and a PostgreSQL exclusion constraint covers one table.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from posada.db.types import Money, Ratio, UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Property(Base):
    __tablename__ = "properties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    timezone: Mapped[str] = mapped_column(String(64), default="America/Argentina/Buenos_Aires")
    currency: Mapped[str] = mapped_column(String(3), default="ARS")
    weekend_multiplier: Mapped[Decimal] = mapped_column(Ratio(), default=Decimal("1"))
    holidays_as_weekend: Mapped[bool] = mapped_column(Boolean, default=True)
    #: What the bot tells guests: info topic (``checkin_time``, ``address``, …) → Spanish text.
    info: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    map_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    #: How to pay a deposit (bank-transfer alias/CBU) until Mercado Pago is set up.
    payment_instructions: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: Refund tiers ``[{"days_before": 15, "refund_percent": "100"}, …]``; ``None``: the
    #: default policy (``posada.domain.cancellation.DEFAULT_POLICY``).
    cancellation_policy: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    accommodations: Mapped[list[Accommodation]] = relationship(
        back_populates="property", lazy="raise"
    )


class Accommodation(Base):
    __tablename__ = "accommodations"
    __table_args__ = (
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        CheckConstraint("min_nights >= 1", name="min_nights_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int] = mapped_column(Integer)
    base_price: Mapped[Decimal] = mapped_column(Money())
    currency: Mapped[str] = mapped_column(String(3), default="ARS")
    cleaning_fee: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    min_nights: Mapped[int] = mapped_column(Integer, default=1)
    ical_token: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    property: Mapped[Property] = relationship(back_populates="accommodations", lazy="raise")


class Season(Base):
    __tablename__ = "seasons"
    __table_args__ = (
        CheckConstraint("end_date > start_date", name="dates_ordered"),
        CheckConstraint("min_nights >= 1", name="min_nights_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"), index=True)
    accommodation_id: Mapped[int | None] = mapped_column(
        ForeignKey("accommodations.id", ondelete="CASCADE"), nullable=True
    )
    name: Mapped[str] = mapped_column(String(120))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    multiplier: Mapped[Decimal | None] = mapped_column(Ratio(), nullable=True)
    nightly_price: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    min_nights: Mapped[int] = mapped_column(Integer, default=1)


class Reservation(Base):
    """A guest reservation (``kind='booking'``) or a block (``kind='block'``) of one stay."""

    __tablename__ = "reservations"
    __table_args__ = (
        CheckConstraint("check_out > check_in", name="stay_not_empty"),
        CheckConstraint("kind IN ('booking', 'block')", name="kind_known"),
        Index("ix_reservations_calendar", "accommodation_id", "status", "check_in"),
        Index("ix_reservations_hold_expiry", "status", "expires_at"),
        *(
            Index(f"ix_reservations_live_{key}", key,
                  postgresql_where=text(f"status = 'pre_reserved' AND {key} IS NOT NULL"),
                  sqlite_where=text(f"status = 'pre_reserved' AND {key} IS NOT NULL"))
            for key in ("phone_key", "email_key", "client_key")
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"), index=True)
    accommodation_id: Mapped[int] = mapped_column(ForeignKey("accommodations.id"))
    kind: Mapped[str] = mapped_column(String(10), default="booking")
    code: Mapped[str] = mapped_column(String(16), unique=True)
    status: Mapped[str] = mapped_column(String(20))
    check_in: Mapped[date] = mapped_column(Date)
    check_out: Mapped[date] = mapped_column(Date)
    guests: Mapped[int | None] = mapped_column(Integer, nullable=True)
    guest_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    guest_phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    guest_email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    channel: Mapped[str] = mapped_column(String(20), default="web")
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    external_uid: Mapped[str | None] = mapped_column(String(255), nullable=True)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    currency: Mapped[str | None] = mapped_column(String(3), nullable=True)
    total: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    deposit: Mapped[Decimal | None] = mapped_column(Money(), nullable=True)
    quote: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    #: Normalised guest contact (E.164 phone, lower-case e-mail) and a keyed hash of the
    #: client address: live holds are capped per guest and per client.
    phone_key: Mapped[str | None] = mapped_column(String(20), nullable=True)
    email_key: Mapped[str | None] = mapped_column(String(254), nullable=True)
    client_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    accommodation: Mapped[Accommodation] = relationship(lazy="raise")


class ReservationEvent(Base):
    """Audit trail: one row per state change of a reservation or block."""

    __tablename__ = "reservation_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"))
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"), index=True)
    verb: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    to_status: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(80), default="system")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AdminUser(Base):
    __tablename__ = "admin_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Part of every token: bumped on deactivation and re-activation, so old tokens die.
    token_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
