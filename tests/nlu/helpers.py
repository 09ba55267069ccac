"""Helpers for the nlu tests: one parse call with the guide's default zone."""

from __future__ import annotations

from datetime import date

from posada.nlu import Understanding, understand

#: Most examples are read as of Tuesday 1 December 2026, as in the labelling guide.
TODAY = date(2026, 12, 1)


def parse(text: str, today: date | str = TODAY) -> Understanding:
    day = date.fromisoformat(today) if isinstance(today, str) else today
    return understand(text, day, "America/Argentina/Buenos_Aires")
