"""The real ``posada`` command in a subprocess against a fresh SQLite file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

POSADA = [sys.executable, "-m", "posada.cli"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    values = {k: v for k, v in os.environ.items() if not k.startswith("POSADA_")}
    values.update(POSADA_ENV="development",
                  POSADA_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    return values


@pytest.fixture
def migrated(env: dict[str, str], sqlite_template: Path) -> None:
    """``env``'s database already at the newest schema, for the tests of commands that need
    one: a copy of the session's migrated SQLite file, instead of a ``posada db upgrade``
    subprocess per test (test_upgrade_demo_and_admin runs that command)."""
    shutil.copy(sqlite_template, env["POSADA_DATABASE_URL"].removeprefix("sqlite+aiosqlite:///"))


def posada(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*POSADA, *args], env=env, input=stdin, capture_output=True,
                          text=True, timeout=120, check=False)


def test_upgrade_demo_and_admin(env: dict[str, str]) -> None:
    assert posada(env, "db", "upgrade").returncode == 0
    seeded = posada(env, "demo", "--if-empty")
    assert seeded.returncode == 0, seeded.stderr
    assert "Cabañas del Bosque" in seeded.stdout
    again = posada(env, "demo", "--if-empty")
    assert "not seeded" in again.stdout
    created = posada(env, "admin", "create", "owner", "--password-stdin",
                     stdin="a long enough password\n")
    assert created.returncode == 0, created.stderr
    short = posada(env, "admin", "create", "owner2", "--password-stdin", stdin="short\n")
    assert short.returncode == 2
    assert "at least 8" in short.stderr
    long_name = posada(env, "admin", "create", "x" * 81, "--password-stdin",
                       stdin="a long enough password\n")
    assert long_name.returncode == 2


@pytest.mark.usefixtures("migrated")
def test_demo_has_three_cabins_a_season_and_a_weekend_rule(env: dict[str, str]) -> None:
    import asyncio

    from posada.db.engine import Database
    from posada.services import admin

    posada(env, "demo")

    async def look() -> tuple[list[int], int, str]:
        db = Database(env["POSADA_DATABASE_URL"])
        try:
            cabins = await admin.list_all_accommodations(db)
            seasons = await admin.list_seasons(db)
            props = await admin.list_properties(db)
            return [c.capacity for c in cabins], len(seasons), str(props[0].weekend_multiplier)
        finally:
            await db.dispose()

    capacities, seasons, weekend = asyncio.run(look())
    assert capacities == [2, 4, 6]
    assert seasons == 2
    assert weekend == "1.2"


def test_serve_refuses_the_default_secret_in_production(env: dict[str, str]) -> None:
    env["POSADA_ENV"] = "production"
    refused = posada(env, "serve")
    assert refused.returncode == 2
    assert "POSADA_SECRET_KEY" in refused.stderr


@pytest.mark.usefixtures("migrated")
def test_admin_list_deactivate_activate(env: dict[str, str]) -> None:
    posada(env, "admin", "create", "owner", "--password-stdin", stdin="a long enough password\n")
    listed = posada(env, "admin", "list")
    assert listed.returncode == 0 and listed.stdout.startswith("owner\tactive\t")
    off = posada(env, "admin", "deactivate", "owner")
    assert off.returncode == 0 and "owner inactive" in off.stdout
    assert "owner\tinactive" in posada(env, "admin", "list").stdout
    again = posada(env, "admin", "deactivate", "owner")
    assert "(already)" in again.stdout
    on = posada(env, "admin", "activate", "owner")
    assert on.returncode == 0 and "owner active" in on.stdout
    ghost = posada(env, "admin", "activate", "ghost")
    assert ghost.returncode == 1 and "No admin named 'ghost'" in ghost.stderr


@pytest.mark.parametrize("password", ["short", ""])
@pytest.mark.usefixtures("migrated")
def test_a_short_start_up_password_is_a_one_line_error(
    env: dict[str, str], password: str
) -> None:
    env.update(POSADA_ADMIN_USER="owner", POSADA_ADMIN_PASSWORD=password)
    refused = posada(env, "serve", "--port", "1")
    assert refused.returncode == 2
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "admin_password" in lines[0] and "8 characters" in lines[0]
