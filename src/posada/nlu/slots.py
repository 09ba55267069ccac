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
from posada.nlu.heard_numbers import sounds_like_number
from posada.nlu.month_slots import (
    DAY_ENDS,
    enero_slots,
    month_after,
    month_like,
    month_near,
    month_slot,
    names_month,
    near_month,
    nearly_one_month,
    number_like,
    unheard_month,
)
from posada.nlu.party_slots import PARTIES, PARTY_VERBS, children_slots, party_slots
from posada.nlu.slot import (
    DAYS,
    LONGEST_CROSSING,
    Slot,
    Word,
    day_value,
    is_month,
    is_number,
    words_of,
)
from posada.nlu.understand import understand
from posada.nlu.weekday_slots import weekday_slots

__all__ = ["DAYS", "PARTIES", "Slot", "find_slots", "slots"]

#: What begins a stay's first day ("del 8", "el 8", "desde el 8").
_STAY_STARTS = frozenset({"del", "el", "desde"})
#: How many words before the stay's "al" (or its "nos vamos el") the first day may be said
#: ("el 25 de marzo y nos iríamos el 29").
_FIRST_DAY_REACH = 6
#: Words that, before an "el", say the stay's last day follows.
_LEAVING = frozenset(LEAVING_WORDS)
#: Days said by name ("del jueves al domingo", "desde mañana"): a day, not a slot.
_NAMED_DAYS = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
               "hoy", "manana")
#: What a guest says between "al" and a month that is no day ("al final de enero").
_PARTS_OF_MONTHS = frozenset({"final", "fin", "principio", "principios", "comienzo",
                              "comienzos", "inicio", "inicios", "mediados", "otro", "siguiente",
                              "proximo", "mes", "menos", "primer", "ultimo"})
#: Words in a day's place that say it otherwise, or say it is heard ("el primer sábado",
#: "el mediodía del 8", "el feriado", "el mismo día 15", "el próximo 3", "el veintitantos").
_NO_DAY_NUMBER = frozenset({"primer", "primera", "ultimo", "ultima", "segundo", "tercer",
                            "cuarto", "finde", "feriado", "mediodia", "mismo", "misma",
                            "proximo", "otro", "dia", "noche", "veintitantos", "veintipico",
                            "treintaipico", "pico"})




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
                      stay_known=read.stay.check_in is not None, today=today)


def find_slots(text: str, *, party_known: bool, stay_known: bool = False,
               today: date | None = None) -> list[Slot]:
    """``slots`` for a ``text`` whose party is known (or not) already, and which reads as a
    stay (or not: then a first day alone is given a month only if heard nearly so); the
    days heard off their weekday (``weekday_slots``) when ``today`` is given."""
    words = words_of(text)
    middle = _stay_middle(words)
    found = [] if today is None else weekday_slots(words, today)
    found += (_lost_range(words) or _first_day_alone(words, stay_known)) if middle is None \
        else _stay_slots(words, middle)
    if not party_known:
        found += party_slots(words, after_stay=middle is not None or bool(found))
    found += children_slots(words)
    found += enero_slots(words)
    kept: list[Slot] = []
    for slot in sorted(found, key=lambda slot: slot.start):
        if slot.options and (not kept or slot.start >= kept[-1].end):
            kept.append(_nearly_heard(words, slot))
    return kept


