"""What the parser hands back: one frozen ``Understanding`` per message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Intent(StrEnum):
    """What the guest wants; when a message mixes several, the first in ``PRIORITY`` wins."""

    HUMAN_HANDOFF = "human_handoff"
    CANCEL = "cancel"
    MY_RESERVATION = "my_reservation"
    BOOK = "book"
    PRICE = "price"
    AVAILABILITY = "availability"
    INFO = "info"
    THANKS = "thanks"
    GREETING = "greeting"
    OTHER = "other"


#: The labelling guide's tie-break order (declaration order of ``Intent``).
PRIORITY: tuple[Intent, ...] = tuple(Intent)

#: Intents that lead to a quote, so a missing or unclear stay must be asked for.
QUOTING = frozenset({Intent.AVAILABILITY, Intent.PRICE, Intent.BOOK})


class Topic(StrEnum):
    """The subject of an ``info`` question."""

    CHECKIN_TIME = "checkin_time"
    CHECKOUT_TIME = "checkout_time"
    ADDRESS = "address"
    PETS = "pets"
    PARKING = "parking"
    WIFI = "wifi"
    LINENS = "linens"
    HEATING = "heating"
    OTHER = "other"


class Missing(StrEnum):
    """What the bot must ask before it can quote (the guide's order of precedence)."""

    DATES = "dates"
    CHECK_OUT = "check_out"
    WHICH = "which"
    GUESTS = "guests"


@dataclass(frozen=True, slots=True)
class Stay:
    """A reading of the dates: ``check_in``/``check_out`` are local dates, check-out exclusive.

    Either may be ``None`` (unknown). ``vague`` marks a range too loose to quote ("en enero"),
    ``conflict`` two readings that disagree ("el lunes 8" when the 8th is a Tuesday), and
    ``nights`` a stated length (it may exist without a start: "3 noches en enero").
    """

    check_in: date | None = None
    check_out: date | None = None
    nights: int | None = None
    vague: bool = False
    conflict: bool = False
    mentioned: bool = False

    @property
    def complete(self) -> bool:
        return self.check_in is not None and self.check_out is not None


@dataclass(frozen=True, slots=True)
class Party:
    """Who travels: ``guests`` is the total of people (pets are never counted).

    ``adults``/``children``/``infants`` are set only when the message breaks the party down;
    ``alternatives`` keeps every count offered ("para 4 o 5" → ``(4, 5)``, guests 5);
    ``vague`` marks a party mentioned without a number ("somos varios").
    """

    guests: int | None = None
    adults: int | None = None
    children: int | None = None
    infants: int | None = None
    pets: bool = False
    vague: bool = False
    alternatives: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Understanding:
    """The meaning of one guest message.

    Dates are local ``date``s in the property's zone; ``check_out`` is exclusive and
    ``nights = check_out - check_in``.
    ``booking_code`` is upper case without separators. ``question`` is the Spanish
    (rioplatense) text to send when ``needs_clarification`` is true.
    """

    intent: Intent
    topic: Topic | None
    stay: Stay
    party: Party
    booking_code: str | None
    accommodation: str | None
    what_is_missing: Missing | None
    question: str | None

    @property
    def needs_clarification(self) -> bool:
        return self.what_is_missing is not None

    @property
    def check_in(self) -> date | None:
        return self.stay.check_in

    @property
    def check_out(self) -> date | None:
        return self.stay.check_out

    @property
    def nights(self) -> int | None:
        """``check_out - check_in`` in nights, or ``None`` without a whole stay (a length
        said alone, "3 noches", is ``stay.nights``)."""
        if self.stay.check_in is not None and self.stay.check_out is not None:
            return (self.stay.check_out - self.stay.check_in).days
        return None

    @property
    def guests(self) -> int | None:
        return self.party.guests

    def to_json(self) -> dict[str, object]:
        """The CLI contract: a flat JSON-ready dict (dates ISO ``YYYY-MM-DD`` or ``None``)."""
        return {
            "intent": self.intent.value,
            "topic": self.topic.value if self.topic else None,
            "check_in": _iso(self.stay.check_in),
            "check_out": _iso(self.stay.check_out),
            "nights": self.nights,
            "stated_nights": self.stay.nights,
            "guests": self.party.guests,
            "adults": self.party.adults,
            "children": self.party.children,
            "infants": self.party.infants,
            "pets": self.party.pets,
            "guest_counts": list(self.party.alternatives) or None,
            "needs_clarification": self.needs_clarification,
            "what_is_missing": self.what_is_missing.value if self.what_is_missing else None,
            "question": self.question,
            "booking_code": self.booking_code,
            "accommodation": self.accommodation,
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
