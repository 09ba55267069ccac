"""What the bot says: rioplatense Spanish wording and the formatting of dates and money.

Dates are local ``date``s (check-out exclusive); instants are aware UTC ``datetime``s shown
in the property's IANA zone; money is ``Decimal`` in the given ISO 4217 currency.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from posada.conversation.model import HoldView, OfferView
from posada.domain.money import round_money

_WEEKDAYS = ("lun", "mar", "mié", "jue", "vie", "sáb", "dom")
_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre")

# --------------------------------------------------------------------------- formats


def money(amount: Decimal, currency: str = "ARS") -> str:
    """``$ 540.000`` (ARS: dot thousands, comma decimals only with cents);
    other currencies with their code: ``USD 1.250,50``."""
    rounded = round_money(amount)
    sign = "-" if rounded < 0 else ""
    whole, cents = f"{abs(rounded):.2f}".split(".")
    groups = f"{int(whole):,}".replace(",", ".")
    number = groups if cents == "00" else f"{groups},{cents}"
    symbol = "$" if currency.upper() == "ARS" else currency.upper()
    return f"{sign}{symbol} {number}"


def short_day(day: date) -> str:
    """``vie 15/12``."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day}/{day.month}"


def span(check_in: date, check_out: date) -> str:
    """``del 15 al 18 de diciembre`` or ``del 30 de diciembre al 2 de enero``."""
    if (check_in.year, check_in.month) == (check_out.year, check_out.month):
        return f"del {check_in.day} al {check_out.day} de {_MONTHS[check_out.month - 1]}"
    return (f"del {check_in.day} de {_MONTHS[check_in.month - 1]} al {check_out.day} de "
            f"{_MONTHS[check_out.month - 1]}")


def day_month(day: date) -> str:
    """``15 de diciembre``."""
    return f"{day.day} de {_MONTHS[day.month - 1]}"


def nights(n: int) -> str:
    return "1 noche" if n == 1 else f"{n} noches"


def people(n: int) -> str:
    return "1 persona" if n == 1 else f"{n} personas"


def expiry(instant: datetime, tz: str, today: date | None) -> str:
    """An aware instant in the property's zone: ``hoy a las 18:40``, ``mañana a las 09:05``
    or ``el vie 18/12 a las 18:40`` (``today`` is the local date the guest is on)."""
    local = instant.astimezone(ZoneInfo(tz))
    clock = f"{local:%H:%M}"
    if today is not None and local.date() == today:
        return f"hoy a las {clock}"
    if today is not None and (local.date() - today).days == 1:
        return f"mañana a las {clock}"
    return f"el {short_day(local.date())} a las {clock}"


def hold_expiry(hold: HoldView, tz: str, today: date | None) -> str | None:
    """When the hold lapses, in words, or ``None`` when unknown."""
    if hold.expires_at is not None:
        return expiry(hold.expires_at, tz, today)
    return hold.expires_local


# --------------------------------------------------------------------------- slot questions

ASK_DATES = "¿Qué fechas serían? Decime el día de llegada y el de salida."
ASK_GUESTS = "¿Para cuántas personas sería?"


def ask_check_out(check_in: date) -> str:
    return f"¿Hasta qué día se quedarían? Llegarían el {short_day(check_in)}."


def ask_start(n: int) -> str:
    return f"¿Desde qué día serían las {nights(n)}?"


# --------------------------------------------------------------------------- offers


def offers_body(check_in: date, check_out: date, guests: int, asked_taken: bool) -> str:
    """The ``Choice`` body over the offers; ``asked_taken``: the cabin the guest named is
    not among them."""
    head = "Esa cabaña no está libre, pero tengo esto" if asked_taken else "Tengo esto"
    return (f"{head} {span(check_in, check_out)} ({nights((check_out - check_in).days)}, "
            f"{people(guests)}). ¿Cuál te reservo?")


def offer_description(offer: OfferView) -> str:
    return (f"{money(offer.total, offer.currency)} en total · {nights(offer.nights)} · "
            f"hasta {people(offer.capacity)}")[:72]


def alternatives_body(n: int) -> str:
    return (f"Para esas fechas no me queda nada libre 😕. Estas son las más cercanas, "
            f"también de {nights(n)}:")


def alternative_title(check_in: date, check_out: date) -> str:
    return f"{short_day(check_in)} al {short_day(check_out)}"[:24]


NOTHING_FREE = ("Para esas fechas no me queda nada libre, ni en los días cercanos 😕. "
                "¿Probamos con otras fechas?")
STALE_OPTION = "Esa opción ya no está vigente. Te busco de nuevo."


def refusal(message: str) -> str:
    return f"{message.rstrip('. ')}. ¿Probamos con otras fechas?"


def chosen(offer: OfferView, check_in: date, check_out: date, guests: int) -> str:
    return (f"¡Buenísimo! La {offer.name} {span(check_in, check_out)}, {people(guests)}: "
            f"{money(offer.total, offer.currency)} en total.")


