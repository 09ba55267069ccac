"""Webhook signatures: ``X-Hub-Signature-256`` as Meta sends it.

Meta signs every webhook delivery with the app secret: the header is ``sha256=`` followed by
the hex HMAC-SHA256 of the raw request body (the exact bytes, before any JSON parsing, so
``\\u00bf`` escapes and emoji surrogate pairs are signed as sent).
Source: https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads

Decisions where Meta is silent: the prefix must be exactly ``sha256=`` (lower case, as Meta
sends it; ``SHA256=``, ``sha1=`` or no prefix are refused); the 64 hex digits may be upper or
lower case; surrounding whitespace is ignored; an empty app secret never verifies.
"""

from __future__ import annotations

import hashlib
import hmac
import string

PREFIX = "sha256="
_HEX_DIGITS = 64
_HEX = frozenset(string.hexdigits)


def sign(app_secret: str, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` header value for ``body``: ``sha256=<64 lower-case hex>``.

    ``app_secret`` is the Meta app secret (UTF-8); ``body`` the exact bytes to be posted.
    Used by tests, the fake and the bench to post signed deliveries.
    """
    digest = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return PREFIX + digest


def verify_signature(app_secret: str, body: bytes, header: str | None) -> bool:
    """Whether ``header`` (the ``X-Hub-Signature-256`` value, or ``None`` when absent) is
    Meta's signature of ``body`` (the raw request bytes) with ``app_secret``.

    Never raises: a missing, empty or malformed header (other prefix, not 64 hex digits) and
    an empty secret give ``False``. The digests are compared with ``hmac.compare_digest``.
    """
    if not app_secret or not header:
        return False
    value = header.strip()
    if not value.startswith(PREFIX):
        return False
    given = value[len(PREFIX):]
    if len(given) != _HEX_DIGITS or not _HEX.issuperset(given):
        return False
    expected = sign(app_secret, body)[len(PREFIX):]
    return hmac.compare_digest(expected.encode(), given.lower().encode())