def _nearly_heard(words: list[Word], slot: Slot) -> Slot:
    """A month ``slot`` whose heard words hold one a letter off exactly one month ("de
    anosto y pegar la vuelta", "me juño") has that month as its only option: scored against
    the others, the model picked another ("de noviembre")."""
    if slot.kind != "month":
        return slot
    heard = [nearly_one_month(word) for word in words if slot.start <= word.start < slot.end]
    near = next((month for month in heard if month is not None), None)
    return slot if near is None else replace(slot, options=tuple(
        option for option in slot.options if option.split()[-1] == near))


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
    numbered = [i for i in range(max(0, middle - _FIRST_DAY_REACH - 2), middle)
                if words[i].folded in _STAY_STARTS and _day_like(words[i + 1])]
    if numbered and not (anchors and _day_like(words[anchors[-1] + 1])):
        anchors = numbered  # "el 20 en el anoso y pegar la vuelta el 24": not "el anoso"
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
    named = names_month(words)
    day, month_from = _day_span(words, first, middle)
    if not named:
        day, month_from = _one_word_day(words, day, month_from, first, middle)
    if day is not None:
        found.append(day)
    if month_from < middle and words[month_from].folded == "de" and not is_month(
            words[month_from + 1]) and month_like(words[month_from + 1]):
        found.append(month_slot(words, month_from, middle))  # "del 27 de enro al 3"
    elif middle - month_from == 3 and words[month_from].folded == "en" and \
            words[month_from + 1].folded == "el" and is_month(words[middle - 1]):
        found.append(month_slot(words, month_from, middle))  # "el 27 en el diciembre al 2"
    month_before = any(is_month(word) for word in words[first:middle]) or bool(found)
    end = middle + 2 if _leaving(words, middle) else middle + 1  # "hasta el" whole
    end += end + 1 < len(words) and words[end].folded == "dia"  # "al día 5"
    day, after = _day_span(words, end, len(words))
    if not month_before and not named:
        day, after = _one_word_day(words, day, after, end, len(words))
    first_slot = next((slot for slot in found if slot.kind == "day"), None)
    if first_slot is not None and day is None and end < len(words) and not any(
            is_month(word) for word in words[first:middle]):  # "del _ al 25 de enero"
        found[found.index(first_slot)] = _in_one_stay(first_slot, last=day_value(words[end]))
    if day is not None and (day.start == day.end or month_before or month_near(words, after)):
        if not month_before:  # "del 25 al _ de enero"
            day = _in_one_stay(day, first=day_value(words[first]))
        found.append(day)  # not "el cinco al mediodía", "el diez al contado"
    elif day is None and end < len(words) and not month_before:
        later = _days_after_first(words, first, end)
        if later:
            found.append(Slot("day", words[end].start, words[end].end, later, False))
    month = month_after(words, after, month_before)
    if month is None and not named and not any(slot.kind == "month" for slot in found):
        month = unheard_month(words, after, len(words)) or unheard_month(
            words, month_from, middle)
    if month is not None:
        found.append(month)
    return found


def _one_word_day(words: list[Word], day: Slot | None, after: int, first: int,
                  limit: int) -> tuple[Slot | None, int]:
    """The day slot ``day`` from ``words[first]`` and where what follows it begins
    (``after``), as ``_day_span`` found them in a note that holds no month; but the first
    word alone when it sounds like a number and the rest before ``limit`` is heard where a
    month goes (``unheard_month``): "al niefioso me abri el, tenés" ("al dieciocho de
    abril")."""
    if day is None or after - first < 2 or not number_like(words[first]) or unheard_month(
            words, first + 1, limit) is None:
        return day, after
    return replace(day, end=words[first].end), first + 1


def _days_after_first(words: list[Word], first: int, last: int) -> tuple[str, ...]:
    """The days after the first ``words[first]`` when the stay's last day ``words[last]``,
    heard as one number before a month ("el 9 al 3 de marzo"), is no later than it and the
    stay it would make across the month not named is longer than ``LONGEST_CROSSING``
    nights: a request hardly says so (a said "del 28 al 3 de marzo" crosses from February,
    and is no slot), and on these voices it is a teen or a twenty heard short ("trece" as
    "tres"), so those days fill it (with the heard day competing, the model kept z15's heard
    "tres" where "trece" was said). Otherwise none."""
    days = (day_value(words[first]), day_value(words[last]))
    after = [word.folded for word in words[last + 1:last + 3]]
    if days[0] is None or days[1] is None or not (_before_month(words, last + 1) or (
            after == ["en", "el"] and _before_month(words, last + 3))):
        return ()  # "al 3 de marzo", "al 3 en el marzo"
    if days[1] <= days[0] < 31 and _nights_across(days[0], days[1]) > LONGEST_CROSSING:
        return DAYS[days[0]:]
    return ()


def _nights_across(first: int, last: int) -> int:
    """The nights from day ``first`` to day ``last`` of the month after (months of 30 days:
    the checks it serves allow a stay of three weeks or not)."""
    return 30 - first + last


