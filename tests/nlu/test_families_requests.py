"""Requests said in other words, from a second held-out set's misses (1 December 2026).

Our own phrasings of each family, not the held-out sentences: payments already made asked
about (my_reservation), dropping a booking without "cancelar", price verbs, parking and pets
in other words, and the weather asked about (other unless it is the cabin's heating).
"""

from __future__ import annotations

import pytest

from tests.nlu.helpers import parse

#: The weather asked about is not the lodge's business.
WEATHER = [
    "hace frio a la noche por alla?",
    "se puede andar en remera en enero?",
    "que temperatura hace en julio?",
    "refresca a la noche?",
    "hace mucho calor en verano por ahi?",
    "como esta el tiempo ahora?",
    "necesito llevar campera?",
    "hay mucho viento por alla?",
    "a la noche refresca mucho?",
    "cuantos grados hace ahora alla?",
    "hace frio en septiembre?",
    "llevo abrigo o con un buzo alcanza?",
    "hace calor de dia?",
    "esta fresco por alla a la noche?",
    "hola, hace frio por alla?",
]
HEATING = [
    "hace frio a la noche, la cabaña tiene calefaccion?",
    "se pasa frio adentro de la cabaña?",
    "hay estufa? hace mucho frio a la noche",
    "la cabaña es fria?",
    "como se calefacciona la cabaña?",
]
FAMILIES = [
    *((text, "other", None) for text in WEATHER),
    *((text, "info", "heating") for text in HEATING),
]


@pytest.mark.parametrize(("text", "intent", "topic"), FAMILIES)
def test_request(text: str, intent: str, topic: str | None) -> None:
    got = parse(text)
    assert (got.intent.value, got.topic.value if got.topic else None) == (intent, topic)
