"""Admin accounts: argon2 password hashes (hashed off the event loop) and JWTs (HS256, PyJWT).

A token carries a *version*: a fingerprint of the stored hash and the admin's
``token_version``. Changing the password, deactivating or re-activating the admin changes it,
so every token issued before stops working; a restart changes nothing.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, TypeVar

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from posada.config import MIN_PASSWORD_LENGTH
from posada.db.engine import Database
from posada.db.models import AdminUser
from posada.domain.errors import Busy, DomainError, NotFound
from posada.services.common import translated_db_errors, utcnow

ALGORITHM = "HS256"
T = TypeVar("T")


class AuthError(DomainError):
    code = "unauthorized"


class Hasher:
    """argon2id hashing and verification on a small thread pool, so the event loop never
    waits the ~0.3 s a hash costs. At most ``threads * 8`` calls wait at once; more answer
    ``busy`` at once instead of queueing without bound.

    Args:
        threads: hashes computed in parallel (argon2-cffi releases the GIL while hashing).
    """

    def __init__(self, threads: int = 2) -> None:
        self._argon = PasswordHasher()
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="argon2")
        self._limit = threads * 8
        self._waiting = 0  # only touched on the event loop's thread: no lock needed
        self._dummy: str | None = None

    async def _run(self, work: Callable[..., T], *args: str) -> T:
        if self._waiting >= self._limit:
            raise Busy("Too many logins at once; try again in a moment.")
        self._waiting += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, work, *args)
        finally:
            self._waiting -= 1

    def _dummy_hash(self) -> str:
        """Verified against when the user does not exist, so timing does not reveal names."""
        if self._dummy is None:
            self._dummy = self._argon.hash("posada-dummy-password")
        return self._dummy

    async def hash(self, password: str) -> str:
        """The argon2id hash of ``password``. Raises ``Busy`` when too many calls wait."""
        return await self._run(self._argon.hash, password)

    async def verify(self, password_hash: str | None, password: str) -> bool:
        """Does ``password`` match ``password_hash`` (``None``: compare with a dummy hash, at
        the same cost, and answer ``False``)? Raises ``Busy`` when too many calls wait."""
        def check(given: str) -> bool:
            try:
                return bool(self._argon.verify(password_hash or self._dummy_hash(), given))
            except (VerificationError, InvalidHashError):
                return False

        return await self._run(check, password) and password_hash is not None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


#: For callers without their own (the CLI, tests): one thread.
DEFAULT_HASHER = Hasher(1)


def valid_username(username: str) -> bool:
    """1-80 characters, not blank, no control characters."""
    return 0 < len(username) <= 80 and bool(username.strip()) and all(
        ord(ch) >= 32 and ord(ch) != 127 for ch in username
    )


def _check_new(username: str, password: str) -> None:
    if not valid_username(username):
        raise ValueError("username must be 1-80 printable characters")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"password must have at least {MIN_PASSWORD_LENGTH} characters")


async def set_admin(db: Database, username: str, password: str,
                    hasher: Hasher | None = None) -> AdminUser:
    """Create admin ``username`` or replace its password (argon2id hash); a deactivated
    admin stays deactivated (``set_admin_active`` re-activates).

    Raises:
        ValueError: a username that is empty, over 80 characters or has control characters;
            a password under 8 characters.
    """
    _check_new(username, password)
    hasher = hasher or DEFAULT_HASHER
    password_hash = await hasher.hash(password)
    async with translated_db_errors(), db.transaction() as session:
        user = await session.scalar(select(AdminUser).where(AdminUser.username == username))
        if user is None:
            user = AdminUser(username=username, password_hash=password_hash, active=True,
                             token_version=0)
            session.add(user)
        else:
            user.password_hash = password_hash
    return user


EnsureResult = Literal["created", "unchanged", "password_changed", "inactive"]


async def ensure_admin(db: Database, username: str, password: str,
                       hasher: Hasher | None = None) -> EnsureResult:
    """The start-up admin (``POSADA_ADMIN_USER`` / ``POSADA_ADMIN_PASSWORD``): created when
    missing; its password replaced only when the given one no longer verifies (so tokens
    survive restarts); a deactivated admin is left deactivated (``inactive``).

    Raises:
        ValueError: as ``set_admin``.
    """
    _check_new(username, password)
    hasher = hasher or DEFAULT_HASHER
    async with db.session() as session:
        user = await session.scalar(select(AdminUser).where(AdminUser.username == username))
    if user is not None and await hasher.verify(user.password_hash, password):
        return "unchanged" if user.active else "inactive"
    await set_admin(db, username, password, hasher)
    if user is None:
        return "created"
    return "password_changed" if user.active else "inactive"


@dataclass(frozen=True)
class AdminInfo:
    username: str
    active: bool
    created_at: datetime


async def list_admins(db: Database) -> list[AdminInfo]:
    """Every admin account, by username."""
    async with db.session() as session:
        users = (await session.scalars(select(AdminUser).order_by(AdminUser.username))).all()
    return [AdminInfo(u.username, u.active, u.created_at) for u in users]


async def set_admin_active(db: Database, username: str, active: bool) -> bool:
    """Deactivate or re-activate ``username``; either way its token version moves on, so
    tokens issued before stay dead. Returns whether anything changed.

    Raises:
        NotFound: no admin has that username.
    """
    async with translated_db_errors(), db.transaction() as session:
        user = await session.scalar(
            select(AdminUser).where(AdminUser.username == username).with_for_update())
        if user is None:
            raise NotFound(f"No admin named {username!r}.")
        if user.active == active:
            return False
        user.active = active
        user.token_version += 1
    return True


async def authenticate(db: Database, hasher: Hasher, username: str, password: str) -> AdminUser:
    """The active admin whose password matches (verified on the hasher's threads).

    Raises:
        AuthError: unknown user, inactive user or wrong password (one message for all).
        Busy: too many logins are being verified at once.
    """
    async with db.session() as session:
        user = await session.scalar(select(AdminUser).where(AdminUser.username == username))
    matches = await hasher.verify(user.password_hash if user else None, password)
    if user is None or not matches or not user.active:
        raise AuthError("Incorrect username or password.")
    return user


def password_version(password_hash: str, token_version: int = 0) -> str:
    """A short fingerprint of the stored hash and the token version: a token carries it, so
    a new password, a deactivation or a re-activation invalidates every earlier token."""
    return hashlib.sha256(f"{token_version}:{password_hash}".encode()).hexdigest()[:16]


def issue_token(
    user: AdminUser, secret: str, ttl: timedelta, now: datetime | None = None
) -> str:
    """A signed JWT for ``user`` valid for ``ttl`` from ``now`` (aware UTC)."""
    now = now or utcnow()
    claims = {"sub": user.username, "ver": password_version(user.password_hash,
                                                             user.token_version),
              "iat": now, "exp": now + ttl, "scope": "admin"}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


async def admin_from_token(db: Database, token: str, secret: str) -> str:
    """The username of the active admin a valid, current token was issued to.

    Raises:
        AuthError: missing, expired, forged or malformed token; unknown or inactive admin;
            password changed or admin re-activated since the token was issued.
    """
    username, version = verify_token(token, secret)
    async with db.session() as session:
        user = await session.scalar(select(AdminUser).where(AdminUser.username == username))
    if user is None or not user.active or password_version(
            user.password_hash, user.token_version) != version:
        raise AuthError("Token no longer valid.")
    return username


def verify_token(token: str, secret: str) -> tuple[str, str]:
    """The ``(username, token version)`` in a well-signed, unexpired admin token.

    Raises:
        AuthError: missing, expired, forged or malformed token.
    """
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]}
        )
    except jwt.ExpiredSignatureError as exc:
        raise AuthError("Token expired.") from exc
    except jwt.PyJWTError as exc:
        raise AuthError("Invalid token.") from exc
    subject = claims.get("sub")
    if claims.get("scope") != "admin" or not isinstance(subject, str) or not valid_username(
        subject
    ):
        raise AuthError("Invalid token.")
    return subject, str(claims.get("ver", ""))
