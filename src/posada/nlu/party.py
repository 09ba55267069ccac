"""The party: how many people travel (pets noted, never counted).

Read from masked, normalised text (ages, prices and hours are already ``~``): a stated total
("somos 4", "para cuatro", "vamos 5", "4 personas", "4 pax", "diez en total"), a breakdown ("2
adultos y 2 nenes", "3 adultos más 2 menores", "somos 4 y un bebé"), couples ("una pareja",
"dos matrimonios"), companions ("con mi señora" = 2 with the speaker; "voy con 3 amigos" = 4;
"voy con mi hermana y 2 amigas" = 4), families ("dos familias de cuatro" = 8), travelling alone
("yo solo", "voy sola"). "para 4 o 5" is 5 with both counts kept. Children and infants said
after a total with "y"/"más"/"+"/"con" are added to it ("somos 4 y un bebé" = 5); otherwise the
total holds them. No number is ever invented: "somos varios" is a vague party.
"""

from __future__ import annotations

import re

from posada.nlu.model import Party

_N = r"(?:\d{1,2}|un|una|uno)"
_NOT_PEOPLE = (
    r"(?!(?:\s?(?:o|a|y|/|-)\s?\d{1,2})?\s?(?:noches?|dias?|semanas?|meses|parejas?|"
    r"matrimonios?|familias?|de la|/|-\s?\d|~|hs\b|horas?|de\s))"
)
_ADULT = r"adult[oa]s?|mayores|grandes"
_CHILD = (
    r"nen[ea]s?|nenit[oa]s?|nin[oa]s?|chic[oa]s?|chiquit[oa]s?|menores|hij[oa]s?|pibes?|"
    r"nietos?|nietas?|sobrin[oa]s?|peques?|menor|adolescentes?"
)
_INFANT = r"beb[ea]s?|bebit[oa]s?|bb"
_PERSON = (
    r"personas?|pax|p|huespedes|pasajer[oa]s?|integrantes|amig[oa]s?|chicas|"
    r"viajer[oa]s?|adult[oa]s?|mayores|lugares|plazas"
)
#: Who a bare "N en total" can count, said right before it ("un grupo de amigas, 10 en
#: total"; not "2 noches, 2 en total", "¿6 en total?", "2 perros, 3 en total").
_PEOPLE = (r"amig[oa]s|personas|adult[oa]s|familias?|grupo|chic[oa]s|nen[ea]s|hij[oa]s|"
           r"prim[oa]s|herman[oa]s|companer[oa]s|parejas|menores|mayores|nosotros|nosotras|"
           r"yo")
_TOTAL = re.compile(
    rf"\b(?:somos|seriamos|seremos|vamos|iriamos|iremos|viajamos|viajariamos|estamos|seran|"
    rf"serian|son|para|x|total|vamos a ser|van a ser|nosotros|nosotras|quedariamos|"
    rf"estariamos|seriamos en total)\s(?:en total\s|unos\s|unas\s|como\s|aprox\s|solo\s)?"
    rf"(?P<n>\d{{1,2}}|uno)(?:\s?(?:o|/|a)\s?(?P<m>\d{{1,2}}))?\b{_NOT_PEOPLE}"
    rf"|\b(?P<n2>\d{{1,2}})(?:\s?(?:o|/|a)\s?(?P<m2>\d{{1,2}}))?\s(?:{_PERSON})\b"
    rf"|\bentre\s(?P<n3>\d{{1,2}})\sy\s(?P<m3>\d{{1,2}})\s(?:{_PERSON})\b"
    rf"|\b(?:familia|grupo)\sde\s(?P<n4>\d{{1,2}})\b"
    rf"|\b(?:{_PEOPLE})\b[^.?!\d]{{0,20}},\s(?P<n6>\d{{1,2}})\sen total\b(?!\s?\?)"
    rf"|\b(?P<n5>\d{{1,2}})\s?(?:\+|y|mas)\s?(?:(?:un|una|1|mi|mis|el|la|los|las|2)\s)?"
    rf"(?:perr|gat|mascota|cachorr)"
)
_ADULTS = re.compile(rf"\b(?P<n>{_N})\s(?:{_ADULT})\b")
_CHILDREN = re.compile(rf"\b(?P<n>{_N})\s(?:{_CHILD})\b")
_INFANTS = re.compile(rf"\b(?P<n>{_N})\s(?:{_INFANT})\b")
_COUPLES = re.compile(r"\b(?P<n>\d{1,2}|una|un|dos)\s(?:parejas?|matrimonios?)\b")
_SPOUSE = r"senora|esposa|mujer|marido|esposo|novia|novio|pareja"
#: One person each: a partner or a relative or friend.
_COMPANION = (
    _SPOUSE + r"|companer[oa]|hermano|hermana|mama|papa|madre|padre|amig[oa]|hij[oa]|"
    r"suegr[oa]|prim[oa]|ti[oa]|cunad[oa]|nieto|nieta"
)
_PARTNER = re.compile(
    rf"\b(?:con|y)\s(?:mi|la|el|su)\s(?:{_COMPANION}|vieja|viejo|nen[ea]|flaca|flaco|jermu|"
    rf"gorda|gordo)\b|\b(?:mi|la)\s(?:{_SPOUSE})\sy\s(?:yo|para mi)\b"
    rf"|\bpara mi y (?:mi|la) \w+|\b(?:con|y)\smi\ssenor\b"
)
#: "mi señora, mis 2 hijos y yo": each "mi …" (or "su …": "mi hermano, su novia") counts when
#: the speaker says "yo" beside them.
_ME_TOO = re.compile(r"\b(?:y yo|yo y|yo,|yo con|conmigo)\b")
_MY = re.compile(rf"\b(?:mi|su)\s(?:{_COMPANION}|viejo|vieja)\b"
                 r"|\bmis\s(?P<two>viejos|padres|suegros)\b"
                 r"|\bmis\s(?P<n>\d{1,2})\s(?:suegr[oa]s|abuel[oa]s|ti[oa]s|cunad[oa]s)\b"
                 r"(?!\s(?:con|y)\ssus\b)")
