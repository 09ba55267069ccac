"""The party's slot of a heard booking request: "somos" or "para" and what follows them
("somos moss" for "somos dos"), and "seríamos" misheard ("seguíamos cinco")."""

from __future__ import annotations

from rapidfuzz.distance import OSA, Levenshtein

from posada.nlu.heard_numbers import sounds_like_number
from posada.nlu.month_slots import number_like
from posada.nlu.slot import Slot, Word, is_number, sounds
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
#: Who the children after "N adultos y" are said to be, as a request says them.
CHILDREN = ("un nene", "una nena", "un chico", "una chica", "un bebé", "una beba", "dos chicos",
            "dos nenes", "dos nenas", "tres chicos", "cuatro chicos")
#: Who a party's first count counts ("dos adultos y …").
_ADULTS = frozenset({"adultos", "adultas", "mayores", "personas", "grandes"})
#: Words a guest says after "N adultos y" besides a count ("y los chicos", "y mis hijos",
#: "y el perro").
_WITH_ADULTS = frozenset({"los", "las", "mis", "sus", "el", "la", "mi", "chicos", "chicas",
                          "nenes", "nenas", "hijos", "hijas", "hijo", "hija", "perro", "perra",
                          "perros", "mascota", "mascotas", "bebes", "bebe", "abuelos", "abuela",
                          "abuelo", "suegros", "suegra", "amigos", "amigas", "nietos", "mas",
                          "yo", "nosotros", "ninos", "pibes"})
#: How alike (0–1, as ``sounds`` spells them) the words after "N adultos y" must be to one
#: of ``CHILDREN`` to be it misheard: "hundere" 0.67, "los negras" 0.67, "mosquitos" 0.56;
#: of 39 things a breaking pass said there ("desayuno", "cochera", "la beba"), 31 are less.
_CHILDREN_LIKE = 0.55
#: Words that begin what follows the party ("… y un nene del 3 al 5", "… y un nene, ¿hay?").
_AFTER_CHILDREN = frozenset({"del", "desde", "para", "hay", "tenes", "tienen", "entrando",
                             "llegando", "llegamos", "entramos"})
#: Who a "un"/"una" after "N adultos y" counts as said ("y una nena"): any other word there
#: may be one misheard ("y una leva").
_CHILD_WORDS = frozenset({"nene", "nena", "chico", "chica", "bebe", "beba", "hijo", "hija",
                          "nino", "nina", "perro", "perra", "gato", "gata", "amigo", "amiga",
                          "sobrino", "sobrina", "nieto", "nieta", "mascota", "pibe", "piba"})
#: Words after "N adultos y" that say no children follow ("y nada más", "y sin chicos").
_NO_CHILDREN = frozenset({"sin", "cero", "ningun", "ninguna", "ninguno", "otro", "otra",
                          "alguno", "capaz", "nada", "nadie", "ya", "eso", "listo", "gracias",
                          "chau", "punto",
                          "basta", "solo", "solos", "nomas", "saludos", "besos"})
#: How "seríamos" is heard ("seguíamos", "se díamos"), at most this many letters off.
_SERIAMOS_LETTERS = 2


def party_slots(words: list[Word], *, after_stay: bool) -> list[Slot]:
    """The party's slot among ``words``: after "somos" (or a misheard "seríamos"), "un grupo
    de" or "una familia de" ("un grupo de miedes amigas"), or after "para" when a stay is
    heard (``after_stay``), the others first; none or one. The heard words compete ("somos
    de Córdoba", "para más personas") unless they are no Spanish: a misheard "seríamos", or
    a word that sounds like a number right before who is counted ("somos moza adultos"; not
    "somos jóvenes adultos")."""
    after_para: list[Slot] = []  # a "para" slot, if no "somos" or "un grupo de" one comes
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
        counted = end < len(span) and span[end].folded in PARTY_NOUNS and any(
            number_like(heard) or sounds_like_number(heard.folded)
            for heard in span[:end])  # "somos moza adultos", not "somos jóvenes adultos"
        slot = Slot("party", words[first].start, span[end - 1].end,
                    tuple(prefix + party for party in PARTIES),
                    heard_is_option=not prefix and not counted)
        if verb or group:
            return [slot]
        after_para = after_para or [slot]  # "para cada mal, somos un grupo de miedes amigas"
    return after_para


def children_slots(words: list[Word]) -> list[Slot]:
    """The children's slot among ``words``: what ends the clause (or comes before a stay)
    after "N adultos y" or "una pareja con" when it holds no number ("dos adultos y
    hundere", "tres adultos y mosquitos", "y una leva") and sounds like one of ``CHILDREN``
    (``_CHILDREN_LIKE``; not "y desayuno", "y el perro"), filled with them; the heard words
    compete when they are all ``_WITH_ADULTS`` ("dos adultos y los chicos"); none or one."""
    for i, word in enumerate(words[2:-1], start=2):
        before = words[i - 1]
        adults = before.folded in _ADULTS and is_number(words[i - 2])
        pair = before.folded == "pareja" and words[i - 2].folded == "una"
        if word.folded not in ("y", "con") or before.clause_ends or word.clause_ends or not (
                adults or pair):
            continue  # not "dos adultos y ¿hay lugar?"
        span = words[i + 1:i + 3]
        end = next((j for j, one in enumerate(span) if one.clause_ends or (
            i + 2 + j < len(words) and words[i + 2 + j].folded in _AFTER_CHILDREN)), None)
        if end is None:
            continue
        heard = span[:end + 1]
        if any(one.folded in _NO_CHILDREN for one in heard) or _counted_as_said(heard):
            continue  # "y tres chicos", "y nada más", "y una nena"; not "y una leva"
        said = sounds(" ".join(one.folded for one in heard))
        if max(Levenshtein.normalized_similarity(said, sounds(option))
               for option in CHILDREN) < _CHILDREN_LIKE:
            continue  # "y desayuno", "y el perro", "con auto": no count misheard
        return [Slot("party", heard[0].start, heard[-1].end, CHILDREN,
                     heard_is_option=all(one.folded in _WITH_ADULTS for one in heard),
                     weight=1.0)]
    return []


def _counted_as_said(heard: list[Word]) -> bool:
    """Whether the words after "N adultos y" hold a number heard as said ("tres chicos",
    "una nena"): a "un"/"una" before a word that is no ``_CHILD_WORDS`` is none ("una
    leva")."""
    if len(heard) == 2 and heard[0].folded in ("un", "una") and \
            heard[1].folded not in _CHILD_WORDS:
        return is_number(heard[1])
    return any(is_number(one) for one in heard)


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
