"""The entry point: ``understand(text, today, tz)`` → ``Understanding``."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from posada.nlu.accommodation import find_accommodation
from posada.nlu.codes import find_code
from posada.nlu.intents import classify
from posada.nlu.masks import MASK, mask_noise
from posada.nlu.model import QUOTING, Intent, Missing, Party, Stay, Understanding
from posada.nlu.party import read_party
from posada.nlu.stay import read_stay
from posada.nlu.text import normalise

DEFAULT_TZ = "America/Argentina/Buenos_Aires"
_NOT_ABOUT_A_STAY = frozenset({Intent.OTHER, Intent.GREETING, Intent.THANKS})
_WEEKDAY_NAMES = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
_MONTH_NAMES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                "septiembre", "octubre", "noviembre", "diciembre")


def understand(text: str, today: date, tz: str = DEFAULT_TZ) -> Understanding:
    """Read one guest message.

    Args:
        text: the message as received (any Unicode, emojis, all caps, typos).
        today: the property's local date now; the caller reads the clock.
        tz: the property's IANA time zone (validated; dates are already local, and the
            holiday calendar is Argentina's national one).

    Returns:
        An ``Understanding``: intent (+ info topic), stay (local dates, check-out
        exclusive, never in the past, never inverted), party, booking code, accommodation,
        and the clarification to ask when a quote cannot be made yet.

    Raises:
        zoneinfo.ZoneInfoNotFoundError: ``tz`` is not an IANA zone name.
        ValueError: ``tz`` is not a valid zone key.
    """
    ZoneInfo(tz)
    code = find_code(text)
    if code is not None:
        text = text[: code.start] + MASK + text[code.end :]
    plain = normalise(text).text
    masked = mask_noise(plain)
    accommodation, masked = find_accommodation(masked)
    party = read_party(masked)
    stay = read_stay(masked, today)
    intent, topic = classify(
        plain,
        dates=stay.check_in is not None or stay.vague,
        full_stay=stay.complete,
        has_party=party.guests is not None,
        has_code=code is not None,
    )
    if intent in _NOT_ABOUT_A_STAY:
        stay = Stay()  # "¿cuánto está el dólar hoy?", "nos vemos mañana"
    missing = _missing(intent, stay, party)
    return Understanding(
        intent=intent,
        topic=topic,
        stay=stay,
        party=party,
        booking_code=code.code if code else None,
        accommodation=accommodation,
        what_is_missing=missing,
        question=_question(missing, stay) if missing else None,
    )


def _missing(intent: Intent, stay: Stay, party: Party) -> Missing | None:
    """The guide's clarification, first that applies, for intents that lead to a quote."""
    if intent not in QUOTING:
        return None
    if stay.check_in is None:
        return Missing.WHICH if stay.conflict and not stay.vague else Missing.DATES
    if stay.check_out is None:
        return Missing.CHECK_OUT
    if stay.conflict:
        return Missing.WHICH
    if party.guests is None and party.vague:
        return Missing.GUESTS
    return None


def _question(missing: Missing, stay: Stay) -> str:
    """The Spanish (rioplatense) question that asks for ``missing``."""
    if missing is Missing.DATES:
        return "¿Qué fechas serían? Decime el día de llegada y el de salida."
    if missing is Missing.CHECK_OUT:
        return f"¿Hasta qué día se quedarían? Llegarían el {_spoken(stay.check_in)}."
    if missing is Missing.WHICH:
        if stay.check_in is not None:
            return (f"¿Me confirmás la fecha? Entiendo el {_spoken(stay.check_in)}, "
                    "pero el día de la semana no coincide.")
        return "¿Me confirmás las fechas? La que me pasaste no existe o ya pasó."
    return "¿Cuántas personas serían en total, contando a los chicos?"


def _spoken(day: date | None) -> str:
    if day is None:
        return ""
    return f"{_WEEKDAY_NAMES[day.weekday()]} {day.day} de {_MONTH_NAMES[day.month - 1]}"
