"""The error kinds of MercadoPagoGateway: retry, uncertain, not_found, final — and a read
timeout on a refund whose retry with the same key refunds once."""

from __future__ import annotations

import logging
import socket
from decimal import Decimal

import httpx
import pytest

from posada.adapters.mercadopago import GatewayError, MercadoPagoGateway
from posada.adapters.mercadopago.fake import FakeMercadoPago
from posada.domain.payments import idempotency_key
from tests.adapters.mercadopago.conftest import TOKEN, create, hold


async def payment_error(gateway: MercadoPagoGateway, payment_id: int = 1) -> GatewayError:
    with pytest.raises(GatewayError) as caught:
        await gateway.get_payment(payment_id)
    return caught.value


async def test_unknown_ids_are_not_found(gateway: MercadoPagoGateway) -> None:
    error = await payment_error(gateway, 999)
    assert (error.kind, error.http_status, error.code) == ("not_found", 404, "2000")
    with pytest.raises(GatewayError) as caught:
        await gateway.get_merchant_order(999)
    assert caught.value.kind == "not_found"
    with pytest.raises(GatewayError) as caught:
        await gateway.refund(999, None, key="k")
    assert caught.value.kind == "not_found"


async def test_a_500_once_then_success(fake: FakeMercadoPago,
                                       gateway: MercadoPagoGateway) -> None:
    payment_id = fake.pay("NOPREF10", amount=Decimal("10"))
    fake.fail_next(1, 500)
    error = await payment_error(gateway, payment_id)
    assert (error.kind, error.http_status, error.retry_after) == ("retry", 500, None)
    assert (await gateway.get_payment(payment_id)).id == payment_id
    assert fake.calls["get_payment"] == 2


async def test_an_html_502_is_retry(fake: FakeMercadoPago, gateway: MercadoPagoGateway) -> None:
    fake.fail_next(1, 502, body=b"<html>Bad Gateway</html>")
    error = await payment_error(gateway)
    assert (error.kind, error.http_status, error.code) == ("retry", 502, "http_502")


async def test_429_carries_retry_after(fake: FakeMercadoPago,
                                       gateway: MercadoPagoGateway) -> None:
    fake.fail_next(1, 429, retry_after="7")
    error = await payment_error(gateway)
    assert (error.kind, error.retry_after) == ("retry", 7.0)


async def test_a_failed_create_is_not_stored(fake: FakeMercadoPago,
                                             gateway: MercadoPagoGateway) -> None:
    fake.fail_next(1, 503, route="create_preference")
    with pytest.raises(GatewayError) as caught:
        await create(gateway, hold())
    assert caught.value.kind == "retry" and fake.preferences == {}
    await create(gateway, hold())
    assert len(fake.preferences) == 1


async def test_a_bad_token_is_final_and_never_logged(
        fake: FakeMercadoPago, caplog: pytest.LogCaptureFixture) -> None:
    wrong = "APP_USR-wrong-token-secret-value"
    gateway = MercadoPagoGateway(wrong, base_url=fake.url)
    caplog.set_level(logging.DEBUG)
    try:
        with pytest.raises(GatewayError) as caught:
            await gateway.get_payment(1)
    finally:
        await gateway.aclose()
    error = caught.value
    assert (error.kind, error.http_status, error.code) == ("final", 401, "unauthorized")
    assert wrong not in str(error) and wrong not in caplog.text
    assert "mercadopago" in caplog.text


async def test_other_4xx_are_final(fake: FakeMercadoPago, gateway: MercadoPagoGateway) -> None:
    fake.fail_next(1, 400)
    error = await payment_error(gateway)
    assert (error.kind, error.http_status, error.code) == ("final", 400, "bad_request")


async def test_nothing_listening_is_retry() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    gateway = MercadoPagoGateway(TOKEN, base_url=f"http://127.0.0.1:{port}", timeout=1)
    try:
        error = await payment_error(gateway)
    finally:
        await gateway.aclose()
    assert (error.kind, error.code, error.http_status) == ("retry", "connect_error", None)


async def test_a_read_timeout_on_a_get_is_retry(fake: FakeMercadoPago) -> None:
    payment_id = fake.pay("NOPREF11", amount=Decimal("10"))
    fake.delay(0.5, route="get_payment")
    gateway = MercadoPagoGateway(TOKEN, base_url=fake.url,
                                 timeout=httpx.Timeout(2, read=0.1))
    try:
        error = await payment_error(gateway, payment_id)
    finally:
        await gateway.aclose()
    assert (error.kind, error.code) == ("retry", "timeout")


async def test_a_read_timeout_on_a_refund_is_uncertain_and_the_retry_refunds_once(
        fake: FakeMercadoPago) -> None:
    payment_id = fake.pay("NOPREF12", amount=Decimal("300.00"))
    key = idempotency_key("NOPREF12", "refund", Decimal("150"))
    fake.delay(0.5, route="refund")
    slow = MercadoPagoGateway(TOKEN, base_url=fake.url, timeout=httpx.Timeout(2, read=0.1))
    try:
        with pytest.raises(GatewayError) as caught:
            await slow.refund(payment_id, Decimal("150"), key=key)
    finally:
        await slow.aclose()
    assert (caught.value.kind, caught.value.code) == ("uncertain", "timeout")
    assert fake.refunds_made == 1  # it did happen
    fake.delay(0, route="refund")
    gateway = MercadoPagoGateway(TOKEN, base_url=fake.url)
    try:
        refund = await gateway.refund(payment_id, Decimal("150"), key=key)
        payment = await gateway.get_payment(payment_id)
    finally:
        await gateway.aclose()
    assert refund.amount == Decimal("150") and fake.refunds_made == 1
    assert payment.transaction_amount_refunded == Decimal("150")


async def test_success_without_json_on_a_post_is_uncertain(
        fake: FakeMercadoPago, gateway: MercadoPagoGateway) -> None:
    fake.fail_next(1, 201, body=b"<html>ok?</html>", route="create_preference")
    with pytest.raises(GatewayError) as caught:
        await create(gateway, hold())
    assert (caught.value.kind, caught.value.code) == ("uncertain", "invalid_response")
    fake.fail_next(1, 200, body=b"not json", route="get_payment")
    error = await payment_error(gateway)
    assert (error.kind, error.code) == ("retry", "invalid_response")
