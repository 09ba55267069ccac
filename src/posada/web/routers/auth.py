"""``POST /api/v1/auth/token``: OAuth2 password form → admin JWT."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm

from posada.domain.errors import InvalidRequest
from posada.services.auth import authenticate, issue_token, valid_username
from posada.web.deps import DbDep, SettingsDep
from posada.web.schemas import ErrorResponse, TokenOut

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


@router.post("/token", response_model=TokenOut,
             responses={code: {"model": ErrorResponse} for code in (401, 422, 429)})
async def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], db: DbDep, settings: SettingsDep
) -> TokenOut:
    if not valid_username(form.username) or len(form.password) > 1024:
        raise InvalidRequest("username or password too long or malformed")
    user = await authenticate(db, form.username, form.password)
    ttl = timedelta(minutes=settings.jwt_ttl_minutes)
    return TokenOut(
        access_token=issue_token(user, settings.secret_key.get_secret_value(), ttl),
        expires_in=int(ttl.total_seconds()),
    )
