"""Channel feeds: iCal URLs imported per accommodation, the events each fetch brought, the
calendar blocks they hold and the conflicts they met; inbound events get an order key (the
sender), so one guest's deliveries are processed in the order they came.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from posada.db.types import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _fk(name: str, table: str, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), sa.ForeignKey(f"{table}.id"), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("inbound_events") as batch:
        batch.add_column(sa.Column("order_key", sa.String(140)))
    op.create_index("ix_inbound_events_order", "inbound_events", ["order_key", "status"])
    op.create_table(
        "feeds", _id(), _fk("property_id", "properties"),
        _fk("accommodation_id", "accommodations"),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("etag", sa.String(500)), sa.Column("last_modified", sa.String(100)),
        sa.Column("last_attempt_at", UTCDateTime()), sa.Column("last_success_at", UTCDateTime()),
        sa.Column("last_result", sa.String(20)), sa.Column("last_error", sa.Text()),
        sa.Column("last_event_count", sa.Integer()),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_sync_at", UTCDateTime(), nullable=False),
        sa.Column("locked_until", UTCDateTime()),
        sa.Column("empty_since", UTCDateTime()),
        sa.Column("unfilled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("accommodation_id", "url", name="uq_feeds_url"),
    )
    op.create_index("ix_feeds_due", "feeds", ["enabled", "next_sync_at"])
    op.create_table(
        "feed_events", _id(), _fk("feed_id", "feeds"), _fk("accommodation_id", "accommodations"),
        sa.Column("uid", sa.String(500)), sa.Column("recurrence_id", sa.String(64)),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("summary", sa.String(500)), sa.Column("description", sa.Text()),
        sa.Column("url", sa.String(1000)),
        sa.Column("check_in", sa.Date(), nullable=False),
        sa.Column("check_out", sa.Date(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("ignored", sa.Boolean(), nullable=False),
        sa.Column("first_seen_at", UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", UTCDateTime(), nullable=False),
        sa.Column("gone_at", UTCDateTime()),
    )
    op.create_index("ix_feed_events_feed", "feed_events", ["feed_id", "status"])
    op.create_table(
        "feed_blocks",
        sa.Column("reservation_id", sa.Integer(), sa.ForeignKey("reservations.id"),
                  primary_key=True),
        _fk("feed_event_id", "feed_events"),
    )
    op.create_index("ix_feed_blocks_event", "feed_blocks", ["feed_event_id"])
    op.create_table(
        "feed_conflicts", _id(), _fk("feed_event_id", "feed_events"),
        _fk("accommodation_id", "accommodations"),
        _fk("reservation_id", "reservations"),
        sa.Column("check_in", sa.Date(), nullable=False),
        sa.Column("check_out", sa.Date(), nullable=False),
        sa.Column("detected_at", UTCDateTime(), nullable=False),
        sa.Column("resolved_at", UTCDateTime()),
    )
    op.create_index("ix_feed_conflicts_open", "feed_conflicts", ["resolved_at", "feed_event_id"])


def downgrade() -> None:
    for table in ("feed_conflicts", "feed_blocks", "feed_events", "feeds"):
        op.drop_table(table)
    op.drop_index("ix_inbound_events_order", "inbound_events")
    with op.batch_alter_table("inbound_events") as batch:
        batch.drop_column("order_key")
