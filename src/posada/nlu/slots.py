"""Where a heard booking request must hold a day, a month or the party, and what can be there.

A voice note's transcript can lose the very words a booking hangs on ("del catorce al mie
fin nueve femeo" for "del catorce al diecinueve de febrero", "para la voz" for "para dos"),
yet where they were is plain from the words around them: after "del … al", before "de" +
month, after "somos". ``slots`` finds those places and lists every day, month or party
size a booking request can say there; the speech model then tells which of them the guest
said (``posada.jobs.voice``), so the reading is checked against what a request can say
rather than guessed from spelling. Typed messages are never put through this.

Each slot is a span of the transcript (character offsets; an empty span where a day was not
heard at all) and its options, the texts that can replace it. ``heard_is_option`` says
whether the heard words compete too: after "somos"/"para" they do, since the guest may have
said no number there ("para esas fechas", "somos de Córdoba"); garbage where a day or a
month must be does not, because it is what the model found likeliest to begin with. A day
or month heard as one is no slot: scored against the others it was no surer (a breaking
pass saw "enero" become "septiembre").
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rapidfuzz.distance import OSA

from posada.nlu.dates import LEAVING_WORDS
from posada.nlu.party_slots import PARTIES, PARTY_VERBS, children_slots, party_slots
from posada.nlu.slot import Slot, Word, is_month, is_number, words_of
from posada.nlu.spoken import NUMBERS, PARTY_NOUNS, sounds_like_number
from posada.nlu.text import MONTHS
from posada.nlu.understand import understand

__all__ = ["DAYS", "PARTIES", "Slot", "find_slots", "slots"]

#: Days as Whisper writes them (it writes accents).
DAYS = ("primero", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
        "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho",
        "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro",
        "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve", "treinta",
        "treinta y uno")
#: What begins a stay's first day ("del 8", "el 8", "desde el 8").
_STAY_STARTS = frozenset({"del", "el", "desde"})
#: Words that end the span of a day (what follows a day in a request).
_DAY_ENDS = frozenset({"de", "para", "somos", "seriamos", "y", "en", "con", "por", "que",
                       "hay", "tenes", "tienen", "vamos", *MONTHS})
#: How many words before the stay's "al" (or its "nos vamos el") the first day may be said
#: ("el 25 de marzo y nos iríamos el 29").
_FIRST_DAY_REACH = 6
#: Words that, before an "el", say the stay's last day follows.
_LEAVING = frozenset(LEAVING_WORDS)
#: Days said by name ("del jueves al domingo", "desde mañana"): a day, not a slot.
_NAMED_DAYS = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
               "hoy", "manana")
#: How a month ends ("enero", …, "diciembre"): a long word heard where a month goes that
#: ends so ("necesero", "nemisiembre") may be one; "seguro", "completo", "porfa" are not.
_MONTH_ENDINGS = tuple({month[-3:] for month in MONTHS})
#: What a guest says between "al" and a month that is no day ("al final de enero").
_PARTS_OF_MONTHS = frozenset({"final", "fin", "principio", "principios", "comienzo",
                              "comienzos", "inicio", "inicios", "mediados", "otro", "siguiente",
                              "proximo", "mes", "menos", "primer", "ultimo"})
#: How the long months end ("-mbre", "-ubre", "-rero"): a long word ending a letter off
#: one ("nemisiempre", "necturre") may be one too.
_LONG_MONTH_ENDINGS = tuple({month[-4:] for month in MONTHS if len(month) >= 7})
#: Words in a day's place that say it otherwise, or say it is heard ("el primer sábado",
#: "el mediodía del 8", "el feriado", "el mismo día 15", "el próximo 3", "el veintitantos").
_NO_DAY_NUMBER = frozenset({"primer", "primera", "ultimo", "ultima", "segundo", "tercer",
                            "cuarto", "finde", "feriado", "mediodia", "mismo", "misma",
                            "proximo", "otro", "dia", "noche", "veintitantos", "veintipico",
                            "treintaipico", "pico"})
#: Words after a day that begin or end as a month does and are none ("de seña", "de
#: María", "siempre y cuando", "de Jujuy").
_NOT_MONTHS = frozenset({"sena", "senas", "maria", "mama", "juan", "abajo", "arriba",
                         "siempre", "juntos", "jujuy", "junin", "maipu", "octavio"})
#: Short words after "de" that begin as a month does and are none ("de mas", "de mar").
_SHORT_WORDS = frozenset({"mas", "mar", "mes", "masa", "mate", "ene", "jue", "justo", "junto",
                          "juego", "mayor", "marca", "fecha", "feliz", "noche", "nos", "nomas",
                          "seria", "sera", "ser", "seran", "fue", "fuera", "mejor", "sep", "oct",
                          "nov", "dic", "abr", "ago", "feb", "jul", "jun", "segun", "entre",
                          "dice", "dicen", "dia", "dias", "norte"})
#: How the teens, twenties and thirties (and "siete") begin as heard ("dieci-", "nieci-",
#: "mierci-", "sierve-").
_NUMBER_STARTS = ("die", "nie", "mie", "vein", "vent", "bein", "trein", "tren", "sie")
#: Words that go on a request after its dates, so no unheard month is among them
#: (``_unheard_month``): the party's, a clause's.
_GOES_ON = frozenset({"para", "somos", "seriamos", "vamos", "con", "y", "o", "que", "porque",
                      "pero", "hay", "tenes", "tienen", "tendras", "tendrias", "habra", "nos",
                      "cuanto", "precio", "si", "en", "por", "inclusive", "incluido", "mas",
                      "salimos", "saliendo", "volvemos", "llegamos", "entramos",
                      *PARTY_NOUNS})
#: How an unheard month's words begin ("de" heard as "de", "del", "a", "me"; or one word
#: with it: "nejudio", "neceso") and the verbs after a "me" that make it none ("me parece
#: bien").
_MONTH_LEADS = frozenset({"de", "del", "a", "me"})
_ME_VERBS = frozenset({"parece", "parecio", "dijo", "dijeron", "avisas", "avisan", "avisaron",
                       "confirmas", "confirman", "gustaria", "encanta", "encantaria", "queda",
                       "quedaria", "sirve", "serviria", "viene", "interesa", "contas",
                       "decis", "pasas", "mandas", "llamo", "llamas", "escribis", "voy", "vuelvo",
                       "quedo", "imagino"})
#: The most words an unheard month is heard as ("me opto le" for "de octubre").
_UNHEARD_MONTH_WORDS = 3
#: Words no unheard month is heard among: a month said otherwise ("al 5 de este mes", "del
#: mes que viene"), a time of day ("al 14 de noche"), a place ("de Jujuy").
_NOT_UNHEARD = frozenset({"este", "mes", "viene", "proximo", "siguiente", "otro", "noche",
                          "manana", "tarde", "madrugada", "mediodia", "dia", *_NOT_MONTHS})


_ENERO_OR_FEBRERO = ("enero", "febrero")
#: The longest stay a "del 9 al 3 de marzo" (from the month before) is read as without a
#: check (see ``_days_after_first``): three weeks ("del 16 al 1 de febrero", "del 20 al 5 de
#: enero" are the half months of the summer holidays).
_LONGEST_CROSSING = 21


def _one_day(words: list[Word], first: int, end: int) -> bool:
    """Whether ``words[first:end]`` is "treinta y uno", the one day said in three words."""
    return [word.folded for word in words[first:end]] == ["treinta", "y", "uno"]


def slots(text: str, today: date) -> list[Slot]:
    """The slots of ``text`` (a transcript) read on ``today`` (the local date), left to
    right and not overlapping: the stay's days and months where a "del … al …" is heard,
    and the party after "somos"/"para" when ``text`` gives none. An empty list when no
    stay or party place is heard."""
    read = understand(text, today)
    return find_slots(text, party_known=read.party.guests is not None,
                      stay_known=read.stay.check_in is not None)


def find_slots(text: str, *, party_known: bool, stay_known: bool = False) -> list[Slot]:
    """``slots`` for a ``text`` whose party is known (or not) already, and which reads as a
    stay (or not: then a first day alone is given a month only if heard nearly so)."""
    words = words_of(text)
    middle = _stay_middle(words)
    found = (_lost_range(words) or _first_day_alone(words, stay_known)) if middle is None else \
        _stay_slots(words, middle)
    if not party_known:
        found += party_slots(words, after_stay=middle is not None or bool(found))
    found += children_slots(words)
    found += _enero_slots(words)
    kept: list[Slot] = []
    for slot in sorted(found, key=lambda slot: slot.start):
        if slot.options and (not kept or slot.start >= kept[-1].end):
            kept.append(slot)
    return kept


def _stay_middle(words: list[Word]) -> int | None:
    """The index of the stay's "al" ("hasta el", "y saliendo el", "y nos vamos el"; "a"
    after "del" + a day), if one is heard."""
    return next((k for k, word in enumerate(words) if k > 0 and _starts_stay(words, k) and (
        word.folded == "al" or _leaving(words, k)
        or (word.folded == "a" and k > 1 and is_number(words[k - 1]) and (
            words[k - 2].folded == "del" or (words[k - 2].folded == "el" and k + 1 < len(
                words) and is_number(words[k + 1])))))), None)


def _leaving(words: list[Word], k: int) -> bool:
    """Whether ``words[k]`` and the "el" after it say the stay's last day follows ("hasta
    el", "saliendo el", "nos vamos el": the typed reading's ``LEAVING_WORDS``)."""
    here = words[k].folded
    return k + 1 < len(words) and words[k + 1].folded == "el" and (
        here in _LEAVING or (k > 0 and f"{words[k - 1].folded} {here}" in _LEAVING))


