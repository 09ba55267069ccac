"""Build the long-lived objects of a process from its settings (used by web, jobs and cli)."""

from __future__ import annotations

from posada.config import Settings
from posada.db.engine import Database, PoolOptions


def open_database(settings: Settings) -> Database:
    """The ``Database`` for ``POSADA_DATABASE_URL`` with the configured pools and timeouts."""
    return Database(
        settings.database_url,
        pool=PoolOptions(
            size=settings.db_pool_size, overflow=settings.db_max_overflow,
            timeout=settings.db_pool_timeout_seconds, hot_size=settings.db_hot_pool_size,
            statement_timeout_ms=settings.db_statement_timeout_ms,
            lock_timeout_ms=settings.db_lock_timeout_ms,
        ),
        busy_timeout_ms=settings.sqlite_busy_timeout_ms,
    )
