"""A pure transcript harness: guest messages in, the policy's replies and commands out.

``Calendar`` is a scripted in-memory stand-in for the service (three cabins, some booked
nights, the guest's reservations); ``Chat`` runs the service's loop documented in
``posada.conversation.policy`` and keeps every reply and command. The state goes through
``to_json``/``from_json`` before every message, as the service stores it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from posada.conversation.model import (
    CancelDone,
    CancelHold,
    CancelRefused,
    Choice,
    Command,
    FindOffers,
    HoldPlaced,
    HoldRefused,
    HoldView,
    Incoming,
    ListReservations,
    OffersFound,
    OfferView,
    PlaceHold,
    PropertyInfo,
    Reply,
    ReservationsFound,
    Result,
    Text,
    Voice,
)
from posada.conversation.policy import step
from posada.conversation.state import State
from posada.nlu.understand import understand

TZ = "America/Argentina/Buenos_Aires"
TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 21, 10, tzinfo=UTC)  # 18:10 in Buenos Aires
INFO = PropertyInfo(
    name="Cabañas del Lago",
    timezone=TZ,
    answers={"checkin_time": "El check-in es desde las 14 hs.", "wifi": "Sí, hay wifi en todas.",
             "address": "Estamos en Ruta 40 km 2030, Villa La Angostura."},
    map_url="https://maps.example/lago",
    payment="Transferí la seña al alias LAGO.CABANAS (Banco Nación).",
)


@dataclass(frozen=True)
class Cabin:
    id: int
    name: str
    slug: str
    capacity: int
    nightly: Decimal


CABINS = (
    Cabin(1, "Pehuén", "pehuen", 4, Decimal("120000")),
    Cabin(2, "Coihue", "coihue", 6, Decimal("180000")),
    Cabin(3, "Arrayán", "arrayan", 2, Decimal("90000.50")),
)


@dataclass
class Calendar:
    """The service's answers, scripted: ``booked`` nights per cabin id, the guest's
    ``reservations``, and optional refusals for the next calls."""

    cabins: tuple[Cabin, ...] = CABINS
    booked: dict[int, list[tuple[date, date]]] = field(default_factory=dict)
    reservations: list[HoldView] = field(default_factory=list)
    refuse_dates: str | None = None
    refuse_hold: tuple[str, str] | None = None
    refuse_cancel: tuple[str, str] | None = None
    codes: list[str] = field(default_factory=lambda: ["K7Q2M9XD4T", "H3ZP8WQ1RB"])
    run_log: list[Command] = field(default_factory=list)

    def free(self, cabin: Cabin, check_in: date, check_out: date) -> bool:
        return all(check_out <= a or b <= check_in for a, b in self.booked.get(cabin.id, []))

    def offers(self, check_in: date, check_out: date, guests: int) -> tuple[OfferView, ...]:
        n = (check_out - check_in).days
        return tuple(
            OfferView(c.id, c.name, c.slug, c.capacity, n, c.nightly * n,
                      (c.nightly * n * Decimal("0.3")).quantize(Decimal("0.01")), "ARS")
            for c in self.cabins if c.capacity >= guests and self.free(c, check_in, check_out))

    def run(self, command: Command) -> Result | None:
        self.run_log.append(command)
        if isinstance(command, FindOffers):
            return self._find(command)
        if isinstance(command, PlaceHold):
            return self._hold(command)
        if isinstance(command, ListReservations):
            return ReservationsFound(tuple(self.reservations))
        if isinstance(command, CancelHold):
            return self._cancel(command)
        return None  # Handoff, NotifyOwner

    def _find(self, c: FindOffers) -> OffersFound:
        if self.refuse_dates:
            return OffersFound(c.check_in, c.check_out, c.guests, (), (), self.refuse_dates)
        offers = self.offers(c.check_in, c.check_out, c.guests)
        alternatives: list[tuple[date, date]] = []
        if not offers:
            for shift in sorted(range(-c.nearby_days, c.nearby_days + 1), key=abs):
                a, b = c.check_in + timedelta(shift), c.check_out + timedelta(shift)
                if shift and a > TODAY and self.offers(a, b, c.guests):
                    alternatives.append((a, b))
        return OffersFound(c.check_in, c.check_out, c.guests, offers, tuple(alternatives[:3]))

    def _hold(self, c: PlaceHold) -> HoldPlaced | HoldRefused:
        if self.refuse_hold:
            code, message = self.refuse_hold
            self.refuse_hold = None
            return HoldRefused(code, message)
        cabin = next(x for x in self.cabins if x.id == c.accommodation_id)
        if not self.free(cabin, c.check_in, c.check_out):
            return HoldRefused("unavailable", "Esas noches ya no están libres.")
        offer = next(o for o in self.offers(c.check_in, c.check_out, 1)
                     if o.accommodation_id == cabin.id)
        self.booked.setdefault(cabin.id, []).append((c.check_in, c.check_out))
        view = HoldView(self.codes.pop(0), "pre_reserved", cabin.name, c.check_in, c.check_out,
                        c.guests, offer.total, offer.deposit, "ARS",
                        expires_at=NOW + timedelta(minutes=30))
        self.reservations.append(view)
        return HoldPlaced(view)

    def _cancel(self, c: CancelHold) -> CancelDone | CancelRefused:
        if self.refuse_cancel:
            return CancelRefused(*self.refuse_cancel)
        for i, view in enumerate(self.reservations):
            if view.code == c.code and view.status == "pre_reserved":
                self.reservations[i] = replace(view, status="cancelled")
                return CancelDone(self.reservations[i])
        return CancelRefused("invalid_transition", "Esa reserva ya no se puede cancelar.")


def hold_view(code: str, status: str, name: str = "Pehuén", check_in: date = date(2026, 12, 15),
              nights: int = 3, guests: int = 4) -> HoldView:
    """A reservation of the guest's for ``Calendar.reservations``."""
    return HoldView(code, status, name, check_in, check_in + timedelta(nights), guests,
                    Decimal("360000"), Decimal("108000"), "ARS",
                    expires_at=NOW + timedelta(minutes=30) if status == "pre_reserved" else None)


