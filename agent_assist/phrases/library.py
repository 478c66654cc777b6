"""The phrase library an agent works with: the team's YAML phrases plus their own.

One object answers the picker (``search``), the script panel (``get`` by id), the phrase editor
(``save_personal`` / ``delete_personal``) and counts every insertion (``record_use``) so the
phrases an agent actually says float to the top.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from agent_assist.knowledge import KnowledgeBase, Problem
from agent_assist.phrases.loader import load_team_phrases
from agent_assist.phrases.matching import Match, PhraseMatcher
from agent_assist.phrases.model import Phrase
from agent_assist.phrases.placeholders import FilledText, fill
from agent_assist.phrases.store import PhraseStore
from agent_assist.storage import Database

FRECENCY_TTL = 60.0  # seconds a frecency snapshot is reused (scores decay over days, not seconds)


def _server_phrases(db: Database) -> list[Phrase]:
    """Team phrases a lead published on the team server (pulled by team mode; [] otherwise)."""
    from agent_assist.phrases.model import STAGES, placeholders_in
    from agent_assist.storage import hooks

    out = []
    for r in hooks.provided("team_phrases", db, []) or []:
        stage = next((k for k, label in STAGES.items() if r["category"] in (k, label)), "other")
        out.append(
            Phrase(
                id=f"server-{r['id']}",
                trigger="",
                text=r["text"],
                title=r["title"],
                stage=stage,
                placeholders=placeholders_in(r["text"]),
                source="team",
            )
        )
    return out


class PhraseLibrary:
    """Lookup by id is ready at once; the fuzzy index (``matcher``, ~0.4 ms a phrase for the
    pinyin keys) is built on first use or by :meth:`prepare`, which a GUI runs on a worker thread
    so no keystroke ever waits for it. ``build=False`` defers it."""

    def __init__(
        self,
        team: list[Phrase],
        store: PhraseStore | None = None,
        problems: list[Problem] | None = None,
        path: Path | None = None,
        build: bool = True,
    ) -> None:
        self.team = list(team)
        self.store = store
        self.problems = list(problems or [])
        self.path = (
            Path(path) if path is not None else None
        )  # the team file, None for an in-memory list
        self._frecency: dict[str, float] | None = None
        self._frecency_at = 0.0
        self._matcher: PhraseMatcher | None = None
        self._lock = threading.Lock()
        self._rebuild(build)

    @classmethod
    def load(
        cls,
        kb: KnowledgeBase | None = None,
        db: Database | None = None,
        path: Path | None = None,
        build: bool = True,
    ) -> PhraseLibrary:
        """Team phrases from ``path``, else ``kb``'s ``phrases.yaml``, else the shipped one;
        personal phrases and usage from ``db`` when given."""
        if path is None:
            if kb is not None:
                path = kb.resource("phrases.yaml")
            else:
                from agent_assist.storage import shipped_kb_dir

                path = shipped_kb_dir() / "phrases.yaml"
        source: Path | None = None
        team: list[Phrase] = []
        problems: list[Problem] = []
        if path is not None and Path(path).exists():
            # a broken team file falls back to the shipped one (see load_team_phrases)
            team, problems, source = load_team_phrases(Path(path))
        if db is not None:  # team mode: phrases the leads published come first
            team = _server_phrases(db) + team
        return cls(
            team,
            PhraseStore(db) if db is not None else None,
            problems,
            source,
            build,
        )

    def _rebuild(self, build: bool = True) -> None:
        personal = self.store.personal() if self.store is not None else []
        with self._lock:
            self._all = personal + self.team
            self._by_id = {p.id: p for p in self._all}
            self._matcher = None
        if build:
            self.prepare()

    @property
    def matcher(self) -> PhraseMatcher:
        matcher = self._matcher
        return matcher if matcher is not None else self.prepare()

    @property
    def ready(self) -> bool:
        """True once the fuzzy index is built (a search will not have to build it)."""
        return self._matcher is not None

    def prepare(self) -> PhraseMatcher:
        """Build the fuzzy index now if it is not built yet; safe to call from a worker thread
        (a search meanwhile waits for this build rather than starting a second one)."""
        with self._lock:
            if self._matcher is None:
                self._matcher = PhraseMatcher(self._all)
            return self._matcher

    # lookup ------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._all)

    def __contains__(self, pid: object) -> bool:
        return pid in self._by_id

    def phrases(self, stage: str | None = None) -> list[Phrase]:
        return [p for p in self._all if stage is None or p.stage == stage]

    def personal(self) -> list[Phrase]:
        return [p for p in self._all if p.is_personal]

    def get(self, pid: str) -> Phrase | None:
        return self._by_id.get(pid)

    def search(self, query: str, limit: int = 20, stage: str | None = None) -> list[Match]:
        return self.matcher.search(query, limit=limit, frecency=self.frecency(), stage=stage)

    def frecency(self) -> dict[str, float]:
        """Current frecency per phrase id; one SQLite read per minute or per use, not per keystroke."""
        if self.store is None:
            return {}
        now = time.monotonic()
        if self._frecency is None or now - self._frecency_at > FRECENCY_TTL:
            self._frecency = self.store.frecency()
            self._frecency_at = now
        return self._frecency

    # use -----------------------------------------------------------------------------------
    def fill(self, phrase: Phrase | str, values: dict[str, str] | None = None) -> FilledText:
        if isinstance(phrase, str):
            found = self.get(phrase)
            if found is None:
                raise KeyError(f"unknown phrase id {phrase!r}")
            phrase = found
        return fill(phrase.text, values, dict(phrase.hints))

    def record_use(self, pid: str) -> None:
        if self.store is not None and pid in self._by_id:
            self.store.record_use(pid)
            self._frecency = None

    def use_count(self, pid: str) -> int:
        if self.store is None:
            return 0
        use = self.store.usage().get(pid)
        return use.count if use else 0

    # personal phrases ----------------------------------------------------------------------
    def save_personal(
        self,
        text: str,
        trigger: str,
        title: str = "",
        stage: str = "other",
        emotion: tuple[str, ...] = (),
        pid: str | None = None,
    ) -> Phrase:
        if self.store is None:
            raise RuntimeError(
                "this library has no database: personal phrases need PhraseLibrary.load(db=…)"
            )
        phrase = self.store.save(text, trigger, title, stage, emotion, pid)
        self._rebuild()
        return phrase

    def delete_personal(self, pid: str) -> bool:
        if self.store is None:
            return False
        deleted = self.store.delete(pid)
        self._rebuild()
        return deleted
