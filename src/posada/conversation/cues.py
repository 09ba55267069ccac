"""Short answers the NLU leaves to the dialogue: "sí", "la 2", "3 noches", "hasta el 18", "4",
a person's name. Each reader takes the guest's raw text and reads its normalised form
(``posada.nlu.text.normalise``: lower case, no accents, number words as digits)."""

from __future__ import annotations

import re

from posada.nlu.text import MONTHS, WEEKDAYS, normalise

_YES = frozenset({"si", "sii", "dale", "ok", "oka", "okay", "okey", "oki", "perfecto",
                  "correcto", "exacto", "claro", "obvio", "confirmo", "bueno", "joya", "va",
                  "genial", "listo", "yes", "s"})
_YES_PHRASES = ("de una", "esta bien", "a mi nombre", "ese mismo", "esa misma")
_NO = frozenset({"no", "nop", "nope", "nah", "negativo"})
_FILLER = (r"(?:quiero|quisiera|prefiero|me quedo con|me quedo|dame|reservame|reserva|elijo|"
           r"mejor|la|el|opcion|numero|nro|n|#|porfa|por favor|gracias|si|dale)")
_ORDINAL = re.compile(rf"^(?:{_FILLER}\s*)*(\d{{1,2}}|primer[oa]?|ultim[oa])(?:\s*{_FILLER})*$")
_NIGHTS = re.compile(r"\b(\d{1,2}|una)\s?noches?\b")
_UNTIL = re.compile(r"\b(?:hasta el|nos vamos el|salimos el|nos iriamos el|hasta)\s"
                    rf"(\d{{1,2}})(?:\s(?:de\s)?({'|'.join(MONTHS)}))?\b")
_NUMBER = re.compile(r"^(?:somos\s|seriamos\s|para\s)?(\d{1,2})(?:\s(?:personas|pax|adultos))?$")
_THAT = re.compile(rf"^(?:{_FILLER}\s*)*(?:esa|esa misma|esta|ese|la misma)(?:\s*{_FILLER})*$")
_ANSWER_WORD = re.compile(r"^\s*(?:no|si|sí|dale|ok)\b[\s,.!]*", re.IGNORECASE)
_NAME_PREFIX = re.compile(r"^(?:(?:a|al|en)\s+nombre\s+de|mi nombre es|me llamo|soy|ponele|"
                          r"poné|pone|es|de)\s+", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]*)*\.?$")
#: Words no name holds: greetings, questions, articles at the start, requests, tests.
_NOT_NAMES = frozenset({"hola", "gracias", "buenas", "buen", "dia", "chau", "perdon", "que",
                        "cuanto", "donde", "cuando", "como", "quiero", "tenes", "tienen", "hay",
                        "una", "un", "esa", "ese", "esta", "mejor", "para", "por", "con",
                        "sin", "cancelar", "reserva", "reservar", "precio", "ayuda", "menu",
                        "test", "prueba", "ustedes", "vos", "necesito", "necesitan", "venden",
                        "puedo", "podes", "quien", "cual", "noche", "noches", "personas"})
_LAUGH = re.compile(r"^(?:j[aeiou])+j?$|^(?:ha)+h?$|^[xj]d+$")


def plain(text: str) -> str:
    """The normalised text without punctuation, single-spaced."""
    return " ".join(re.sub(r"[^\w#\s]", " ", normalise(text).text).split())


def is_yes(text: str) -> bool:
    """"sí", "dale", "ok", "de una", "sí, a mi nombre"…"""
    words = plain(text).split()
    if not words or len(words) > 6 or "?" in text or set(words) & _NO:
        return False
    return words[0] in _YES or any(p in " ".join(words) for p in _YES_PHRASES)


def is_no(text: str) -> bool:
    words = plain(text).split()
    return bool(words) and words[0] in _NO


def ordinal(text: str) -> int | None:
    """"la 2" → 2, "la primera" → 1, "2" → 2; "la última" → -1; anything else ``None``."""
    match = _ORDINAL.match(plain(text))
    if match is None:
        return None
    word = match.group(1)
    if word.isdigit():
        return int(word)
    return 1 if word.startswith("primer") else -1


def is_that(text: str) -> bool:
    """"esa", "esa misma", "dale, esa": a pointer to the one offer shown."""
    return _THAT.match(plain(text)) is not None


