"""``posada ical``: channel feeds from the command line.

``parse FILE --today YYYY-MM-DD [--tz ZONE] --json`` is a contract read by other programs
(it needs no settings and no database): it prints ``{"events": [{"uid", "kind", "summary",
"nights"}], "blocked_nights": [...]}`` — ``kind`` ``reservation`` or ``block``, nights ISO
dates, ``blocked_nights`` sorted and unique — and exits 1 with a one-line message for a file
that is not a calendar. ``add``, ``list`` and ``sync`` work on the configured database.
Each command imports the feed reader, services and database when it runs.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from posada.cli_common import load_settings, with_database
from posada.nlu import DEFAULT_TZ

if TYPE_CHECKING:
    from posada.db.engine import Database
    from posada.services import feed_sync

app = typer.Typer(help="Channel feeds (iCal import): parse, add, list, sync.",
                  no_args_is_help=True)
Json = Annotated[bool, typer.Option("--json", help="print JSON")]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {' '.join(message.split())}", err=True)
    return typer.Exit(1)


@app.command("parse")
def parse(
    file: Annotated[Path, typer.Argument(help="an .ics file")],
    today: Annotated[str | None, typer.Option(
        "--today", help="local date YYYY-MM-DD (default: today in --tz)")] = None,
    tz: Annotated[str, typer.Option("--tz", help="IANA zone of the property")] = DEFAULT_TZ,
    as_json: Json = False,
) -> None:
    """Read a feed file as the sync would: its events and the nights they block."""
    from posada.adapters.ical.parse import NotACalendar, parse_json

    try:
        zone = ZoneInfo(tz)
        day = date.fromisoformat(today) if today else datetime.now(zone).date()
    except (ValueError, ZoneInfoNotFoundError) as error:
        raise _fail(f"bad --today or --tz: {error}") from error
    try:
        data = file.read_bytes()
    except OSError as error:
        raise _fail(f"cannot read {file}: {error.strerror or error}") from error
    try:
        result = parse_json(data, today=day, tz=tz)
    except NotACalendar as error:
        raise _fail(f"{file} is not a calendar ({error.code}): {error.message}") from error
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    events = result["events"]
    assert isinstance(events, list)
    for event in events:
        nights = event["nights"]
        span = f"{nights[0]} → {nights[-1]} ({len(nights)} nights)" if nights else "no night"
        typer.echo(f"{event['kind']:<11} {span}  {event['summary'] or ''}  [{event['uid']}]")
    blocked = result["blocked_nights"]
    assert isinstance(blocked, list)
    typer.echo(f"{len(events)} events, {len(blocked)} nights blocked")


@app.command("add")
def add(
    slug: Annotated[str, typer.Argument(help="the accommodation's slug")],
    url: Annotated[str, typer.Argument(help="the channel's iCal export URL")],
    channel: Annotated[str, typer.Option(help="airbnb, booking, vrbo, google or other")],
) -> None:
    """Import a channel's feed for an accommodation (synced by `posada serve` or `sync`)."""
    from posada.adapters.ical.fetch import redact
    from posada.domain.errors import DomainError
    from posada.services import feeds

    settings = load_settings()
    try:
        feed = with_database(settings, lambda db: feeds.add_feed(
            db, slug, url, channel, public_url=settings.public_url))
    except DomainError as error:
        raise _fail(f"{error.code}: {error.message}") from error
    typer.echo(f"feed {feed.id}: {feed.channel} {redact(feed.url)} → {slug}")


@app.command("list")
def list_(as_json: Json = False) -> None:
    """Every feed with its last sync."""
    from posada.adapters.ical.fetch import redact
    from posada.services import feeds

    rows = with_database(load_settings(), feeds.list_feeds)
    out = [{"id": f.id, "accommodation_id": f.accommodation_id, "channel": f.channel,
            "url": redact(f.url), "enabled": f.enabled, "last_result": f.last_result,
            "last_success_at": f.last_success_at.isoformat() if f.last_success_at else None,
            "last_error": f.last_error, "last_event_count": f.last_event_count} for f in rows]
    if as_json:
        typer.echo(json.dumps(out, ensure_ascii=False))
        return
    for f in out:
        state = "on" if f["enabled"] else "off"
        typer.echo(f"{f['id']:>4} {f['channel']:<8} {state:<3} {f['last_result'] or 'never':<12}"
                   f" {f['url']}" + (f"  ({f['last_error']})" if f["last_error"] else ""))


@app.command("sync")
def sync(
    feed: Annotated[int | None, typer.Option("--feed", help="only this feed id")] = None,
    as_json: Json = False,
) -> None:
    """Fetch and apply feeds now (all enabled ones, or ``--feed ID``); exits 1 if one failed."""
    from posada.bootstrap import feed_settings, outbox_policy
    from posada.domain.errors import DomainError
    from posada.jobs.ical_reader import ChannelFeeds
    from posada.services import feed_sync, feeds

    settings = load_settings()

    async def run(db: Database) -> list[feed_sync.SyncResult]:
        reader = ChannelFeeds()
        try:
            ids = [feed] if feed is not None else [
                f.id for f in await feeds.list_feeds(db) if f.enabled]
            return [await feed_sync.sync_feed(db, reader, i, outbox_policy(settings),
                                              feed_settings(settings)) for i in ids]
        finally:
            await reader.aclose()

    try:
        results = with_database(settings, run)
    except DomainError as error:
        raise _fail(f"{error.code}: {error.message}") from error
    for r in results:
        if as_json:
            typer.echo(json.dumps(r.to_json(), ensure_ascii=False))
        else:
            typer.echo(f"feed {r.feed_id}: {r.result}" + (
                f" ({r.error})" if r.error else
                f", {r.events} events, {r.nights_blocked} nights blocked, "
                f"{r.nights_released} released, {r.conflicts} conflicts"))
    if any(r.result == "error" for r in results):
        raise typer.Exit(1)

