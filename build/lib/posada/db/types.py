"""Column types that keep invariants 5 and 6 on both engines: aware UTC instants, exact money."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, Dialect, Numeric, String
from sqlalchemy.types import TypeDecorator, TypeEngine

from posada.domain.money import MAX_AMOUNT, round_money


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC ``datetime``; naive values are refused on the way in."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class _ExactDecimal(TypeDecorator[Decimal]):
    """``Decimal`` stored as ``NUMERIC(p, s)`` on PostgreSQL and as text on SQLite (whose
    NUMERIC affinity would turn it into a binary float)."""

    impl = Numeric(12, 2)
    cache_ok = True
    precision, scale = 12, 2

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(24))
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def normalize(self, value: Decimal) -> Decimal:
        return value

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        amount = self.normalize(Decimal(value))
        return str(amount) if dialect.name == "sqlite" else amount

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else self.normalize(Decimal(str(value)))


class Money(_ExactDecimal):
    """Money: ``Decimal`` rounded to cents (``NUMERIC(12,2)``)."""

    cache_ok = True

    def normalize(self, value: Decimal) -> Decimal:
        amount = round_money(value)
        if abs(amount) > MAX_AMOUNT:
            raise ValueError(f"amount {amount} exceeds NUMERIC(12,2)")
        return amount


class Ratio(_ExactDecimal):
    """An exact multiplier or percentage (``NUMERIC(8,4)``), shown without trailing zeros."""

    impl = Numeric(8, 4)
    cache_ok = True
    precision, scale = 8, 4

    def normalize(self, value: Decimal) -> Decimal:
        return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
