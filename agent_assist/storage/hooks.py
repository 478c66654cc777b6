"""Committed-locally notifications: a store calls :func:`emit` where it saves something an agent
did (a note, an amendment, a follow-up outcome, a feedback flag, a study review, a tier change, a
search), inside the same transaction when it has one.

Stores can also ask for extra content through :func:`provided` (e.g. the phrase library asks
for ``"team_phrases"``, which team mode provides from its last pull). Nothing listens or provides
by default. Team mode (``agent_assist.team.outbox``) subscribes and queues the
item for the centre's server, so the core packages never import team code and never wait on a
network. A listener's error is logged and swallowed: the local save always wins.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agent_assist.storage.db import Database

Listener = Callable[[str, "Database", dict[str, Any]], None]
_listeners: list[Listener] = []
_log = logging.getLogger(__name__)


def subscribe(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def unsubscribe(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def emit(event: str, db: Database, /, **data: Any) -> None:
    """Tell every listener that ``event`` was saved in ``db`` (``data`` names what)."""
    for listener in list(_listeners):
        try:
            listener(event, db, data)
        except Exception:  # a listener must never break the agent's local save
            _log.exception("hook listener failed for %s", event)


# -- providers: extra content a core package may ask for (team mode fills them) ---------------
_providers: dict[str, Callable[[Database], Any]] = {}


def provide(name: str, fn: Callable[[Database], Any]) -> None:
    _providers[name] = fn


def withdraw(name: str) -> None:
    _providers.pop(name, None)


def provided(name: str, db: Database, default: Any = None) -> Any:
    """What the provider of ``name`` returns for ``db``; ``default`` when none or it fails."""
    fn = _providers.get(name)
    if fn is None:
        return default
    try:
        return fn(db)
    except Exception:  # extra content must never break the core
        _log.exception("provider %s failed", name)
        return default
