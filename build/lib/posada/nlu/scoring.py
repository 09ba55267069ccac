"""Scoring predictions against labelled lines (the corpus format of the labelling guide).

Three headline figures: ``intent`` (exact), ``stay`` (when the label asks for a
clarification the prediction must too; otherwise both dates must match and no
clarification be asked) and ``guests`` (exact, ``None`` included); plus the accuracy of each
optional field that the labels carry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

HEADLINE = ("intent", "stay", "guests")
REQUIRED = ("intent", "check_in", "check_out", "guests", "needs_clarification", "booking_code")
OPTIONAL = ("topic", "nights", "adults", "children", "infants", "pets", "what_is_missing",
            "accommodation")
#: The goals the corpus test holds the parser to.
GOALS = {"intent": 0.97, "stay": 0.95, "guests": 0.97}


@dataclass
class Report:
    """Hits and totals per field; ``misses`` holds ``(id, field, expected, predicted)``."""

    hits: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    misses: list[tuple[str, str, object, object]] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        total = self.totals.get(name, 0)
        return self.hits.get(name, 0) / total if total else 0.0

    def add(self, line_id: str, name: str, expected: object, predicted: object, hit: bool) -> None:
        self.totals[name] = self.totals.get(name, 0) + 1
        self.hits[name] = self.hits.get(name, 0) + int(hit)
        if not hit:
            self.misses.append((line_id, name, expected, predicted))

    def fields(self) -> list[str]:
        """Headline figures first, then the other fields scored, in a stable order."""
        rest = [n for n in (*REQUIRED, *OPTIONAL) if n in self.totals and n not in HEADLINE]
        return [*HEADLINE, *rest]


def stay_hit(label: Mapping[str, object], predicted: Mapping[str, object]) -> bool:
    """The guide's stay score for one line."""
    if label.get("needs_clarification"):
        return bool(predicted.get("needs_clarification"))
    return (
        predicted.get("check_in") == label.get("check_in")
        and predicted.get("check_out") == label.get("check_out")
        and not predicted.get("needs_clarification")
    )


def score(pairs: Iterable[tuple[Mapping[str, object], Mapping[str, object]]]) -> Report:
    """Score ``(label, prediction)`` pairs; predictions are ``Understanding.to_json()``
    dicts (or CLI output lines)."""
    report = Report()
    for label, predicted in pairs:
        line_id = str(label.get("id", "?"))
        report.add(line_id, "stay", (label.get("check_in"), label.get("check_out"),
                                     label.get("needs_clarification")),
                   (predicted.get("check_in"), predicted.get("check_out"),
                    predicted.get("needs_clarification")), stay_hit(label, predicted))
        for name in (*REQUIRED, *OPTIONAL):
            if name in label:
                expected, got = label[name], predicted.get(name)
                report.add(line_id, name, expected, got, expected == got)
    return report


def render(report: Report) -> str:
    """A plain-text table of the figures and the misses, for ``posada nlu eval``."""
    lines = [f"{name:<20} {report.accuracy(name):7.2%}  "
             f"({report.hits.get(name, 0)}/{report.totals.get(name, 0)})"
             + (f"  goal {GOALS[name]:.0%}" if name in GOALS else "")
             for name in report.fields()]
    if report.misses:
        lines.append("")
        lines.append(f"misses ({len(report.misses)}):")
        lines.extend(f"  {line_id}  {name}: expected {expected!r}, got {got!r}"
                     for line_id, name, expected, got in report.misses)
    return "\n".join(lines)
