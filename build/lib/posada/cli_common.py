"""What the ``posada`` subcommands share: settings read at the edge, a database per run."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import typer
from pydantic import ValidationError

from posada.bootstrap import open_database
from posada.config import Settings
from posada.db.engine import Database

T = TypeVar("T")


def load_settings() -> Settings:
    """Validated settings, or a readable error and exit code 2."""
    try:
        return Settings()
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]) or "settings"
            typer.echo(f"configuration error: {where}: {error['msg']}", err=True)
        raise typer.Exit(2) from exc


def with_database(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    async def run() -> T:
        db = open_database(settings)
        try:
            return await work(db)
        finally:
            await db.dispose()

    return asyncio.run(run())
