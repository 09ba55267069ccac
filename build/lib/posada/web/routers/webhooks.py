"""``GET/POST /webhooks/whatsapp``: Meta's subscription handshake and signed deliveries.

A POST is checked against ``X-Hub-Signature-256`` over the raw body bytes, stored as an
inbound event and answered 200 before it is processed (job ``process_inbound``, nudged at
once). Nothing is stored or processed when the signature is missing or wrong. Answers are in
English: Meta reads them.
"""

from __future__ import annotations

import hmac
import json
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from posada.adapters.whatsapp.signature import verify_signature
from posada.jobs.whatsapp_inbound import whatsapp_order_key
from posada.observability import WHATSAPP_WEBHOOK
from posada.services import inbox
from posada.web.deps import DbDep, SettingsDep
from posada.web.errors import error_response
from posada.web.schemas import ErrorResponse

router = APIRouter(tags=["webhooks"])
PATH = "/webhooks/whatsapp"


def _refused(status: int, code: str, message: str) -> JSONResponse:
    WHATSAPP_WEBHOOK.labels(result=code).inc()
    return error_response(status, code, message)


@router.get(PATH, response_class=PlainTextResponse,
            responses={200: {"content": {"text/plain": {}}},
                       **{code: {"model": ErrorResponse} for code in (403, 503)}})
async def whatsapp_handshake(
    settings: SettingsDep,
    mode: Annotated[str | None, Query(alias="hub.mode")] = None,
    token: Annotated[str | None, Query(alias="hub.verify_token")] = None,
    challenge: Annotated[str | None, Query(alias="hub.challenge", max_length=256)] = None,
) -> Response:
    """Echo ``hub.challenge`` when ``hub.mode=subscribe`` and the verify token matches."""
    expected = settings.whatsapp_verify_token
    if expected is None:
        return _refused(503, "not_configured", "POSADA_WHATSAPP_VERIFY_TOKEN is not set.")
    if mode != "subscribe" or token is None or challenge is None or not hmac.compare_digest(
            token.encode(), expected.get_secret_value().encode()):
        return _refused(403, "forbidden", "Verification refused.")
    WHATSAPP_WEBHOOK.labels(result="handshake").inc()
    return PlainTextResponse(challenge)


@router.post(PATH, responses={200: {"content": {"application/json": {}}},
                              **{code: {"model": ErrorResponse} for code in (400, 401, 503)}})
async def whatsapp_delivery(
    request: Request, db: DbDep, settings: SettingsDep,
    signature: Annotated[str | None, Header(alias="X-Hub-Signature-256")] = None,
) -> Response:
    """Verify, store, answer 200; the delivery is processed after the answer."""
    secret = settings.whatsapp_app_secret
    if secret is None:
        return _refused(503, "not_configured", "POSADA_WHATSAPP_APP_SECRET is not set.")
    body = await request.body()
    if not verify_signature(secret.get_secret_value(), body, signature):
        return _refused(401, "invalid_signature",
                        "X-Hub-Signature-256 is missing, malformed or wrong.")
    try:
        text = body.decode("utf-8")
        if not isinstance(json.loads(text), dict):
            raise ValueError("not an object")
    except (ValueError, RecursionError):  # UnicodeDecodeError, JSONDecodeError; too deep
        return _refused(400, "invalid_json", "The body is not a JSON object.")
    await inbox.store(db, "whatsapp", text, order_key=whatsapp_order_key(text))
    WHATSAPP_WEBHOOK.labels(result="stored").inc()
    nudge = getattr(request.app.state, "nudge", None)
    if nudge is not None:
        nudge("process_inbound")
    return JSONResponse({"status": "received"})
