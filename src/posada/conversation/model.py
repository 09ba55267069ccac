"""The conversation's vocabulary: state, what comes in, what the policy asks for, what it says.

Everything here is plain, frozen data (JSON-ready through ``to_json``/``from_json`` for the
state) so that ``posada.conversation.policy.step`` stays pure: it takes the state, one input
and the property's context, and returns the next state, the replies to send and the commands
for the service to run. Results of commands come back to ``step`` as inputs.

Dates are local ``date``s in the property's zone (check-out exclusive); instants are aware UTC
``datetime``s; money is ``Decimal`` with an ISO 4217 ``currency``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from posada.nlu.model import Understanding

if TYPE_CHECKING:
    from posada.conversation.state import State

# --------------------------------------------------------------------------- replies


@dataclass(frozen=True, slots=True)
class Option:
    """One choice offered to the guest: ``id`` comes back as ``Incoming.reply_id`` when the
    guest taps it (WhatsApp list row or button); ``title`` ≤ 24 characters (WhatsApp's limit
    for list rows; buttons allow 20), ``description`` ≤ 72."""

    id: str
    title: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Text:
    """A plain text reply (≤ 4,096 characters, WhatsApp's limit)."""

    body: str


@dataclass(frozen=True, slots=True)
class Choice:
    """A question with options: rendered as reply buttons (≤ 3 options), an interactive list
    (≤ 10) or, on channels without them, numbered text the guest can answer with "la 2".
    ``button`` is the list's button label (≤ 20 characters)."""

    body: str
    options: tuple[Option, ...]
    button: str = "Ver opciones"


Reply = Text | Choice

# --------------------------------------------------------------------------- commands


@dataclass(frozen=True, slots=True)
class FindOffers:
    """Ask the service for what is free for the stay; answered with ``OffersFound``.

    ``nearby_days``: also search the same length of stay shifted by up to this many days
    when nothing fits (answered in ``OffersFound.alternatives``)."""

    check_in: date
    check_out: date
    guests: int
    nearby_days: int = 7


@dataclass(frozen=True, slots=True)
class PlaceHold:
    """Take a hold on ``accommodation_id``; answered with ``HoldPlaced`` or ``HoldRefused``."""

    accommodation_id: int
    check_in: date
    check_out: date
    guests: int
    guest_name: str


@dataclass(frozen=True, slots=True)
class ListReservations:
    """The guest's reservations (by their phone or WhatsApp user); answered with
    ``ReservationsFound``."""


@dataclass(frozen=True, slots=True)
class CancelHold:
    """Cancel the guest's hold ``code``; answered with ``CancelDone`` or ``CancelRefused``."""

    code: str


@dataclass(frozen=True, slots=True)
class Handoff:
    """Hand the chat to a person: the service pauses the bot for this guest and tells the
    owner, with the guest's name and ``recent`` (the last messages)."""

    reason: str
    recent: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NotifyOwner:
    """Send the owner a message (English or Spanish text for the owner)."""

    body: str


Command = FindOffers | PlaceHold | ListReservations | CancelHold | Handoff | NotifyOwner

# --------------------------------------------------------------------------- inputs


class Heard(StrEnum):
    """What came of listening to a voice note.

    ``clear``: transcribed with confidence (``Incoming.text`` is the transcript, repaired);
    ``unsure``: the model was not confident (ask the guest to write it); ``too_long``: over
    the length limit; ``unreadable``: not audio, corrupt or no longer downloadable;
    ``unavailable``: speech recognition is off or failed here."""

    CLEAR = "clear"
    UNSURE = "unsure"
    TOO_LONG = "too_long"
    UNREADABLE = "unreadable"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True, slots=True)
class Voice:
    """A voice note's listening result: ``heard``, and the length limit in seconds."""

    heard: Heard
    limit_seconds: int = 180


