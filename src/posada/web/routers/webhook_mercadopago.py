"""``POST /webhooks/mercadopago``: Mercado Pago's signed notifications and legacy IPN hints.

A notification is checked against ``x-signature`` (Mercado Pago, "Webhooks": HMAC-SHA256 of
the manifest ``id:<data.id>;request-id:<x-request-id>;ts:<ts>;`` with the application's
secret), stored as an inbound event and answered 200 before it is processed (job
``process_inbound``, nudged at once); nothing is stored when the signature is missing,
malformed, wrong or stale (401). The legacy IPN form (``?topic=payment&id=…``) carries no
signature: it is stored as a hint to fetch, since fetching the payment with our token is what
authenticates it. Answers are in English: Mercado Pago reads them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse, Response

from posada.adapters.mercadopago.notifications import NotificationError, parse_notification
from posada.adapters.mercadopago.signature import SignatureError, verify_notification
from posada.jobs.mercadopago import hint
from posada.observability import PAYMENT_WEBHOOKS
from posada.services import inbox
from posada.services.common import utcnow
from posada.web.deps import DbDep, SettingsDep
from posada.web.errors import error_response
from posada.web.schemas import ErrorResponse

router = APIRouter(tags=["webhooks"])
PATH = "/webhooks/mercadopago"
#: Topics whose resource is fetched and applied; others are answered and ignored.
APPLIED = frozenset({"payment", "merchant_order"})


def _refused(status: int, code: str, message: str) -> JSONResponse:
    PAYMENT_WEBHOOKS.labels(result=code).inc()
    return error_response(status, code, message)


@router.post(PATH, responses={200: {"content": {"application/json": {}}},
                              **{code: {"model": ErrorResponse} for code in (400, 401, 503)}})
async def mercadopago_notification(
    request: Request, db: DbDep, settings: SettingsDep,
    x_signature: Annotated[str | None, Header(alias="x-signature")] = None,
    x_request_id: Annotated[str | None, Header(alias="x-request-id")] = None,
) -> Response:
    """Verify (unless an IPN hint), store, answer 200; processed after the answer."""
    if settings.mercadopago_access_token is None:
        return _refused(503, "not_configured", "POSADA_MERCADOPAGO_ACCESS_TOKEN is not set.")
    body = await request.body()
    try:
        note = parse_notification(request.query_params, body)
    except NotificationError as exc:
        return _refused(400, f"invalid_{exc.code}", str(exc))
    if not note.legacy_ipn:
        secret = settings.mercadopago_webhook_secret
        if secret is None:
            return _refused(503, "not_configured", "POSADA_MERCADOPAGO_WEBHOOK_SECRET is not set.")
        try:
            verify_notification(
                x_signature, x_request_id, note.signed_id, secret.get_secret_value(),
                now=utcnow(), tolerance_seconds=settings.mercadopago_signature_tolerance_seconds)
        except SignatureError as exc:
            return _refused(401, "invalid_signature",
                            f"x-signature is {exc.code}: missing, malformed, wrong or stale.")
    if note.kind not in APPLIED:
        PAYMENT_WEBHOOKS.labels(result="ignored").inc()
        return JSONResponse({"status": "ignored"})
    await inbox.store(db, "mercadopago", hint(
        note.kind, note.resource_id, ipn=note.legacy_ipn, action=note.action,
        request_id=(x_request_id or "")[:100] or None))
    PAYMENT_WEBHOOKS.labels(result="ipn" if note.legacy_ipn else "stored").inc()
    nudge = getattr(request.app.state, "nudge", None)
    if nudge is not None:
        nudge("process_inbound")
    return JSONResponse({"status": "received"})
