"""Reading deliveries: the modern webhook
(https://www.mercadopago.com.ar/developers/en/docs/your-integrations/notifications/webhooks)
and the legacy IPN form
(https://www.mercadopago.com.ar/developers/en/docs/your-integrations/notifications/ipn)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from posada.adapters.mercadopago import NotificationError, parse_notification

#: A payment webhook body as Mercado Pago's documentation shows it.
WEBHOOK = (b'{"action": "payment.updated", "api_version": "v1", "data": {"id": "123456"},'
           b' "date_created": "2021-11-01T02:02:02Z", "id": 123456, "live_mode": false,'
           b' "type": "payment", "user_id": 2025701502}')


def test_a_payment_webhook() -> None:
    note = parse_notification({"data.id": "123456", "type": "payment"}, WEBHOOK)
    assert (note.kind, note.resource_id, note.payment_id, note.legacy_ipn) == (
        "payment", "123456", 123456, False)
    assert (note.signed_id, note.action, note.live_mode) == ("123456", "payment.updated", False)
    assert (note.notification_id, note.user_id, note.api_version) == ("123456", "2025701502",
                                                                      "v1")
    assert note.date_created == datetime(2021, 11, 1, 2, 2, 2, tzinfo=UTC)
    assert note.merchant_order_id is None


def test_the_query_alone_is_enough() -> None:
    note = parse_notification({"data.id": "77", "type": "payment"}, b"")
    assert (note.payment_id, note.action, note.signed_id) == (77, None, "77")


def test_the_body_alone_names_the_resource_but_nothing_is_signed() -> None:
    note = parse_notification({}, WEBHOOK)
    assert (note.kind, note.resource_id, note.signed_id) == ("payment", "123456", None)


@pytest.mark.parametrize(("query", "kind", "order_id"), [
    ({"topic": "merchant_order", "id": "2930"}, "merchant_order", 2930),
    ({"data.id": "2930", "type": "topic_merchant_order_wh"}, "merchant_order", 2930),
])
def test_merchant_orders(query: dict[str, str], kind: str, order_id: int) -> None:
    note = parse_notification(query, b"")
    assert (note.kind, note.merchant_order_id, note.payment_id) == (kind, order_id, None)


def test_legacy_ipn() -> None:
    note = parse_notification({"topic": "payment", "id": "1310000001"},
                              b'{"resource": "1310000001", "topic": "payment"}')
    assert (note.kind, note.payment_id, note.legacy_ipn, note.signed_id) == (
        "payment", 1310000001, True, None)
    order = parse_notification(
        {"topic": "merchant_order"},
        b'{"resource": "https://api.mercadolibre.com/merchant_orders/8231", '
        b'"topic": "merchant_order"}')
    assert (order.merchant_order_id, order.legacy_ipn) == (8231, True)


def test_other_topics_are_kept_as_text() -> None:
    note = parse_notification({"data.id": "ORDTST01ABC", "type": "order"}, b"")
    assert (note.kind, note.resource_id, note.payment_id) == ("order", "ORDTST01ABC", None)


@pytest.mark.parametrize(("query", "body", "code"), [
    ({"type": "payment"}, b"", "no_id"),
    ({"topic": "payment"}, b"", "no_id"),
    ({}, b"", "no_id"),
    ({"data.id": "1"}, b"", "no_type"),
    ({"data.id": "1", "type": "payment"}, b"{not json", "bad_json"),
    ({"data.id": "1", "type": "payment"}, b"[1, 2]", "bad_json"),
    ({"data.id": "1", "type": "payment"}, b"\xff\xfe", "bad_json"),
    ({"data.id": "9" * 30, "type": "payment"}, b"", "bad_id"),     # over 64 bits
    ({"data.id": "9" * 65, "type": "order"}, b"", "bad_id"),       # over 64 characters
    ({"data.id": "12ab", "type": "payment"}, b"", "bad_id"),       # payments are numbers
    ({"data.id": "1;drop", "type": "order"}, b"", "bad_id"),
    ({"topic": "payment", "id": "-5"}, b"", "bad_id"),
    ({"data.id": "1", "type": "payment"}, b'{"data": {"id": "2"}}', "id_mismatch"),
    ({"data.id": "1", "type": "payment"}, b" " * (64 * 1024 + 1), "too_large"),
])
def test_garbage(query: dict[str, str], body: bytes, code: str) -> None:
    with pytest.raises(NotificationError) as caught:
        parse_notification(query, body)
    assert caught.value.code == code
