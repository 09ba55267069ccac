"""Greetings, thanks and goodbyes, and which of the two a courtesy message is.

Matched against ``Normalised.text`` (lower-case ASCII, stretched letters collapsed). Three
kinds of cue: thanks proper (thanks, praise, goodbyes, hugs and kisses, putting the decision
off: "lo charlo en casa y te aviso"), greetings ("hola", "buen día", "ey"), and wishes that
may open or close a chat ("saludos", "feliz martes", "que estén bien", "felices fiestas").
``courtesy`` decides structurally: thanks when anything thanks, else a greeting when
anything greets, else thanks for a wish alone. Whatever else the message says (who is
writing, the weather, an apology for the hour) does not change that; the caller decides
whether a request outweighs the courtesy.
"""

from __future__ import annotations

from posada.nlu.model import Intent
from posada.nlu.patterns import words

_WEEKDAYS = r"lunes|martes|miercoles|jueves|viernes|sabado|domingo"
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
#: Wishes, which open a chat as well as close it: "que tengas buen finde", "feliz martes",
#: "saludos desde Rosario", "espero que anden bien".
WISHES = (
    r"\b(?:tengas|tengan|tenga|pases|pasen|pase|disfrutes|disfruten)\s"
    r"(?:(?:un|una|unas|unos|muy|re|lo mas)\s)*(?:buen|buena|buenas|buenos|lind[oa]s?|"
    r"excelentes?|feliz|felices|hermos[oa]s?|gran|bello|bella)\s\w+(?:\s(?:de semana|largo))?"
    r"|\bfelic\w* (?:fiestas|pascuas|vacaciones)\b|\bfeli[zs] (?:navidad|ano(?: nuevo)?|\w+)\b"
    r"|\b(?:esten|estes|este|anden|andes|sigas|sigan)\s(?:muy\s|re\s)?bien\b"
    r"|\b(?:buen|buena|buenas|lind[oa]s?|feliz|felices|excelente)\s(?:finde|fin de semana|semana|"
    r"viaje|descanso|vacaciones)\b"
    r"|\bsaludos?(?:\sdesde\s\w+(?:\s(?:de|del|la|las|los)\s\w+)?)?"
    rf"|\b(?:buen|lindo|excelente)\s(?:{_WEEKDAYS})\b"
)
_WISH = words(WISHES)
THANKS = words(
    r"\b(?:gracias|grax|gracia|thanks|genial|joya|perfecto|excelente|barbaro|buenisimo|"
    r"nos vemos|chau|chao|hasta luego|hasta manana|hasta pronto|abrazos?|abrazote|besos?|"
    r"besitos|beso grande|listo|muy amables?|amabilisim[oa]s?|agrade[cz]\w*|de nada|ok|oka|okey|"
    r"dale|espectacular|suerte|que descans\w+|la pasamos|nos encanto|un lujo)\b"
    rf"|{PUTTING_OFF}"
)
GREETING = words(
    r"\b(?:hola|holis|ola|buenas|buenos dias|buen dia|buenas tardes|buenas noches|"
    r"(?:que|q) (?:tal|onda|hay de nuevo)|como (?:va|vas|van|estas|estan|esta|andan|andas|"
    r"anda|les va|te va|le va|se encuentran?|amanecieron)|todo (?:bien|tranqui|ok|joya)|"
    r"hey|ey+|holi|wenas|wenos dias|bnas|buendia|bdias)\b"
)
#: A date after "nos vemos" or "hasta" is a goodbye, not an enquiry ("nos vemos el finde"),
#: and so is a stay already had ("la pasamos bárbaro el finde").
SEE_YOU = words(r"\b(?:nos vemos|hasta|los esperamos|nos encontramos)\s(?:el|la|en|para|"
                     r"este|esta|del|de)\b|\b(?:la pasamos|estuvimos|disfrutamos|nos encanto)\b")


def courtesy(text: str) -> Intent | None:
    """``THANKS`` or ``GREETING`` when ``text`` (normalised) thanks or greets anybody.

    Thanks wins over a greeting ("hola, gracias por la info"); a wish counts as thanks only
    when nothing greets ("gracias, saludos", "felices fiestas" are thanks, "hola, feliz
    martes" is a greeting).
    """
    if THANKS.search(text):
        return Intent.THANKS
    if GREETING.search(text):
        return Intent.GREETING
    if _WISH.search(text):
        return Intent.THANKS
    return None
