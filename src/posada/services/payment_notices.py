"""What the guest and the owner are told about deposits, refunds and cancellations.

Every message is written to the outbox in the transaction of the change it reports, once
(``dedupe_key``): to the guest by WhatsApp when a WhatsApp contact is known for the
reservation and by e-mail when they gave an address (and e-mail is set up); to the owner by
WhatsApp (``POSADA_OWNER_PHONE``) and e-mail (``POSADA_OWNER_EMAIL``). E-mail rows carry the
template name and its context; they are rendered when sent (``email_outbox``).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from posada.conversation.texts import money, people, span
from posada.db.models import Accommodation, Property, Reservation
from posada.db.models_messaging import Contact, ContactReservation
from posada.db.models_payments import Payment, PaymentLink, Refund
from posada.domain import cancellation
from posada.services.guests import address_of
from posada.services.outbox import outbox_row, owner_alert
from posada.services.ports import Address

if TYPE_CHECKING:
    from posada.services.payments import Payments


async def _guest_contact(session: AsyncSession, row: Reservation) -> Contact | None:
    linked = select(ContactReservation.contact_id).where(
        ContactReservation.reservation_id == row.id)
    found = or_(Contact.id.in_(linked), Contact.phone_key == row.phone_key) \
        if row.phone_key else Contact.id.in_(linked)
    return await session.scalar(select(Contact).where(
        Contact.property_id == row.property_id, found).order_by(Contact.id).limit(1))


async def email_context(session: AsyncSession, row: Reservation, **extra: Any
                        ) -> dict[str, Any]:
    """The JSON context of a reservation's e-mail (dates ISO, money as strings)."""
    place = await session.get(Accommodation, row.accommodation_id)
    prop = await session.get(Property, row.property_id)
    assert place is not None and prop is not None
    link = await session.scalar(select(PaymentLink.url).where(
        PaymentLink.reservation_id == row.id, PaymentLink.status == "created"))
    policy = cancellation.parse_policy(prop.cancellation_policy)
    context: dict[str, Any] = {
        "code": row.code, "property_name": prop.name, "accommodation_name": place.name,
        "timezone": prop.timezone, "check_in": row.check_in.isoformat(),
        "check_out": row.check_out.isoformat(), "guests": row.guests or 0,
        "guest_name": row.guest_name or "", "total": str(row.total or 0),
        "deposit": str(row.deposit or 0), "currency": row.currency or prop.currency,
        "expires_at": row.expires_at.isoformat() if row.expires_at else None,
        "payment_url": link, "payment_instructions": prop.payment_instructions,
        "cancellation_policy": cancellation.policy_text(policy),
        "address": (prop.info or {}).get("address"), "map_url": prop.map_url,
        "status": row.status,
    }
    context.update({k: str(v) if isinstance(v, Decimal) else v for k, v in extra.items()})
    return context


async def tell_guest(ctx: Payments, session: AsyncSession, row: Reservation, key: str,
                     body: str | None, template: str | None, now: datetime,
                     **extra: Any) -> None:
    """``body`` to the guest by WhatsApp (when known there) and ``template`` by e-mail (when
    they gave an address), each once by ``key``."""
    contact = await _guest_contact(session, row) if body else None
    if contact is not None and body:
        session.add(outbox_row(row.property_id, "reply", address_of(contact),
                               {"type": "text", "body": body}, contact_id=contact.id,
                               dedupe_key=f"{key}:wa"[:200], now=now,
                               channel=ctx.outbox.channel))
    if template and ctx.email and row.guest_email:
        session.add(outbox_row(
            row.property_id, "email", Address(email=row.guest_email),
            {"type": "email", "template": template,
             "context": await email_context(session, row, **extra)},
            dedupe_key=f"{key}:mail"[:200], now=now, channel="email"))


async def tell_owner(ctx: Payments, session: AsyncSession, row: Reservation, key: str,
                     body: str, now: datetime, **extra: Any) -> None:
    """An alert to the owner by WhatsApp and, when set up, e-mail; once by ``key``."""
    alert = owner_alert(row.property_id, ctx.outbox, body, now)
    if alert is not None:
        alert.dedupe_key = f"{key}:owner"[:200]
        session.add(alert)
    if ctx.email and ctx.owner_email and extra.get("reason"):  # the alerts e-mail knows
        session.add(outbox_row(
            row.property_id, "email", Address(email=ctx.owner_email),
            {"type": "email", "template": "owner_alert",
             "context": await email_context(session, row, alert=body, **extra)},
            dedupe_key=f"{key}:owner-mail"[:200], now=now, channel="email"))


async def _cabin(session: AsyncSession, row: Reservation) -> str:
    return await session.scalar(select(Accommodation.name).where(
        Accommodation.id == row.accommodation_id)) or "la cabaña"


def _amount(pay: Payment | Refund) -> str:
    return money(pay.amount or Decimal(0), pay.currency or "ARS")


async def confirmed(ctx: Payments, session: AsyncSession, row: Reservation, pay: Payment,
                    now: datetime) -> None:
    cabin = await _cabin(session, row)
    balance = (row.total or Decimal(0)) - (pay.amount or Decimal(0))
    await tell_guest(
        ctx, session, row, f"pay-confirmed:{row.code}",
        f"✅ ¡Recibimos tu seña de {_amount(pay)}! Tu reserva {row.code} en {cabin} está "
        f"confirmada: {span(row.check_in, row.check_out)}, {people(row.guests or 0)}. "
        f"El saldo de {money(balance, row.currency or 'ARS')} lo pagás al llegar. "
        "¡Te esperamos!", "confirmation", now, paid=pay.amount, balance=balance)
    await tell_owner(ctx, session, row, f"pay-confirmed:{row.code}",
                     f"💰 Seña recibida por Mercado Pago ({_amount(pay)}): la reserva "
                     f"{row.code} de {row.guest_name or 'un huésped'} en {cabin}, "
                     f"{span(row.check_in, row.check_out)}, quedó confirmada.", now)


