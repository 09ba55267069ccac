"""Requests said in other words, from a second held-out set's misses (1 December 2026).

Our own phrasings of each family, not the held-out sentences: payments already made asked
about (my_reservation), dropping a booking without "cancelar", price verbs, parking and pets
in other words, and the weather asked about (other unless it is the cabin's heating).
"""

from __future__ import annotations

import pytest

from tests.nlu.helpers import parse

#: Parking and pets in other words: info with the topic.
PARKING = [
    "se puede dejar el auto adentro del predio?",
    "puedo guardar la camioneta adentro?",
    "hay lugar para el auto?",
    "hay lugar para 2 autos?",
    "tienen lugar para estacionar la moto?",
    "la moto la puedo meter adentro?",
    "donde estacionamos?",
    "se puede estacionar en la puerta?",
    "hay espacio para dejar el coche?",
    "dejan guardar el auto bajo techo?",
    "el auto lo podemos dejar en el predio?",
    "vamos con la camioneta, hay donde dejarla?",
]
PETS = [
    "perros grandes aceptan?",
    "se puede ir con la gata?",
    "son pet friendly?",
    "tenemos un ovejero aleman, hay drama?",
    "tenemos un caniche, lo podemos llevar?",
    "vamos con nuestra perrita, se puede?",
    "admiten mascotas grandes?",
    "mi perro es chiquito, lo dejan entrar?",
    "el perro puede venir con nosotros?",
    "pueden ir perros?",
    "viajamos con un labrador, hay problema?",
    "se aceptan gatos?",
    "llevo a mi perro, esta bien?",
    "tenemos un golden, es bienvenido?",
    "petfriendly?",
]
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
NEAR_MISSES = [
    ("cuanto sale el estacionamiento?", "price", None),  # the guide's priority: price > info
    ("hay lugar del 2 al 5 para 4?", "availability", None),
    ("tienen lugar el finde? vamos en auto", "availability", None),
    ("vamos 2 + un perro del 2 al 5, tienen lugar?", "availability", None),
    ("cuanto sale del 2 al 4 para 2 + un perro? aceptan perros?", "price", None),
    ("el perro de mi vecino ladra mucho", "other", None),
]
FAMILIES = [
    *((text, "info", "parking") for text in PARKING),
    *((text, "info", "pets") for text in PETS),
    *((text, "other", None) for text in WEATHER),
    *((text, "info", "heating") for text in HEATING),
]


@pytest.mark.parametrize(("text", "intent", "topic"), FAMILIES + NEAR_MISSES)
def test_request(text: str, intent: str, topic: str | None) -> None:
    got = parse(text)
    assert (got.intent.value, got.topic.value if got.topic else None) == (intent, topic)


@pytest.mark.parametrize("text", PARKING + PETS)
def test_cars_and_animals_are_not_guests(text: str) -> None:
    assert parse(text).party.guests is None