def _in_one_stay(slot: Slot, *, first: int | None = None, last: int | None = None) -> Slot:
    """The day ``slot`` of a stay whose other day, ``first`` or ``last``, is heard as a
    number and no month is said between them: only the days that make a stay within the
    month or one across it of at most ``LONGEST_CROSSING`` nights ("del 25 al 21 de enero"
    is no request: "veinte uno" there was "treinta y uno")."""
    def fits(option: str) -> bool:
        day = DAYS.index(option.strip()) + 1
        start, end = (first, day) if first is not None else (day, last)
        return start is None or end is None or start < end or \
            _nights_across(start, end) <= LONGEST_CROSSING
    return replace(slot, options=tuple(option for option in slot.options if fits(option)))


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
    it holds no month (``unheard_month``). None when the day and month are heard as such."""
    named = names_month(words)
    for i, word in enumerate(words[:-1]):
        if word.folded not in _STAY_STARTS or word.clause_ends or \
                words[i + 1].folded in _STAY_STARTS:  # "desde el 10": the day after "el"
            continue
        day, after = _day_span(words, i + 1, len(words))
        number = is_number(words[i + 1])
        if day is None and not (number and day_value(words[i + 1]) is not None):
            continue  # "el precio", "el finde", "el 50% de seña"
        heard = words[i + 1:after]
        if day is not None and (number or not (
                day.start < day.end and _before_month(words, after) and any(
                    number_like(one) for one in heard) and not any(
                    one.folded in _STAY_STARTS for one in heard))):
            continue  # not "el precio del 3 de marzo", "el 20 y 21 de marzo"
        month = month_after(words, after, month_before=False)
        if month is not None and not near_month(words[after:], month):
            month = None  # "el 15 de maría": only a month a letter or two off
        if month is None and day is None and stay_known and not named:
            month = unheard_month(words, after, len(words), followed=True)
        if day is not None or month is not None:
            return [slot for slot in (day, month) if slot is not None]
    return []


def _starts_stay(words: list[Word], middle: int) -> bool:
    window = range(max(0, middle - _FIRST_DAY_REACH), middle)
    return any(words[k].folded in _STAY_STARTS or (is_number(words[k]) and not (
        k > 0 and words[k - 1].folded in (*PARTY_VERBS, "para"))) for k in window)


def _day_span(words: list[Word], first: int, limit: int) -> tuple[Slot | None, int]:
    """The day from ``words[first]`` (a slot when it is not heard as one number) and the
    index where what follows it (a month, or the rest) begins."""
    end = first
    while end < min(limit, first + 3) and (words[end].folded not in DAY_ENDS or _compound(
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
        words[first + 1].folded not in DAY_ENDS and \
        _before_month(words, first + 2)  # "al 20 mes de marzo"
    if is_number(words[first]) and not _compound(words, first + 1) and not stray:
        return None, first + 1  # "al cuatro necesero": the day, then the month misheard
    if not any(number_like(word) for word in words[first:end]) and not (
            end - first == 1 and sounds_like_number(words[first].folded)) and not (
            end - first == 1 and _before_month(words, end)
            and words[first].folded not in _PARTS_OF_MONTHS):
        return None, end  # "al atardecer llegamos", "al final de enero"; not "el mosa y",
        # "al precio de enero", "al nuesnes septiembre" (a word where only a day goes)
    slot = Slot("day", words[first].start, words[end - 1].end, DAYS, heard_is_option=False)
    return slot, end


def _day_like(word: Word) -> bool:
    """Whether ``word`` is a number or as near one as ``repair`` takes (not "tren", "nuevo")."""
    return is_number(word) or sounds_like_number(word.folded)


def _named_day(word: Word) -> bool:
    return any(OSA.distance(word.folded, day) <= (0 if len(day) < 5 else 1)
               for day in _NAMED_DAYS)


def _before_month(words: list[Word], i: int) -> bool:
    """Whether ``words[i:]`` begins with "de" + a month (or a month)."""
    return i < len(words) and (is_month(words[i]) or (
        words[i].folded == "de" and i + 1 < len(words) and is_month(words[i + 1])))


def _compound(words: list[Word], i: int) -> bool:
    """Whether ``words[i]`` is the "y" of a day said in two ("veinte y seis")."""
    return i + 1 < len(words) and words[i].folded == "y" and is_number(words[i + 1])














