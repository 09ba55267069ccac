"""The WhatsApp Cloud API adapter.

``signature`` checks ``X-Hub-Signature-256``; ``payloads`` reads webhook deliveries
(``parse_delivery`` → ``walk`` → items); ``render`` turns replies into message payloads;
``client.CloudApi`` sends them and fetches a guest's media (``media``: ``get_media`` →
``download_media``, or ``fetch_media``); ``fake.FakeGraph`` is a local Cloud API for tests and
the bench (``fake_media.MemoryMedia``: media in process). Nothing here imports
``posada.services`` or ``posada.db``.
"""

from posada.adapters.whatsapp.client import CloudApi, CloudApiConfig, Sender, SendFailed
from posada.adapters.whatsapp.items import (
    ApiError,
    InboundError,
    InboundMessage,
    InboundStatus,
    Item,
    Location,
    Media,
    UnreadableItem,
)
from posada.adapters.whatsapp.media import MediaFailed, MediaFetcher, MediaInfo, fetch_media
from posada.adapters.whatsapp.payloads import Delivery, InvalidPayload, parse_delivery, walk
from posada.adapters.whatsapp.render import (
    Recipient,
    numbered_text,
    read_payload,
    reply_payload,
    template_payload,
)
from posada.adapters.whatsapp.signature import sign, verify_signature

__all__ = [
    "ApiError", "CloudApi", "CloudApiConfig", "Delivery", "InboundError", "InboundMessage",
    "InboundStatus", "InvalidPayload", "Item", "Location", "Media", "MediaFailed",
    "MediaFetcher", "MediaInfo", "Recipient", "SendFailed", "Sender", "UnreadableItem",
    "fetch_media", "numbered_text", "parse_delivery", "read_payload", "reply_payload", "sign",
    "template_payload", "verify_signature", "walk",
]
