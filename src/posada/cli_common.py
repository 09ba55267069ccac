"""What the ``posada`` subcommands share: settings read at the edge, a database per run.

The settings, database and service modules are imported inside the functions that use them,
so that ``posada --help`` and the commands that need no database start without them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

import typer

if TYPE_CHECKING:
    from posada.config import Settings
    from posada.db.engine import Database

T = TypeVar("T")


def load_settings() -> Settings:
    """Validated settings, or a readable error and exit code 2."""
    from pydantic import ValidationError

    from posada.config import Settings

    try:
        return Settings()
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]) or "settings"
            typer.echo(f"configuration error: {where}: {error['msg']}", err=True)
        raise typer.Exit(2) from exc


def with_database(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    from posada.bootstrap import open_database

    async def run() -> T:
        db = open_database(settings)
        try:
            return await work(db)
        finally:
            await db.dispose()

    return asyncio.run(run())