def _stay_slots(words: list[Word], middle: int) -> list[Slot]:
    found: list[Slot] = []
    window = range(max(0, middle - _FIRST_DAY_REACH), middle)
    anchors = [i for i in window if words[i].folded in _STAY_STARTS
               and not is_month(words[i + 1])]  # not "el 27 en el diciembre al"
    if anchors:
        first = anchors[-1] + 1
        first += first < middle - 1 and words[first].folded == "dia"  # "del día 3 al"
    else:  # "para cuatro, once al catorce": the number next to "al" (both of "veinte y seis")
        numbers = [i for i in window if is_number(words[i])]
        if not numbers:
            return []  # "del enero al": no day heard to begin from
        first = numbers[-1]
        if first >= 2 and _compound(words, first - 1) and is_number(words[first - 2]):
            first -= 2
    if any(word.clause_ends for word in words[first:middle - 1]):
        return _lost_first_day(words, middle)  # "somos cinco, queremos irmos al seis"
    day, month_from = _one_word_day(words, *_day_span(words, first, middle), first, middle)
    if day is not None:
        found.append(day)
    if month_from < middle and words[month_from].folded == "de" and not is_month(
            words[month_from + 1]) and _month_like(words[month_from + 1]):
        found.append(_month_slot(words, month_from, middle))  # "del 27 de enro al 3"
    elif middle - month_from == 3 and words[month_from].folded == "en" and \
            words[month_from + 1].folded == "el" and is_month(words[middle - 1]):
        found.append(_month_slot(words, month_from, middle))  # "el 27 en el diciembre al 2"
    month_before = any(is_month(word) for word in words[first:middle]) or bool(found)
    end = middle + 2 if _leaving(words, middle) else middle + 1  # "hasta el" whole
    end += end + 1 < len(words) and words[end].folded == "dia"  # "al día 5"
    day, after = _day_span(words, end, len(words))
    if not month_before:
        day, after = _one_word_day(words, day, after, end, len(words))
    if day is not None and (day.start == day.end or month_before or _month_near(words, after)):
        found.append(day)  # not "el cinco al mediodía", "el diez al contado"
    elif day is None and end < len(words) and not month_before:
        later = _days_after_first(words, first, end)
        if later:
            found.append(Slot("day", words[end].start, words[end].end, later, False))
    month = _month_after(words, after, month_before)
    if month is None and not any(slot.kind == "month" for slot in found) and not any(
            is_month(word) for word in words):
        month = _unheard_month(words, after, len(words)) or _unheard_month(
            words, month_from, middle)
    if month is not None:
        found.append(month)
    return found


