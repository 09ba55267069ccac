"""Exact money: ``Decimal`` amounts with two places, one rounding function for all of Posada."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
#: The largest amount stored (``NUMERIC(12,2)``): about ten billion in the quote's currency.
MAX_AMOUNT = Decimal("9999999999.99")


def round_money(amount: Decimal) -> Decimal:
    """Round ``amount`` to cents, half away from zero (the usual commercial rule in Argentina).

    Args:
        amount: a ``Decimal`` in any currency unit; floats are refused with ``TypeError``.
    """
    if not isinstance(amount, Decimal):
        raise TypeError(f"money must be Decimal, got {type(amount).__name__}")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, percent: Decimal) -> Decimal:
    """``percent`` % of ``amount``, rounded to cents."""
    return round_money(amount * percent / Decimal(100))


def percent_text(percent: Decimal) -> str:
    """A percentage as charged, with at least two decimals: ``"30.00"``, ``"33.333"`` (the
    API's and the frozen quote's one format)."""
    return f"{percent:.2f}" if percent == round(percent, 2) else format(percent.normalize(), "f")
