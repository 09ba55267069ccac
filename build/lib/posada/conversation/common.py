"""Helpers shared by the policy's parts: the menu, handoff, resetting a step."""

from __future__ import annotations

from dataclasses import replace

from posada.conversation import texts
from posada.conversation.model import Choice, Handoff, Option, Text, Turn
from posada.conversation.state import State, Step

MENU_DATES = "menu:dates"
MENU_MINE = "menu:mine"
MENU_HUMAN = "menu:human"
#: The menu offered when a message is not understood (≤ 3 options: reply buttons, ≤ 20
#: characters each).
MENU_OPTIONS = (
    Option(MENU_DATES, "Consultar fechas"),
    Option(MENU_MINE, "Mi reserva"),
    Option(MENU_HUMAN, "Hablar con alguien"),
)


def idle(state: State) -> State:
    """``state`` out of any step: slots and offers kept, pending questions dropped."""
    return replace(state, step=Step.IDLE, options=(), proposed_name=None, cancel_code=None,
                   reservations=(), awaiting=None, asked_code=None)


def menu(state: State, body: str) -> Turn:
    """The short menu of what the bot can do, as a ``Choice``; "la 2" picks an entry."""
    state = replace(idle(state), step=Step.MENU, options=tuple(o.id for o in MENU_OPTIONS))
    return Turn(state, (Choice(body, MENU_OPTIONS, button="Opciones"),))


def handoff(state: State, reason: str, body: str = texts.HANDOFF) -> Turn:
    """Tell the guest a person answers soon and ask the service to hand the chat over;
    ``reason`` is a short code for the owner (``guest_asked``, ``not_understood``,
    ``cancel_confirmed:<code>``)."""
    recent = state.recent
    state = replace(idle(state), not_understood=0)
    return Turn(state, (Text(body),), (Handoff(reason, recent),))

