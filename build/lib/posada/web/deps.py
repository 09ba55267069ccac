"""FastAPI dependencies as ``Annotated`` aliases: database, policy, settings, admin user.

All are ``async def``: FastAPI runs plain ``def`` dependencies in a thread pool, a costly hop
for what is an attribute read.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from posada.config import Settings
from posada.db.engine import Database
from posada.services.auth import AuthError, admin_from_token
from posada.services.policy import BookingPolicy

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_policy(request: Request) -> BookingPolicy:
    policy: BookingPolicy = request.app.state.policy
    return policy


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PolicyDep = Annotated[BookingPolicy, Depends(get_policy)]


async def require_admin(
    db: DbDep, settings: SettingsDep, token: Annotated[str | None, Depends(oauth2)]
) -> str:
    """The admin username from a valid ``Authorization: Bearer`` JWT; 401 ``unauthorized``."""
    if not token:
        raise AuthError("Missing bearer token.")
    return await admin_from_token(db, token, settings.secret_key.get_secret_value())


AdminDep = Annotated[str, Depends(require_admin)]


async def optional_admin(
    db: DbDep, settings: SettingsDep, token: Annotated[str | None, Depends(oauth2)]
) -> str | None:
    """The admin username when a valid token came along, else ``None`` (never raises)."""
    if not token:
        return None
    try:
        return await admin_from_token(db, token, settings.secret_key.get_secret_value())
    except AuthError:
        return None


def bearer_token(request: Request) -> str | None:
    """The token of ``Authorization: Bearer <token>`` (scheme case-insensitive, RFC 9110
    §11.1), or ``None``."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


async def admin_from_header(request: Request, db: Database, settings: Settings) -> str | None:
    """``optional_admin`` for a route that reads ``Authorization`` itself (the hot path)."""
    return await optional_admin(db, settings, bearer_token(request))
