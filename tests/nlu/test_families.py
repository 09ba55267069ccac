"""Phrasing families a held-out set missed, each with phrasings of our own (1 December 2026).

Not the held-out sentences: every family is written again in other words, with typos, no
accents and voseo, so that the rules are tested as word families rather than as sentences.
"""

from __future__ import annotations

import pytest

from tests.nlu.helpers import parse

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
