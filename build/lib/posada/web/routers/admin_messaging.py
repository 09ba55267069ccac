"""Owner's view of the messaging channels under ``/api/v1/admin/``: the outbox, inbound
events (dead ones can be retried), conversations (a handed-off chat can be resumed)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from posada.services import conversations, inbox, outbox
from posada.web.deps import AdminDep, DbDep
from posada.web.routers.public import ERRORS
from posada.web.schemas import ErrorResponse, IdPath

router = APIRouter(prefix="/api/v1/admin", tags=["admin"],
                   responses={**ERRORS, 401: {"model": ErrorResponse}})
Limit = Annotated[int, Query(ge=1, le=500)]


class OutboxOut(BaseModel):
    id: int
    kind: str
    status: Literal["pending", "sending", "sent", "dead", "uncertain"]
    contact_id: int | None
    message: dict[str, Any]
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    provider_id: str | None
    delivery: str | None
    created_at: datetime
    sent_at: datetime | None


class InboundOut(BaseModel):
    id: int
    source: str
    status: Literal["pending", "done", "dead"]
    attempts: int
    items: int | None
    last_error: str | None
    received_at: datetime
    processed_at: datetime | None
    bytes: int


class ConversationOut(BaseModel):
    id: int
    contact_id: int
    phone: str | None
    user_id: str | None
    profile_name: str | None
    paused_until: datetime | None
    handoff_reason: str | None
    updated_at: datetime


@router.get("/outbox", response_model=list[OutboxOut])
async def list_outbox(
    db: DbDep, _: AdminDep,
    status: Literal["pending", "sending", "sent", "dead", "uncertain"] | None = None,
    limit: Limit = 100,
) -> list[OutboxOut]:
    """Outbound messages, newest first, with their status and the provider's delivery."""
    return [OutboxOut(
        id=r.id, kind=r.kind, status=r.status, contact_id=r.contact_id,
        message=r.payload.get("message", {}), attempts=r.attempts,
        next_attempt_at=r.next_attempt_at, last_error=r.last_error, provider_id=r.provider_id,
        delivery=r.delivery, created_at=r.created_at, sent_at=r.sent_at)
        for r in await outbox.list_outbox(db, status, limit)]


def _inbound_out(e: Any) -> InboundOut:
    return InboundOut(id=e.id, source=e.source, status=e.status, attempts=e.attempts,
                      items=e.items, last_error=e.last_error, received_at=e.received_at,
                      processed_at=e.processed_at, bytes=len(e.body.encode()))


@router.get("/inbound", response_model=list[InboundOut])
async def list_inbound(
    db: DbDep, _: AdminDep, status: Literal["pending", "done", "dead"] | None = None,
    limit: Limit = 100,
) -> list[InboundOut]:
    """Stored webhook deliveries, newest first (``status=dead``: the ones given up)."""
    return [_inbound_out(e) for e in await inbox.list_events(db, status, limit)]


@router.post("/inbound/{event_id}/retry", response_model=InboundOut)
async def retry_inbound(event_id: IdPath, db: DbDep, _: AdminDep) -> InboundOut:
    """Queue a delivery again (its messages already handled are not handled twice)."""
    return _inbound_out(await inbox.retry_event(db, event_id))


def _conversation_out(convo: Any, contact: Any) -> ConversationOut:
    return ConversationOut(
        id=convo.id, contact_id=contact.id, phone=contact.phone, user_id=contact.user_id,
        profile_name=contact.profile_name, paused_until=convo.paused_until,
        handoff_reason=convo.handoff_reason, updated_at=convo.updated_at)


@router.get("/conversations", response_model=list[ConversationOut])
async def list_conversations(db: DbDep, _: AdminDep, paused: bool = False,
                             limit: Limit = 100) -> list[ConversationOut]:
    """Chats, most recent first (``paused=true``: the ones a person took over)."""
    return [_conversation_out(convo, contact)
            for convo, contact in await conversations.list_conversations(db, paused, limit)]


@router.post("/conversations/{conversation_id}/resume", response_model=ConversationOut)
async def resume_conversation(conversation_id: IdPath, db: DbDep, _: AdminDep
                              ) -> ConversationOut:
    """Let the bot answer again in a chat handed to a person (404 if unknown)."""
    return _conversation_out(*await conversations.resume(db, conversation_id))
