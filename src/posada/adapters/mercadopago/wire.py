"""JSON with exact money: numbers with a fraction are read as ``Decimal`` and ``Decimal`` is
written as a plain JSON number (``12345.67``, never ``1.234567E+4`` nor a float round trip).

Mercado Pago's API sends and expects amounts as JSON numbers (``"transaction_amount":
12345.67``); ``httpx.Response.json()`` would turn them into floats, so the client and the fake
read bodies with ``loads`` and write them with ``dumps``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any


def loads(data: bytes | str) -> Any:
    """Parse JSON text with fractional numbers as ``Decimal`` (integers stay ``int``).
    Raises ``ValueError`` (``json.JSONDecodeError`` or ``UnicodeDecodeError``) on bad input."""
    return json.loads(data, parse_float=Decimal)


def decimal_text(amount: Decimal) -> str:
    """``amount`` as a fixed-point JSON number (``Decimal("1E+2")`` → ``"100"``). Raises
    ``ValueError`` for NaN and infinities, which JSON cannot carry."""
    if not amount.is_finite():
        raise ValueError(f"not a finite amount: {amount}")
    return format(amount, "f")


def _encode(value: Any, out: list[str]) -> None:
    if isinstance(value, Decimal):
        out.append(decimal_text(value))
    elif value is None or isinstance(value, str | bool | int):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, float):
        out.append(json.dumps(value, allow_nan=False))
    elif isinstance(value, Mapping):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            if index:
                out.append(",")
            out.append(json.dumps(str(key), ensure_ascii=False) + ":")
            _encode(item, out)
        out.append("}")
    elif isinstance(value, Sequence):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _encode(item, out)
        out.append("]")
    else:
        raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def dumps(value: Any) -> bytes:
    """``value`` (dicts, lists, str, int, bool, None, ``Decimal``) as compact UTF-8 JSON with
    every ``Decimal`` written exactly. Raises ``TypeError`` for other types."""
    out: list[str] = []
    _encode(value, out)
    return "".join(out).encode()
