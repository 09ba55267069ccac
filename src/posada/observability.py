"""Prometheus metrics and logging (with guests' phones and e-mails redacted)."""

from __future__ import annotations

import logging
import re

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter(
    "http_requests_total", "HTTP requests answered", ["method", "route", "status"]
)
HTTP_DURATION = Histogram(
    "http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
RESERVATIONS = Counter(
    "reservations_total", "Reservation state changes, by the status reached", ["status"]
)
RATE_LIMITED = Counter(
    "rate_limit_exceeded_total", "Requests refused by a rate limit", ["scope"]
)
RATE_LIMIT_ERRORS = Counter(
    "rate_limit_storage_errors_total", "Requests let through because the limit storage failed"
)
HOLD_RETRIES = Counter(
    "hold_retries_total", "Hold attempts run again after a deadlock or serialization failure"
)
JOB_RUNS = Counter("job_runs_total", "Scheduled job runs", ["job", "outcome"])


def count_reservation(status: str, amount: int = 1) -> None:
    """Count ``amount`` reservations reaching ``status``."""
    if amount:
        RESERVATIONS.labels(status=status).inc(amount)


# Bounded repetitions keep both patterns linear in the length of the text (no backtracking
# blow-up on a 100 kB username at DEBUG level).
# An e-mail is whatever is not a separator around an "@" — every character email-validator
# accepts (RFC 5322 atext, and any Unicode letter, digit or combining mark of an
# internationalised address), with a dot-separated domain; the phone pattern takes every shape
# the API accepts (6-15 digits, any separators) and longer digit runs too — except right after
# ``code=``, where our own log lines put a provider's error code (Meta's 131047, say).
_EMAIL_CHAR = r"""[^\s@<>()\[\]\\,;:"]"""
_LABEL_CHAR = r"""[^\s@<>()\[\]\\,;:"'`./]"""
EMAIL = re.compile(
    rf"{_EMAIL_CHAR}{{1,64}}@{_LABEL_CHAR}{{1,63}}(?:\.{_LABEL_CHAR}{{1,63}}){{1,8}}")
PHONE = re.compile(r"(?<![\w:/.])(?<!code=)\+?\d(?:[\s().-]{0,30}\d){5,40}(?![\w:]|\.\d)")
NOT_A_PHONE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,3}(\.\d{1,3}){3}|\d+\.\d{2}")


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    return text if NOT_A_PHONE.fullmatch(text) else "[phone]"


def redact(text: str) -> str:
    """Replace e-mail addresses and phone numbers (6-15 digits) in ``text`` with placeholders."""
    if "@" in text:
        text = EMAIL.sub("[email]", text)
    return PHONE.sub(_phone, text)


class RedactingFilter(logging.Filter):
    """Rewrites every record's message and traceback so no phone number or e-mail reaches a
    log in clear."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact(self._formatter.formatException(record.exc_info))
            record.exc_info = None
        return True


def setup_logging(level: str = "INFO") -> None:
    """Configure the root logger once: one stream handler with the redacting filter."""
    root = logging.getLogger()
    root.setLevel(level.upper())
    if not any(isinstance(f, RedactingFilter) for h in root.handlers for f in h.filters):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    # aiosqlite logs every statement with its parameters at DEBUG: never let guest data out.
    logging.getLogger("aiosqlite").setLevel(max(logging.INFO, root.level))
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())


WHATSAPP_MESSAGES = Counter(
    "whatsapp_messages_total", "WhatsApp messages received and sent", ["direction", "type"])
WHATSAPP_WEBHOOK = Counter(
    "whatsapp_webhook_total", "WhatsApp webhook requests, by result", ["result"])
OUTBOX_PENDING = Gauge("outbox_pending", "Outbound messages waiting to be sent")
OUTBOX_DEAD = Counter("outbox_dead_total", "Outbound messages given up (dead letters)")
CONVERSATION_TURN = Histogram(
    "conversation_turn_seconds", "Time from a guest message to its replies being queued",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5))
ICAL_SYNC = Counter("ical_sync_total", "Channel feed syncs, by result "
                    "(fetched, not_modified, error)", ["result"])
ICAL_CONFLICTS = Counter("ical_conflicts_total",
                         "Imported events that met nights another row holds")
ICAL_LAST_SYNC_AGE = Gauge("ical_last_sync_age_seconds",
                           "Seconds since a feed's last successful sync (this process)", ["feed"])
PAYMENTS = Counter("payments_total", "Payments fetched and applied, by provider status",
                   ["status"])
PAYMENT_WEBHOOKS = Counter("payment_webhooks_total",
                           "Mercado Pago notifications, by result", ["result"])
REFUNDS = Counter("refunds_total", "Refund executions, by result (done, retry, failed)",
                  ["result"])
EMAILS = Counter("emails_total", "E-mails sent, by result (sent, retry, dead)", ["result"])
STT_SECONDS = Histogram("stt_seconds", "Wall time of transcribing one voice note",
                        buckets=(0.25, 0.5, 1, 2, 3, 5, 8, 13, 21, 34, 60))
STT_AUDIO_SECONDS = Counter("stt_audio_seconds_total", "Seconds of voice notes transcribed")
STT_FAILURES = Counter("stt_failures_total", "Voice notes not transcribed, by reason",
                       ["reason"])