_THE_BABY = re.compile(r"\b(?:el|la|mi|nuestro|nuestra)\s(?:beb[ea]|bebit[oa])\b")
_GROUP_OF = re.compile(
    r"\b(?:con|y)\smis\s(?P<n>\d{1,2})\s(?:amig[oa]s?|herman[oa]s?|primos?|primas?)\b"
    r"|\b(?:con|y)\smis\s(?P<two>viejos|padres|suegros)\b"
)
#: Friends or relatives counted beside the speaker: "voy con 3 amigos", "para mí y 3 amigas",
#: "yo y mis 2 primos", "3 amigos y yo" are each the count plus one; with a partner or
#: relative said first ("voy con mi hermana y 2 amigas") that one counts too, as a partner.
_FRIENDS = r"amig[oa]s?|prim[oa]s?|herman[oa]s?|companer[oa]s?"
_BESIDE_ME = re.compile(
    rf"\b(?:con|yo y|mi y)\s(?:(?:mi|la|el)\s(?:{_COMPANION})\s(?:y|e)\s)?(?:mis\s)?"
    rf"(?P<n>\d{{1,2}})\s(?:{_FRIENDS})\b"
    rf"|\b(?P<m>\d{{1,2}})\s(?:{_FRIENDS})\s(?:y|e)\syo\b"
)
#: "dos familias de cuatro": families times their size.
_FAMILIES = re.compile(r"\b(?P<f>\d)\sfamilias\sde\s(?P<n>\d{1,2})\b")
_ALONE = re.compile(
    r"\b(?:yo sol[oa]|sol[oa] yo|voy sol[oa]|viajo sol[oa]|vengo sol[oa]|ire sol[oa]|"
    r"iria sol[oa]|estaria sol[oa]|para mi sol[oa]|seria sol[oa]|sol[oa] para mi|"
    r"solamente para mi|unicamente para mi|"
    r"una sola persona|para uno|para una persona|somos uno)\b"
)
#: The speaker alone with the children counted ("voy con mis 3 hijos").
_ME_WITH_KIDS = re.compile(r"\b(?:voy|viajo|vengo|iria|ire|estaria)\s(?:sol[oa]\s)?con\s"
                           rf"(?:mis|mi)\s(?:\d{{1,2}}\s)?(?:{_CHILD}|{_INFANT})\b"
                           r"(?!\s(?:y|con)\ssus\b)")
_INCLUSIVE = re.compile(r"\b(?:contando|incluid[oa]s|incluyendo|de los cuales|entre ell[oa]s)\b")
_ADDITIVE = re.compile(r"(?:\b(?:y|mas|con|e)|\+)\s?$")
_PETS = re.compile(
    r"\b(?:perr[oa]s?|perrit[oa]s?|perrhij[oa]s?|gat[oa]s?|gatit[oa]s?|mascotas?|pichichos?|"
    r"cachorr[oa]s?|caniche|pet friendly)\b"
)
_VAGUE = re.compile(
    r"\b(?:somos varios|somos muchos|varias personas|unos amigos|unas amigas|con amig[oa]s|"
    r"una familia|en familia|un grupo|con la familia|con mi familia|con los chicos|"
    r"con los nenes|con mis hijos|con los pibes|la familia|toda la familia|un contingente|"
    r"grupo grande|varios|\d+ familias|familias|amigos)\b"
)