def _one_word_day(words: list[Word], day: Slot | None, after: int, first: int,
                  limit: int) -> tuple[Slot | None, int]:
    """The day slot ``day`` from ``words[first]`` and where what follows it begins
    (``after``), as ``_day_span`` found them; but the first word alone when it sounds like a
    number, the note holds no month and the rest before ``limit`` is heard where one goes
    (``_unheard_month``): "al niefioso me abri el, tenés" ("al dieciocho de abril")."""
    if day is None or after - first < 2 or not _number_like(words[first]) or any(
            map(is_month, words)) or _unheard_month(words, first + 1, limit) is None:
        return day, after
    return replace(day, end=words[first].end), first + 1


def _days_after_first(words: list[Word], first: int, last: int) -> tuple[str, ...]:
    """The days after the first ``words[first]`` when the stay's last day ``words[last]``,
    heard as one number before a month ("el 9 al 3 de marzo"), is no later than it and the
    stay it would make across the month not named is longer than ``_LONGEST_CROSSING``
    nights: a request hardly says so (a said "del 28 al 3 de marzo" crosses from February,
    and is no slot), and on these voices it is a teen or a twenty heard short ("trece" as
    "tres"), so those days fill it (with the heard day competing, the model kept z15's heard
    "tres" where "trece" was said). Otherwise none."""
    days = (_day_value(words[first]), _day_value(words[last]))
    after = [word.folded for word in words[last + 1:last + 3]]
    if days[0] is None or days[1] is None or not (_before_month(words, last + 1) or (
            after == ["en", "el"] and _before_month(words, last + 3))):
        return ()  # "al 3 de marzo", "al 3 en el marzo"
    if days[1] <= days[0] < 31 and 30 - days[0] + days[1] > _LONGEST_CROSSING:
        return DAYS[days[0]:]
    return ()


