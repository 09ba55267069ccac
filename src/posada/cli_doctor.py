"""``posada doctor``: is this server ready, and if not, why.

Each check prints ``ok``, ``off`` (not set up: a feature is not used) or ``FAIL`` with the
reason and what to do; the exit code is 1 when any check failed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import typer

from posada.adapters.speech.errors import SpeechFailed
from posada.adapters.speech.model import resolve_model
from posada.cli_common import load_settings

if TYPE_CHECKING:
    from posada.config import Settings

Outcome = Literal["ok", "off", "FAIL"]


@dataclass(frozen=True)
class Check:
    name: str
    outcome: Outcome
    detail: str


def database(settings: Settings) -> Check:
    from sqlalchemy import text

    from posada.bootstrap import open_database

    async def ping() -> None:
        db = open_database(settings)
        try:
            async with db.session() as session:
                await session.execute(text("SELECT 1"))
        finally:
            await db.dispose()

    try:
        asyncio.run(ping())
    except Exception as error:
        return Check("database", "FAIL", f"{type(error).__name__}: not reachable "
                     "(POSADA_DATABASE_URL)")
    return Check("database", "ok", "reachable")


def speech(settings: Settings) -> Check:
    if settings.stt_model.strip().lower() == "none":
        return Check("speech", "off", "POSADA_STT_MODEL=none: voice notes are asked for in "
                     "writing")
    try:
        where = resolve_model(settings.stt_model, settings.data_dir)
    except SpeechFailed as error:
        return Check("speech", "FAIL", error.message)
    return Check("speech", "ok", f"model {where}, {settings.stt_compute_type}, "
                 f"{settings.stt_threads} threads, notes up to {settings.stt_max_seconds} s")


def decoding(settings: Settings) -> Check:
    import av

    missing = [name for name in ("opus", "aac", "mp3", "amrnb")
               if name not in av.codecs_available]
    if missing:
        return Check("decoding", "FAIL", f"PyAV {av.__version__} lacks {', '.join(missing)}")
    return Check("decoding", "ok", f"PyAV {av.__version__} (bundled FFmpeg): Opus, AAC, MP3, "
                 "AMR")


def configured(name: str, ready: Callable[[Settings], bool], what: str
               ) -> Callable[[Settings], Check]:
    def check(settings: Settings) -> Check:
        if ready(settings):
            return Check(name, "ok", "set up")
        return Check(name, "off", what)
    return check


CHECKS: tuple[Callable[[Settings], Check], ...] = (
    database, speech, decoding,
    configured("whatsapp", lambda s: bool(s.whatsapp_access_token and
                                         s.whatsapp_phone_number_id),
               "no POSADA_WHATSAPP_ACCESS_TOKEN / _PHONE_NUMBER_ID"),
    configured("mercadopago", lambda s: s.mercadopago_access_token is not None,
               "no POSADA_MERCADOPAGO_ACCESS_TOKEN: holds carry bank-transfer instructions"),
    configured("email", lambda s: bool(s.smtp_host and s.smtp_from),
               "no POSADA_SMTP_HOST / POSADA_SMTP_FROM: no e-mail is sent"),
)


def doctor() -> None:
    """Check the database, speech recognition and the outside systems; exit 1 on a FAIL."""
    settings = load_settings()
    results = [check(settings) for check in CHECKS]
    for result in results:
        typer.echo(f"{result.outcome:<4} {result.name:<12} {result.detail}")
    if any(r.outcome == "FAIL" for r in results):
        raise typer.Exit(1)
