"""``EmailFailed``: every way sending an e-mail can fail, as a kind and a stable code."""

from __future__ import annotations

from typing import Literal

Kind = Literal["retry", "final"]

#: The stable ``EmailFailed.code`` values. ``retry``: ``connect_failed`` (refused, DNS, TLS
#: handshake), ``timeout``, ``disconnected``, ``service_unavailable`` (421), ``deferred``
#: (another 4xx: 450 mailbox busy, 451 local error / greylisting, 452 storage), and the 4xx
#: forms of the stage codes below. ``final``: ``auth_failed`` (535 and other 5xx to AUTH),
#: ``recipient_refused`` (550 no such user…), ``sender_refused``, ``message_refused`` (5xx
#: after DATA: content, size), ``refused`` (another 5xx), ``not_supported`` (the server lacks
#: AUTH or STARTTLS we were told to use), ``invalid_address``, ``invalid_message``.
CODES = frozenset({
    "connect_failed", "timeout", "disconnected", "service_unavailable", "deferred",
    "auth_failed", "recipient_refused", "sender_refused", "message_refused", "refused",
    "not_supported", "invalid_address", "invalid_message",
})


class EmailFailed(Exception):
    """An e-mail that was not accepted by the SMTP server.

    ``kind``: ``retry`` (try again later: the server or the network was not there, or it
    answered 4xx) or ``final`` (5xx, bad configuration or a message that can never be
    sent); ``code``: one of ``CODES``; ``message``: what happened (the server's reply text,
    never a password); ``smtp_status``: the SMTP reply code (``451``, ``550``…) or ``None``
    when no reply came.
    """

    def __init__(self, kind: Kind, code: str, message: str, *,
                 smtp_status: int | None = None) -> None:
        super().__init__(f"{kind}: {code}: {message}")
        self.kind: Kind = kind
        self.code = code
        self.message = message
        self.smtp_status = smtp_status
