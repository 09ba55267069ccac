"""Cancelling a reservation with its refund: the property's policy decides how much of the
paid deposit goes back, and the refund is executed (``refunds``), not only computed.

Who cancels matters: a guest gets what the policy gives for the days left before check-in;
when the owner cancels, the guest gets the whole deposit back unless the owner says
otherwise (``refund="policy"`` or ``"none"``), as channels do for host cancellations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from posada import observability
from posada.conversation.texts import money, span
from posada.db import calendar
from posada.db.models import Property, Reservation
from posada.db.models_payments import Payment, Refund
from posada.domain import cancellation
from posada.domain import reservation as machine
from posada.domain.errors import NotFound
from posada.domain.money import percent_of
from posada.domain.payments import PaymentState
from posada.domain.reservation import Status
from posada.services import payment_notices as notices
from posada.services import refunds
from posada.services.common import load_reservation, local_today, record, translated_db_errors
from posada.services.payments import Payments

RefundRule = Literal["policy", "full", "none"]


@dataclass(frozen=True)
class Cancelled:
    """A cancelled reservation and its refund: ``refund_amount`` (Decimal, the deposit's
    currency; zero when nothing goes back), ``refund_status`` (``pending``: to be executed
    by the gateway, ``manual``: no gateway — the owner refunds by hand, ``none``)."""

    reservation: Reservation
    refund_amount: Decimal
    refund_status: str
    refund_percent: Decimal


def _paid(payments: list[Payment]) -> tuple[Payment | None, Decimal]:
    """The deposit payment kept and how much of it is still refundable."""
    for pay in payments:
        if pay.state in (PaymentState.PAID.value, PaymentState.PARTIALLY_REFUNDED.value) \
                and pay.flag not in ("refund_due", "amount_mismatch"):
            return pay, (pay.amount or Decimal(0)) - (pay.amount_refunded or Decimal(0))
    return None, Decimal(0)


async def cancel(ctx: Payments, code: str, actor: str, refund: RefundRule | None = None,
                 now: datetime | None = None, whatsapp: bool = True,
                 by_owner: bool = False) -> Cancelled:
    """Cancel the reservation with public ``code`` (a hold or a confirmed stay) at ``now``
    (aware UTC) as ``actor`` (recorded in the audit trail; ``by_owner``: the owner cancels),
    refunding what ``refund`` says (default: the policy for a guest, all for the owner).

    Raises:
        NotFound: no reservation has that code.
        InvalidTransition: it is already cancelled, expired or completed.
    """
    now = now or ctx.clock()
    rule: RefundRule = refund or ("full" if by_owner else "policy")
    async with translated_db_errors():
        async with ctx.db.session() as session:
            acc = await session.scalar(select(Reservation.accommodation_id).where(
                Reservation.code == code, Reservation.kind == "booking"))
        if acc is None:
            raise NotFound("No encontramos esa reserva.", code=code)
        async with ctx.db.turns.of(acc), ctx.db.transaction() as session:
            await calendar.lock_accommodations(await session.connection(), [acc])
            row = await load_reservation(session, code, for_update=True)
            status = machine.effective_status(Status(row.status), row.expires_at, now)
            await record(session, row, machine.cancel(status), now, actor)
            prop = await session.get(Property, row.property_id)
            assert prop is not None
            policy = cancellation.parse_policy(prop.cancellation_policy)
            percent = (Decimal(100) if rule == "full" else Decimal(0) if rule == "none"
                       else cancellation.refund_percent(
                           policy, row.check_in, local_today(prop.timezone, now)))
            pay, refundable = _paid(list((await session.scalars(select(Payment).where(
                Payment.reservation_id == row.id).order_by(Payment.id))).all()))
            amount = min(refundable, percent_of(refundable, percent))
            made: Refund | None = None
            if pay is not None and amount > 0:
                made = await refunds.request(session, row, pay, amount,
                                             "owner_cancel" if by_owner else "guest_cancel",
                                             now)
                if made is not None and ctx.gateway is None:
                    made.status = "manual"
            state = "none" if made is None else made.status
            await _tell(ctx, session, row, by_owner, amount, state, whatsapp, now)
    observability.count_reservation(row.status)
    ctx.nudge("execute_refunds")
    ctx.nudge("send_outbox")
    return Cancelled(row, amount, state, percent)


def refund_sentence(amount: Decimal, state: str, currency: str) -> str:
    """What the guest is told of the deposit when a reservation is cancelled."""
    if amount <= 0:
        return ""
    how = "Te devolvemos" if state == "pending" else "El alojamiento te devuelve"
    return f" {how} {money(amount, currency)} de la seña."


async def _tell(ctx: Payments, session: AsyncSession, row: Reservation, by_owner: bool,
                amount: Decimal, state: str, whatsapp: bool, now: datetime) -> None:
    back = refund_sentence(amount, state, row.currency or "ARS")
    who = "El alojamiento canceló" if by_owner else "Cancelamos"
    await notices.tell_guest(ctx, session, row, f"cancel:{row.code}",
                             f"{who} tu reserva {row.code} "
                             f"({span(row.check_in, row.check_out)}).{back}"
                             if whatsapp else None,
                             "cancellation", now, refund_amount=amount, refund_status=state,
                             cancel_reason="owner" if by_owner else "guest")
    if whatsapp and not by_owner:
        await notices.tell_owner(ctx, session, row, f"cancel:{row.code}",
                                 f"❌ {row.guest_name or 'Un huésped'} canceló la reserva "
                                 f"{row.code} ({span(row.check_in, row.check_out)})."
                                 + (f" Se le devuelven {money(amount, row.currency or 'ARS')}."
                                    if amount > 0 else ""), now)
