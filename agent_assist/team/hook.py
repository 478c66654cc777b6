"""The cheap part of team mode that every process loads: subscribe the outbox to the stores'
local-save notifications, importing the outbox only when the first item is saved (so
``agent-assist --help`` and the single-PC app pay nothing)."""

from __future__ import annotations

from agent_assist.storage import hooks


def _listener(kind: str, db, data: dict) -> None:
    from agent_assist.team.outbox import on_event

    on_event(kind, db, data)


def install() -> None:
    hooks.subscribe(_listener)


def uninstall() -> None:
    hooks.unsubscribe(_listener)
