"""The desktop's shared services: the stores of the current agent, the searcher, the worker pool.

:class:`Workspace` sits beside :class:`~agent_assist.gui.context.AppContext` (one per context,
found with :meth:`Workspace.of`), so every panel keeps the ``(ctx, parent=None)`` signature and
still reaches the same ``TierStore``, ``StudyQueue`` and ``Searcher``. It owns no rules: tiers,
scheduling and ranking live in the core packages; this object only creates them for the current
agent, opens the index off the GUI thread and tells panels when something changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from agent_assist.gui.context import AppContext
from agent_assist.gui.workers import WorkerPool
from agent_assist.health import load_app_kb
from agent_assist.knowledge import FeedbackStore, ProfileStore, StudyQueue, Tier, TierStore
from agent_assist.storage import release_memory

_EMPTY = "<no process files>"  # the worker's answer for a folder without processes


class Workspace(QObject):
    """Per-context services; created on first use by :meth:`of`."""

    searcherReady = Signal()
    indexProgress = Signal(int, int)
    indexFailed = Signal(str)
    kbEmpty = Signal(str)  # folder — a folder chosen in settings holds no process: nothing switched
    tierChanged = Signal(str, object)  # pid, Tier
    studyChanged = Signal()
    feedbackAdded = Signal(str, str)  # pid, kind

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        # indexing, KB loading and panel imports share this pool ...
        self.pool = WorkerPool(max_threads=2, parent=self)
        # ... search has its own single thread: a long re-index never queues a keystroke's
        # search behind it, and one thread is enough because LatestOnly skips superseded queries
        self.search_pool = WorkerPool(max_threads=1, parent=self)
        self.searcher = None
        self.indexing = False
        self.profiles = ProfileStore(ctx.db)
        self.feedback = FeedbackStore(ctx.db)
        self._make_agent_stores()
        ctx.agentChanged.connect(self._on_agent_changed)
        self._boosts: dict[str, float] | None = None

    @classmethod
    def of(cls, ctx: AppContext) -> Workspace:
        ws = getattr(ctx, "_workspace", None)
        if ws is None:
            ws = cls(ctx)
            ctx._workspace = ws
        return ws

    # -- agent ------------------------------------------------------------------------------
    @property
    def agent_key(self) -> str:
        """Tiers and study cards are per agent: keyed by 工号, else name ('' before first run)."""
        return self.ctx.agent_no or self.ctx.agent_name or ""

    def _make_agent_stores(self) -> None:
        self.tiers = TierStore(self.ctx.db, agent=self.agent_key)
        self.study = StudyQueue(self.ctx.db, agent=self.agent_key)

    def _on_agent_changed(self) -> None:
        self._make_agent_stores()
        self._boosts = None
        self.tierChanged.emit("", None)
        self.studyChanged.emit()

    # -- tiers ------------------------------------------------------------------------------
    def tier(self, pid: str) -> Tier:
        return self.tiers.tier(pid)

    def set_tier(self, pid: str, tier: Tier) -> None:
        if self.tiers.tier(pid) == tier:
            return
        self.tiers.set_tier(pid, tier)
        self._boosts = None
        self.tierChanged.emit(pid, tier)
        self.studyChanged.emit()

    def log_open(self, pid: str, query: str = "") -> None:
        """Record the open (usage, demotion hints) and tell the other panels (note pre-fill)."""
        self.tiers.log_open(pid, query)
        self._boosts = None
        self.ctx.processOpened.emit(pid, query)

    def boosts(self) -> Mapping[str, float]:
        """Rank nudges from this agent's tiers and usage (the rule is ``TierStore.rank_boosts``);
        cached until a tier changes or a process is opened."""
        if self._boosts is None:
            self._boosts = self.tiers.rank_boosts(days=30)
        return self._boosts

    # -- searcher ---------------------------------------------------------------------------
    def open_searcher(self, kb_dir: Path | None = None) -> None:
        """Open (sync) the index on a worker thread; :attr:`searcherReady` fires when done.

        With ``kb_dir`` the KB itself is also reloaded off the GUI thread and swapped in, so
        pointing the app at another folder never freezes it; until then the old KB keeps working.
        """
        target = Path(kb_dir) if kb_dir is not None else self.ctx.kb_dir
        # a context created with load=False has an empty KB: load it here too
        load = kb_dir is not None or (len(self.ctx.kb) == 0 and not self.ctx.kb.problems)
        self.indexing = True

        def work(progress):
            # the KB first: if the index cannot be opened the agent can still browse processes
            kb = load_app_kb(target) if load else None
            if kb is not None and kb_dir is not None and len(kb) == 0:
                return None, None, _EMPTY  # keep the KB the agent has rather than switch to nothing
            try:
                from agent_assist.search import Searcher  # jieba & co. import here, not on the GUI

                return Searcher.open(target, progress=progress), kb, ""
            except Exception as exc:
                import traceback

                traceback.print_exc()
                return None, kb, f"{type(exc).__name__}: {exc}"

        self.pool.submit(
            work,
            on_done=lambda result: self._searcher_opened(result, target),
            on_error=self._index_failed,
            on_progress=self.indexProgress.emit,
        )

    def _searcher_opened(self, result, target: Path | None = None) -> None:
        searcher, kb, error = result
        self.indexing = False
        if error == _EMPTY:
            self.kbEmpty.emit(str(target))
            return
        if kb is not None:
            self.ctx.kb_dir = Path(kb.root)
            self.ctx.kb = kb
            self.ctx.kbReloaded.emit()
        if searcher is None:
            self.indexFailed.emit(error)
            return
        old, self.searcher = self.searcher, searcher
        if old is not None and old is not searcher:
            old.close()
        release_memory()  # the sync pass and the imports behind it are over
        self.searcherReady.emit()

    def _index_failed(self, message: str) -> None:
        self.indexing = False
        self.indexFailed.emit(message)

    def search(self, query: str, limit: int, category: str | None, boosts: Mapping[str, float]):
        """Runs on a worker thread (the searcher is thread-safe): the ranked hits without their
        weak tail."""
        from agent_assist.search import strong_hits

        searcher = self.searcher
        if searcher is None:
            return []
        return strong_hits(searcher.search(query, limit=limit, category=category, boosts=boosts))

    def wait(self, msecs: int = -1) -> bool:
        """Block until the background work (indexing, searches) returned; False on timeout."""
        ok = self.search_pool.wait(msecs)
        return self.pool.wait(msecs) and ok

    def shutdown(self) -> None:
        self.wait()
        if self.searcher is not None:
            self.searcher.close()
