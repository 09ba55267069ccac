"""The guest's reservations: their status ("mi reserva") and cancelling a hold.

Statuses are the domain's (``pre_reserved``, ``confirmed``, ``cancelled``, ``expired``,
``completed``). Only a ``pre_reserved`` hold is cancelled by the bot; a ``confirmed`` stay
needs a refund, so it is handed to the owner (``Handoff("cancel_confirmed:<code>")``).
"""

from __future__ import annotations

from dataclasses import replace

from posada.conversation import cues, texts
from posada.conversation.common import handoff, idle
from posada.conversation.model import (
    CancelDone,
    CancelHold,
    CancelRefused,
    Choice,
    HoldView,
    Incoming,
    ListReservations,
    Option,
    PropertyInfo,
    ReservationsFound,
    Text,
    Turn,
)
from posada.conversation.state import State, Step

STATUS = "status"
CANCEL = "cancel"
#: the payment link asked again
LINK = "link"
_ACTIVE = frozenset({"pre_reserved", "confirmed"})
MAX_SHOWN = 10


def reservation_id(hold: HoldView) -> str:
    return f"res:{hold.code}"


def ask(state: State, purpose: str, code: str | None) -> Turn:
    """``ListReservations`` for ``purpose`` (``status`` or ``cancel``); ``code`` narrows the
    answer to one booking code the guest gave."""
    state = replace(idle(state), awaiting=purpose, asked_code=code)
    return Turn(state, (), (ListReservations(),))


def on_found(state: State, result: ReservationsFound, info: PropertyInfo) -> Turn:
    """List the reservations with their status, or go on with cancelling."""
    purpose, code = state.awaiting or STATUS, state.asked_code
    state = idle(state)
    holds = result.reservations
    if code is not None:
        holds = tuple(h for h in holds if h.code == code)
        if not holds:  # a code given again goes on with what was asked (cancel)
            return Turn(replace(state, awaiting=purpose),
                        (Text(texts.code_not_found(code)),))
    if purpose == LINK:
        live = tuple(h for h in holds if h.status == "pre_reserved")
        if not live:
            return Turn(state, (Text(texts.NO_LINK),))
        return Turn(state, (Text(texts.payment_links(live, info.payment)),))
    if purpose == CANCEL:
        return _cancel_which(state, tuple(h for h in holds if h.status in _ACTIVE))
    if not holds:
        return Turn(state, (Text(texts.NO_RESERVATIONS),))
    body = texts.reservations(holds[:MAX_SHOWN], info.timezone, state.today)
    return Turn(state, (Text(body),))


def _cancel_which(state: State, holds: tuple[HoldView, ...]) -> Turn:
    if not holds:
        return Turn(state, (Text(texts.NOTHING_TO_CANCEL),))
    if len(holds) == 1:
        return offer_cancel(state, holds[0])
    holds = holds[:MAX_SHOWN]
    options = tuple(Option(reservation_id(h), *texts.cancel_option(h)) for h in holds)
    state = replace(state, step=Step.CANCEL_WHICH, reservations=holds,
                    options=tuple(o.id for o in options))
    return Turn(state, (Choice(texts.CANCEL_WHICH, options),))


def offer_cancel(state: State, hold: HoldView) -> Turn:
    """Ask "¿Cancelo la pre-reserva …? (sí / no)"; a confirmed stay paid online is offered
    with its refund under the policy, any other confirmed stay goes to the owner."""
    if hold.status == "confirmed" and hold.paid is None:
        return handoff(state, f"cancel_confirmed:{hold.code}", texts.confirmed_handoff(hold))
    state = replace(idle(state), step=Step.CANCEL_CONFIRM, cancel_code=hold.code,
                    reservations=(hold,))
    return Turn(state, (Text(texts.confirm_cancel(hold)),))


def by_code(state: State, code: str) -> Turn | None:
    """The candidate ``code`` (tapped ``res:<code>`` or written) out of those shown."""
    for hold in state.reservations:
        if hold.code == code:
            return offer_cancel(state, hold)
    return None


def confirm_answer(state: State, event: Incoming) -> Turn | None:
    """"sí" → ``CancelHold``; "no" → nothing cancelled; ``None`` for anything else."""
    if state.cancel_code is None:
        return None
    if cues.is_yes(event.text):
        return Turn(idle(state), (), (CancelHold(state.cancel_code),))
    if cues.is_no(event.text):
        return Turn(idle(state), (Text(texts.CANCEL_KEPT),))
    return None


def on_cancel_done(state: State, result: CancelDone) -> Turn:
    return Turn(idle(state), (Text(texts.cancel_done(result.hold, result.refund)),))


def on_cancel_refused(state: State, result: CancelRefused) -> Turn:
    return Turn(idle(state), (Text(texts.cancel_refused(result.message)),))
