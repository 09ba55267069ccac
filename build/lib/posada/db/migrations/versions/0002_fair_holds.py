"""Fair holds and one-round-trip holds on PostgreSQL; admin token versions.

- ``reservations.phone_key`` / ``email_key`` / ``client_key``: the normalised guest contact and
  a keyed hash of the client address, so live holds can be capped per guest and per client
  (partial indexes over live holds only).
- ``admin_users.token_version``: bumped on deactivation and re-activation so old tokens die.
- PostgreSQL: ``posada_place_hold(...)``, one statement that serialises the accommodation's
  writers (advisory locks: the guest's keys in sorted order, then the accommodation's, the
  same lock every writer of that calendar takes first), expires its stale
  holds, checks the caps and the nights, inserts the hold and writes both audit entries.
  It returns ``(outcome, reservation_id, detail)`` (``detail``: the seconds to wait, for a
  cap); the exclusion constraint stays the last guard. The status and verb names are the
  ones of ``posada.domain.reservation`` (tests/db/test_migrations.py checks they agree).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: Advisory-lock namespaces (first argument of ``pg_advisory_xact_lock(int, int)``): one
#: accommodation's writers, one guest key's holds. ``posada.db.calendar`` uses the same.
ACCOMMODATION_LOCK_SPACE = 7300
GUEST_LOCK_SPACE = 7301

#: One cap check: when the guest has ``cap`` live holds or more matching ``match``, answer
#: ``outcome`` with the seconds until the oldest of them expires.
CAP_CHECK = """\
    IF {cap} > 0 AND {applies} THEN
        SELECT ceil(extract(epoch FROM min(r.expires_at) - p_now))::integer::text
        INTO v_detail FROM (
            SELECT r2.expires_at FROM reservations r2
            WHERE r2.status = 'pre_reserved' AND r2.expires_at > p_now AND {match}
            ORDER BY r2.expires_at LIMIT {cap}) r
        HAVING count(*) >= {cap};
        IF v_detail IS NOT NULL THEN
            RETURN QUERY SELECT '{outcome}'::text, NULL::integer, v_detail;
            RETURN;
        END IF;
    END IF;"""
CAP_CONTACT = CAP_CHECK.format(
    cap="p_contact_cap", applies="(p_phone_key IS NOT NULL OR p_email_key IS NOT NULL)",
    match="(r2.phone_key = p_phone_key OR r2.email_key = p_email_key)",
    outcome="too_many_holds_contact")
CAP_CLIENT = CAP_CHECK.format(
    cap="p_client_cap", applies="p_client_key IS NOT NULL",
    match="r2.client_key = p_client_key", outcome="too_many_holds_client")

PLACE_HOLD = f"""
CREATE OR REPLACE FUNCTION posada_place_hold(
    p_accommodation_id integer, p_check_in date, p_check_out date, p_now timestamptz,
    p_code varchar, p_guests integer, p_guest_name varchar, p_guest_phone varchar,
    p_guest_email varchar, p_channel varchar, p_expires_at timestamptz, p_currency varchar,
    p_total numeric, p_deposit numeric, p_quote text, p_phone_key varchar,
    p_email_key varchar, p_client_key varchar, p_contact_cap integer, p_client_cap integer)
RETURNS TABLE (outcome text, reservation_id integer, detail text)
LANGUAGE plpgsql AS $fn$
DECLARE
    v_property integer;
    v_key integer;
    v_id integer;
    v_detail text;
