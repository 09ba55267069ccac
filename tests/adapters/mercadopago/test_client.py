"""MercadoPagoGateway against FakeMercadoPago (a real HTTP server): each call, exact money,
idempotent creates and refunds."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from posada.adapters.mercadopago import (
    GatewayConfig,
    GatewayError,
    MercadoPagoGateway,
)
from posada.adapters.mercadopago.fake import FakeMercadoPago
from posada.domain.payments import idempotency_key
from tests.adapters.mercadopago.conftest import NOW, TOKEN, create, hold


async def test_create_preference_sends_checkout_pro_fields(fake: FakeMercadoPago,
                                                           gateway: MercadoPagoGateway) -> None:
    preference = await create(gateway, hold())
    assert preference.id.startswith(f"{fake.collector_id}-")
    assert preference.init_point == f"{fake.url}/checkout/v1/redirect?pref_id={preference.id}"
    assert preference.sandbox_init_point and preference.sandbox_init_point.startswith(fake.url)
    assert preference.external_reference == "K7Q2M9XP"
    assert preference.expiration_date_to == datetime(2026, 1, 5, 15, 30, tzinfo=UTC)
    sent = fake.preferences[preference.id]
    assert sent["items"] == [{"id": "K7Q2M9XP",
                              "title": "Seña Cabaña del Lago, 10/01/2026 al 13/01/2026 "
                                       "(3 noches)",
                              "quantity": 1, "unit_price": Decimal("12345.67"),
                              "currency_id": "ARS"}]
    assert sent["expires"] is True and sent["binary_mode"] is True
    assert sent["expiration_date_to"] == "2026-01-05T12:30:00.000-03:00"
    assert sent["payment_methods"]["excluded_payment_types"] == [{"id": "ticket"},
                                                                 {"id": "atm"}]
    assert sent["notification_url"] == "https://posada.example/webhooks/mercadopago"
    assert sent["back_urls"] == {"success": "https://posada.example/r/ok",
                                 "pending": "https://posada.example/r/pending",
                                 "failure": "https://posada.example/r/failed"}
    assert sent["auto_return"] == "approved" and sent["payer"] == {"email": "lucia@example.com"}
    assert fake.calls["create_preference"] == 1


async def test_preference_without_back_urls_has_no_auto_return(
        fake: FakeMercadoPago, gateway: MercadoPagoGateway) -> None:
    request = hold().model_copy(update={"back_urls": None, "notification_url": None,
                                        "zone": "UTC"})
    preference = await create(gateway, request)
    sent = fake.preferences[preference.id]
    assert "auto_return" not in sent and "back_urls" not in sent
    assert "notification_url" not in sent
    assert sent["expiration_date_to"] == "2026-01-05T15:30:00.000+00:00"


async def test_a_retried_create_gets_the_same_preference(fake: FakeMercadoPago,
                                                         gateway: MercadoPagoGateway) -> None:
    first = await create(gateway, hold())
    again = await create(gateway, hold())
    other = await create(gateway, hold("OTHER123"))
    assert again.id == first.id and other.id != first.id
    assert len(fake.preferences) == 2


async def test_money_stays_exact_beyond_float_precision(fake: FakeMercadoPago,
                                                        gateway: MercadoPagoGateway) -> None:
    big = "1234567890123456.78"  # 18 significant digits: a float would round it
    assert str(float(big)) != big
    preference = await create(gateway, hold(deposit=big))
    assert fake.preferences[preference.id]["items"][0]["unit_price"] == Decimal(big)
    payment = await gateway.get_payment(fake.pay(preference.id))
    assert payment.transaction_amount == Decimal(big)
    assert isinstance(payment.transaction_amount, Decimal)


async def test_get_payment(fake: FakeMercadoPago, gateway: MercadoPagoGateway) -> None:
    preference = await create(gateway, hold())
    payment_id = fake.pay(preference.id)
    payment = await gateway.get_payment(payment_id)
    assert (payment.id, payment.status, payment.status_detail) == (payment_id, "approved",
                                                                   "accredited")
    assert payment.external_reference == "K7Q2M9XP" and payment.currency_id == "ARS"
    assert payment.transaction_amount == Decimal("12345.67")
    assert payment.transaction_amount_refunded == 0 and payment.refunds == []
    assert payment.collector_id == fake.collector_id
    assert payment.date_approved == NOW and payment.date_created == NOW
    assert payment.payment_type_id == "credit_card" and payment.merchant_order_id is not None


async def test_unknown_and_custom_statuses_are_kept(fake: FakeMercadoPago,
                                                    gateway: MercadoPagoGateway) -> None:
    payment_id = fake.pay("NOPREF01", "in_process", amount=Decimal("10.00"))
    fake.set_status(payment_id, "some_new_status", "who_knows")
    payment = await gateway.get_payment(payment_id)
    assert (payment.status, payment.status_detail) == ("some_new_status", "who_knows")


async def test_search_by_external_reference_pages_newest_first(
        fake: FakeMercadoPago) -> None:
    ticks = itertools.count()
    fake.store.clock = lambda: NOW + timedelta(seconds=next(ticks))
    ids = [fake.pay("MANY0001", "rejected", amount=Decimal("5.00")) for _ in range(57)]
    fake.pay("ELSEWHER", amount=Decimal("5.00"))
    gateway = MercadoPagoGateway(TOKEN, base_url=fake.url)
    try:
        found = await gateway.search_payments("MANY0001")
    finally:
        await gateway.aclose()
    assert [p.id for p in found] == list(reversed(ids))
    assert fake.calls["search_payments"] == 2  # 50 + 7


async def test_search_lags_behind_a_new_payment(fake: FakeMercadoPago,
                                                gateway: MercadoPagoGateway) -> None:
    fake.search_lag(2)
    payment_id = fake.pay("LAGGING1", amount=Decimal("100.00"))
    assert await gateway.search_payments("LAGGING1") == []
    assert await gateway.search_payments("LAGGING1") == []
    assert [p.id for p in await gateway.search_payments("LAGGING1")] == [payment_id]
    assert (await gateway.get_payment(payment_id)).id == payment_id  # GET never lags


async def test_get_merchant_order(fake: FakeMercadoPago, gateway: MercadoPagoGateway) -> None:
    preference = await create(gateway, hold())
    rejected = fake.pay(preference.id, "rejected")
    approved = fake.pay(preference.id)
    order_id = (await gateway.get_payment(approved)).merchant_order_id
    assert order_id is not None
    order = await gateway.get_merchant_order(order_id)
    assert order.preference_id == preference.id and order.external_reference == "K7Q2M9XP"
    assert (order.status, order.order_status) == ("closed", "paid")
    assert order.paid_amount == order.total_amount == Decimal("12345.67")
    assert order.collector_id == fake.collector_id
    assert [(p.id, p.status) for p in order.payments] == [(rejected, "rejected"),
                                                          (approved, "approved")]


async def test_partial_then_full_refund(fake: FakeMercadoPago,
                                        gateway: MercadoPagoGateway) -> None:
    payment_id = fake.pay((await create(gateway, hold())).id)
    part = await gateway.refund(payment_id, Decimal("345.67"),
                                key=idempotency_key("K7Q2M9XP", "refund", Decimal("345.67")))
    assert (part.payment_id, part.amount, part.status) == (payment_id, Decimal("345.67"),
                                                           "approved")
    payment = await gateway.get_payment(payment_id)
    assert (payment.status, payment.status_detail) == ("approved", "partially_refunded")
    assert payment.transaction_amount_refunded == Decimal("345.67")
    rest = await gateway.refund(payment_id, None, key=idempotency_key("K7Q2M9XP", "refund",
                                                                      None))
    assert rest.amount == Decimal("12000.00")
    payment = await gateway.get_payment(payment_id)
    assert payment.status == "refunded" and payment.transaction_amount_refunded == Decimal(
        "12345.67")
    assert [r.id for r in payment.refunds] == [part.id, rest.id]
    assert fake.refunds_made == 2


async def test_the_same_refund_key_never_refunds_twice(fake: FakeMercadoPago,
                                                       gateway: MercadoPagoGateway) -> None:
    payment_id = fake.pay((await create(gateway, hold())).id)
    key = idempotency_key("K7Q2M9XP", "refund", Decimal("100"))
    first = await gateway.refund(payment_id, Decimal("100"), key=key)
    again = await gateway.refund(payment_id, Decimal("100.00"), key=key)
    assert again == first and fake.refunds_made == 1 and fake.calls["refund"] == 2
    assert (await gateway.get_payment(payment_id)).transaction_amount_refunded == 100


async def test_refunding_more_than_paid_is_final(fake: FakeMercadoPago,
                                                 gateway: MercadoPagoGateway) -> None:
    payment_id = fake.pay("NOPREF02", amount=Decimal("50.00"))
    with pytest.raises(GatewayError) as caught:
        await gateway.refund(payment_id, Decimal("50.01"), key="k-too-much")
    assert (caught.value.kind, caught.value.http_status, caught.value.code) == ("final", 400,
                                                                              "4")
    assert fake.refunds_made == 0


async def test_from_config_and_repr_hide_the_token(fake: FakeMercadoPago) -> None:
    config = GatewayConfig(access_token=TOKEN, base_url=fake.url + "/")
    gateway = MercadoPagoGateway.from_config(config)
    try:
        assert TOKEN not in repr(gateway) and TOKEN not in repr(config)
        payment_id = fake.pay("NOPREF03", amount=Decimal("1.00"))
        assert (await gateway.get_payment(payment_id)).id == payment_id
    finally:
        await gateway.aclose()
