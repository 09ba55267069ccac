"""posada.nlu is pure: no outer ring imported, no clock, no environment, no I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import posada.nlu

PACKAGE = Path(posada.nlu.__file__).parent
OUTER = ("posada.db", "posada.web", "posada.services", "posada.adapters", "posada.config",
         "posada.cli", "posada.jobs", "posada.observability")
FORBIDDEN_CALLS = {"now", "today", "utcnow", "time", "getenv", "open", "urlopen", "sleep"}


def _sources() -> list[tuple[str, ast.Module]]:
    return [(path.name, ast.parse(path.read_text(encoding="utf-8")))
            for path in sorted(PACKAGE.glob("*.py"))]


def test_imports_stay_inside() -> None:
    for name, tree in _sources():
        for node in ast.walk(tree):
            modules = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                       else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for module in modules:
                assert not module.startswith(OUTER), (name, module)
                assert module not in ("os", "time", "socket", "subprocess"), (name, module)


def test_no_clock_environment_or_files() -> None:
    for name, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
                called = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
                assert called not in FORBIDDEN_CALLS, (name, called)
            if isinstance(node, ast.Attribute):
                assert node.attr != "environ", name
