"""``patterns.words`` finds what ``re.compile`` finds, with the boundary tested once."""

from __future__ import annotations

import re

import pytest

from posada.nlu.patterns import _top_level_branches, words
from posada.nlu.text import normalise
from tests.nlu.helpers import corpus_rows

PATTERNS = [
    r"\bcuanto\s(?:sale|cuesta)\b|\bprecios?\b|\$\s?\d",
    r"\blugar(?:es)?\b(?<!lindo lugar)(?!\spara\s(?:el auto|la moto))|\blibres?\b",
    r"\b(?:perr|gat[oia])\w*\b[^?]{0,40}?\b(?:se puede|aceptan)|\bpet\s?friendly\b",
    r"\bno (?:vamos|voy)(?=\s?(?:$|[,.!;]))|[|]\s?x|\bhay\s?\?",
    r"\b(?:hola|buenas)\b|\\|\bchau\b",
]


def test_branches_split_outside_groups_and_classes() -> None:
    assert _top_level_branches(r"\ba|\b(?:b|c)|[|]x|[^]|]y|\\|z") == [
        r"\ba", r"\b(?:b|c)", "[|]x", "[^]|]y", r"\\", "z"]


def test_the_boundary_is_shared() -> None:
    assert words(r"\bfoo|\bbar\b|\$\d").pattern == r"\b(?:foo|bar\b)|\$\d"
    assert words(r"\bfoo").pattern == r"\bfoo"


@pytest.mark.parametrize("pattern", PATTERNS)
def test_same_matches_as_re(pattern: str) -> None:
    texts = [normalise(row["text"]).text for row in corpus_rows()]
    texts += ["hola", "cuanto sale?", "lindo lugar", "tienen lugar para el auto?", "$ 5",
              "no vamos.", "a | x", "c:\\", "el perro, se puede?", "hay?"]
    plain, fast = re.compile(pattern), words(pattern)
    assert [bool(plain.search(t)) for t in texts] == [bool(fast.search(t)) for t in texts]