def named_free(offer: OfferView, check_in: date, check_out: date, guests: int,
               profile_name: str | None) -> str:
    """The cabin the guest asked for is free: its price and the name question in one."""
    ask = (f"¿Te la reservo a nombre de {profile_name}?" if profile_name
           else "¿Te la reservo? Decime a nombre de quién.")
    return (f"¡Sí! La {offer.name} está libre {span(check_in, check_out)}, {people(guests)}: "
            f"{money(offer.total, offer.currency)} en total.\n{ask}")


def ask_name(profile_name: str | None) -> str:
    return f"¿A nombre de {profile_name}?" if profile_name else ASK_WHO


ASK_WHO = "¿A nombre de quién hago la reserva?"
WHICH_ONE = "¿Cuál de las opciones? Decime el número o el nombre."
WIFI_KEY = "La clave del wifi te la damos al llegar, junto con las llaves 🔑."


def not_that_many(asked: int, shown: int) -> str:
    """"la 2" with fewer options on the table."""
    if shown == 1:
        return f"Ahora tengo una sola opción, no una {asked}.ª: ¿te sirve esta?"
    return f"Tengo {shown} opciones, no una {asked}.ª. ¿Cuál te reservo?"

# --------------------------------------------------------------------------- holds


def hold_placed(hold: HoldView, guest_name: str | None, tz: str, today: date | None,
                payment: str | None, cancellation: str | None = None) -> str:
    """The hold's summary: code, cabin, stay, guests, total, deposit, expiry, how to pay."""
    n = (hold.check_out - hold.check_in).days
    hello = f"¡Listo, {guest_name}!" if guest_name else "¡Listo!"
    lines = [
        f"{hello} Te guardé la {hold.accommodation_name} 🙌",
        f"Código: {hold.code}",
        f"{span(hold.check_in, hold.check_out).capitalize()} ({nights(n)}), "
        f"{people(hold.guests)}",
        f"Total: {money(hold.total, hold.currency)} · Seña: "
        f"{money(hold.deposit, hold.currency)}",
    ]
    when = hold_expiry(hold, tz, today)
    if when:
        lines.append(f"La pre-reserva vence {when}: con la seña queda confirmada.")
    if hold.payment_url:
        lines.append(f"Pagá la seña con Mercado Pago acá 👉 {hold.payment_url}")
    else:
        lines.append(payment.strip() if payment and payment.strip()
                     else "Te escribimos para coordinar el pago.")
    if cancellation:
        lines.append(cancellation)
    return "\n".join(lines)


NO_LINK = "No tenés pre-reservas pendientes de pago. ¿Querés que busque fechas?"


def payment_links(holds: tuple[HoldView, ...], payment: str | None) -> str:
    """The payment link of each live hold, asked again ("pasame el link de nuevo")."""
    lines = [f"Acá tenés el link para pagar la seña de {h.code} ({h.accommodation_name}, "
             f"{span(h.check_in, h.check_out)}) 👉 {h.payment_url}" for h in holds
             if h.payment_url]
    if not lines:
        return payment.strip() if payment and payment.strip() else (
            "Te escribimos para coordinar el pago de la seña.")
    return "\n".join(lines)


def hold_refused(code: str, message: str, name: str | None) -> str:
    if code == "unavailable":
        cabin = f"la {name}" if name else "esa cabaña"
        return f"Uy, {cabin} se acaba de ocupar para esas fechas 😕. Te busco qué queda libre."
    if code == "too_many_holds":
        return ("Ya tenés pre-reservas pendientes de pago. Pagá la seña o cancelá alguna antes "
                "de hacer otra; si querés verlas, escribime «mi reserva».")
    return f"{message.rstrip('. ')}. ¿Probamos con otra cabaña o con otras fechas?"


# --------------------------------------------------------------------------- reservations

_STATUS = {"confirmed": "confirmada ✅", "cancelled": "cancelada", "expired": "vencida",
           "completed": "completada"}


def status(hold: HoldView, tz: str, today: date | None) -> str:
    """A reservation's status in Spanish: ``pre-reserva vigente hasta hoy a las 18:40``."""
    if hold.status == "pre_reserved":
        when = hold_expiry(hold, tz, today)
        return f"pre-reserva vigente hasta {when}" if when else "pre-reserva pendiente de pago"
    return _STATUS.get(hold.status, hold.status)


def reservation_line(hold: HoldView, tz: str, today: date | None) -> str:
    return (f"• {hold.code} · {hold.accommodation_name} · {span(hold.check_in, hold.check_out)}"
            f", {people(hold.guests)}: {status(hold, tz, today)}")


def reservations(holds: tuple[HoldView, ...], tz: str, today: date | None) -> str:
    head = "Tu reserva:" if len(holds) == 1 else "Tus reservas:"
    return "\n".join([head, *(reservation_line(h, tz, today) for h in holds)])


NO_RESERVATIONS = "No encuentro reservas a tu nombre. ¿Querés que consulte fechas?"
NOTHING_TO_CANCEL = "No encuentro reservas activas a tu nombre para cancelar."
CANCEL_WHICH = "¿Cuál querés cancelar?"
CANCEL_KEPT = "Perfecto, no cancelo nada. ¿Te ayudo con algo más?"


