"""FakeMercadoPago itself: token, counters, signed deliveries, use from threads."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import httpx
import pytest

from posada.adapters.mercadopago import (
    SignatureError,
    parse_notification,
    verify_notification,
)
from posada.adapters.mercadopago.fake import FakeMercadoPago
from tests.adapters.mercadopago.conftest import NOW, SECRET, TOKEN


async def test_every_api_route_needs_the_token(fake: FakeMercadoPago) -> None:
    async with httpx.AsyncClient(base_url=fake.url) as client:
        for method, path in (("GET", "/v1/payments/1"), ("GET", "/v1/payments/search"),
                             ("GET", "/merchant_orders/1"), ("POST", "/checkout/preferences"),
                             ("POST", "/v1/payments/1/refunds")):
            response = await client.request(method, path,
                                            headers={"Authorization": "Bearer nope"})
            assert response.status_code == 401, path
            assert response.json()["error"] == "unauthorized"
    assert sum(fake.calls.values()) == 5


async def test_the_checkout_link_answers(fake: FakeMercadoPago) -> None:
    async with httpx.AsyncClient(base_url=fake.url) as client:
        created = await client.post("/checkout/preferences", headers={
            "Authorization": f"Bearer {TOKEN}"}, content=b'{"items": [{"title": "x", '
            b'"quantity": 1, "unit_price": 10.5, "currency_id": "ARS"}]}')
        assert created.status_code == 201
        page = await client.get(created.json()["init_point"])
        missing = await client.get("/checkout/v1/redirect?pref_id=nope")
    assert page.status_code == 200 and "Checkout" in page.text
    assert missing.status_code == 404


async def test_bad_preferences_are_refused(fake: FakeMercadoPago) -> None:
    async with httpx.AsyncClient(base_url=fake.url,
                                 headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        for body in (b"{}", b'{"items": [{"unit_price": -1}]}', b"nope",
                     b'{"items": [{"unit_price": 1}], "notification_url": "ftp://x"}'):
            response = await client.post("/checkout/preferences", content=body)
            assert response.status_code == 400, body
    assert fake.preferences == {}


def test_notify_builds_a_delivery_that_verifies() -> None:
    fake = FakeMercadoPago(TOKEN, webhook_secret=SECRET, clock=lambda: NOW)
    delivery = fake.notify(1310000001, request_id="req-1")
    assert delivery.query == {"data.id": "1310000001", "type": "payment"}
    assert delivery.target() == "/webhooks/mercadopago?data.id=1310000001&type=payment"
    note = parse_notification(delivery.query, delivery.body)
    assert (note.payment_id, note.action) == (1310000001, "payment.updated")
    verify_notification(delivery.headers["x-signature"], delivery.headers["x-request-id"],
                        note.signed_id, SECRET, now=NOW + timedelta(seconds=5))
    with pytest.raises(SignatureError):
        verify_notification(delivery.headers["x-signature"], "req-2", note.signed_id, SECRET,
                            now=NOW)
    forged = fake.notify(1310000001, secret="not-the-secret")
    with pytest.raises(SignatureError) as caught:
        verify_notification(forged.headers["x-signature"], forged.headers["x-request-id"],
                            "1310000001", SECRET, now=NOW)
    assert caught.value.code == "wrong"
    legacy = fake.notify(1310000001, legacy=True)
    assert legacy.query == {"topic": "payment", "id": "1310000001"}
    assert "x-signature" not in legacy.headers
    assert parse_notification(legacy.query, legacy.body).legacy_ipn


def test_pay_from_many_threads() -> None:
    with FakeMercadoPago(TOKEN) as fake:
        ids: list[int] = []
        lock = threading.Lock()

        def work() -> None:
            for _ in range(25):
                payment_id = fake.pay("THREADED", amount=Decimal("1.00"))
                with lock:
                    ids.append(payment_id)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        response = httpx.get(f"{fake.url}/v1/payments/search",
                             params={"external_reference": "THREADED", "limit": 1000},
                             headers={"Authorization": f"Bearer {TOKEN}"})
    assert len(set(ids)) == 200
    assert response.json()["paging"]["total"] == 200


def test_pay_needs_an_amount_without_a_preference() -> None:
    fake = FakeMercadoPago()
    with pytest.raises(KeyError):
        fake.pay("NOSUCHREF")
