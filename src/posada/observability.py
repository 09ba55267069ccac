"""Prometheus metrics and logging (with guests' phones and e-mails redacted)."""

from __future__ import annotations

import logging
import re

from prometheus_client import Counter, Histogram

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
JOB_RUNS = Counter("job_runs_total", "Scheduled job runs", ["job", "outcome"])


def count_reservation(status: str, amount: int = 1) -> None:
    """Count ``amount`` reservations reaching ``status``."""
    if amount:
        RESERVATIONS.labels(status=status).inc(amount)


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w:/.])\+?\d(?:[\s().-]?\d){7,14}(?![\w:]|\.\d)")
NOT_A_PHONE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,3}(\.\d{1,3}){3}|\d+\.\d{2}")


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    return text if NOT_A_PHONE.fullmatch(text) else "[phone]"


def redact(text: str) -> str:
    """Replace e-mail addresses and phone numbers (8-15 digits) in ``text`` with placeholders."""
    return PHONE.sub(_phone, EMAIL.sub("[email]", text))


class RedactingFilter(logging.Filter):
    """Rewrites every record's message so no phone number or e-mail reaches a log in clear."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
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
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())
