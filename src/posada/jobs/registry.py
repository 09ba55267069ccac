"""The named jobs: thin, idempotent wrappers around services, each run logged and counted.

Every job's due work lives in database rows (holds, inbound events, outbox), so any runner
can trigger it and two runners at once never process one row twice (``SKIP LOCKED`` on
PostgreSQL, the write lock on SQLite).

- ``expire_holds``: holds past ``expires_at`` → ``expired``.
- ``process_inbound``: stored webhook deliveries → conversations, statuses.
- ``send_outbox``: outbox rows → the channel (WhatsApp Cloud API).
- ``send_reminders``: a reminder shortly before a WhatsApp hold expires.
- ``sync_feeds``: channel feeds due (``feeds.next_sync_at``) → fetched and applied.
- ``reconcile_payments``: recent holds with a payment link and no final payment → searched
  at the gateway (webhooks can be lost); pending links created.
- ``execute_refunds``: refunds due → executed through the gateway.
- ``send_email``: e-mail outbox rows → SMTP.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

from posada.db.engine import Database
from posada.observability import JOB_RUNS
from posada.services import checkout, email_outbox, feed_sync, inbox, outbox, refunds, reminders
from posada.services.conversations import Messaging
from posada.services.holds import expire_holds
from posada.services.payments import Payments
from posada.services.ports import EmailSender, FeedReader, MessageSender

log = logging.getLogger("posada.jobs")

JobBody = Callable[[], Awaitable[int]]


@dataclass
class Jobs:
    """The jobs of one process, bound to its database and channels.

    ``handlers``: inbound event source (``whatsapp``) → processing function; ``order_keys``:
    source → the order keys of a body (``inbox.process_due``); ``sender``:
    the outbound channel, or ``None`` when none is configured (the outbox then waits).
    """

    db: Database
    messaging: Messaging
    handlers: dict[str, inbox.Handler] = field(default_factory=dict)
    order_keys: dict[str, inbox.KeysOf] = field(default_factory=dict)
    sender: MessageSender | None = None
    inbound_max_attempts: int = 8
    feed_reader: FeedReader | None = None
    feed_settings: feed_sync.FeedSettings = field(default_factory=feed_sync.FeedSettings)
    reminder_before: timedelta = timedelta(minutes=10)
    payments: Payments | None = None
    mailer: EmailSender | None = None

    def bodies(self) -> dict[str, JobBody]:
        bodies: dict[str, JobBody] = {
            "expire_holds": lambda: expire_holds(self.db),
            "process_inbound": lambda: inbox.process_due(
                self.db, self.handlers, self.inbound_max_attempts,
                retry_base_seconds=self.messaging.outbox.retry_base_seconds,
                keys=self.order_keys),
            "send_reminders": self._remind,
        }
        if self.feed_reader is not None:
            reader = self.feed_reader
            bodies["sync_feeds"] = lambda: feed_sync.sync_due(
                self.db, reader, self.messaging.outbox, self.feed_settings)
        if self.payments is not None and self.payments.gateway is not None:
            pay = self.payments
            bodies["reconcile_payments"] = lambda: checkout.reconcile(pay)
            bodies["execute_refunds"] = lambda: refunds.execute_due(pay)
        if self.mailer is not None:
            mailer = self.mailer
            bodies["send_email"] = lambda: email_outbox.send_due(
                self.db, mailer, self.messaging.outbox)
        if self.sender is not None:
            sender = self.sender
            bodies["send_outbox"] = lambda: outbox.send_due(
                self.db, sender, self.messaging.outbox)
        return bodies

    async def _remind(self) -> int:
        queued = await reminders.queue_reminders(self.db, self.reminder_before)
        if queued:
            self.messaging.nudge("send_outbox")
        return queued


async def run_job(name: str, body: JobBody) -> int | None:
    """Run job ``name`` once; failures are logged and counted, never raised to the scheduler."""
    try:
        result = await body()
    except Exception:
        JOB_RUNS.labels(job=name, outcome="error").inc()
        log.exception("job %s failed", name)
        return None
    JOB_RUNS.labels(job=name, outcome="ok").inc()
    if result:
        log.info("job %s: %s", name, result)
    return result
