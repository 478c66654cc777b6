"""The cheap part of team mode that every process loads: subscribe the outbox to the stores'
local-save notifications, importing the outbox only when the first item is saved (so
``agent-assist --help`` and the single-PC app pay nothing), and provide the pulled team phrases
to the phrase library."""

from __future__ import annotations

from typing import Any

from agent_assist.storage import Database, hooks


def _listener(kind: str, db: Database, data: dict[str, Any]) -> None:
    from agent_assist.team.outbox import on_event

    on_event(kind, db, data)


def _team_phrases(db: Database) -> list[dict[str, Any]]:
    """The phrases leads published (last pull), for the phrase library to put first."""
    from agent_assist.team.connect import configured_dsn

    if not configured_dsn(db):
        return []
    from agent_assist.team.pull import team_phrase_rows

    return team_phrase_rows(db)


def install() -> None:
    hooks.subscribe(_listener)
    hooks.provide("team_phrases", _team_phrases)


def uninstall() -> None:
    hooks.unsubscribe(_listener)
    hooks.withdraw("team_phrases")
