"""Applying one good fetch of a channel feed to the calendar, in one transaction.

Under the accommodation's write lock (the one every hold and block takes):

1. Events are matched to what was stored (``posada.domain.imports.match``); the empty-feed
   rule may keep everything as it was.
2. Events gone from the feed, ignored by the owner, or moved, release the blocks that no
   longer fit (a gone reservation tells the owner: "Airbnb canceló 12–15 ene en Pehuén").
3. Every active event then gets the nights it wants (from today on) that it does not hold
   yet. For a channel's reservation: an unexpired hold on them loses (cancelled, the guest
   and the owner told); nights held by the same feed are already closed; nights held by a
   confirmed stay, an owner block or another feed's block become a ``FeedConflict``
   (counted, listed, the owner told once) and stay with their holder. A channel's block only
   takes free nights (it may be the echo of our own export). The free rest becomes ``block``
   rows linked to the event. Nights held by others are tried again on every fetch, so the
   event closes them by itself once the other side is cancelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from posada import observability
from posada.db import calendar
from posada.db.models import Accommodation, Reservation
from posada.db.models_feeds import Feed, FeedBlock, FeedConflict, FeedEvent
from posada.domain import imports
from posada.domain import reservation as machine
from posada.domain.reservation import OCCUPYING, Status
from posada.services import feed_notices
from posada.services.common import record
from posada.services.outbox import OutboxPolicy
from posada.services.ports import ImportedEvent

ACTOR = "ical"
_HOLDING = frozenset(s.value for s in OCCUPYING)
#: Channels whose export writes their guests' bookings as plain blocks (Booking.com:
#: "CLOSED - Not available" for bookings and closures alike): their blocks are treated as
#: stays — they beat a hold and a clash with another row is a conflict.
BLOCKS_ARE_STAYS = frozenset({"booking"})


@dataclass
class Applied:
    """What one fetch changed: nights (from today on) newly blocked and released, conflicts
    newly found, holds cancelled, and whether the empty-feed rule kept the old state."""

    nights_blocked: int = 0
    nights_released: int = 0
    conflicts: int = 0
    holds_cancelled: list[str] = field(default_factory=list)
    kept_empty: bool = False


@dataclass
class _Context:
    session: AsyncSession
    feed: Feed
    accommodation: Accommodation
    today: date
    now: datetime
    policy: OutboxPolicy
    applied: Applied


async def apply_fetch(session: AsyncSession, feed: Feed, accommodation: Accommodation,
                      events: Sequence[ImportedEvent], today: date, now: datetime,
                      policy: OutboxPolicy, unreadable: Sequence[str | None] = ()) -> Applied:
    """Apply a good fetch's ``events`` to ``feed``'s stored events and the calendar.

    ``unreadable``: UIDs of events the fetch had but could not read: what they said before
    is kept (``None`` — one without a UID — keeps every stored event the fetch lacks). The
    caller holds the accommodation's turn and transaction and took its write lock;
    ``today`` is the property's local date, ``now`` aware UTC."""
    ctx = _Context(session, feed, accommodation, today, now, policy, Applied())
    stored = list((await session.scalars(select(FeedEvent).where(
        FeedEvent.feed_id == feed.id, FeedEvent.status == "active"))).all())
    live = sum(1 for e in stored if not e.ignored and e.check_out > today)
    verdict = imports.empty_rule(len(events) + len(unreadable), live, feed.empty_since, now)
    feed.empty_since = verdict.empty_since
    if not verdict.release:
        ctx.applied.kept_empty = True
        return ctx.applied
    by_id = {e.id: e for e in stored}
    matching = imports.match(
        [imports.Seen(e.uid, e.recurrence_id, e.kind, e.check_in, e.check_out) for e in events],
        [imports.Known(e.id, e.uid, e.recurrence_id, e.kind, e.check_in, e.check_out)
         for e in stored])
    blocks = await _blocks(session, [e.id for e in stored])
    keep = set(unreadable)
    active: list[FeedEvent] = []
    for left in matching.gone:
        if None in keep or left.uid in keep:  # unreadable this time: not gone
            active.append(by_id[left.id])
        else:
            await _gone(ctx, by_id[left.id], blocks.get(left.id, []))
    fresh: list[ImportedEvent] = []
    for (_, known), event in zip(matching.pairs, events, strict=True):
        if known is None:
            fresh.append(event)
        else:
            _describe(by_id[known.id], event, now)
            active.append(by_id[known.id])
    active += await _insert_events(session, feed, fresh, now)
    await session.flush()
    for row in active:
        mine = blocks.get(row.id, [])
        wanted = set() if row.ignored else imports.nights(row.check_in, row.check_out, today)
        for block in mine:  # release what no longer fits
            if not imports.covered([(block.check_in, block.check_out)]) <= wanted | _past(
                    block, today):
                await _release(ctx, block)
        blocks[row.id] = [b for b in mine if b.status == Status.BLOCKED.value]
    await _fill(ctx, [r for r in active if not r.ignored], blocks)
    await _resolve_conflicts(ctx)
    return ctx.applied


