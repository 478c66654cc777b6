"""What the desktop's services need of the context that owns them, as a type: the database,
the KB and its folder, the agent, and the signal that says a process was opened.

:class:`~agent_assist.gui.context.AppContext` makes its :class:`~agent_assist.gui.services.Services`
and the services read and write that context. Typed against this protocol, the services module
names no context class, so the two modules do not import each other; the context satisfies it
by having those attributes (nothing inherits from it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import SignalInstance

from agent_assist.knowledge import KnowledgeBase
from agent_assist.storage import Database


class SharedState(Protocol):
    """The shared state the services keep in step: ``set_kb`` swaps ``kb`` / ``kb_dir``,
    ``set_agent`` the agent, ``log_open`` emits ``processOpened``."""

    db: Database  # the GUI thread's connection
    kb: KnowledgeBase
    kb_dir: Path
    agent_name: str
    agent_no: str  # 工号

    @property
    def processOpened(self) -> SignalInstance: ...  # (process id, the query that found it)
