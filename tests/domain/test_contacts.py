"""One guest, one key: phone numbers written every way people (and WhatsApp) write them."""

from __future__ import annotations

import pytest

from posada.domain.contacts import email_key, phone_key

SAME_LINE = [
    "+54 9 294 555-0001", "2945550001", "294 555 0001", "0294 15 555 0001", "5492945550001",
    "+54 9 0294 555 0001", "+054 9 294 555 0001", "+54 9 294 15 555 0001", "0054 9 294 5550001",
    "+54 294 555-0001", "(0294) 15-555-0001",
]


@pytest.mark.parametrize("written", SAME_LINE)
def test_an_argentine_mobile_has_one_key(written: str) -> None:
    assert phone_key(written) == "+542945550001"


@pytest.mark.parametrize(("written", "key"), [
    ("598 99 123 456", "+59899123456"), ("+598 99 123 456", "+59899123456"),
    ("16502530000", "+16502530000"), ("+1 650 253 0000", "+16502530000"),
    ("11 2345 6789", "+541123456789"), ("+549 11 2345 6789", "+541123456789"),
])
def test_foreign_numbers_with_or_without_plus(written: str, key: str) -> None:
    assert phone_key(written) == key


def test_no_phone_and_emails() -> None:
    assert phone_key(None) is None and phone_key("") is None and phone_key("()") is None
    assert email_key(" Ana@Example.COM ") == "ana@example.com"
    assert email_key(None) is None and email_key("  ") is None
