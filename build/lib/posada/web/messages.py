"""Who reads an error, and its words: guests in Spanish (rioplatense), the owner in English.

Owner paths are the admin API, the login and the admin verbs on a reservation; ops and the
channels' feed answer in English too. Everything else under ``/api/`` is guest-facing.
Validation messages for guests are rebuilt from pydantic's error ``type`` and ``ctx``
(https://docs.pydantic.dev/latest/errors/validation_errors/), not translated word by word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from posada.domain.errors import BackendUnavailable, Busy, DomainError, PriceOutOfRange

OWNER_PREFIXES = ("/api/v1/admin", "/api/v1/auth")
ADMIN_VERB = re.compile(r"^/api/v1/reservations/[^/]+/(confirm|cancel)$")


def for_guest(path: str) -> bool:
    """Is an answer on ``path`` read by a guest (Spanish) rather than the owner or a machine?"""
    return (path == "/api" or path.startswith("/api/")) and not (
        path.startswith(OWNER_PREFIXES) or ADMIN_VERB.match(path))


#: Errors either audience can meet: (Spanish, English).
BY_CLASS: dict[type[DomainError], tuple[str, str]] = {
    Busy: ("El calendario está ocupado; probá de nuevo en un momento.",
           "The calendar is busy; try again in a moment."),
    BackendUnavailable: (
        "No pudimos conectarnos con la base de datos; probá de nuevo en un momento.",
        "The database is unreachable or overloaded; try again in a moment."),
    PriceOutOfRange: ("El total supera lo que podemos registrar.",
                      "The total is larger than Posada can store."),
}
BY_CODE: dict[str, tuple[str, str]] = {
    "rate_limited": ("Demasiados pedidos seguidos; esperá un momento y probá de nuevo.",
                     "Too many requests; slow down."),
    "payload_too_large": ("El pedido es demasiado grande.", "Request body too large."),
    "bad_request": ("El pedido está mal formado.", "Malformed request."),
    "not_found": ("No encontramos lo que buscás.", "Not found."),
    "method_not_allowed": ("Esa operación no está permitida acá.", "Method not allowed."),
    "unsupported_media": ("Mandá el pedido como JSON.", "Unsupported media type."),
    "internal_error": ("Tuvimos un problema de nuestro lado; probá de nuevo en un momento.",
                       "Something went wrong on our side."),
    "invalid_request": ("El pedido tiene datos inválidos.", "invalid request"),
    "cors_refused": ("Este sitio no puede hacer ese pedido.",
                     "Disallowed CORS origin, method or headers."),
}


def message(code: str, path: str) -> str:
    """The generic message of ``code`` for whoever reads ``path``."""
    spanish, english = BY_CODE[code]
    return spanish if for_guest(path) else english


def domain_message(exc: DomainError, path: str) -> str:
    """``exc``'s message, in the reader's language when it is one both audiences meet."""
    pair = BY_CLASS.get(type(exc))
    if pair is None:
        return exc.message
    return pair[0] if for_guest(path) else pair[1]


_SPANISH: dict[str, str] = {
    "missing": "falta este dato",
    "extra_forbidden": "este campo no existe",
    "int_type": "tiene que ser un número entero",
    "int_parsing": "tiene que ser un número entero",
    "int_from_float": "tiene que ser un número entero",
    "float_type": "tiene que ser un número",
    "decimal_type": "tiene que ser un número",
    "decimal_parsing": "tiene que ser un número",
    "bool_type": "tiene que ser true o false",
    "bool_parsing": "tiene que ser true o false",
    "string_type": "tiene que ser un texto",
    "string_pattern_mismatch": "no tiene el formato esperado",
    "date_type": "tiene que ser una fecha AAAA-MM-DD",
    "date_parsing": "tiene que ser una fecha AAAA-MM-DD",
    "date_from_datetime_parsing": "tiene que ser una fecha AAAA-MM-DD",
    "date_from_datetime_inexact": "tiene que ser una fecha AAAA-MM-DD",
    "json_invalid": "el cuerpo del pedido no es JSON válido",
    "json_type": "el cuerpo del pedido no es JSON válido",
    "model_type": "se esperaba un objeto JSON",
    "model_attributes_type": "se esperaba un objeto JSON",
    "dict_type": "se esperaba un objeto JSON",
    "enum": "no es un valor permitido",
    "uuid_parsing": "no tiene el formato esperado",
}
#: Our own validators' ``ValueError`` texts (see ``posada.web.schemas``).
_VALUE_ERRORS: dict[str, str] = {
    "dates are strings like 2027-01-31": "tiene que ser una fecha AAAA-MM-DD",
    "control characters are not allowed": "no puede tener caracteres de control",
    "expected a whole number": "tiene que ser un número entero",
}


def _spanish(err: dict[str, Any]) -> str:
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind in _SPANISH:
        return _SPANISH[kind]
    bounds = {"greater_than_equal": ("tiene que ser al menos", "ge"),
              "greater_than": ("tiene que ser mayor que", "gt"),
              "less_than_equal": ("no puede ser más de", "le"),
              "less_than": ("tiene que ser menor que", "lt")}
    if kind in bounds:
        text, key = bounds[kind]
        return f"{text} {ctx.get(key)}"
    if kind == "string_too_short":
        return "no puede estar vacío" if ctx.get("min_length") == 1 else (
            f"tiene que tener al menos {ctx.get('min_length')} caracteres")
    if kind == "string_too_long":
        return f"no puede tener más de {ctx.get('max_length')} caracteres"
    if kind == "literal_error":
        return "tiene que ser uno de: " + str(ctx.get("expected")).replace(" or ", " o ")
    if kind == "value_error":
        text = f"{ctx.get('error', '')} {ctx.get('reason', '')} {err.get('msg', '')}"
        if "email" in text.lower() or "@" in text:
            return "no es un e-mail válido"
        if "phone number" in text:
            return "un teléfono tiene de 6 a 15 dígitos"
        return next((es for en, es in _VALUE_ERRORS.items() if en in text),
                    "no es un valor válido")
    return "no es un valor válido"


def describe(errors: Sequence[Any], guest: bool) -> str:
    """One line for up to five validation errors: ``field: reason; …``."""
    parts = []
    for err in list(errors)[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query",
                                                                          "path"))
        reason = _spanish(err) if guest else str(err.get("msg"))
        parts.append(f"{where}: {reason}" if where else reason)
    return "; ".join(parts) or (BY_CODE["invalid_request"][0 if guest else 1])
