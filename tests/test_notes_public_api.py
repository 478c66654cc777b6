"""Other packages use the notes package only through the names in ``agent_assist/notes/__init__.py``
(house rule): no ``from agent_assist.notes.report_models import …`` anywhere outside it, not even
under ``TYPE_CHECKING``, so the package can reorganise its modules freely."""

from __future__ import annotations

import ast
from pathlib import Path

import agent_assist.notes as notes

PACKAGE = Path(notes.__file__).resolve().parent.parent


def _submodule_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("agent_assist.notes.")
        ):
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: from {node.module}")
        elif isinstance(node, ast.Import):
            found += [
                f"{path.relative_to(PACKAGE)}:{node.lineno}: import {a.name}"
                for a in node.names
                if a.name.startswith("agent_assist.notes.")
            ]
    return found


def test_nothing_outside_notes_imports_its_modules():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).parts[0] != "notes":
            offenders += _submodule_imports(path)
    assert offenders == []


def test_every_exported_name_exists():
    missing = [name for name in notes.__all__ if not hasattr(notes, name)]
    assert missing == []
    for name in (
        "EmotionShift",
        "HandlingCost",
        "OtherDepartments",
        "Pareto",
        "pin_deadline",
        "set_cost_per_minute",
    ):
        assert name in notes.__all__
