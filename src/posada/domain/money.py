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