BEGIN
    -- 1. Serialise: the guest's keys (sorted), then the accommodation (advisory locks held
    --    until the end of the transaction: no tuple is written to lock).
    FOR v_key IN
        SELECT DISTINCT hashtext(k) FROM unnest(ARRAY[
            CASE WHEN p_contact_cap > 0 THEN p_phone_key END,
            CASE WHEN p_contact_cap > 0 THEN p_email_key END,
            CASE WHEN p_client_cap > 0 THEN p_client_key END]) AS k
        WHERE k IS NOT NULL ORDER BY 1
    LOOP
        PERFORM pg_advisory_xact_lock({GUEST_LOCK_SPACE}, v_key);
    END LOOP;
    PERFORM pg_advisory_xact_lock({ACCOMMODATION_LOCK_SPACE}, p_accommodation_id);
    SELECT a.property_id INTO v_property FROM accommodations a
    WHERE a.id = p_accommodation_id AND a.active;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'not_found'::text, NULL::integer, NULL::text;
        RETURN;
    END IF;

    -- 2. Expire this accommodation's stale holds (pre_reserved -> expired), audited.
    WITH expired AS (
        UPDATE reservations r SET status = 'expired', updated_at = p_now
        WHERE r.accommodation_id = p_accommodation_id AND r.status = 'pre_reserved'
          AND r.expires_at <= p_now
        RETURNING r.id, r.property_id)
    INSERT INTO reservation_events (property_id, reservation_id, verb, from_status,
                                    to_status, actor, at)
    SELECT e.property_id, e.id, 'expire', 'pre_reserved', 'expired', 'system', p_now
    FROM expired e;

    -- 3. Caps on live holds: per guest contact, per client address.
{CAP_CONTACT}
{CAP_CLIENT}
    -- 4. The nights: any occupying row that shares one (stale holds are expired above).
    IF EXISTS (
        SELECT 1 FROM reservations r
        WHERE r.accommodation_id = p_accommodation_id
          AND r.status IN ('pre_reserved', 'confirmed', 'blocked')
          AND r.check_in < p_check_out AND r.check_out > p_check_in) THEN
        RETURN QUERY SELECT 'unavailable'::text, NULL::integer, NULL::text;
        RETURN;
    END IF;

    -- 5. The hold and its audit entry.
    INSERT INTO reservations (property_id, accommodation_id, kind, code, status, check_in,
        check_out, guests, guest_name, guest_phone, guest_email, channel, expires_at,
        currency, total, deposit, quote, phone_key, email_key, client_key, created_at,
        updated_at)
    VALUES (v_property, p_accommodation_id, 'booking', p_code, 'pre_reserved', p_check_in,
        p_check_out, p_guests, p_guest_name, p_guest_phone, p_guest_email, p_channel,
        p_expires_at, p_currency, p_total, p_deposit, p_quote::json, p_phone_key,
        p_email_key, p_client_key, p_now, p_now)
    RETURNING id INTO v_id;
    INSERT INTO reservation_events (property_id, reservation_id, verb, from_status, to_status,
                                    actor, at)
    VALUES (v_property, v_id, 'hold', NULL, 'pre_reserved', p_channel, p_now);
    RETURN QUERY SELECT 'created'::text, v_id, NULL::text;
END
$fn$;
"""
DROP_PLACE_HOLD = "DROP FUNCTION IF EXISTS posada_place_hold"

LIVE_HOLD_KEYS = ("phone_key", "email_key", "client_key")


def upgrade() -> None:
    op.add_column("reservations", sa.Column("phone_key", sa.String(20), nullable=True))
    op.add_column("reservations", sa.Column("email_key", sa.String(254), nullable=True))
    op.add_column("reservations", sa.Column("client_key", sa.String(64), nullable=True))
    for column in LIVE_HOLD_KEYS:
        live = sa.text(f"status = 'pre_reserved' AND {column} IS NOT NULL")
        op.create_index(f"ix_reservations_live_{column}", "reservations", [column],
                        postgresql_where=live, sqlite_where=live)
    op.add_column(
        "admin_users",
        sa.Column("token_version", sa.Integer(), nullable=False, server_default="0"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PLACE_HOLD)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(DROP_PLACE_HOLD)
    with op.batch_alter_table("admin_users") as batch:
        batch.drop_column("token_version")
    for column in LIVE_HOLD_KEYS:
        op.drop_index(f"ix_reservations_live_{column}", "reservations")
    if op.get_bind().dialect.name == "postgresql":
        for column in LIVE_HOLD_KEYS:
            op.drop_column("reservations", column)
    else:
        # SQLite >= 3.35 drops columns in place (the overlap triggers do not name them).
        for column in LIVE_HOLD_KEYS:
            op.execute(f"ALTER TABLE reservations DROP COLUMN {column}")
