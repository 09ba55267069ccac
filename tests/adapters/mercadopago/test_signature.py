"""``x-signature`` verification, as Mercado Pago documents it
(https://www.mercadopago.com.ar/developers/en/docs/your-integrations/notifications/webhooks):
manifest ``id:<data.id>;request-id:<x-request-id>;ts:<ts>;`` with absent parts dropped,
HMAC-SHA256 hex with the webhook secret."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest

from posada.adapters.mercadopago import SignatureError, sign_notification, verify_notification
from posada.adapters.mercadopago.signature import manifest, parse_signature

SECRET = "your-secret-key"
NOW = datetime(2026, 1, 5, 15, 0, tzinfo=UTC)
TS = str(int(NOW.timestamp()))
RID = "bb56a2f1-6aae-46ac-982e-9dcd3581d08e"


def v1(text: str, secret: str = SECRET) -> str:
    """The expected hex HMAC, computed here independently of the module."""
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


GOOD = v1(f"id:123456;request-id:{RID};ts:{TS};")


def check(header: str | None, data_id: str | None = "123456", request_id: str | None = RID,
          *, now: datetime = NOW, secret: str = SECRET) -> None:
    verify_notification(header, request_id, data_id, secret, now=now, tolerance_seconds=300)


@pytest.mark.parametrize("header", [
    f"ts={TS},v1={GOOD}",
    f"v1={GOOD},ts={TS}",                       # keys reordered
    f" ts = {TS} , v1 = {GOOD} ",               # spaces
    f"ts={TS},v1={GOOD.upper()}",               # hex in upper case
    f"ts={TS},v0=ignored,v1={GOOD},extra",      # unknown keys and parts ignored
])
def test_valid_headers(header: str) -> None:
    check(header)


@pytest.mark.parametrize(("header", "code"), [
    (None, "missing"), ("", "missing"), ("   ", "missing"),
    (f"v1={GOOD}", "malformed"),                 # no ts
    (f"ts={TS}", "malformed"),                   # no v1
    (f"ts=,v1={GOOD}", "malformed"),
    (f"ts=abc,v1={GOOD}", "malformed"),
    (f"ts={TS},v1=deadbeef", "malformed"),       # not 64 hex digits
    (f"ts={TS},v1={'z' * 64}", "malformed"),
    (f"ts={TS};v1={GOOD}", "malformed"),         # wrong separator
    (f"ts={TS},v1={v1('tampered')}", "wrong"),
    (f"ts={int(TS) + 1},v1={GOOD}", "wrong"),    # ts is signed too
])
def test_refused_headers(header: str | None, code: str) -> None:
    with pytest.raises(SignatureError) as caught:
        check(header)
    assert caught.value.code == code


def test_another_data_id_or_request_id_is_wrong() -> None:
    for data_id, request_id in (("123457", RID), ("123456", "other-request")):
        with pytest.raises(SignatureError) as caught:
            check(f"ts={TS},v1={GOOD}", data_id, request_id)
        assert caught.value.code == "wrong"


def test_another_secret_or_none_is_wrong() -> None:
    for secret in ("other-secret", ""):
        with pytest.raises(SignatureError) as caught:
            check(f"ts={TS},v1={GOOD}", secret=secret)
        assert caught.value.code == "wrong"


def test_stale_and_far_future_timestamps() -> None:
    check(f"ts={TS},v1={GOOD}", now=NOW + timedelta(seconds=300))
    for now in (NOW + timedelta(seconds=301), NOW - timedelta(seconds=301)):
        with pytest.raises(SignatureError) as caught:
            check(f"ts={TS},v1={GOOD}", now=now)
        assert caught.value.code == "stale"


def test_millisecond_timestamps() -> None:
    ms = str(int(NOW.timestamp() * 1000) + 250)
    header = f"ts={ms},v1={v1(f'id:123456;request-id:{RID};ts:{ms};')}"
    check(header)
    with pytest.raises(SignatureError) as caught:
        check(header, now=NOW + timedelta(minutes=6))
    assert caught.value.code == "stale"


def test_alphanumeric_ids_lower_cased_or_as_sent() -> None:
    lower = f"ts={TS},v1={v1(f'id:ordtst01abc;request-id:{RID};ts:{TS};')}"
    as_sent = f"ts={TS},v1={v1(f'id:ORDTST01ABC;request-id:{RID};ts:{TS};')}"
    check(lower, "ORDTST01ABC")
    check(as_sent, "ORDTST01ABC")
    with pytest.raises(SignatureError):
        check(as_sent, "ordtst01abc")  # signed upper, received lower: not the same id


def test_absent_parts_are_dropped_from_the_manifest() -> None:
    check(f"ts={TS},v1={v1(f'id:123456;ts:{TS};')}", request_id=None)
    check(f"ts={TS},v1={v1(f'request-id:{RID};ts:{TS};')}", data_id=None)
    check(f"ts={TS},v1={v1(f'ts:{TS};')}", data_id=None, request_id=None)
    with pytest.raises(SignatureError):  # the request id must not be left out when sent
        check(f"ts={TS},v1={v1(f'id:123456;ts:{TS};')}")


def test_sign_notification_round_trips() -> None:
    header = sign_notification(SECRET, "123456", RID, NOW)
    ts, digest = parse_signature(header)
    assert ts == str(int(NOW.timestamp() * 1000))
    assert digest == v1(manifest("123456", RID, ts))
    check(header)
    assert sign_notification(SECRET, "123456", RID, int(TS)) == f"ts={TS},v1={GOOD}"