@dataclass(frozen=True, slots=True)
class Incoming:
    """One guest message as the policy sees it.

    ``text``: the words (text, caption, button or list title); ``understanding``: the NLU's
    reading of ``text``; ``reply_id``: the ``Option.id`` tapped, when the guest tapped one;
    ``kind``: ``text``, ``interactive``, ``button``, ``audio``, ``image``, ``location``,
    ``contacts``, ``reaction``, ``sticker``, ``unsupported``, … (the WhatsApp type, or
    ``text`` for the terminal); ``profile_name``: the guest's WhatsApp profile name, if any.
    """

    text: str
    understanding: Understanding
    today: date
    now: datetime
    kind: str = "text"
    reply_id: str | None = None
    profile_name: str | None = None
    #: how a voice note was heard (``None`` for anything else, or when speech is off)
    voice: Voice | None = None


@dataclass(frozen=True, slots=True)
class OfferView:
    """One accommodation that fits, priced."""

    accommodation_id: int
    name: str
    slug: str
    capacity: int
    nights: int
    total: Decimal
    deposit: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class OffersFound:
    """Answer to ``FindOffers``: ``offers`` fit the stay as asked (may be empty);
    ``alternatives`` (when ``offers`` is empty) are the nearest free stays of the same length,
    nearest first; ``refusal`` is a Spanish reason when the dates themselves cannot be booked
    (in the past, too long, too far ahead) — then both lists are empty."""

    check_in: date
    check_out: date
    guests: int
    offers: tuple[OfferView, ...]
    alternatives: tuple[tuple[date, date], ...] = ()
    refusal: str | None = None


@dataclass(frozen=True, slots=True)
class HoldView:
    """A guest's reservation as shown to them; ``expires_local`` is the hold's expiry in the
    property's zone, already formatted in Spanish ("hoy a las 18:40")."""

    code: str
    status: str
    accommodation_name: str
    check_in: date
    check_out: date
    guests: int
    total: Decimal
    deposit: Decimal
    currency: str
    expires_at: datetime | None = None
    expires_local: str | None = None
    #: the deposit's Mercado Pago link while the hold lives
    payment_url: str | None = None
    #: the deposit paid online (``None``: none on record) and what cancelling now gives back
    paid: Decimal | None = None
    refund_now: Decimal | None = None


@dataclass(frozen=True, slots=True)
class HoldPlaced:
    hold: HoldView


@dataclass(frozen=True, slots=True)
class HoldRefused:
    """``code`` is the stable error code (``unavailable``, ``too_many_holds``, ``min_stay``,
    ``over_capacity``, …) and ``message`` its Spanish text."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class ReservationsFound:
    reservations: tuple[HoldView, ...]


@dataclass(frozen=True, slots=True)
class CancelDone:
    """A cancelled reservation; ``refund``: what goes back of the deposit (``None``: there
    was nothing paid online to give back)."""

    hold: HoldView
    refund: Decimal | None = None


@dataclass(frozen=True, slots=True)
class CancelRefused:
    code: str
    message: str


Result = (OffersFound | HoldPlaced | HoldRefused | ReservationsFound | CancelDone
          | CancelRefused)
Input = Incoming | Result

# --------------------------------------------------------------------------- context


@dataclass(frozen=True, slots=True)
class PropertyInfo:
    """What the bot may tell guests about the property (owner-edited; empty = unknown).

    ``answers`` maps an info topic (``posada.nlu.model.Topic`` values: ``checkin_time``,
    ``checkout_time``, ``address``, ``pets``, ``parking``, ``wifi``, ``linens``, ``heating``)
    to the owner's Spanish text; ``map_url`` goes with the address; ``payment`` is how to pay
    a deposit (bank-transfer alias/CBU until Mercado Pago is set up)."""

    name: str
    timezone: str
    answers: dict[str, str] = field(default_factory=dict)
    map_url: str | None = None
    payment: str | None = None
    hold_minutes: int = 30
    #: the cancellation policy in Spanish, shown before paying
    cancellation: str | None = None


# --------------------------------------------------------------------------- the turn


@dataclass(frozen=True, slots=True)
class Turn:
    """What ``step`` returns: the next state, what to say now, what to run next."""

    state: State
    replies: tuple[Reply, ...] = ()
    commands: tuple[Command, ...] = ()

