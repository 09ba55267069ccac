"""Intents and info topics, with the guide's priority between them."""

from __future__ import annotations

import pytest

from tests.nlu.helpers import parse

INTENTS = [
    ('hola! tienen lugar del 15 al 18?', 'availability', None),
    ('hay disponibilidad para el finde?', 'availability', None),
    ('¿está libre la cabaña grande el finde?', 'availability', None),
    ('para el finde largo somos 4', 'availability', None),
    ('queda algo para enero?', 'availability', None),
    ('del 3 al 6 de enero, 2 personas', 'availability', None),
    ('¿cuánto sale?', 'price', None),
    ('precio por noche?', 'price', None),
    ('que tarifa tienen para el finde?', 'price', None),
    ('¿qué valor tiene la noche?', 'price', None),
    ('¿a cuánto está la noche?', 'price', None),
    ('hola, ¿cuánto sale el finde?', 'price', None),
    ('tienen lugar y cuanto sale del 2 al 4?', 'price', None),
    ('cuanto me saldria 3 noches para 2', 'price', None),
    ('quiero reservar', 'book', None),
    ('reservame del 2 al 4', 'book', None),
    ('la tomamos', 'book', None),
    ('dale, hacé la reserva', 'book', None),
    ('¿cómo hago para reservar?', 'book', None),
    ('quiero señar', 'book', None),
    ('cómo les pago la seña?', 'book', None),
    ('quiero cancelar', 'cancel', None),
    ('no vamos a poder ir, cancelá la reserva', 'cancel', None),
    ('quiero dar de baja la reserva', 'cancel', None),
    ('¿está confirmada mi reserva?', 'my_reservation', None),
    ('tengo la reserva K7Q2M9XD4T, ¿me pasás los datos?', 'my_reservation', None),
    ('¿cuánto me queda por pagar?', 'my_reservation', None),
    ('¿me llegó el pago?', 'my_reservation', None),
    ('¿puedo cambiar la fecha de mi reserva?', 'my_reservation', None),
    ('K7Q2M9XD4T', 'my_reservation', None),
    ('¿a qué hora se puede entrar?', 'info', 'checkin_time'),
    ('a partir de que hora es el check in?', 'info', 'checkin_time'),
    ('¿hasta qué hora hay que dejar la cabaña?', 'info', 'checkout_time'),
    ('a que hora es el check out', 'info', 'checkout_time'),
    ('¿dónde quedan?', 'info', 'address'),
    ('pasame la ubicación', 'info', 'address'),
    ('¿aceptan perros?', 'info', 'pets'),
    ('es pet friendly?', 'info', 'pets'),
    ('¿hay cochera?', 'info', 'parking'),
    ('tienen estacionamiento?', 'info', 'parking'),
    ('¿tienen wifi?', 'info', 'wifi'),
    ('hay internet?', 'info', 'wifi'),
    ('¿dan sábanas y toallas?', 'info', 'linens'),
    ('¿tiene calefacción?', 'info', 'heating'),
    ('tiene salamandra?', 'info', 'heating'),
    ('hay aire acondicionado?', 'info', 'heating'),
    ('¿hay pileta?', 'info', 'other'),
    ('tienen parrilla?', 'info', 'other'),
    ('hola', 'greeting', None),
    ('buenas', 'greeting', None),
    ('buen día', 'greeting', None),
    ('buenas noches', 'greeting', None),
    ('Hola, buenas tardes!', 'greeting', None),
    ('gracias!', 'thanks', None),
    ('mil gracias, nos vemos', 'thanks', None),
    ('genial, gracias', 'thanks', None),
    ('🙏', 'thanks', None),
    ('quiero hablar con alguien', 'human_handoff', None),
    ('¿me atiende una persona?', 'human_handoff', None),
    ('pasame con el dueño', 'human_handoff', None),
    ('¿me puede llamar alguien?', 'human_handoff', None),
    ('quiero cancelar, me llaman?', 'human_handoff', None),
    ('compro dólares', 'other', None),
    ('😂', 'other', None),
    ('asdfgh', 'other', None),
    ('hola, vendo seguros de auto', 'other', None),
    ('tienen lugar el finde? aceptan perros?', 'availability', None),
    ('cuanto sale el finde? aceptan perros?', 'price', None),
    ('gracias, nos vemos mañana', 'thanks', None),
    ('gracias! hasta el sábado', 'thanks', None),
    ('hola quiero reservar para el 15', 'book', None),
    ('ya pagué la seña, me confirman?', 'my_reservation', None),
    ("hola, ¿me comunicás con recepción?", "human_handoff", None),
    ("operador", "human_handoff", None),
    ("si llegamos 22 hs hay problema? hasta qué hora se puede entrar?", "info", "checkin_time"),
    ("hay que irse a las 10 el día que nos vamos?", "info", "checkout_time"),
    ("se puede ir con mascota?", "info", "pets"),
    ("tengo un gato, lo puedo llevar?", "info", "pets"),
    ("hay lugar para estacionar?", "info", "parking"),
    ("incluye ropa blanca?", "info", "linens"),
    ("la pileta es climatizada?", "info", "other"),
    ("hola, soy de una agencia de marketing, ofrecemos posicionamiento", "other", None),
    ("cuánto está el dólar hoy?", "other", None),
    ("me dijeron 80 lucas la noche para 4, del 9 al 11 de enero, es así?", "price", None),
    ("me la reservás del diez al doce de enero? somos dos", "book", None),
    ("hice una reserva para año nuevo y no me llegó nada", "my_reservation", None),
    ("me confirmás que la reserva del 15 al 18 quedó a mi nombre?", "my_reservation", None),
    # typos and shorthand
    ("quiero resevar del 2 al 4", "book", None),
    ("kiero reservar", "book", None),
    ("tienen disponivilidad para el finde?", "availability", None),
    ("hay dispo para el 10?", "availability", None),
    ("cuanto sta la noche?", "price", None),
    ("qe precio tiene el finde", "price", None),
    ("cancelr la reserva", "cancel", None),
    ("hola q tal", "greeting", None),
    ("graciasss!!", "thanks", None),
    ("muchas gracias por todo 😊", "thanks", None),
    ("buenas! a q hora es el check in?", "info", "checkin_time"),
    ("queremos la de 6 del 3 al 5, como seguimos?", "book", None),
    ("hay alguna persona que me pueda atender?", "human_handoff", None),
    ("prefiero hablar por telefono", "human_handoff", None),
    ("llegó la seña?", "my_reservation", None),
    ("te mandé el comprobante", "my_reservation", None),
    ("mi codigo es K7Q2M9XD4T", "my_reservation", None),
    ("tienen cabañas?", "availability", None),
    ("se puede pagar con tarjeta?", "info", "other"),
]


