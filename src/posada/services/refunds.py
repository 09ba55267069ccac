"""Refunds as due work: a ``refunds`` row is written with the change that decides it and a
job (``execute_refunds``) executes it through the gateway.

Exactly once: the row's idempotency key is derived from what the refund is (reservation
code, payment, reason, amount), so a job retried after a timeout or a kill -9 sends the same
key and the gateway refunds once (Mercado Pago, "Idempotency" in the API reference: a
repeated ``X-Idempotency-Key`` returns the first result). A row is claimed with a lease
(``locked_until``), so two runners never call for one row at the same time.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from posada import observability
from posada.db import work
from posada.db.models import Reservation
from posada.db.models_payments import Payment, Refund
from posada.domain import payments as rules
from posada.services import payment_notices as notices
from posada.services.common import utcnow
from posada.services.payment_ports import GatewayFailure

if TYPE_CHECKING:
    from posada.services.payments import Payments

log = logging.getLogger("posada.refunds")

#: A claimed refund's lease: longer than the gateway's whole timeout.
LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 10


async def request(session: AsyncSession, row: Reservation, pay: Payment, amount: Decimal,
                  reason: str, now: datetime) -> Refund | None:
    """Write a refund of ``amount`` (Decimal, the payment's currency) of ``pay`` for
    ``reason`` (``late_payment``, ``duplicate``, ``guest_cancel``, ``owner_cancel``); the same
    refund asked again is the row already written. ``None`` when nothing is to go back."""
    if amount <= 0:
        return None
    key = rules.idempotency_key(row.code, "refund", amount, reason, pay.provider_payment_id)
    existing = await session.scalar(select(Refund).where(Refund.idempotency_key == key))
    if existing is not None:
        return existing
    refund = Refund(property_id=row.property_id, reservation_id=row.id, payment_id=pay.id,
                    amount=amount, currency=pay.currency or row.currency or "ARS",
                    reason=reason, idempotency_key=key, status="pending", attempts=0,
                    next_attempt_at=now, created_at=now)
    session.add(refund)
    await session.flush()
    return refund


async def settled(session: AsyncSession, pay: Payment, now: datetime) -> None:
    """The gateway says ``pay`` is refunded in full: refunds still due on it are done (the
    owner may have refunded from the gateway's own panel)."""
    await session.execute(update(Refund).where(
        Refund.payment_id == pay.id, Refund.status == "pending").values(
        status="done", done_at=now, locked_until=None,
        last_error="refunded at the gateway"))


async def execute_due(ctx: Payments, now: datetime | None = None, limit: int = 20) -> int:
    """Execute every due refund (job ``execute_refunds``); returns how many were done.
    Without a gateway, due refunds wait (the owner refunds by hand and says so)."""
    if ctx.gateway is None:
        return 0
    now = now or ctx.clock()
    async with ctx.db.session() as session:
        due = (await session.scalars(select(Refund.id).where(
            Refund.status == "pending", Refund.next_attempt_at <= now,
            or_(Refund.locked_until.is_(None), Refund.locked_until <= now))
            .order_by(Refund.id).limit(limit))).all()
    done = 0
    for refund_id in due:
        done += await _execute(ctx, refund_id, now)
    return done


async def _claim(ctx: Payments, refund_id: int, now: datetime) -> bool:
    async with ctx.db.connection() as conn:
        claimed = await conn.execute(update(Refund).where(
            Refund.id == refund_id, Refund.status == "pending",
            or_(Refund.locked_until.is_(None), Refund.locked_until <= now))
            .values(locked_until=now + LEASE, attempts=Refund.attempts + 1))
        return bool(claimed.rowcount)


async def _execute(ctx: Payments, refund_id: int, now: datetime) -> int:
    assert ctx.gateway is not None
    if not await _claim(ctx, refund_id, now):
        return 0  # another runner has it
    async with ctx.db.session() as session:
        refund = await session.get(Refund, refund_id)
        assert refund is not None
        pay = await session.get(Payment, refund.payment_id)
        assert pay is not None
        full = pay.amount is not None and refund.amount >= pay.amount
        payment_id, amount, key, attempts = (pay.provider_payment_id, refund.amount,
                                             refund.idempotency_key, refund.attempts)
    try:
        made = await ctx.gateway.refund(payment_id, None if full else amount, key)
    except GatewayFailure as failure:
        return await _failed(ctx, refund_id, failure, attempts, now)
    async with ctx.db.transaction() as session:
        refund = await session.get(Refund, refund_id)
        assert refund is not None
        refund.status, refund.done_at, refund.locked_until = "done", utcnow(), None
        refund.provider_refund_id, refund.last_error = made.id[:40], None
        row = await session.get(Reservation, refund.reservation_id)
        assert row is not None
        await notices.refund_done(ctx, session, row, refund, now)
    observability.REFUNDS.labels(result="done").inc()
    ctx.nudge("send_outbox")
    return 1


async def _failed(ctx: Payments, refund_id: int, failure: GatewayFailure, attempts: int,
                  now: datetime) -> int:
    final = failure.kind != "retry" or attempts >= MAX_ATTEMPTS
    delay = (timedelta(seconds=failure.retry_after) if failure.retry_after
             else work.backoff(attempts))
    async with ctx.db.transaction() as session:
        refund = await session.get(Refund, refund_id)
        assert refund is not None
        refund.locked_until, refund.last_error = None, failure.detail[:2000]
        if final:
            refund.status = "failed"
            row = await session.get(Reservation, refund.reservation_id)
            assert row is not None
            await notices.refund_failed(ctx, session, row, refund, now)
        else:
            refund.next_attempt_at = now + min(delay, timedelta(hours=6))
    observability.REFUNDS.labels(result="failed" if final else "retry").inc()
    log.warning("refund %s %s: %s", refund_id, "failed" if final else "will be retried",
                failure.detail)
    return 0
