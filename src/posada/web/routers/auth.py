"""``POST /api/v1/auth/token``: OAuth2 password form → admin JWT."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm

from posada.services.auth import authenticate, issue_token
from posada.web.deps import DbDep, SettingsDep
from posada.web.schemas import ErrorResponse, TokenOut

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


@router.post("/token", response_model=TokenOut,
             responses={401: {"model": ErrorResponse}, 422: {"model": ErrorResponse}})
async def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], db: DbDep, settings: SettingsDep
) -> TokenOut:
    user = await authenticate(db, form.username, form.password)
    ttl = timedelta(minutes=settings.jwt_ttl_minutes)
    return TokenOut(
        access_token=issue_token(user.username, settings.secret_key.get_secret_value(), ttl),
        expires_in=int(ttl.total_seconds()),
    )
