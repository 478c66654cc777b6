"""What the panels share while the app runs: the KB, the database, the agent and the current call.

Panels never talk to each other directly; they read this context and listen to its signals, so a
panel can be built and tested alone (pytest-qt creates an ``AppContext`` with a temp database).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from agent_assist.gui.services import Change, Services
from agent_assist.health import load_app_kb
from agent_assist.knowledge import KnowledgeBase
from agent_assist.storage import open_db, shipped_kb_dir


@dataclass
class CallState:
    """The call in progress: what the note form pre-fills from.

    ``viewed`` keeps the order processes were opened in (no repeats); ``script_runs`` holds the
    ``to_dict()`` of every finished or abandoned guided-script run of this call.
    """

    started_at: dt.datetime = field(
        default_factory=lambda: dt.datetime.now().replace(microsecond=0)
    )
    viewed: list[str] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)
    script_runs: list[dict[str, Any]] = field(default_factory=list)
    customer_title: str = ""  # 称呼, e.g. 王先生

    def note_viewed(self, pid: str, query: str = "") -> None:
        if pid not in self.viewed:
            self.viewed.append(pid)
        if query and query not in self.queries:
            self.queries.append(query)


class AppContext(QObject):
    """Shared state plus the signals panels use to hear about each other's work (what changed —
    KB, agent, a new call, notes … — goes through ``services.changed``)."""

    processOpened = Signal(str, str)  # process id, query that found it ('' if none)
    scriptRunFinished = Signal(dict)  # RunSummary.to_dict() of a finished / abandoned run
    scriptRunDiscarded = Signal(dict)  # the same dict, when the agent discards that run

    def __init__(
        self,
        kb_dir: Path | None = None,
        db=None,
        parent: QObject | None = None,
        *,
        load: bool = True,
    ) -> None:
        super().__init__(parent)
        self.kb_dir: Path = Path(kb_dir) if kb_dir else shipped_kb_dir()
        # used on the GUI thread only: workers open their own (docs/architecture.md, Threads)
        self.db = db if db is not None else open_db(thread_bound=True)
        # load=False: start with an empty KB and let the caller load it off the GUI thread (the
        # desktop paints first, then swaps the KB in and tells the views through
        # ``services.changed`` with ``Change.kb`` — see gui.services)
        # the desktop keeps processes without their bodies; kb.get(pid) reads the full one
        self.kb: KnowledgeBase = (
            load_app_kb(self.kb_dir) if load else KnowledgeBase(root=self.kb_dir)
        )
        self.agent_name: str = ""
        self.agent_no: str = ""  # 工号
        self.call = CallState()
        self.processOpened.connect(lambda pid, query: self.call.note_viewed(pid, query))
        # every shared part (stores, searcher, phrase library, tone checker, worker pools)
        self.services = Services(self, parent=self)

    def new_call(self) -> None:
        """Forget the previous call's context (after a note is submitted, or on demand)."""
        self.call = CallState()
        self.services.notify(Change(call=True))

    def reload_kb(self, kb_dir: Path | None = None) -> None:
        if kb_dir is not None:
            self.kb_dir = Path(kb_dir)
        self.services.set_kb(load_app_kb(self.kb_dir))
