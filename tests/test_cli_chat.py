"""``posada chat``: the whole conversation in a terminal, same engine and database."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.test_cli import env, migrated, posada

__all__ = ["env", "migrated"]  # the fixtures, shared with tests/test_cli.py

TODAY = date(2026, 12, 1)  # --today: reproducible replies


@pytest.mark.usefixtures("migrated")
def test_a_guest_books_in_the_terminal(env: dict[str, str]) -> None:
    posada(env, "demo")
    script = "\n".join([
        "hola! tienen lugar del 9 al 12 de diciembre para 2?",
        "1",  # the first option, as a tap
        "sí",
        "mi reserva",
        "/salir",
    ]) + "\n"
    result = posada(env, "chat", "--as", "+54 9 294 412-3456", "--name", "Lucía",
                    "--today", TODAY.isoformat(), stdin=script)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1. Cabaña" in out  # the offers as numbered options
    assert "¿A nombre de Lucía?" in out
    code = re.search(r"Código: ([0-9A-Z]{10})", out)
    assert code, out
    assert out.count(code.group(1)) >= 3  # the hold, the owner's note, "mi reserva"
    assert "[al dueño]" in out
    assert "Traceback" not in out + result.stderr


@pytest.mark.usefixtures("migrated")
def test_chat_refuses_bad_arguments(env: dict[str, str]) -> None:
    bad_day = posada(env, "chat", "--today", "2026-13-01")
    bad_phone = posada(env, "chat", "--as", "hola")
    assert bad_day.returncode == bad_phone.returncode == 2
    assert "YYYY-MM-DD" in bad_day.stderr and "phone" in bad_phone.stderr


@pytest.mark.usefixtures("migrated")
def test_chat_resume_of_an_unknown_conversation(env: dict[str, str]) -> None:
    result = posada(env, "chat", "resume", "999")
    assert result.returncode == 1 and "999" not in result.stdout
    assert result.stderr.startswith("error:")

