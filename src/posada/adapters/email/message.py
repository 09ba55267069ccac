"""Assemble a ``Rendered`` e-mail into a MIME message that is safe to hand to SMTP.

Structure (RFC 2046): ``multipart/alternative`` with ``text/plain`` then ``text/html``
(UTF-8), wrapped in ``multipart/mixed`` with ``reserva-<code>.ics`` (``text/calendar;
method=PUBLISH; charset=utf-8``, RFC 6047 §2.4) when there is a calendar attachment.

Header injection: display names and the subject are reduced to one line (control and line
separator characters become spaces) before they reach a header, and addresses are parsed
with ``email-validator``; an address that is not exactly one valid ASCII mailbox is refused
with ``InvalidAddress`` (``EmailFailed`` kind ``final``, code ``invalid_address``).
"""

from __future__ import annotations

import re
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from email_validator import EmailNotValidError, validate_email

from posada.adapters.email.errors import EmailFailed
from posada.adapters.email.render import CONTROL, Rendered, one_line

#: Longest display name / subject kept (characters); longer ones are cut.
MAX_NAME, MAX_SUBJECT = 100, 250


class InvalidAddress(EmailFailed):
    """An address that cannot be used as a recipient or sender (``final``,
    ``invalid_address``): not exactly one mailbox, CR/LF, non-ASCII local part."""

    def __init__(self, message: str) -> None:
        super().__init__("final", "invalid_address", message)


def mailbox(address: str, name: str | None = None) -> Address:
    """An ``Address`` for the addr-spec ``address`` with the display ``name`` made one line.

    Raises ``InvalidAddress`` unless ``address`` is one syntactically valid mailbox with an
    ASCII local part (IDN domains are written as their ``xn--`` form). DNS is not checked.
    """
    if CONTROL.search(address) or "," in address or "<" in address:
        raise InvalidAddress("not a single plain address")
    try:
        valid = validate_email(address.strip(), check_deliverability=False,
                               allow_smtputf8=False)
    except EmailNotValidError as error:
        raise InvalidAddress(str(error)) from None
    local, _, domain = (valid.ascii_email or valid.normalized).rpartition("@")
    return Address(display_name=one_line(name or "", MAX_NAME), username=local, domain=domain)


def parse_sender(sender: str) -> Address:
    """``"Name <addr>"`` (or a bare ``addr``) as an ``Address``. Raises ``InvalidAddress``."""
    if CONTROL.search(sender):
        raise InvalidAddress("sender has control characters")
    header = policy.default.header_factory("From", sender)
    addresses = header.addresses
    if len(addresses) != 1 or header.defects:
        raise InvalidAddress("sender is not one 'Name <address>'")
    return mailbox(addresses[0].addr_spec, addresses[0].display_name)


def build_message(rendered: Rendered, to: str, sender: str, ics: bytes | None,
                  message_id_domain: str, *, code: str | None = None,
                  to_name: str | None = None, reply_to: str | None = None,
                  message_id: str | None = None, date: datetime | None = None
                  ) -> EmailMessage:
    """The MIME message for ``rendered``.

    ``to``: the recipient's bare address, ``to_name`` their display name (made one line);
    ``sender``: ``"Name <addr>"``; ``ics``: the ``build_ics`` bytes or ``None``, then
    ``code`` (the reservation code) names the attachment ``reserva-<code>.ics`` and is
    required; ``message_id_domain``: the right side of a generated ``Message-ID`` (give
    ``message_id`` — ``<…@…>`` — to set it, e.g. derived from an outbox row so a resend
    keeps it); ``reply_to``: a bare address or ``None``; ``date``: an aware instant for the
    ``Date`` header, or ``None`` (``SmtpSender`` stamps it when sending).

    Raises ``InvalidAddress`` (see ``mailbox``) and ``ValueError`` for ``ics`` without
    ``code`` or a naive ``date``.
    """
    message = EmailMessage()
    message["From"] = parse_sender(sender)
    message["To"] = mailbox(to, to_name)
    if reply_to:
        message["Reply-To"] = mailbox(reply_to)
    message["Subject"] = one_line(rendered.subject, MAX_SUBJECT)
    if message_id is not None:
        if CONTROL.search(message_id) or not re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>",
                                                            message_id):
            raise ValueError("message_id must look like <left@right>")
        message["Message-ID"] = message_id
    else:
        message["Message-ID"] = make_msgid(domain=one_line(message_id_domain, 200))
    if date is not None:
        if date.tzinfo is None:
            raise ValueError("date must be an aware datetime")
        message["Date"] = format_datetime(date)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to us
    message.set_content(rendered.text, subtype="plain", charset="utf-8")
    message.add_alternative(rendered.html, subtype="html", charset="utf-8")
    if ics is not None:
        if not code:
            raise ValueError("an .ics attachment needs the reservation code")
        filename = f"reserva-{re.sub(r'[^A-Za-z0-9_-]', '', code)}.ics"
        message.add_attachment(ics, maintype="text", subtype="calendar", filename=filename,
                               params={"method": "PUBLISH", "charset": "utf-8"})
    message["Content-Language"] = "es"  # after set_content, which drops Content-* headers
    return message
