"""The memory of one chat: ``State``, frozen and JSON-ready.

The service stores ``State.to_json()`` per WhatsApp user and rebuilds it with
``State.from_json(data)`` before each message; ``State()`` is a fresh chat. Dates are local
``date``s in the property's zone (check-out exclusive), money is ``Decimal`` (as strings in
JSON), instants are aware UTC ``datetime``s (ISO 8601 in JSON).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from posada.conversation.model import HoldView, OfferView

_T = TypeVar("_T")

#: Version of the JSON shape; another version reads as a fresh ``State()``.
VERSION = 1
#: How many of the guest's last texts are kept for the owner on handoff.
RECENT_KEPT = 5


class Step(StrEnum):
    """Where the chat stands: what a short answer ("la 2", "sí", "Lucía") refers to."""

    IDLE = "idle"
    MENU = "menu"  # the menu was shown: "la 2" picks an entry
    CHOOSING = "choosing"  # offers or alternative dates were shown
    NAMING = "naming"  # a cabin is chosen, the guest's name is asked
    CANCEL_WHICH = "cancel_which"  # several reservations could be cancelled
    CANCEL_CONFIRM = "cancel_confirm"  # "¿Cancelo la pre-reserva …? (sí / no)"


@dataclass(frozen=True, slots=True)
class State:
    """One chat's memory.

    Slots: ``check_in``/``check_out`` (local dates, check-out exclusive), ``nights`` (a length
    said without a start, "3 noches"), ``guests`` (total people), ``accommodation`` (the NLU
    label of a cabin the guest named: ``name:<slug>``, ``capacity:N``, ``size:large|small``).
    ``asked`` is the ``posada.nlu.model.Missing`` value of the last slot question, so a bare
    answer ("el 18", "4") fills it. ``offers``/``alternatives`` are what was last shown and
    ``options`` the ids of the last ``Choice`` in order ("la 2" → ``options[1]``).
    ``chosen`` is the offer being booked, ``proposed_name`` the WhatsApp profile name offered
    ("¿A nombre de Lucía?"), ``guest_name`` the name the last hold was taken for.
    ``awaiting`` says what a pending ``ListReservations`` is for (``status`` or ``cancel``),
    or, after "no encuentro ese código", what the code asked again is for;
    ``asked_code`` the booking code the guest gave with it; ``reservations`` are the
    candidates shown for cancelling and ``cancel_code`` the one awaiting "sí".
    ``not_understood`` counts consecutive texts the bot could not read (two → handoff);
    ``recent`` are the guest's last texts; ``today`` the local date of the last message and
    ``profile_name`` the guest's WhatsApp profile name from it.
    """

    check_in: date | None = None
    check_out: date | None = None
    nights: int | None = None
    guests: int | None = None
    accommodation: str | None = None
    step: Step = Step.IDLE
    asked: str | None = None
    offers: tuple[OfferView, ...] = ()
    alternatives: tuple[tuple[date, date], ...] = ()
    options: tuple[str, ...] = ()
    chosen: OfferView | None = None
    proposed_name: str | None = None
    guest_name: str | None = None
    awaiting: str | None = None
    asked_code: str | None = None
    reservations: tuple[HoldView, ...] = ()
    cancel_code: str | None = None
    not_understood: int = 0
    recent: tuple[str, ...] = ()
    today: date | None = None
    profile_name: str | None = None

    @property
    def stay_nights(self) -> int | None:
        """``check_out - check_in`` in nights when both are known."""
        if self.check_in is None or self.check_out is None:
            return None
        return (self.check_out - self.check_in).days

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: dates ISO ``YYYY-MM-DD``, Decimals as strings, instants ISO."""
        return {
            "v": VERSION,
            "check_in": _day(self.check_in),
            "check_out": _day(self.check_out),
            "nights": self.nights,
            "guests": self.guests,
            "accommodation": self.accommodation,
            "step": self.step.value,
            "asked": self.asked,
            "offers": [_offer_json(o) for o in self.offers],
            "alternatives": [[a.isoformat(), b.isoformat()] for a, b in self.alternatives],
            "options": list(self.options),
            "chosen": _offer_json(self.chosen) if self.chosen else None,
            "proposed_name": self.proposed_name,
            "guest_name": self.guest_name,
            "awaiting": self.awaiting,
            "asked_code": self.asked_code,
            "reservations": [_hold_json(h) for h in self.reservations],
            "cancel_code": self.cancel_code,
            "not_understood": self.not_understood,
            "recent": list(self.recent),
            "today": _day(self.today),
            "profile_name": self.profile_name,
        }

    @classmethod
    def from_json(cls, data: object) -> State:
        """Rebuild a ``State`` from ``to_json()``'s dict; anything else (garbage, another
        version, wrong types) gives a fresh ``State()`` and never raises."""
        try:
            return _from_json(data)
        except Exception:  # tolerant by contract: a broken memory starts a new chat
            return cls()