def code_not_found(code: str) -> str:
    return f"No encuentro la reserva {code} a tu nombre. ¿Me pasás el código de nuevo?"


def cancel_option(hold: HoldView) -> tuple[str, str]:
    """(title ≤ 24, description ≤ 72) of a reservation offered for cancelling."""
    return (f"{hold.code} · {hold.accommodation_name}"[:24],
            f"{span(hold.check_in, hold.check_out)} · {_kind(hold)}"[:72])


def _kind(hold: HoldView) -> str:
    return "confirmada" if hold.status == "confirmed" else "pre-reserva"


def confirm_cancel(hold: HoldView) -> str:
    if hold.status == "confirmed":
        back = (f"te devolvemos {money(hold.refund_now, hold.currency)} de la seña"
                if hold.refund_now else "según la política de cancelación, la seña no se "
                "devuelve")
        return (f"¿Cancelo tu reserva confirmada {hold.code} de la {hold.accommodation_name}, "
                f"{span(hold.check_in, hold.check_out)}? Si cancelás ahora, {back}. (sí / no)")
    return (f"¿Cancelo la pre-reserva {hold.code} de la {hold.accommodation_name}, "
            f"{span(hold.check_in, hold.check_out)}? (sí / no)")


def confirmed_handoff(hold: HoldView) -> str:
    return (f"La reserva {hold.code} ya está confirmada, así que la cancelación (y la "
            "devolución) la ve el dueño. Ya le aviso y te escribe a la brevedad 🙏")


def cancel_done(hold: HoldView, refund: Decimal | None = None) -> str:
    if hold.status == "cancelled" and refund is not None:
        back = (f"Te devolvemos {money(refund, hold.currency)} de la seña por Mercado Pago "
                "(puede tardar unos días en verse)." if refund > 0
                else "Según la política de cancelación, la seña no se devuelve.")
        return (f"Listo, cancelé tu reserva {hold.code} "
                f"({span(hold.check_in, hold.check_out)}). {back}")
    return (f"Listo, cancelé la pre-reserva {hold.code} ({span(hold.check_in, hold.check_out)}"
            "). ¿Te ayudo con algo más?")


def cancel_refused(message: str) -> str:
    return (f"{message.rstrip('. ')}. Si querés, te paso con el dueño: escribime «hablar con "
            "una persona».")


# --------------------------------------------------------------------------- small talk


def welcome(property_name: str, profile_name: str | None) -> str:
    hello = f"¡Hola, {profile_name}! 👋" if profile_name else "¡Hola! 👋"
    return (f"{hello} Soy el asistente de {property_name}. Te paso disponibilidad y precios, "
            "te tomo una pre-reserva y te cuento cómo está tu reserva. "
            "¿Qué fechas buscás y para cuántas personas?")


THANKS = "¡De nada! Cualquier cosa, escribime 😊"
MENU = "Perdón, no te entendí del todo. ¿Te ayudo con alguna de estas?"
MENU_UNSUPPORTED = "Ese tipo de mensaje todavía no lo puedo leer. ¿Te ayudo con alguna de estas?"
AUDIO = "Todavía no puedo escuchar audios, ¿me lo escribís? 🙏"
AUDIO_UNSURE = "No te entendí bien el audio 🙈 ¿me lo escribís?"
AUDIO_UNREADABLE = ("No pude abrir ese audio 😕 ¿Me lo mandás de nuevo, o me lo escribís?")


def audio_too_long(limit_seconds: int) -> str:
    minutes, seconds = divmod(limit_seconds, 60)
    limit = f"{minutes} minuto{'s' if minutes != 1 else ''}" if not seconds and minutes else (
        f"{limit_seconds} segundos")
    return (f"Tu audio es un poco largo para mí (escucho hasta {limit}) 🙈 "
            "¿Me lo mandás más corto, o me lo escribís?")


def heard(what: str) -> str:
    """The echo that opens the answer to a voice note: ``Entendí: …``."""
    return f"🎙️ Entendí: {what}. Si no es así, corregime."
IMAGE = "Recibí la imagen, pero todavía no puedo verlas. ¿Me contás por escrito qué necesitás?"
LOCATION = ("¡Gracias por la ubicación! 📍 Si querés consultar fechas, decime cuándo y "
            "cuántos son.")
CONTACTS = "¡Gracias por el contacto! Si querés consultar fechas, decime cuándo y cuántos son."
HANDOFF = "Dale, le aviso al dueño y te escribe a la brevedad 🙌"
HANDOFF_LOST = ("Perdón, no te estoy entendiendo. Le paso tu consulta al dueño, que te "
                "escribe a la brevedad 🙌")
INFO_UNKNOWN = "No tengo ese dato, se lo pregunto al dueño y te aviso 🙌"


def info_unknown_owner(text: str) -> str:
    return f"Un huésped pregunta algo que no tengo cargado: «{text.strip()[:500]}»"


def with_map(answer: str | None, map_url: str | None) -> str:
    if answer and map_url:
        return f"{answer}\n📍 {map_url}"
    return answer or f"Estamos acá: 📍 {map_url}"
