"""Info topics: the subject of a question about the lodge (hours, address, pets, parking …).

Matched against ``Normalised.text``; the first topic whose cue matches wins, in the order of
``_TOPICS``.
"""

from __future__ import annotations

import re

from posada.nlu.model import Topic
from posada.nlu.patterns import words

#: A vehicle a guest comes in: where to leave it is parking, it is never a guest.
VEHICLE = (r"(?:autos?|coches?|camionetas?|motos?|vehiculos?|trafic|motorhome|casa rodante|"
           r"4x4)")
#: How warm a place is: cold of the cabin is heating, of the town the weather.
_TEMPERATURE = (r"(?:fri[oa]s?|calor|calid[oa]s?|calurosa?s?|templad[oa]s?|calentit[oa]s?|"
                r"fresc[oa]s?)")
#: A pet, by kind or breed: "perrita", "la gata", "un ovejero", "un caniche".
_PET = (r"(?:perr|mascota|gat[oia]|animal|cachorr|caniche|ovejer|labrador|golden|bulldog|"
        r"beagle|salchicha|pitbull|chihuahua|border collie|schnauzer|yorki|pug|michi|galgo|"
        r"boxer|callejer)\w*")

_ARRIVE = (r"(?:entrar|ingresar|llegar|llegamos|entramos|ingresamos|hacer el check\s?-?in|"
           r"(?:el|la)\s(?:ingreso|entrada|llegada|check\s?-?in))")
_LEAVE = (r"(?:salir|dejar|entregar|retirar(?:nos)?|irse|irnos|desocupar|liberar|quedarnos|"
          r"hacer el check\s?-?out)")
