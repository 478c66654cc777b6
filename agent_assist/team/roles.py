"""The role of this PC's team login, as far as the desktop needs it: which views to offer.

The server decides every right (roles and row-level security, ``sql/0001_team_store.sql``); the
desktop only avoids offering what a role is not for. Team-wide reports are for team leads and
KB (process) owners, and for the centre's database owner; an agent's reports are their own.

The role is the server's answer to ``role_of(current_user)``, remembered by every pull
(:mod:`agent_assist.team.pull`) together with the login it belongs to, so the desktop knows it
at start-up and offline, and forgets it when the PC is switched to another login.
"""

from __future__ import annotations

from agent_assist.storage import Database
from agent_assist.team.local_state import get_state, set_state

OWNER = "owner"  # a login with no row in ``agents``: the database owner, reads the whole centre
TEAM_REPORT_ROLES = frozenset({"lead", "kb-owner", OWNER})


def _login(dsn: str) -> str:
    """The DSN without its password: what identifies the login (never stored with a secret)."""
    from agent_assist.team.connect import split_password

    return split_password(dsn)[0]


def remember_role(db: Database, dsn: str, role: str | None) -> None:
    """Keep the role the server gave the login of ``dsn`` (None: no agents row, the owner)."""
    set_state(db, role=role or OWNER, role_login=_login(dsn))


def login_role(db: Database, dsn: str) -> str:
    """The remembered role of the login of ``dsn``: 'agent', 'lead', 'kb-owner', 'owner', or ''
    while it is not known (no pull yet since team mode was turned on or the login changed)."""
    if not dsn or get_state(db, "role_login") != _login(dsn):
        return ""
    return get_state(db, "role")


def sees_team_reports(db: Database, dsn: str) -> bool:
    """May the login of ``dsn`` be offered the team scope of the reports?"""
    return login_role(db, dsn) in TEAM_REPORT_ROLES
