"""Domain errors with stable codes; the web layer maps each code to one HTTP status."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A booking rule refused an operation.

    ``code`` is stable and part of the public contract; ``message`` is human text (Spanish
    for guest-facing rules); ``details`` carries machine-readable context.
    """

    code = "domain_error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class Unavailable(DomainError):
    code = "unavailable"


class InvalidStay(DomainError):
    code = "invalid_stay"


class MinStay(DomainError):
    code = "min_stay"


class OverCapacity(DomainError):
    code = "over_capacity"


class InvalidTransition(DomainError):
    code = "invalid_transition"


class NotFound(DomainError):
    code = "not_found"


class HoldExpired(DomainError):
    code = "hold_expired"


class InvalidRequest(DomainError):
    """Input that is well-formed JSON but not acceptable (outside the stay rules)."""

    code = "invalid_request"


class PriceOutOfRange(InvalidRequest):
    """A quote whose total exceeds what Posada stores."""


class Conflict(DomainError):
    """A unique name (slug, username) is already taken."""

    code = "conflict"


class Busy(DomainError):
    """The database could not take the write lock in time; the caller may retry."""

    code = "busy"


class BackendUnavailable(DomainError):
    """The database is unreachable, out of connections or too slow; the caller may retry."""

    code = "unavailable_backend"


class TooManyHolds(DomainError):
    """The guest (contact or client address) already has the most live holds allowed."""

    code = "too_many_holds"


class ContactRequired(DomainError):
    """A long hold needs a phone or e-mail, so the owner can reach the guest."""

    code = "contact_required"


class InvalidFeedUrl(InvalidRequest):
    """A feed URL that is not an http(s) address we may fetch, or our own export."""

    code = "invalid_feed_url"
