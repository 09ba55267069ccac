"""Phrasing families a held-out set missed, each with phrasings of our own (1 December 2026).

Not the held-out sentences: every family is written again in other words, with typos, no
accents and voseo, so that the rules are tested as word families rather than as sentences.
"""

from __future__ import annotations

import pytest

from tests.nlu.helpers import parse

#: Taking a cabin said as a decision, a next step or a question about paying the deposit.
BOOK = [
    "dejame reservado del 10 al 13 de enero para 4",
    "nos la dejas apartada del 3 al 6? somos 2",
    "apartame la cabaña del 18 al 21 de enero, vamos 3",
    "nos quedamos con la grande del 15 al 18",
    "nos quedamos con esa, del 2 al 5 de febrero somos 3",
    "me quedo con la de 4 para el finde",
    "nos decidimos!! del 20 al 24 de enero, 2 adultos y 1 nene",
    "ya nos decidimos por la coihue, del 8 al 11 de enero",
    "vamos con esa entonces, del 4 al 7 de enero",
    "dale vamos con la chica para el finde, somos 2",
    "la agarramos, del 12 al 15 para 2",
    "esa la tomamos del 5 al 8 de enero",
    "cerramos entonces: del 9 al 12 de enero para 5",
    "confirmame del 20 al 23 para 4 porfa",
    "dale, confirmamela para el finde largo, somos 4",
    "como es el tema de la seña? seriamos 4 del 3 al 6 de enero",
    "a que cuenta transfiero? del 10 al 12 de enero para 2",
    "pasame el cbu y te transfiero, del 5 al 8 de enero somos 3",
    "pasame alias q te mando la sena, del 2 al 4 de enero",
    "como te pago? del 7 al 9 de enero somos 2",
    "donde te deposito la seña? es para el finde del 11, somos 4",
    "bloqueame del 14 al 17 de enero para 2 xfa",
    "anotanos del 26 al 29 de diciembre, somos 5",
    "separame la de 6 para año nuevo",
    "nos copamos con la de 6, del 2 al 6 de enero somos 5",
    "quiero dejarla señada para el finde largo",
    "a nombre de quien hago la transferencia? del 3 al 5",
    "como seria el pago? del 2 al 4 para 3",
    "buenisimo, avanzamos! del 4 al 7 de enero",
]

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
    "gracias por la buena onda, nos vemos el finde largo",
    "gracias, ya te confirmo con mi pareja",
    "gracias! buen finde largo",
    "gracias genia",
    "gracias x todo, felis navidad",
]

