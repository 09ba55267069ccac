"""The e-mail adapter: templates, the stay as ``.ics``, MIME assembly and SMTP sending.

``render.render(kind, context)`` turns a typed context (``contexts``) into a ``Rendered``
subject, text and HTML; ``ics.build_ics`` makes the calendar attachment;
``message.build_message`` assembles them into an ``EmailMessage``; ``smtp.SmtpSender``
sends it (``aiosmtplib``), raising ``EmailFailed`` (``retry`` or ``final``). The fakes are
in ``fake``: ``FakeEmailSender`` (in memory) and ``SmtpServer`` (``aiosmtpd``, a dev
dependency imported only when a server starts). Nothing here imports ``posada.services``,
``posada.db``, ``posada.web`` or ``posada.jobs``.
"""

from posada.adapters.email.contexts import (
    CancellationContext,
    ConfirmationContext,
    Context,
    HoldContext,
    OwnerAlertContext,
    PaymentRetryContext,
    StayDetails,
)
from posada.adapters.email.errors import CODES, EmailFailed
from posada.adapters.email.ics import build_ics
from posada.adapters.email.message import InvalidAddress, build_message
from posada.adapters.email.render import Kind, Rendered, RenderError, render
from posada.adapters.email.smtp import EmailSender, SmtpConfig, SmtpSender

__all__ = [
    "CODES", "CancellationContext", "ConfirmationContext", "Context", "EmailFailed",
    "EmailSender", "HoldContext", "InvalidAddress", "Kind", "OwnerAlertContext",
    "PaymentRetryContext", "RenderError", "Rendered", "SmtpConfig", "SmtpSender",
    "StayDetails", "build_ics", "build_message", "render",
]
