"""The test doubles themselves: FakeEmailSender and SmtpServer's knobs and lifecycle."""

from __future__ import annotations

import socket
import subprocess
import sys
from email.message import EmailMessage

import pytest

from posada.adapters.email import EmailFailed, EmailSender
from posada.adapters.email.fake import FakeEmailSender, SmtpServer


def bare(to: str = "ana@example.org") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "reservas@example.com"
    message["To"] = to
    message["Subject"] = "Hola"
    message.set_content("Hola")
    return message


async def test_fake_sender_keeps_messages_and_scripts_failures() -> None:
    fake = FakeEmailSender()
    sender: EmailSender = fake
    fake.fail_next(2, "final", "recipient_refused", 550)
    for _ in range(2):
        with pytest.raises(EmailFailed) as caught:
            await sender.send(bare())
        assert (caught.value.kind, caught.value.code) == ("final", "recipient_refused")
    message_id = await sender.send(bare())
    assert fake.attempts == 3
    assert [m["Message-ID"] for m in fake.messages] == [message_id]


def test_server_lifecycle_and_wait_for_timeout() -> None:
    server = SmtpServer()
    with server:
        port = server.port
        assert port > 0
        with socket.create_connection(("127.0.0.1", port), timeout=2) as client:
            assert client.recv(100).startswith(b"220 ")
        with pytest.raises(TimeoutError, match="0 of 1"):
            server.wait_for(1, timeout=0.05)
    server.stop()  # twice is fine
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


def test_server_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="both user and password"):
        SmtpServer(user="posada")
    with pytest.raises(ValueError, match="tls_context"):
        SmtpServer(implicit_tls=True)


def test_fake_module_imports_without_aiosmtpd() -> None:
    """aiosmtpd is a dev dependency: importing the module and using FakeEmailSender must
    work without it; only starting an SmtpServer needs it."""
    code = "\n".join([
        "import sys",
        "sys.modules['aiosmtpd'] = None  # any import of it now raises ImportError",
        "import posada.adapters.email",
        "import posada.adapters.email.fake as fake",
        "fake.FakeEmailSender()",
        "try:",
        "    fake.SmtpServer().start()",
        "except ImportError:",
        "    print('needs aiosmtpd')",
    ])
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "needs aiosmtpd"
