"""Intent and info topic: cue phrases per intent, the guide's priority to break ties.

Each intent has a pattern over ``Normalised.text`` (lower-case ASCII); the winner is the
first matching intent in ``PRIORITY`` (human_handoff > cancel > my_reservation > book >
price > availability > info > thanks > greeting > other). A message that only states dates
or a party is an availability enquiry; a booking code points at an existing reservation.
"""

from __future__ import annotations

import re

from posada.nlu.courtesy import SEE_YOU, courtesy
from posada.nlu.elsewhere import OURS, UNRELATED, off_topic
from posada.nlu.model import PRIORITY, Intent, Topic
from posada.nlu.patterns import words
from posada.nlu.topics import VEHICLE, find_topic

#: A cabin or option chosen: "esa", "la grande", "la de 4", "la coihue".
_PICK = (
    r"(?:esa|esta|aquella|esa misma|esa opcion|el (?:pehuen|coihue|arrayan)|pehuen|coihue|"
    r"arrayan|la (?:grande|mas grande|chica|chiquita|mas chica|de \d{1,2}|primera|segunda|"
    r"ultima|opcion|pehuen|coihue|arrayan|cabana(?:\s(?:grande|chica|de \d{1,2}))?))\b"
)
#: Paying the deposit, asked or announced: "¿cómo te pago?", "¿a qué cuenta transfiero?".
_PAY = (
    r"\b(?:como|donde|a donde|adonde)\s(?:(?:te|les|se|lo|la)\s)?(?:pago|pagamos|abono|"
    r"abonamos|transfiero|transferimos|deposito|depositamos|giro|mando|paga|abona|sena|seno|"
    r"senamos|hago la sena|hacemos la sena|hace la sena)\b"
    r"|\b(?:el tema|lo) de la sena\b|\ba (?:que|cual|q)\s(?:cuenta|cbu|cvu|alias)\b"
    r"|\b(?:cbu|cvu|alias|numero de cuenta|datos bancarios|cuenta bancaria|datos de la cuenta"
    r"|datos para (?:transferir|depositar|pagar|senar|la transferencia|la sena))\b"
    r"|\b(?:te|les)\s(?:transfiero|transferimos|deposito|depositamos|giro|abono|pago|mando la "
    r"sena|pasamos la sena|paso la sena|mando el adelanto)\b|\btransfiero la sena\b"
    r"|\bcuanto\s(?:es|seria|sale|hay que dejar|dejo|dejamos)\s(?:de\s)?(?:la\s)?sena\b"
    r"|\b(?:cuanto|que porcentaje|que monto) de sena\b"
    r"|\b(?:hago|hacemos|hacer|mando|mandamos|hacerte|hacerles) (?:la |una )?(?:transferencia|"
    r"deposito)\b"
    r"|\bhay que (?:dejar|pagar|hacer|mandar) (?:una\s|la\s)?sena\b"
)
_BOOK = words(
    r"\breserv(?:ar|arla|arlo|arte|ame|amela|amelo|anos|ala|alo|en|a|o|amos|as|aria|ariamos"
    r"|emos|enme|anosla)\b|\bhac(?:e|eme|er|ernos|erme|emos)\s(?:la|una)\sreserva\b"
    r"|\b(?:la|lo|esa|esta)\s(?:tomo|tomamos|quiero|queremos|agarro|agarramos|reservo|"
    r"reservamos)\b|\b(?:tomamos|agarramos|tomo|agarro|elegimos|elijo|elegi)\s" + _PICK
    + r"|\b(?:nos|me)\s(?:quedamos|quedo|quedariamos|quedaria|copamos|copo)\scon\s" + _PICK
    + r"|\b(?:vamos|voy|iriamos|vayamos)\s(?:con|por)\s" + _PICK
    + r"|\b(?:nos|me)\s(?:decidimos|decidi)\b(?<!\bno nos decidimos)(?<!\bno me decidi)"
    r"|\bya (?:lo\s)?decidimos\b|\bdecidid[oa]s?\b(?<!\bno decidid[oa])(?<!\besta decidid[oa])"
    r"(?<!\bno decidid[oa]s)|\bva (?:esa|esta)\b"
    r"|\bsen(?:ar|arla|amos|o|ala|arlo)\b|\bdejar\s(?:una\s|la\s)?sena\b|\bpagar la sena\b"
    r"|\bcomo\s(?:hago|hacemos|es|seria|funciona|se hace)\s(?:para\s)?(?:reservar|la reserva|"
    r"sen|el pago|pagar)"
    r"|\b(?:me|nos)\s(?:la|lo)\s(?:guardas|guardan|reservas|reservan|dejas|dejan)\b"
    r"(?<!cuanto me la dejas)(?<!cuanto nos la dejas)(?<!cuanto me lo dejas)"
    r"|\bdej\w*\s(?:\w+\s){0,3}?(?:reservad|apartad|guardad|bloquead|separad|senad)[oa]s?\b"
    r"|\b(?:apart|separ|bloque|anot|agend)(?:ame|anos|amela|anosla|amelo|ala|alo|en|enme|"
    r"enla|enos|as|an|arias)\b|\b(?:apart|bloque)a\b|\bguard(?:ame|anos|amela|anosla)\b"
    r"|\bconfirm(?:o|amos)\b(?<!\bte confirmo)(?<!\bles confirmo)(?<!\bte confirmamos)"
    r"(?<!\bles confirmamos)"
    r"|\bconfirm(?:ame|anos|amela|anosla|ala|alo|emos)\b(?!\s(?:que|si|mi|el pago|la reserva"
    r"|los datos|la sena|el horario|la direccion|a que|cuanto))"
    r"|\b(?:pasame|mandame|enviame|pasanos|mandanos)\s(?:el\s|los\s)?(?:link|datos)\b"
    r"|\bcomo\s(?:les\s|te\s)?(?:pago|abono)\b|" + _PAY
    + r"|\bcerr(?:amos|emos|ame|anos|ala|amela|amelo|emosla)\b|\b(?:quiero|queremos|podemos|"
    r"vamos a)\s(?:lo\s|la\s)?cerrar\b|\bcerrar\s(?:la reserva|trato|el trato)\b"
    r"|\b(?:quiero|queremos|quisiera|quisieramos)\s(?:alquilar|tomar|contratar|sacar|"
    r"agarrar|apartar|separar|bloquear|asegurar|confirmar)\b|\bsacar la cabana\b"
    r"|\bhacemos la reserva\b|\bavanzar con la reserva\b|\bavancemos\b|\bavanzamos\b"
    r"|\bme la quedo\b|\bnos la quedamos\b|\bla (?:dejo|dejamos) reservada\b"
    r"|\bcomo (?:seguimos|sigo|seguimos|avanzamos|procedemos|procedo)\b"
)

