"""Send e-mail over SMTP with ``aiosmtplib``; every failure is an ``EmailFailed``.

One connection per message (an outbox sends a handful a minute): connect, optionally
upgrade with STARTTLS (RFC 3207) or start in TLS (RFC 8314 §3.3, port 465), AUTH when a user
is configured (RFC 4954), MAIL/RCPT/DATA, QUIT. SMTP reply classes (RFC 5321 §4.2.1): 4yz
is a transient failure (``retry``), 5yz permanent (``final``). The password is a
``SecretStr`` and is never logged nor put in an exception.
"""

from __future__ import annotations

import logging
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Literal, Protocol

import aiosmtplib
from pydantic import BaseModel, SecretStr, field_validator, model_validator

from posada.adapters.email.errors import EmailFailed
from posada.adapters.email.message import InvalidAddress, parse_sender

log = logging.getLogger(__name__)

Security = Literal["none", "starttls", "ssl"]

#: The usual port for each ``security`` (RFC 6409 submission 587, RFC 8314 465).
DEFAULT_PORTS: dict[Security, int] = {"none": 25, "starttls": 587, "ssl": 465}
#: Replies that mean "authenticate first / your credentials are wrong" at any stage:
#: 530 authentication required, 534 mechanism too weak, 535 credentials invalid.
AUTH_STATUSES = frozenset({530, 534, 535})


class EmailSender(Protocol):
    """What the outbox needs of e-mail (``SmtpSender`` or ``FakeEmailSender``)."""

    async def send(self, message: EmailMessage) -> str: ...


class SmtpConfig(BaseModel):
    """Where and as whom to send.

    ``host``; ``port`` or ``None`` for the usual one of ``security`` (25 / 587 / 465);
    ``user`` and ``password`` (``SecretStr``) for AUTH, both or neither; ``sender``:
    ``"Name <addr>"``, the From header and the envelope sender; ``security``: ``none``
    (plain, for a relay on localhost), ``starttls`` (upgrade, required) or ``ssl``
    (implicit TLS); ``timeout`` in seconds per network operation; ``ca_file``: a PEM bundle
    to trust instead of the system's (a private relay, tests); ``local_hostname``: the
    EHLO name (``None``: the machine's FQDN).
    """

    host: str
    port: int | None = None
    user: str | None = None
    password: SecretStr | None = None
    sender: str
    security: Security = "starttls"
    timeout: float = 30.0
    ca_file: str | None = None
    local_hostname: str | None = None

    @field_validator("sender")
    @classmethod
    def _sender(cls, value: str) -> str:
        try:
            parse_sender(value)
        except InvalidAddress as error:
            raise ValueError(f"sender must be 'Name <address>': {error.message}") from None
        return value

    @model_validator(mode="after")
    def _credentials(self) -> SmtpConfig:
        if (self.user is None) != (self.password is None):
            raise ValueError("give both user and password, or neither")
        return self

    @property
    def effective_port(self) -> int:
        """``port``, or the usual one for ``security``."""
        return self.port if self.port is not None else DEFAULT_PORTS[self.security]


def _by_status(status: int, stage: str, text: str) -> EmailFailed:
    if status == 421:
        return EmailFailed("retry", "service_unavailable", text, smtp_status=status)
    if 400 <= status < 500:
        return EmailFailed("retry", "deferred", text, smtp_status=status)
    if status in AUTH_STATUSES:
        return EmailFailed("final", "auth_failed", text, smtp_status=status)
    return EmailFailed("final", stage, text, smtp_status=status)


