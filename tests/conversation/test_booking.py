"""Transcripts of booking: slots, corrections, offers, choosing, the name, the hold."""

from __future__ import annotations

from datetime import date

from posada.conversation.model import Choice, FindOffers, PlaceHold, Text
from posada.conversation.state import Step
from tests.conversation.harness import Calendar, Chat, body, ids, only_text

FINDE = "hola, ¿tienen lugar el finde largo de diciembre para 4?"


def test_finde_largo_to_a_hold_in_three_messages() -> None:
    chat = Chat()
    first = chat.say(FINDE)
    assert chat.sent(FindOffers) == [FindOffers(date(2026, 12, 4), date(2026, 12, 8), 4)]
    assert len(first) == 1 and isinstance(first[0], Choice)
    assert "del 4 al 8 de diciembre (4 noches, 4 personas)" in first[0].body
    assert ids(first[0]) == ["acc:1", "acc:2"]  # the Arrayán sleeps 2
    assert first[0].options[0].description.startswith("$ 480.000 en total · 4 noches")

    chosen = only_text(chat.say("la 2"))
    assert "Coihue" in chosen and "$ 720.000" in chosen
    assert chosen.endswith("¿A nombre de Lucía?")

    placed = only_text(chat.say("sí"))
    assert chat.sent(PlaceHold) == [PlaceHold(2, date(2026, 12, 4), date(2026, 12, 8), 4, "Lucía")]
    for part in ("¡Listo, Lucía!", "Código: K7Q2M9XD4T", "Coihue", "Del 4 al 8 de diciembre",
                 "(4 noches)", "4 personas", "Total: $ 720.000", "Seña: $ 216.000",
                 "vence hoy a las 18:40", "alias LAGO.CABANAS"):
        assert part in placed
    assert chat.state.step is Step.IDLE and chat.state.check_in is None


def test_only_the_missing_slot_is_asked_again() -> None:
    chat = Chat()
    assert only_text(chat.say("quiero reservar")).startswith("¿Qué fechas serían?")
    assert only_text(chat.say("somos 4")).startswith("¿Qué fechas serían?")
    assert chat.state.guests == 4
    ask_out = only_text(chat.say("para el 20"))
    assert ask_out.startswith("¿Hasta qué día se quedarían?") and "dom 20/12" in ask_out
    chat.say("el 23")  # the answer to "¿Hasta qué día?" is the check-out
    assert chat.sent(FindOffers) == [FindOffers(date(2026, 12, 20), date(2026, 12, 23), 4)]


def test_guests_asked_last_and_a_bare_number_answers_it() -> None:
    chat = Chat()
    assert only_text(chat.say("del 15 al 18 de diciembre")) == "¿Para cuántas personas sería?"
    assert chat.sent(FindOffers) == []
    chat.say("4")
    assert chat.sent(FindOffers) == [FindOffers(date(2026, 12, 15), date(2026, 12, 18), 4)]


def test_hasta_el_sets_the_check_out() -> None:
    chat = Chat()
    chat.say("para el 28 de diciembre, somos 2")
    chat.say("hasta el 2 de enero")
    assert chat.sent(FindOffers) == [FindOffers(date(2026, 12, 28), date(2027, 1, 2), 2)]


def test_corrections_of_check_in_guests_and_nights_search_again() -> None:
    chat = Chat()
    chat.say("del 15 al 18 de diciembre para 4")
    chat.say("no, mejor del 16")  # keeps the 3 nights
    chat.say("somos 5 al final")
    chat.say("mejor para 2 noches")
    assert chat.sent(FindOffers) == [
        FindOffers(date(2026, 12, 15), date(2026, 12, 18), 4),
        FindOffers(date(2026, 12, 16), date(2026, 12, 19), 4),
        FindOffers(date(2026, 12, 16), date(2026, 12, 19), 5),
        FindOffers(date(2026, 12, 16), date(2026, 12, 18), 5),
    ]
    last = chat.last_choice()
    assert "(2 noches, 5 personas)" in last.body and ids(last) == ["acc:2"]


def test_a_corrected_day_stays_in_the_months_of_the_stay() -> None:
    chat = Chat()  # today is 2026-12-02
    chat.say("del 10 al 13 de enero para 4")
    chat.say("no, mejor del 16")
    chat.say("perdón, del 2 al 5")
    chat.say("mejor del 16 de diciembre")
    assert chat.sent(FindOffers) == [
        FindOffers(date(2027, 1, 10), date(2027, 1, 13), 4),
        FindOffers(date(2027, 1, 16), date(2027, 1, 19), 4),
        FindOffers(date(2027, 1, 2), date(2027, 1, 5), 4),
        FindOffers(date(2026, 12, 16), date(2026, 12, 19), 4),
    ]


