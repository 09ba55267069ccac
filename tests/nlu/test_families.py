"""Phrasing families a held-out set missed, each with phrasings of our own (1 December 2026).

Not the held-out sentences: every family is written again in other words, with typos, no
accents and voseo, so that the rules are tested as word families rather than as sentences.
"""

from __future__ import annotations

import pytest

from tests.nlu.helpers import parse

#: Thanks or a goodbye with pleasantries, plans or a deferral: thanks, and no stay.
THANKS = [
    "gracias por todo, nos vemos en enero",
    "muchas gracias, que tengas buen finde",
    "lo charlo en casa y te aviso, gracias",
    "gracias, felices fiestas!",
    "dale, cualquier cosa te escribo",
    "buenísimo, lo hablo con mi señora",
    "genial, lo consulto con mi marido y te confirmo",
    "graciaaas, que tengan una linda semana",
    "mil gracias!! feliz navidad para ustedes tambien",
    "ok gracias, lo veo con los chicos y les aviso",
    "joya, lo pienso y te digo mañana",
    "gracias, hasta el año que viene 🙌",
    "listo, lo hablamos en familia y te escribo la semana que viene",
    "muchas gracias por la info, saludos desde rosario",
    "perfecto, gracias, buen dia para vos tambien",
    "barbaro, despues te confirmo. gracias!",
    "gracias!! nos vemos pronto, que esten bien",
]

#: Greetings with elongated letters, emojis or small talk.
GREETING = [
    "Buen díaa ☀️",
    "holaaa",
    "buenaaas",
    "¿cómo andan por allá?",
    "¿qué tal?, ¿todo bien?",
    "holaa como va?",
    "buen diaaaa!!",
    "buenas buenas",
    "hola hola 👋",
    "buenas tardesss",
    "hola gente, como estan?",
    "buenass, todo bien por ahi?",
    "hola! como les va?",
    "hola, que onda?",
    "buenas noches, como andan?",
    "holis, todo tranqui?",
]


@pytest.mark.parametrize("text", GREETING)
def test_greeting_with_elongations_and_small_talk(text: str) -> None:
    assert parse(text).intent.value == "greeting"


@pytest.mark.parametrize("text", THANKS)
def test_thanks_with_pleasantries_or_plans(text: str) -> None:
    got = parse(text)
    assert (got.intent.value, got.stay.check_in, got.party.guests) == ("thanks", None, None)


@pytest.mark.parametrize(
    ("text", "intent", "guests"),
    [
        ("tenés lugar del 2 al 5? lo hablo con mi señora", "availability", None),
        ("te aviso que llegamos el 15, tienen lugar?", "availability", None),
        ("gracias! somos 4 del 2 al 5", "availability", 4),
        ("gracias, lo charlo con mi marido. cuanto sale el finde?", "price", None),
    ],
)
def test_courtesy_beside_a_request(text: str, intent: str, guests: int | None) -> None:
    got = parse(text)
    assert (got.intent.value, got.party.guests) == (intent, guests)