#: What a guest pays with or is sent back: "la seña", "el comprobante", "el link de pago".
_PAID_THING = (r"(?:pagos?|sena|plata|transferencia|comprobante|deposito|adelanto|giro|captura|"
               r"link|mail|correo|confirmacion|recibo|factura|voucher)\b")
#: Paying, in the forms said of a payment already made ("pagué", "transferimos", "hice el
#: depósito") or about to be told ("pude pagar").
_PAYING = (r"(?:pag(?:ue|amos|ado|ada|ar|o)|transfer\w+|deposit(?:e|amos|ado|ar|o)|abon(?:e|amos|"
           r"ado|ar|o)|sen(?:e|amos|ado|ada|ar)|gir(?:e|amos|ado)|mande|mandamos|envie|enviamos"
           r"|hic(?:e|imos) (?:la transferencia|el deposito|el pago))")
#: A payment already made, or asked whether it arrived or counts: "ya te hice la
#: transferencia", "¿se acreditó el pago?", "¿ya está pagada la seña?", "te mandé el
#: comprobante", "pagamos la seña recién". A payment to come ("¿cómo te pago?") is book.
_PAID = (
    r"\b(?:pague|transferi|deposite|sene|abone|gire)\b|\bya (?:pagamos|senamos|transferimos|"
    r"depositamos|abonamos)\b|\b(?:hice|hicimos)\s(?:la|el|una|un)\s(?:transferencia|deposito|"
    r"pago|giro)\b|\b(?:mande|envie|pase|deje)\s(?:el|la|los|las)\s" + _PAID_THING
    + r"|\b" + _PAYING + r"\b[^.?!]{0,30}?\b"
    r"(?:recien|ayer|anoche|hace (?:un|una|unos|unas|\d+|instantes|minutos))\b"
    r"|\bya\b[^?.]{0,10}?\b(?:transferid|pagad|abonad|depositad|acreditad|senad)[oa]s?\b"
    r"|\b(?:pudiste|pudieron|podes|pueden|podrias|podrian)\s(?:ver|chequear|fijarte|fijarse|"
    r"revisar)\s(?:si\s)?(?:(?:el|la|mi|los|las)\s)?(?:llego\s(?:el|la|mi)\s)?" + _PAID_THING
    + r"|\b(?:pagos?|sena|transferencia|deposito)\s(?:ya\s)?se\s(?:hizo|realizo|acredito|envio)\b"
    r"|\b(?:recien|ayer|anoche)\s(?:(?:te|les|lo|la|le)\s)?" + _PAYING
    + r"\b|\b(?:esta|estan|quedo|quedaron|figura|aparece)\s(?:ya\s)?(?:paga|pagad|"
    r"abonad|acreditad|registrad|senad|impactad)[oa]?s?\b|\bse acredit\w*|\bacreditaron\b"
    r"|\bimpact(?:o|aron)\b|\bacabo de (?:pagar|transferir|depositar|abonar|senar)\b"
    r"|\bacabo de (?:mandar|enviar|pasar)(?:te|les)? (?:el|la) " + _PAID_THING
    + r"|\b(?:esta|quedo) (?:ya )?hech[oa] (?:la transferencia|el deposito|el pago)\b"
    r"|\b(?:pago|transferencia|deposito) que (?:hice|hicimos|te hice|les hice)\b"
    r"|\b(?:recibieron|recibiste|recibio|vieron|viste|llego|llegaron|figura|aparece|"
    r"entro|entraron)\s(?:el|la|los|las|mi|mis|nuestra|nuestro)\s" + _PAID_THING
    + r"|\b(?:pag|transfer|deposit|abon|sen|mand|envi|comprobante|plata)\w*\b[^?]{0,40}?"
    r"\b(?:(?:les|te|le|lo|la|me|nos)\s(?:llego|entro)|recibieron|recibiste|vieron|viste|figura|"
    r"impacto)\b"
)
#: What a guest drops: "la reserva", "las fechas", "mi estadía", "la cabaña".
_BOOKED = (r"(?:la|las|mi|mis|nuestra|nuestras|esa|esas|el|los)\s(?:reservas?|estadia|fechas?|"
           r"cabana|lugar|dias)\b")
