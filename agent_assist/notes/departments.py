"""The departments a note may name (``knowledge/departments.yaml``), and matching what was typed.

"Other department caused it" and "escalated to" are grouped on in the reports, so a typed "营"
must become 营业厅, not a department of its own. The list is data: a centre puts its own
``departments.yaml`` in its KB folder (read from there when present, else the shipped one). A
broken file is reported as ``path:line: message`` and the shipped list is used instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from agent_assist.knowledge import KnowledgeBase
    from agent_assist.storage import Database


@dataclass(frozen=True)
class Departments:
    departments: tuple[str, ...] = ()
    escalate_to: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())


def _names(data: dict[str, object], key: str, path: Path, problems: list[str]) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list):
        problems.append(f"{path}:1: {key} must be a list of names")
        return ()
    names: list[str] = []
    for item in value:
        if isinstance(item, (str, int)) and str(item).strip():
            name = str(item).strip()
            if name not in names:
                names.append(name)
        else:
            problems.append(f"{path}:1: {key}: {item!r} is not a department name")
    return tuple(names)


def load_departments(path: Path) -> Departments:
    """The lists in ``path``; problems are collected, never raised."""
    from agent_assist.storage import shipped_kb_dir

    problems: list[str] = []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        data, problems = {}, [f"{path}:1: cannot read: {exc.strerror or exc}"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        data, problems = {}, [f"{path}:{line}: not valid YAML: {getattr(exc, 'problem', exc)}"]
    if not isinstance(data, dict):
        problems.append(f"{path}:1: expected 'departments:' and 'escalate_to:' lists")
        data = {}
    found = Departments(
        _names(data, "departments", path, problems),
        _names(data, "escalate_to", path, problems),
        tuple(problems),
    )
    shipped = shipped_kb_dir() / "departments.yaml"
    if (problems or not all((found.departments, found.escalate_to))) and path.resolve() != (
        shipped.resolve()
    ):
        fallback = load_departments(shipped)  # a broken or partial centre file: shipped lists
        return Departments(
            found.departments or fallback.departments,
            found.escalate_to or fallback.escalate_to,
            tuple(problems),
        )
    return found


def departments_for(kb: KnowledgeBase | None = None, db: Database | None = None) -> Departments:
    """The lists that go with a KB (its own ``departments.yaml``, else the shipped one); with
    ``db`` and team mode on, the centre's pulled departments come first (:mod:`.team_lists`)."""
    from agent_assist.storage import shipped_kb_dir

    path = kb.resource("departments.yaml") if kb is not None else None
    found = load_departments(path or shipped_kb_dir() / "departments.yaml")
    if db is None:
        return found
    from agent_assist.notes.team_lists import overlay_departments, team_departments

    team = team_departments(db)
    return overlay_departments(found, team) if team else found


def match_name(text: str, names: tuple[str, ...] | list[str]) -> str:
    """The listed name ``text`` stands for: exact, else the only one it begins, else the only
    one containing it; typed text that fits none (or several) stays as typed."""
    typed = text.strip()
    if not typed:
        return ""
    folded = typed.casefold()
    for name in names:
        if name.casefold() == folded:
            return name
    for test in (lambda n: n.casefold().startswith(folded), lambda n: folded in n.casefold()):
        hits = [n for n in names if test(n)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return typed
    return typed
