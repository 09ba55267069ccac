"""The dialogue policy: ``step(state, event, info) -> Turn``, pure.

The service's loop, for one guest message::

    turn = step(State.from_json(stored), Incoming(...), info)
    send(turn.replies)                       # in order
    pending = list(turn.commands)
    while pending:                           # one by one, in order
        result = run(pending.pop(0))         # FindOffers → OffersFound, PlaceHold →
                                             # HoldPlaced | HoldRefused, ListReservations →
                                             # ReservationsFound, CancelHold → CancelDone |
                                             # CancelRefused; Handoff, NotifyOwner → no result
        if result is not None:
            turn = step(turn.state, result, info)
            send(turn.replies)
            pending[:0] = turn.commands      # a result's commands run before the rest
    store(turn.state.to_json())

A command without a result (``Handoff``, ``NotifyOwner``) is run and not fed back. Every turn
has at most one command that answers with a result, so the loop ends after a few steps.

How a guest text is read, first match wins:

1. a tapped option (``Incoming.reply_id``: ``acc:<id>``, ``alt:<in>:<out>``, ``res:<code>``,
   ``menu:dates|mine|human``);
2. "hablar con una persona" (``Intent.HUMAN_HANDOFF``) → ``Handoff``;
3. an answer to the current step: "la 2" / "la primera" / a cabin's name / "esa" while
   choosing, "sí" / another name while naming, "sí" / "no" to a cancel;
4. a new request: cancel, my reservation (or a booking code), info, anything about the stay
   (dates, length, party) → slot filling and ``FindOffers``, greeting, thanks;
5. otherwise not understood: the menu, and at the second in a row a handoff.

Non-text kinds (``Incoming.kind``): ``reaction`` and ``sticker`` get no reply; ``audio`` is
read as text when it was heard clearly (``Incoming.voice``), its answer led by the echo of
what was understood, and otherwise asks for text (see ``posada.conversation.voice``);
``location``/``contacts`` are thanked; an image without a caption asks for text;
``unsupported`` or unknown kinds get a line and the menu. None of them counts towards the
not-understood handoff. An image that comes with text (a caption) is read as text.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from posada.conversation import booking, cues, reservations, texts, voice
from posada.conversation.common import MENU_DATES, MENU_HUMAN, MENU_MINE, handoff, idle, menu
from posada.conversation.model import (
    CancelDone,
    CancelRefused,
    HoldPlaced,
    HoldRefused,
    Incoming,
    Input,
    NotifyOwner,
    OffersFound,
    PropertyInfo,
    ReservationsFound,
    Text,
    Turn,
)
from posada.conversation.state import RECENT_KEPT, State, Step
from posada.nlu.model import Intent, Missing, Topic

#: Intents that are never an answer to "¿Cuál te reservo?", even naming a cabin.
_NOT_A_PICK = frozenset({Intent.INFO, Intent.CANCEL, Intent.MY_RESERVATION,
                         Intent.HUMAN_HANDOFF})
#: Kinds whose ``text`` (body, caption, button title, transcript) is read.
_TEXT_KINDS = frozenset({"text", "interactive", "button", "image", "audio", "video",
                         "document"})


def step(state: State, event: Input, info: PropertyInfo) -> Turn:
    """The next turn of the chat.

    Args:
        state: the chat's memory (``State()`` for a new chat).
        event: an ``Incoming`` guest message, or the result of the last command.
        info: the property's name, IANA ``timezone``, answers and payment text.

    Returns:
        ``Turn(state, replies, commands)``: replies to send in order, commands for the
        service to run in order (see the module doc for the loop). Never raises for any
        guest input.
    """
    if isinstance(event, Incoming):
        return _incoming(state, event, info)
    if isinstance(event, OffersFound):
        return booking.on_offers(state, event)
    if isinstance(event, HoldPlaced):
        return booking.on_hold_placed(state, event, info)
    if isinstance(event, HoldRefused):
        return booking.on_hold_refused(state, event)
    if isinstance(event, ReservationsFound):
        return reservations.on_found(state, event, info)
    if isinstance(event, CancelDone):
        return reservations.on_cancel_done(state, event)
    if isinstance(event, CancelRefused):
        return reservations.on_cancel_refused(state, event)
    return Turn(state)


def _incoming(state: State, event: Incoming, info: PropertyInfo) -> Turn:
    profile = _profile_name(event.profile_name)
    state = replace(state, today=event.today, profile_name=profile or state.profile_name)
    kind, text = event.kind, event.text.strip()
    if kind == "reaction":
        return Turn(state)
    if kind == "audio" and not voice.is_clear(event):
        return voice.unheard(_remember(state, "[audio]"), event.voice)
    if kind not in _TEXT_KINDS or not (text or event.reply_id):
        return _not_text(_remember(state, f"[{kind}]"), kind)
    if kind == "audio":
        return voice.with_echo(_read(state, event, info, text), event)
    return _read(state, event, info, text)


def _read(state: State, event: Incoming, info: PropertyInfo, text: str) -> Turn:
    state = _remember(state, text or f"[{event.reply_id}]")
    misses, state = state.not_understood, replace(state, not_understood=0)
    if event.reply_id:
        turn = _by_id(state, event.reply_id)
        if turn is not None:
            return turn
    if event.understanding.intent is Intent.HUMAN_HANDOFF:
        return handoff(state, "guest_asked")
    turn = _in_step(state, event)
    if turn is not None:
        return turn
    return _request(state, event, info, misses)


def _not_text(state: State, kind: str) -> Turn:
    if kind == "sticker":
        return Turn(state)
    if kind == "image":
        return Turn(state, (Text(texts.IMAGE),))
    if kind == "location":
        return Turn(state, (Text(texts.LOCATION),))
    if kind == "contacts":
        return Turn(state, (Text(texts.CONTACTS),))
    return menu(state, texts.MENU_UNSUPPORTED)


def _by_id(state: State, reply_id: str) -> Turn | None:
    """A tapped option (or "la 2" resolved to one); ``None`` for an unknown id."""
    kind, _, value = reply_id.partition(":")
    if kind == "acc":
        for offer in state.offers:
            if booking.offer_id(offer) == reply_id:
                return booking.choose(state, offer)
        if state.check_in and state.check_out and state.guests:
            again = booking.search(state)
            return Turn(again.state, (Text(texts.STALE_OPTION),), again.commands)
        return _ask_dates(state)
    if kind == "alt":
        stay = _parse_stay(value)
        return booking.pick_alternative(state, *stay) if stay else None
    if kind == "res":
        return reservations.by_code(state, value)
    if reply_id == MENU_DATES:
        return _ask_dates(state)
    if reply_id == MENU_MINE:
        return reservations.ask(state, reservations.STATUS, None)
    if reply_id == MENU_HUMAN:
        return handoff(state, "guest_asked")
    return None


def _in_step(state: State, event: Incoming) -> Turn | None:
    """The message read as an answer to the current step, or ``None``."""
    if state.step is Step.CANCEL_CONFIRM:
        return reservations.confirm_answer(state, event)
    if state.step is Step.CANCEL_WHICH and event.understanding.booking_code:
        turn = reservations.by_code(state, event.understanding.booking_code)
        if turn is not None:
            return turn
    if state.step is Step.NAMING:
        turn = booking.naming_answer(state, event) or _pick(state, event)
        if turn is not None or _new_request(state, event):
            return turn
        name = cues.person_name(event.text)
        if name is not None:
            return booking.hold(state, name[0])
        return Turn(state, (Text(texts.ask_name(state.proposed_name)),))
    return _pick(state, event)


def _pick(state: State, event: Incoming) -> Turn | None:
    """"la 2", "la primera", "la última", a cabin's name, "la de 4", "esa" → an option."""
    if not state.options:
        return None
    n = cues.ordinal(event.text)
    if n is not None:
        index = len(state.options) - 1 if n == -1 else n - 1
        if 0 <= index < len(state.options):
            return _by_id(state, state.options[index])
        if state.step in (Step.CHOOSING, Step.NAMING) and n > 0:
            return booking.reoffer(state, n)
    u = event.understanding
    if u.intent in _NOT_A_PICK or u.stay.mentioned or u.party.guests is not None:
        return None  # a question about a cabin, or a new search that names one
    if state.offers and state.step in (Step.CHOOSING, Step.NAMING):
        if u.accommodation:
            found = booking.match_label(u.accommodation, state.offers)
        elif state.step is Step.CHOOSING:
            found = booking.match_name(event.text, state.offers)
        else:
            found = ()
        if len(found) == 1:
            return booking.choose(state, found[0])
        if len(found) > 1:
            return Turn(state, (Text(texts.WHICH_ONE),))
    pointing = cues.is_that(event.text) or cues.is_yes(event.text) or (
        u.intent is Intent.BOOK and not u.stay.mentioned and u.party.guests is None)
    if state.step is Step.CHOOSING and pointing:
        if len(state.options) == 1:
            return _by_id(state, state.options[0])
        return Turn(state, (Text(texts.WHICH_ONE),))
    return None


