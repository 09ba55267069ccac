"""``POST /api/v1/auth/token``: OAuth2 password form → admin JWT.

Login attempts are limited per username (``POSADA_RATE_LIMIT_LOGIN_USER``) and per client
address (``POSADA_RATE_LIMIT_LOGIN_CLIENT``) with the ``limits`` library. Every attempt is
counted *before* its password is checked (an atomic hit in the limit storage), so guesses sent
all at once cannot slip past the limit while the first ones are still being verified. Hashes
are checked on the hasher's threads, never on the event loop.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordRequestForm
from limits import RateLimitItem, parse
from limits.aio.strategies import RateLimiter

from posada.domain.errors import DomainError, InvalidRequest
from posada.services.auth import Hasher, authenticate, issue_token, valid_username
from posada.web.deps import DbDep, SettingsDep
from posada.web.schemas import ErrorResponse, TokenOut

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
log = logging.getLogger("posada.web")


class LoginLimited(DomainError):
    code = "rate_limited"


async def _take_attempt(
    limiter: RateLimiter, checks: list[tuple[RateLimitItem, str, str]]
) -> int | None:
    """Count one attempt against every (item, scope, key) of ``checks``; seconds to wait when
    one of them is exhausted, else None. Storage down: the attempt passes (as every limit)."""
    try:
        for item, scope, key in checks:
            if not await limiter.hit(item, scope, key):
                stats = await limiter.get_window_stats(item, scope, key)
                return max(1, math.ceil(stats.reset_time - time.time()))
    except Exception:
        log.warning("login limit storage unreachable", exc_info=True)
    return None


@router.post("/token", response_model=TokenOut,
             responses={code: {"model": ErrorResponse} for code in (401, 422, 429, 503)})
async def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], request: Request, db: DbDep,
    settings: SettingsDep,
) -> TokenOut:
    if not valid_username(form.username) or len(form.password) > 1024:
        raise InvalidRequest("username or password too long or malformed")
    limiter: RateLimiter = request.app.state.limiter
    client = request.client.host if request.client else "unknown"
    checks = [(parse(settings.rate_limit_login_user), "login-user", form.username),
              (parse(settings.rate_limit_login_client), "login-client", client)]
    wait = await _take_attempt(limiter, checks)
    if wait is not None:
        raise LoginLimited("Too many login attempts; try again later.", retry_after=wait)
    hasher: Hasher = request.app.state.hasher
    user = await authenticate(db, hasher, form.username, form.password)
    ttl = timedelta(minutes=settings.jwt_ttl_minutes)
    return TokenOut(
        access_token=issue_token(user, settings.secret_key.get_secret_value(), ttl),
        expires_in=int(ttl.total_seconds()),
    )
