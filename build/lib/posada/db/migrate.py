"""Run Alembic migrations programmatically (``posada db upgrade``), no ``alembic.ini`` needed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The newest revision the code knows (what ``posada db upgrade`` migrates to)."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def upgrade(database_url: str, revision: str = "head") -> None:
    """Migrate the database at ``database_url`` up to ``revision``."""
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    """Migrate the database at ``database_url`` down to ``revision``."""
    command.downgrade(alembic_config(database_url), revision)


def current(database_url: str) -> None:
    """Print the current revision."""
    command.current(alembic_config(database_url), verbose=True)
