"""The deposit's payment link of a hold, and the reconciliation that finds lost payments.

``checkout`` creates (once) a Mercado Pago Checkout Pro preference for a live hold: the
deposit as the one item, the hold's code as ``external_reference``, expiring with the hold.
Its idempotency key is derived from the code and the amount, so a retried call creates
nothing twice. When the gateway cannot be reached, the link stays ``pending`` and
``reconcile`` tries again while the hold lives.

``reconcile`` (job ``reconcile_payments``, every 10 minutes) does not wait for webhooks: for
live holds and holds expired in the last 48 hours that have a link and no final payment, it
searches the gateway by reference and applies what it finds (the search can lag behind a
brand-new payment; the next run finds it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from posada.conversation.texts import span
from posada.db.engine import Database
from posada.db.models import Accommodation, Property, Reservation
from posada.db.models_payments import Payment, PaymentLink
from posada.domain import cancellation
from posada.domain import payments as rules
from posada.domain.reservation import Status
from posada.services import payment_notices as notices
from posada.services.payment_ports import CheckoutOrder, GatewayFailure
from posada.services.payments import Payments, apply_payment

log = logging.getLogger("posada.checkout")

#: Holds expired this long ago are still searched for a payment.
LOOKBACK = timedelta(hours=48)
RECONCILE_BATCH = 200
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _urls(ctx: Payments, code: str) -> tuple[str | None, str | None]:
    if not ctx.public_url:
        return None, None
    base = ctx.public_url.rstrip("/")
    return f"{base}/webhooks/mercadopago", f"{base}/api/v1/reservations/{code}"


async def checkout(ctx: Payments, code: str, now: datetime | None = None) -> str | None:
    """The payment URL of the hold with public ``code``, created at the gateway when it has
    none yet; ``None`` without a gateway, for a deposit of zero, for a hold no longer live,
    or when the gateway failed (the link stays ``pending`` for ``reconcile``)."""
    now = now or ctx.clock()
    if ctx.gateway is None:
        return None
    async with ctx.db.session() as session:
        found = (await session.execute(
            select(Reservation, Accommodation.name, PaymentLink)
            .join(Accommodation, Accommodation.id == Reservation.accommodation_id)
            .outerjoin(PaymentLink, PaymentLink.reservation_id == Reservation.id)
            .where(Reservation.code == code, Reservation.kind == "booking"))).first()
    if found is None:
        return None
    row, cabin, link = found
    if link is not None and link.status == "created":
        return link.url
    live = (row.status == Status.PRE_RESERVED.value and row.expires_at is not None
            and row.expires_at > now)
    if not live or row.expires_at is None or not row.deposit or row.deposit <= 0 or (
            link and link.status == "failed"):
        return None
    if link is None:
        try:
            async with ctx.db.transaction() as session:
                session.add(PaymentLink(
                    property_id=row.property_id, reservation_id=row.id, status="pending",
                    amount=row.deposit, currency=row.currency or "ARS",
                    expires_at=row.expires_at, attempts=0, created_at=now, updated_at=now))
        except IntegrityError:
            pass  # written by a concurrent call: the idempotency key keeps one preference
    notify, back = _urls(ctx, code)
    order = CheckoutOrder(
        code=row.code, title=f"Seña {cabin} · {span(row.check_in, row.check_out)}",
        amount=row.deposit, currency=row.currency or "ARS", expires_at=row.expires_at,
        notification_url=notify, back_url=back, payer_email=row.guest_email)
    try:
        made = await ctx.gateway.create_checkout(
            order, rules.idempotency_key(row.code, "deposit", row.deposit, row.currency))
    except GatewayFailure as failure:
        async with ctx.db.connection() as conn:
            await conn.execute(update(PaymentLink).where(
                PaymentLink.reservation_id == row.id, PaymentLink.status == "pending").values(
                status="failed" if failure.kind == "final" else "pending",
                attempts=PaymentLink.attempts + 1, last_error=failure.detail[:2000],
                updated_at=now))
        log.warning("no payment link for %s yet: %s", code, failure.detail)
        return None
    async with ctx.db.connection() as conn:
        await conn.execute(update(PaymentLink).where(
            PaymentLink.reservation_id == row.id).values(
            status="created", preference_id=made.preference_id[:100], url=made.url[:1000],
            collector_id=(made.collector_id or "")[:40] or None,
            attempts=PaymentLink.attempts + 1, last_error=None, updated_at=now))
    return made.url


async def hold_made(ctx: Payments, code: str, now: datetime | None = None) -> str | None:
    """After a hold is taken (API, admin, WhatsApp): its payment link (``checkout``) and the
    hold's e-mail to the guest; returns the link. When the gateway failed, the e-mail waits
    for the link (``reconcile`` writes both), so the guest gets one e-mail, with the link."""
    now = now or ctx.clock()
    url = await checkout(ctx, code, now)
    if ctx.email:
        await _hold_email(ctx, code, now)
    return url


async def _hold_email(ctx: Payments, code: str, now: datetime) -> None:
    try:
        async with ctx.db.transaction() as session:
            found = (await session.execute(
                select(Reservation, PaymentLink.status)
                .outerjoin(PaymentLink, PaymentLink.reservation_id == Reservation.id)
                .where(Reservation.code == code, Reservation.kind == "booking"))).first()
            if found is None or not found[0].guest_email or found[1] == "pending":
                return
            await notices.tell_guest(ctx, session, found[0], f"hold:{code}", None, "hold", now)
    except IntegrityError:
        return  # queued already (a replayed request)
    ctx.nudge("send_email")


async def payment_url(ctx: Payments, code: str, now: datetime | None = None) -> str | None:
    """The link of a hold that still lives (asked again: "pasame el link de nuevo")."""
    now = now or ctx.clock()
    async with ctx.db.session() as session:
        row = await session.scalar(select(Reservation).where(Reservation.code == code))
    if row is None or row.status != Status.PRE_RESERVED.value or (
            row.expires_at is not None and row.expires_at <= now):
        return None
    return await checkout(ctx, code, now)


async def reconcile(ctx: Payments, now: datetime | None = None) -> int:
    """Retry pending links of live holds, then search the gateway for the payments of recent
    holds that have none final yet and apply them; returns how many payments it applied
    with an effect (not ``repeated``/``stale``)."""
    if ctx.gateway is None:
        return 0
    now = now or ctx.clock()
    final = exists().where(Payment.reservation_id == Reservation.id,
                           Payment.status.in_(tuple(rules.FINAL)))
    async with ctx.db.session() as session:
        pending = (await session.scalars(
            select(Reservation.code).join(PaymentLink, PaymentLink.reservation_id ==
                                          Reservation.id)
            .where(PaymentLink.status == "pending",
                   Reservation.status == Status.PRE_RESERVED.value,
                   Reservation.expires_at > now).limit(RECONCILE_BATCH))).all()
        codes = (await session.scalars(
            select(Reservation.code).join(PaymentLink, PaymentLink.reservation_id ==
                                          Reservation.id)
            .where(PaymentLink.status == "created", ~final, or_(
                Reservation.status == Status.PRE_RESERVED.value,
                and_(Reservation.status == Status.EXPIRED.value,
                     Reservation.expires_at >= now - LOOKBACK)))
            .order_by(Reservation.id).limit(RECONCILE_BATCH))).all()
    for code in pending:
        if await checkout(ctx, code, now) and ctx.email:
            await _hold_email(ctx, code, now)
    applied = 0
    for code in codes:
        try:
            found = await ctx.gateway.search_payments(code)
        except GatewayFailure as failure:
            log.warning("reconcile: search for %s failed: %s", code, failure.detail)
            if failure.kind == "retry":
                break  # the gateway is struggling: the next run goes on
            continue
        for payment in sorted(found, key=lambda p: p.updated_at or _EPOCH):
            outcome = await apply_payment(ctx, payment, now)
            applied += outcome not in ("repeated", "stale")
    return applied


@dataclass(frozen=True)
class PaymentView:
    """The deposit's payment as the guest's page shows it (``status``/``state`` ``none``
    before any payment; ``url`` only while the hold lives)."""

    status: str
    state: str
    url: str | None
    amount: Decimal | None
    refunded: Decimal | None
    currency: str | None


async def payment_view(db: Database, row: Reservation, now: datetime
                       ) -> tuple[PaymentView, str]:
    """The payment of reservation ``row`` (its newest payment other than those due back —
    a duplicate, a late one —, else its link) and the property's cancellation policy in
    Spanish."""
    async with db.session() as session:
        refunded_back = func.coalesce(Payment.flag, "") == "refund_due"  # duplicates, late
        pay = await session.scalar(select(Payment).where(Payment.reservation_id == row.id)
                                   .order_by(refunded_back, Payment.updated_at.desc(),
                                             Payment.id.desc()).limit(1))
        url = await session.scalar(select(PaymentLink.url).where(
            PaymentLink.reservation_id == row.id, PaymentLink.status == "created"))
        policy = await session.scalar(select(Property.cancellation_policy).where(
            Property.id == row.property_id))
    live = (row.status == Status.PRE_RESERVED.value and row.expires_at is not None
            and row.expires_at > now)
    view = PaymentView(
        status=pay.status if pay else "none", state=pay.state if pay else "none",
        url=url if live else None, amount=pay.amount if pay else None,
        refunded=pay.amount_refunded if pay else None,
        currency=(pay.currency if pay else None) or row.currency)
    return view, cancellation.policy_text(cancellation.parse_policy(policy))


async def policy_text_of(db: Database, property_id: int) -> str:
    """The cancellation policy of a property, in Spanish."""
    async with db.session() as session:
        policy = await session.scalar(select(Property.cancellation_policy).where(
            Property.id == property_id))
    return cancellation.policy_text(cancellation.parse_policy(policy))