def _from_json(data: object) -> State:
    if not isinstance(data, dict) or data.get("v") != VERSION:
        return State()
    return State(
        check_in=_opt(data["check_in"], date.fromisoformat),
        check_out=_opt(data["check_out"], date.fromisoformat),
        nights=_opt_int(data["nights"]),
        guests=_opt_int(data["guests"]),
        accommodation=_opt_str(data["accommodation"]),
        step=Step(data["step"]),
        asked=_opt_str(data["asked"]),
        offers=tuple(_offer(o) for o in _list(data["offers"])),
        alternatives=tuple(
            (date.fromisoformat(a), date.fromisoformat(b)) for a, b in _list(data["alternatives"])
        ),
        options=tuple(_str(o) for o in _list(data["options"])),
        chosen=_opt(data["chosen"], _offer),
        proposed_name=_opt_str(data["proposed_name"]),
        guest_name=_opt_str(data["guest_name"]),
        awaiting=_opt_str(data["awaiting"]),
        asked_code=_opt_str(data["asked_code"]),
        reservations=tuple(_hold(h) for h in _list(data["reservations"])),
        cancel_code=_opt_str(data["cancel_code"]),
        not_understood=_int(data["not_understood"]),
        recent=tuple(_str(t) for t in _list(data["recent"]))[-RECENT_KEPT:],
        today=_opt(data["today"], date.fromisoformat),
        profile_name=_opt_str(data["profile_name"]),
    )


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _offer_json(o: OfferView) -> dict[str, Any]:
    return {"accommodation_id": o.accommodation_id, "name": o.name, "slug": o.slug,
            "capacity": o.capacity, "nights": o.nights, "total": str(o.total),
            "deposit": str(o.deposit), "currency": o.currency}


def _offer(d: dict[str, Any]) -> OfferView:
    return OfferView(accommodation_id=_int(d["accommodation_id"]), name=_str(d["name"]),
                     slug=_str(d["slug"]), capacity=_int(d["capacity"]),
                     nights=_int(d["nights"]), total=Decimal(_str(d["total"])),
                     deposit=Decimal(_str(d["deposit"])), currency=_str(d["currency"]))


def _hold_json(h: HoldView) -> dict[str, Any]:
    return {"code": h.code, "status": h.status, "accommodation_name": h.accommodation_name,
            "check_in": h.check_in.isoformat(), "check_out": h.check_out.isoformat(),
            "guests": h.guests, "total": str(h.total), "deposit": str(h.deposit),
            "currency": h.currency,
            "expires_at": h.expires_at.isoformat() if h.expires_at else None,
            "expires_local": h.expires_local}


def _hold(d: dict[str, Any]) -> HoldView:
    expires = _opt(d["expires_at"], datetime.fromisoformat)
    if expires is not None and expires.tzinfo is None:
        raise ValueError("naive instant")
    return HoldView(code=_str(d["code"]), status=_str(d["status"]),
                    accommodation_name=_str(d["accommodation_name"]),
                    check_in=date.fromisoformat(d["check_in"]),
                    check_out=date.fromisoformat(d["check_out"]), guests=_int(d["guests"]),
                    total=Decimal(_str(d["total"])), deposit=Decimal(_str(d["deposit"])),
                    currency=_str(d["currency"]), expires_at=expires,
                    expires_local=_opt_str(d["expires_local"]))


def _opt(value: Any, parse: Callable[[Any], _T]) -> _T | None:
    return None if value is None else parse(value)


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("not a list")
    return value


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


def _opt_str(value: object) -> str | None:
    return None if value is None else _str(value)


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("not an int")
    return value


def _opt_int(value: object) -> int | None:
    return None if value is None else _int(value)
