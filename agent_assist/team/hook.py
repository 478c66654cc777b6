"""The cheap part of team mode that every process loads: subscribe the outbox to the stores'
local-save notifications, importing the outbox only when the first item is saved (so
``agent-assist --help`` and the single-PC app pay nothing), and provide the pulled team phrases
to the phrase library and the pulled reason codes and departments to the notes core."""

from __future__ import annotations

from typing import Any

from agent_assist.storage import Database, hooks


def _listener(kind: str, db: Database, data: dict[str, Any]) -> None:
    from agent_assist.team.outbox import on_event

    on_event(kind, db, data)


def configured_dsn(db: Database) -> str:
    """The team DSN in effect ('' while team mode is off); the connect module is imported only
    when a provider is asked."""
    from agent_assist.team.connect import configured_dsn as dsn

    return dsn(db)


def _team_phrases(db: Database) -> list[dict[str, Any]]:
    """The phrases leads published (last pull), for the phrase library to put first."""
    if not configured_dsn(db):
        return []
    from agent_assist.team.pull import team_phrase_rows

    return team_phrase_rows(db)


def _team_reason_codes(db: Database) -> list[tuple[int, str, str]]:
    """The reason codes the centre published (last pull), for the notes core to lay over the
    KB's (``notes.team_lists``); nothing while team mode is off."""
    if not configured_dsn(db):
        return []
    from agent_assist.team.pull import team_reason_code_rows

    return team_reason_code_rows(db)


def _team_departments(db: Database) -> list[str]:
    """The departments the centre published (last pull); nothing while team mode is off."""
    if not configured_dsn(db):
        return []
    from agent_assist.team.pull import team_departments

    return team_departments(db)


_PROVIDERS = {
    "team_phrases": _team_phrases,
    "team_reason_codes": _team_reason_codes,
    "team_departments": _team_departments,
}


def install() -> None:
    hooks.subscribe(_listener)
    for name, fn in _PROVIDERS.items():
        hooks.provide(name, fn)


def uninstall() -> None:
    hooks.unsubscribe(_listener)
    for name in _PROVIDERS:
        hooks.withdraw(name)
