"""Classify what the database drivers raise (SQLAlchemy-wrapped or raw asyncpg), by SQLSTATE.

PostgreSQL error codes: https://www.postgresql.org/docs/15/errcodes-appendix.html (classes
08 connection, 53 insufficient resources, 57 operator intervention incl. 57014 statement
timeout, 58 system error); SQLite's busy and I/O errors by their messages.
"""

from __future__ import annotations

import asyncio
from typing import Literal

import asyncpg
from sqlalchemy import exc as sa_exc

Failure = Literal["overlap", "unique", "retry", "busy", "backend"]

EXCLUSION_VIOLATION = "23P01"
UNIQUE_VIOLATION = "23505"
LOCK_NOT_AVAILABLE = "55P03"
RETRYABLE = frozenset({"40001", "40P01"})  # serialization failure, deadlock detected
BACKEND_CLASSES = ("08", "53", "57", "58", "28")  # … and 28: the server refuses our login
#: A read-only server (a standby after failover), a database that is gone or closed to
#: connections: nothing the request did, and nothing it can fix.
BACKEND_STATES = frozenset({"25006", "3D000", "55000"})
SQLITE_BUSY = ("database is locked", "database table is locked")
SQLITE_BACKEND = ("unable to open database", "disk i/o error", "database disk image",
                  "readonly database")


class CalendarBusy(Exception):
    """This process could not get its turn on a calendar in time (classified ``busy``)."""


def protocol_broken(exc: BaseException) -> bool:
    """Whether ``exc`` (raw asyncpg or SQLAlchemy-wrapped) says its connection's protocol is
    stuck mid-operation: asyncpg read the server's "terminating connection" notice but not
    yet the socket's end, so the connection looks open and every statement on it raises
    ``InternalClientError`` ("cannot switch to state …; another operation … is in
    progress"). The connection is as good as dropped."""
    for candidate in _driver_errors(exc):
        if isinstance(candidate, asyncpg.exceptions.InternalClientError):
            return "another operation" in str(candidate)
    return False


def _driver_errors(exc: BaseException) -> list[BaseException | None]:
    """``exc``, the driver error it wraps (SQLAlchemy's ``orig``) and that error's cause
    (asyncpg's own, under SQLAlchemy's adapter)."""
    wrapped = getattr(exc, "orig", None)
    return [exc, wrapped, getattr(wrapped, "__cause__", None)]


def sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of ``exc``, of the driver error it wraps or of that error's cause."""
    for candidate in _driver_errors(exc):
        code = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if isinstance(code, str):
            return code
    return None


def classify(exc: BaseException) -> Failure | None:
    """What a database failure means for the caller, or ``None`` for anything else.

    ``overlap``: the no-overlap constraint or trigger refused a write; ``unique``: a unique
    key is taken; ``retry``: a deadlock or serialization failure (safe to run again);
    ``busy``: a lock could not be had in time; ``backend``: the database is unreachable, out
    of connections, shutting down, or a statement timed out.
    """
    if isinstance(exc, CalendarBusy):
        return "busy"
    state = sqlstate(exc)
    text = str(getattr(exc, "orig", None) or exc).lower()
    if state == EXCLUSION_VIOLATION or "reservation_overlap" in text:
        return "overlap"
    if state == UNIQUE_VIOLATION or "unique constraint failed" in text:
        return "unique"
    if state in RETRYABLE:
        return "retry"
    if state == LOCK_NOT_AVAILABLE or any(m in text for m in SQLITE_BUSY):
        return "busy"
    if state is not None and (state.startswith(BACKEND_CLASSES) or state in BACKEND_STATES):
        return "backend"
    if isinstance(exc, sa_exc.TimeoutError | asyncio.TimeoutError | TimeoutError | OSError
                  | asyncpg.InterfaceError | asyncpg.PostgresConnectionError
                  | asyncpg.exceptions.InternalClientError):
        return "backend"
    if isinstance(exc, sa_exc.DBAPIError) and (
        exc.connection_invalidated or any(m in text for m in SQLITE_BACKEND)
        or isinstance(exc.orig, OSError | asyncpg.InterfaceError)
        or "another operation" in text  # asyncpg's state after its backend was killed
        or ("connection" in text and ("closed" in text or "refused" in text))
    ):
        return "backend"
    return None
