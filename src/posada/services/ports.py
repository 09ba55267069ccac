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
from datetime import date
from typing import Any, Literal, Protocol

FailureKind = Literal["retry", "uncertain", "template", "owner", "final"]


@dataclass(frozen=True)
class Address:
    """Where a message goes: the phone as the channel accepts it (WhatsApp: the sender's
    ``wa_id`` digits, e.g. ``5492944123456``) or, without a phone, the business-scoped user
    id (``AR.1349…``)."""

    phone: str | None = None
    user_id: str | None = None
    #: an e-mail address (outbox rows of channel ``email``)
    email: str | None = None

    def to_json(self) -> dict[str, str | None]:
        data = {"phone": self.phone, "user_id": self.user_id}
        if self.email is not None:
            data["email"] = self.email
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Address:
        return cls(phone=data.get("phone"), user_id=data.get("user_id"),
                   email=data.get("email"))


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


@dataclass(frozen=True, slots=True)
class ImportedEvent:
    """One event of a channel's feed as read: ``kind`` ``reservation`` or ``block``; dates
    local to the property, ``check_out`` exclusive, nights before today already dropped;
    ``uid`` ``None`` when the feed gave none."""

    uid: str | None
    recurrence_id: str | None
    kind: str
    summary: str | None
    description: str | None
    url: str | None
    check_in: date
    check_out: date


@dataclass(frozen=True, slots=True)
class FeedRead:
    """A feed fetched (``status`` ``fetched``: ``events`` read, ``seen`` VEVENT instances,
    ``problems`` events that could not be read, said as text) or ``not_modified`` (HTTP 304:
    no events)."""

    status: Literal["fetched", "not_modified"]
    events: tuple[ImportedEvent, ...] = ()
    seen: int = 0
    etag: str | None = None
    last_modified: str | None = None
    problems: tuple[str, ...] = ()
    #: the UIDs of the events that could not be read (``None``: one without a UID): what the
    #: feed said of them before is kept
    unreadable: tuple[str | None, ...] = ()


class FeedFailure(Exception):
    """A fetch that gave nothing usable (stable ``code``: ``http_status``, ``timeout``,
    ``connect``, ``too_large``, ``too_many_redirects``, ``bad_url``, ``not_calendar``,
    ``html``, ``empty``, ``unparseable``, ``transport``); ``backoff``: the channel is
    struggling (429/5xx, timeouts), wait longer; ``retry_after`` seconds when it said."""

    def __init__(self, code: str, message: str, *, backoff: bool = False,
                 retry_after: float | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.backoff = backoff
        self.retry_after = retry_after


class FeedReader(Protocol):
    """Fetches and reads one channel feed."""

    async def read(self, url: str, *, etag: str | None, last_modified: str | None,
                   today: date, timezone: str, channel: str) -> FeedRead:
        """Fetch ``url`` (conditionally) and read its events for a property in IANA zone
        ``timezone`` on local date ``today``.

        Raises:
            FeedFailure: nothing usable came (the stored state must be kept).
        """


class EmailSender(Protocol):
    """Renders and sends e-mail (SMTP)."""

    async def send_email(self, to: str, template: str, context: dict[str, Any]) -> str:
        """Send the e-mail ``template`` (``hold``, ``confirmation``, ``cancellation``,
        ``payment_retry``, ``refund_due``, ``refund_done``, ``owner_alert``) rendered with
        ``context`` (``payment_notices.email_context``) to ``to``; returns its Message-ID.

        Raises:
            SendFailure: ``retry`` (the server is away or said 4xx) or ``final`` (refused
                for good: 5xx, a bad address, a template that cannot render).
        """


class ListenLater(Exception):
    """A voice note that could not be listened to now but may be later (the media server
    or the recognizer is busy or down): the inbound event is retried. ``code`` is stable
    (``media_unavailable``, ``media_checksum``, ``busy``, …); ``retry_after``: seconds to
    wait, when known; ``attempt``: false when the refusal says nothing of this note or its
    media (``busy``: the recognizer is taken by other notes), so waiting for it should not
    use up one of the event's attempts."""

    def __init__(self, code: str, detail: str, retry_after: float | None = None, *,
                 attempt: bool = True) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.retry_after = retry_after
        self.attempt = attempt


@dataclass(frozen=True)
class Hearing:
    """What listening to one voice note gave.

    ``heard``: a ``posada.conversation.model.Heard`` value (``clear``, ``unsure``,
    ``too_long``, ``unreadable``, ``unavailable``); ``text``: the transcript as repaired for
    reading (``None`` when nothing was transcribed); ``confidence``: 0–1 from the model's own
    probabilities; ``duration_s``: the note's length in seconds; ``seconds``: wall time spent;
    ``reason``: the stable code of why it was not heard clearly, if so."""

    heard: str
    text: str | None = None
    confidence: float | None = None
    duration_s: float | None = None
    seconds: float | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"heard": self.heard, "confidence": self.confidence,
                "duration_s": self.duration_s, "seconds": self.seconds, "reason": self.reason}


class VoiceListener(Protocol):
    """Voice notes heard on this server: fetch, decode, transcribe, repair.

    ``limit_seconds``: the longest note listened to."""

    limit_seconds: int

    async def listen(self, media_id: str) -> Hearing:
        """Listen to the WhatsApp media ``media_id``.

        Raises:
            ListenLater: a passing failure; the caller retries the whole message later.
        """
        ...
