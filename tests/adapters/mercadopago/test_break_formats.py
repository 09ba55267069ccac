"""BREAK tests (issue 9): real-looking Mercado Pago payloads against our readers. A failing
test here is a defect; the rest are attacks that held up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from posada.adapters.mercadopago import Payment, wire
from posada.adapters.mercadopago.notifications import NotificationError, parse_notification
from posada.adapters.mercadopago.signature import (
    SignatureError,
    manifest,
    verify_notification,
)
from posada.adapters.mercadopago.signature import _digest as digest

SECRET = "b0a1c2d3e4f5-webhook-secret"
NOW = datetime(2026, 5, 25, 16, 1, 8, tzinfo=UTC)


def test_break_payment_collector_given_as_an_object_is_read() -> None:
    """DEFECT: a payment naming its seller only as ``"collector": {"id": …}`` (as merchant
    orders do, and as newer payment payloads carry it) reads ``collector_id=None``, so a
    payment made to another account is never flagged ``other_collector``."""
    payment = Payment.model_validate(wire.loads(
        b'{"id": 1319000001, "status": "approved", "status_detail": "accredited",'
        b' "transaction_amount": 15000.0, "currency_id": "ARS",'
        b' "collector": {"id": 99887766, "email": null, "nickname": "OTRA"}}'))
    assert payment.collector_id == 99887766


@pytest.mark.parametrize("amount", [b"15000", b"15000.0", b'"15000.00"', b"15000.000"])
def test_break_amounts_in_every_spelling_are_the_same_deposit(amount: bytes) -> None:
    """Held: integer, float and string amounts read as the same ``Decimal``."""
    payment = Payment.model_validate(wire.loads(
        b'{"id": "1319000002", "status": "approved", "transaction_amount": ' + amount +
        b', "transaction_amount_refunded": null, "refunds": null, "external_reference": null,'
        b' "collector_id": "448876418", "order": {}}'))
    assert payment.transaction_amount == Decimal(15000)
    assert payment.collector_id == 448876418 and payment.external_reference is None


@pytest.mark.parametrize("header", [
    "ts={ts},v1={v1}", "v1={v1},ts={ts}", " ts = {ts} ,  v1 = {V1} ",
    "ts={ts},v1={v1},v2=deadbeef", "ts={ts},v1={v1},", "kid=1,ts={ts},v1={v1}"])
@pytest.mark.parametrize("stamp", [int(NOW.timestamp()), int(NOW.timestamp() * 1000)])
def test_break_real_header_spellings_verify(header: str, stamp: int) -> None:
    """Held: keys in any order, spaces, upper-case hex, extra keys, ``ts`` in s or ms."""
    v1 = digest(SECRET, manifest("1319000003", "f7b2a1d4-0b1c-4ec2", str(stamp)))
    value = header.format(ts=stamp, v1=v1, V1=v1.upper())
    verify_notification(value, " f7b2a1d4-0b1c-4ec2 ", "1319000003", SECRET, now=NOW)


def test_break_a_replayed_signature_is_stale_after_the_tolerance() -> None:
    """Held: a captured delivery replayed six minutes later is refused."""
    stamp = str(int(NOW.timestamp()))
    v1 = digest(SECRET, manifest("1319000003", "r", stamp))
    with pytest.raises(SignatureError) as caught:
        verify_notification(f"ts={stamp},v1={v1}", "r", "1319000003", SECRET,
                            now=NOW + timedelta(minutes=6))
    assert caught.value.code == "stale"


def test_break_the_webhook_body_with_numeric_ids_reads() -> None:
    """Held: the webhook body with numeric ``id``/``user_id`` and a string ``data.id``."""
    note = parse_notification({"data.id": "1319000004", "type": "payment"}, wire.dumps({
        "id": 112233445566, "live_mode": True, "type": "payment",
        "date_created": "2026-05-25T13:01:08.000-03:00", "application_id": 1234567890,
        "user_id": 987654321, "version": 1, "api_version": "v1",
        "action": "payment.updated", "data": {"id": "1319000004"}}))
    assert note.payment_id == 1319000004 and note.user_id == "987654321"
    assert not note.legacy_ipn and note.signed_id == "1319000004"


def test_break_a_deeply_nested_body_is_bad_json() -> None:
    """DEFECT: 60,000 nested ``[`` (under ``MAX_BODY``) raise ``RecursionError`` out of
    ``parse_notification`` instead of ``NotificationError("bad_json")``."""
    with pytest.raises(NotificationError) as caught:
        parse_notification({"data.id": "1", "type": "payment"}, b"[" * 60_000)
    assert caught.value.code == "bad_json"
