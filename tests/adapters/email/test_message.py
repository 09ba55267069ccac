"""MIME assembly: parts, the calendar attachment, and headers that cannot be injected."""

from __future__ import annotations

from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser

import pytest

from posada.adapters.email import (
    EmailFailed,
    InvalidAddress,
    Rendered,
    build_ics,
    build_message,
    render,
)
from tests.adapters.email.conftest import hold, stay

SENDER = "Los Coihues <reservas@example.com>"
RENDERED = Rendered("Asunto", "Hola, Ana", "<p>Hola, Ana</p>")


def reparse(message: object) -> object:
    return BytesParser(policy=policy.default).parsebytes(bytes(message))  # type: ignore[call-overload]


def test_text_html_and_calendar_attachment() -> None:
    ics = build_ics(stay(), "tentative", dtstamp=datetime(2026, 12, 1, tzinfo=UTC),
                    domain="example.com")
    message = build_message(render("hold", hold()), "ana@example.org", SENDER, ics,
                            "example.com", code="K7Q2M9XP", to_name="Ana Pérez")
    parsed = reparse(message)
    assert parsed.get_content_type() == "multipart/mixed"
    alternative, attachment = parsed.get_payload()
    assert alternative.get_content_type() == "multipart/alternative"
    text, html = alternative.get_payload()
    assert text.get_content_type() == "text/plain" and "Hola, Ana" in text.get_content()
    assert html.get_content_type() == "text/html" and "<p>Hola, Ana:</p>" in html.get_content()
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH"
    assert attachment.get_param("charset") == "utf-8"
    assert attachment.get_filename() == "reserva-K7Q2M9XP.ics"
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_payload(decode=True) == ics
    assert str(parsed["To"]) == "Ana Pérez <ana@example.org>"
    assert str(parsed["From"]) == SENDER
    assert parsed["Subject"].startswith("Tu pre-reserva K7Q2M9XP")
    assert parsed["Message-ID"].endswith("@example.com>")
    assert parsed["Auto-Submitted"] == "auto-generated"


def test_without_calendar_only_alternative() -> None:
    message = build_message(RENDERED, "ana@example.org", SENDER, None, "example.com")
    assert message.get_content_type() == "multipart/alternative"
    assert "Date" not in message


def test_given_message_id_reply_to_and_date() -> None:
    message = build_message(RENDERED, "ana@example.org", SENDER, None, "example.com",
                            message_id="<outbox-42@example.com>", reply_to="dueno@example.com",
                            date=datetime(2026, 12, 1, 21, 40, tzinfo=UTC))
    assert message["Message-ID"] == "<outbox-42@example.com>"
    assert str(message["Reply-To"]) == "dueno@example.com"
    assert message["Date"] == "Tue, 01 Dec 2026 21:40:00 +0000"
    with pytest.raises(ValueError, match="message_id"):
        build_message(RENDERED, "ana@example.org", SENDER, None, "example.com",
                      message_id="<a@b>\r\nBcc: x@example.com")
    with pytest.raises(ValueError, match="aware"):
        build_message(RENDERED, "ana@example.org", SENDER, None, "example.com",
                      date=datetime(2026, 12, 1))


def test_attachment_needs_the_code() -> None:
    with pytest.raises(ValueError, match="code"):
        build_message(RENDERED, "ana@example.org", SENDER, b"BEGIN:VCALENDAR", "example.com")


def test_newlines_in_names_and_subject_become_spaces() -> None:
    rendered = Rendered("Reserva\r\nBcc: intruso@example.net", "t", "<p>h</p>")
    message = build_message(rendered, "ana@example.org",
                            "Los Coihues <reservas@example.com>", None, "example.com",
                            to_name="Ana\r\nBcc: intruso@example.net\n\nCuerpo falso")
    raw = bytes(message)
    head = raw.split(b"\n\n", 1)[0]
    assert b"\nBcc:" not in head and not head.startswith(b"Bcc:")
    parsed = reparse(message)
    assert parsed["Bcc"] is None
    assert parsed["To"].addresses[0].addr_spec == "ana@example.org"
    assert parsed["To"].addresses[0].display_name == (
        "Ana Bcc: intruso@example.net Cuerpo falso")
    assert parsed["Subject"] == "Reserva Bcc: intruso@example.net"


@pytest.mark.parametrize("to", [
    "ana@example.org\r\nBcc: intruso@example.net",
    "ana@example.org, intruso@example.net",
    "Ana <ana@example.org>",
    "ana@",
    "ana@@example.org",
    "ñandú@example.org",
    "",
])
def test_bad_recipient_is_refused(to: str) -> None:
    with pytest.raises(InvalidAddress) as caught:
        build_message(RENDERED, to, SENDER, None, "example.com")
    assert isinstance(caught.value, EmailFailed)
    assert (caught.value.kind, caught.value.code) == ("final", "invalid_address")


@pytest.mark.parametrize("sender", [
    "Los Coihues <reservas@example.com>\r\nBcc: intruso@example.net",
    "a@example.com, b@example.com",
    "Los Coihues <reservas@example.com",
    "Los Coihues",
])
def test_bad_sender_is_refused(sender: str) -> None:
    with pytest.raises(InvalidAddress):
        build_message(RENDERED, "ana@example.org", sender, None, "example.com")


def test_idn_domain_is_written_ascii() -> None:
    message = build_message(RENDERED, "ana@cabañas.example", SENDER, None, "example.com")
    assert message["To"].addresses[0].domain == "xn--cabaas-zwa.example"
