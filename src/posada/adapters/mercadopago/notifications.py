"""Reading a notification delivery: the modern webhook and the legacy IPN form.

Webhook (https://www.mercadopago.com.ar/developers/en/docs/your-integrations/notifications/webhooks):
``POST <notification_url>?data.id=<id>&type=payment`` with ``x-signature``/``x-request-id``
headers and a JSON body ``{"action": "payment.updated", "api_version": "v1", "data": {"id":
"<id>"}, "date_created", "id": <notification id>, "live_mode", "type": "payment",
"user_id"}``. IPN (https://www.mercadopago.com.ar/developers/en/docs/your-integrations/notifications/ipn):
``POST <notification_url>?topic=payment&id=<id>`` (or ``topic=merchant_order``), unsigned;
the body, when any, is ``{"resource": <id or URL>, "topic": …}``. Either way the delivery
only names a resource: its truth is fetched with our token.

The resource id is taken from the query (what the signature covers), else from the body; a
body ``data.id`` that contradicts the query's is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from posada.adapters.mercadopago import wire
from posada.adapters.mercadopago.models import read_instant

NotificationCode = Literal["too_large", "bad_json", "no_id", "bad_id", "no_type",
                           "id_mismatch"]

#: The largest body we read, in bytes (Mercado Pago's are a few hundred).
MAX_BODY = 64 * 1024
#: Resource ids: letters, digits, ``-`` and ``_``, at most 64 characters; payment and merchant
#: order ids are digits that fit a signed 64-bit integer.
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_MAX_INT_ID = 2**63 - 1
#: Topics that name a merchant order (the webhook's own name, and the IPN's).
_ORDER_TOPICS = frozenset({"merchant_order", "topic_merchant_order_wh"})


class NotificationError(Exception):
    """A delivery we cannot read. ``code``: ``too_large`` (body over ``MAX_BODY``),
    ``bad_json`` (a body that is not a JSON object, or nested too deep to read),
    ``no_id`` / ``no_type`` (neither query nor body name the resource or its kind),
    ``bad_id`` (not 1–64 letters, digits, ``-``, ``_``; or a payment / merchant order id
    that is not a 64-bit number), ``id_mismatch`` (the body's ``data.id`` differs from the
    query's)."""

    def __init__(self, code: NotificationCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code: NotificationCode = code


@dataclass(frozen=True, slots=True)
class Notification:
    """What a delivery says. ``kind``: ``payment``, ``merchant_order`` or the topic as sent
    (``plan``, ``subscription_preapproval``, ``order``…: record and ignore); ``resource_id``:
    the resource's id as text; ``signed_id``: the query's ``data.id`` exactly as sent (pass it
    to ``verify_notification``; ``None`` for IPN); ``legacy_ipn``: the unsigned IPN form;
    ``action`` (``payment.created``…), ``live_mode``, ``notification_id`` (the body's ``id``),
    ``user_id`` (the seller), ``api_version`` and ``date_created`` (UTC) when the body says."""

    kind: str
    resource_id: str
    legacy_ipn: bool
    signed_id: str | None = None
    action: str | None = None
    live_mode: bool | None = None
    notification_id: str | None = None
    user_id: str | None = None
    api_version: str | None = None
    date_created: datetime | None = None

    @property
    def payment_id(self) -> int | None:
        """``resource_id`` as an ``int`` for a payment notification, else ``None``."""
        return int(self.resource_id) if self.kind == "payment" else None

    @property
    def merchant_order_id(self) -> int | None:
        """``resource_id`` as an ``int`` for a merchant order notification, else ``None``."""
        return int(self.resource_id) if self.kind == "merchant_order" else None


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | str):
        text = str(value).strip()
        return text or None
    return None


def _body(body: bytes) -> dict[str, Any]:
    if len(body) > MAX_BODY:
        raise NotificationError("too_large", f"body over {MAX_BODY} bytes")
    if not body.strip():
        return {}
    try:
        data = wire.loads(body)
    except (ValueError, RecursionError):  # RecursionError: nesting deeper than json allows
        raise NotificationError("bad_json", "body is not JSON") from None
    if not isinstance(data, dict):
        raise NotificationError("bad_json", "body is not a JSON object")
    return data


def _resource_from_url(value: str | None) -> str | None:
    """The last path segment of an IPN ``resource`` URL (``…/merchant_orders/123``)."""
    if value and "/" in value:
        return value.rstrip("/").rsplit("/", 1)[-1] or None
    return value


def _check_id(kind: str, resource_id: str) -> str:
    if not _ID.fullmatch(resource_id):
        raise NotificationError("bad_id", "resource id is not 1-64 letters or digits")
    if kind in ("payment", "merchant_order") and (
            not resource_id.isdigit() or int(resource_id) > _MAX_INT_ID):
        raise NotificationError("bad_id", f"{kind} id is not a 64-bit number")
    return resource_id


def _kind(topic: str) -> str:
    return "merchant_order" if topic in _ORDER_TOPICS else topic


def parse_notification(query: Mapping[str, str], body: bytes) -> Notification:
    """Read a delivery from its ``query`` parameters (a mapping of name → first value, e.g.
    Starlette's ``request.query_params``) and raw ``body`` bytes. Raises
    ``NotificationError`` (see its codes). Does not check the signature: call
    ``verify_notification`` for non-IPN deliveries."""
    data = _body(body)
    signed_id = _scalar(query.get("data.id"))
    inner = data.get("data")
    body_id = _scalar(inner.get("id")) if isinstance(inner, dict) else None
    topic = _scalar(query.get("topic"))
    legacy = topic is not None and signed_id is None and body_id is None
    if legacy:
        resource = (_scalar(query.get("id"))
                    or _resource_from_url(_scalar(data.get("resource"))))
        kind_text: str | None = topic
    else:
        if signed_id and body_id and body_id != signed_id:
            raise NotificationError("id_mismatch", "body data.id differs from the query")
        resource = signed_id or body_id
        kind_text = _scalar(query.get("type")) or _scalar(data.get("type")) or topic
    if resource is None:
        raise NotificationError("no_id", "no resource id in query or body")
    if kind_text is None:
        raise NotificationError("no_type", "no type or topic in query or body")
    kind = _kind(kind_text)
    live = data.get("live_mode")
    return Notification(
        kind=kind, resource_id=_check_id(kind, resource), legacy_ipn=legacy,
        signed_id=None if legacy else signed_id, action=_scalar(data.get("action")),
        live_mode=live if isinstance(live, bool) else None,
        notification_id=_scalar(data.get("id")), user_id=_scalar(data.get("user_id")),
        api_version=_scalar(data.get("api_version")),
        date_created=read_instant(data.get("date_created")))
