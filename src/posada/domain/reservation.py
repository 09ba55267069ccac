"""The reservation state machine: a transition table plus one guarded verb per transition.

States: ``pre_reserved → confirmed → (cancelled | completed)``, ``pre_reserved → (expired |
cancelled)``; blocks live in the same calendar as ``blocked → released``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from posada.domain.errors import HoldExpired, InvalidTransition


class Status(StrEnum):
    PRE_RESERVED = "pre_reserved"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    COMPLETED = "completed"
    BLOCKED = "blocked"
    RELEASED = "released"


class Verb(StrEnum):
    CONFIRM = "confirm"
    CANCEL = "cancel"
    EXPIRE = "expire"
    COMPLETE = "complete"
    RELEASE = "release"
    #: a deposit paid after the hold ran out: the stay is confirmed if its nights are free
    CONFIRM_LATE = "confirm_late"


TRANSITIONS: dict[tuple[Status, Verb], Status] = {
    (Status.PRE_RESERVED, Verb.CONFIRM): Status.CONFIRMED,
    (Status.PRE_RESERVED, Verb.CANCEL): Status.CANCELLED,
    (Status.PRE_RESERVED, Verb.EXPIRE): Status.EXPIRED,
    (Status.CONFIRMED, Verb.CANCEL): Status.CANCELLED,
    (Status.CONFIRMED, Verb.COMPLETE): Status.COMPLETED,
    (Status.BLOCKED, Verb.RELEASE): Status.RELEASED,
    (Status.PRE_RESERVED, Verb.CONFIRM_LATE): Status.CONFIRMED,
    (Status.EXPIRED, Verb.CONFIRM_LATE): Status.CONFIRMED,
}

#: Statuses whose row holds its nights in the database (an expired-but-unswept hold still
#: does, until a hold attempt or the sweeper marks it ``expired``).
OCCUPYING = frozenset({Status.PRE_RESERVED, Status.CONFIRMED, Status.BLOCKED})

#: 32 symbols without look-alikes (Crockford's base 32): 5 bits a character.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 50 random bits


def new_code(seed: bytes | None = None) -> str:
    """A public reservation code with 50 bits, e.g. ``"7KQ2M9XH3P"``: random, or the first 50
    bits of ``seed`` (at least 7 bytes of a keyed hash, so a retried request that carries the
    same seed finds the hold it already made)."""
    raw = seed[:7] if seed is not None else secrets.token_bytes(7)
    if len(raw) < 7:
        raise ValueError("a code seed needs at least 7 bytes")
    bits = int.from_bytes(raw) >> 6  # 56 bits → 50
    return "".join(CODE_ALPHABET[(bits >> (5 * i)) & 31] for i in range(CODE_LENGTH))


def is_active(status: Status, expires_at: datetime | None, now: datetime) -> bool:
    """Does a row with ``status`` block its nights at instant ``now`` (aware UTC)?"""
    if status is Status.PRE_RESERVED:
        return expires_at is None or expires_at > now
    return status in OCCUPYING


def effective_status(status: Status, expires_at: datetime | None, now: datetime) -> Status:
    """The status to show at ``now``: a hold past its expiry is ``expired`` even before the
    sweeper has written it down."""
    if status is Status.PRE_RESERVED and expires_at is not None and expires_at <= now:
        return Status.EXPIRED
    return status


@dataclass(frozen=True)
class Transition:
    """The outcome of a verb: the new status, to be persisted with an audit entry."""

    verb: Verb
    from_status: Status
    to_status: Status


def transition(status: Status, verb: Verb) -> Transition:
    """Apply ``verb`` to a row in ``status``.

    Raises:
        InvalidTransition: the table has no entry for ``(status, verb)``.
    """
    target = TRANSITIONS.get((status, verb))
    if target is None:
        raise InvalidTransition(
            f"cannot {verb.value} a reservation that is {status.value}",
            status=status.value,
            verb=verb.value,
        )
    return Transition(verb, status, target)


def confirm(status: Status, expires_at: datetime | None, now: datetime) -> Transition:
    """Confirm a hold at ``now`` (aware UTC).

    Raises:
        HoldExpired: the hold is ``expired`` or its ``expires_at`` has passed.
        InvalidTransition: any other state but ``pre_reserved``.
    """
    if status is Status.EXPIRED or (
        status is Status.PRE_RESERVED and expires_at is not None and expires_at <= now
    ):
        raise HoldExpired("La pre-reserva venció.", status=Status.EXPIRED.value)
    return transition(status, Verb.CONFIRM)


def confirm_paid(status: Status, expires_at: datetime | None, now: datetime) -> Transition:
    """Confirm a hold whose deposit was paid, at ``now`` (aware UTC): a live hold is
    confirmed, one that ran out (swept or not) is confirmed late — the caller must know its
    nights are still free (the database refuses an overlap anyway).

    Raises:
        InvalidTransition: it is cancelled, confirmed, completed or a block.
    """
    if status is Status.PRE_RESERVED and (expires_at is None or expires_at > now):
        return transition(status, Verb.CONFIRM)
    return transition(status, Verb.CONFIRM_LATE)


def cancel(status: Status) -> Transition:
    """Cancel a hold or a confirmed reservation; raises ``invalid_transition`` otherwise."""
    return transition(status, Verb.CANCEL)


def expire(status: Status, expires_at: datetime | None, now: datetime) -> Transition:
    """Expire a hold whose ``expires_at`` is at or before ``now``.

    Raises:
        InvalidTransition: not a hold, or its hold has not run out yet.
    """
    if status is Status.PRE_RESERVED and (expires_at is None or expires_at > now):
        raise InvalidTransition("the hold has not expired yet", status=status.value, verb="expire")
    return transition(status, Verb.EXPIRE)


def release(status: Status) -> Transition:
    """Release a block; raises ``invalid_transition`` when it is not ``blocked``."""
    return transition(status, Verb.RELEASE)
