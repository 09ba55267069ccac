"""``posada nlu`` as other programs run it: a subprocess with no environment at all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

POSADA_NLU = [sys.executable, "-c", "from posada.launcher import main; main()", "nlu"]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*POSADA_NLU, *args], env={}, input=stdin, capture_output=True,
                          text=True, timeout=60, check=False)


def test_parse_json_contract() -> None:
    done = run("parse", "--today", "2026-12-01", "--json",
               "hola! tienen lugar del 15 al 18 de diciembre para 4?")
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert {"intent", "check_in", "check_out", "guests", "needs_clarification",
            "booking_code"} <= got.keys()
    assert (got["intent"], got["check_in"], got["check_out"], got["guests"]) == (
        "availability", "2026-12-15", "2026-12-18", 4)
    assert got["needs_clarification"] is False and got["booking_code"] is None


def test_jsonl_keeps_ids_overrides_and_survives_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "text": "somos 2, este finde"}),
        "esto no es json",
        json.dumps({"id": "b", "text": "este finde", "today": "2026-12-05"}),
        json.dumps({"id": "c", "text": "hola", "tz": "Marte/Base"}),
        json.dumps({"id": 4}),
        json.dumps({"id": "d", "text": "reserva K7Q2-M9XD-4T", "today": "ayer"}),
        json.dumps({"id": "e", "text": "cuánto sale?"}),
    ]
    done = run("parse", "--today", "2026-12-01", "--jsonl", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", None, "b", "c", 4, "d", "e"]
    assert (out[0]["check_in"], out[0]["check_out"], out[0]["guests"]) == (
        "2026-12-04", "2026-12-06", 2)
    assert out[2]["check_in"] == "2026-12-05"
    assert all("error" in out[i] for i in (1, 3, 4, 5))
    assert out[6]["intent"] == "price" and out[6]["what_is_missing"] == "dates"


def test_bad_flags_exit_2() -> None:
    assert run("parse", "--today", "2026-13-01", "hola").returncode == 2
    assert run("parse", "--today", "2026-12-01", "--tz", "Nowhere/City", "hola").returncode == 2


def test_eval_prints_the_three_figures_and_misses(tmp_path: Path) -> None:
    labelled = tmp_path / "mini.jsonl"
    rows = [
        {"id": "m1", "text": "del 15 al 18 para 4", "today": "2026-12-01", "intent":
         "availability", "check_in": "2026-12-15", "check_out": "2026-12-18", "guests": 4,
         "needs_clarification": False, "booking_code": None, "nights": 3},
        {"id": "m2", "text": "hola", "intent": "thanks", "check_in": None, "check_out": None,
         "guests": None, "needs_clarification": False, "booking_code": None},
    ]
    labelled.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    done = run("eval", str(labelled), "--today", "2026-12-01")
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[:3]
    assert [line.split()[0] for line in first] == ["intent", "stay", "guests"]
    assert "50.00%" in first[0] and "100.00%" in first[1]
    assert "nights" in done.stdout
    assert "m2  intent: expected 'thanks', got 'greeting'" in done.stdout


OUTER = ("posada.db", "posada.web", "posada.services", "posada.adapters", "posada.config",
         "posada.cli", "sqlalchemy", "fastapi", "alembic", "pydantic_settings")


def test_nlu_never_loads_settings_database_or_web() -> None:
    probe = (
        "import atexit, sys\n"
        f"atexit.register(lambda: print('LOADED', sorted(m for m in sys.modules "
        f"if m.startswith({OUTER!r}) and m != 'posada.cli_nlu')))\n"
        "sys.argv = ['posada', 'nlu', 'parse', '--today', '2026-12-01', '--json', "
        "'el finde largo del 8']\n"
        "from posada.launcher import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], env={}, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert '"check_in": "2026-12-04"' in done.stdout
    assert "LOADED []" in done.stdout
