"""X-Hub-Signature-256: HMAC-SHA256 of the exact body bytes with the app secret."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from posada.adapters.whatsapp import sign, verify_signature

from .conftest import APP_SECRET, DELIVERIES, SIGNATURES, raw

BODY = raw("text_escaped_unicode.json")
GOOD = sign(APP_SECRET, BODY)


def test_sign_is_hmac_sha256_hex_with_prefix() -> None:
    digest = hmac.new(APP_SECRET.encode(), BODY, hashlib.sha256).hexdigest()
    assert GOOD == "sha256=" + digest
    assert verify_signature(APP_SECRET, BODY, GOOD)


@pytest.mark.parametrize("name", DELIVERIES)
def test_every_fixture_carries_its_recorded_signature(name: str) -> None:
    header = SIGNATURES["signatures"][name]
    assert verify_signature(APP_SECRET, raw(name), header)
    assert not verify_signature("another-secret", raw(name), header)


def test_signatures_file_lists_every_fixture() -> None:
    assert sorted(SIGNATURES["signatures"]) == DELIVERIES


def test_escaped_body_is_signed_as_sent_not_as_reserialised() -> None:
    assert b"\\u00bfTienen lugar" in BODY and b"\\ud83c\\udfe1" in BODY
    for reserialised in (json.dumps(json.loads(BODY), ensure_ascii=False).encode(),
                         json.dumps(json.loads(BODY), indent=2).encode(),
                         json.dumps(json.loads(BODY), separators=(",", ":"),
                                    ensure_ascii=False).encode()):
        assert reserialised != BODY
        assert not verify_signature(APP_SECRET, reserialised, GOOD)


def test_upper_case_hex_digits_are_accepted_and_whitespace_ignored() -> None:
    assert verify_signature(APP_SECRET, BODY, "sha256=" + GOOD[7:].upper())
    assert verify_signature(APP_SECRET, BODY, f"  {GOOD}\t")


@pytest.mark.parametrize("header", [
    None, "", "   ", GOOD[7:], "sha256=", "SHA256=" + GOOD[7:], "Sha256=" + GOOD[7:],
    "sha1=" + GOOD[7:], "sha256 =" + GOOD[7:], "sha256=" + GOOD[7:-1],
    GOOD + "0", "sha256=" + "g" * 64, "sha256=" + GOOD[7:-2] + "  ",
    "sha256=" + GOOD[7:] + ",sha256=" + GOOD[7:], "sha256=" + "ä" * 64,
])
def test_missing_or_malformed_headers_are_refused(header: str | None) -> None:
    assert not verify_signature(APP_SECRET, BODY, header)


def test_wrong_or_empty_secret_is_refused() -> None:
    assert not verify_signature("not-the-secret", BODY, GOOD)
    assert not verify_signature("", BODY, sign("", BODY))


def test_one_flipped_byte_anywhere_is_refused() -> None:
    for position in (0, len(BODY) // 2, len(BODY) - 1):
        flipped = bytearray(BODY)
        flipped[position] ^= 0x01
        assert not verify_signature(APP_SECRET, bytes(flipped), GOOD)
    assert not verify_signature(APP_SECRET, BODY + b"\n", GOOD)


def test_one_flipped_hex_digit_is_refused() -> None:
    last = GOOD[-1]
    other = "0" if last != "0" else "1"
    assert not verify_signature(APP_SECRET, BODY, GOOD[:-1] + other)
