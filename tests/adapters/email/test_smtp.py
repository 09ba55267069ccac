"""SmtpSender against a real aiosmtpd server on 127.0.0.1: delivery, TLS and every failure."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from email.message import EmailMessage

import aiosmtplib
import pytest
from pydantic import ValidationError

from posada.adapters.email import (
    EmailFailed,
    SmtpConfig,
    SmtpSender,
    build_ics,
    build_message,
    render,
)
from posada.adapters.email.errors import CODES
from posada.adapters.email.fake import SmtpServer
from posada.adapters.email.smtp import failure
from tests.adapters.email.conftest import Certificate, hold, stay

SENDER = "Los Coihues <reservas@example.com>"
SECRET = "s3cret-p4ss"


def message(to: str = "ana@example.org") -> EmailMessage:
    ics = build_ics(stay(), "tentative", dtstamp=datetime(2026, 12, 1, tzinfo=UTC),
                    domain="example.com")
    return build_message(render("hold", hold()), to, SENDER, ics, "example.com",
                         code="K7Q2M9XP", to_name="Ana")


@pytest.fixture
async def smtp() -> AsyncIterator[SmtpServer]:
    async with SmtpServer(user="posada", password=SECRET) as server:
        yield server


async def test_send_is_received_multipart_with_attachment(smtp: SmtpServer) -> None:
    sent = message()
    message_id = await SmtpSender(smtp.config(sender=SENDER)).send(sent)
    [received] = await asyncio.to_thread(smtp.wait_for, 1)
    assert received.mail_from == "reservas@example.com"
    assert received.rcpt_tos == ("ana@example.org",)
    assert received.user == "posada"
    got = received.message
    assert got["Message-ID"] == message_id == sent["Message-ID"]
    assert got["Date"] is not None  # stamped when sending
    assert got.get_content_type() == "multipart/mixed"
    alternative, attachment = got.get_payload()
    assert [p.get_content_type() for p in alternative.get_payload()] == [
        "text/plain", "text/html"]
    assert "K7Q2M9XP" in alternative.get_payload()[0].get_content()
    assert attachment.get_filename() == "reserva-K7Q2M9XP.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert b"METHOD:PUBLISH" in attachment.get_payload(decode=True)


async def test_defaults_filled_in_when_missing(smtp: SmtpServer) -> None:
    bare = EmailMessage()
    bare["To"] = "ana@example.org"
    bare["Subject"] = "Hola"
    bare.set_content("Hola")
    message_id = await SmtpSender(smtp.config(sender=SENDER)).send(bare)
    [received] = await asyncio.to_thread(smtp.wait_for, 1)
    assert message_id.endswith("@example.com>")
    assert str(received.message["From"]) == SENDER


async def test_451_is_retry_then_the_resend_goes_through(smtp: SmtpServer) -> None:
    smtp.defer_next(1)
    sender = SmtpSender(smtp.config())
    with pytest.raises(EmailFailed) as caught:
        await sender.send(message())
    assert (caught.value.kind, caught.value.code, caught.value.smtp_status) == (
        "retry", "deferred", 451)
    assert smtp.received == []
    await sender.send(message())
    assert len(await asyncio.to_thread(smtp.wait_for, 1)) == 1


async def test_421_is_retry(smtp: SmtpServer) -> None:
    smtp.defer_next(1, "421 4.3.2 Service shutting down")
    with pytest.raises(EmailFailed) as caught:
        await SmtpSender(smtp.config()).send(message())
    assert (caught.value.kind, caught.value.code) == ("retry", "service_unavailable")


async def test_550_bad_recipient_is_final(smtp: SmtpServer) -> None:
    smtp.refuse_recipient("Nadie@Example.org")
    with pytest.raises(EmailFailed) as caught:
        await SmtpSender(smtp.config()).send(message("nadie@example.org"))
    assert (caught.value.kind, caught.value.code, caught.value.smtp_status) == (
        "final", "recipient_refused", 550)
    assert smtp.received == []


async def test_452_recipient_is_retry(smtp: SmtpServer) -> None:
    smtp.refuse_recipient("ana@example.org", "452 4.2.2 Mailbox full")
    with pytest.raises(EmailFailed) as caught:
        await SmtpSender(smtp.config()).send(message())
    assert (caught.value.kind, caught.value.code, caught.value.smtp_status) == (
        "retry", "deferred", 452)


async def test_auth_failure_is_final_and_the_password_never_logged(
        smtp: SmtpServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "wr0ng-" + SECRET
    with pytest.raises(EmailFailed) as caught:
        await SmtpSender(smtp.config(password=wrong)).send(message())
    assert (caught.value.kind, caught.value.code, caught.value.smtp_status) == (
        "final", "auth_failed", 535)
    assert smtp.auth_failures >= 1 and smtp.received == []
    assert wrong not in caplog.text and wrong not in str(caught.value)
    assert "auth_failed" in caplog.text  # the failure itself is logged
    config = smtp.config(password=wrong)
    assert wrong not in repr(config) and wrong not in str(config.model_dump())


async def test_no_credentials_when_auth_required_is_final(smtp: SmtpServer) -> None:
    config = smtp.config().model_copy(update={"user": None, "password": None})
    with pytest.raises(EmailFailed) as caught:
        await SmtpSender(config).send(message())
    assert (caught.value.kind, caught.value.code, caught.value.smtp_status) == (
        "final", "auth_failed", 530)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port  # closed again: nothing listens there


async def test_connection_refused_is_retry() -> None:
    config = SmtpConfig(host="127.0.0.1", port=free_port(), sender=SENDER, security="none",
                        timeout=2)
    with pytest.raises(EmailFailed) as caught:
        await SmtpSender(config).send(message())
    assert (caught.value.kind, caught.value.code, caught.value.smtp_status) == (
        "retry", "connect_failed", None)


async def test_silent_server_is_a_timeout_retry() -> None:
    with socket.socket() as listener:  # accepts (backlog) but never greets
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        config = SmtpConfig(host="127.0.0.1", port=listener.getsockname()[1], sender=SENDER,
                            security="none", timeout=0.3)
        with pytest.raises(EmailFailed) as caught:
            await SmtpSender(config).send(message())
    assert (caught.value.kind, caught.value.code) == ("retry", "timeout")


async def test_starttls_required_and_verified(certificate: Certificate) -> None:
    async with SmtpServer(tls_context=certificate.server_context()) as server:
        await SmtpSender(server.config(ca_file=str(certificate.cert))).send(message())
        [received] = await asyncio.to_thread(server.wait_for, 1)
        assert received.rcpt_tos == ("ana@example.org",)
        with pytest.raises(EmailFailed) as caught:  # not trusted: the system CAs only
            await SmtpSender(server.config()).send(message())
        assert caught.value.kind == "retry"
        with pytest.raises(EmailFailed) as plain:  # the server requires STARTTLS
            await SmtpSender(server.config(security="none")).send(message())
        assert (plain.value.kind, plain.value.smtp_status) == ("final", 530)


async def test_implicit_tls(certificate: Certificate) -> None:
    async with SmtpServer(tls_context=certificate.server_context(), implicit_tls=True,
                          user="posada", password=SECRET) as server:
        config = server.config(ca_file=str(certificate.cert))
        assert config.security == "ssl"
        await SmtpSender(config).send(message())
        [received] = await asyncio.to_thread(server.wait_for, 1)
        assert received.user == "posada"


async def test_starttls_against_a_server_without_it_is_final(smtp: SmtpServer) -> None:
    with pytest.raises(EmailFailed) as caught:
        await SmtpSender(smtp.config(security="starttls")).send(message())
    assert (caught.value.kind, caught.value.code) == ("final", "not_supported")


@pytest.mark.parametrize(("error", "kind", "code"), [
    (aiosmtplib.SMTPDataError(552, "5.3.4 Message too big"), "final", "message_refused"),
    (aiosmtplib.SMTPDataError(450, "4.2.1 Busy"), "retry", "deferred"),
    (aiosmtplib.SMTPSenderRefused(553, "5.7.1 Not yours", "x@example.com"), "final",
     "sender_refused"),
    (aiosmtplib.SMTPAuthenticationError(454, "4.7.0 Try later"), "retry", "deferred"),
    (aiosmtplib.SMTPAuthenticationError(535, "5.7.8 Bad credentials"), "final",
     "auth_failed"),
    (aiosmtplib.SMTPConnectResponseError(554, "No SMTP service here"), "final", "refused"),
    (aiosmtplib.SMTPHeloError(421, "closing"), "retry", "service_unavailable"),
    (aiosmtplib.SMTPRecipientsRefused([
        aiosmtplib.SMTPRecipientRefused(451, "later", "a@example.com"),
        aiosmtplib.SMTPRecipientRefused(550, "no", "b@example.com")]), "final",
     "recipient_refused"),
    (aiosmtplib.SMTPRecipientsRefused([
        aiosmtplib.SMTPRecipientRefused(451, "later", "a@example.com")]), "retry", "deferred"),
    (aiosmtplib.SMTPServerDisconnected("lost"), "retry", "disconnected"),
    (aiosmtplib.SMTPReadTimeoutError("slow"), "retry", "timeout"),
    (aiosmtplib.SMTPConnectTimeoutError("slow"), "retry", "timeout"),
    (aiosmtplib.SMTPConnectError("refused"), "retry", "connect_failed"),
    (aiosmtplib.SMTPNotSupported("SMTPUTF8 is not supported"), "final", "not_supported"),
    (ConnectionResetError("reset"), "retry", "connect_failed"),
    (ValueError("Command arg contains a prohibited control character"), "final",
     "invalid_message"),
])
def test_failure_classification(error: Exception, kind: str, code: str) -> None:
    failed = failure(error)
    assert (failed.kind, failed.code) == (kind, code)
    assert failed.code in CODES


def test_config_checks() -> None:
    base = dict(host="smtp.example.com", sender=SENDER)
    assert SmtpConfig(**base).effective_port == 587
    assert SmtpConfig(**base, security="ssl").effective_port == 465
    assert SmtpConfig(**base, security="none").effective_port == 25
    assert SmtpConfig(**base, port=2525).effective_port == 2525
    with pytest.raises(ValidationError, match="both user and password"):
        SmtpConfig(**base, user="posada")
    with pytest.raises(ValidationError, match="sender"):
        SmtpConfig(host="smtp.example.com", sender="no es una dirección")
    with pytest.raises(ValidationError):
        SmtpConfig(**base, security="tls")
