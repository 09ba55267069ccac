"""``posada chat``: talk to the booking bot in a terminal, same engine and database as
WhatsApp, with a local channel instead of the Cloud API (no WhatsApp account needed).

The conversation engine and the database are imported when a chat starts, not with the CLI.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer

from posada.cli_common import load_settings, with_database

if TYPE_CHECKING:
    from posada.db.engine import Database
    from posada.db.models_messaging import OutboxMessage

app = typer.Typer(help="Talk to the booking bot in the terminal.", invoke_without_command=True)
EXIT_WORDS = frozenset({"/salir", "/exit", "/quit"})


def _clock(today: date | None, zone: str) -> Callable[[], datetime]:
    from posada.services.common import utcnow

    if today is None:
        return utcnow
    start = utcnow()
    noon = datetime.combine(today, time(12, 0), ZoneInfo(zone)).astimezone(UTC)
    return lambda: noon + (utcnow() - start)


def _show(rows: Sequence[OutboxMessage], options: list[tuple[str, str]]) -> None:
    from posada.adapters.whatsapp.render import numbered_text
    from posada.conversation.model import Choice
    from posada.jobs.whatsapp_outbound import reply_of

    for row in rows:
        message = row.payload["message"]
        if message.get("type") not in ("text", "choice"):
            continue
        reply = reply_of(message)
        text = numbered_text(reply) if isinstance(reply, Choice) else reply.body
        if isinstance(reply, Choice):
            options[:] = [(o.id, o.title) for o in reply.options]
        prefix = "[al dueño] " if row.kind == "owner" else ""
        typer.echo(f"\nbot> {prefix}{text}")


async def _session(db: Database, phone: str, name: str | None, today: date | None) -> None:
    from posada.bootstrap import messaging
    from posada.domain.contacts import phone_digits
    from posada.services import conversations, guests, outbox
    from posada.services.ports import Address

    settings = load_settings()
    m = messaging(db, settings)
    m.mark_read = False
    # this chat's rows are the terminal's: no job sends them, not even the owner's notes
    m.outbox = replace(m.outbox, owner=Address(phone="terminal"), channel="terminal")
    async with db.session() as session:
        prop = await guests.messaging_property(session, m.property_slug)
    m.clock = _clock(today, prop.timezone)
    typer.echo(f"Chat con {prop.name} como {phone}. Escribí /salir para terminar; un número "
               "elige esa opción.")
    options: list[tuple[str, str]] = []
    while True:
        try:
            line = await asyncio.to_thread(input, "\nvos> ")
        except EOFError:
            return
        line = line.strip()
        if not line:
            continue
        if line.lower() in EXIT_WORDS:
            return
        reply_id = None
        if line.isdigit() and 1 <= int(line) <= len(options):
            reply_id, line = options[int(line) - 1]
        marker = await outbox.last_id(db)
        now = m.clock()
        await conversations.receive(m, conversations.GuestMessage(
            message_id=f"chat-{uuid.uuid4()}", kind="text", text=line, sent_at=now,
            phone=phone, wa_id=phone_digits(phone), profile_name=name, reply_id=reply_id))
        contact = await guests.resolve_contact(
            db, prop.id, phone=phone, wa_id=phone_digits(phone), user_id=None,
            profile_name=None, seen_at=None)
        _show(await outbox.take_written(db, marker, contact.id, now), options)


@app.callback()
def chat(
    ctx: typer.Context,
    as_phone: Annotated[str, typer.Option("--as", help="the guest's phone")] = "+5492944000000",
    name: Annotated[str | None, typer.Option(help="the guest's WhatsApp profile name")] = None,
    today: Annotated[str | None, typer.Option(help="pretend today is YYYY-MM-DD")] = None,
) -> None:
    """Chat as a guest (`posada chat --as +5492944123456 --name Lucía --today 2026-12-10`)."""
    if ctx.invoked_subcommand is not None:
        return
    from posada.bootstrap import open_database
    from posada.domain.contacts import phone_digits, phone_key
    from posada.domain.errors import DomainError

    try:
        day = date.fromisoformat(today) if today else None
    except ValueError as exc:
        typer.echo(f"error: --today must be YYYY-MM-DD, got {today!r}", err=True)
        raise typer.Exit(2) from exc
    phone = phone_key(as_phone)
    if phone is None or len(phone_digits(phone)) < 6:
        typer.echo(f"error: --as must be a phone number, got {as_phone!r}", err=True)
        raise typer.Exit(2)
    db = open_database(load_settings())

    async def run() -> None:
        try:
            await _session(db, phone, name, day)
        finally:
            await db.dispose()

    try:
        asyncio.run(run())
    except DomainError as exc:
        typer.echo(f"error: {exc.message} (posada demo seeds a property)", err=True)
        raise typer.Exit(1) from exc
    except KeyboardInterrupt:
        typer.echo("")


@app.command("resume")
def resume(conversation_id: int) -> None:
    """Let the bot answer again in a chat handed to a person."""
    from posada.domain.errors import NotFound
    from posada.services import conversations

    try:
        convo, contact = with_database(
            load_settings(), lambda db: conversations.resume(db, conversation_id))
    except NotFound as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"conversation {convo.id} resumed "
               f"({contact.profile_name or contact.phone or contact.user_id})")

