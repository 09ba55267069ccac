"""What the lodge does not deal in: spam and offers, the weather, the town, fares.

Matched against ``Normalised.text``. ``off_topic`` says whether a message is about the place
rather than the lodge (the weather asked about, where to eat, a fare or a meal asked a price
for); the caller keeps such a message ``other`` unless a request of the lodge's stands beside
it ("si llueve, ¿hay quincho?" is info). Beside a greeting or thanks the weather is small
talk unless asked ("hola, ¡qué calor!" is a greeting, "hola, ¿hace frío por allá?" other).
"""

from __future__ import annotations

import re

from posada.nlu.patterns import words

#: Messages that are not about a stay at all (job offers, marketing, exchange rates).
UNRELATED = words(
    r"\b(?:marketing|posicionamiento|publicidad|seo|ofrecemos|busco trabajo|necesitan personal|"
    r"dolar|dolares|blue|euros?|tipo de cambio|casa de cambio|cripto|inversion|sorteo|ganaste|"
    r"premio|curriculum|cv|vendo|vendemos|ofrezco|seguros|seguro de|prestamos?|"
    r"(?:me )?equivoque de (?:numero|chat|contacto)|numero equivocado)\b"
)
#: The weather and what to wear for it.
_WEATHER = words(
    r"\b(?:clima|pronostico|llover|llueve|lluvias?|lloviendo|nevar|nieva|nevando|nieve|"
    r"temperaturas?|grados|refresca|refresque|fresco|fresquito|frio|fria|friazo|calor|"
    r"calorcito|calurosa?|abrigo|abrigarse|campera|camperon|remera|buzo|viento|ventoso|"
    r"humedad|heladas?|que tiempo (?:hace|va a hacer)|el tiempo (?:por alla|alla|ahi|por ahi|"
    r"en \w+|ahora|hoy)|(?:como|que tal)\s(?:esta|va a estar|viene|anda|es)\sel tiempo)\b"
)
#: Things of the town, not of the lodge: where to eat or go out, shops.
_PLACES = words(
    r"\b(?:restaurant(?:e|es)?|restos?|cervecerias?|heladerias?|donde (?:se come|comer|cenar|"
    r"almorzar)|(?:lugar|lugares) para comer|supermercados?|el super|farmacias?|cajeros?)\b"
    r"|\brecomend\w*\s(?:\w+\s){0,2}?(?:parrillas?|bar|bares|excursion\w*|paseos?|lugar\w* "
    r"para)\b"
)
#: Things with a price that the lodge does not sell: fares, fuel, meals out, excursions.
_NOT_SOLD = words(
    r"\b(?:pasajes?|micros?|colectivos?|omnibus|bondi|bus|buses|vuelos?|avion|aereos?|tren|remis\w*|"
    r"taxis?|uber|cabify|nafta|combustible|gasoil|peajes?|excursion\w*|cenas?|almuerzos?|"
    r"comidas?|menu|cervezas?|pases? de ski|medios de elevacion|entradas? (?:al|a la) "
    r"(?:parque|cerro|museo|glaciar))\b"
)
#: What the lodge does sell: a price question naming it is a price question.
OURS = words(
    r"\b(?:noches?|estadia|alojamiento|habitacion\w*|depto)\b"
    r"|(?<!\ba\s)(?<!\bhasta\s)(?<!\bdesde\s)(?<!\bde\s)\b(?:(?:la|las)\s)caban\w*"
)
#: From a word to the end of its clause, when the clause is a question.
_QUESTION = re.compile(r"[^.!,;?]*\?")


def off_topic(text: str, *, polite: bool, price: bool) -> bool:
    """Whether ``text`` (normalised) is about the place rather than the lodge.

    Args:
        text: ``Normalised.text`` of the message.
        polite: the message greets or thanks, so a remark on the weather is small talk.
        price: the message asks a price (of a fare or a meal, unless it names the lodge's).
    """
    for weather in _WEATHER.finditer(text):
        if not polite or _QUESTION.match(text, weather.start()):
            return True
    if _PLACES.search(text):
        return True
    return price and bool(_NOT_SOLD.search(text)) and not OURS.search(text)