def _new_request(state: State, event: Incoming) -> bool:
    u = event.understanding
    return (u.intent is not Intent.OTHER or u.booking_code is not None
            or booking.mentions_stay(state, event))


def _request(state: State, event: Incoming, info: PropertyInfo, misses: int) -> Turn:
    """A request that is not an answer to the step: served, and the step resets."""
    u = event.understanding
    if cues.asks_payment_link(event.text):
        return reservations.ask(state, reservations.LINK, u.booking_code)
    if u.intent is Intent.CANCEL or (u.booking_code and state.awaiting == reservations.CANCEL):
        return reservations.ask(state, reservations.CANCEL, u.booking_code)
    if u.intent is Intent.MY_RESERVATION or u.booking_code:
        return reservations.ask(state, reservations.STATUS, u.booking_code)
    if u.intent is Intent.INFO:
        return _info(state, event, info)
    if booking.mentions_stay(state, event):
        return booking.update(state, event)
    if u.intent is Intent.GREETING:
        return Turn(idle(state), (Text(texts.welcome(info.name, state.profile_name)),))
    if u.intent is Intent.THANKS:
        return Turn(state, (Text(texts.THANKS),))
    if misses + 1 >= 2:
        return handoff(state, "not_understood", texts.HANDOFF_LOST)
    return menu(replace(state, not_understood=misses + 1), texts.MENU)


