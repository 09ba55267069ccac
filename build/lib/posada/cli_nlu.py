"""``posada nlu``: parse guest messages and score the parser against a labelled file.

Needs no settings, no environment and no database: it imports only ``posada.nlu``. The
output of ``parse --json`` / ``--jsonl`` is a contract read by other programs: one JSON
object per message with at least ``intent, check_in, check_out, guests,
needs_clarification, booking_code`` (dates ``YYYY-MM-DD`` or ``null``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, TextIO
from zoneinfo import ZoneInfo

import typer

from posada.nlu import DEFAULT_TZ, understand
from posada.nlu.scoring import render, score

app = typer.Typer(help="Spanish understanding: parse guest messages.", no_args_is_help=True)

Today = Annotated[str | None, typer.Option("--today", help="local date YYYY-MM-DD (default: "
                                                           "today in --tz)")]
Zone = Annotated[str, typer.Option("--tz", help="IANA time zone of the property")]


def _today(value: str | None, tz: str) -> date:
    """``--today`` as a date; without it, the date now in ``tz`` (the CLI is an edge: it may
    read the clock, ``posada.nlu`` never does). Raises ``ValueError`` or
    ``ZoneInfoNotFoundError`` for a bad date or zone."""
    zone = ZoneInfo(tz)
    if value is None:
        return datetime.now(zone).date()
    return date.fromisoformat(value)


def parse_line(line: str, today: date, tz: str) -> dict[str, object]:
    """One ``--jsonl`` input line → one output object carrying the same ``id``.

    A line is ``{"id", "text"}`` with optional ``today`` and ``tz`` overriding the flags; a
    malformed one yields ``{"id", "error"}`` (``id`` null when unreadable).
    """
    line_id: object = None
    try:
        item = json.loads(line)
        if not isinstance(item, dict):
            raise ValueError("a line must be a JSON object")
        line_id = item.get("id")
        text = item.get("text")
        if not isinstance(text, str):
            raise ValueError("missing or non-string 'text'")
        zone = item.get("tz") or tz
        if not isinstance(zone, str):
            raise ValueError("'tz' must be a string")
        day = date.fromisoformat(item["today"]) if item.get("today") else today
        return {"id": line_id, **understand(text, day, zone).to_json()}
    except Exception as exc:  # any bad line is reported and skipped
        return {"id": line_id, "error": f"{type(exc).__name__}: {exc}"}


def _dump(value: Mapping[str, object], out: TextIO) -> None:
    out.write(json.dumps(value, ensure_ascii=False) + "\n")


@app.command("parse")
def parse(
    text: Annotated[str | None, typer.Argument(help="the message (omit with --jsonl)")] = None,
    today: Today = None,
    tz: Zone = DEFAULT_TZ,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="read JSON lines {id, text} on stdin, "
                                                        "write one object per line")] = False,
) -> None:
    """Parse TEXT (or, with --jsonl, every line of standard input)."""
    try:
        day = _today(today, tz)
    except Exception as exc:  # a readable message for any bad flag
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if jsonl:
        out = sys.stdout
        for line in sys.stdin:
            if line.strip():
                _dump(parse_line(line, day, tz), out)
                out.flush()
        return
    if text is None:
        typer.echo("error: give the message text, or --jsonl", err=True)
        raise typer.Exit(2)
    try:
        result = understand(text, day, tz).to_json()
    except Exception as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        _dump(result, sys.stdout)
        return
    for key, value in result.items():
        if value not in (None, False):
            typer.echo(f"{key:<20} {value}")


def _labelled(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                item = json.loads(line)
                item.setdefault("id", f"line {number}")
                yield item


@app.command("eval")
def evaluate(
    file: Annotated[Path, typer.Argument(help="labelled JSONL (the guide's format)",
                                         exists=True, dir_okay=False)],
    today: Today = None,
    tz: Zone = DEFAULT_TZ,
) -> None:
    """Print accuracy per field (intent, stay, guests first) and every miss."""
    try:
        day = _today(today, tz)
        pairs = []
        for label in _labelled(file):
            label_day = date.fromisoformat(str(label["today"])) if label.get("today") else day
            zone = str(label.get("tz") or tz)
            pairs.append((label, understand(str(label["text"]), label_day, zone).to_json()))
    except Exception as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(render(score(pairs)))
