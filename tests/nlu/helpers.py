"""Helpers for the nlu tests: one parse call with the guide's default zone, and the
labelled corpus."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from posada.nlu import Understanding, understand

#: Most examples are read as of Tuesday 1 December 2026, as in the labelling guide.
TODAY = date(2026, 12, 1)


def parse(text: str, today: date | str = TODAY) -> Understanding:
    day = date.fromisoformat(today) if isinstance(today, str) else today
    return understand(text, day, "America/Argentina/Buenos_Aires")


#: The labelled corpus: one JSON object per line (``text``, ``today``, the labels).
CORPUS = Path(__file__).parents[1] / "fixtures" / "nlu" / "corpus.jsonl"


def corpus_rows() -> list[dict[str, Any]]:
    """Every message of the corpus, in order."""
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()
            if line.strip()]
