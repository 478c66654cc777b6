"""Every version of every process this data dir has seen, kept for 历史版本 and 本次变化.

A version is the process file's content hash (``knowledge.content_hash``, the same value feedback
flags remember), so a flag raised on version *v* can be shown the diff from *v* to today's text.
Recording is idempotent and cheap for known versions: only new ``(pid, version)`` pairs store
their text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from agent_assist.knowledge import KnowledgeBase, Process, content_hash
from agent_assist.knowledge.schema import db_lock
from agent_assist.releases.schema import migrations
from agent_assist.storage import Database, migrate


@dataclass(frozen=True)
class Version:
    """One stored version of a process (``text`` is the whole file, front matter included)."""

    pid: str
    version: str
    updated: str
    first_seen: float
    text: str = ""


class VersionStore:
    """Process versions in the local database (shared by every agent on it)."""

    def __init__(self, db: Database, clock: Callable[[], float] | None = None) -> None:
        self.db = db
        self._clock = clock or time.time
        self._lock = db_lock(db)
        with self._lock:
            migrate(db, migrations)

    def known(self) -> set[tuple[str, str]]:
        """Every stored ``(pid, version)`` pair (to skip reading files already recorded)."""
        with self._lock:
            return {(p, v) for p, v in self.db.execute("select pid, version from rel_version")}

    def record(self, items: Iterable[tuple[str, str, str, str]], at: float | None = None) -> int:
        """Store ``(pid, version, updated, text)`` items not seen before; return how many."""
        now = self._clock() if at is None else at
        rows = [(pid, ver, upd or "", text, now) for pid, ver, upd, text in items]
        with self._lock, self.db.atomic():
            before = self.db.conn.total_changes
            self.db.conn.executemany(
                "insert or ignore into rel_version (pid, version, updated, text, first_seen) "
                "values (?, ?, ?, ?, ?)",
                rows,
            )
            return self.db.conn.total_changes - before

    def record_process(self, process: Process, at: float | None = None) -> bool:
        """Store ``process``'s current file text as a version (False: already known/unreadable)."""
        if process.path is None:
            return False
        try:
            data = process.path.read_bytes()
        except OSError:
            return False
        version = process.content_hash or content_hash(data)
        text = data.decode("utf-8", errors="replace")
        return self.record([(process.id, version, process.updated, text)], at) > 0

    def record_kb(self, kb: KnowledgeBase, at: float | None = None) -> int:
        """Store every process of ``kb`` whose version is new; files of known versions are not read."""
        seen = self.known()
        items = []
        for process in kb:
            if process.path is None or (process.id, process.content_hash) in seen:
                continue
            try:
                data = process.path.read_bytes()
            except OSError:
                continue
            items.append(
                (
                    process.id,
                    process.content_hash or content_hash(data),
                    process.updated,
                    data.decode("utf-8", errors="replace"),
                )
            )
        return self.record(items, at)

    def versions(self, pid: str) -> list[Version]:
        """Versions of ``pid``, newest first (by first seen), without their text."""
        with self._lock:
            rows = self.db.execute(
                "select pid, version, updated, first_seen from rel_version where pid = ? "
                "order by first_seen desc, rowid desc",
                [pid],
            ).fetchall()
        return [Version(*row) for row in rows]

    def get(self, pid: str, version: str) -> Version | None:
        """One version with its text (None when this data dir never saw it)."""
        with self._lock:
            row = self.db.execute(
                "select pid, version, updated, first_seen, text from rel_version "
                "where pid = ? and version = ?",
                [pid, version],
            ).fetchone()
        return Version(*row) if row else None
