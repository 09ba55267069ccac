"""Which cabin the guest names: by name, by size words, or by capacity ("la de 6").

Labels (the guide's): ``name:<slug>`` for the demo property's cabins (Pehuén, Coihue,
Arrayán, typos and accents aside), ``size:large`` ("la grande", "la más grande"),
``size:small`` ("la chica", "la chiquita") and ``capacity:N`` ("la de 6", "la cabaña de seis
personas"). A capacity is not a party: its number is masked before the party is read.
"""

from __future__ import annotations

import re

from posada.nlu.masks import MASK
from posada.nlu.text import MONTHS

_NAMES = {
    "pehuen": r"pe+h?uen|pewen|pehuem",
    "coihue": r"coi(?:h|g)ue|coiwe|coyhue|coigue",
    "arrayan": r"arr?ay[ae]n|arrallan|arayan",
}
_NAME = re.compile(
    r"\b(?:" + "|".join(f"(?P<{slug}>{pattern})" for slug, pattern in _NAMES.items()) + r")\b"
)
_ARTICLE = r"\b(?:la|una|el|esa|alguna)\s(?:caban[ai]ta\s|cabana\s|casita\s|casa\s)?"
_LARGE = re.compile(_ARTICLE + r"(?:mas\s)?(?:grande|grandota|mayor)\b")
_SMALL = re.compile(_ARTICLE + r"(?:mas\s)?(?:chica|chiquita|chiquitita|pequena|chiquita)\b")
_CAPACITY = re.compile(
    r"\b(?:la|una|esa|alguna)\s(?:caban[ai]ta\s|cabana\s|casita\s|casa\s|unidad\s)?"
    r"de\s(?P<n>\d{1,2})(?:\s(?:personas|pax|lugares|plazas|huespedes))?\b"
    r"(?!\s?(?:o|y|/|-)\s?\d|\s(?:de\s)?(?:" + "|".join(MONTHS) + r")\b)"
)


def find_accommodation(text: str) -> tuple[str | None, str]:
    """The cabin ``text`` (normalised, masked) names, and ``text`` with a capacity masked.

    Returns:
        ``(label, text)``: ``label`` as in the module doc or ``None``.
    """
    name = _NAME.search(text)
    if name is not None and name.lastgroup:
        return f"name:{name.lastgroup}", text
    capacity = _CAPACITY.search(text)
    if capacity is not None:
        masked = text[: capacity.start()] + MASK + text[capacity.end() :]
        return f"capacity:{int(capacity['n'])}", masked
    if _LARGE.search(text):
        return "size:large", text
    if _SMALL.search(text):
        return "size:small", text
    return None, text