def stated_nights(text: str) -> int | None:
    """"3 noches" / "mejor para 3 noches" / "una noche" → the length, 1–60."""
    match = _NIGHTS.search(plain(text))
    if match is None:
        return None
    n = 1 if match.group(1) == "una" else int(match.group(1))
    return n if 1 <= n <= 60 else None


def until_day(text: str) -> tuple[int, int | None] | None:
    """"hasta el 18" → ``(18, None)``; "hasta el 2 de enero" → ``(2, 1)`` (day, month)."""
    match = _UNTIL.search(plain(text))
    if match is None:
        return None
    month = MONTHS.index(match.group(2)) + 1 if match.group(2) else None
    return int(match.group(1)), month


_BARE_DAY = re.compile(r"\b(?:el|del|al|desde el|a partir del)\s(\d{1,2})\b(?!\s?/)")
_ANCHORED = re.compile(rf"\b(?:{'|'.join(MONTHS + WEEKDAYS)}|finde|fin de semana|semana|mes|"
                       r"hoy|manana|pasado|navidad|nochebuena|ano nuevo|fin de ano|feriado|"
                       r"pascua|carnaval|vacaciones)\b|\d/\d")


def bare_day(text: str) -> int | None:
    """The day of "no, mejor del 16" when the text names a day of the month and nothing
    that places it (no month, weekday, "finde", holiday, "16/1"); else ``None``."""
    words = plain(text)
    match = _BARE_DAY.search(words)
    if match is None or _ANCHORED.search(words):
        return None
    day = int(match.group(1))
    return day if 1 <= day <= 31 else None


_PASSWORD = re.compile(r"\b(?:clave|contrasena|password|pass|contra)\b")


#: The payment link asked (again): "pasame el link de nuevo", "¿me mandás el link de pago?",
#: "no me llegó el link", "el link para pagar la seña".
_LINK = re.compile(
    r"\b(?:link|enlace)\b|\b(?:donde|como) (?:te |les )?pago\b.*\bsena\b"
    r"|\b(?:pagar|abonar) (?:la )?sena\b.*\bmercado ?pago\b")
#: ... not the link of the map or of the listing.
_OTHER_LINK = re.compile(r"\b(?:ubicacion|mapa|maps|direccion|como llegar|fotos?|instagram|"
                         r"airbnb|booking|web|pagina)\b")


def asks_payment_link(text: str) -> bool:
    """Does the guest ask for the deposit's payment link?"""
    words = plain(text)
    return _LINK.search(words) is not None and _OTHER_LINK.search(words) is None


def asks_password(text: str) -> bool:
    """"¿cuál es la clave del wifi?" asks for the password, not whether there is wifi."""
    return _PASSWORD.search(plain(text)) is not None


def bare_number(text: str) -> int | None:
    """"4", "somos 4", "4 personas" → 4 (1–50): an answer to "¿Para cuántas personas?"."""
    match = _NUMBER.match(plain(text))
    if match is None:
        return None
    n = int(match.group(1))
    return n if 1 <= n <= 50 else None


def person_name(text: str) -> tuple[str, bool] | None:
    """A name as the guest wrote it and whether it was said explicitly: "Juan Pérez" →
    ``("Juan Pérez", False)``, "no, a nombre de Marta Gómez" → ``("Marta Gómez", True)``;
    lower-case names get capitals; ``None`` when the text does not look like a name."""
    text = text.strip()
    rest = _ANSWER_WORD.sub("", text, count=1)
    rest = _NAME_PREFIX.sub("", rest, count=1).strip(" .,!¡¿?")
    explicit = rest != text.strip(" .,!¡¿?")
    words = rest.split()
    if not 1 <= len(words) <= 5 or not 2 <= len(rest) <= 60 or "?" in text:
        return None
    if not all(_NAME_WORD.match(w) for w in words):
        return None
    folded = plain(rest).split()
    if not folded or folded[0] in _YES or folded[0] in _NO or set(folded) & _NOT_NAMES:
        return None
    if _LAUGH.match(folded[0]):
        return None
    name = " ".join(w[:1].upper() + w[1:] for w in words) if rest.islower() else rest
    return name, explicit
