"""The outbox: messages written with the change that caused them, sent by a job.

Order: a contact's messages go out in the order they were written (``claim_outbox``), and
so do the owner's, per property; read receipts and other rows without a contact go out as
soon as they are due.
At most once: a row is marked ``sending`` (committed) just before the call to the channel
(a batch holds no more rows than run at once) and ``sent`` with the channel's message id after
it. A runner that dies in between leaves the row ``sending``; when its lease ends it becomes
``uncertain`` and is *not* sent again, because the channel may already have delivered it (the
Cloud API has no idempotency key). So does a call that was written but got no answer (a read
timeout). What remains possible is that such a message was lost: it is listed in
``GET /api/v1/admin/outbox``. Read receipts are idempotent and always retried.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError

from posada.db import work
from posada.db.engine import Database
from posada.db.models_messaging import Contact, MessageStatus, OutboxMessage
from posada.observability import OUTBOX_DEAD, OUTBOX_PENDING, WHATSAPP_MESSAGES
from posada.services.common import newest, utcnow
from posada.services.guests import contact_label
from posada.services.ports import Address, MessageSender, SendFailure

log = logging.getLogger("posada.outbox")

#: The customer-service window: free-form replies only within 24 h of the guest's last message
#: (Meta, "Customer service windows", WhatsApp Cloud API docs).
SERVICE_WINDOW = timedelta(hours=24)
#: A claim lasts longer than the channel's whole timeout, so a live sender never loses it.
LEASE = timedelta(minutes=2)
SEND_CONCURRENCY = 16
#: A channel's ``Retry-After`` is obeyed up to this long.
MAX_DELAY = timedelta(days=1)


@dataclass(frozen=True)
class OutboxPolicy:
    """How the sender retries and where it escalates.

    ``template``: the approved template sent outside the 24-hour window (its one body
    parameter receives the message text), or ``None``; ``owner``: where alerts go.
    """

    max_attempts: int = 8
    #: the channel these rows are for: ``whatsapp``, or ``terminal`` (``posada chat``),
    #: whose rows no job ever sends
    channel: str = "whatsapp"
    retry_base_seconds: float = work.BACKOFF_BASE_SECONDS
    template: str | None = None
    template_language: str = "es_AR"
    owner: Address | None = None


def outbox_row(property_id: int, kind: str, to: Address, message: dict[str, Any], *,
               contact_id: int | None = None, dedupe_key: str | None = None,
               about: int | None = None, now: datetime | None = None,
               channel: str = "whatsapp") -> OutboxMessage:
    """A new outbox row (add it to the session of the change that causes it).

    ``kind``: ``reply``, ``read``, ``owner`` (to the owner), ``reminder``; ``contact_id``:
    the recipient contact (orders its messages, opens its 24-hour window); ``about``: the
    guest contact an owner message is about.
    """
    now = now or utcnow()
    payload: dict[str, Any] = {"to": to.to_json(), "message": message}
    if about is not None:
        payload["about"] = about
    return OutboxMessage(
        property_id=property_id, channel=channel, kind=kind, contact_id=contact_id,
        payload=payload, dedupe_key=dedupe_key,
        status="pending", attempts=0, next_attempt_at=now, delivery_rank=0, created_at=now)


def owner_alert(property_id: int, policy: OutboxPolicy, body: str,
                now: datetime | None = None, about: int | None = None) -> OutboxMessage | None:
    """A message to the owner, or ``None`` when no ``POSADA_OWNER_PHONE`` is set."""
    if policy.owner is None:
        log.warning("owner alert not sent (POSADA_OWNER_PHONE is not set): %s", body)
        return None
    return outbox_row(property_id, "owner", policy.owner, {"type": "text", "body": body},
                      about=about, now=now, channel=policy.channel)


def as_template(message: dict[str, Any], policy: OutboxPolicy) -> dict[str, Any] | None:
    """``message`` as the configured template (text flattened into its parameter)."""
    if policy.template is None or message.get("type") == "template":
        return None
    text = str(message.get("body", "")).replace("\n", " · ")
    return {"type": "template", "name": policy.template,
            "language": policy.template_language, "params": [text[:1000]]}


async def send_due(db: Database, sender: MessageSender, policy: OutboxPolicy,
                   now: datetime | None = None, limit: int = 100) -> int:
    """Send every due outbox row (job ``send_outbox``); returns how many went out.

    One transaction claims a batch of at most ``SEND_CONCURRENCY`` rows (and reads the
    recipients' windows), the batch's calls run concurrently (at most one per contact:
    ``claim_outbox``), one transaction marks its successes ``sent``; failures are written one
    by one. ``limit`` caps the batch further.
    """
    sent = 0
    batch = max(1, min(limit, SEND_CONCURRENCY))  # claimed rows are all in flight at once
    while True:
        at = now or utcnow()
        async with db.connection() as conn:
            await work.recover_outbox(conn, at)
            rows = await work.claim_outbox(conn, at, LEASE, batch, policy.channel)
            contacts = {row.contact_id for row in rows if row.contact_id is not None}
            windows = dict((await conn.execute(
                select(Contact.id, Contact.last_inbound_at).where(Contact.id.in_(contacts))
            )).all()) if contacts else {}
        if not rows:
            break

        calls = (_send_one(db, sender, policy, row, windows, now or utcnow()) for row in rows)
        done = []
        for row, result in zip(rows, await asyncio.gather(*calls, return_exceptions=True),
                               strict=True):
            if isinstance(result, BaseException):  # the others' outcome is still written
                log.error("outbox %s: sending failed unexpectedly: %r", row.id, result)
            elif result is not None:
                done.append(result)
        if done:
            async with db.connection() as conn:
                await conn.execute(
                    update(OutboxMessage).where(OutboxMessage.id == bindparam("row_id"))
                    .values(status="sent", provider_id=bindparam("provider"),
                            sent_at=bindparam("at"), payload=bindparam("sent_payload"),
                            locked_until=None, last_error=None), done)
            for item in done:
                WHATSAPP_MESSAGES.labels(
                    direction="out", type=str(item["sent_payload"]["message"].get("type"))).inc()
            await catch_up(db, policy, [d["provider"] for d in done if d["provider"]],
                           now or utcnow())
        sent += len(done)
    await refresh_pending_gauge(db)
    return sent


async def refresh_pending_gauge(db: Database) -> None:
    async with db.session() as session:
        OUTBOX_PENDING.set(await session.scalar(
            select(func.count()).select_from(OutboxMessage)
            .where(OutboxMessage.status.in_(("pending", "sending")))) or 0)


def _window_closed(windows: dict[int, datetime | None], contact_id: int | None,
                   now: datetime) -> bool:
    if contact_id is None:
        return False
    last = windows.get(contact_id)
    return last is None or now - last > SERVICE_WINDOW


async def _send_one(db: Database, sender: MessageSender, policy: OutboxPolicy, row: Any,
                    windows: dict[int, datetime | None], now: datetime
                    ) -> dict[str, Any] | None:
    """Send one claimed row; the values that mark it sent, or ``None`` (failure written)."""
    to = Address.from_json(row.payload["to"])
    message: dict[str, Any] = row.payload["message"]
    if message.get("type") not in ("template", "read") and _window_closed(
            windows, row.contact_id, now):
        template = as_template(message, policy)
        if template is None:
            await dead_row(db, row, policy, now, "outside the 24-hour window and no template "
                        "is configured (POSADA_WHATSAPP_TEMPLATE)")
            return None
        message = template
    try:
        provider_id = await sender.send(to, message)
    except SendFailure as failure:
        await _failed(db, row, policy, message, failure, now)
        return None
    return {"row_id": row.id, "provider": provider_id, "at": now,
            "sent_payload": {**row.payload, "message": message}}


async def _failed(db: Database, row: Any, policy: OutboxPolicy, message: dict[str, Any],
                  failure: SendFailure, now: datetime) -> None:
    detail = f"{failure.kind}: {failure.detail}"[:2000]
    if failure.kind == "template" and (template := as_template(message, policy)):
        await retry_row(db, row, now, detail, payload={**row.payload, "message": template},
                     delay=timedelta(0))
    elif failure.kind == "uncertain" and row.kind != "read":
        await _uncertain(db, row, detail)
    elif failure.kind in ("retry", "uncertain") and row.attempts < policy.max_attempts:
        delay = (timedelta(seconds=min(failure.retry_after, MAX_DELAY.total_seconds()))
                 if failure.retry_after else work.backoff(row.attempts, policy.retry_base_seconds))
        await retry_row(db, row, now, detail, delay=delay)
    else:
        await dead_row(db, row, policy, now, detail, credentials=failure.kind == "owner")


async def _uncertain(db: Database, row: Any, detail: str) -> None:
    """Keep a row the channel may have taken without resending it (at most once)."""
    async with db.connection() as conn:
        await conn.execute(update(OutboxMessage).where(OutboxMessage.id == row.id).values(
            status="uncertain", locked_until=None, last_error=detail))
    log.warning("outbox %s uncertain: %s", row.id, detail)


async def retry_row(db: Database, row: Any, now: datetime, detail: str, *,
                 delay: timedelta, payload: dict[str, Any] | None = None) -> None:
    values: dict[str, Any] = {"status": "pending", "next_attempt_at": now + delay,
                              "locked_until": None, "last_error": detail}
    if payload is not None:
        values["payload"] = payload
    async with db.connection() as conn:
        await conn.execute(update(OutboxMessage).where(OutboxMessage.id == row.id)
                           .values(**values))


async def dead_row(db: Database, row: Any, policy: OutboxPolicy, now: datetime, detail: str,
                credentials: bool = False) -> None:
    """Give the row up and tell the owner (never about a message to the owner itself)."""
    async with db.transaction() as session:
        await session.execute(update(OutboxMessage).where(OutboxMessage.id == row.id).values(
            status="dead", locked_until=None, last_error=detail))
        if row.kind not in ("owner", "read"):
            who = await _who(session, row.contact_id)
            body = ("⚠️ WhatsApp no acepta nuestras credenciales (revisá "
                    "POSADA_WHATSAPP_ACCESS_TOKEN); no pude escribirle a " if credentials
                    else "⚠️ No pude hacerle llegar un mensaje a ") + f"{who}: {detail}"
            alert = owner_alert(row.property_id, policy, body, now)
            if alert is not None:
                session.add(alert)
    OUTBOX_DEAD.inc()
    log.warning("outbox %s dead: %s", row.id, detail)


async def _who(session: Any, contact_id: int | None) -> str:
    return contact_label(None if contact_id is None else await session.get(Contact, contact_id))


#: Delivery reports in the order a message goes through them (Meta, "Status messages"):
#: a report never moves a message back (they arrive in any order). ``failed`` ranks above
#: ``sent`` only: a message read or delivered did get there.
DELIVERY_RANK = {"sent": 1, "failed": 2, "delivered": 3, "read": 4, "played": 5}


async def apply_status(db: Database, policy: OutboxPolicy, provider_id: str, status: str,
                       at: datetime | None, errors: list[dict[str, Any]],
                       now: datetime | None = None) -> bool:
    """Record one delivery report once (by message id and status) and move the outbox row
    forward; a ``failed`` report on a guest message tells the owner, unless the message was
    already delivered or read (a late ``failed`` is then stale). Unknown statuses are
    recorded and change nothing. Returns whether the report was new."""
    now = now or utcnow()
    try:
        async with db.transaction() as session:
            session.add(MessageStatus(provider_id=provider_id, status=status[:40], at=at,
                                      errors=errors or None, created_at=now))
            await session.flush()
            if not DELIVERY_RANK.get(status, 0):
                return True
            row = await session.scalar(select(OutboxMessage).where(
                OutboxMessage.provider_id == provider_id).with_for_update())
            if row is not None:
                await _advance(session, policy, row, status, errors, now)
    except IntegrityError:
        return False
    return True


async def _advance(session: Any, policy: OutboxPolicy, row: OutboxMessage, status: str,
                   errors: list[dict[str, Any]], now: datetime) -> None:
    rank = DELIVERY_RANK.get(status, 0)
    forward = rank > row.delivery_rank
    if forward:
        row.delivery, row.delivery_rank = status, rank
    if status == "failed" and forward and row.kind not in ("owner", "read"):
        reason = "; ".join(f"{e.get('code')} {e.get('title') or e.get('message')}"
                           for e in errors) or "sin detalle"
        alert = owner_alert(row.property_id, policy, "⚠️ WhatsApp no entregó un "
                            f"mensaje a {await _who(session, row.contact_id)}: {reason}", now)
        if alert is not None:
            alert.dedupe_key = f"failed:{row.provider_id}"[:200]
            session.add(alert)


async def catch_up(db: Database, policy: OutboxPolicy, provider_ids: list[str],
                   now: datetime) -> None:
    """Apply reports that arrived before their rows were marked sent (a batch marks its
    rows after its slowest call), in delivery order."""
    if not provider_ids:
        return
    async with db.transaction() as session:
        early = (await session.scalars(select(MessageStatus).where(
            MessageStatus.provider_id.in_(provider_ids)))).all()
        if not early:
            return
        rows = {r.provider_id: r for r in (await session.scalars(select(OutboxMessage).where(
            OutboxMessage.provider_id.in_({s.provider_id for s in early}))
            .with_for_update())).all()}
        for report in sorted(early, key=lambda s: DELIVERY_RANK.get(s.status, 0)):
            row = rows.get(report.provider_id)
            if row is not None and DELIVERY_RANK.get(report.status, 0):
                await _advance(session, policy, row, report.status, report.errors or [], now)


async def list_outbox(db: Database, status: str | None, limit: int) -> list[OutboxMessage]:
    """Outbox rows, newest first (``status``: pending, sending, sent, dead, uncertain)."""
    return await newest(db, OutboxMessage, status, limit)


async def take_written(db: Database, after_id: int, contact_id: int, now: datetime
                       ) -> list[OutboxMessage]:
    """The pending rows written after ``after_id`` to or about ``contact_id``, marked sent
    by a local channel (the terminal of ``posada chat``), oldest first."""
    async with db.transaction() as session:
        rows = (await session.scalars(select(OutboxMessage).where(
            OutboxMessage.id > after_id, OutboxMessage.status == "pending",
            OutboxMessage.channel == "terminal")
            .order_by(OutboxMessage.id))).all()
        mine = [r for r in rows if r.contact_id == contact_id
                or r.payload.get("about") == contact_id]
        for row in mine:
            row.status, row.sent_at, row.provider_id = "sent", now, f"terminal:{row.id}"
    return list(mine)


async def last_id(db: Database) -> int:
    async with db.session() as session:
        return await session.scalar(select(func.max(OutboxMessage.id))) or 0
