"""Transcripts of the rest: info, handoff, the menu, greetings, non-text kinds, two guests."""

from __future__ import annotations

from datetime import date

from posada.conversation.model import (
    Choice,
    Handoff,
    ListReservations,
    NotifyOwner,
    PlaceHold,
)
from posada.conversation.state import Step
from tests.conversation.harness import Chat, ids, only_text

MENU = ["menu:dates", "menu:mine", "menu:human"]


def test_info_answered_from_the_owner_texts() -> None:
    chat = Chat()
    assert only_text(chat.say("a qué hora es el check in")) == "El check-in es desde las 14 hs."
    address = only_text(chat.say("dónde queda?"))
    assert address.startswith("Estamos en Ruta 40") and "https://maps.example/lago" in address
    assert chat.sent(NotifyOwner) == []


def test_info_unknown_is_asked_to_the_owner() -> None:
    chat = Chat()
    assert only_text(chat.say("¿aceptan mascotas?")).startswith("No tengo ese dato, se lo "
                                                                 "pregunto al dueño")
    chat.say("¿hay pileta?")
    notes = chat.sent(NotifyOwner)
    assert len(notes) == 2 and isinstance(notes[1], NotifyOwner) and "pileta" in notes[1].body


def test_info_while_choosing_keeps_the_offers() -> None:
    chat = Chat()
    chat.say("del 15 al 18 de diciembre para 4")
    chat.say("¿tienen wifi?")
    chat.say("la 1")
    assert chat.state.chosen is not None and chat.state.chosen.name == "Pehuén"


def test_the_wifi_password_is_promised_for_the_arrival() -> None:
    chat = Chat()
    assert only_text(chat.say("¿tienen wifi?")) == "Sí, hay wifi en todas."
    reply = only_text(chat.say("¿cuál es la clave del wifi?"))
    assert reply.startswith("Sí, hay wifi en todas.") and "al llegar" in reply


def test_explicit_handoff_carries_the_recent_texts() -> None:
    chat = Chat()
    chat.say("hola")
    reply = only_text(chat.say("quiero hablar con una persona"))
    assert "dueño" in reply and "a la brevedad" in reply
    assert chat.sent(Handoff) == [Handoff("guest_asked", ("hola",
                                                          "quiero hablar con una persona"))]


def test_two_messages_not_understood_hand_off() -> None:
    chat = Chat()
    first = chat.say("asdf qwer")
    assert len(first) == 1 and ids(first[0]) == MENU
    assert chat.sent(Handoff) == []
    assert only_text(chat.say("jaja")).startswith("Perdón, no te estoy entendiendo")
    assert chat.sent(Handoff) == [Handoff("not_understood", ("asdf qwer", "jaja"))]


def test_an_understood_message_resets_the_count() -> None:
    chat = Chat()
    chat.say("asdf qwer")
    chat.say("gracias!")
    chat.say("xyz")
    assert chat.sent(Handoff) == []
    assert chat.state.not_understood == 1


def test_menu_taps_work() -> None:
    chat = Chat()
    chat.say("asdf")
    assert only_text(chat.tap("menu:dates")).startswith("¿Qué fechas serían?")
    chat.say("xyz")
    chat.tap("menu:mine")
    assert chat.sent(ListReservations) == [ListReservations()]
    chat.say("qwerty")
    chat.tap("menu:human")
    assert [c.reason for c in chat.sent(Handoff) if isinstance(c, Handoff)] == ["guest_asked"]


def test_menu_answered_by_number_in_a_text_channel() -> None:
    chat = Chat()
    chat.say("asdf")
    assert chat.state.step is Step.MENU
    chat.say("2")
    assert chat.sent(ListReservations) == [ListReservations()]


def test_greeting_and_thanks() -> None:
    chat = Chat()
    hello = only_text(chat.say("hola buen día"))
    assert hello.startswith("¡Hola, Lucía! 👋") and "Cabañas del Lago" in hello
    assert only_text(chat.say("gracias!")).startswith("¡De nada!")


def test_audio_reaction_sticker_location_and_unsupported() -> None:
    chat = Chat()
    assert only_text(chat.say("", kind="audio")) == ("Todavía no puedo escuchar audios, "
                                                     "¿me lo escribís? 🙏")
    assert chat.say("👍", kind="reaction") == []
    assert chat.say("", kind="sticker") == []
    assert "ubicación" in only_text(chat.say("", kind="location"))
    unsupported = chat.say("", kind="unsupported")
    assert len(unsupported) == 1 and isinstance(unsupported[0], Choice)
    assert unsupported[0].body.startswith("Ese tipo de mensaje")
    assert ids(unsupported[0]) == MENU
    chat.say("", kind="poll")  # unknown kind: the same menu
    assert ids(chat.last_choice()) == MENU
    assert chat.state.not_understood == 0 and chat.sent(Handoff) == []


def test_non_text_kinds_do_not_count_towards_the_handoff() -> None:
    chat = Chat()
    chat.say("asdf")
    chat.say("", kind="unsupported")
    chat.say("", kind="audio")
    assert chat.sent(Handoff) == []
    chat.say("qwer")
    assert len(chat.sent(Handoff)) == 1


def test_two_guests_interleaved_do_not_mix() -> None:
    ana, beto = Chat(profile_name="Ana"), Chat(profile_name="Beto")
    ana.say("del 15 al 18 de diciembre para 2")
    beto.say("quiero reservar")
    ana.say("la arrayan")
    beto.say("del 20 al 23 de diciembre")
    ana.say("sí")
    beto.say("somos 6")
    beto.say("esa")
    beto.say("sí")
    assert ana.sent(PlaceHold) == [PlaceHold(3, date(2026, 12, 15), date(2026, 12, 18), 2, "Ana")]
    assert beto.sent(PlaceHold) == [PlaceHold(2, date(2026, 12, 20), date(2026, 12, 23), 6,
                                              "Beto")]
    assert "quiero reservar" not in ana.state.recent


def _corpus() -> list[str]:
    import json
    from pathlib import Path

    path = Path(__file__).parents[1] / "fixtures" / "nlu" / "corpus.jsonl"
    return [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line]


def test_every_corpus_message_in_every_step_gets_a_turn() -> None:
    from tests.conversation.harness import Calendar, hold_view

    openers = {
        Step.IDLE: [],
        Step.CHOOSING: ["del 15 al 18 de diciembre para 2"],
        Step.NAMING: ["del 15 al 18 de diciembre para 2", "la 1"],
        Step.MENU: ["asdf"],
        Step.CANCEL_WHICH: ["cancelar"],
    }
    holds = [hold_view("K7Q2M9XD4T", "pre_reserved"), hold_view("H3ZP8WQ1RB", "confirmed")]
    messages = _corpus()
    assert len(messages) > 100
    for wanted, opener in openers.items():
        for text in messages:
            chat = Chat(Calendar(reservations=list(holds)))
            for line in opener:
                chat.say(line)
            assert chat.state.step is wanted, (wanted, opener)
            chat.say(text)
            chat.say("sí")
            assert all(r.body for r in chat.replies), text