def test_a_length_said_first_waits_for_the_check_in() -> None:
    chat = Chat()
    assert only_text(chat.say("3 noches para 2")) == "¿Desde qué día serían las 3 noches?"
    chat.say("el 10 de enero")
    assert chat.sent(FindOffers) == [FindOffers(date(2027, 1, 10), date(2027, 1, 13), 2)]


def test_choice_by_tapped_id() -> None:
    chat = Chat()
    chat.say(FINDE)
    assert "Pehuén" in only_text(chat.tap("acc:1"))
    assert chat.state.step is Step.NAMING and chat.state.chosen is not None
    assert chat.state.chosen.accommodation_id == 1


def test_choice_by_ordinal_word_capacity_and_name() -> None:
    for words, cabin in (("la primera", 1), ("la última", 2), ("la de 6", 2), ("la coihue", 2),
                         ("me quedo con la Pehuen", 1), ("coigue", 2)):
        chat = Chat()
        chat.say(FINDE)
        chat.say(words)
        assert chat.state.chosen is not None, words
        assert chat.state.chosen.accommodation_id == cabin, words


def test_esa_picks_the_only_offer_and_asks_which_among_several() -> None:
    chat = Chat()
    chat.say("del 15 al 18 de diciembre para 6")
    assert ids(chat.last_choice()) == ["acc:2"]
    assert "Coihue" in only_text(chat.say("esa"))
    other = Chat()
    other.say(FINDE)
    assert only_text(other.say("esa")).startswith("¿Cuál de las opciones?")
    assert other.state.step is Step.CHOOSING


def test_a_cabin_named_before_the_search_is_chosen_when_free() -> None:
    chat = Chat()
    reply = only_text(chat.say("¿tienen la pehuen del 15 al 18 de diciembre para 2?"))
    assert reply.startswith("¡Sí! La Pehuén está libre del 15 al 18 de diciembre")
    assert reply.endswith("¿Te la reservo a nombre de Lucía?")
    chat.say("dale")
    assert [c.accommodation_id for c in chat.sent(PlaceHold)] == [1]


def test_a_cabin_named_but_taken_shows_the_others() -> None:
    chat = Chat(Calendar(booked={1: [(date(2026, 12, 15), date(2026, 12, 18))]}))
    choice = chat.say("¿tienen la pehuen del 15 al 18 de diciembre para 2?")[0]
    assert isinstance(choice, Choice) and choice.body.startswith("Esa cabaña no está libre")
    assert ids(choice) == ["acc:2", "acc:3"]


def test_a_number_past_the_options_shows_them_again() -> None:
    booked = {1: [(date(2026, 12, 15), date(2026, 12, 18))],
              3: [(date(2026, 12, 15), date(2026, 12, 18))]}
    chat = Chat(Calendar(booked=booked))
    [offers] = chat.say("del 15 al 18 de diciembre para 2")
    assert isinstance(offers, Choice) and ids(offers) == ["acc:2"]
    for _ in range(3):  # never counted as not understood, never handed to a person
        [again] = chat.say("la 2")
        assert isinstance(again, Choice) and ids(again) == ["acc:2"]
        assert again.body.startswith("Ahora tengo una sola opción")
    assert chat.state.step is Step.CHOOSING and chat.state.not_understood == 0
    assert "Coihue" in only_text(chat.say("la 1"))
    [again] = chat.say("la 3")  # while asking for the name, too
    assert isinstance(again, Choice) and chat.state.step is Step.CHOOSING
    assert chat.sent(PlaceHold) == []


def test_naming_a_cabin_with_new_dates_while_choosing_searches_those_dates() -> None:
    chat = Chat()
    chat.say("del 15 al 18 de diciembre para 2")
    chat.say("¿y la coihue del 22 al 24?")
    assert chat.sent(FindOffers)[-1] == FindOffers(date(2026, 12, 22), date(2026, 12, 24), 2)
    assert chat.state.chosen is not None and chat.state.chosen.accommodation_id == 2


def test_a_question_about_a_cabin_while_choosing_is_not_a_pick() -> None:
    chat = Chat()
    chat.say("del 15 al 18 de diciembre para 2")
    chat.say("la arrayan tiene parrilla propia?")
    assert chat.state.step is Step.CHOOSING and chat.state.chosen is None


