"""Date mentions: the pieces a stay is built from, found in masked, normalised text.

One regular expression scans the text left to right and yields, in order, each
``Mention``: a day ("el 15", "15 de enero", "15/12", "sábado 15"), a weekday ("el viernes",
"el próximo jueves"), a relative day ("hoy", "mañana", "pasado mañana", "esta noche"), a
weekend ("este finde", "el finde largo"), a named holiday ("carnaval", "Semana Santa",
"navidad", "año nuevo"), a length ("3 noches", "una semana"), a month on its own ("en
enero") and the vague ranges that cannot be quoted ("la semana que viene", "la primera
quincena de marzo", "a fin de mes"). A day or month followed by "del año que viene" (or
"el año próximo", "del próximo año") is marked as in the year after today's.
A verb said right after a day gives it its role when the words before it do not ("el 19
entramos y el 22 salimos de enero"). ``posada.nlu.stay`` puts them together.

A bare number is a day only after a date word ("el", "del", "al", "hasta", "entrada", …) or
in front of a range ("15 al 18"), and never before a unit ("4 personas", "3 noches").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

from posada.nlu.text import MONTHS, WEEKDAYS


class Kind(Enum):
    DAY = "day"
    WEEKDAY = "weekday"
    RELATIVE = "relative"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    LENGTH = "length"
    MONTH = "month"
    VAGUE = "vague"


class Role(Enum):
    START = "start"
    END = "end"
    LIST = "list"  # one more night in a list: "el 11, 12 y 13"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Mention:
    """One date phrase: ``start``/``end`` are offsets in the text, ``role`` comes from the
    words before it ("del" → start, "al"/"salida" → end).

    Fields by kind: DAY uses ``day`` (1–31), ``month`` (1–12 or None), ``year`` (or None)
    and ``weekday`` (0 = Monday, or None), and ``next_year`` when "del año que viene" follows
    it (as MONTH does); WEEKDAY uses ``weekday`` and ``modifier``
    ("next", "other", "next_week" or ""); RELATIVE uses ``offset`` (days from today, and
    ``nights`` 1 for "esta noche"); WEEKEND uses ``modifier`` and ``long``; HOLIDAY uses
    ``name``; LENGTH uses ``nights``; MONTH uses ``month``; VAGUE uses ``name``.
    """

    kind: Kind
    start: int
    end: int
    role: Role = Role.NONE
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    offset: int = 0
    nights: int | None = None
    modifier: str = ""
    long: bool = False
    name: str = ""
    next_year: bool = False


_POINTS = frozenset({Kind.DAY, Kind.WEEKDAY, Kind.RELATIVE})
_MONTH = "|".join(MONTHS)
_ABBR = "ene|feb|mar|abr|may|jun|jul|ago|sep|sept|set|oct|nov|dic"
_WD = "|".join(WEEKDAYS)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_UNITS = (
    r"noches?|dias?|semanas?|personas?|pax|p\b|adultos?|mayores|menores|nen[ea]s?|nin[oa]s?|"
    r"chic[oa]s?|hij[oa]s?|beb[ea]s?|bebit[oa]s?|huespedes|pasajeros|amig[oa]s?|parejas?|"
    r"matrimonios?|familias?|perr[oa]s?|gat[oa]s?|mascotas?|camas?|habitacion(?:es)?|"
    r"ambientes|banos?|dormitorios?|caban[ai]tas?|cabanas?|plazas|lugares|integrantes|"
    r"estrellas|autos?"
)
_HOLIDAYS = (
    r"semana santa|pascuas?|carnaval(?:es)?|navidad|nochebuena|ano nuevo|fin de ano|"
    r"reveillon|las fiestas|fiestas"
)
_VAGUE = (
    r"(?:la |esta |)semana que viene|(?:la |)proxima semana|esta semana|"
    r"(?:la |)(?:primer[ao]?|segund[ao]|1|2|ultim[ao]|tercer[ao]?|3|cuart[ao]|4)\s"
    r"(?:quincena|semana|finde|fin de semana)(?:\s(?:de|del)\s(?:" + _MONTH + r"|mes))?|"
    r"quincenas?|fin(?:es)? de mes|principios? de|mediados de|fin(?:es)? de (?:" + _MONTH + r")|"
    r"vacaciones(?: de (?:invierno|verano))?|veran(?:o|ito)|invierno|otono|primavera|"
    r"temporada(?: alta| baja)?|algun(?:a|os|as)? (?:dia|fecha|finde|fin de semana|noches?)s?|"
    r"un finde|un fin de semana|un par de dias|"
    r"estos dias|proximos dias|mas adelante|algun momento|mes que viene|proximo mes"
)
_SCAN = re.compile(
    rf"(?P<dmy>\b(?:(?P<a_wd>{_WD})\s)?(?P<a_d>{_DAY})\s?/\s?(?P<a_m>0?[1-9]|1[0-2])"
    rf"(?:/(?P<a_y>\d{{4}}|\d{{2}}))?\b"
    rf"|\b(?:(?P<b_wd>{_WD})\s)?(?P<b_d>{_DAY})[-.](?P<b_m>0?[1-9]|1[0-2])"
    rf"(?:[-.](?P<b_y>\d{{4}}|\d{{2}}))?\b(?!\s?(?:de\s)?(?:{_MONTH}))(?!\.\d))"
    rf"|(?P<dm>\b(?:(?P<c_wd>{_WD})\s)?(?P<c_d>{_DAY})\s(?:de\s|del\s(?:mes\sde\s)?)?"
    rf"(?P<c_m>{_MONTH}|(?:{_ABBR})\b\.?)(?:\s(?:de\s|del\s)?(?P<c_y>20\d\d))?)"
    rf"|(?P<len>\b(?P<l_n>\d{{1,2}}|una|un|1)\s(?P<l_u>noches?|dias|semanas?|semanitas?|"
    rf"quincenas?)\b|\bun par de (?P<l_par>noches|dias)\b|\b(?P<l_one>la noche)"
    rf"(?=\s(?:del?|el)\s)|\b(?P<l_sola>una|1)(?: sola)? noche\b)"
    rf"|(?P<wdd>\b(?P<d_wd>{_WD})\s(?P<d_d>{_DAY})\b(?!\s(?:{_UNITS})\b))"
    rf"|(?P<rel>\bpasado\s+manana\b|\bmanana\b|\bhoy\b|\besta\s(?:misma\s)?noche\b)"
    rf"|(?P<we>\b(?:(?P<w_pre>este|el proximo|proximo|el otro|otro)\s)?"
    rf"(?:finde|fin de semana|feriado)(?P<w_long>\slargo)?"
    rf"(?:\s(?P<w_post>que viene|proximo|siguiente|largo))?\b)"
    rf"|(?P<hol>\b(?:{_HOLIDAYS})\b)"
    rf"|(?P<vague>\b(?:{_VAGUE})\b)"
    rf"|(?P<wd>\b(?:(?P<e_pre>este|el proximo|proximo|el otro|otro)\s)?(?P<e_wd>{_WD})"
    rf"(?:\s(?P<e_post>que viene|proximo|siguiente|de la semana que viene"
    rf"|de la proxima semana))?\b)"
    rf"|(?P<month>\b(?:{_MONTH})\b)"
    rf"|(?P<bare>\b{_DAY}\b)"
)
_FILLER = r"(?:\s(?:el|la|los|del|al|dia|mismo|seria|tipo))*\s?$"
#: Words that say the day after them is the stay's last ("hasta el 8", "salimos el 8", "nos
#: vamos el 8"); the slots of a heard request read them so too (``posada.nlu.slots``).
LEAVING_WORDS = (
    "hasta", "salida", "salimos", "salgo", "salir", "saldriamos", "nos vamos", "me voy", "se van",
    "nos iriamos", "egreso", "partida", "vuelta", "volvemos", "volver", "regreso", "regresamos",
    "retiro", "retiramos", "retirandonos", "dejamos", "irnos", "irme", "saliendo", "partiendo",
    "volviendo", "yendonos", "regresando", "volvernos", "volveriamos", "nos iremos", "volverme",
    "me vuelvo", "volveria", "regresar", "regresarme",
)
_END_TAIL = re.compile(
    r"(?:\b(?:al|" + "|".join(LEAVING_WORDS) + r"|iriamos el|out|checkout|a)\b|-|–)" + _FILLER
)
_START_TAIL = re.compile(
    r"\b(?:del|desde|entrada|llegada|llegamos|llego|llegaria|llegariamos|llegando|ingreso|"
    r"ingresamos|ingresaria|ingresariamos|entramos|entraria|entrando|in|checkin|partir|de|"
    r"arrancando|empezando|vamos|voy|iriamos|iria)" + _FILLER
)
#: Between two days of a list or a range ("11 12 y 13", "15, 16", "15 al 18", "15-18").
_CHAIN = re.compile(r"\s?(?:,|y|e|a|al|-|–|hasta|y el|, el|y hasta el|hasta el)?\s?")
_BETWEEN = re.compile(r"\bentre(?: el| los dias| el dia)?\s?$")
_LIST_GAP = re.compile(r"\s?(?:,|y|e|y el|, el)?\s?")
_DAY_CUE = re.compile(
    r"(?:\b(?:el|del|al|hasta|desde|entre|dia|dias|entrada|salida|ingreso|egreso|llegada|"
    r"partida|vuelta|in|out|checkin|checkout|a partir)|-)\s?$"
)
_RANGE_AHEAD = re.compile(rf"\s?(?:al|a|-|y|hasta(?: el)?)\s?(?:el\s)?{_DAY}\b(?!\s(?:{_UNITS})\b)")
_UNIT_AHEAD = re.compile(rf"\s(?:{_UNITS})\b|\s?\+")
#: The year after today's, said right after a date: "… de diciembre del año que viene", "…
#: el año próximo", "…, del próximo año" (a comma only before "del": "…, el año que viene
#: volvemos" may be another clause).
_NEXT_YEAR = re.compile(
    r"(?:,?\sdel|\sel)\s(?:ano que viene|ano proximo|proximo ano|ano siguiente)\b"
)
#: A verb right after a day that tells what the day is ("el 19 entramos", "y el 22 salimos"),
#: and a month said after it ("el 22 salimos de enero").
_SAID_AFTER = re.compile(
    r"(?P<verb>\s(?:(?P<arriving>entramos|entrariamos|entro|llegamos|llegariamos|llego|"
    r"ingresamos|ingresariamos)|(?P<leaving>salimos|saldriamos|salgo|nos vamos|nos iriamos|"
    r"me voy|dejamos|volvemos|nos volvemos|regresamos)))\b"
    rf"(?:\sde\s(?P<month>{_MONTH})\b)?"
)
#: What ends the clause of a leaving verb that ends a stay ("y el 22 salimos.", "… salimos
#: de enero, somos 2"; not "el 12 salimos de excursión", "el 11 me voy a Bariloche").
_CLAUSE_END = re.compile(r"\s*(?:[.,;:?!]|$)")
_LENGTH_UNITS = {"noche": 1, "noches": 1, "dias": 1, "semana": 7, "semanas": 7,
                 "semanita": 7, "semanitas": 7, "quincena": 15, "quincenas": 15}
_MODIFIERS = {"que viene": "next", "proximo": "next", "el proximo": "next",
              "siguiente": "other", "el otro": "other", "otro": "other", "este": "",
              "de la semana que viene": "next_week", "de la proxima semana": "next_week"}


def scan(text: str) -> list[Mention]:
    """Every date mention in ``text`` (normalised and masked), in order of appearance."""
    found: list[Mention] = []
    for match in _SCAN.finditer(text):
        mention = _mention(match, text, found)
        previous = found[-1] if found else None
        if mention is None or (previous is not None and mention.start < previous.end):
            continue  # the month of "el 22 salimos de enero" is the day's
        lead = text[previous.end if previous else 0 : mention.start]
        mention = _with_verb_after(_with_role(mention, lead, previous), text, previous)
        found.append(_with_year(mention, text))
    return found


def _month(word: str | None) -> int | None:
    if word is None:
        return None
    word = word.rstrip(".")
    for number, name in enumerate(MONTHS, start=1):
        if name.startswith(word if len(word) > 3 else word[:3]) or (
            word == "set" and number == 9
        ):
            return number
    return None


def _weekday(word: str | None) -> int | None:
    return WEEKDAYS.index(word) if word else None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _mention(m: re.Match[str], text: str, found: list[Mention]) -> Mention | None:
    kind = m.lastgroup
    start, end = m.start(), m.end()
    if kind == "dmy":
        p = "a" if m["a_d"] else "b"
        return Mention(Kind.DAY, start, end, day=int(m[f"{p}_d"]), month=int(m[f"{p}_m"]),
                       year=_year(m[f"{p}_y"]), weekday=_weekday(m[f"{p}_wd"]))
    if kind == "dm":
        return Mention(Kind.DAY, start, end, day=int(m["c_d"]), month=_month(m["c_m"]),
                       year=_year(m["c_y"]), weekday=_weekday(m["c_wd"]))
    if kind == "len":
        return Mention(Kind.LENGTH, start, end, nights=_length(m))
    if kind == "wdd":
        return Mention(Kind.DAY, start, end, day=int(m["d_d"]), weekday=_weekday(m["d_wd"]))
    if kind == "rel":
        word = m[0]
        offset = 2 if word.startswith("pasado") else 1 if word == "manana" else 0
        return Mention(Kind.RELATIVE, start, end, offset=offset,
                       nights=1 if word.endswith("noche") else None)
    if kind == "we":
        modifier = _MODIFIERS.get(m["w_pre"] or m["w_post"] or "", "")
        long = bool(m["w_long"]) or m["w_post"] == "largo" or "feriado" in m[0]
        return Mention(Kind.WEEKEND, start, end, modifier=modifier, long=long)
    if kind == "hol":
        return Mention(Kind.HOLIDAY, start, end, name=m[0])
    if kind == "vague":
        return Mention(Kind.VAGUE, start, end, name=m[0])
    if kind == "wd":
        modifier = _MODIFIERS.get(m["e_pre"] or m["e_post"] or "", "")
        return Mention(Kind.WEEKDAY, start, end, weekday=_weekday(m["e_wd"]), modifier=modifier)
    if kind == "month":
        return Mention(Kind.MONTH, start, end, month=_month(m[0]))
    return _bare_day(m, text, found)


def _length(m: re.Match[str]) -> int:
    if m["l_par"]:
        return 2
    if m["l_one"] or m["l_sola"]:
        return 1
    count = 1 if m["l_n"] in ("un", "una") else int(m["l_n"])
    return count * _LENGTH_UNITS[m["l_u"]]


def _bare_day(m: re.Match[str], text: str, found: list[Mention]) -> Mention | None:
    """A number standing alone is a day after a date word, right after another day ("11 12
    y 13", "15 al 18"), or when a range follows it ("15 al 18"); never before a unit."""
    before, after = text[: m.start()], text[m.end() :]
    if _UNIT_AHEAD.match(after):
        return None
    chained = bool(found) and found[-1].kind in (Kind.DAY, Kind.WEEKDAY) and bool(
        _CHAIN.fullmatch(text[found[-1].end : m.start()])
    )
    if not (chained or _DAY_CUE.search(before[-12:]) or _RANGE_AHEAD.match(after)):
        return None
    return Mention(Kind.DAY, m.start(), m.end(), day=int(m[0]))


def _with_year(mention: Mention, text: str) -> Mention:
    """``mention`` taking in a "del año que viene" right after it, when it names a month
    ("14 de diciembre del año que viene", "14/12 del próximo año") and no year."""
    if mention.month is None or mention.year is not None:
        return mention
    said = _NEXT_YEAR.match(text, mention.end)
    return replace(mention, next_year=True, end=said.end()) if said else mention


def _with_verb_after(mention: Mention, text: str, previous: Mention | None) -> Mention:
    """The role a verb right after a day gives it when the words before it gave none: "el
    19 entramos" starts; "y el 22 salimos", "el 22 nos vamos" end after a start only, and
    only ending the clause ("el 20, 21 y 22 nos vamos", a lone "el 20 nos vamos" and "el 12
    salimos de excursión" are going away, not leaving the cabin).
    A leaving verb, and a month said after it ("el 22 salimos de enero"), join the
    mention."""
    said = _SAID_AFTER.match(text, mention.end) if mention.kind in _POINTS else None
    if said is None:
        return mention
    if said["arriving"] and mention.role is Role.NONE:
        role = Role.START
    elif said["leaving"] and mention.role in (Role.NONE, Role.LIST) and (
            previous is not None and previous.role is Role.START) and _CLAUSE_END.match(
                text, said.end()):
        role = Role.END
    else:
        return mention
    if said["month"] and mention.kind is Kind.DAY and mention.month is None:
        return replace(mention, role=role, month=_month(said["month"]), end=said.end())
    if role is Role.START and _CLAUSE_END.match(text, said.end("verb")):
        return replace(mention, role=role)  # "el 8 llegamos, el 9 dejamos el auto": no list
    return replace(mention, role=role, end=said.end("verb"))


def _with_role(mention: Mention, lead: str, previous: Mention | None) -> Mention:
    """The role the words just before ``mention`` give it: "del"/"desde"/"entrada" start,
    "al"/"hasta"/"salida"/"a"/"-" end; right after another day, "y" or "," add a night to a
    list ("el 11, 12 y 13"), except after "entre" ("entre el 26 y el 30" is a range)."""
    if mention.kind not in _POINTS:
        return mention
    tail = lead[-24:]
    if _BETWEEN.search(tail):
        return replace(mention, role=Role.START, modifier="between")
    if previous is not None and previous.kind in _POINTS and _LIST_GAP.fullmatch(lead):
        between = previous.modifier == "between"
        return replace(mention, role=Role.END if between else Role.LIST)
    if _END_TAIL.search(tail):
        return replace(mention, role=Role.END)
    if _START_TAIL.search(tail):
        return replace(mention, role=Role.START)
    return mention
