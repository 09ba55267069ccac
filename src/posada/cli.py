"""``posada`` command line: serve, db, admin, demo.

Every command imports what it works with (settings, database, services) when it runs, so
that ``posada --help`` and each command start without the rest of the application.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from posada.cli_chat import app as chat_app
from posada.cli_common import load_settings, with_database
from posada.cli_doctor import doctor
from posada.cli_ical import app as ical_app
from posada.cli_nlu import app as nlu_app
from posada.cli_speech import speech_app, transcribe

if TYPE_CHECKING:
    from posada.config import Settings
    from posada.db.engine import Database

app = typer.Typer(help="Posada: direct bookings for cabins.", no_args_is_help=True)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
admin_app = typer.Typer(help="Admin accounts.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(admin_app, name="admin")
app.add_typer(nlu_app, name="nlu")
app.add_typer(chat_app, name="chat")
app.add_typer(ical_app, name="ical")
app.add_typer(speech_app, name="speech")
app.command("transcribe")(transcribe)
app.command("doctor")(doctor)



@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Migrate the database to the newest schema (or REVISION)."""
    from posada.db import migrate

    migrate.upgrade(load_settings().database_url, revision)
    typer.echo(f"database at {revision}")


@db_app.command("downgrade")
def db_downgrade(revision: str = typer.Argument(..., help="target revision, e.g. base")) -> None:
    """Migrate the database down to REVISION (``base`` drops every table)."""
    from posada.db import migrate

    migrate.downgrade(load_settings().database_url, revision)
    typer.echo(f"database at {revision}")


@db_app.command("current")
def db_current() -> None:
    """Show the database's schema revision."""
    from posada.db import migrate

    migrate.current(load_settings().database_url)


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@admin_app.command("create")
def admin_create(
    username: str,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="read the password from standard input")
    ] = False,
) -> None:
    """Create admin USERNAME (or set a new password when it exists)."""
    from posada.domain.errors import DomainError
    from posada.services.auth import set_admin

    settings = load_settings()
    password = _read_password(password_stdin)
    try:
        with_database(settings, lambda db: set_admin(db, username, password))
    except (ValueError, DomainError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"admin {username} saved")


@admin_app.command("list")
def admin_list() -> None:
    """List admins: username, active or not, created (UTC)."""
    from posada.services.auth import list_admins

    admins = with_database(load_settings(), list_admins)
    for info in admins:
        state = "active" if info.active else "inactive"
        typer.echo(f"{info.username}\t{state}\t{info.created_at:%Y-%m-%d %H:%M}")
    if not admins:
        typer.echo("no admins yet (posada admin create USERNAME)")


def _set_active(username: str, active: bool) -> None:
    from posada.domain.errors import NotFound
    from posada.services.auth import set_admin_active

    try:
        changed = with_database(load_settings(),
                                lambda db: set_admin_active(db, username, active))
    except NotFound as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(1) from exc
    state = "active" if active else "inactive"
    typer.echo(f"admin {username} {state}" + ("" if changed else " (already)"))


@admin_app.command("deactivate")
def admin_deactivate(username: str) -> None:
    """Deactivate USERNAME: its tokens stop working at once."""
    _set_active(username, False)


@admin_app.command("activate")
def admin_activate(username: str) -> None:
    """Re-activate USERNAME; tokens issued before the deactivation stay dead."""
    _set_active(username, True)


@app.command()
def demo(
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="seed only when no property exists yet")
    ] = False,
) -> None:
    """Seed "Cabañas del Bosque": three cabins (2, 4, 6 guests), high season, weekend rule."""
    from posada.services.common import local_today, utcnow
    from posada.services.demo import is_empty, seed_demo

    settings = load_settings()

    async def work(db: Database) -> str:
        if if_empty and not await is_empty(db):
            return "database already has data; demo not seeded"
        today = local_today(settings.timezone, utcnow())
        prop = await seed_demo(db, settings.timezone, today)
        return f"demo property ready: {prop.name}"

    typer.echo(with_database(settings, work))


def ensure_admin_from_env(settings: Settings) -> None:
    """Create ``POSADA_ADMIN_USER`` with ``POSADA_ADMIN_PASSWORD`` when both are set, or set
    that password when it no longer verifies; tokens survive restarts, and a deactivated
    admin is not re-activated."""
    if not (settings.admin_user and settings.admin_password):
        return
    from sqlalchemy.exc import SQLAlchemyError

    from posada.domain.errors import DomainError
    from posada.services.auth import ensure_admin

    user, password = settings.admin_user, settings.admin_password.get_secret_value()
    try:
        result = with_database(settings, lambda db: ensure_admin(db, user, password))
    except ValueError as exc:
        typer.echo(f"configuration error: POSADA_ADMIN_USER: {exc}", err=True)
        raise typer.Exit(2) from exc
    except (SQLAlchemyError, OSError, DomainError) as exc:
        typer.echo(f"error: cannot set up admin {user}: the database is unreachable or not "
                   f"migrated (posada db upgrade?): {type(exc).__name__}", err=True)
        raise typer.Exit(2) from exc
    messages = {
        "created": f"admin {user} created",
        "unchanged": f"admin {user} ready",
        "password_changed": f"admin {user}: password updated from POSADA_ADMIN_PASSWORD "
                            "(earlier tokens no longer work)",
        "inactive": f"admin {user} is deactivated; not re-activated (posada admin activate "
                    f"{user})",
    }
    typer.echo(messages[result])


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="default POSADA_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="default POSADA_PORT")] = None,
    workers: Annotated[int | None, typer.Option(help="default POSADA_WORKERS")] = None,
    fd: Annotated[int | None, typer.Option(
        help="serve on this listening socket, bound already by the process that started "
             "this one (a process manager's socket activation); host and port unused")] = None,
) -> None:
    """Serve the HTTP API (uvicorn), with the in-process job scheduler."""
    import uvicorn

    settings = load_settings()
    ensure_admin_from_env(settings)
    uvicorn.run(
        "posada.web.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        fd=fd,
        workers=workers or settings.workers,
        log_level=settings.log_level.lower(),
        access_log=False,
        proxy_headers=True,
    )


def main() -> None:
    app()


if __name__ == "__main__":
    main()