async def _insert_events(session: AsyncSession, feed: Feed, fresh: list[ImportedEvent],
                         now: datetime) -> list[FeedEvent]:
    """New events in one ``executemany`` insert, read back as rows (in insert order: the
    feed is leased and its accommodation locked, so no one else inserts its events)."""
    if not fresh:
        return []
    before = await session.scalar(select(func.max(FeedEvent.id)).where(
        FeedEvent.feed_id == feed.id)) or 0
    rows = []
    for event in fresh:
        row = FeedEvent(feed_id=feed.id, accommodation_id=feed.accommodation_id,
                        status="active", ignored=False, first_seen_at=now)
        _describe(row, event, now)
        rows.append({c.key: getattr(row, c.key) for c in FeedEvent.__table__.columns
                     if c.key != "id"})
    await session.execute(insert(FeedEvent), rows)
    return list((await session.scalars(select(FeedEvent).where(
        FeedEvent.feed_id == feed.id, FeedEvent.id > before).order_by(FeedEvent.id))).all())


def _describe(row: FeedEvent, event: ImportedEvent, now: datetime) -> None:
    row.uid = event.uid[:500] if event.uid else None
    row.recurrence_id = event.recurrence_id[:64] if event.recurrence_id else None
    row.kind = event.kind
    row.summary = event.summary[:500] if event.summary else None
    row.description = event.description
    row.url = event.url[:1000] if event.url else None
    row.check_in, row.check_out = event.check_in, event.check_out
    row.last_seen_at = now


def _past(block: Reservation, today: date) -> set[date]:
    return {d for d in imports.covered([(block.check_in, block.check_out)]) if d < today}


async def _blocks(session: AsyncSession, event_ids: list[int]) -> dict[int, list[Reservation]]:
    """The active block rows of each event."""
    if not event_ids:
        return {}
    rows = await session.execute(
        select(FeedBlock.feed_event_id, Reservation)
        .join(Reservation, Reservation.id == FeedBlock.reservation_id)
        .where(FeedBlock.feed_event_id.in_(event_ids),
               Reservation.status == Status.BLOCKED.value))
    found: dict[int, list[Reservation]] = {}
    for event_id, block in rows.all():
        found.setdefault(event_id, []).append(block)
    return found


async def _release(ctx: _Context, block: Reservation) -> None:
    ctx.applied.nights_released += len(imports.nights(block.check_in, block.check_out,
                                                      ctx.today))
    await record(ctx.session, block, machine.release(Status(block.status)), ctx.now, ACTOR)


