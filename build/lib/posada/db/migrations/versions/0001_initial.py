"""Initial schema: properties, accommodations, seasons, reservations (+ blocks), audit, admins.

The no-overlap rule (README, "How it keeps its promises") is enforced here on both engines:
PostgreSQL by an exclusion constraint over ``daterange(check_in, check_out, '[)')`` with
``btree_gist``; SQLite by triggers that ``RAISE(ABORT, 'reservation_overlap')``.
A later SQLite batch migration of ``reservations`` must re-create these triggers.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from posada.db.types import Money, Ratio, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

OCCUPYING = "('pre_reserved', 'confirmed', 'blocked')"
OVERLAP_ERROR = "reservation_overlap"

SQLITE_TRIGGERS = [  # constant text only: no user input reaches these statements
    f"""
    CREATE TRIGGER reservations_no_overlap_insert BEFORE INSERT ON reservations
    WHEN NEW.status IN {OCCUPYING}
    BEGIN
        SELECT RAISE(ABORT, '{OVERLAP_ERROR}') WHERE EXISTS (
            SELECT 1 FROM reservations AS r
            WHERE r.accommodation_id = NEW.accommodation_id
              AND r.status IN {OCCUPYING}
              AND r.check_in < NEW.check_out AND NEW.check_in < r.check_out);
    END
    """,
    f"""
    CREATE TRIGGER reservations_no_overlap_update
    BEFORE UPDATE OF accommodation_id, check_in, check_out, status ON reservations
    WHEN NEW.status IN {OCCUPYING}
    BEGIN
        SELECT RAISE(ABORT, '{OVERLAP_ERROR}') WHERE EXISTS (
            SELECT 1 FROM reservations AS r
            WHERE r.id != NEW.id
              AND r.accommodation_id = NEW.accommodation_id
              AND r.status IN {OCCUPYING}
              AND r.check_in < NEW.check_out AND NEW.check_in < r.check_out);
    END
    """,
]


def upgrade() -> None:
    op.create_table(
        "properties",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("slug", sa.String(80), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("weekend_multiplier", Ratio(), nullable=False),
        sa.Column("holidays_as_weekend", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("slug", name="uq_properties_slug"),
    )
    op.create_table(
        "accommodations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("property_id", sa.Integer(), sa.ForeignKey("properties.id"), nullable=False),
        sa.Column("slug", sa.String(80), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("base_price", Money(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("cleaning_fee", Money(), nullable=False),
        sa.Column("min_nights", sa.Integer(), nullable=False),
        sa.Column("ical_token", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("slug", name="uq_accommodations_slug"),
        sa.CheckConstraint("capacity >= 1", name=op.f("ck_accommodations_capacity_positive")),
        sa.CheckConstraint("min_nights >= 1", name=op.f("ck_accommodations_min_nights_positive")),
    )
    op.create_index("ix_accommodations_property_id", "accommodations", ["property_id"])
    op.create_table(
        "seasons",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("property_id", sa.Integer(), sa.ForeignKey("properties.id"), nullable=False),
        sa.Column(
            "accommodation_id",
            sa.Integer(),
            sa.ForeignKey("accommodations.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("multiplier", Ratio(), nullable=True),
        sa.Column("nightly_price", Money(), nullable=True),
        sa.Column("min_nights", sa.Integer(), nullable=False),
        sa.CheckConstraint("end_date > start_date", name=op.f("ck_seasons_dates_ordered")),
        sa.CheckConstraint("min_nights >= 1", name=op.f("ck_seasons_min_nights_positive")),
    )
    op.create_index("ix_seasons_property_id", "seasons", ["property_id"])
    op.create_table(
        "reservations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("property_id", sa.Integer(), sa.ForeignKey("properties.id"), nullable=False),
        sa.Column(
            "accommodation_id", sa.Integer(), sa.ForeignKey("accommodations.id"), nullable=False
        ),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("check_in", sa.Date(), nullable=False),
        sa.Column("check_out", sa.Date(), nullable=False),
        sa.Column("guests", sa.Integer(), nullable=True),
        sa.Column("guest_name", sa.String(200), nullable=True),
        sa.Column("guest_phone", sa.String(40), nullable=True),
        sa.Column("guest_email", sa.String(254), nullable=True),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("external_uid", sa.String(255), nullable=True),
        sa.Column("expires_at", UTCDateTime(), nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("total", Money(), nullable=True),
        sa.Column("deposit", Money(), nullable=True),
        sa.Column("quote", sa.JSON(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("code", name="uq_reservations_code"),
        sa.CheckConstraint("check_out > check_in", name=op.f("ck_reservations_stay_not_empty")),
        sa.CheckConstraint("kind IN ('booking', 'block')", name=op.f("ck_reservations_kind_known")),
    )
    op.create_index("ix_reservations_property_id", "reservations", ["property_id"])
    op.create_index(
        "ix_reservations_calendar", "reservations", ["accommodation_id", "status", "check_in"]
    )
    op.create_index("ix_reservations_hold_expiry", "reservations", ["status", "expires_at"])
    op.create_table(
        "reservation_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("property_id", sa.Integer(), sa.ForeignKey("properties.id"), nullable=False),
        sa.Column(
            "reservation_id", sa.Integer(), sa.ForeignKey("reservations.id"), nullable=False
        ),
        sa.Column("verb", sa.String(20), nullable=False),
        sa.Column("from_status", sa.String(20), nullable=True),
        sa.Column("to_status", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
    )
    op.create_index(
        "ix_reservation_events_reservation_id", "reservation_events", ["reservation_id"]
    )
    op.create_table(
        "admin_users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("username", name="uq_admin_users_username"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute(
            "ALTER TABLE reservations ADD CONSTRAINT reservations_no_overlap "
            "EXCLUDE USING gist (accommodation_id WITH =, "
            "daterange(check_in, check_out, '[)') WITH &&) "
            f"WHERE (status IN {OCCUPYING})"
        )
    else:
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE reservations DROP CONSTRAINT IF EXISTS reservations_no_overlap")
    else:
        op.execute("DROP TRIGGER IF EXISTS reservations_no_overlap_update")
        op.execute("DROP TRIGGER IF EXISTS reservations_no_overlap_insert")
    op.drop_table("admin_users")
    op.drop_table("reservation_events")
    op.drop_table("reservations")
    op.drop_table("seasons")
    op.drop_table("accommodations")
    op.drop_table("properties")
