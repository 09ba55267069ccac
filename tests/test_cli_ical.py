"""``posada ical`` as a subprocess: the parse contract, a clear refusal of non-calendars,
and add → list → sync against a local ``FeedServer``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from posada.adapters.ical.fake import FeedServer
from tests.test_cli import migrated

__all__ = ["migrated"]  # a migrated database for this module's env (tests/test_cli.py)

POSADA = [sys.executable, "-m", "posada.cli"]
FIXTURES = Path(__file__).parent / "fixtures" / "ical"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    values = {k: v for k, v in os.environ.items() if not k.startswith("POSADA_")}
    values.update(POSADA_ENV="development",
                  POSADA_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    return values


def posada(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*POSADA, *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_parse_prints_the_contract(env: dict[str, str]) -> None:
    done = posada(env, "ical", "parse", str(FIXTURES / "airbnb.ics"), "--today", "2025-03-01",
                  "--tz", "America/Argentina/Buenos_Aires", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    first = {e["uid"][:12]: (e["kind"], e["summary"], e["nights"]) for e in out["events"]}
    assert first["1418fb94e984"] == ("reservation", "Reserved", [
        "2025-03-05", "2025-03-06", "2025-03-07", "2025-03-08", "2025-03-09"])
    assert first["7f2e1c0a9b8d"][0] == "block"
    nights = [n for e in out["events"] for n in e["nights"]]
    assert out["blocked_nights"] == sorted(set(nights))
    assert "2025-03-10" not in out["blocked_nights"]  # the check-out day stays free


@pytest.mark.parametrize("name", ["html.html", "garbage.txt"])
def test_parse_refuses_a_file_that_is_not_a_calendar(env: dict[str, str], name: str) -> None:
    done = posada(env, "ical", "parse", str(FIXTURES / name), "--today", "2025-03-01",
                  "--json")
    assert done.returncode == 1 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "not a calendar" in done.stderr


@pytest.mark.usefixtures("migrated")
def test_add_list_and_sync(env: dict[str, str]) -> None:
    assert posada(env, "demo", "--if-empty").returncode == 0
    with FeedServer() as server:
        server.set("/a.ics", (FIXTURES / "vrbo.ics").read_bytes())
        before = json.loads(posada(env, "ical", "list", "--json").stdout)
        assert before == []
        added = posada(env, "ical", "add", "pehuen", server.url("/a.ics") + "?key=s3cret",
                       "--channel", "vrbo")
        assert added.returncode == 0, added.stderr
        assert "s3cret" not in added.stdout
        synced = posada(env, "ical", "sync", "--json")
        assert synced.returncode == 0, synced.stderr
        [result] = [json.loads(line) for line in synced.stdout.splitlines()]
        assert result["result"] == "fetched"
        [feed] = json.loads(posada(env, "ical", "list", "--json").stdout)
        assert (feed["channel"], feed["last_result"]) == ("vrbo", "fetched")
        assert "s3cret" not in json.dumps(feed)
        server.set("/a.ics", "<html>down</html>", content_type="text/html")
        failed = posada(env, "ical", "sync")
        assert failed.returncode == 1 and "error" in failed.stdout