async def _gone(ctx: _Context, row: FeedEvent, mine: list[Reservation]) -> None:
    row.status, row.gone_at = "gone", ctx.now
    for block in mine:
        await _release(ctx, block)
    if row.kind == "reservation" and not row.ignored and row.check_out > ctx.today:
        feed_notices.stay_gone(ctx.session, ctx.policy, ctx.feed, ctx.accommodation, row,
                               ctx.now)


async def _fill(ctx: _Context, rows: list[FeedEvent],
                blocks: dict[int, list[Reservation]]) -> None:
    """Close the nights each event wants and does not hold yet (module docstring, step 3):
    one read of the rows holding those nights, then every new block in one insert."""
    missing = {r.id: imports.nights(r.check_in, r.check_out, ctx.today) - imports.covered(
        (b.check_in, b.check_out) for b in blocks.get(r.id, [])) for r in rows}
    wanted = set().union(*missing.values())
    ctx.feed.unfilled = False
    if not wanted:
        return
    start, end = min(wanted), max(wanted)
    holders = list((await ctx.session.scalars(select(Reservation).where(
        Reservation.accommodation_id == ctx.accommodation.id,
        Reservation.status.in_([s.value for s in OCCUPYING]),
        Reservation.check_in <= end, Reservation.check_out > start)
        .order_by(Reservation.check_in))).all())
    ours = await _feed_of_blocks(ctx.session, [h.id for h in holders if h.kind == "block"])
    taken: set[date] = set()  # nights this fetch closes, by any of its events
    new: list[tuple[FeedEvent, Reservation]] = []
    for row in sorted(rows, key=lambda r: (r.check_in, r.id)):
        need = missing[row.id] - taken
        if need:
            need, waits = await _against_holders(ctx, row, need, holders, ours)
            # nights held by others are tried again on every sync, even a 304 one
            ctx.feed.unfilled = ctx.feed.unfilled or waits
        for check_in, check_out in imports.segments(need):
            new.append((row, Reservation(
                property_id=ctx.feed.property_id, accommodation_id=ctx.accommodation.id,
                kind="block", code=machine.new_code(), status=Status.BLOCKED.value,
                check_in=check_in, check_out=check_out,
                channel=block_channel(ctx.feed.channel), note=(row.summary or row.kind)[:200],
                external_uid=(row.uid or "")[:255] or None)))
            ctx.applied.nights_blocked += (check_out - check_in).days
        taken |= missing[row.id]
    if new:
        conn = await ctx.session.connection()
        await calendar.insert_rows(conn, [block for _, block in new], "block", ACTOR, ctx.now)
        await conn.execute(insert(FeedBlock), [
            {"reservation_id": block.id, "feed_event_id": row.id} for row, block in new])


async def _against_holders(ctx: _Context, row: FeedEvent, need: set[date],
                           holders: list[Reservation], ours: dict[int, int]
                           ) -> tuple[set[date], bool]:
    """``need`` minus the nights other rows hold. For a ``reservation`` (a guest's stay on
    the channel): an unexpired hold is cancelled (the channel's guest was first), this feed's
    own blocks count as closed, anything else (confirmed stay, owner block, another feed's
    block) is a conflict. A ``block`` only closes what is free: channels export the nights
    they closed because of *our* calendar as "Not available" too (Airbnb, Vrbo), so a block
    over a night another row holds is most often that row's echo — never a reason to cancel
    a hold or to alarm the owner. Booking.com is the exception (``BLOCKS_ARE_STAYS``): its
    export shows its own bookings as "CLOSED - Not available" blocks."""
    stay = row.kind == "reservation" or ctx.feed.channel in BLOCKS_ARE_STAYS
    waits = False
    for holder in holders:
        nights = need & imports.covered([(holder.check_in, holder.check_out)])
        if not nights or holder.status not in _HOLDING:
            continue
        status = machine.effective_status(Status(holder.status), holder.expires_at, ctx.now)
        if status is Status.PRE_RESERVED and stay:
            await record(ctx.session, holder, machine.cancel(status), ctx.now, ACTOR)
            ctx.applied.holds_cancelled.append(holder.code)
            await feed_notices.hold_lost(ctx.session, ctx.policy, ctx.feed, ctx.accommodation,
                                         holder, ctx.now)
            continue
        if not machine.is_active(status, holder.expires_at, ctx.now):
            continue
        need -= nights
        if ours.get(holder.id) != ctx.feed.id:
            waits = True
            if stay:
                await _conflict(ctx, row, holder, nights)
    return need, waits


