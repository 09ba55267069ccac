"""The party's slot of a heard booking request: "somos" or "para" and what follows them
("somos moss" for "somos dos"), and "seríamos" misheard ("seguíamos cinco")."""

from __future__ import annotations

from rapidfuzz.distance import OSA

from posada.nlu.slot import Slot, Word, is_number
from posada.nlu.spoken import PARTY_NOUNS

#: Party sizes a small lodging takes.
PARTIES = ("uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez")
#: Words after which the next is the party ("somos dos").
PARTY_VERBS = frozenset({"somos", "seriamos", "ser"})
#: Verbs as near "seríamos" as its mishearings that a guest says ("queríamos reservar").
_IAMOS_VERBS = frozenset({"queriamos", "teniamos", "eramos", "ibamos", "veniamos",
                          "habiamos", "hariamos", "podriamos"})
#: Words whose "de" a party size follows ("un grupo de diez amigas", "una familia de cinco").
_GROUPS = frozenset({"grupo", "familia"})
#: How "seríamos" is heard ("seguíamos", "se díamos"), at most this many letters off.
_SERIAMOS_LETTERS = 2


def party_slots(words: list[Word], *, after_stay: bool) -> list[Slot]:
    """The party's slot among ``words``: after "somos" (or a misheard "seríamos"), "un grupo
    de" or "una familia de" ("un grupo de miedes amigas"), or after "para" when a stay is
    heard (``after_stay``); none or one."""
    for i, word in enumerate(words[:-1]):
        heard_verb = _misheard_seriamos(words, i)
        if heard_verb and is_number(words[i + heard_verb]):  # "se díamos cinco"
            return [Slot("party", word.start, words[i + heard_verb - 1].end,
                         ("seríamos", "somos"), heard_is_option=False)]
        verb = word.folded in PARTY_VERBS or heard_verb == 1
        group = word.folded == "de" and i > 0 and words[i - 1].folded in _GROUPS
        if not (verb or group or (word.folded == "para" and after_stay)):
            continue
        span = words[i + 1:i + 3]
        end = next((j for j, heard in enumerate(span) if heard.clause_ends
                    or heard.folded in PARTY_NOUNS), None)
        if end is None:
            continue
        if span[end].folded not in PARTY_NOUNS:
            end += 1  # the clause's last word is part of it
        if end == 0 or any(is_number(heard) for heard in span[:end]):
            continue
        first = i if verb and word.folded not in PARTY_VERBS else i + 1
        prefix = "seríamos " if first == i else ""  # "seguíamos más": no Spanish to keep
        return [Slot("party", words[first].start, span[end - 1].end,
                     tuple(prefix + party for party in PARTIES), heard_is_option=not prefix)]
    return []


def _misheard_seriamos(words: list[Word], i: int) -> int:
    """How many words from ``words[i]`` are "seríamos" misheard ("seguíamos": 1, "se
    díamos": 2), or 0."""
    if words[i].folded in PARTY_VERBS or words[i].folded in _IAMOS_VERBS:
        return 0
    if OSA.distance(words[i].folded, "seriamos") <= _SERIAMOS_LETTERS:
        return 1
    if i + 2 < len(words) and not words[i].clause_ends and OSA.distance(
            words[i].folded + words[i + 1].folded, "seriamos") <= 1:
        return 2
    return 0