_TOPICS: tuple[tuple[Topic, re.Pattern[str]], ...] = (
    (Topic.CHECKIN_TIME, words(
        rf"\b(?:a|hasta|desde|a partir de)\s(?:que|q)\shora\s(?:\w+\s){{0,3}}?{_ARRIVE}"
        rf"|\b{_ARRIVE}\s(?:\w+\s){{0,4}}?(?:temprano|antes|tarde|a las|~)"
        r"|\bcheck\s?-?in\b|\bhorario de (?:entrada|ingreso|llegada)|\bhora de (?:entrada|"
        r"ingreso|llegada)\b|\bentrada temprana\b|\bearly check|\bnos dejan entrar\b"
        r"|\bes muy temprano\b|\bentrega de (?:llaves|la cabana)\b")),
    (Topic.CHECKOUT_TIME, words(
        rf"\b(?:a|hasta)\s(?:que|q)\shora\s(?:\w+\s){{0,3}}?{_LEAVE}"
        rf"|\bhay que {_LEAVE}\b|\btenemos que {_LEAVE}\b|\bcheck\s?-?out\b"
        r"|\bhorario de (?:salida|egreso)\b|\bhora de (?:salida|egreso)\b|\blate check"
        r"|\bsalida tardia\b|\bel dia que nos vamos\b|\bhasta que hora\b")),
    (Topic.ADDRESS, words(
        r"\bdonde\s(?:quedan|queda|estan|esta|se encuentran|son|es|los encuentro)\b"
        r"|\bubicacion\b|\bubicad[oa]s\b|\bdireccion\b|\bcomo\s(?:llego|llegamos|se llega|hago "
        r"para llegar)\b|\bmapa\b|\bgoogle maps\b|\bcoordenadas\b|\blocalizacion\b|\bque zona\b"
        r"|\bque barrio\b|\blejos del? centro\b|\bcerca del? centro\b|\ba cuanto (?:del|de la)\b"
        r"|\bpasame la ubi\b|\bcomo los encuentro\b"
        r"|\ba cuantas?\s(?:cuadras|km|kms|kilometros|metros|minutos)\b")),
    (Topic.PETS, words(
        r"\b(?:aceptan|acepta|admiten|permiten|se aceptan|se permiten|puedo llevar|podemos llevar|"
        r"se puede llevar|se puede ir con|puedo ir con|podemos ir con|puedo llevar a|"
        r"podemos llevar a|pueden ir|pueden venir|reciben|se admiten|va a haber "
        r"problema con|problema con|pueden entrar)\s(?:\w+\s){0,3}?" + _PET
        + r"|\bpet\s?friendly\b|\b(?:mascotas|perros|animales)\s?\?"
        r"|\b" + _PET + r"\b[^?]{0,40}?\b(?:(?:lo|la|los|las)\s(?:puedo|podemos|puede|pueden|"
        r"dejan|aceptan|reciben)\b|se puede|puede ir|puede venir|pueden (?:ir|venir|entrar)|"
        r"esta permitido|hay (?:problema|drama|inconveniente)|problema|drama|inconveniente|"
        r"aceptan|admiten|permiten|reciben|(?:es|son) bienvenid|esta bien|puede entrar|ok\s?\?)")),
    (Topic.PARKING, words(
        r"\bcochera\b|\bestacionamiento\b|\bestaciona\w*|\bgarage\b|\bgaraje\b|\bparking\b"
        r"|\b" + VEHICLE + r"\b|\bdonde (?:dejo|dejamos) el")),
    (Topic.WIFI, words(
        r"\bwi\s?-?fi\b|\bwifi\b|\binternet\b|\bsenal\b|\bconexion\b|\bfibra\b|\bsatelital\b"
        r"|\bstarlink\b|\bvideollamadas?\b|\bmegas\b|\bdatos moviles\b|\bcobertura\b")),
    (Topic.LINENS, words(
        r"\bsabanas\b|\btoallas?\b|\bropa de cama\b|\bropa blanca\b|\bblanqueria\b|\bblancos?\b"
        r"|\bacolchados?\b|\bfrazadas?\b|\bmantas\b|\btoallones\b|\bjuego de cama\b")),
    (Topic.OTHER, words(
        r"\bpileta\b|\bpiscina\b|\bparrillas?\b|\basador\b|\basado\b|\bfogon\b|\bdesayuno\b"
        r"|\bcocina\b|\bheladera\b|\bmicroondas\b|\bvajilla\b|\btv\b|\btele\b|\bnetflix\b"
        r"|\bcable\b|\bjacuzzi\b|\bhidromasaje\b|\bdormitorios?\b|\bambientes\b|\bbanos?\b"
        r"|\bcamas?\b|\bcuna\b|\btarjeta\b|\bcuotas\b|\bmercado pago\b|\befectivo\b"
        r"|\bmedios? de pago\b|\bformas? de pago\b|\bpolitica\b|\bcancelacion\b|\bdevolucion\b"
        r"|\blimpieza\b|\blavarropas\b|\bpatio\b|\bjardin\b|\bquincho\b|\bbalcon\b|\bvista al\b"
        r"|\bcapacidad\b|\bcuant[oa]s\s(?:personas\s)?(?:entran|caben|duermen)\b|\bfumar\b|\bruidos?\b|\bcubiertos\b|\bdeposito\b|\bgarantia\b"
        r"|\bsecador\b|\bplancha\b|\bcafetera\b|\bhorno\b|\bjuegos\b|\bdeck\b|\bsolarium\b"
        r"|\bfotos?\b|\bvideos?\b|\bimagenes\b|\bactividades\b|\bapt[oa]s? para\b|\baccesib\w*"
        r"|\bfactura\b|\bpag(?:ar|o|amos|a)\scon\b|\bse paga\b|\bpor adelantado\b"
        r"|\b(?:esta|estan|queda|quedan)\s(?:cerca|lejos)\b")),
    (Topic.HEATING, words(
        r"\bcalefaccion\b|\bcalefa\b|\bcalefactor(?:es)?\b|\bsalamandra\b|\bestufas?\b"
        r"|\baire\b(?!\slibre)|\bhogar\b|\blosa radiante\b|\bventilador(?:es)?\b|\bsplit\b"
        r"|\bcaldera\b|\bcalefacciona\w*|\bse calienta\b|\b(?:pasa|pasar|pasamos|pase)\sfrio\b"
        r"|\bfrio (?:adentro|dentro)\b|\babrigad[oa]s?\b|\baislad[oa]s?\b|\baislacion\b"
        r"|\b(?:tiene|tienen|hay|cuentan con)\s(?:\w+\s){0,3}?para (?:el )?(?:frio|calor)\b"
        # the cold or heat of the cabin, not of the place: "¿es fría la cabaña?"
        rf"|\b{_TEMPERATURE}\b[^?.!]{{0,25}}?\b(?:la|las) cabanas?\b"
        rf"|\b(?:cabanas?|habitacion\w*|ambientes?|adentro)\b[^?.!]{{0,25}}?\b{_TEMPERATURE}\b")),
)


def find_topic(text: str) -> Topic | None:
    """The info topic ``text`` (normalised) asks about, or ``None``."""
    for topic, cue in _TOPICS:
        if cue.search(text):
            return topic
    return None
