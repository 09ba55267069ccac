"""Admin accounts: argon2 password hashes and short-lived JWTs (HS256, PyJWT)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from posada.db.engine import Database
from posada.db.models import AdminUser
from posada.domain.errors import DomainError
from posada.services.common import translated_db_errors, utcnow

_hasher = PasswordHasher()
#: Verified against when the user does not exist, so timing does not reveal usernames.
_DUMMY_HASH = _hasher.hash("posada-dummy-password")
ALGORITHM = "HS256"


class AuthError(DomainError):
    code = "unauthorized"


def valid_username(username: str) -> bool:
    """1-80 characters, not blank, no control characters."""
    return 0 < len(username) <= 80 and bool(username.strip()) and all(
        ord(ch) >= 32 and ord(ch) != 127 for ch in username
    )


async def set_admin(db: Database, username: str, password: str) -> AdminUser:
    """Create admin ``username`` or replace its password (argon2id hash).

    Raises:
        ValueError: a username that is empty, over 80 characters or has control characters;
            a password under 8 characters.
    """
    if not valid_username(username):
        raise ValueError("username must be 1-80 printable characters")
    if len(password) < 8:
        raise ValueError("password must have at least 8 characters")
    password_hash = _hasher.hash(password)
    async with translated_db_errors(), db.transaction() as session:
        user = await session.scalar(select(AdminUser).where(AdminUser.username == username))
        if user is None:
            user = AdminUser(username=username, password_hash=password_hash, active=True)
            session.add(user)
        else:
            user.password_hash = password_hash
            user.active = True
    return user


async def authenticate(db: Database, username: str, password: str) -> AdminUser:
    """The active admin whose password matches.

    Raises:
        AuthError: unknown user, inactive user or wrong password (one message for all).
    """
    async with db.session() as session:
        user = await session.scalar(select(AdminUser).where(AdminUser.username == username))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        user = None
    if user is None or not user.active:
        raise AuthError("Incorrect username or password.")
    return user


def password_version(password_hash: str) -> str:
    """A short fingerprint of the stored hash: a token carries it, so a new password (or a
    deleted or deactivated admin) invalidates every token issued before."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def issue_token(
    user: AdminUser, secret: str, ttl: timedelta, now: datetime | None = None
) -> str:
    """A signed JWT for ``user`` valid for ``ttl`` from ``now`` (aware UTC)."""
    now = now or utcnow()
    claims = {"sub": user.username, "ver": password_version(user.password_hash), "iat": now,
              "exp": now + ttl, "scope": "admin"}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


async def admin_from_token(db: Database, token: str, secret: str) -> str:
    """The username of the active admin a valid, current token was issued to.

    Raises:
        AuthError: missing, expired, forged or malformed token; unknown or inactive admin;
            password changed since the token was issued.
    """
    username, version = verify_token(token, secret)
    async with db.session() as session:
        user = await session.scalar(select(AdminUser).where(AdminUser.username == username))
    if user is None or not user.active or password_version(user.password_hash) != version:
        raise AuthError("Token no longer valid.")
    return username


def verify_token(token: str, secret: str) -> tuple[str, str]:
    """The ``(username, password version)`` in a well-signed, unexpired admin token.

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
