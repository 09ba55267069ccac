"""Applying a payment the gateway reports: a paid hold becomes a confirmed stay exactly once.

A notification only says *which* payment to look at; ``apply_payment`` takes the payment as
fetched from the gateway. Under the accommodation's write lock (as every calendar writer) it
stores the payment's newest status — an older one, delivered late, never replaces it
(``posada.domain.payments.is_newer``) — and acts on each (payment, status) pair once
(``payment_changes``): ``approved`` confirms the hold (late: only if its nights are free,
else the deposit is due back), a full refund cancels the stay, a chargeback or mediation is
flagged for the owner, a rejection tells the guest to try again. What the guest and the owner
are told is written to the outbox in the same transaction (``payment_notices``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from posada import observability
from posada.db import calendar
from posada.db.engine import Database
from posada.db.models import Reservation
from posada.db.models_payments import Payment, PaymentChange, PaymentLink
from posada.domain import payments as rules
from posada.domain import reservation as machine
from posada.domain.errors import Conflict, InvalidTransition
from posada.domain.reservation import Status
from posada.domain.stay import Stay
from posada.services import payment_notices as notices
from posada.services import refunds
from posada.services.common import clashes, record, translated_db_errors, utcnow
from posada.services.outbox import OutboxPolicy
from posada.services.payment_ports import GatewayPayment, PaymentGateway

log = logging.getLogger("posada.payments")

PROVIDER = "mercadopago"


@dataclass
class Payments:
    """What the payment services need, built once per process at the edge.

    ``gateway``: ``None`` when no access token is set (holds then carry the bank-transfer
    instructions and the owner confirms by hand); ``public_url``: where the gateway notifies
    and sends the guest back; ``auto_refund``: a late payment whose nights were taken is
    refunded without waiting for the owner; ``email``: e-mail is configured (guest and owner
    messages are also written as e-mail); ``owner_email``: where owner alerts go by e-mail.
    """

    db: Database
    outbox: OutboxPolicy
    gateway: PaymentGateway | None = None
    public_url: str | None = None
    auto_refund: bool = True
    email: bool = False
    owner_email: str | None = None
    nudge: Callable[[str], None] = lambda _job: None
    clock: Callable[[], datetime] = utcnow


async def apply_payment(ctx: Payments, payment: GatewayPayment,
                        now: datetime | None = None) -> str:
    """Store and act on ``payment`` as fetched from the gateway; returns the outcome:
    ``confirmed``, ``deposit`` (paid for a stay the owner had confirmed by hand),
    ``refund_due``, ``amount_mismatch``, ``duplicate``, ``cancelled``,
    ``flagged``, ``retry_told``, ``noted``, ``stale`` (an older status than the one stored),
    ``repeated`` (this status was already applied), ``other_collector`` or
    ``unknown_reference``.

    Raises:
        Busy, BackendUnavailable: the database; the caller retries (nothing was applied).
    """
    now = now or ctx.clock()
    code = (payment.external_reference or "").strip().upper()[:16]
    async with ctx.db.session() as session:
        found = await session.execute(select(Reservation.id, Reservation.accommodation_id)
                                      .where(Reservation.code == code,
                                             Reservation.kind == "booking"))
        target = found.first()
    observability.PAYMENTS.labels(status=payment.status[:40]).inc()
    if target is None:
        return await _unknown_reference(ctx, payment, now)
    async with (translated_db_errors(), ctx.db.turns.of(target.accommodation_id),
                ctx.db.transaction() as session):
        await calendar.lock_accommodations(await session.connection(),
                                           [target.accommodation_id])
        row = await session.scalar(select(Reservation).where(Reservation.id == target.id)
                                   .with_for_update())
        assert row is not None
        stored, before = await _store(session, row, payment, now)
        if stored is None:
            return "stale"
        if await session.scalar(select(PaymentChange.id).where(
                PaymentChange.payment_id == stored.id, PaymentChange.status == stored.status)):
            return "repeated"
        outcome = await _act(ctx, session, row, stored, before, now)
        session.add(PaymentChange(payment_id=stored.id, status=stored.status,
                                  status_detail=stored.status_detail, outcome=outcome, at=now))
    if outcome in ("confirmed", "cancelled"):
        observability.count_reservation(row.status)
    ctx.nudge("send_outbox")
    if outcome in ("refund_due", "duplicate") and ctx.auto_refund:
        ctx.nudge("execute_refunds")
    log.info("payment %s (%s) for %s: %s", payment.id, payment.status, code, outcome)
    return outcome


async def _unknown_reference(ctx: Payments, payment: GatewayPayment, now: datetime) -> str:
    """A payment for no reservation of ours: recorded (once) and ignored."""
    try:
        async with translated_db_errors(), ctx.db.transaction() as session:
            stored, _ = await _store(session, None, payment, now)
            if stored is not None:
                stored.flag = "unknown_reference"
    except Conflict:  # stored by a concurrent delivery (IntegrityError, translated)
        pass
    log.warning("payment %s names no reservation of ours (%r): ignored", payment.id,
                payment.external_reference)
    return "unknown_reference"


async def _store(session: AsyncSession, row: Reservation | None, payment: GatewayPayment,
                 now: datetime) -> tuple[Payment | None, rules.Seen | None]:
    """Insert or update the payment row when ``payment`` is newer than what is stored;
    ``(None, …)`` when it is older. Returns the row and what was stored before."""
    stored = await session.scalar(select(Payment).where(
        Payment.provider == PROVIDER, Payment.provider_payment_id == payment.id[:40])
        .with_for_update())
    before = None if stored is None else rules.Seen(
        stored.status, stored.provider_updated_at, stored.amount_refunded)
    fetched = rules.Seen(payment.status[:40], payment.updated_at, payment.amount_refunded)
    if not rules.is_newer(before, fetched):
        return None, before
    if stored is None:
        stored = Payment(provider=PROVIDER, provider_payment_id=payment.id[:40], created_at=now,
                         raw={})
        session.add(stored)
    stored.property_id = row.property_id if row is not None else None
    stored.reservation_id = row.id if row is not None else None
    stored.external_reference = (payment.external_reference or "")[:256] or None
    stored.status = payment.status[:40]
    stored.status_detail = (payment.status_detail or "")[:100] or None
    stored.state = rules.state_of(payment.status, payment.amount, payment.amount_refunded).value
    stored.amount, stored.currency = payment.amount, (payment.currency or "")[:3] or None
    stored.amount_refunded = payment.amount_refunded
    stored.collector_id = (payment.collector_id or "")[:40] or None
    stored.provider_updated_at, stored.approved_at = payment.updated_at, payment.approved_at
    stored.raw, stored.updated_at = payment.raw, now
    await session.flush()
    return stored, before


async def _act(ctx: Payments, session: AsyncSession, row: Reservation, pay: Payment,
               before: rules.Seen | None, now: datetime) -> str:
    link = await session.scalar(select(PaymentLink).where(PaymentLink.reservation_id == row.id))
    if link is not None and link.collector_id and pay.collector_id \
            and link.collector_id != pay.collector_id:
        pay.flag = "other_collector"
        log.warning("payment %s was made to collector %s, not ours (%s): ignored",
                    pay.provider_payment_id, pay.collector_id, link.collector_id)
        return "other_collector"
    state = rules.PaymentState(pay.state)
    if pay.status == "approved" and state in (rules.PaymentState.PAID,
                                              rules.PaymentState.PARTIALLY_REFUNDED):
        return await _approved(ctx, session, row, pay, now)  # first seen: partly refunded too
    if state is rules.PaymentState.REFUNDED:
        return await _refunded(ctx, session, row, pay, now)
    if state in (rules.PaymentState.CHARGED_BACK, rules.PaymentState.IN_MEDIATION):
        pay.flag = pay.status
        await notices.owner_flag(ctx, session, row, pay, now)
        return "flagged"
    if state is rules.PaymentState.FAILED:
        if machine.is_active(Status(row.status), row.expires_at, now) \
                and row.status == Status.PRE_RESERVED.value:
            await notices.payment_failed(ctx, session, row, pay, link, now)
            return "retry_told"
        return "noted"
    return "noted"  # pending, in process, authorized, partly refunded, unknown words


async def _approved(ctx: Payments, session: AsyncSession, row: Reservation, pay: Payment,
                    now: datetime) -> str:
    if not rules.amount_matches(pay.amount, pay.currency, row.deposit or Decimal(0),
                                row.currency or ""):
        pay.flag = "amount_mismatch"
        await notices.amount_mismatch(ctx, session, row, pay, now)
        return "amount_mismatch"
    status = Status(row.status)
    if status in (Status.CONFIRMED, Status.COMPLETED):
        confirmed_by = await session.scalar(select(PaymentChange.id).join(
            Payment, Payment.id == PaymentChange.payment_id).where(
            Payment.reservation_id == row.id, PaymentChange.outcome == "confirmed"))
        if confirmed_by is None:  # the owner confirmed it by hand: this is the deposit
            await notices.paid_after_manual(ctx, session, row, pay, now)
            return "deposit"
        return await _refund_due(ctx, session, row, pay, "duplicate", now)
    if status is not Status.PRE_RESERVED and status is not Status.EXPIRED:
        return await _refund_due(ctx, session, row, pay, "late_payment", now)
    late = not machine.is_active(status, row.expires_at, now)
    if late:
        stay = Stay(row.check_in, row.check_out)
        taken = [r for r in await clashes(await session.connection(), row.accommodation_id,
                                          stay, now) if r.code != row.code]
        await session.refresh(row)  # ``clashes`` may have expired it in SQL
        if taken:
            return await _refund_due(ctx, session, row, pay, "late_payment", now)
    try:
        async with session.begin_nested():
            change = machine.confirm_paid(Status(row.status), row.expires_at, now)
            await record(session, row, change, now, "mercadopago")
            await session.flush()
    except (IntegrityError, InvalidTransition):  # the database saw an overlap after all
        await session.refresh(row)
        return await _refund_due(ctx, session, row, pay, "late_payment", now)
    await notices.confirmed(ctx, session, row, pay, now)
    return "confirmed"


async def _refund_due(ctx: Payments, session: AsyncSession, row: Reservation, pay: Payment,
                      reason: str, now: datetime) -> str:
    """A payment we cannot keep (nights taken, hold cancelled, paid twice): flagged, refunded
    at once when ``auto_refund``, and both sides told."""
    pay.flag = "refund_due"
    refund = None
    if ctx.auto_refund and pay.amount is not None:
        refund = await refunds.request(session, row, pay, pay.amount, reason, now)
    await notices.refund_due(ctx, session, row, pay, reason, refund is not None, now)
    return "duplicate" if reason == "duplicate" else "refund_due"


async def _refunded(ctx: Payments, session: AsyncSession, row: Reservation, pay: Payment,
                    now: datetime) -> str:
    """Refunded in full: a confirmed stay (or a live hold) is cancelled and its nights freed;
    a refund we made ourselves is marked done."""
    await refunds.settled(session, pay, now)
    status = machine.effective_status(Status(row.status), row.expires_at, now)
    held_by_it = await session.scalar(select(PaymentChange.id).where(
        PaymentChange.payment_id == pay.id, PaymentChange.outcome.in_(("confirmed", "deposit"))))
    if status is Status.CONFIRMED and held_by_it is None:
        return "noted"  # a second payment (refunded as a duplicate) never held the stay
    if status not in (Status.CONFIRMED, Status.PRE_RESERVED):
        return "noted"
    await record(session, row, machine.cancel(status), now, "mercadopago")
    await notices.cancelled_by_refund(ctx, session, row, pay, now)
    return "cancelled"
