"""The state's JSON round trip and the Spanish formats."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from posada.conversation import texts
from posada.conversation.model import OfferView
from posada.conversation.state import State, Step
from tests.conversation.harness import Chat, hold_view

MESSAGES = ("hola, ¿tienen lugar el finde largo de diciembre para 4?", "la 1")


def test_a_live_state_round_trips_through_json_text() -> None:
    chat = Chat()
    for message in MESSAGES:
        chat.say(message)
    state = replace(chat.state, reservations=(hold_view("K7Q2M9XD4T", "pre_reserved"),),
                    alternatives=((date(2026, 12, 5), date(2026, 12, 9)),), nights=3)
    data = json.loads(json.dumps(state.to_json()))
    assert data["check_in"] == "2026-12-04" and data["chosen"]["total"] == "480000"
    back = State.from_json(data)
    assert back == state and back.step is Step.NAMING
    assert isinstance(back.chosen, OfferView) and back.chosen.total == Decimal("480000")


def test_a_fresh_state_round_trips() -> None:
    assert State.from_json(State().to_json()) == State()


@pytest.mark.parametrize("garbage", [
    None, "hola", 3, [], {}, {"v": 99}, {"v": 1}, {**State().to_json(), "step": "flying"},
    {**State().to_json(), "guests": "4"}, {**State().to_json(), "check_in": "2026-13-45"},
    {**State().to_json(), "offers": [{"name": "x"}]}, {**State().to_json(), "recent": "abc"},
])
def test_garbage_gives_a_fresh_state(garbage: object) -> None:
    assert State.from_json(garbage) == State()


@pytest.mark.parametrize(("amount", "currency", "shown"), [
    (Decimal("540000"), "ARS", "$ 540.000"),
    (Decimal("540000.5"), "ARS", "$ 540.000,50"),
    (Decimal("999.999"), "ARS", "$ 1.000"),
    (Decimal("12"), "ARS", "$ 12"),
    (Decimal("1250.5"), "USD", "USD 1.250,50"),
])
def test_money(amount: Decimal, currency: str, shown: str) -> None:
    assert texts.money(amount, currency) == shown


def test_dates() -> None:
    assert texts.short_day(date(2026, 12, 18)) == "vie 18/12"
    assert texts.span(date(2026, 12, 15), date(2026, 12, 18)) == "del 15 al 18 de diciembre"
    assert (texts.span(date(2026, 12, 30), date(2027, 1, 2))
            == "del 30 de diciembre al 2 de enero")
    assert texts.nights(1) == "1 noche" and texts.people(1) == "1 persona"


def test_expiry_in_the_property_zone() -> None:
    tz, today = "America/Argentina/Buenos_Aires", date(2026, 12, 1)
    assert texts.expiry(datetime(2026, 12, 1, 21, 40, tzinfo=UTC), tz, today) == "hoy a las 18:40"
    assert (texts.expiry(datetime(2026, 12, 2, 3, 5, tzinfo=UTC), tz, today)
            == "mañana a las 00:05")
    assert (texts.expiry(datetime(2026, 12, 5, 12, 0, tzinfo=UTC), tz, today)
            == "el sáb 5/12 a las 09:00")
