"""Greetings, thanks and goodbyes, and whether a message holds nothing else.

Matched against ``Normalised.text`` (lower-case ASCII, stretched letters collapsed). Thanks
covers goodbyes too: wishes ("que tengas buen finde", "felices fiestas") and putting the
decision off ("lo charlo en casa y te aviso", "lo hablo con mi señora", "cualquier cosa te
escribo"). ``only_courtesy`` says whether a message is nothing but these and small talk, so
that "gracias por todo, nos vemos en enero" stays thanks while "hola, asdf" does not.
"""

from __future__ import annotations

import re

_MONTHS = (r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
           r"diciembre")
#: Who or where a guest talks it over: "con mi señora", "con los chicos", "en casa".
_WITH = (
    r"(?:\scon\s(?:(?:mi|mis|la|el|los|las|nuestra|nuestro|nuestros|su)\s)?\w+"
    r"|\sen\s(?:casa|familia|la familia|el grupo|pareja))?"
)
#: Putting the decision off: "lo charlo en casa", "lo vamos a pensar", "lo veo con los chicos",
#: and "te aviso", "ya te confirmo con mi pareja", "cualquier cosa te escribo" at the end of a
#: clause ("te aviso que llegamos el 15" is news, not a goodbye).
PUTTING_OFF = (
    r"\b(?:lo|la|los|las)\s(?:(?:voy|vamos|tengo|tenemos|quiero|queremos)\s(?:a|que)\s)?"
    r"(?:(?:charl|habl|consult|coment|convers|pens|defin|evalu|analiz|mir)"
    r"(?:o|amos|emos|imos|ar|ir)|pienso|veo|vemos|ver)\b"
    r"(?:\s(?:bien|tranqui|tranquilo|un poco|mejor))?" + _WITH
    + r"|\b(?:te|les|le)\s(?:aviso|avisamos|confirmo|confirmamos|escribo|escribimos|digo|"
    r"decimos|contesto|contestamos|respondo|hablo|hablamos|consulto|pregunto)\b" + _WITH
    + r"(?=\s?(?:$|[,.!?;]|(?:despues|luego|mas tarde|manana|en (?:un rato|estos dias|breve|"
    r"la semana)|la semana|y\s|gracias|cualquier cosa|pronto|bien|cuando|ahi|enseguida)))"
)
WISHES = (
    r"\b(?:tengas|tengan|tenga|pases|pasen|pase|disfrutes|disfruten)\s"
    r"(?:(?:un|una|unas|unos|muy|re|lo mas)\s)*(?:buen|buena|buenas|buenos|lind[oa]s?|"
    r"excelentes?|feliz|felices|hermos[oa]s?|gran|bello|bella)\s\w+(?:\s(?:de semana|largo))?"
    r"|\bfelic\w* (?:fiestas|pascuas|vacaciones)\b|\bfeli[zs] (?:navidad|ano(?: nuevo)?|\w+)\b"
    r"|\b(?:esten|estes|este)\s(?:muy\s)?bien\b"
    r"|\bsaludos(?:\sdesde\s\w+(?:\s(?:de|del|la|las|los)\s\w+)?)?"
)
THANKS = re.compile(
    r"\b(?:gracias|grax|gracia|thanks|genial|joya|perfecto|excelente|barbaro|"
    r"buenisimo|nos vemos|chau|chao|hasta luego|hasta manana|hasta pronto|abrazo|besos|listo|"
    r"muy amable|agradezco|agradecid[oa]|de nada|ok|oka|okey|dale|espectacular)\b"
    rf"|{PUTTING_OFF}|{WISHES}"
)
GREETING = re.compile(
    r"\b(?:hola|holis|ola|buenas|buenos dias|buen dia|buenas tardes|buenas noches|"
    r"(?:que|q) (?:tal|onda|hay de nuevo)|como (?:va|vas|van|estas|estan|esta|andan|andas|"
    r"anda|les va|te va|le va|se encuentran?|amanecieron)|todo (?:bien|tranqui|ok|joya)|"
    r"hey|saludos|holi)\b"
)
#: A date after "nos vemos" or "hasta" is a goodbye, not an enquiry ("nos vemos el finde").
SEE_YOU = re.compile(r"\b(?:nos vemos|hasta|los esperamos|nos encontramos)\s(?:el|la|en|para|"
                     r"este|esta|del|de)\b")
#: What may stand beside a greeting or thanks for the message to be only that.
_SMALL_TALK = re.compile(
    r"\b(?:hola|holis|holi|ola|buenas|buenos|buen|dias?|tardes|noches|que|q|tal|como|va|estas|"
    r"andan|andas|hey|saludos|gracias|mil|muchas|muchisimas|genial|joya|perfecto|"
    r"excelente|barbaro|buenisimo|nos|vemos|chau|chao|hasta|luego|manana|abrazo|un|una|besos|"
    r"listo|muy|amable|agradezco|agradecid[oa]|de|del|nada|ok|oka|dale|che|todo|bien|por|favor|"
    r"porfa|igualmente|espectacular|senor|senora|amigos?|gente|y|la|el|te|les|lo|a|vos|ustedes|"
    r"1000|ahi|bueno|super|re|tanto|atencion|info|informacion|data|respuesta|quedo|"
    r"atent[oa]|espero|hermos[oa]|lind[oa]|estan|estamos|andamos|anda|mucho|muchos|"
    r"cualquier|cosa|finde|fin|semana|buena|feli[zs]|felices|fiestas|navidad|ano|nuevo|x|"
    r"lunes|martes|miercoles|jueves|viernes|sabado|domingo|pronto|entonces|ya|alla|aca|"
    r"onda|tranqui|tranquil[oa]|le|van|vas|en|para|tambien|tu|su|despues|mas|tarde|rato|"
    r"viene|proxima|proximo|esta|este|otra|vez|siempre|casa|ayuda|mensaje|jaja\w*|largo|"
    r"geni[oa]|crack|capo|cap[ao]s|idol[oa]|divin[oa]|querid[oa]|amor|"
    rf"{_MONTHS})\b"
    r"|[^\w\s]|\d+"
)


def only_courtesy(text: str) -> bool:
    """Whether ``text`` (normalised) is nothing but greetings, thanks and small talk."""
    rest = GREETING.sub(" ", THANKS.sub(" ", text))
    return not _SMALL_TALK.sub(" ", rest).split()