def read_party(text: str) -> Party:
    """The party in ``text`` (normalised and masked).

    Returns:
        A ``Party``: ``guests`` is ``None`` when no number is given (``vague`` when the party
        is mentioned anyway), ``adults``/``children``/``infants`` only when the message
        breaks the party down, ``pets`` when an animal is mentioned.
    """
    pets = bool(_PETS.search(text))
    alone = _ALONE.search(text)
    total, alternatives, total_start, total_end = _stated_total(text)
    families = _FAMILIES.search(text)
    if families:
        total = max(total or 0, int(families["f"]) * int(families["n"]))
        if total_end < 0:  # the families are the total stated
            total_start, total_end = families.start(), families.end()
    adults = _sum(_ADULTS, text)
    children, added_children = _kind(_CHILDREN, text, total_end)
    infants, added_infants = _kind(_INFANTS, text, total_end)
    said_couples = [(m.end(), _count(m["n"]) * 2) for m in _COUPLES.finditer(text)]
    couples = sum(people for _, people in said_couples)
    companions = len(_PARTNER.findall(text)) + sum(
        int(m["n"]) if m["n"] else 2 for m in _GROUP_OF.finditer(text)
    )
    if _ME_TOO.search(text):  # "mi hermano, su novia, mi mujer y yo": each one counts
        said = {m[0]: 2 if m["two"] else int(m["n"] or 1) for m in _MY.finditer(text)}
        companions = max(companions, sum(said.values()))  # "mi marido" said twice is one
    if infants is None and _THE_BABY.search(text):
        infants, added_infants = 1, 1
    kids = (children or 0) + (infants or 0)
    breakdown = children is not None or infants is not None
    beside = [int(m["n"] or m["m"]) for m in _BESIDE_ME.finditer(text)]
    partners = len(_PARTNER.findall(text))

    guests: int | None
    if adults is not None or (couples and breakdown):
        adults = (adults or 0) + couples
        guests = adults + kids
        if total is not None and total > guests:
            guests = total
    elif total is not None:
        guests = total
        if beside and not couples:  # the speaker, and a partner said ("mi novia y yo con …")
            guests = max(guests, sum(beside) + 1 + partners)
        before = sum(people for end, people in said_couples if end <= total_start)
        if before and _ADDITIVE.search(text[:total_start]):
            guests += before  # "una pareja y 2 amigos"; not "…, y seríamos 10, 5 matrimonios"
        if not _INCLUSIVE.search(text):
            guests += (added_children or 0) + (added_infants or 0)
        guests = max(guests, kids)
    elif beside and not couples:  # "voy con mi mamá y 2 hermanos": no total said
        grown = sum(beside) + 1 + partners
        guests = grown + kids
        adults = grown if breakdown else None
    elif couples or companions:
        grown = couples + companions + (0 if couples else 1)
        guests = grown + kids
        adults = grown if breakdown else None
    elif alone is not None or (kids and _ME_WITH_KIDS.search(text)):
        guests = 1 + kids  # "voy sola con mi nena", "voy con mis 3 hijos"
    else:
        guests = None
    if guests is not None and not 0 < guests <= 99:
        guests = None
    return Party(
        guests=guests,
        adults=adults if breakdown or adults else None,
        children=children,
        infants=infants,
        pets=pets,
        vague=guests is None and bool(_VAGUE.search(text) or breakdown),
        alternatives=alternatives,
    )


def _count(word: str) -> int:
    return 1 if word in ("un", "una", "uno") else 2 if word == "dos" else int(word)


def _stated_total(text: str) -> tuple[int | None, tuple[int, ...], int, int]:
    """The largest total stated, every count offered for it, and where the first statement
    starts and ends (-1 without one)."""
    best: int | None = None
    offered: list[int] = []
    start = end = -1
    for match in _TOTAL.finditer(text):
        low = next(g for g in match.group("n", "n2", "n3", "n4", "n5", "n6") if g is not None)
        high = match["m"] or match["m2"] or match["m3"]
        counts = [_count(low)] + ([int(high)] if high else [])
        if high:
            offered = counts
        best = max([*counts, best or 0])
        if end < 0:
            start, end = match.start(), match.end()
    alternatives = tuple(offered) if len(offered) > 1 else ()
    return best, alternatives, start, end


def _sum(pattern: re.Pattern[str], text: str) -> int | None:
    counts = [_count(m["n"]) for m in pattern.finditer(text)]
    return sum(counts) if counts else None


def _kind(pattern: re.Pattern[str], text: str, total_end: int) -> tuple[int | None, int | None]:
    """How many of one kind (children, infants), and how many of them are said as an
    addition right after a stated total ("somos 4 y un bebé")."""
    total = added = 0
    found = False
    for match in pattern.finditer(text):
        found = True
        count = _count(match["n"])
        total += count
        between = text[total_end : match.start("n")] if total_end >= 0 else ""
        if total_end >= 0 and match.start("n") >= total_end and _ADDITIVE.search(between) and (
            len(between) <= 12
        ):
            added += count
    return (total, added) if found else (None, None)