#: Dropping a booking without the verb "cancelar".
CANCEL = [
    "al final no vamos",
    "al final no viajamos, perdon",
    "bajen la reserva por favor",
    "den de baja la reserva del 15",
    "dala de baja porfa, no podemos",
    "anulá la reserva",
    "anulenla, se nos complico",
    "no vamos a poder ir al final",
    "se nos complicó, liberá las fechas",
    "liberen la cabaña, no vamos a ir",
    "borrá la reserva porfa",
    "borren mi reserva del finde",
    "eliminen la reserva que hice",
    "dejen sin efecto la reserva",
    "ya no necesitamos la cabaña",
    "no la vamos a usar, se suspendio el viaje",
    "se nos cayo el viaje, bajame la reserva",
    "quiero la baja de mi reserva",
    "finalmente no viajamos",
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

#: Asking for a person, in other words.
HANDOFF = [
    "¿me pasás con el dueño o la dueña?",
    "¿hay algún humano ahí o es todo automático?",
    "¿sos un bot?",
    "quiero hablar con alguien de verdad",
    "¿me atiende el encargado?",
    "¿puedo hablar con la persona que alquila?",
    "es un contestador automatico esto?",
    "estoy hablando con una maquina?",
    "sos una persona o un robot?",
    "me podes comunicar con la dueña?",
    "necesito que me atienda el propietario",
    "atiende alguien?",
    "hay humanos por ahi?",
    "prefiero que me conteste una persona",
    "el encargado me puede escribir?",
    "pasame con la encargada porfa",
    "atendeme vos, no la maquina",
    "dejame hablar con el encargado",
]
#: Questions about what the lodge does not sell: other (no price, no stay).
OTHER = [
    "¿cuánto está el pasaje en micro?",
    "cuanto sale el micro de retiro a bariloche?",
    "cuanto cuesta el vuelo desde cordoba?",
    "a cuanto esta el euro?",
    "cuanto cobra un remis desde la terminal?",
    "cuanto sale la nafta alla?",
    "como va a estar el clima el finde?",
    "que pronostico hay para el sabado?",
    "va a llover el finde largo?",
    "me recomendas algun restaurante?",
    "donde se come bien por ahi?",
    "cuanto sale una cena en el centro?",
    "cuanto esta el tipo de cambio?",
    "cuanto sale el pasaje de avion para el finde largo?",
    "cuanto sale un taxi del aeropuerto a las cabañas?",
    "a cuanto esta el blue?",
    "cuanto sale el bus hasta villa la angostura?",
    "que tal el tiempo por alla el finde?",
]

NEAR_MISSES = [
    ("tenés lugar del 2 al 5? lo hablo con mi señora", "availability"),
    ("te aviso que llegamos el 15, tienen lugar?", "availability"),
    ("gracias! somos 4 del 2 al 5", "availability"),
    ("gracias, lo charlo con mi marido. cuanto sale el finde?", "price"),
    ("todavia no nos decidimos, tienen lugar del 2 al 5?", "availability"),
    ("vamos con unos amigos del 2 al 5", "availability"),
    ("nos quedamos 3 noches desde el 10", "availability"),
    ("te mandé la seña, me confirmás?", "my_reservation"),
    ("se puede pagar con tarjeta?", "info"),
    ("hay que liberar la cabaña a las 10?", "info"),
    ("no vamos a ser 4, somos 3 del 2 al 5", "availability"),
    ("no vamos a poder llegar antes de las 14, hay problema?", "info"),
    ("al final no somos 4, somos 3 del 2 al 5", "availability"),
    ("no vamos con perro, tienen lugar el finde?", "availability"),
    ("lo tengo que hablar con mi marido, gracias", "thanks"),
    ("el dueño nos dijo que se puede llevar al perro, es asi?", "info"),
    ("me atiende bien la señal ahi?", "info"),
    ("cuanto sale la noche? llegamos en micro", "price"),
    ("como llego desde la terminal de omnibus?", "info"),
    ("cuanto sale la cabaña con desayuno para el finde?", "price"),
    ("la pileta es climatizada?", "info"),
    ("si llueve hay quincho?", "info"),
    ("confirmame si hay lugar del 2 al 5", "availability"),
    ("cuanto sale la cabaña grande el finde? llegamos en avion", "price"),
    ("en temporada baja cuanto sale la noche?", "price"),
]
FAMILIES = [
    *((text, "book") for text in BOOK),
    *((text, "thanks") for text in THANKS),
    *((text, "greeting") for text in GREETING),
    *((text, "cancel") for text in CANCEL),
    *((text, "human_handoff") for text in HANDOFF),
    *((text, "other") for text in OTHER),
]
#: Intents that carry no stay; for these a date word or a companion is part of the courtesy.
_NO_STAY = ("thanks", "greeting", "other")


@pytest.mark.parametrize(("text", "intent"), FAMILIES + NEAR_MISSES)
def test_family(text: str, intent: str) -> None:
    got = parse(text)
    assert got.intent.value == intent
    if intent in _NO_STAY:
        assert (got.stay.check_in, got.party.guests) == (None, None)


@pytest.mark.parametrize(
    "text",
    ["te paso la seña hoy, del 2 al 4 para 2", "la transferencia mañana, reservame del 2 al 4",
     "del 2 al 4, te transfiero hoy"],
)
def test_the_day_of_a_payment_is_not_the_stay(text: str) -> None:
    got = parse(text)
    assert (got.intent.value, str(got.stay.check_in), str(got.stay.check_out)) == (
        "book", "2026-12-02", "2026-12-04")


@pytest.mark.parametrize(
    ("text", "today", "check_in", "check_out"),
    [
        # the long weekend of 23 November 2026: run Sat 21 – Mon 23, stay 20 → 23
        ("tienen algo para el finde largo? saldriamos hoy mismo", "2026-11-19",
         "2026-11-20", "2026-11-23"),
        ("para el finde largo, salimos hoy a la noche", "2026-11-19", "2026-11-20", "2026-11-23"),
        ("el feriado largo salimos mañana temprano, somos 4", "2026-11-19",
         "2026-11-20", "2026-11-23"),
        ("hay lugar el finde? saldriamos el jueves", "2026-12-01", "2026-12-04", "2026-12-06"),
        # a departure inside the weekend still ends it
        ("para el finde largo, nos vamos el domingo", "2026-11-19", "2026-11-20", "2026-11-22"),
    ],
)
def test_setting_out_from_home_before_a_weekend(
    text: str, today: str, check_in: str, check_out: str
) -> None:
    got = parse(text, today)
    assert (str(got.stay.check_in), str(got.stay.check_out)) == (check_in, check_out)
