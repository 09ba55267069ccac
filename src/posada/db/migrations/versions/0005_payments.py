"""Payments: the deposit's payment link per hold, the provider's payments as last fetched,
each (payment, status) applied once, refunds as due work; a cancellation policy per property.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from posada.db.types import Money, UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _fk(name: str, table: str, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), sa.ForeignKey(f"{table}.id"), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("properties") as batch:
        batch.add_column(sa.Column("cancellation_policy", sa.JSON()))
    op.create_table(
        "payment_links", _id(), _fk("property_id", "properties"),
        _fk("reservation_id", "reservations"),
        sa.Column("provider", sa.String(20), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("preference_id", sa.String(100)),
        sa.Column("url", sa.String(1000)),
        sa.Column("collector_id", sa.String(40)),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("expires_at", UTCDateTime()),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("reservation_id", name="uq_payment_links_reservation_id"),
    )
    op.create_index("ix_payment_links_status", "payment_links", ["status", "created_at"])
    op.create_table(
        "payments", _id(), _fk("property_id", "properties", nullable=True),
        _fk("reservation_id", "reservations", nullable=True),
        sa.Column("provider", sa.String(20), nullable=False),
        sa.Column("provider_payment_id", sa.String(40), nullable=False),
        sa.Column("external_reference", sa.String(256)),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("status_detail", sa.String(100)),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("amount", Money()),
        sa.Column("currency", sa.String(3)),
        sa.Column("amount_refunded", Money()),
        sa.Column("collector_id", sa.String(40)),
        sa.Column("flag", sa.String(30)),
        sa.Column("provider_updated_at", UTCDateTime()),
        sa.Column("approved_at", UTCDateTime()),
        sa.Column("raw", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("provider", "provider_payment_id", name="uq_payments_provider_id"),
    )
    op.create_index("ix_payments_reservation", "payments", ["reservation_id"])
    op.create_table(
        "payment_changes", _id(), _fk("payment_id", "payments"),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("status_detail", sa.String(100)),
        sa.Column("outcome", sa.String(30), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("payment_id", "status", name="uq_payment_changes_status"),
    )
    op.create_table(
        "refunds", _id(), _fk("property_id", "properties"),
        _fk("reservation_id", "reservations"), _fk("payment_id", "payments"),
        sa.Column("amount", Money(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("reason", sa.String(30), nullable=False),
        sa.Column("idempotency_key", sa.String(100), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("provider_refund_id", sa.String(40)),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("locked_until", UTCDateTime()),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("done_at", UTCDateTime()),
        sa.UniqueConstraint("idempotency_key", name="uq_refunds_idempotency_key"),
    )
    op.create_index("ix_refunds_due", "refunds", ["status", "next_attempt_at"])


def downgrade() -> None:
    for table in ("refunds", "payment_changes", "payments", "payment_links"):
        op.drop_table(table)
    with op.batch_alter_table("properties") as batch:
        batch.drop_column("cancellation_policy")
