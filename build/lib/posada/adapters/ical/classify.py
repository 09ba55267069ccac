"""Is a feed event a guest's reservation or a block? And its reservation URL.

Channels say it only in free text, so the answer is a table of rules (:data:`RULES`), tried in
order on the normalised summary (case, accents and extra spaces ignored); the first match wins.
What the channels send (as of 2025, from their exported feeds and help pages):

- Airbnb: ``Reserved`` (a guest, with ``Reservation URL: https://www.airbnb.com/hosting/
  reservations/details/…`` and ``Phone Number (Last 4 Digits)`` in DESCRIPTION) and
  ``Airbnb (Not available)`` (host blocks, preparation time, availability window).
- Booking.com: ``CLOSED - Not available`` for every closed night, booked or not: a block.
- Vrbo: ``Reserved - <guest name>`` or ``Reserved`` for a guest, ``Blocked`` for the owner.
- Channel managers and owners typing in Google: ``Not available``, ``Unavailable``,
  ``Closed``, ``No disponible``, ``Bloqueado``, ``Owner block``, ``Maintenance``, ``Busy``…

When no summary rule matches, an event is a reservation if it carries a reservation URL or
its DESCRIPTION looks like a booking (:data:`RESERVATION_DESCRIPTION`), else it gets
:data:`DEFAULT_KIND`: ``"block"``. Both kinds close the same nights; a block claims nothing
about a guest, so an unknown note ("Pintura", "Familia") never becomes a made-up booking.

To support a new channel wording, add a :class:`Rule` (optionally limited to ``channels``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal["reservation", "block"]

DEFAULT_KIND: Final[Kind] = "block"


@dataclass(frozen=True, slots=True)
class Rule:
    """Summaries matching ``pattern`` (searched in the normalised summary: lower case, no
    accents, single spaces) are ``kind``; only for feeds of ``channels`` when given."""

    pattern: re.Pattern[str]
    kind: Kind
    channels: frozenset[str] | None = None

    def applies(self, summary: str, channel: str | None) -> bool:
        """Whether this rule decides ``summary`` (normalised) in a feed of ``channel``."""
        if self.channels is not None and channel not in self.channels:
            return False
        return self.pattern.search(summary) is not None


def _rule(pattern: str, kind: Kind, *channels: str) -> Rule:
    return Rule(re.compile(pattern), kind, frozenset(channels) if channels else None)


RULES: Final[tuple[Rule, ...]] = (
    # Channel wordings first (exact, so they win over the generic markers below).
    _rule(r"^airbnb \(not available\)$", "block", "airbnb", "other"),
    _rule(r"^closed - not available$", "block", "booking", "other"),
    _rule(r"^reserved( - .+)?$", "reservation", "airbnb", "vrbo", "other"),
    _rule(r"^blocked$", "block", "vrbo", "other"),
    # Generic block markers (channel managers, owners), English and Spanish.
    _rule(
        r"\b(not available|unavailable|blocked|block|closed|busy|owner( stay| block)?|"
        r"maintenance|no disponible|bloquead[oa]s?|bloqueo|cerrado|cerrada|mantenimiento|"
        r"propietario|dueno)\b",
        "block",
    ),
    # Generic reservation markers.
    _rule(
        r"^(reserved|reservad[oa]|reserva|booked|confirmed|confirmada|huesped|guest)\b",
        "reservation",
    ),
)

RESERVATION_DESCRIPTION: Final = re.compile(
    r"reservation (url|code|id)|confirmation (code|number)|phone number \(last 4 digits\)|"
    r"codigo de (reserva|confirmacion)|numero de reserva|check-?in:|huesped|guest name",
)

_LABELLED_URL = re.compile(
    r"(?:reservation url|reservation|booking url|url de la reserva|reserva)\s*:\s*"
    r"(https://\S+)",
    re.IGNORECASE,
)
_ANY_URL = re.compile(r"https://[^\s<>\"']+", re.IGNORECASE)
CHANNEL_HOSTS: Final = re.compile(
    r"^https://([a-z0-9-]+\.)*(airbnb\.[a-z.]+|booking\.com|vrbo\.com|homeaway\.[a-z.]+|"
    r"expedia\.[a-z.]+)(/|$)",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """Lower case, accents removed (NFKD), whitespace runs as one space, stripped."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def reservation_url(url: str | None, description: str | None) -> str | None:
    """The reservation link of an event, or ``None``.

    Args:
        url: the event's ``URL`` property (RFC 5545 §3.8.4.6), as text, or ``None``.
        description: its DESCRIPTION text, or ``None``.

    The URL property wins; else an ``https`` link labelled as the reservation in DESCRIPTION
    (Airbnb's ``Reservation URL: https://…``); else the first ``https`` link to a channel's
    own site (Airbnb, Booking.com, Vrbo, HomeAway, Expedia). Other links in a description
    (a Google Meet or a map) are not reservations and give ``None``.
    """
    if url and url.strip():
        return url.strip()
    if not description:
        return None
    labelled = _LABELLED_URL.search(description)
    if labelled:
        return labelled.group(1).rstrip(".,;)")
    for match in _ANY_URL.finditer(description):
        link = match.group(0).rstrip(".,;)")
        if CHANNEL_HOSTS.match(link):
            return link
    return None


def classify(
    summary: str | None, description: str | None, url: str | None, channel: str | None = None
) -> Kind:
    """The kind of one feed event.

    Args:
        summary: SUMMARY text or ``None``; description: DESCRIPTION text or ``None``.
        url: the event's reservation URL (see :func:`reservation_url`) or ``None``.
        channel: ``airbnb``, ``booking``, ``vrbo``, ``google``, ``other`` or ``None`` (unknown):
            channel rules apply to their channels, ``other`` and ``None``.

    Never raises; see the module docstring for the rules and the default.
    """
    text = normalise(summary or "")
    for rule in RULES:
        if rule.applies(text, channel if channel is not None else "other"):
            return rule.kind
    if url is not None:
        return "reservation"
    if description and RESERVATION_DESCRIPTION.search(normalise(description)):
        return "reservation"
    return DEFAULT_KIND