def _day_value(word: Word) -> int | None:
    """The day ``word`` says as one number ("9", "nueve", "primero"), if it does."""
    if word.folded.isdigit():
        return int(word.folded) if 1 <= int(word.folded) <= 31 else None
    if word.folded == "primero":
        return 1
    return NUMBERS.index(word.folded) + 1 if word.folded in NUMBERS[:30] else None


def _lost_first_day(words: list[Word], middle: int) -> list[Slot]:
    """ "queremos irmos al seis de enero": a last day with no first; "del" and a day are put
    back before the "al"."""
    if middle + 1 >= len(words) or not is_number(words[middle + 1]) or not any(
            word.folded in ("de", "en") or is_month(word)
            for word in words[middle + 2:middle + 4]):
        return []  # not "llamame al 11 4567-8901"
    at = words[middle].start  # the heard words compete: "llegamos al 3 de enero" is Spanish
    return [Slot("day", at, at, tuple(f"del {day} " for day in DAYS), heard_is_option=True)]


def _lost_range(words: list[Word]) -> list[Slot]:
    """ "del de enero": both days lost; the first is put back with its "al" (the second is
    then the slot of "al de enero"). "irmos al seis": the first day lost."""
    for k, word in enumerate(words[:-1]):
        if word.folded == "al" and not word.clause_ends:
            lost = _lost_first_day(words, k)
            if lost:
                return lost
    for i, word in enumerate(words[:-1]):
        after = words[i + 1]
        if word.folded == "del" and not word.clause_ends and (
                after.folded == "de" or is_month(after)):
            return [Slot("day", after.start, after.start, tuple(f"{day} al " for day in DAYS),
                         heard_is_option=False)]
    return []


