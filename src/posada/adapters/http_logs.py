"""Keeping secret URLs out of httpx's own log line (``HTTP Request: GET <url> …``).

Feed URLs and WhatsApp media URLs carry credentials in their query. An adapter sets its
``ContextVar`` flag while it makes such calls; ``hide_httpx_urls`` installs (once per flag)
a filter on the ``httpx`` logger that rewrites the URL arguments of records logged while the
flag is set with the adapter's ``redact``.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable

import httpx


class HideUrls(logging.Filter):
    """Redacts the ``httpx.URL`` arguments of records logged while ``active`` is set."""

    def __init__(self, active: contextvars.ContextVar[bool],
                 redact: Callable[[str], str]) -> None:
        super().__init__()
        self.active = active
        self.redact = redact

    def filter(self, record: logging.LogRecord) -> bool:
        if self.active.get() and isinstance(record.args, tuple):
            record.args = tuple(self.redact(str(arg)) if isinstance(arg, httpx.URL) else arg
                                for arg in record.args)
        return True


def hide_httpx_urls(active: contextvars.ContextVar[bool], redact: Callable[[str], str]) -> None:
    """Install the filter for ``active`` on the ``httpx`` logger, once."""
    logger = logging.getLogger("httpx")
    if not any(isinstance(f, HideUrls) and f.active is active for f in logger.filters):
        logger.addFilter(HideUrls(active, redact))
