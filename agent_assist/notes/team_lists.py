"""The centre's own reason codes and departments over the KB's (team mode).

With team mode on, a KB owner publishes the centre's reason codes and departments on the team
server and every PC pulls a copy into its local database (``agent_assist.team.pull``). The notes
core never imports team code: it asks :mod:`agent_assist.storage.hooks` for
``"team_reason_codes"`` / ``"team_departments"`` (team mode provides them from the last pull, only
while it is on) and lays them over the KB's lists the way pulled team phrases go before
``phrases.yaml``: the centre's entries come first and win on the same number or name, and the
KB's other entries stay, so a note filed under a KB code still validates and still reads right.

Team mode off, or never pulled → the providers give nothing and the KB's lists are used as they
are. A pulled row that makes no sense (a number ≤ 0, an empty name) is skipped: it came from the
server's constrained tables, so this is only a guard.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from agent_assist.notes.departments import Departments
from agent_assist.notes.reason_codes import ReasonCode, ReasonCodeBook

if TYPE_CHECKING:
    from agent_assist.storage import Database

TEAM_CODES = "team_reason_codes"  # hook: [(number, name, group), …] from the last pull
TEAM_DEPARTMENTS = "team_departments"  # hook: [name, …] from the last pull


def overlay_reason_codes(book: ReasonCodeBook, team: Iterable[Sequence[Any]]) -> ReasonCodeBook:
    """A copy of ``book`` with the centre's codes (number, name, group) laid over it.

    Same number: the centre's name (and group, when it gives one) win; the KB's examples and
    processes stay, because a number always means the same kind of call. A number the KB retired
    (``legacy:``) that the centre uses again is the centre's current code from now on.
    """
    merged = copy.deepcopy(book)
    for row in team:
        number, name = row[0], str(row[1] or "").strip()
        group = str(row[2] or "").strip() if len(row) > 2 else ""
        if not isinstance(number, int) or number <= 0 or not name:
            continue
        known = merged.codes.get(number)
        if known is None:
            merged.codes[number] = ReasonCode(number, name, group)
        else:
            merged.codes[number] = replace(known, name=name, group=group or known.group)
        merged.legacy.pop(number, None)
    return merged


def overlay_departments(departments: Departments, team: Iterable[str]) -> Departments:
    """The centre's departments first, then the KB's not already listed. ``escalate_to`` (who a
    call is escalated to: 值班长, 二线 …) is the KB's: the server keeps one department list."""
    names: list[str] = []
    for name in (*(str(t or "").strip() for t in team), *departments.departments):
        if name and name not in names:
            names.append(name)
    return Departments(tuple(names), departments.escalate_to, departments.problems)


def team_reason_codes(db: Database | None) -> list[Sequence[Any]]:
    """The pulled codes while team mode is on ([] without a database or when it is off)."""
    if db is None:
        return []
    from agent_assist.storage import hooks

    return list(hooks.provided(TEAM_CODES, db, []) or [])


def team_departments(db: Database | None) -> list[str]:
    """The pulled departments while team mode is on ([] without a database or when it is off)."""
    if db is None:
        return []
    from agent_assist.storage import hooks

    return [str(n) for n in hooks.provided(TEAM_DEPARTMENTS, db, []) or []]
