"""Sending the outbox's e-mail rows (channel ``email``; job ``send_email``).

E-mail rows are written with the change that causes them, like WhatsApp messages, and carry
the template name and its JSON context; they are rendered when sent. At least once: a runner
that dies mid-send leaves the row to be sent again (``work.recover_outbox``), since a
repeated e-mail (same Message-ID) does less harm than a lost confirmation. A row never
blocks a request: the job sends it.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from sqlalchemy import update

from posada.db import work
from posada.db.engine import Database
from posada.db.models_messaging import OutboxMessage
from posada.observability import EMAILS
from posada.services.common import utcnow
from posada.services.outbox import MAX_DELAY, OutboxPolicy, dead_row, retry_row
from posada.services.ports import EmailSender, SendFailure

log = logging.getLogger("posada.email")

LEASE = timedelta(minutes=2)
CONCURRENCY = 4


async def send_due(db: Database, mailer: EmailSender, policy: OutboxPolicy,
                   now: datetime | None = None) -> int:
    """Send every due e-mail row; returns how many went out."""
    sent = 0
    while True:
        at = now or utcnow()
        async with db.connection() as conn:
            await work.recover_outbox(conn, at)
            rows = await work.claim_outbox(conn, at, LEASE, CONCURRENCY, "email")
        if not rows:
            return sent
        results = await asyncio.gather(*(_send(db, mailer, policy, row, now or utcnow())
                                         for row in rows), return_exceptions=True)
        for row, result in zip(rows, results, strict=True):
            if isinstance(result, BaseException):
                log.error("e-mail %s: sending failed unexpectedly: %r", row.id, result)
                await retry_row(db, row, at, repr(result)[:2000],
                                delay=work.backoff(row.attempts, policy.retry_base_seconds))
            else:
                sent += result


async def _send(db: Database, mailer: EmailSender, policy: OutboxPolicy, row: object,
                now: datetime) -> int:
    payload = row.payload  # type: ignore[attr-defined]
    message = payload["message"]
    to = payload["to"].get("email")
    try:
        if not to:
            raise SendFailure("final", "no e-mail address")
        message_id = await mailer.send_email(to, message["template"], message["context"])
    except SendFailure as failure:
        detail = f"{failure.kind}: {failure.detail}"[:2000]
        attempts = row.attempts  # type: ignore[attr-defined]
        if failure.kind == "retry" and attempts < policy.max_attempts:
            delay = (timedelta(seconds=min(failure.retry_after, MAX_DELAY.total_seconds()))
                     if failure.retry_after else work.backoff(attempts, policy.retry_base_seconds))
            await retry_row(db, row, now, detail, delay=delay)
            EMAILS.labels(result="retry").inc()
        else:
            await dead_row(db, row, policy, now, f"e-mail a {to}: {detail}")
            EMAILS.labels(result="dead").inc()
        return 0
    async with db.connection() as conn:
        await conn.execute(update(OutboxMessage).where(
            OutboxMessage.id == row.id)  # type: ignore[attr-defined]
            .values(status="sent", provider_id=message_id[:200], sent_at=now,
                    locked_until=None, last_error=None))
    EMAILS.labels(result="sent").inc()
    return 1
