"""Reservation verbs: place a hold, confirm, cancel, expire stale holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from posada import observability
from posada.db import calendar
from posada.db.engine import Database
from posada.db.models import Reservation
from posada.domain import reservation as machine
from posada.domain.errors import Unavailable
from posada.domain.pricing import quote_stay, quote_to_dict
from posada.domain.reservation import Status, Transition
from posada.domain.stay import validate_stay
from posada.services.common import (
    clashes,
    load_priced,
    load_reservation,
    local_today,
    record,
    translated_db_errors,
    utcnow,
)
from posada.services.policy import BookingPolicy


@dataclass(frozen=True)
class HoldRequest:
    """A guest's request to hold ``[check_in, check_out)`` (local dates) for ``guests`` people."""

    accommodation_id: int
    check_in: date
    check_out: date
    guests: int
    guest_name: str
    guest_phone: str | None = None
    guest_email: str | None = None
    channel: str = "web"


async def place_hold(
    db: Database, policy: BookingPolicy, request: HoldRequest, now: datetime | None = None
) -> Reservation:
    """Take a pre-reservation (hold) that expires ``policy.hold_ttl`` after ``now``.

    Stale holds of the accommodation are expired in the same transaction first, so an
    expired, unswept hold never blocks. The quote is frozen into the reservation.

    Args:
        now: aware UTC instant (defaults to the clock).

    Returns:
        The new reservation (detached; ``status`` is ``pre_reserved``).

    Raises:
        NotFound, InvalidStay, OverCapacity, MinStay: the request breaks a rule.
        Unavailable: a night is taken (found here or refused by the database constraint).
        Busy: the calendar's write lock could not be had in time.
    """
    now = now or utcnow()
    async with translated_db_errors(), db.connection() as conn:
        accommodation = await load_priced(
            conn, request.accommodation_id, request.check_in, request.check_out
        )
        stay = validate_stay(
            request.check_in, request.check_out,
            today=local_today(accommodation.timezone, now),
            max_nights=policy.max_stay_nights, horizon_days=policy.horizon_days,
        )
        quote = quote_stay(stay, request.guests, accommodation.rules(policy.deposit_percent))
        if await clashes(conn, accommodation.id, stay, now):
            raise Unavailable("Esas noches ya no están disponibles.")
        hold = Reservation(
            property_id=accommodation.property_id,
            accommodation_id=accommodation.id,
            kind="booking",
            code=machine.new_code(),
            status=Status.PRE_RESERVED.value,
            check_in=stay.check_in,
            check_out=stay.check_out,
            guests=request.guests,
            guest_name=request.guest_name,
            guest_phone=request.guest_phone,
            guest_email=request.guest_email,
            channel=request.channel,
            note=None,
            external_uid=None,
            expires_at=now + policy.hold_ttl,
            currency=quote.currency,
            total=quote.total,
            deposit=quote.deposit,
            quote=quote_to_dict(quote),
        )
        await calendar.insert_row(conn, hold, "hold", request.channel, now)
    observability.count_reservation(Status.PRE_RESERVED.value)
    return hold


async def _change(
    db: Database, code: str, verb: Callable[[Reservation, datetime], Transition], actor: str,
    now: datetime | None,
) -> Reservation:
    now = now or utcnow()
    async with translated_db_errors(), db.transaction() as session:
        row = await load_reservation(session, code, for_update=True)
        await record(session, row, verb(row, now), now, actor)
    observability.count_reservation(row.status)
    return row


async def confirm_reservation(
    db: Database, code: str, actor: str = "admin", now: datetime | None = None
) -> Reservation:
    """Confirm the hold with public ``code`` at ``now`` (aware UTC, defaults to the clock).

    Raises:
        NotFound: no reservation has that code.
        HoldExpired: the hold ran out before ``now``.
        InvalidTransition: it is not a hold (already confirmed, cancelled, …).
    """
    return await _change(
        db, code, lambda r, at: machine.confirm(Status(r.status), r.expires_at, at), actor, now
    )


async def cancel_reservation(
    db: Database, code: str, actor: str = "admin", now: datetime | None = None
) -> Reservation:
    """Cancel a hold or a confirmed reservation; its nights are free at once.

    Raises:
        NotFound: no reservation has that code.
        InvalidTransition: it is already cancelled, expired (even if not yet swept) or
            completed.
    """
    return await _change(
        db, code,
        lambda r, at: machine.cancel(machine.effective_status(Status(r.status), r.expires_at, at)),
        actor, now,
    )


async def expire_holds(db: Database, now: datetime | None = None) -> int:
    """Mark every hold whose ``expires_at`` is at or before ``now`` as ``expired``.

    Idempotent and safe to run from several workers at once (rows locked by another run
    are skipped on PostgreSQL). Returns how many holds it expired.
    """
    now = now or utcnow()
    total = 0
    while True:
        async with translated_db_errors(), db.connection() as conn:
            count = await calendar.expire_stale(conn, now, limit=500)
        total += count
        observability.count_reservation(Status.EXPIRED.value, count)
        if count < 500:
            return total


async def get_reservation(db: Database, code: str) -> Reservation:
    """The guest reservation with ``code`` (raises ``not_found``)."""
    async with db.session() as session:
        return await load_reservation(session, code)
