"""The desktop's services, declared in one place: what every panel shares while the app runs.

One :class:`Services` object per :class:`~agent_assist.gui.context.AppContext` (created by the
context, reached as ``ctx.services``). It holds the KB-dependent parts (searcher, phrase library,
tone checker, the scripts' phrase library) and the agent's stores (tiers, study queue, profile,
feedback, follow-ups), the worker pools, and creates them again in one place when the KB or the
agent changes. It owns no rules: tiers, scheduling, ranking and the tone rules live in the core.

Panels hear about each other's work through one signal, :attr:`Services.changed`, carrying a
:class:`Change` that says what changed (a note filed or amended, a follow-up closed, feedback
given, tiers rated, the team sync ran …): each view refreshes when the part it shows changed.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from agent_assist.gui.shared_state import SharedState
from agent_assist.gui.workers import WorkerPool
from agent_assist.health import load_app_kb
from agent_assist.knowledge import (
    FeedbackStore,
    KnowledgeBase,
    ProfileStore,
    StudyQueue,
    Tier,
    TierStore,
)
from agent_assist.notes import FollowUpStore
from agent_assist.storage import release_memory

if TYPE_CHECKING:  # phrases (rapidfuzz, pypinyin) is imported when first used, not at start-up
    from agent_assist.learning import LearnedAssociations
    from agent_assist.phrases import PhraseLibrary, ToneChecker
    from agent_assist.search import Searcher

log = logging.getLogger(__name__)

_EMPTY = "<no process files>"  # the worker's answer for a folder without processes


@dataclass(frozen=True)
class Change:
    """What one piece of work changed (the idea of Anki's ``OpChanges``): every flag a view shows
    something of means "refresh". ``pid`` names the process when one process changed."""

    note: bool = False  # a note was filed or amended
    followup: bool = False  # a follow-up was created, closed or moved
    feedback: bool = False  # a process was flagged / a missing process reported
    tier: bool = False  # the agent rated a process (or the agent changed)
    study: bool = False  # due cards changed
    phrases: bool = False  # the phrase library changed (personal phrases, KB reload)
    kb: bool = False  # the KB was reloaded
    agent: bool = False  # another agent signed in (name / 工号): per-agent stores were remade
    call: bool = False  # a new call started (``ctx.call`` is fresh): forms start over
    sync: bool = False  # the team sync ran
    pid: str = ""
    note_id: int | None = None  # the note filed or amended


class Services(QObject):
    """Every shared part of the desktop, as declared, typed attributes."""

    changed = Signal(object)  # Change — the one "something changed" signal
    searcherReady = Signal()
    indexProgress = Signal(int, int)
    indexFailed = Signal(str)
    kbEmpty = Signal(str)  # folder — a folder chosen in settings holds no process: nothing switched

    pool: WorkerPool
    search_pool: WorkerPool
    searcher: Searcher | None
    indexing: bool
    profiles: ProfileStore
    feedback: FeedbackStore
    followups: FollowUpStore
    tiers: TierStore
    study: StudyQueue

    def __init__(self, ctx: SharedState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx  # the context that owns these services (AppContext)
        # indexing, KB loading and panel imports share this pool ...
        self.pool = WorkerPool(max_threads=2, parent=self)
        # ... search has its own single thread: a long re-index never queues a keystroke's
        # search behind it, and one thread is enough because LatestOnly skips superseded queries
        self.search_pool = WorkerPool(max_threads=1, parent=self)
        self.searcher = None
        self.indexing = False
        # the database file, for workers that open their own connection ("" for :memory:)
        self.db_file: str = ctx.db.execute("PRAGMA database_list").fetchone()[2] or ""
        self.profiles = ProfileStore(ctx.db)
        self.feedback = FeedbackStore(ctx.db)
        self.followups = FollowUpStore(ctx.db)
        self._make_agent_stores()
        self._boosts: dict[str, float] | None = None
        # KB-dependent parts, made on first use and dropped by set_kb
        self._phrases: PhraseLibrary | None = None
        self._script_phrases: PhraseLibrary | None = None
        self._tone: ToneChecker | None = None
        self._tone_loaded = False
        self._pulled_phrases: tuple = ()  # the team phrases the library was loaded with
        self.changed.connect(self._reload_pulled_phrases)

    def notify(self, change: Change) -> None:
        """Tell every view what changed (GUI thread)."""
        self.changed.emit(change)

    # -- the KB and what depends on it -------------------------------------------------------
    def set_kb(self, kb: KnowledgeBase) -> None:
        """Swap the KB in: everything built from the old one goes, the phrase library is loaded
        again at once (its fuzzy index on the pool), and every view hears of it."""
        self.ctx.kb_dir = Path(kb.root)
        self.ctx.kb = kb
        self._phrases = None
        self._script_phrases = None
        self._tone = None
        self._tone_loaded = False
        if self._phrases_used:
            self.phrase_library()
        self.notify(Change(kb=True, phrases=True))

    _phrases_used = False  # reload the library with the KB only once someone asked for it

    def phrase_library(self) -> PhraseLibrary:
        """The phrase library of the KB (picker, script panel and editor share it, so a new
        personal phrase is pickable at once). Its fuzzy index is built on the worker pool, so
        the first "/" finds it ready."""
        if self._phrases is None:
            from agent_assist.phrases import PhraseLibrary

            self._phrases_used = True
            self._pulled_phrases = self._team_phrases()
            lib = PhraseLibrary.load(kb=self.ctx.kb, db=self.ctx.db, build=False)
            self._phrases = lib
            self.pool.submit(lib.prepare)
        return self._phrases

    def _team_phrases(self) -> tuple:
        """The phrases leads published, as of the last pull (empty while team mode is off)."""
        from agent_assist.storage import hooks

        rows = hooks.provided("team_phrases", self.ctx.db, []) or []
        return tuple((r["id"], r["category"], r["title"], r["text"]) for r in rows)

    def _reload_pulled_phrases(self, change: Change) -> None:
        """A team pull that brought other phrases: the library is loaded again (its index on
        the pool), so a lead's new phrase is pickable without a restart."""
        if not change.sync or self._phrases is None:
            return
        if self._team_phrases() == self._pulled_phrases:
            return  # most syncs only pushed: keep the library and its built index
        self._phrases = None
        self._script_phrases = None
        self.phrase_library()
        self.notify(Change(phrases=True))

    def script_library(self) -> PhraseLibrary:
        """The phrase library the scripts' ``say:`` ids refer to (``script_phrases_path``
        decides): usually the shared one; the shipped library when a centre has its own phrases
        but uses the shipped scripts — otherwise those scripts would show no phrases at all."""
        from agent_assist.phrases import PhraseLibrary
        from agent_assist.scripts import script_phrases_path

        shared = self.phrase_library()
        path = script_phrases_path(self.ctx.kb)
        if path is None or (
            shared.path is not None and Path(path).resolve() == shared.path.resolve()
        ):
            return shared
        cached = self._script_phrases
        if cached is None or cached.path != Path(path):
            # only looked up by id, so its fuzzy index is never built
            cached = PhraseLibrary.load(path=Path(path), db=self.ctx.db, build=False)
            self._script_phrases = cached
        return cached

    def tone_checker(self) -> ToneChecker | None:
        """The checker of the KB's tone rules. A broken rules file in the KB falls back to the
        shipped rules (as ``lint-kb`` does, which reports the file); None only if no rules load
        at all — a broken rules file must not stop the agent from typing."""
        if not self._tone_loaded:
            self._tone_loaded = True
            self._tone = _load_tone_checker(self.ctx.kb)
        return self._tone

    # -- agent ------------------------------------------------------------------------------
    @property
    def agent_key(self) -> str:
        """Tiers and study cards are per agent: keyed by 工号, else name ('' before first run)."""
        return self.ctx.agent_no or self.ctx.agent_name or ""

    def _make_agent_stores(self) -> None:
        self.tiers = TierStore(self.ctx.db, agent=self.agent_key)
        self.study = StudyQueue(self.ctx.db, agent=self.agent_key)

    def set_agent(self, name: str, agent_no: str) -> None:
        """Another agent signed in: tiers and study cards are theirs from now on, and every view
        hears of it (``Change.agent``; tiers and due cards changed with the agent)."""
        self.ctx.agent_name, self.ctx.agent_no = name, agent_no
        self._make_agent_stores()
        self._boosts = None
        self.notify(Change(agent=True, tier=True, study=True))

    # -- tiers ------------------------------------------------------------------------------
    def tier(self, pid: str) -> Tier:
        return self.tiers.tier(pid)

    def set_tier(self, pid: str, tier: Tier) -> None:
        if self.tiers.tier(pid) == tier:
            return
        self.tiers.set_tier(pid, tier)
        self._boosts = None
        self.notify(Change(tier=True, study=True, pid=pid))

    def log_open(self, pid: str, query: str = "") -> None:
        """Record the open (usage, demotion hints) and tell the other panels (note pre-fill).

        The stored query — and the team event it becomes — has phone and ID numbers masked like
        the search log's: agents paste what the customer said, numbers included."""
        from agent_assist.learning.masking import mask_query

        self.tiers.log_open(pid, mask_query(query))
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

        db_file = self.db_file  # read here: the worker opens its own connection

        def work(progress):
            # the KB first: if the index cannot be opened the agent can still browse processes
            kb = load_app_kb(target) if load else None
            if kb is not None and kb_dir is not None and len(kb) == 0:
                return None, None, _EMPTY  # keep the KB the agent has rather than switch to nothing
            if kb is not None and db_file:  # every version seen is kept (历史版本, 本次变化)
                _record_versions(db_file, kb)
            try:
                from agent_assist.search import Searcher  # jieba & co. import here, not on the GUI

                searcher = Searcher.open(target, progress=progress)
                searcher.learned = _learned(db_file) if db_file else None
                return searcher, kb, ""
            except Exception as exc:
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
            self.set_kb(kb)
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


def _learned(db_file: str) -> LearnedAssociations | None:
    """What ``agent-assist learn`` taught, worked out here on the worker (its own connection):
    searches then read it from memory. None when nothing was learned or the store is unusable."""
    from agent_assist.learning import LearnedAssociations
    from agent_assist.storage import open_db

    try:
        learned = LearnedAssociations(open_db(db_file))
        if not learned.count():
            return None
        learned.prepare()
        return learned
    except Exception:
        log.exception("learned associations not used")
        return None


def _record_versions(db_file: str, kb: KnowledgeBase) -> None:
    """Keep every process version the app has seen (a worker's own connection: the GUI's is
    bound to the GUI thread). History is a convenience: never blocks opening the KB."""
    from agent_assist.releases import VersionStore
    from agent_assist.storage import open_db

    try:
        db = open_db(db_file)
        try:
            VersionStore(db).record_kb(kb)
        finally:
            db.conn.close()
    except Exception:
        log.exception("recording process versions failed")


def _load_tone_checker(kb: KnowledgeBase | None) -> ToneChecker | None:
    from agent_assist.phrases import load_tone_checker

    try:
        return load_tone_checker(kb)
    except (OSError, ValueError):
        traceback.print_exc()
        try:
            return load_tone_checker(None)
        except (OSError, ValueError):
            traceback.print_exc()
            return None