def _first_day_alone(words: list[Word], stay_known: bool) -> list[Slot]:
    """A stay heard by its first day alone, no "al" after it ("llegamos el 17 de febreo y nos
    quedamos 4 noches", "a partir del veintimosme mayo"): the day after "el"/"del"/"desde"
    when it sounds like a number (not "el finde de marzo") and a month is heard right after
    it, and the month after a day when it is heard a letter or two off one ("de febreo";
    not "de María", "de seña"), or when ``stay_known`` (the transcript reads as a stay) and
    it holds no month (``_unheard_month``). None when the day and month are heard as such."""
    for i, word in enumerate(words[:-1]):
        if word.folded not in _STAY_STARTS or word.clause_ends or \
                words[i + 1].folded in _STAY_STARTS:  # "desde el 10": the day after "el"
            continue
        day, after = _day_span(words, i + 1, len(words))
        number = is_number(words[i + 1])
        if day is None and not (number and _day_value(words[i + 1]) is not None):
            continue  # "el precio", "el finde", "el 50% de seña"
        heard = words[i + 1:after]
        if day is not None and (number or not (
                day.start < day.end and _before_month(words, after) and any(
                    _number_like(one) for one in heard) and not any(
                    one.folded in _STAY_STARTS for one in heard))):
            continue  # not "el precio del 3 de marzo", "el 20 y 21 de marzo"
        month = _month_after(words, after, month_before=False)
        if month is not None and not _near_month(words[after:], month):
            month = None  # "el 15 de maría": only a month a letter or two off
        if month is None and day is None and stay_known and not any(map(is_month, words)):
            month = _unheard_month(words, after, len(words), followed=True)
        if day is not None or month is not None:
            return [slot for slot in (day, month) if slot is not None]
    return []


def _near_month(words: list[Word], month: Slot) -> bool:
    """Whether the month ``month`` fills is heard a letter or two off one ("de femeo" is
    not: a first day alone is read more strictly than a range, "el 15 de maría")."""
    heard = [word for word in words if month.start <= word.start < month.end]
    return _letters_off_month(heard[-1].folded)


def _letters_off_month(here: str) -> bool:
    """Whether folded ``here`` is a letter off a month ("enro", "marso"), or two in a long
    word ("dicienbre")."""
    return any(OSA.distance(here, month) <= (1 if len(here) < 7 else 2) for month in MONTHS)


def _starts_stay(words: list[Word], middle: int) -> bool:
    window = range(max(0, middle - _FIRST_DAY_REACH), middle)
    return any(words[k].folded in _STAY_STARTS or (is_number(words[k]) and not (
        k > 0 and words[k - 1].folded in (*PARTY_VERBS, "para"))) for k in window)


def _day_span(words: list[Word], first: int, limit: int) -> tuple[Slot | None, int]:
    """The day from ``words[first]`` (a slot when it is not heard as one number) and the
    index where what follows it (a month, or the rest) begins."""
    end = first
    while end < min(limit, first + 3) and (words[end].folded not in _DAY_ENDS or _compound(
            words, end)):
        end += 1
        if words[end - 1].clause_ends:
            break
    if end == first:
        if first < limit and (words[first].folded == "de" or is_month(words[first])):
            at = words[first].start  # "al de enero": the day not heard at all
            return Slot("day", at, at, tuple(f"{day} " for day in DAYS), False), first
        return None, first
    if end - first == 3 and _one_day(words, first, end):
        return None, end  # "treinta y uno"
    if any(_named_day(word) or word.folded in _NO_DAY_NUMBER for word in words[first:end]):
        return None, end  # "del lunes 8 al jueves 11", "el primer sábado", "el mismo día 15"
    stray = first + 1 < limit and not words[first].clause_ends and \
        words[first + 1].folded not in _DAY_ENDS and \
        _before_month(words, first + 2)  # "al 20 mes de marzo"
    if is_number(words[first]) and not _compound(words, first + 1) and not stray:
        return None, first + 1  # "al cuatro necesero": the day, then the month misheard
    if not any(_number_like(word) for word in words[first:end]) and not (
            end - first == 1 and sounds_like_number(words[first].folded)) and not (
            end - first == 1 and _before_month(words, end)
            and words[first].folded not in _PARTS_OF_MONTHS):
        return None, end  # "al atardecer llegamos", "al final de enero"; not "el mosa y",
        # "al precio de enero", "al nuesnes septiembre" (a word where only a day goes)
    slot = Slot("day", words[first].start, words[end - 1].end, DAYS, heard_is_option=False)
    return slot, end