@pytest.mark.parametrize(("text", "intent", "topic"), INTENTS)
def test_intent(text: str, intent: str, topic: str | None) -> None:
    got = parse(text)
    assert (got.intent.value, got.topic.value if got.topic else None) == (intent, topic)


@pytest.mark.parametrize(
    "text",
    ["hola, ¿tienen wifi?", "gracias! ¿a qué hora es el check out?", "buenas, ¿hay cochera?"],
)
def test_a_greeting_or_thanks_in_front_never_wins(text: str) -> None:
    assert parse(text).intent.value == "info"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("quiero cancelar la reserva K7Q2M9XD4T, me llaman?", "human_handoff"),
        ("cancelá mi reserva del 15 al 18", "cancel"),
        ("tengo la reserva K7Q2M9XD4T y quiero reservar otra noche", "my_reservation"),
        ("quiero reservar, ¿cuánto sale del 2 al 4?", "book"),
        ("¿tienen lugar del 2 al 4 y cuánto sale?", "price"),
        ("¿tienen lugar del 2 al 4? ¿hay cochera?", "availability"),
        ("cuánto sale del 2 al 4 para 2 + un perro? aceptan perros?", "price"),
    ],
)
def test_priority(text: str, intent: str) -> None:
    assert parse(text).intent.value == intent


@pytest.mark.parametrize("text", ["hola", "gracias", "¿aceptan perros?", "quiero cancelar",
                                  "¿está confirmada mi reserva?", "quiero hablar con alguien",
                                  "asdf"])
def test_no_clarification_outside_quoting_intents(text: str) -> None:
    assert not parse(text).needs_clarification


@pytest.mark.parametrize("text", ["¿tienen lugar?", "quiero reservar", "¿cuánto sale la noche?"])
def test_quoting_without_dates_asks_for_them(text: str) -> None:
    got = parse(text)
    assert got.what_is_missing is not None and got.what_is_missing.value == "dates"
    assert got.question == "¿Qué fechas serían? Decime el día de llegada y el de salida."
