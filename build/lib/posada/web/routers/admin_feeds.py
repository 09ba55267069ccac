"""Channel feeds under ``/api/v1/admin/``: the iCal URLs imported per accommodation, a sync
on demand, each feed's events (one can be ignored) and the conflicts they met.

Feed URLs carry the channels' secrets: responses show them redacted."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from posada.adapters.ical.fetch import redact
from posada.db.models_feeds import Feed
from posada.services import feed_sync, feeds
from posada.web.deps import AdminDep, DbDep, SettingsDep
from posada.web.routers.public import ERRORS
from posada.web.schemas import ErrorResponse, IdPath, Strict

router = APIRouter(prefix="/api/v1/admin", tags=["admin"],
                   responses={**ERRORS, 401: {"model": ErrorResponse}})
FeedChannel = Literal["airbnb", "booking", "vrbo", "google", "other"]


class FeedIn(Strict):
    """``accommodation``: its id or slug."""

    accommodation: int | Annotated[str, Field(pattern=r"^[a-z0-9-]{1,80}$")]
    url: Annotated[str, Field(min_length=8, max_length=2000)]
    channel: FeedChannel
    enabled: bool = True


class FeedPatch(Strict):
    url: Annotated[str, Field(min_length=8, max_length=2000)] | None = None
    channel: FeedChannel | None = None
    enabled: bool | None = None


class FeedOut(BaseModel):
    id: int
    accommodation_id: int
    url: str = Field(description="redacted: the channel's secret is never shown")
    channel: str
    enabled: bool
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_result: str | None
    last_error: str | None
    last_event_count: int | None
    etag: str | None
    last_modified: str | None
    next_sync_at: datetime
    failures: int


class SyncOut(BaseModel):
    feed_id: int
    result: Literal["fetched", "not_modified", "error"]
    events: int
    nights_blocked: int
    nights_released: int
    conflicts: int
    holds_cancelled: list[str]
    kept_empty: bool
    problems: list[str]
    error: str | None


class EventOut(BaseModel):
    id: int
    uid: str | None
    recurrence_id: str | None
    kind: str
    summary: str | None
    description: str | None
    url: str | None
    check_in: date
    check_out: date
    status: str
    ignored: bool
    first_seen_at: datetime
    last_seen_at: datetime


class IgnoreIn(Strict):
    ignored: bool


class ConflictOut(BaseModel):
    id: int
    feed_id: int
    channel: str
    accommodation_id: int
    event: EventOut
    check_in: date
    check_out: date
    holder_code: str
    holder_kind: str
    holder_status: str
    detected_at: datetime
    resolved_at: datetime | None


def _feed_out(feed: Feed) -> FeedOut:
    return FeedOut(
        id=feed.id, accommodation_id=feed.accommodation_id, url=redact(feed.url),
        channel=feed.channel, enabled=feed.enabled, last_attempt_at=feed.last_attempt_at,
        last_success_at=feed.last_success_at, last_result=feed.last_result,
        last_error=feed.last_error, last_event_count=feed.last_event_count, etag=feed.etag,
        last_modified=feed.last_modified, next_sync_at=feed.next_sync_at,
        failures=feed.failures)


def _event_out(event: Any) -> EventOut:
    return EventOut.model_validate(event, from_attributes=True)


@router.get("/feeds", response_model=list[FeedOut])
async def list_feeds(db: DbDep, _: AdminDep, accommodation_id: Annotated[
        int | None, Query(ge=1)] = None) -> list[FeedOut]:
    """Every imported feed with its last sync."""
    return [_feed_out(f) for f in await feeds.list_feeds(db, accommodation_id)]


@router.post("/feeds", response_model=FeedOut, status_code=201)
async def add_feed(body: FeedIn, db: DbDep, settings: SettingsDep, _: AdminDep) -> FeedOut:
    """Import a channel's iCal URL for an accommodation (synced within one job tick).
    422 ``invalid_feed_url`` for non-http(s) URLs or our own export; 409 if already there."""
    return _feed_out(await feeds.add_feed(db, body.accommodation, body.url, body.channel,
                                          enabled=body.enabled, public_url=settings.public_url))


@router.patch("/feeds/{feed_id}", response_model=FeedOut)
async def patch_feed(feed_id: IdPath, body: FeedPatch, db: DbDep, settings: SettingsDep,
                     _: AdminDep) -> FeedOut:
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    return _feed_out(await feeds.update_feed(db, feed_id, changes, settings.public_url))


@router.delete("/feeds/{feed_id}")
async def delete_feed(feed_id: IdPath, db: DbDep, _: AdminDep) -> dict[str, int]:
    """Stop importing: the feed's blocks are released (``released``: how many)."""
    return {"released": await feeds.delete_feed(db, feed_id)}


@router.post("/feeds/{feed_id}/sync", response_model=SyncOut)
async def sync_feed(feed_id: IdPath, request: Request, db: DbDep, _: AdminDep) -> SyncOut:
    """Fetch the feed now and apply it; the result says what changed."""
    result = await feed_sync.sync_feed(
        db, request.app.state.feed_reader, feed_id, request.app.state.jobs.messaging.outbox,
        request.app.state.jobs.feed_settings)
    return SyncOut.model_validate(result.to_json())


@router.get("/feeds/{feed_id}/events", response_model=list[EventOut])
async def list_events(feed_id: IdPath, db: DbDep, _: AdminDep,
                      include_gone: bool = False) -> list[EventOut]:
    """What the feed said, by check-in (``include_gone``: also events it dropped)."""
    return [_event_out(e) for e in await feeds.list_events(db, feed_id, include_gone)]


@router.patch("/feeds/{feed_id}/events/{event_id}", response_model=EventOut)
async def ignore_event(feed_id: IdPath, event_id: IdPath, body: IgnoreIn, db: DbDep,
                       _: AdminDep) -> EventOut:
    """``{"ignored": true}``: the event blocks nothing from the next sync on (queued now)."""
    return _event_out(await feeds.set_ignored(db, feed_id, event_id, body.ignored))


@router.get("/conflicts", response_model=list[ConflictOut])
async def list_conflicts(db: DbDep, _: AdminDep,
                         include_resolved: bool = False) -> list[ConflictOut]:
    """Imported events that want nights another row holds, newest first."""
    return [ConflictOut(
        id=c.id, feed_id=f.id, channel=f.channel, accommodation_id=c.accommodation_id,
        event=_event_out(e), check_in=c.check_in, check_out=c.check_out, holder_code=r.code,
        holder_kind=r.kind, holder_status=r.status, detected_at=c.detected_at,
        resolved_at=c.resolved_at) for c, e, f, r in await feeds.list_conflicts(
            db, include_resolved)]
