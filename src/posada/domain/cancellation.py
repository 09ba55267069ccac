"""Cancellation policy: how much of the paid deposit goes back, by days before check-in.

A policy is a tuple of tiers; the first tier (most days first) whose ``days_before`` the
cancellation meets gives the refund percent, and none met gives nothing. The default is the
common "moderate" policy of small lodgings: all of it back 15 days or more before check-in,
half 7 days or more before, nothing after. Days count local dates (the property's zone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from posada.domain.errors import InvalidRequest
from posada.domain.money import percent_of

MAX_TIERS = 10


@dataclass(frozen=True, order=True)
class Tier:
    """``refund_percent`` (0–100) of the paid deposit back when cancelled at least
    ``days_before`` days before check-in."""

    days_before: int
    refund_percent: Decimal


Policy = tuple[Tier, ...]

DEFAULT_POLICY: Policy = (Tier(15, Decimal(100)), Tier(7, Decimal(50)))


def parse_policy(data: object) -> Policy:
    """A policy from stored or posted JSON ``[{"days_before": int, "refund_percent": num}]``;
    ``None`` gives ``DEFAULT_POLICY``; an empty list means no refund ever.

    Raises:
        InvalidRequest: not a list of such tiers, days outside 0–730, percent outside 0–100,
            more than ``MAX_TIERS`` tiers or two tiers with the same days.
    """
    if data is None:
        return DEFAULT_POLICY
    if not isinstance(data, list) or len(data) > MAX_TIERS:
        raise InvalidRequest(f"La política de cancelación es una lista de hasta {MAX_TIERS} "
                             "tramos {days_before, refund_percent}.")
    tiers = [_tier(item) for item in data]
    if len({t.days_before for t in tiers}) != len(tiers):
        raise InvalidRequest("Dos tramos de la política tienen los mismos días.")
    return tuple(sorted(tiers, reverse=True))


def _tier(item: Any) -> Tier:
    try:
        days = item["days_before"]
        percent = Decimal(str(item["refund_percent"]))
    except (TypeError, KeyError, InvalidOperation) as exc:
        raise InvalidRequest("Cada tramo necesita days_before y refund_percent.") from exc
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 730:
        raise InvalidRequest("days_before va de 0 a 730.")
    if not percent.is_finite() or not 0 <= percent <= 100:
        raise InvalidRequest("refund_percent va de 0 a 100.")
    return Tier(days, percent)


def policy_json(policy: Policy) -> list[dict[str, Any]]:
    """The stored shape of ``policy`` (percent as a string, exact)."""
    return [{"days_before": t.days_before, "refund_percent": str(t.refund_percent)}
            for t in policy]


def refund_percent(policy: Policy, check_in: date, today: date) -> Decimal:
    """The percent of the deposit refunded when cancelling on local ``today`` a stay that
    checks in on ``check_in``."""
    days = (check_in - today).days
    for tier in sorted(policy, reverse=True):
        if days >= tier.days_before:
            return tier.refund_percent
    return Decimal(0)


def refund_amount(policy: Policy, paid: Decimal, check_in: date, today: date) -> Decimal:
    """What goes back of ``paid`` (Decimal, the deposit's currency), rounded to cents."""
    return percent_of(paid, refund_percent(policy, check_in, today))


def _pct(percent: Decimal) -> str:
    return "todo" if percent == 100 else f"el {percent.normalize():f} %"


def policy_text(policy: Policy) -> str:
    """The policy in Spanish, for the guest before paying: "Si cancelás 15 días o más antes
    del check-in te devolvemos todo; 7 días o más antes, el 50 %; después, nada."""
    tiers = [t for t in sorted(policy, reverse=True) if t.refund_percent > 0]
    if not tiers:
        return "La seña no se devuelve si cancelás."
    parts = [f"{t.days_before} días o más antes del check-in te devolvemos {_pct(t.refund_percent)}"
             if i == 0 else f"{t.days_before} días o más antes, {_pct(t.refund_percent)}"
             for i, t in enumerate(tiers)]
    if tiers[-1].days_before == 0:
        return "Si cancelás " + "; ".join(parts) + " de la seña."
    return "Si cancelás " + "; ".join(parts) + "; después, la seña no se devuelve."