@dataclass
class Chat:
    """One guest's chat: ``say`` a message, get back this exchange's replies."""

    calendar: Calendar = field(default_factory=Calendar)
    profile_name: str | None = "Lucía"
    info: PropertyInfo = INFO
    state: State = field(default_factory=State)
    replies: list[Reply] = field(default_factory=list)
    commands: list[Command] = field(default_factory=list)

    def say(self, text: str, kind: str = "text", reply_id: str | None = None,
            voice: Voice | None = None) -> list[Reply]:
        stored = self.state.to_json()
        state = State.from_json(stored)
        assert state == self.state, "the state must survive its JSON round trip"
        event = Incoming(text, understand(text, TODAY, TZ), TODAY, NOW, kind=kind,
                         reply_id=reply_id, profile_name=self.profile_name, voice=voice)
        turn = step(state, event, self.info)
        out = list(turn.replies)
        pending = list(turn.commands)
        self.commands.extend(turn.commands)
        while pending:
            result = self.calendar.run(pending.pop(0))
            if result is None:
                continue
            turn = step(turn.state, result, self.info)
            out.extend(turn.replies)
            self.commands.extend(turn.commands)
            pending[:0] = turn.commands
        self.state = turn.state
        self.replies.extend(out)
        return out

    def tap(self, option_id: str) -> list[Reply]:
        """Tap an option of the last ``Choice`` (the text is its title, as WhatsApp sends)."""
        title = next(o.title for o in self.last_choice().options if o.id == option_id)
        return self.say(title, kind="interactive", reply_id=option_id)

    def last_choice(self) -> Choice:
        return next(r for r in reversed(self.replies) if isinstance(r, Choice))

    def sent(self, kind: type[Command]) -> list[Command]:
        return [c for c in self.commands if isinstance(c, kind)]


def body(replies: list[Reply]) -> str:
    """All reply texts of one exchange, joined by newlines."""
    return "\n".join(r.body for r in replies)


def ids(reply: Reply) -> list[str]:
    assert isinstance(reply, Choice), f"expected a Choice, got {reply!r}"
    return [o.id for o in reply.options]


def only_text(replies: list[Reply]) -> str:
    assert len(replies) == 1 and isinstance(replies[0], Text), replies
    return replies[0].body