#: "no vamos" said as the end of it: at the end of a clause or with "al final", "ya", "más".
_NOT_GOING = (r"(?:vamos|voy|viajamos|viajo|venimos|vengo|podemos ir|puedo ir|iremos|salimos|"
              r"vamos a ir|vamos a viajar|vamos a poder|voy a poder)")
#: Dropping the booking outright: "cancelá", "anulen", "den de baja", "bajen la reserva",
#: "nos bajamos", "suspender la estadía", "dejen sin efecto".
_DROP = words(
    r"\bcancel(?:ar|a|o|en|emos|amos|ame|arla|arlo|ariamos|aria|arme|enla|ala|amela|enme)\b"
    r"(?!\s(?:gratis|sin cargo|con devolucion))"
    r"|\banul(?:ar|a|en|emos|ame|arla|amos|enla|ala|amela|enme)\b"
    r"|\b(?:dar|de|den|da|dala|dalo|denla|denlo|darla|darlo|darnos|darme|damos|doy|pedir|pido|"
    r"pedimos|solicito|solicitamos|tramitar|hacer|quiero|queremos|necesito|necesitamos)\s(?:de|la)"
    r"\sbaja\b|\bla baja (?:de|a)\s" + _BOOKED
    + r"|\b(?:baj|borr|elimin)(?:a|en|ame|enme|ala|enla|amela|ar|emos|ar)\s" + _BOOKED
    + r"|\b(?:baj|borr|elimin)(?:enla|ala|amela|enmela|emosla)\b"
    r"|\b(?:bajarnos|bajarme|bajanos|bajame|bajenos|bajenme)\b(?!\s(?:del?\s(?:micro|colectivo|bondi|auto|tren|"
    r"avion|omnibus|bus|barco)|en\b|ahi|aca|alla|al\b|a la\b|a las\b|~))"
    r"|\b(?:nos bajamos|me bajo|tenemos que bajar|tengo que bajar|vamos a bajar|voy a bajar)\b"
    r"(?=\s?(?:$|[,.!;]|de (?:la|esta|esa|mi|nuestra)\s|del (?:viaje|alquiler|grupo|plan)\b)"
    r"|\s(?:al final|entonces|nomas|porfa))"
    + r"|\blibe(?:ra|ren|rame|renme|ramela|rala|renla)\s" + _BOOKED
    + r"|\b(?:liberar|liberen|liberes)\s(?:las fechas|la reserva|mi reserva|el lugar)\b"
    r"|\bya no (?:necesitamos|necesito|queremos|quiero)\s" + _BOOKED
    + r"|\bno (?:la|lo|las) (?:vamos|voy) a (?:usar|necesitar|poder usar)\b"
    r"|\bno vamos a usar\s" + _BOOKED
    + r"|\bsuspend\w*\s(?:(?:la|el|las|los|mi|nuestra|nuestro|nuestras|esa|esta)\s)?(?:reservas?|"
    r"estadia|viaje|vacaciones|escapada|alquiler|todo)\b|\bsuspender\b(?=\s?(?:$|[,.!;]))"
    r"|\bdesisti(?:r|mos)\b|\bsin efecto\b"
    r"|\b(?:viaje|escapada|reserva|estadia|vacaciones|plan)\s(?:se\s)?suspend\w*"
    r"|\bse (?:nos|me) (?:cayo|suspendio|cancelo|arruino|complico) (?:el viaje|todo el viaje|"
    r"la salida|el plan|la escapada|las vacaciones)\b|\bse suspend(?:e|io) el viaje\b"
    r"|\b(?:nos|me) arrepenti(?:mos)?\b"
)
#: Not going after all: "no vamos a poder viajar", "al final no vamos", "no podemos ir más".
#: Cancel, unless the guest asks to move the stay instead ("¿podemos cambiar la fecha?").
_WONT_GO = words(
    r"\bno (?:vamos|voy|podemos|puedo) a poder (?:ir|viajar|usar|asistir|concretar|hacerlo)\b"
    r"|\bno (?:vamos|voy|podemos|puedo|podremos|podre) (?:a\s)?(?:ir|viajar|asistir)\b"
    r"|\b(?:decidimos|decidi|preferimos|prefiero) no (?:ir|viajar)\b"
    rf"|\bal final no {_NOT_GOING}\b|\b(?:ya|finalmente) no {_NOT_GOING}\b"
    rf"|\bno {_NOT_GOING}(?:\s(?:mas|al final|finalmente|nada))?(?=\s?(?:$|[,.!?;]))"
)
#: Moving a stay rather than dropping it: "cambiar la fecha", "pasarlo para otro finde".
_RESCHEDULE = words(
    r"\b(?:cambi|modific|mov|corr|pas|posterg|reprogram|traslad|adelant)(?:ar|arla|arlo|emos|amos|"
    r"ala|alo|en|enla|enlo|er|erla|erlo)\s(?:(?:la|las|el|mi|nuestra)\s)?(?:fechas?|reserva|"
    r"otra fecha|otro|otra|al|para|mas adelante)\b"
)

