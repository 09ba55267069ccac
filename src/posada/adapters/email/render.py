"""Render an e-mail from its typed context: ``render(kind, context) -> Rendered``.

Templates live in ``templates/`` (shipped as package data): ``<kind>.subject.txt``,
``<kind>.txt`` and ``<kind>.html``, in rioplatense Spanish. Jinja2 runs with
``StrictUndefined`` (an unknown name is an error) and a ``finalize`` that refuses to print
``None``; HTML is autoescaped (a guest called ``<b>Ana</b>`` stays text), plain text is not.
Money is the conversation's format (``posada.conversation.texts.money``: ``$ 180.000``,
``$ 180.000,50``), dates are written out (``viernes 15 de diciembre de 2026``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo

import jinja2
from markupsafe import Markup, escape

from posada.adapters.email.contexts import (
    CancellationContext,
    ConfirmationContext,
    Context,
    HoldContext,
    OwnerAlertContext,
    PaymentRetryContext,
)
from posada.conversation.texts import money, nights, people, span

Kind = Literal["hold", "confirmation", "cancellation", "payment_retry", "owner_alert"]

#: The context type each kind takes.
CONTEXTS: dict[Kind, type[Context]] = {
    "hold": HoldContext,
    "confirmation": ConfirmationContext,
    "cancellation": CancellationContext,
    "payment_retry": PaymentRetryContext,
    "owner_alert": OwnerAlertContext,
}

WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
#: Characters that must never reach a header: C0 controls (CR, LF, TAB…), DEL, NEL and the
#: Unicode line and paragraph separators.
CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre")


class RenderError(ValueError):
    """A template met an undefined name or a ``None`` value (``kind`` and ``reason``)."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(f"cannot render {kind!r}: {reason}")
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Rendered:
    """One e-mail's ``subject`` (one line, no control characters), ``text`` (plain) and
    ``html`` bodies."""

    subject: str
    text: str
    html: str


def long_date(day: date) -> str:
    """``viernes 15 de diciembre de 2026``."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} de {MONTHS[day.month - 1]} de {day.year}"


def local_time(instant: datetime, tz: str) -> str:
    """An aware instant in the IANA zone ``tz``: ``viernes 15 de diciembre de 2026 a las
    18:40 (hora de Buenos Aires)``. Raises ``ValueError`` on a naive ``instant``."""
    if instant.tzinfo is None:
        raise ValueError("instant must be aware")
    local = instant.astimezone(ZoneInfo(tz))
    place = tz.rsplit("/", 1)[-1].replace("_", " ")
    return f"{long_date(local.date())} a las {local:%H:%M} (hora de {place})"


def _paragraphs(text: str) -> Markup:
    """Free text for HTML: escaped, blank lines → paragraphs, line breaks → ``<br>``."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return Markup("").join(
        Markup("<p>{}</p>\n").format(Markup("<br>\n").join(escape(line)
                                                            for line in block.splitlines()))
        for block in blocks)


def _finalize(value: object) -> object:
    if value is None:
        raise RenderError("?", "a template printed None")
    return value


@cache
def environment(html: bool) -> jinja2.Environment:
    """The shared Jinja2 environment for HTML (autoescaped) or plain-text templates."""
    # Every template of the HTML environment is escaped, .txt partials included; the
    # plain-text one escapes nothing (it is never read as HTML).
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("posada.adapters.email", "templates"),
        autoescape=html,  # noqa: S701
        undefined=jinja2.StrictUndefined, finalize=_finalize,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(money=money, long_date=long_date, local_time=local_time,
                       span=lambda stay: span(stay.check_in, stay.check_out),
                       nights=nights, people=people, paragraphs=_paragraphs)
    return env


def one_line(text: str, limit: int = 250) -> str:
    """``text`` with control and line-separator characters as spaces, runs of whitespace
    collapsed, cut to ``limit`` characters (for headers: no CR/LF can get through)."""
    return " ".join(CONTROL.sub(" ", text).split())[:limit].strip()


def render(kind: Kind, context: Context) -> Rendered:
    """Render the e-mail ``kind`` from ``context`` (the dataclass ``CONTEXTS[kind]``).

    Raises ``TypeError`` when the context is of another kind, ``RenderError`` when a
    template meets an undefined name or a ``None`` value.
    """
    expected = CONTEXTS.get(kind)
    if expected is None:
        raise TypeError(f"unknown e-mail kind {kind!r}")
    if not isinstance(context, expected):
        raise TypeError(f"{kind!r} takes a {expected.__name__}, not "
                        f"{type(context).__name__}")
    try:
        subject = environment(False).get_template(f"{kind}.subject.txt").render(c=context)
        text = environment(False).get_template(f"{kind}.txt").render(c=context)
        html = environment(True).get_template(f"{kind}.html").render(c=context)
    except jinja2.UndefinedError as error:
        raise RenderError(kind, str(error)) from error
    except RenderError as error:
        raise RenderError(kind, error.reason) from error
    return Rendered(one_line(subject), text, html)