def block_channel(feed_channel: str) -> str:
    """The ``reservations.channel`` of a feed's blocks: the OTA itself (so its own export,
    ``?exclude=airbnb``, leaves them out), ``ical`` for Google and other calendars."""
    return feed_channel if feed_channel in ("airbnb", "booking", "vrbo") else "ical"


async def _feed_of_blocks(session: AsyncSession, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = await session.execute(
        select(FeedBlock.reservation_id, FeedEvent.feed_id)
        .join(FeedEvent, FeedEvent.id == FeedBlock.feed_event_id)
        .where(FeedBlock.reservation_id.in_(ids)))
    return {reservation_id: feed_id for reservation_id, feed_id in rows.all()}


async def _conflict(ctx: _Context, row: FeedEvent, holder: Reservation,
                    nights: set[date]) -> None:
    check_in, check_out = min(nights), max(nights)
    check_out = date.fromordinal(check_out.toordinal() + 1)
    open_one = await ctx.session.scalar(select(FeedConflict).where(
        FeedConflict.feed_event_id == row.id, FeedConflict.reservation_id == holder.id,
        FeedConflict.resolved_at.is_(None)))
    if open_one is not None:
        open_one.check_in, open_one.check_out = check_in, check_out
        return
    ctx.session.add(FeedConflict(
        feed_event_id=row.id, accommodation_id=ctx.accommodation.id, reservation_id=holder.id,
        check_in=check_in, check_out=check_out, detected_at=ctx.now))
    ctx.applied.conflicts += 1
    observability.ICAL_CONFLICTS.inc()
    await feed_notices.conflict(ctx.session, ctx.policy, ctx.feed, ctx.accommodation, row,
                                holder, check_in, check_out, ctx.now)


async def _resolve_conflicts(ctx: _Context) -> None:
    """Open conflicts of this feed whose event no longer wants the nights (gone, ignored,
    moved) or whose other side no longer holds them are resolved."""
    await ctx.session.flush()
    rows = (await ctx.session.execute(
        select(FeedConflict, FeedEvent, Reservation)
        .join(FeedEvent, FeedEvent.id == FeedConflict.feed_event_id)
        .join(Reservation, Reservation.id == FeedConflict.reservation_id)
        .where(FeedEvent.feed_id == ctx.feed.id, FeedConflict.resolved_at.is_(None)))).all()
    for conflict, event, holder in rows:
        wanted = (set() if event.ignored or event.status != "active"
                  else imports.nights(event.check_in, event.check_out, ctx.today))
        held = imports.covered([(holder.check_in, holder.check_out)]) if machine.is_active(
            Status(holder.status), holder.expires_at, ctx.now) else set()
        if not wanted & held:
            conflict.resolved_at = ctx.now


async def apply_stored(session: AsyncSession, feed: Feed, accommodation: Accommodation,
                       today: date, now: datetime, policy: OutboxPolicy) -> Applied:
    """Apply again what the feed said last (after a 304): events that wait for nights other
    rows held take them once those are free."""
    stored = (await session.scalars(select(FeedEvent).where(
        FeedEvent.feed_id == feed.id, FeedEvent.status == "active"))).all()
    return await apply_fetch(session, feed, accommodation, [
        ImportedEvent(e.uid, e.recurrence_id, e.kind, e.summary, e.description, e.url,
                      e.check_in, e.check_out) for e in stored], today, now, policy)