def _number_like(word: Word) -> bool:
    """Whether ``word`` is a number or sounds like one: a letter off ("ochos"), beginning
    as a teen, twenty or thirty is heard ("nieto", "niepioso", "miercioso", "ventiun"); not
    "atardecer", "final", "centro", "siempre"."""
    here = word.folded
    return is_number(word) or (len(here) >= 4 and any(
        OSA.distance(here, number) <= 1 for number in NUMBERS)) or (
        len(here) >= 5 and here.startswith(_NUMBER_STARTS) and here not in _NOT_MONTHS)


def _named_day(word: Word) -> bool:
    return any(OSA.distance(word.folded, day) <= (0 if len(day) < 5 else 1)
               for day in _NAMED_DAYS)


def _month_like(word: Word) -> bool:
    """Whether ``word`` can be a month misheard: a letter off one ("enro", "marso"; two in a
    long word: "dicienbre"), long and ending as one does ("necesero"; or a letter off a long
    month's ending: "nemisiempre", "necturre"), or short and
    beginning as one does ("femeo")."""
    here = word.folded
    if here in _NOT_MONTHS:
        return False
    return _letters_off_month(here) or (
        len(here) >= 7 and (here.endswith(_MONTH_ENDINGS) or any(
            OSA.distance(here[-4:], ending) <= 1 for ending in _LONG_MONTH_ENDINGS))) or (
        3 <= len(here) <= 5 and here not in _SHORT_WORDS
        and any(here[:2] == month[:2] for month in MONTHS))


def _before_month(words: list[Word], i: int) -> bool:
    """Whether ``words[i:]`` begins with "de" + a month (or a month)."""
    return i < len(words) and (is_month(words[i]) or (
        words[i].folded == "de" and i + 1 < len(words) and is_month(words[i + 1])))


def _compound(words: list[Word], i: int) -> bool:
    """Whether ``words[i]`` is the "y" of a day said in two ("veinte y seis")."""
    return i + 1 < len(words) and words[i].folded == "y" and is_number(words[i + 1])


def _month_slot(words: list[Word], first: int, end: int) -> Slot:
    return Slot("month", words[first].start, words[end - 1].end,
                tuple(f"de {month}" for month in MONTHS), heard_is_option=False)


def _month_near(words: list[Word], at: int) -> bool:
    """Whether a month is heard, or nearly, right after the stay's last day ("de", "en el",
    "enero", "femeo")."""
    if at >= len(words):
        return False
    here = words[at].folded
    return here in ("de", "en") or any(OSA.distance(here, month) <= 3 for month in MONTHS)


def _month_after(words: list[Word], at: int, month_before: bool) -> Slot | None:
    """The month lost after the stay's last day: "de feo", "en el enero", "nemisiembre"
    (a month heard as a month stays: scored against the others it was no surer)."""
    if at >= len(words) or words[at - 1].clause_ends or is_month(words[at]):
        return None
    here = words[at].folded
    if here == "de" and at + 1 < len(words):
        return None if is_month(words[at + 1]) or not _month_like(words[at + 1]) else \
            _month_slot(words, at, at + 2)
    if here == "en" and at + 2 < len(words) and words[at + 1].folded == "el" and (
            is_month(words[at + 2]) or _month_like(words[at + 2])):
        return _month_slot(words, at, at + 3)  # not "en el verano", "en el centro"
    if here in _DAY_ENDS or here in PARTY_NOUNS or is_number(words[at]) or month_before \
            or not _month_like(words[at]):
        return None  # "del 28 de diciembre al 2, vamos": the month was said already
    return _month_slot(words, at, at + 1)