#: Someone behind the lodge: "el dueño", "la encargada", "una persona", "alguien real".
_STAFF_NOUN = (
    r"\b(?:duen[oa]s?|propietari[oa]s?|encargad[oa]s?|responsable|administrador[a]?|"
    r"administracion|recepcion(?:ista)?|anfitrion[a]?|persona|humano|humana|ser humano|"
    r"alguien|operador[a]?)\b"
)
_STAFF = r"(?:(?:el|la|los|las|un|una|algun|alguna|al)\s)?" + _STAFF_NOUN
_HANDOFF = words(
    r"\bhablar\scon\b(?!\s(?:mi|mis|nuestr[oa]s?|la familia|los chicos|el grupo)\b)"
    r"|\bcomunicar(?:me|nos)?\scon\b|\bcharlar\scon\s(?:alguien|una persona)"
    r"|\b(?:me|nos)\s(?:atiende|atienda|atienden|puede atender|podes atender|conteste|contesta|"
    r"responda|responde|escriba|escribe)\s" + _STAFF
    + r"|\b(?:atiende|atienden|contesta|responde)\s(?:alguien|una persona|un humano|el duen[oa]"
    r"|la duena|el encargado|la encargada)\b"
    r"|" + _STAFF_NOUN + r"\s(?:me|nos)\s(?:(?:puede|podria|podra|va a)\s)?(?:llamar|escribir|"
    r"contactar|atender|responder|contestar|llama|escribe|atiende)\b"
    r"|\b(?:pasame|pasanos|pasas|pasan|me pasas|comunicame|comunicas|me comunicas|"
    r"conectame|derivame|me derivas)\s(?:con|al|a la|a)\s"
    r"|\b(?:pasar|pasarme|pasarnos|derivar|derivarme|comunicarme)\s(?:con|a)\s" + _STAFF
    + r"|\b(?:me|nos)\s(?:puede|pueden|podes|podria|podrian|podrias)\s(?:llamar|contactar)"
    r"|\b(?:me|nos)\s(?:llaman|llamas|llamarian|llamen|llame|contacta|contactan|contacte|"
    r"contacten)\b|\bllam(?:ame|enme|arme|ennos)\b|\bque me llamen?\b"
    r"|\b(?:persona|humano|operador)\sreal\b|\batencion\s(?:humana|personalizada|al cliente)"
    r"|\batend(?:eme|enme|anme|enos)\b|\bno (?:la|una|el|un) (?:maquina|bot|robot|contestador)\b"
    r"|\boperador(?:a|es)?\b|\bhumanos?\b|\bser humano\b|\b(?:bot|chatbot|chat bot)\b|\brobot\b"
    r"|\b(?:con|sos|es|eres)\s(?:un|una)\s(?:maquina|contestador|programa|ia|inteligencia "
    r"artificial)\b|\b(?:es|todo|respuesta|contestador|mensaje|sistema)\s(?:es\s)?"
    r"automatic[oa]s?\b|\bcon quien (?:hablo|estoy hablando|hablamos)\b|\bhay alguien\b"
    r"|\b(?:alguien|una persona|alguna persona)\s(?:que|q)\s(?:me|nos)\s(?:atienda|ayude|"
    r"responda|explique|pueda|puede|podria)\b"
    r"|\bhablar\spor\s(?:telefono|whatsapp|llamada|audio)\b"
    r"|\b(?:numero|telefono|whatsapp|cel|celular|contacto)\s(?:del|de la|de los)\s(?:dueno|"
    r"duena|duenos|encargad[oa]|responsable|administracion|administrador)"
)

