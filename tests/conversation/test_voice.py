"""Voice notes in the chat: the echo of what was heard, and the replies when it was not."""

from __future__ import annotations

from datetime import date

import pytest

from posada.conversation import texts
from posada.conversation.model import FindOffers, Handoff, Heard, Text, Voice
from posada.conversation.voice import echo_of
from posada.nlu.understand import understand
from tests.conversation.harness import TODAY, TZ, Chat

CLEAR = Voice(Heard.CLEAR)


def test_a_clear_voice_note_is_read_as_text_and_its_answer_starts_with_the_echo() -> None:
    chat = Chat()
    replies = chat.say("del 15 al 18 de diciembre para 4", kind="audio", voice=CLEAR)
    assert chat.sent(FindOffers) == [FindOffers(date(2026, 12, 15), date(2026, 12, 18), 4)]
    assert replies[0].body.startswith(
        "🎙️ Entendí: del 15 al 18 de diciembre, 4 personas. Si no es así, corregime.")
    assert len(replies) > 1 and all("Entendí" not in r.body for r in replies[1:])


def test_the_guest_corrects_a_misheard_date_by_text() -> None:
    chat = Chat()
    chat.say("del 15 al 19 de diciembre para 4", kind="audio", voice=CLEAR)
    chat.say("no, del 15 al 18")
    assert chat.sent(FindOffers)[-1] == FindOffers(date(2026, 12, 15), date(2026, 12, 18), 4)


def test_a_voice_note_without_dates_echoes_its_words() -> None:
    chat = Chat()
    replies = chat.say("hola, ¿tienen wifi?", kind="audio", voice=CLEAR)
    assert replies[0].body.startswith("🎙️ Entendí: “hola, ¿tienen wifi?”.")
    assert "wifi" in replies[0].body.split("\n\n", 1)[1]


@pytest.mark.parametrize(("words", "echo"), [
    ("tres noches desde el 20 de diciembre", "del 20 al 23 de diciembre (3 noches)"),
    ("del 20 al 23 de diciembre", "del 20 al 23 de diciembre"),
    ("somos dos", "2 personas"),
    ("un finde de 2 noches para 1", "2 noches, 1 persona"),
    ("del 30 de diciembre al 2 de enero", "del 30 de diciembre al 2 de enero"),
])
def test_echo_of_the_stay_and_party(words: str, echo: str) -> None:
    assert echo_of(understand(words, TODAY, TZ), words) == echo


def test_a_long_transcript_is_quoted_short() -> None:
    words = "hola " + "bla " * 100
    echo = echo_of(understand(words, TODAY, TZ), words)
    assert echo.endswith("…”") and len(echo) <= 165


@pytest.mark.parametrize(("voice", "expected"), [
    (Voice(Heard.UNSURE), texts.AUDIO_UNSURE),
    (Voice(Heard.UNREADABLE), texts.AUDIO_UNREADABLE),
    (Voice(Heard.UNAVAILABLE), texts.AUDIO),
    (None, texts.AUDIO),
    (Voice(Heard.TOO_LONG, 180), texts.audio_too_long(180)),
])
def test_a_note_not_heard_clearly_asks_for_text_instead_of_guessing(
        voice: Voice | None, expected: str) -> None:
    chat = Chat()
    replies = chat.say("del 15 al 18 de diciembre para 4", kind="audio", voice=voice)
    assert replies == [Text(expected)]
    assert chat.sent(FindOffers) == [] and chat.state.not_understood == 0


def test_unsure_asks_to_write_it() -> None:
    assert "¿me lo escribís?" in texts.AUDIO_UNSURE


def test_the_limit_is_said_in_minutes_or_seconds() -> None:
    assert "hasta 3 minutos" in texts.audio_too_long(180)
    assert "hasta 1 minuto)" in texts.audio_too_long(60)
    assert "hasta 90 segundos" in texts.audio_too_long(90)


def test_a_clear_but_empty_transcript_asks_for_text() -> None:
    chat = Chat()
    assert chat.say("  ", kind="audio", voice=CLEAR) == [Text(texts.AUDIO)]


def test_unheard_notes_never_lead_to_the_not_understood_handoff() -> None:
    chat = Chat()
    for _ in range(3):
        chat.say("", kind="audio", voice=Voice(Heard.UNSURE))
    assert chat.sent(Handoff) == []
