"""Ports the services need from outside systems; ``posada.adapters`` implements them.

Outbound messages are channel-neutral JSON (``message`` below) so the outbox can be listed,
retried and sent by any channel: WhatsApp's Cloud API or the terminal of ``posada chat``.

``message`` shapes:
- ``{"type": "text", "body": str}``
- ``{"type": "choice", "body": str, "button": str, "options": [{"id", "title", "description"}]}``
- ``{"type": "template", "name": str, "language": str, "params": [str, ...]}``
- ``{"type": "read", "message_id": str}`` (mark an inbound message as read)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

FailureKind = Literal["retry", "uncertain", "template", "owner", "final"]


@dataclass(frozen=True)
class Address:
    """Where a message goes: the phone as the channel accepts it (WhatsApp: the sender's
    ``wa_id`` digits, e.g. ``5492944123456``) or, without a phone, the business-scoped user
    id (``AR.1349…``)."""

    phone: str | None = None
    user_id: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"phone": self.phone, "user_id": self.user_id}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Address:
        return cls(phone=data.get("phone"), user_id=data.get("user_id"))


class SendFailure(Exception):
    """A message the channel did not take.

    ``kind``: ``retry`` (not taken: try again later, after ``retry_after`` seconds when
    known), ``uncertain`` (the channel may have taken it: sending again could deliver it
    twice),
    ``template`` (outside the 24-hour window: only a template may go), ``owner`` (our
    credentials are refused: the owner must act) or ``final`` (this message can never go).
    """

    def __init__(self, kind: FailureKind, detail: str, code: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.code = code
        self.retry_after = retry_after


class MessageSender(Protocol):
    """A channel that sends outbound messages."""

    async def send(self, to: Address, message: dict[str, Any]) -> str:
        """Send ``message`` (shapes above) to ``to``; returns the channel's message id.

        Raises:
            SendFailure: the channel refused or could not be reached.
        """
