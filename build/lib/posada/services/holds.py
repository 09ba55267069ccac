"""Reservation verbs: place a hold, confirm, cancel, expire stale holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from posada import observability
from posada.db import calendar
from posada.db.engine import Database
from posada.db.errors import classify
from posada.db.holds import HoldCaps, HoldOutcome, HoldSession, NewHold
from posada.db.models import Reservation
from posada.domain import reservation as machine
from posada.domain.contacts import email_key, phone_key
from posada.domain.errors import ContactRequired, NotFound, TooManyHolds, Unavailable
from posada.domain.pricing import Quote, quote_stay, quote_to_dict
from posada.domain.reservation import Status, Transition
from posada.domain.stay import Stay, validate_stay
from posada.observability import HOLD_RETRIES
from posada.services.common import (
    load_reservation,
    local_today,
    record,
    translated_db_errors,
    utcnow,
)
from posada.services.policy import BookingPolicy


@dataclass(frozen=True)
class HoldRequest:
    """A guest's request to hold ``[check_in, check_out)`` (local dates) for ``guests`` people.

    ``client_key``: a keyed hash of the client's address (the web layer's), for the
    per-client cap; ``trusted``: the owner asks (admin token) — the fair-hold caps and the
    contact rule do not apply. ``code``: a code derived from the request's own id (a
    WhatsApp message's ``wamid``): a replayed request returns the hold it already made.
    """

    accommodation_id: int
    check_in: date
    check_out: date
    guests: int
    guest_name: str
    guest_phone: str | None = None
    guest_email: str | None = None
    channel: str = "web"
    client_key: str | None = None
    trusted: bool = False
    code: str | None = None


#: Deadlocks and serialization failures left after the per-accommodation lock (none are
#: expected) are retried this many times before answering ``busy``.
ATTEMPTS = 3


async def place_hold(
    db: Database, policy: BookingPolicy, request: HoldRequest, now: datetime | None = None
) -> NewHold:
    """Take a pre-reservation (hold) that expires ``policy.hold_ttl`` after ``now``.

    Writers of one accommodation take turns, in this process (``db.turns``) and then in the
    database (its advisory lock); under that lock its stale holds are expired, the guest's
    live holds counted against the caps and the nights checked, then the hold and its audit
    entry are inserted. The quote is frozen into
    the reservation. Two round trips on PostgreSQL (priced read, ``posada_place_hold``).

    Args:
        now: aware UTC instant (defaults to the clock).

    Returns:
        The new hold as stored (``status`` ``pre_reserved``, ``id`` set).

    Raises:
        NotFound, InvalidStay, OverCapacity, MinStay: the request breaks a rule.
        ContactRequired: longer than ``policy.max_anonymous_nights`` without phone or e-mail.
        TooManyHolds: the guest's contact or client address has the most live holds allowed
            (``details.retry_after``: seconds until the oldest expires).
        Unavailable: a night is taken (found here or refused by the database constraint).
        Busy: the calendar's write lock could not be had in time.
        BackendUnavailable: the database is unreachable or overloaded.
    """
    now = now or utcnow()
    if request.code is not None and (made := await _already_made(db, request.code)):
        return made
    async with (translated_db_errors(), db.turns.of(request.accommodation_id),
                db.holds.session() as store):
        accommodation = await store.priced(
            request.accommodation_id, request.check_in, request.check_out)
        if accommodation is None:
            raise NotFound("No encontramos ese alojamiento.",
                           accommodation_id=request.accommodation_id)
        stay = validate_stay(
            request.check_in, request.check_out,
            today=local_today(accommodation.timezone, now),
            max_nights=policy.max_stay_nights, horizon_days=policy.horizon_days,
        )
        quote = quote_stay(stay, request.guests, accommodation.rules(policy.deposit_percent))
        hold = _new_hold(accommodation.property_id, request, stay, quote, now, policy)
        if not request.trusted and stay.nights > policy.max_anonymous_nights and not (
                hold.phone_key or hold.email_key):
            raise ContactRequired(
                f"Para reservar más de {policy.max_anonymous_nights} noches necesitamos un "
                "teléfono o un e-mail.", max_nights=policy.max_anonymous_nights)
        caps = HoldCaps() if request.trusted else HoldCaps(
            policy.max_holds_per_contact, policy.max_holds_per_client)
        try:
            outcome = await _place_with_retry(store, hold, caps, now)
        except Exception as exc:
            if request.code is None or classify(exc) != "unique":
                raise
            made = await _already_made(db, request.code)  # a replay raced the first run
            if made is None:
                raise
            return made
    _raise_for(outcome)
    observability.count_reservation(Status.PRE_RESERVED.value)
    return hold


def _new_hold(
    property_id: int, request: HoldRequest, stay: Stay, quote: Quote, now: datetime,
    policy: BookingPolicy,
) -> NewHold:
    return NewHold(
        property_id=property_id, accommodation_id=request.accommodation_id,
        code=request.code or machine.new_code(), check_in=stay.check_in, check_out=stay.check_out,
        guests=request.guests, guest_name=request.guest_name, guest_phone=request.guest_phone,
        guest_email=request.guest_email, channel=request.channel,
        expires_at=now + policy.hold_ttl, currency=quote.currency, total=quote.total,
        deposit=quote.deposit, quote=quote_to_dict(quote),
        phone_key=phone_key(request.guest_phone), email_key=email_key(request.guest_email),
        client_key=request.client_key, code_fixed=request.code is not None,
    )


async def _place_with_retry(
    store: HoldSession, hold: NewHold, caps: HoldCaps, now: datetime
) -> HoldOutcome:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await store.place(hold, caps, now)
        except Exception as exc:
            kind = classify(exc)
            fixed = hold.code_fixed
            if attempt < ATTEMPTS and (kind == "retry" or (
                    kind == "unique" and "code" in str(exc) and not fixed)):
                HOLD_RETRIES.inc()
                if kind == "unique":  # a code collision (2^-50): draw another
                    hold.code = machine.new_code()
                continue
            raise
    raise AssertionError("unreachable")  # pragma: no cover


async def _already_made(db: Database, code: str) -> NewHold | None:
    """The hold a request with this derived ``code`` made before, as ``NewHold``."""
    async with db.session() as session:
        row = await session.scalar(select(Reservation).where(
            Reservation.code == code, Reservation.kind == "booking"))
    if row is None:
        return None
    fields = {name: getattr(row, name) for name in NewHold.__dataclass_fields__
              if name != "code_fixed"}
    return NewHold(**fields)


def _raise_for(outcome: HoldOutcome) -> None:
    if outcome.outcome == "created":
        return
    if outcome.outcome == "not_found":
        raise NotFound("No encontramos ese alojamiento.")
    if outcome.outcome == "unavailable":
        raise Unavailable("Esas noches ya no están disponibles.")
    who = "ese teléfono o e-mail" if outcome.outcome == "too_many_holds_contact" else (
        "esta conexión")
    raise TooManyHolds(
        f"Ya hay demasiadas pre-reservas activas desde {who}; confirmá o esperá a que venza "
        "alguna antes de pedir otra.", retry_after=outcome.retry_after,
        scope="contact" if outcome.outcome == "too_many_holds_contact" else "client",
    )


async def _change(
    db: Database, code: str, verb: Callable[[Reservation, datetime], Transition], actor: str,
    now: datetime | None,
) -> Reservation:
    now = now or utcnow()
    async with translated_db_errors():
        async with db.session() as session:
            accommodation_id = await session.scalar(
                select(Reservation.accommodation_id).where(
                    Reservation.code == code, Reservation.kind == "booking"))
        if accommodation_id is None:
            raise NotFound("No encontramos esa reserva.", code=code)
        async with db.turns.of(accommodation_id), db.transaction() as session:
            # the calendar's lock first, as every writer
            await calendar.lock_accommodations(await session.connection(), [accommodation_id])
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