_CUES: dict[Intent, re.Pattern[str]] = {
    Intent.HUMAN_HANDOFF: _HANDOFF,
    Intent.MY_RESERVATION: words(
        r"\b(?:mi|nuestra|mis|nuestras)\sreservas?\b|\btengo\s(?:una|la)\sreserva|\btengo reserva"
        r"|\btenemos\s(?:una\s|la\s)?reserva|\bya\sreserv\w*|\breserve\b|\bhic(?:e|imos)\s(?:una|la)"
        r"\sreserva|\breservamos hace|" + _PAID
        + r"|\bcuanto\s(?:me|nos)\s(?:queda|falta)\s(?:por\s|para\s)?(?:pagar|abonar|saldar)"
        r"|\b(?:pagar|abonar)\s(?:el\s)?(?:resto|saldo)\b|\bsaldo\s(?:que|restante|pendiente)"
        r"|\besta\sconfirmad[oa]\b|\bquedo confirmad[oa]\b|\bcodigo de reserva\b"
        r"|\bcambiar\s(?:la|las|mi)\s(?:fechas?|reserva)\b|\bmodificar\s(?:la|las|mi)\s"
        r"(?:fechas?|reserva)|\bpasar la reserva\b|\bcomprobante\b|\bestado de (?:mi|la) reserva"
        r"|\bnumero de reserva\b|\bcambiar la reserva\b|\bsumar a\b|\bagregar a\b"
        r"|\b(?:me\s|nos\s)?confirm(?:as|an|arias|ame|anme|en)\s(?:que|si|la|mi|el)\b"
        r"(?!\s(?:hay|tienen|tenes|queda|esta libre|estan libres)\b)"
        r"|\bquedo a (?:mi|nuestro) nombre\b|\bextender\b|\balargar\b"
    ),
    Intent.BOOK: _BOOK,
    # written as patterns.words would put it: one word boundary, then branches that start
    # with a letter, and the "cuanto …" and "que …" branches each under one word
    Intent.PRICE: words(
        r"\b(?:cuanto(?:\s(?:(?:me|nos|te|les)\s)?(?:sal\w*|cuest\w*|cost\w*|est\w*|ser\w*|es|"
        r"val\w*|cobr\w*|qued\w*|por|la|el|x|sta|ta)\b|\s(?:me|nos)\s(?:hac|dej)\w*"
        r"|\s(?:\w+\s){0,2}?(?:pagar|pagariamos|pagaria|abonar|abonariamos|gastar|gastariamos)\b"
        r"|\s?\?|$)|(?:que|q)\s(?:(?:(?:me|nos|te|les)\s)?cobr\w*|monto\b|sale\b|cuesta\b)"
        r"|cobr(?:an|as|a|arian|arias|aria)\s(?:por|x|aparte|extra|adicional)\b|se cobran?\b"
        r"|monto total\b|en cuanto\s(?:me|nos)\s(?:(?:la|lo|las|los)\s)?(?:dej|hac|qued|sal)\w*"
        r"|precios?\b|tarifas?\b|valor(?:es)?\b|costos?\b|a cuanto\b|presupuest\w*|cotiza\w*"
        r"|cuanta plata\b|sale\s(?:la noche|por noche)\b|mas barat[oa]\b|descuentos?\b"
        r"|promo(?:cion)?\b|\d[\d.,]*\s?(?:lucas|mil|pesos)\b)|\$\s?\d"
    ),
    Intent.AVAILABILITY: words(
        r"\blugar(?:es)?\b(?<!hermoso lugar)(?<!lindo lugar)(?<!divino lugar)(?<!que lugar)"
        r"(?<!precioso lugar)(?<!gran lugar)(?!\s(?:es|era|estuvo|hermoso|lindo|increible|"
        r"divino|precioso|espectacular|bello)\b|\spara\s(?:(?:\d+|un|una|el|la|los|las)\s)?"
        r"(?:estacionar|dejar|guardar|comer|visitar|conocer|pasear|" + VEHICLE + r"))"
        r"|\b(?:disponibilidad|disponible|disponibles|libre|libres|"
        r"vacantes?|ocupad[oa]s?|cupo)\b|\bhay\scabanas?\b|\b(?:tienen|tenes|tendrian|tendras)\s"
        r"caban\w*\b"
    ),
}
#: An enquiry too loose to stand against an unrelated subject ("¿qué pronóstico hay para el
#: sábado?"): "¿hay algo para …?", "¿tienen para …?", "¿queda algo?".
_ENQUIRY = words(
    r"\bhay\s(?:algo|alguna|para)\b(?!\s(?:hacer|ver|visitar|comer|conocer))|\b(?:tienen|tenes|tendrian|tendras)\s(?:algo|alguna|para)\b"
    r"|\btienen\s?\?|\bqueda\s(?:algo|alguna)\b|\bhay\s?\?"
)
def classify(
    text: str, *, dates: bool, full_stay: bool, has_party: bool, has_code: bool
) -> tuple[Intent, Topic | None]:
    """The intent of ``text`` (normalised) and, for ``info``, its topic.

    Args:
        text: ``Normalised.text`` of the message.
        dates: the message names a check-in or a vague range.
        full_stay: the message names a whole stay (check-in and check-out).
        has_party: the message gives a number of guests.
        has_code: the message carries a booking code.
    """
    matched = {intent for intent, cue in _CUES.items() if cue.search(text)}
    polite = courtesy(text)
    if polite is not None:
        matched.add(polite)
    if has_code:
        matched.add(Intent.MY_RESERVATION)
    if _DROP.search(text):
        matched.add(Intent.CANCEL)
    elif _WONT_GO.search(text):
        # "no vamos a poder ir el 15, ¿podemos cambiar la fecha?" moves the reservation
        matched.add(Intent.MY_RESERVATION if _RESCHEDULE.search(text) else Intent.CANCEL)
    topic = find_topic(text)
    if topic is not None:
        matched.add(Intent.INFO)
    # what may stand beside the weather, the town or an offer: courtesy, and a price unless
    # it names the lodge's ("¿cuánto sale la noche? ¿hace frío?" is price)
    soft = {Intent.GREETING, Intent.THANKS}
    if Intent.PRICE in matched and not OURS.search(text):
        soft.add(Intent.PRICE)
    if UNRELATED.search(text) and not matched - soft - {Intent.INFO}:
        return Intent.OTHER, None
    if not matched - soft and off_topic(text, polite=polite is not None,
                                        price=Intent.PRICE in matched):
        return Intent.OTHER, None
    if _ENQUIRY.search(text):
        matched.add(Intent.AVAILABILITY)
    # dates or a party alone are an enquiry (not beside an info question, and after thanks,
    # "nos vemos mañana", only a whole stay)
    if not matched - {Intent.GREETING} and (dates or has_party):
        matched.add(Intent.AVAILABILITY)
    elif not matched - {Intent.GREETING, Intent.THANKS} and (
        has_party or (full_stay and not SEE_YOU.search(text))
    ):
        matched.add(Intent.AVAILABILITY)
    for intent in PRIORITY:
        if intent in matched:
            return intent, (topic or Topic.OTHER) if intent is Intent.INFO else None
    return Intent.OTHER, None