async def payment_failed(ctx: Payments, session: AsyncSession, row: Reservation,
                         pay: Payment, link: PaymentLink | None, now: datetime) -> None:
    """The guest's payment ``pay`` was rejected: told once per payment (two rejections in
    one minute are two notices)."""
    again = f" Podés intentar de nuevo acá: {link.url}" if link and link.url else ""
    await tell_guest(ctx, session, row, f"pay-failed:{row.code}:{pay.provider_payment_id}",
                     f"El pago de la seña de tu pre-reserva {row.code} no se pudo completar "
                     f"😕.{again} La pre-reserva sigue vigente hasta que vence.",
                     "payment_retry", now)


async def amount_mismatch(ctx: Payments, session: AsyncSession, row: Reservation,
                          pay: Payment, now: datetime) -> None:
    await tell_owner(ctx, session, row, f"pay-mismatch:{pay.provider_payment_id}",
                     f"⚠️ El pago {pay.provider_payment_id} de la reserva {row.code} es de "
                     f"{_amount(pay)}, pero la seña es "
                     f"{money(row.deposit or Decimal(0), row.currency or 'ARS')}: no la "
                     "confirmé. Revisalo en Mercado Pago.", now, reason="amount_mismatch",
                     payment_id=pay.provider_payment_id, received=pay.amount)


async def paid_after_manual(ctx: Payments, session: AsyncSession, row: Reservation,
                            pay: Payment, now: datetime) -> None:
    await tell_owner(ctx, session, row, f"pay-manual:{pay.provider_payment_id}",
                     f"💰 Llegó por Mercado Pago la seña ({_amount(pay)}) de la reserva "
                     f"{row.code}, que ya habías confirmado vos.", now)


async def refund_due(ctx: Payments, session: AsyncSession, row: Reservation, pay: Payment,
                     reason: str, automatic: bool, now: datetime) -> None:
    why = ("pagó dos veces" if reason == "duplicate" else
           "la pre-reserva ya había vencido o se había cancelado y esas noches ya no están "
           "libres")
    todo = ("Ya pedí la devolución a Mercado Pago." if automatic else
            "Hay que devolverle el pago (POSADA_MERCADOPAGO_AUTO_REFUND está apagado).")
    await tell_owner(ctx, session, row, f"pay-refund-due:{pay.provider_payment_id}",
                     f"⚠️ Llegó un pago de {_amount(pay)} para la reserva {row.code}, pero "
                     f"{why}. {todo}", now, reason="refund_due",
                     payment_id=pay.provider_payment_id, received=pay.amount,
                     refunded=automatic)
    guest_why = ("ya habíamos recibido la seña de esa reserva" if reason == "duplicate" else
                 "tu pre-reserva ya había vencido y esas noches se ocuparon 😕")
    back = ("Ya pedimos que te lo devuelvan completo." if automatic
            else "Te lo devolvemos completo; te escribimos cuando esté hecho.")
    await tell_guest(ctx, session, row, f"pay-refund-due:{pay.provider_payment_id}",
                     f"Recibimos tu pago de {_amount(pay)} para la reserva {row.code}, pero "
                     f"{guest_why}. {back}", "refund_due", now, refund_amount=pay.amount)


async def owner_flag(ctx: Payments, session: AsyncSession, row: Reservation, pay: Payment,
                     now: datetime) -> None:
    what = ("pidió un contracargo (chargeback)" if pay.status == "charged_back"
            else "abrió un reclamo (mediación)")
    await tell_owner(ctx, session, row, f"pay-flag:{pay.provider_payment_id}:{pay.status}",
                     f"⚠️ El pago {pay.provider_payment_id} ({_amount(pay)}) de la reserva "
                     f"{row.code} {what} en Mercado Pago. La reserva sigue como está: "
                     "revisalo en Mercado Pago.", now, reason=pay.status,
                     payment_id=pay.provider_payment_id, received=pay.amount)


async def cancelled_by_refund(ctx: Payments, session: AsyncSession, row: Reservation,
                              pay: Payment, now: datetime) -> None:
    await tell_owner(ctx, session, row, f"pay-refunded:{row.code}",
                     f"↩️ Se devolvió la seña de la reserva {row.code} ({_amount(pay)}) en "
                     "Mercado Pago: la cancelé y esas noches quedaron libres.", now)
    await tell_guest(ctx, session, row, f"pay-refunded:{row.code}",
                     f"Tu reserva {row.code} quedó cancelada y se devolvió la seña "
                     f"({_amount(pay)}).", "cancellation", now, refund_amount=pay.amount,
                     cancel_reason="payment_refunded")


async def refund_done(ctx: Payments, session: AsyncSession, row: Reservation, refund: Refund,
                      now: datetime) -> None:
    await tell_guest(ctx, session, row, f"refund-done:{refund.id}",
                     f"💸 Te devolvimos {_amount(refund)} de la reserva {row.code} por Mercado "
                     "Pago. Puede tardar unos días en verse en tu cuenta o tarjeta.",
                     "refund_done", now, refund_amount=refund.amount)


async def refund_failed(ctx: Payments, session: AsyncSession, row: Reservation,
                        refund: Refund, now: datetime) -> None:
    await tell_owner(ctx, session, row, f"refund-failed:{refund.id}",
                     f"⚠️ Mercado Pago no aceptó devolver {_amount(refund)} de la reserva "
                     f"{row.code}: {refund.last_error or 'sin detalle'}. Devolvelo a mano.",
                     now, reason="refund_failed", refund_amount=refund.amount)
