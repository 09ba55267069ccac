"""The Cloud API's webhook JSON as tolerant Pydantic models (the wire shapes only).

Every field is optional and unknown fields are kept (``extra="allow"``): Meta adds fields
without notice. Lists are read item by item (``read_one``): an item that cannot be read
becomes an ``UnreadableItem`` in place and its neighbours are kept. Objects that only add
detail (``metadata``, ``profile``, ``context``) are dropped to ``None`` when malformed.
Shapes: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError

from posada.adapters.whatsapp.items import UnreadableItem

M = TypeVar("M", bound="_Model")


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True,
                              arbitrary_types_allowed=True)
    _raw: dict[str, Any] = PrivateAttr(default_factory=dict)

    @property
    def raw(self) -> dict[str, Any]:
        """The JSON object this model was read from, as sent."""
        return self._raw


def _reason(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "item"
    return f"{where}: {first['msg']}"


def read_one(model: type[M], raw: object) -> M | UnreadableItem:
    """``raw`` read as ``model``, or an ``UnreadableItem`` saying why it could not be."""
    if isinstance(raw, model):
        return raw
    if not isinstance(raw, dict):
        return UnreadableItem(raw, f"expected an object, got {type(raw).__name__}")
    try:
        item = model.model_validate(raw)
    except ValidationError as error:
        return UnreadableItem(raw, _reason(error))
    item._raw = raw
    return item


def _each(model: type[M]) -> Callable[[object], list[M | UnreadableItem]]:
    def read(value: object) -> list[M | UnreadableItem]:
        if value is None:
            return []
        if not isinstance(value, list):
            return [UnreadableItem(value, f"expected a list, got {type(value).__name__}")]
        return [item if isinstance(item, UnreadableItem) else read_one(model, item)
                for item in value]
    return read


def _lenient(model: type[M]) -> Callable[[object], M | None]:
    def read(value: object) -> M | None:
        item = read_one(model, value) if value is not None else None
        return item if isinstance(item, model) else None
    return read




# --------------------------------------------------------------------------- leaves


class Profile(_Model):
    name: str | None = None
    username: str | None = None


OptionalProfile = Annotated[Profile | None, BeforeValidator(_lenient(Profile))]


class Contact(_Model):
    """``contacts[]``: who sent the messages of this change (BSUID in ``user_id``)."""

    wa_id: str | None = None
    user_id: str | None = None
    parent_user_id: str | None = None
    profile: OptionalProfile = None


ContactList = Annotated[list[Contact | UnreadableItem], BeforeValidator(_each(Contact))]


class Metadata(_Model):
    display_phone_number: str | None = None
    phone_number_id: str | None = None


class ErrorData(_Model):
    details: str | None = None


OptionalErrorData = Annotated[ErrorData | None, BeforeValidator(_lenient(ErrorData))]


class ErrorObject(_Model):
    code: int | None = None
    title: str | None = None
    message: str | None = None
    error_data: OptionalErrorData = None
    href: str | None = None


ErrorObjectList = Annotated[list[ErrorObject | UnreadableItem], BeforeValidator(_each(ErrorObject))]


class TextPart(_Model):
    body: str | None = None


class MediaPart(_Model):
    """``image``/``video``/``document``/``audio``/``sticker``; ``voice`` only on audio."""

    id: str | None = None
    mime_type: str | None = None
    sha256: str | None = None
    filename: str | None = None
    caption: str | None = None
    voice: bool | None = None
    url: str | None = None


class LocationPart(_Model):
    latitude: float | None = None
    longitude: float | None = None
    name: str | None = None
    address: str | None = None
    url: str | None = None


class ReplyPart(_Model):
    id: str | None = None
    title: str | None = None
    description: str | None = None


class NfmReply(_Model):
    """A WhatsApp Flow / address message answer; ``response_json`` is a JSON string.
    https://developers.facebook.com/documentation/business-messaging/whatsapp/flows/guides/receiveflowresponse
    """

    name: str | None = None
    body: str | None = None
    response_json: str | None = None


class InteractivePart(_Model):
    type: str | None = None
    button_reply: ReplyPart | None = None
    list_reply: ReplyPart | None = None
    nfm_reply: NfmReply | None = None


class ButtonPart(_Model):
    """A template quick-reply button tap."""

    text: str | None = None
    payload: str | None = None


class ContextPart(_Model):
    id: str | None = None
    from_: str | None = Field(default=None, alias="from")


class ReactionPart(_Model):
    message_id: str | None = None
    emoji: str | None = None


class TargetPart(_Model):
    """``edit``/``revoke``: ``original_message_id`` and, for edits, the new ``message``.
    https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/edit
    """

    original_message_id: str | None = None
    message: dict[str, Any] | None = None


class SystemPart(_Model):
    """``system`` messages: ``user_changed_number`` (new number in ``wa_id``) and
    ``user_changed_user_id`` (new BSUID in ``user_id``, old one in ``previous_user_id``).
    https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/system/
    """

    body: str | None = None
    type: str | None = None
    wa_id: str | None = None
    user_id: str | None = None
    parent_user_id: str | None = None
    previous_user_id: str | None = None
    previous_parent_user_id: str | None = None
    customer: str | None = None
    new_wa_id: str | None = None


OptionalContextPart = Annotated[ContextPart | None, BeforeValidator(_lenient(ContextPart))]


class Message(_Model):
    """``messages[]``: one inbound message; the part named by ``type`` carries its content."""

    id: str | None = None
    from_: str | None = Field(default=None, alias="from")
    from_user_id: str | None = None
    from_parent_user_id: str | None = None
    timestamp: str | int | None = None
    type: str | None = None
    context: OptionalContextPart = None
    text: TextPart | None = None
    image: MediaPart | None = None
    video: MediaPart | None = None
    document: MediaPart | None = None
    audio: MediaPart | None = None
    sticker: MediaPart | None = None
    location: LocationPart | None = None
    contacts: list[Any] | None = None
    interactive: InteractivePart | None = None
    button: ButtonPart | None = None
    reaction: ReactionPart | None = None
    edit: TargetPart | None = None
    revoke: TargetPart | None = None
    system: SystemPart | None = None
    errors: ErrorObjectList = Field(default_factory=list)


MessageList = Annotated[list[Message | UnreadableItem], BeforeValidator(_each(Message))]


class Status(_Model):
    """``statuses[]``: a receipt for a message we sent."""

    id: str | None = None
    status: str | None = None
    timestamp: str | int | None = None
    recipient_id: str | None = None
    recipient_user_id: str | None = None
    recipient_parent_user_id: str | None = None
    errors: ErrorObjectList = Field(default_factory=list)


# --------------------------------------------------------------------------- envelope


OptionalMetadata = Annotated[Metadata | None, BeforeValidator(_lenient(Metadata))]


StatusList = Annotated[list[Status | UnreadableItem], BeforeValidator(_each(Status))]


class Value(_Model):
    messaging_product: str | None = None
    metadata: OptionalMetadata = None
    contacts: ContactList = Field(default_factory=list)
    messages: MessageList = Field(default_factory=list)
    statuses: StatusList = Field(default_factory=list)
    errors: ErrorObjectList = Field(default_factory=list)


class Change(_Model):
    field: str | None = None
    value: Value | None = None


ChangeList = Annotated[list[Change | UnreadableItem], BeforeValidator(_each(Change))]


class Entry(_Model):
    id: str | None = None
    changes: ChangeList = Field(default_factory=list)


EntryList = Annotated[list[Entry | UnreadableItem], BeforeValidator(_each(Entry))]


class Delivery(_Model):
    """One webhook POST body."""

    object: str | None = None
    entry: EntryList = Field(default_factory=list)
