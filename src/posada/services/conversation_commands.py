"""The service side of the dialogue policy's commands: each runs against the booking engine
and comes back as the policy's next input (``posada.conversation.model``)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from posada.conversation import model as c
from posada.conversation import texts
from posada.db.engine import Database
from posada.db.models import Accommodation, Property, Reservation
from posada.db.models_messaging import Contact, ContactReservation
from posada.db.models_payments import Payment, PaymentLink
from posada.domain import cancellation
from posada.domain import reservation as machine
from posada.domain.errors import DomainError
from posada.domain.payments import PaymentState
from posada.domain.reservation import Status
from posada.services import cancellations, catalog, checkout, guests, holds
from posada.services.payments import Payments
from posada.services.policy import BookingPolicy

#: How many free alternative stays to offer when nothing fits.
ALTERNATIVES = 3


@dataclass
class Effects:
    """What a turn leaves for its final transaction: owner messages, a handoff, links."""

    owner_messages: list[str] = field(default_factory=list)
    handoff: str | None = None
    linked: list[int] = field(default_factory=list)

    def owner(self, body: str) -> None:
        self.owner_messages.append(body)


@dataclass
class Executor:
    """Runs one conversation's commands at ``now`` (aware UTC) for ``contact``."""

    db: Database
    policy: BookingPolicy
    prop: Property
    contact: Contact
    zone: ZoneInfo
    hold_code: str
    effects: Effects
    now: datetime
    payments: Payments | None = None

    async def run(self, command: c.Command) -> c.Input | None:
        """Run ``command``; its result for the policy, or ``None`` (handoff, owner notes)."""
        if isinstance(command, c.FindOffers):
            return await self.find(command)
        if isinstance(command, c.PlaceHold):
            return await self.place(command)
        if isinstance(command, c.ListReservations):
            return c.ReservationsFound(await self.mine())
        if isinstance(command, c.CancelHold):
            return await self.cancel(command.code)
        if isinstance(command, c.Handoff):
            self.effects.handoff = command.reason[:200]
            recent = "\n".join(f"• {line}" for line in command.recent[-5:])
            self.effects.owner(
                f"👤 {self.who()} quiere hablar con una persona ({command.reason})."
                + (f"\nÚltimos mensajes:\n{recent}" if recent else ""))
            return None
        self.effects.owner(command.body)
        return None

    def who(self) -> str:
        return guests.contact_label(self.contact)

    async def offers(self, check_in: date, check_out: date, guests_: int
                     ) -> tuple[c.OfferView, ...]:
        found = await catalog.availability(self.db, self.policy, check_in, check_out, guests_,
                                           self.now)
        return tuple(
            c.OfferView(accommodation_id=o.accommodation.id, name=o.accommodation.name,
                        slug=o.accommodation.slug, capacity=o.accommodation.capacity,
                        nights=(check_out - check_in).days, total=o.quote.total,
                        deposit=o.quote.deposit, currency=o.quote.currency)
            for o in found if o.available and o.quote is not None
            and o.accommodation.property_id == self.prop.id)

    async def find(self, command: c.FindOffers) -> c.OffersFound:
        ask = (command.check_in, command.check_out, command.guests)
        try:
            offers = await self.offers(*ask)
        except DomainError as refusal:
            return c.OffersFound(*ask, offers=(), refusal=refusal.message)
        alternatives: list[tuple[date, date]] = []
        if not offers:
            for shift in range(1, command.nearby_days + 1):
                for sign in (-1, 1):
                    move = timedelta(days=sign * shift)
                    stay = (command.check_in + move, command.check_out + move)
                    try:
                        if await self.offers(*stay, command.guests):
                            alternatives.append(stay)
                    except DomainError:
                        continue  # in the past or beyond the horizon
                if len(alternatives) >= ALTERNATIVES:
                    break
        return c.OffersFound(*ask, offers=offers,
                             alternatives=tuple(alternatives[:ALTERNATIVES]))

    async def place(self, command: c.PlaceHold) -> c.Input:
        # A guest known only by a WhatsApp user id (no phone) is still one known person:
        # the per-contact cap is counted here over the contact's own holds (this turn holds
        # the contact's lock), and the anonymous-stay rule does not apply.
        by_user_id = not self.contact.phone
        if by_user_id and (refused := await self._over_cap()) is not None:
            return refused
        request = holds.HoldRequest(
            accommodation_id=command.accommodation_id, check_in=command.check_in,
            check_out=command.check_out, guests=command.guests,
            guest_name=command.guest_name[:200], guest_phone=self.contact.phone,
            channel="whatsapp", code=self.hold_code, trusted=by_user_id)
        try:
            hold = await holds.place_hold(self.db, self.policy, request, self.now)
        except DomainError as refusal:
            return c.HoldRefused(refusal.code, refusal.message)
        assert hold.id is not None
        self.effects.linked.append(hold.id)
        async with self.db.session() as session:
            row = await session.scalar(select(Reservation).where(Reservation.id == hold.id))
            name = await session.scalar(select(Accommodation.name).where(
                Accommodation.id == hold.accommodation_id))
        assert row is not None
        url = None if self.payments is None else await checkout.hold_made(
            self.payments, row.code, self.now)
        view = replace(self.view_of(row, name or ""), payment_url=url)
        self.effects.owner(
            f"🆕 Pre-reserva {view.code} por WhatsApp: {view.accommodation_name}, "
            f"{texts.span(view.check_in, view.check_out)}, {texts.people(view.guests)}, "
            f"{texts.money(view.total, view.currency)}, a nombre de {command.guest_name} "
            f"({self.who()}).")
        return c.HoldPlaced(view)

    async def _over_cap(self) -> c.HoldRefused | None:
        cap = self.policy.max_holds_per_contact
        if not cap:
            return None
        async with self.db.session() as session:
            live = await session.scalar(select(func.count()).select_from(Reservation).join(
                ContactReservation, ContactReservation.reservation_id == Reservation.id).where(
                ContactReservation.contact_id == self.contact.id,
                Reservation.status == Status.PRE_RESERVED.value,
                Reservation.expires_at > self.now)) or 0
        if live < cap:
            return None
        return c.HoldRefused("too_many_holds", "Ya hay demasiadas pre-reservas activas desde "
                             "esta cuenta; confirmá o esperá a que venza alguna.")

    async def mine(self) -> tuple[c.HoldView, ...]:
        async with self.db.session() as session:
            rows = await guests.contact_reservations(session, self.contact)
            ids = [row.id for row, _ in rows]
            links = dict((await session.execute(select(
                PaymentLink.reservation_id, PaymentLink.url).where(
                PaymentLink.reservation_id.in_(ids), PaymentLink.status == "created"))).all())
            paid = {rid: (amount or Decimal(0)) - (back or Decimal(0))
                    for rid, amount, back in (await session.execute(select(
                        Payment.reservation_id, Payment.amount, Payment.amount_refunded).where(
                        Payment.reservation_id.in_(ids), Payment.flag.is_(None),
                        Payment.state.in_((PaymentState.PAID.value,
                                           PaymentState.PARTIALLY_REFUNDED.value))))).all()}
        policy = cancellation.parse_policy(self.prop.cancellation_policy)
        today = self.now.astimezone(self.zone).date()
        views = []
        for row, name in rows:
            view = self.view_of(row, name)
            deposit = paid.get(row.id)
            live = view.status == Status.PRE_RESERVED.value
            views.append(replace(
                view, payment_url=links.get(row.id) if live else None, paid=deposit,
                refund_now=None if deposit is None else cancellation.refund_amount(
                    policy, deposit, row.check_in, today)))
        return tuple(views)

    def view_of(self, row: Reservation, name: str) -> c.HoldView:
        status = machine.effective_status(Status(row.status), row.expires_at, self.now)
        local = row.expires_at.astimezone(self.zone) if row.expires_at else None
        return c.HoldView(
            code=row.code, status=status.value, accommodation_name=name,
            check_in=row.check_in, check_out=row.check_out, guests=row.guests or 0,
            total=row.total or Decimal(0), deposit=row.deposit or Decimal(0),
            currency=row.currency or "",
            expires_at=row.expires_at,
            expires_local=local.strftime("%d/%m %H:%M") if local else None)

    async def cancel(self, code: str) -> c.Input:
        mine = {view.code: view for view in await self.mine()}
        view = mine.get(code.upper())
        if view is None:
            return c.CancelRefused("not_found", "No encuentro esa reserva entre las tuyas.")
        if view.status == Status.CANCELLED.value:
            return c.CancelDone(view)  # asked twice, or the message came again
        paid_stay = view.status == Status.CONFIRMED.value and view.paid is not None
        if view.status != Status.PRE_RESERVED.value and not paid_stay:
            return c.CancelRefused("invalid_transition",
                                   "Esa reserva ya no se puede cancelar por acá.")
        refund = None
        try:
            if self.payments is not None:
                made = await cancellations.cancel(self.payments, view.code, "whatsapp",
                                                  now=self.now, whatsapp=False)
                row, refund = made.reservation, made.refund_amount if paid_stay else None
            else:
                row = await holds.cancel_reservation(self.db, view.code, "whatsapp", self.now)
        except DomainError as refusal:
            return c.CancelRefused(refusal.code, refusal.message)
        done = self.view_of(row, view.accommodation_name)
        self.effects.owner(f"❌ {self.who()} canceló la pre-reserva {done.code} "
                           f"({done.accommodation_name}, "
                           f"{texts.span(done.check_in, done.check_out)}).")
        if refund:
            self.effects.owner(f"💸 Se le devuelven {texts.money(refund, done.currency)} "
                               "de la seña por Mercado Pago.")
        return c.CancelDone(done, refund)
