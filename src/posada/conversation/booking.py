"""Booking: filling the stay's slots, showing offers, choosing a cabin, the name, the hold.

Slot rules (the decisions where the guide is silent):

- A whole stay ("del 15 al 18") replaces both dates.
- A check-in alone ("no, mejor del 16") moves the stay and keeps its length; with a length
  said in the same message ("el 16 por 3 noches") that length wins; with no length known the
  check-out is asked. When the bot has just asked "¿Hasta qué día?" a later single date ("el
  18") is the check-out.
- A length alone ("mejor para 3 noches") keeps the check-in and moves the check-out; said
  before any date it is remembered until the check-in comes.
- "hasta el 18" sets the check-out (same month as the check-in, else the next one).
- A party ("somos 5") replaces the guests; a bare number counts only as an answer to
  "¿Para cuántas personas?".

Once check-in, check-out and guests are known, every change re-runs ``FindOffers``.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from datetime import date, timedelta

from posada.conversation import cues, texts
from posada.conversation.common import idle
from posada.conversation.model import (
    Choice,
    FindOffers,
    HoldPlaced,
    HoldRefused,
    Incoming,
    OffersFound,
    OfferView,
    Option,
    PlaceHold,
    PropertyInfo,
    Text,
    Turn,
)
from posada.conversation.state import State, Step
from posada.nlu.model import QUOTING, Missing

MAX_OPTIONS = 10
_GENERIC = frozenset({"cabana", "cabanas", "casa", "la", "el", "de", "del", "los", "las",
                      "depto", "departamento", "suite", "loft"})


def offer_id(offer: OfferView) -> str:
    return f"acc:{offer.accommodation_id}"


def alternative_id(check_in: date, check_out: date) -> str:
    return f"alt:{check_in.isoformat()}:{check_out.isoformat()}"


def mentions_stay(state: State, event: Incoming) -> bool:
    """Does the message say something about the stay (dates, length, party, a cabin)?"""
    u, text = event.understanding, event.text
    return (u.intent in QUOTING or u.stay.mentioned or u.stay.check_in is not None
            or u.party.guests is not None or u.stay.nights is not None
            or cues.stated_nights(text) is not None
            or (state.check_in is not None and cues.until_day(text) is not None)
            or (state.asked == Missing.GUESTS and cues.bare_number(text) is not None))


def update(state: State, event: Incoming) -> Turn:
    """Merge the message into the slots, then ask what is still missing or search."""
    u = event.understanding
    if u.what_is_missing is Missing.WHICH:  # a date that does not exist or disagrees
        state = replace(idle(state), guests=u.party.guests or state.guests)
        return _ask(state, Missing.WHICH, u.question or texts.ASK_DATES)
    state = _merge(idle(state), event)
    if state.check_in is None:
        question = texts.ask_start(state.nights) if state.nights else texts.ASK_DATES
        return _ask(state, Missing.DATES, question)
    if state.check_out is None:
        return _ask(state, Missing.CHECK_OUT, texts.ask_check_out(state.check_in))
    if state.guests is None:
        return _ask(state, Missing.GUESTS, texts.ASK_GUESTS)
    return search(state)


def search(state: State) -> Turn:
    """``FindOffers`` for the slots (all three must be known)."""
    check_in, check_out, guests = state.check_in, state.check_out, state.guests
    assert check_in and check_out and guests
    state = replace(idle(state), asked=None, offers=(), alternatives=(), chosen=None)
    return Turn(state, (), (FindOffers(check_in, check_out, guests),))


def _ask(state: State, missing: Missing, question: str) -> Turn:
    return Turn(replace(state, asked=missing.value), (Text(question),))


def _merge(state: State, event: Incoming) -> State:
    u, text = event.understanding, event.text
    ci, co, length = state.check_in, state.check_out, state.nights
    said = u.stay.nights or cues.stated_nights(text)
    new_in, new_out = u.stay.check_in, u.stay.check_out
    if ci is not None and new_in is not None and cues.bare_day(text) == new_in.day:
        moved = _near(ci, new_in.day, event.today)  # "mejor del 16": the stay's month
        if moved is not None:
            new_in, new_out = moved, new_out and moved + (new_out - new_in)
    if new_in is not None and new_out is not None:
        ci, co, length = new_in, new_out, None
    elif new_in is not None:
        new = new_in
        if (state.asked == Missing.CHECK_OUT and ci is not None and co is None and new > ci
                and not said):
            co = new
        else:
            keep = said or state.stay_nights or length
            ci, co = new, (new + timedelta(days=keep) if keep else None)
            length = None if keep else length
    elif said:
        if ci is not None:
            co, length = ci + timedelta(days=said), None
        else:
            length = said
    elif ci is not None and (until := cues.until_day(text)) is not None:
        co = _day_after(ci, *until) or co
    if co is not None and ci is not None and co <= ci:
        co = None
    guests = u.party.guests
    if guests is None and state.asked == Missing.GUESTS:
        guests = cues.bare_number(text)
    return replace(state, check_in=ci, check_out=co, nights=length,
                   guests=guests or state.guests,
                   accommodation=u.accommodation or state.accommodation, chosen=None)


def _near(anchor: date, day: int, today: date) -> date | None:
    """The date with ``day`` of the month closest to ``anchor`` (its month, the one before
    or after), not before ``today``; ``None`` if none fits."""
    found = []
    for shift in (-1, 0, 1):
        year, month = divmod(anchor.month - 1 + shift, 12)
        try:
            candidate = date(anchor.year + year, month + 1, day)
        except ValueError:
            continue
        if candidate >= today:
            found.append(candidate)
    return min(found, key=lambda d: abs((d - anchor).days), default=None)


def _day_after(start: date, day: int, month: int | None) -> date | None:
    """The first date with ``day`` (and ``month``) after ``start``; ``None`` if none fits."""
    for shift in range(0, 13 if month else 2):
        year, m = divmod(start.month - 1 + shift, 12)
        if month is not None and m + 1 != month:
            continue
        try:
            candidate = date(start.year + year, m + 1, day)
        except ValueError:
            continue
        if candidate > start:
            return candidate
    return None


# --------------------------------------------------------------------------- offers


def on_offers(state: State, result: OffersFound) -> Turn:
    """Show the cabins that fit as a ``Choice`` (``acc:<id>``), or the nearest free stays
    (``alt:<in>:<out>``), or the refusal; a cabin the guest named and free is chosen."""
    state = replace(idle(state), check_in=result.check_in, check_out=result.check_out,
                    guests=result.guests, nights=None, asked=None, chosen=None,
                    offers=(), alternatives=())
    if result.refusal:
        return _ask(replace(state, check_in=None, check_out=None), Missing.DATES,
                    texts.refusal(result.refusal))
    offers = result.offers[:MAX_OPTIONS]
    if offers:
        named = match_label(state.accommodation, offers) if state.accommodation else ()
        if len(named) == 1:
            return choose(replace(state, offers=offers), named[0], asked_for=True)
        options = _offer_options(offers)
        taken = state.accommodation is not None and state.accommodation.startswith("name:")
        body = texts.offers_body(result.check_in, result.check_out, result.guests, taken)
        state = replace(state, step=Step.CHOOSING, offers=offers, accommodation=None,
                        options=tuple(o.id for o in options))
        return Turn(state, (Choice(body, options),))
    alternatives = result.alternatives[:MAX_OPTIONS]
    if alternatives:
        n = (result.check_out - result.check_in).days
        options = _alternative_options(alternatives)
        state = replace(state, step=Step.CHOOSING, alternatives=alternatives,
                        options=tuple(o.id for o in options))
        return Turn(state, (Choice(texts.alternatives_body(n), options),))
    return _ask(replace(state, check_in=None, check_out=None), Missing.DATES,
                texts.NOTHING_FREE)


def _offer_options(offers: tuple[OfferView, ...]) -> tuple[Option, ...]:
    return tuple(Option(offer_id(o), o.name[:24], texts.offer_description(o)) for o in offers)


def _alternative_options(stays: tuple[tuple[date, date], ...]) -> tuple[Option, ...]:
    return tuple(Option(alternative_id(a, b), texts.alternative_title(a, b), texts.span(a, b))
                 for a, b in stays)


def reoffer(state: State, asked: int) -> Turn:
    """"la 2" when fewer options are on the table: show the ones there are again."""
    options = (_offer_options(state.offers) if state.offers
               else _alternative_options(state.alternatives))
    shown = tuple(o for o in options if o.id in state.options) or options
    if not shown:
        return Turn(state, (Text(texts.WHICH_ONE),))
    state = replace(state, step=Step.CHOOSING, chosen=None, proposed_name=None)
    return Turn(state, (Choice(texts.not_that_many(asked, len(shown)), shown),))


def match_label(label: str | None, offers: tuple[OfferView, ...]) -> tuple[OfferView, ...]:
    """The offers an NLU accommodation label points at (``name:<slug>``, ``capacity:N``,
    ``size:large``/``size:small``)."""
    if not label or not offers:
        return ()
    kind, _, value = label.partition(":")
    if kind == "name":
        return tuple(o for o in offers if o.slug == value or value in cues.plain(o.name))
    if kind == "capacity" and value.isdigit():
        return tuple(o for o in offers if o.capacity == int(value))
    if kind == "size":
        sizes = [o.capacity for o in offers]
        target = max(sizes) if value == "large" else min(sizes)
        return tuple(o for o in offers if o.capacity == target)
    return ()


def match_name(text: str, offers: tuple[OfferView, ...]) -> tuple[OfferView, ...]:
    """Offers whose distinctive name words appear in ``text``, typos allowed (ratio ≥ 0.8)."""
    words = cues.plain(text).split()
    found = []
    for offer in offers:
        keys = [w for w in cues.plain(offer.name).split() if w not in _GENERIC and len(w) > 2]
        if any(difflib.get_close_matches(k, words, n=1, cutoff=0.8) for k in keys):
            found.append(offer)
    return tuple(found)


def choose(state: State, offer: OfferView, asked_for: bool = False) -> Turn:
    """The guest picked ``offer`` (or ``asked_for`` it by name before the search and it is
    free): confirm it and ask whose name the hold goes under."""
    check_in, check_out, guests = state.check_in, state.check_out, state.guests
    if not (check_in and check_out and guests):
        return _ask(idle(state), Missing.DATES, texts.ASK_DATES)
    name = state.profile_name
    state = replace(idle(state), step=Step.NAMING, chosen=offer, proposed_name=name,
                    accommodation=None, options=tuple(offer_id(o) for o in state.offers))
    if asked_for:
        body = texts.named_free(offer, check_in, check_out, guests, name)
    else:
        body = f"{texts.chosen(offer, check_in, check_out, guests)}\n{texts.ask_name(name)}"
    return Turn(state, (Text(body),))


def pick_alternative(state: State, check_in: date, check_out: date) -> Turn:
    """The guest picked one of the nearby stays: search it."""
    if state.guests is None:
        return _ask(replace(state, check_in=check_in, check_out=check_out), Missing.GUESTS,
                    texts.ASK_GUESTS)
    return search(replace(state, check_in=check_in, check_out=check_out))


# --------------------------------------------------------------------------- the name, the hold


def naming_answer(state: State, event: Incoming) -> Turn | None:
    """An answer to "¿A nombre de Lucía?": "sí"/"dale" keeps it, "no, a nombre de Marta"
    names another, "no" asks again; ``None`` when the text is none of these or brings news
    about the stay ("dale, pero somos 5")."""
    u = event.understanding
    if u.stay.mentioned or u.party.guests is not None or u.booking_code is not None:
        return None
    name = cues.person_name(event.text)
    if name is not None and name[1]:
        return hold(state, name[0])
    if cues.is_yes(event.text):
        if state.proposed_name:
            return hold(state, state.proposed_name)
        return Turn(state, (Text(texts.ASK_WHO),))
    if cues.is_no(event.text):
        return Turn(replace(state, proposed_name=None), (Text(texts.ASK_WHO),))
    return None


def hold(state: State, guest_name: str) -> Turn:
    """``PlaceHold`` for the chosen cabin under ``guest_name``."""
    offer = state.chosen
    if offer is None or not (state.check_in and state.check_out and state.guests):
        return _ask(idle(state), Missing.DATES, texts.ASK_DATES)
    command = PlaceHold(offer.accommodation_id, state.check_in, state.check_out,
                        state.guests, guest_name)
    state = replace(idle(state), guest_name=guest_name, chosen=offer)
    return Turn(state, (), (command,))


def on_hold_placed(state: State, result: HoldPlaced, info: PropertyInfo) -> Turn:
    """Summarise the hold (code, stay, total, deposit, expiry, how to pay); a new chat
    starts with the guest's name remembered."""
    body = texts.hold_placed(result.hold, state.guest_name, info.timezone, state.today,
                             info.payment, info.cancellation)
    fresh = State(recent=state.recent, today=state.today, profile_name=state.profile_name,
                  guest_name=state.guest_name)
    return Turn(fresh, (Text(body),))


def on_hold_refused(state: State, result: HoldRefused) -> Turn:
    """Explain kindly and offer a way on: ``unavailable`` searches again, ``too_many_holds``
    points at the pending holds, anything else lets the guest pick another cabin."""
    name = state.chosen.name if state.chosen else None
    body = Text(texts.hold_refused(result.code, result.message, name))
    state = replace(idle(state), chosen=None)
    if result.code == "unavailable" and state.check_in and state.check_out and state.guests:
        again = search(state)
        return Turn(again.state, (body,), again.commands)
    if result.code != "too_many_holds" and state.offers:
        state = replace(state, step=Step.CHOOSING,
                        options=tuple(offer_id(o) for o in state.offers))
    return Turn(state, (body,))
