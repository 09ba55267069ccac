"""Guest channels: contacts, conversations, inbound events and messages, statuses, outbox;
what the bot may tell guests about a property.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from posada.db.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _property() -> sa.Column[int]:
    return sa.Column("property_id", sa.Integer(), sa.ForeignKey("properties.id"), nullable=False)


def upgrade() -> None:
    with op.batch_alter_table("properties") as batch:
        batch.add_column(sa.Column("info", sa.JSON(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("map_url", sa.String(500), nullable=True))
        batch.add_column(sa.Column("payment_instructions", sa.Text(), nullable=True))
    op.create_table(
        "contacts", _id(), _property(),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("phone", sa.String(20)), sa.Column("phone_key", sa.String(20)),
        sa.Column("wa_id", sa.String(20)), sa.Column("user_id", sa.String(128)),
        sa.Column("profile_name", sa.String(200)),
        sa.Column("last_inbound_at", UTCDateTime()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("property_id", "phone_key", name="uq_contacts_phone"),
        sa.UniqueConstraint("property_id", "user_id", name="uq_contacts_user"),
    )
    op.create_table(
        "conversations", _id(), _property(),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id"), nullable=False,
                  unique=True),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("paused_until", UTCDateTime()),
        sa.Column("handoff_reason", sa.String(200)),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "inbound_events", _id(),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("locked_until", UTCDateTime()),
        sa.Column("last_error", sa.Text()),
        sa.Column("items", sa.Integer()),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("processed_at", UTCDateTime()),
    )
    op.create_index("ix_inbound_events_due", "inbound_events", ["status", "next_attempt_at"])
    op.create_table(
        "inbound_messages", _id(), _property(),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id")),
        sa.Column("wamid", sa.String(200), nullable=False, unique=True),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("text", sa.Text()),
        sa.Column("raw", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("sent_at", UTCDateTime()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "message_statuses", _id(),
        sa.Column("provider_id", sa.String(200), nullable=False),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("at", UTCDateTime()),
        sa.Column("errors", sa.JSON()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("provider_id", "status", name="uq_message_statuses_once"),
    )
    op.create_table(
        "outbox", _id(), _property(),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id")),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("dedupe_key", sa.String(200), unique=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("locked_until", UTCDateTime()),
        sa.Column("last_error", sa.Text()),
        sa.Column("provider_id", sa.String(200)),
        sa.Column("delivery", sa.String(40)),
        sa.Column("delivery_rank", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime()),
    )
    op.create_index("ix_outbox_due", "outbox", ["status", "next_attempt_at"])
    op.create_index("ix_outbox_contact", "outbox", ["contact_id", "status"])
    op.create_index("ix_outbox_provider_id", "outbox", ["provider_id"])
    op.create_table(
        "contact_reservations",
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id"), primary_key=True),
        sa.Column("reservation_id", sa.Integer(), sa.ForeignKey("reservations.id"),
                  primary_key=True),
    )


def downgrade() -> None:
    for table in ("contact_reservations", "outbox", "message_statuses", "inbound_messages",
                  "inbound_events", "conversations", "contacts"):
        op.drop_table(table)
    with op.batch_alter_table("properties") as batch:
        batch.drop_column("payment_instructions")
        batch.drop_column("map_url")
        batch.drop_column("info")