def _unheard_month(words: list[Word], at: int, limit: int, *,
                   followed: bool = False) -> Slot | None:
    """The stay's month where the note holds none, heard after its last day (or its first:
    "entramos el 9 a nosotros y salimos el 12") as up to ``_UNHEARD_MONTH_WORDS`` words
    that end the clause or come before what goes on the request (the party, "y", "tenés",
    ``_GOES_ON``): "me mano", "de a 1000", "me opto le", "a los 2", "nejudio". Every fixture
    a guest wrote names the month, and a stay heard with none was a month misheard in 11
    of the 24 blind notes read wrong; the heard words do not compete (with them competing
    the model kept "del hiel" and "de a mí" where "de abril" was said). None when the day
    ends the clause, or what follows it goes on the request ("del 3 al 5, somos 6", "al 5
    y nos vamos", "al 5 de este mes"), and, when ``followed``, unless something that goes on
    the request follows the words (a first day alone: "llegamos el 17 de a 1000 y nos
    quedamos", not "el 3 me parece bien")."""
    if at >= limit or words[at - 1].clause_ends or not _number_like(words[at - 1]):
        return None  # not "del 3 al centro de la ciudad"
    end = at
    while end < min(limit, at + _UNHEARD_MONTH_WORDS) and not _goes_on(words, end):
        end += 1
        if words[end - 1].clause_ends:
            break
    if end == at or (end < limit and not words[end - 1].clause_ends
                     and not _goes_on(words, end)) or (followed and end == limit):
        return None  # nothing heard there, or more than a month's words before the rest
    heard = words[at:end]
    lead = heard[0].folded
    if any(word.folded in _NOT_UNHEARD or _year(word) for word in heard) or not (
            (lead in _MONTH_LEADS and not (len(heard) > 1 and heard[1].folded in _ME_VERBS))
            or (len(heard) == 1 and len(lead) >= 5 and lead.startswith(("de", "ne", "me"))
                and lead not in _SHORT_WORDS)):
        return None  # "según mi marido", "me parece bien", "de noche", "de 2027"
    return _month_slot(words, at, end)


def _year(word: Word) -> bool:
    return len(word.folded) == 4 and word.folded.startswith(("19", "20"))


def _goes_on(words: list[Word], i: int) -> bool:
    """Whether ``words[i]`` goes on a request after its dates: the party ("somos", "2
    adultos"), a clause ("y", "tenés", "porque"), a time of day ("a la noche")."""
    here = words[i]
    after = words[i + 1].folded if i + 1 < len(words) else ""
    return here.folded in _GOES_ON or (is_number(here) and after in PARTY_NOUNS) or (
        here.folded == "a" and after in ("la", "las"))


def _enero_slots(words: list[Word]) -> list[Slot]:
    """ "enero" heard in a date ("el 27 de enero al 3 de marzo", "hasta el seis enero"): the
    hotwords' month (``posada.adapters.speech.options``) heard where "febrero" was said,
    and the two are compared (scored without the hotwords, the model kept "enero" where it
    was said in the fixtures and found "febrero" where it was; against all twelve months,
    a month heard right was lost to others). The two sentences are compared by their whole
    log-probability, a plain likelihood ratio: per token, the longer "febrero" won one note
    where "enero" was said (w01, by 0.03 nats a token). Scored on the heard transcripts, all
    23 notes with "enero" said kept it so and 3 of the 4 with "febrero" said found it; in
    the full bench it read w01 right and lost z02 (75 of 106 either way)."""
    return [Slot("month", word.start, word.end, _ENERO_OR_FEBRERO, heard_is_option=False,
                 weight=0.0)
            for i, word in enumerate(words) if word.folded == "enero" and i > 0 and (
                words[i - 1].folded in ("de", "el") or is_number(words[i - 1]))]