def _info(state: State, event: Incoming, info: PropertyInfo) -> Turn:
    """Answer from ``info.answers[topic]`` (+ the map for the address); an unknown topic is
    asked to the owner. The step is kept, so "la 2" still works afterwards."""
    topic = event.understanding.topic
    answer = info.answers.get(topic.value, "").strip() if topic else ""
    if topic is Topic.ADDRESS and (answer or info.map_url):
        return Turn(state, (Text(texts.with_map(answer or None, info.map_url)),))
    if topic is Topic.WIFI and cues.asks_password(event.text):
        return Turn(state, (Text(f"{answer}\n{texts.WIFI_KEY}".strip()),))
    if answer and topic is not Topic.OTHER:
        return Turn(state, (Text(answer),))
    owner = NotifyOwner(texts.info_unknown_owner(event.text))
    return Turn(state, (Text(texts.INFO_UNKNOWN),), (owner,))


def _ask_dates(state: State) -> Turn:
    state = replace(idle(state), check_in=None, check_out=None, nights=None,
                    asked=Missing.DATES.value, offers=(), alternatives=(), chosen=None)
    return Turn(state, (Text(texts.ASK_DATES),))


def _parse_stay(value: str) -> tuple[date, date] | None:
    try:
        start, end = (date.fromisoformat(part) for part in value.split(":"))
    except ValueError:
        return None
    return (start, end) if start < end else None


def _remember(state: State, text: str) -> State:
    return replace(state, recent=(*state.recent, text[:300])[-RECENT_KEPT:])


def _profile_name(name: str | None) -> str | None:
    name = " ".join((name or "").split())
    return name if 0 < len(name) <= 60 and any(c.isalpha() for c in name) else None