def test_a_different_name_and_no_profile_name() -> None:
    chat = Chat()
    chat.say(FINDE)
    chat.say("la 1")
    chat.say("Juan Pérez")
    assert [c.guest_name for c in chat.sent(PlaceHold)] == ["Juan Pérez"]

    anonymous = Chat(profile_name=None)
    anonymous.say(FINDE)
    assert only_text(anonymous.say("la 1")).endswith("¿A nombre de quién hago la reserva?")
    assert only_text(anonymous.say("dale")) == "¿A nombre de quién hago la reserva?"
    anonymous.say("a nombre de marta gómez")
    assert [c.guest_name for c in anonymous.sent(PlaceHold)] == ["Marta Gómez"]


def test_no_to_the_profile_name_asks_for_another() -> None:
    chat = Chat()
    chat.say(FINDE)
    chat.say("la 1")
    assert only_text(chat.say("no")) == "¿A nombre de quién hago la reserva?"
    chat.say("Rocío")
    assert [c.guest_name for c in chat.sent(PlaceHold)] == ["Rocío"]


def test_nothing_free_offers_alternatives_then_a_hold() -> None:
    booked = {1: [(date(2026, 12, 14), date(2026, 12, 18))],
              2: [(date(2026, 12, 10), date(2026, 12, 18))]}
    chat = Chat(Calendar(booked=booked))
    reply = chat.say("del 15 al 18 de diciembre para 4")
    choice = reply[0]
    assert isinstance(choice, Choice) and "no me queda nada libre" in choice.body
    assert ids(choice)[0] == "alt:2026-12-18:2026-12-21"
    assert choice.options[0].title == "vie 18/12 al lun 21/12"
    chat.say("la 1")
    assert chat.sent(FindOffers)[-1] == FindOffers(date(2026, 12, 18), date(2026, 12, 21), 4)
    chat.tap("acc:1")
    chat.say("ok")
    assert chat.sent(PlaceHold) == [PlaceHold(1, date(2026, 12, 18), date(2026, 12, 21), 4,
                                              "Lucía")]


def test_nothing_free_at_all_asks_for_other_dates() -> None:
    chat = Chat()
    reply = only_text(chat.say("del 15 al 18 de diciembre para 9"))
    assert "ni en los días cercanos" in reply and "¿Probamos con otras fechas?" in reply
    assert chat.state.check_in is None and chat.state.guests == 9


def test_refusal_is_said_and_other_dates_asked() -> None:
    chat = Chat(Calendar(refuse_dates="No tomamos reservas con más de un año de anticipación"))
    reply = only_text(chat.say("del 15 al 18 de diciembre para 4"))
    assert reply == ("No tomamos reservas con más de un año de anticipación. "
                     "¿Probamos con otras fechas?")
    assert chat.state.check_in is None


def test_hold_refused_unavailable_searches_again() -> None:
    calendar = Calendar()
    chat = Chat(calendar)
    chat.say(FINDE)
    chat.say("la 1")
    calendar.booked[1] = [(date(2026, 12, 4), date(2026, 12, 8))]  # someone was faster
    reply = chat.say("sí")
    assert isinstance(reply[0], Text) and "la Pehuén se acaba de ocupar" in reply[0].body
    assert len(chat.sent(FindOffers)) == 2
    assert ids(reply[1]) == ["acc:2"]


def test_hold_refused_too_many_holds() -> None:
    chat = Chat(Calendar(refuse_hold=("too_many_holds", "Demasiadas pre-reservas")))
    chat.say(FINDE)
    chat.say("la 1")
    reply = only_text(chat.say("sí"))
    assert reply.startswith("Ya tenés pre-reservas pendientes de pago")
    assert len(chat.sent(FindOffers)) == 1


def test_hold_refused_otherwise_lets_the_guest_pick_another() -> None:
    chat = Chat(Calendar(refuse_hold=("min_stay", "La Pehuén pide 5 noches como mínimo")))
    chat.say(FINDE)
    chat.say("la 1")
    assert "5 noches como mínimo" in body(chat.say("sí"))
    chat.say("la 2")
    chat.say("sí")
    assert [c.accommodation_id for c in chat.sent(PlaceHold)] == [1, 2]


def test_payment_unknown_says_we_write_to_coordinate() -> None:
    from dataclasses import replace

    from tests.conversation.harness import INFO

    chat = Chat(info=replace(INFO, payment=None))
    chat.say(FINDE)
    chat.say("la 1")
    assert "Te escribimos para coordinar el pago." in only_text(chat.say("sí"))
