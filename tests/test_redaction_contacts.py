"""Every phone and e-mail the API accepts is redacted from logs (Hypothesis over contacts)."""

from __future__ import annotations

import pydantic
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from posada.domain.contacts import phone_digits
from posada.observability import redact
from posada.web.schemas import HoldIn

BASE = {"accommodation_id": 1, "check_in": "2027-01-10", "check_out": "2027-01-12",
        "guests": 2, "guest_name": "Ana"}


def accepted(field: str, value: str) -> str | None:
    """``value`` as the API stores it, or ``None`` when the API refuses it."""
    try:
        return str(getattr(HoldIn.model_validate({**BASE, field: value}), field))
    except pydantic.ValidationError:
        return None


phones = st.from_regex(r"\A\+?[0-9 ()-]{6,30}\Z").map(str.strip)
words = st.sampled_from(["hold for", "llamar al", "tel:", "wa", "", "contacto", "(", "["])


@settings(max_examples=400, suppress_health_check=[HealthCheck.filter_too_much])
@given(phone=phones, before=words, after=st.sampled_from(["", " ok", ".", ", gracias", ")"]))
def test_every_accepted_phone_is_redacted(phone: str, before: str, after: str) -> None:
    stored = accepted("guest_phone", phone)
    assume(stored is not None)  # a refused phone is never stored, so never logged as one
    assert stored is not None
    line = redact(f"{before} {stored}{after}")
    assert phone_digits(stored) not in phone_digits(line), line


@settings(max_examples=400, suppress_health_check=[HealthCheck.filter_too_much])
@given(email=st.emails(), before=words)
def test_every_accepted_email_is_redacted(email: str, before: str) -> None:
    stored = accepted("guest_email", email)
    assume(stored is not None)
    assert stored is not None
    line = redact(f"{before} {stored} end")
    assert stored not in line and "@" not in line, line


unicode_part = st.text(st.characters(categories=["L", "M", "N"]), min_size=1, max_size=12)


@settings(max_examples=400, suppress_health_check=[HealthCheck.filter_too_much])
@given(local=unicode_part, label=unicode_part, tld=unicode_part, before=words)
def test_every_accepted_international_email_is_redacted(
    local: str, label: str, tld: str, before: str
) -> None:
    stored = accepted("guest_email", f"{local}@{label}.{tld}")
    assume(stored is not None)
    assert stored is not None
    line = redact(f"{before} {stored} end")
    assert "@" not in line, line
    redacted = line.split()[len(before.split()):-1]  # the words in place of the address
    assert stored.split("@")[0] not in redacted, line  # (its local part may be "end")


def test_the_shapes_that_used_to_leak() -> None:
    assert accepted("guest_phone", "12345678901234567") is None  # 17 digits: refused now
    assert accepted("guest_email", "a{b}@example.com") == "a{b}@example.com"
    assert redact("a{b}@example.com wrote") == "[email] wrote"
    assert redact("id 12345678901234567 and +54 (294) 412-3456") == "id [phone] and [phone]"
    for address in ("ana@डाटामेल.भारत", "किशोर@example.com", "o'neil@example.com"):
        line = redact(f"guest_email='{address}' saved")
        assert "[email]" in line and "@" not in line and address.split("@")[0] not in line
