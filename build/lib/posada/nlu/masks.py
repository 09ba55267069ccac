"""Numbers and phrases that look like dates or party sizes but are neither.

Applied to ``Normalised.text`` before the date and party grammars: phone numbers, prices
("$50.000", "50 lucas", "80 mil"), hours ("15 hs", "a las 10", "10:30"), ages ("de 5 años"),
distances and percentages, the times of day and greetings that contain date words
("a la mañana", "a la noche", "buenas noches", "buen finde"), small talk about today or a
weekday of any week ("qué calor que hace hoy", "un domingo"), vehicles ("2 autos"), and the
people a guest will talk the stay over with ("lo hablo con mi señora"). Each is replaced by
``~``.
"""

from __future__ import annotations

import re

from posada.nlu.courtesy import PUTTING_OFF, WISHES
from posada.nlu.topics import VEHICLE

MASK = " ~ "

_PHONE = re.compile(r"\+?\d[\d\s\-.()]{6,}\d")
_NUMERIC_DATE = re.compile(r"\d{1,2}[-.]\d{1,2}[-.]\d{2,4}")
_PATTERNS = (
    # prices
    r"(?:\$|u\$s|us\$|usd|ars)\s?\d[\d.,]*(?:\s?(?:mil|k|lucas?))?",
    r"\b\d[\d.,]*\s?(?:mil|lucas?|pesos|mangos|usd|dolares|k|palos)\b",
    r"\b\d{1,3}(?:\.\d{3})+(?:,\d+)?\b",
    # hours
    r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:hs|h|hrs|horas?|am|pm)\b",
    r"\b\d{1,2}:\d{2}\b",
    r"\b(?:las|la)\s\d{1,2}(?:[:.]\d{2})?"
    r"(?:\s(?:y\s(?:media|cuarto)|de la (?:manana|tarde|noche)))?",
    r"\btipo\s\d{1,2}\b(?!\s(?:de\s)?(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    r"|septiembre|octubre|noviembre|diciembre))",
    # ages, distances, sizes, percentages
    r"\b\d{1,2}\s?(?:anos|ano|anitos|meses|mes|mesecitos)\b",
    r"\b\d+\s?(?:km|kms|kilometros|metros|mts|m2|cuadras|%|por ciento|minutos|min)\b",
    # times of day and greetings holding date words
    r"\b(?:a|de|por|en|a eso de)\s(?:la|las)\s(?:manana|tarde|noche|madrugada|siesta)s?\b",
    r"\bal mediodia\b",
    r"\bbuen(?:as|os|a)?\s(?:noches|dias|dia|tardes|finde|fin de semana)\b",
    r"\b(?:lindo|feliz|excelente)\s(?:finde|fin de semana|dia|ano)\b",
    WISHES,  # "felices fiestas", "feliz navidad", "que tengas buen finde largo"
    # small talk about today and a weekday said of any week: "qué calor que hace hoy",
    # "disculpá que moleste un domingo"
    r"\b(?:frio|calor|sol|dia|amanecer|lluvia|viento|tiempo)\s(?:(?:que|hace|hermos[oa]|"
    r"lind[oa]|fe[oa]|terrible|tremendo|salio|tenemos|esta)\s){0,3}(?:hoy|ahora)\b",
    r"\b(?:un|cualquier)\s(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b",
    # vehicles: "lugar para 2 autos"
    r"\b\d{1,2}\s" + VEHICLE + r"\b",
    # the day of a payment, not of the stay: "te paso la seña hoy", "la transferencia mañana"
    r"\b(?:(?:te|les)\s(?:transfiero|deposito|pago|abono|mando|paso|giro)(?:\sla sena|\sel "
    r"adelanto|\sla plata)?|(?:la|de la) sena|el pago|la transferencia)\s(?:hoy|manana|"
    r"pasado manana|esta noche)\b",
    # ... or of one already made: "transferimos la seña el lunes", "pagué hoy"
    r"\b(?:pague|pagamos|transferi|transferimos|deposite|depositamos|abone|abonamos|sene|"
    r"senamos|hice|hicimos|mande|mandamos|envie|enviamos)(?:\s(?:la|el)\s(?:sena|transferencia|"
    r"deposito|pago|plata|adelanto|comprobante))?\s(?:el\s)?(?:hoy|lunes|martes|miercoles|"
    r"jueves|viernes|sabado|domingo)\b",
    # not a party: "lo charlo con mi marido", "lo vemos con los chicos"
    PUTTING_OFF,
)
#: The patterns that start at a word boundary share one, so that the engine can skip each on
#: its first letter (a "\\b…|\\b…" alternation tries every branch at every position).
_AT_WORD = [p.removeprefix(r"\b") for p in _PATTERNS if p.startswith(r"\b")]
_NOISE = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in _AT_WORD) + ")|"
                    + "|".join(f"(?:{p})" for p in _PATTERNS if not p.startswith(r"\b")))


def mask_noise(text: str) -> str:
    """``text`` (normalised) with phones, prices, hours, ages, times of day and greetings
    replaced by ``~`` so that no grammar reads them as dates or people."""
    return _NOISE.sub(MASK, _PHONE.sub(_phone, text))


def _phone(match: re.Match[str]) -> str:
    """A phone number has 8 digits or more and is not a day-month-year date."""
    found = match[0]
    if sum(ch.isdigit() for ch in found) < 8 or _NUMERIC_DATE.fullmatch(found.strip()):
        return found
    return MASK