def failure(error: Exception) -> EmailFailed:
    """The ``EmailFailed`` for an ``aiosmtplib`` exception (or ``OSError``/``ValueError``
    from below it): 421 → ``service_unavailable``, other 4xx → ``deferred`` (retry); 5xx by
    stage (``auth_failed``, ``sender_refused``, ``recipient_refused``, ``message_refused``,
    ``refused``); no reply → ``connect_failed``/``timeout``/``disconnected`` (retry); a
    server lacking AUTH/STARTTLS/SMTPUTF8 → ``not_supported``, an unsendable message →
    ``invalid_message`` (final)."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused):  # every recipient refused
        permanent = [r for r in error.recipients if not 400 <= r.code < 500]
        candidates = permanent or error.recipients
        if not candidates:
            return EmailFailed("final", "recipient_refused", "all recipients refused")
        chosen = candidates[0]
        return _by_status(chosen.code, "recipient_refused", chosen.message)
    if isinstance(error, aiosmtplib.SMTPResponseException):
        stage = ("auth_failed" if isinstance(error, aiosmtplib.SMTPAuthenticationError)
                 else "sender_refused" if isinstance(error, aiosmtplib.SMTPSenderRefused)
                 else "recipient_refused"
                 if isinstance(error, aiosmtplib.SMTPRecipientRefused)
                 else "message_refused" if isinstance(error, aiosmtplib.SMTPDataError)
                 else "refused")
        return _by_status(error.code, stage, error.message)
    if isinstance(error, aiosmtplib.SMTPTimeoutError | TimeoutError):
        return EmailFailed("retry", "timeout", str(error) or "timed out")
    if isinstance(error, aiosmtplib.SMTPConnectError):
        return EmailFailed("retry", "connect_failed", str(error))
    if isinstance(error, aiosmtplib.SMTPServerDisconnected):
        return EmailFailed("retry", "disconnected", str(error))
    if isinstance(error, aiosmtplib.SMTPException):  # no AUTH / STARTTLS / SMTPUTF8
        return EmailFailed("final", "not_supported", str(error))
    if isinstance(error, OSError):
        return EmailFailed("retry", "connect_failed", f"{type(error).__name__}: {error}")
    return EmailFailed("final", "invalid_message", str(error))


class SmtpSender:
    """Sends ``EmailMessage``s through the server of a ``SmtpConfig`` (see the module
    docstring)."""

    def __init__(self, config: SmtpConfig) -> None:
        self._config = config
        self._sender = parse_sender(config.sender)

    def __repr__(self) -> str:
        return f"SmtpSender({self._config.host!r}, {self._config.effective_port})"

    async def send(self, message: EmailMessage) -> str:
        """Send ``message`` and return its ``Message-ID`` (``<…@…>``).

        Adds ``From`` (the configured sender), ``Date`` (now) and ``Message-ID`` when the
        message lacks them; the envelope sender is the configured address, the recipients
        are the To/Cc/Bcc headers. When some recipients are refused and others accepted,
        the message counts as sent (the refusals are logged). Raises ``EmailFailed``.
        """
        config = self._config
        if "From" not in message:
            message["From"] = self._sender
        if "Date" not in message:
            message["Date"] = formatdate(usegmt=True)
        if "Message-ID" not in message:
            message["Message-ID"] = make_msgid(domain=self._sender.domain)
        message_id = str(message["Message-ID"])
        password = config.password.get_secret_value() if config.password else None
        try:
            refused, _ = await aiosmtplib.send(
                message, sender=self._sender.addr_spec, hostname=config.host,
                port=config.effective_port, username=config.user, password=password,
                use_tls=config.security == "ssl", start_tls=config.security == "starttls",
                timeout=config.timeout, cert_bundle=config.ca_file,
                local_hostname=config.local_hostname)
        except (aiosmtplib.SMTPException, OSError, ValueError) as error:
            failed = failure(error)
            log.warning("e-mail not sent: kind=%s code=%s status=%s host=%s message_id=%s",
                        failed.kind, failed.code, failed.smtp_status, config.host, message_id)
            raise failed from None
        if refused:
            log.warning("e-mail %s sent, but %d recipient(s) refused: %s", message_id,
                        len(refused), ", ".join(f"{r.code}" for r in refused.values()))
        return message_id
