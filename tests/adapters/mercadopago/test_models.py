"""Tolerant readers, the preference body and exact JSON money."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

from posada.adapters.mercadopago import (
    MerchantOrder,
    Payment,
    PreferenceRequest,
    deposit_title,
    wire,
)
from tests.adapters.mercadopago.conftest import hold

#: A payment as Mercado Pago's reference shows it (trimmed), plus fields we do not know.
PAYMENT = b"""{"id": 2798247250, "date_created": "2017-06-16T21:10:06.000-04:00",
 "date_approved": "2017-06-16T21:10:06.000-04:00",
 "date_last_updated": "2017-06-28T19:39:41.000-04:00", "money_release_date": null,
 "operation_type": "regular_payment", "payment_method_id": "visa",
 "payment_type_id": "credit_card", "status": "approved", "status_detail": "accredited",
 "currency_id": "ARS", "collector_id": 448876418, "external_reference": "K7Q2M9XP",
 "transaction_amount": 12345.67, "transaction_amount_refunded": 0, "refunds": [],
 "order": {"id": "9876543210", "type": "mercadopago"}, "brand_new_field": {"x": [1, 2]},
 "live_mode": true}"""


def test_a_recorded_payment_reads_exactly() -> None:
    payment = Payment.model_validate(wire.loads(PAYMENT))
    assert payment.transaction_amount == Decimal("12345.67")
    assert payment.date_created == datetime(2017, 6, 17, 1, 10, 6, tzinfo=UTC)
    assert payment.date_created is not None and payment.date_created.utcoffset() == timedelta(0)
    assert payment.merchant_order_id == 9876543210 and payment.collector_id == 448876418
    assert payment.live_mode is True and payment.refunds == []


def test_missing_and_odd_fields_do_not_crash() -> None:
    payment = Payment.model_validate({"id": "123", "status": None, "date_created": "garbage",
                                      "date_approved": "2026-01-05T12:00:00",
                                      "transaction_amount_refunded": None, "refunds": None,
                                      "external_reference": 42})
    assert (payment.id, payment.status) == (123, "unknown")
    assert payment.date_created is None and payment.status_detail is None
    assert payment.date_approved == datetime(2026, 1, 5, 12, tzinfo=UTC)  # naive: UTC
    assert payment.transaction_amount is None and payment.transaction_amount_refunded == 0
    assert payment.external_reference == "42" and payment.merchant_order_id is None
    with pytest.raises(ValidationError):
        Payment.model_validate({"status": "approved"})  # no id: not a payment


def test_a_merchant_order_reads_its_collector_object() -> None:
    order = MerchantOrder.model_validate({"id": 1, "collector": {"id": 77, "nickname": "x"},
                                          "payments": None, "order_status": "paid"})
    assert (order.collector_id, order.payments, order.order_status) == (77, [], "paid")


def test_wire_writes_decimals_as_exact_numbers() -> None:
    text = wire.dumps({"a": Decimal("1234567890123456.78"), "b": [Decimal("1E+2"), 3, None],
                       "c": "ñ", "d": True})
    assert text == '{"a":1234567890123456.78,"b":[100,3,null],"c":"ñ","d":true}'.encode()
    assert wire.loads(text)["a"] == Decimal("1234567890123456.78")
    with pytest.raises(ValueError):
        wire.dumps({"x": Decimal("NaN")})
    with pytest.raises(TypeError):
        wire.dumps({"x": object()})


def test_the_preference_request_refuses_bad_input() -> None:
    base = hold().model_dump()
    for change in ({"deposit": Decimal(0)}, {"deposit": Decimal("NaN")},
                   {"expires_at": datetime(2026, 1, 5, 15, 30)},  # naive
                   {"reservation_code": ""}, {"zone": "Mars/Olympus"}):
        with pytest.raises(ValidationError):
            PreferenceRequest.model_validate(base | change)


def test_deposit_title() -> None:
    assert deposit_title("Cabaña 1", date(2026, 2, 1), date(2026, 2, 2)) == (
        "Seña Cabaña 1, 01/02/2026 al 02/02/2026 (1 noche)")
    assert len(deposit_title("x" * 400, date(2026, 2, 1), date(2026, 2, 3))) == 256
