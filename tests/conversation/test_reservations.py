"""Transcripts of "mi reserva" and of cancelling."""

from __future__ import annotations

from datetime import date

from posada.conversation.model import CancelHold, Choice, Handoff, ListReservations
from posada.conversation.state import Step
from tests.conversation.harness import Calendar, Chat, hold_view, ids, only_text

HELD = hold_view("K7Q2M9XD4T", "pre_reserved")
PAID = hold_view("H3ZP8WQ1RB", "confirmed", "Coihue", date(2027, 1, 10), 5, 6)
OLD = hold_view("M4N5P6Q7R8", "expired", "Arrayán", date(2026, 12, 2), 1, 2)


def test_no_reservations() -> None:
    chat = Chat()
    assert only_text(chat.say("mi reserva")).startswith("No encuentro reservas a tu nombre")
    assert chat.sent(ListReservations) == [ListReservations()]


def test_several_reservations_with_their_status() -> None:
    chat = Chat(Calendar(reservations=[HELD, PAID, OLD]))
    reply = only_text(chat.say("¿está confirmada?"))
    lines = reply.splitlines()
    assert lines[0] == "Tus reservas:"
    assert lines[1] == ("• K7Q2M9XD4T · Pehuén · del 15 al 18 de diciembre, 4 personas: "
                        "pre-reserva vigente hasta hoy a las 18:40")
    assert "del 10 al 15 de enero, 6 personas: confirmada" in lines[2]
    assert lines[3].endswith(": vencida")


def test_a_code_narrows_the_answer() -> None:
    chat = Chat(Calendar(reservations=[HELD, PAID]))
    reply = only_text(chat.say("¿está confirmada la reserva H3ZP8WQ1RB?"))
    assert reply.startswith("Tu reserva:") and "H3ZP8WQ1RB" in reply and "K7Q2" not in reply
    assert only_text(chat.say("¿y la ZZZZ9999ZZ?")).startswith(
        "No encuentro la reserva ZZZZ9999ZZ a tu nombre")


def test_cancel_one_hold_after_confirming() -> None:
    calendar = Calendar(reservations=[HELD, OLD])  # the expired one is not offered
    chat = Chat(calendar)
    ask = only_text(chat.say("quiero cancelar la reserva"))
    assert ask == ("¿Cancelo la pre-reserva K7Q2M9XD4T de la Pehuén, del 15 al 18 de "
                   "diciembre? (sí / no)")
    done = only_text(chat.say("sí"))
    assert chat.sent(CancelHold) == [CancelHold("K7Q2M9XD4T")]
    assert done.startswith("Listo, cancelé la pre-reserva K7Q2M9XD4T")
    assert calendar.reservations[0].status == "cancelled"


def test_cancel_answered_no_cancels_nothing() -> None:
    chat = Chat(Calendar(reservations=[HELD]))
    chat.say("cancelar")
    assert only_text(chat.say("no")).startswith("Perfecto, no cancelo nada")
    assert chat.sent(CancelHold) == [] and chat.state.step is Step.IDLE


def test_cancel_with_nothing_to_cancel() -> None:
    chat = Chat(Calendar(reservations=[OLD]))
    assert only_text(chat.say("cancelar")) == ("No encuentro reservas activas a tu nombre "
                                               "para cancelar.")


def test_cancel_among_several_by_tap_and_by_ordinal() -> None:
    other = hold_view("Q1W2E3R4T5", "pre_reserved", "Arrayán", date(2027, 2, 1), 2, 2)
    chat = Chat(Calendar(reservations=[HELD, other]))
    choice = chat.say("cancelar")[0]
    assert isinstance(choice, Choice) and choice.body == "¿Cuál querés cancelar?"
    assert ids(choice) == ["res:K7Q2M9XD4T", "res:Q1W2E3R4T5"]
    assert choice.options[1].title == "Q1W2E3R4T5 · Arrayán"
    assert "Q1W2E3R4T5" in only_text(chat.tap("res:Q1W2E3R4T5"))
    chat.say("dale")
    assert chat.sent(CancelHold) == [CancelHold("Q1W2E3R4T5")]

    again = Chat(Calendar(reservations=[HELD, other]))
    again.say("cancelar")
    assert "K7Q2M9XD4T" in only_text(again.say("la primera"))
    again.say("sí")
    assert again.sent(CancelHold) == [CancelHold("K7Q2M9XD4T")]


def test_cancel_a_confirmed_stay_goes_to_the_owner() -> None:
    chat = Chat(Calendar(reservations=[PAID]))
    reply = only_text(chat.say("necesito cancelar la reserva"))
    assert "ya está confirmada" in reply and "dueño" in reply
    assert chat.sent(Handoff) == [Handoff("cancel_confirmed:H3ZP8WQ1RB",
                                          ("necesito cancelar la reserva",))]
    assert chat.sent(CancelHold) == []


def test_cancel_refused_by_the_service() -> None:
    chat = Chat(Calendar(reservations=[HELD], refuse_cancel=("invalid_transition",
                                                             "Esa pre-reserva ya venció")))
    chat.say("cancelar")
    reply = only_text(chat.say("sí"))
    assert reply.startswith("Esa pre-reserva ya venció.") and "hablar con una persona" in reply


def test_asking_my_reservation_while_choosing_is_served_and_resets_the_step() -> None:
    chat = Chat(Calendar(reservations=[HELD]))
    chat.say("del 15 al 18 de diciembre para 4")
    assert chat.state.step is Step.CHOOSING
    assert "K7Q2M9XD4T" in only_text(chat.say("mi reserva"))
    assert chat.state.step is Step.IDLE
    chat.say("la 2")  # no longer a choice
    assert chat.state.chosen is None


def test_a_wrong_code_when_cancelling_asks_again_and_goes_on_cancelling() -> None:
    chat = Chat(Calendar(reservations=[HELD, PAID]))
    assert only_text(chat.say("cancelar ZZZZ9999ZZ")).startswith("No encuentro la reserva")
    ask = only_text(chat.say("K7Q2M9XD4T"))
    assert ask.startswith("¿Cancelo la pre-reserva K7Q2M9XD4T")
    chat.say("sí")
    assert chat.sent(CancelHold) == [CancelHold("K7Q2M9XD4T")]
