"""The search log: one row per search session, for KB owners and for learning.

A session starts with the first query after a pause (or after a process was opened) and ends
when the agent opens a process or flags 缺少流程 — or is abandoned: the next query starts a new
session without an open (no result, or nothing fit). It keeps the final query and the ones before it
(reformulations), the ids shown for the final query, the process opened with its rank and the
seconds until it was opened. Queries are masked before they are stored (phone and ID numbers:
:func:`mask_query`). The row is written at the first query and updated as the session goes on, so
a crash loses nothing. Rows older than the retention setting (default 90 days) are deleted.

Tables belong to this package (``Migrations("learning")``). A finished session is announced with
``storage.hooks.emit("search", …)`` exactly once (the row's ``sent`` flag is claimed first), with
``at`` = the session's start: team mode queues it for the centre's server; nothing else listens,
so without team mode it never leaves the machine. Abandoned sessions are announced too — they are
the failed searches the team report counts — when the next session starts, or when the log is
next opened for a session left more than ``SESSION_GAP_S`` ago (the app was closed).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from agent_assist.learning.masking import mask_query
from agent_assist.storage import Database, Migrations, migrate
from agent_assist.storage.hooks import emit

migrations = Migrations("learning")

RETENTION_DAYS = 90
SESSION_GAP_S = 120.0  # a query this long after the last one starts a new session
SHOWN = 10  # ids kept per session: what the agent could see without scrolling far


@migrations()
def m001_search_sessions(db: Database) -> None:
    db.table("search_session").create(
        {
            "id": int,
            "started": float,
            "updated": float,
            "agent": str,
            "query": str,  # final query, masked
            "chain": str,  # JSON list of the masked queries, in order (last = query)
            "shown": str,  # JSON list of ids shown for the final query
            "results": int,  # how many results the final query had
            "opened": str,  # process id opened, "" if none
            "rank": int,  # 1-based rank of the opened process among the shown, 0 if none
            "open_s": float,  # seconds from the session's first query to the open
            "missing": int,  # 1 when the agent flagged 缺少流程
        },
        pk="id",
    )
    db.table("search_session").create_index(["started"])
    db.table("search_session").create_index(["opened"])


@migrations()
def m002_sent_flag(db: Database) -> None:
    """``sent``: announced to listeners (team mode) once. Rows from before this step were
    announced when they ended, or never will be: they count as sent."""
    db.table("search_session").add_column("sent", int, not_null_default=0)
    db.execute("UPDATE search_session SET sent = 1")


@dataclass
class SearchSession:
    """One session as stored (queries masked)."""

    id: int
    started: float
    query: str
    chain: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)
    results: int = 0
    opened: str = ""
    rank: int = 0
    open_s: float = 0.0
    missing: bool = False
    agent: str = ""

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SearchSession:
        def js(v: Any) -> list[Any]:
            try:
                out = json.loads(v or "[]")
                return out if isinstance(out, list) else []
            except ValueError:
                return []

        return cls(
            id=row["id"],
            started=row["started"] or 0.0,
            query=row["query"] or "",
            chain=[str(x) for x in js(row["chain"])],
            shown=[str(x) for x in js(row["shown"])],
            results=row["results"] or 0,
            opened=row["opened"] or "",
            rank=row["rank"] or 0,
            open_s=row["open_s"] or 0.0,
            missing=bool(row["missing"]),
            agent=row["agent"] or "",
        )


class SearchLog:
    """Records search sessions in the app database. ``clock`` is injectable for tests."""

    def __init__(
        self,
        db: Database,
        *,
        agent: str = "",
        retention_days: float = RETENTION_DAYS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db = db
        self.agent = agent
        self.retention_days = retention_days
        self.clock = clock
        migrate(db, migrations)
        self._current: SearchSession | None = None
        self._last = 0.0
        self.prune()
        self.flush_abandoned()

    # -- recording ---------------------------------------------------------------------------
    def searched(self, query: str, shown: Sequence[str], results: int | None = None) -> None:
        """The agent searched ``query`` and saw ``shown`` (ids, best first)."""
        query = mask_query((query or "").strip())
        if not query:
            return
        now = self.clock()
        s = self._current
        if s is None or s.opened or s.missing or now - self._last > SESSION_GAP_S:
            if s is not None:
                self._finish(s)  # abandoned: no-op when it ended with an open or a flag
            s = self._new(now, query)
        elif not (s.chain and (query.startswith(s.chain[-1]) or s.chain[-1].startswith(query))):
            s.chain.append(query)  # a different wording, not the next keystrokes of the same
        else:
            s.chain[-1] = query
        s.query = query
        s.shown = list(shown)[:SHOWN]
        s.results = len(shown) if results is None else results
        self._last = now
        self._save(s)

    def opened(self, process_id: str) -> None:
        """The agent opened ``process_id`` from the results: the session ends."""
        s = self._current
        if s is None or s.opened or not process_id:
            return
        s.opened = process_id
        s.rank = s.shown.index(process_id) + 1 if process_id in s.shown else 0
        s.open_s = round(max(0.0, self.clock() - s.started), 2)
        self._save(s)
        self._finish(s)

    def flagged_missing(self) -> None:
        """The agent flagged 缺少流程 for the current search: the session ends."""
        s = self._current
        if s is None:
            return
        s.missing = True
        self._save(s)
        self._finish(s)

    def _new(self, now: float, query: str) -> SearchSession:
        row = {"started": now, "updated": now, "agent": self.agent, "query": query}
        row.update(chain="[]", shown="[]", results=0, opened="", rank=0, open_s=0.0, missing=0)
        table = self.db.table("search_session")
        table.insert(row)
        pk = table.last_pk
        assert pk is not None  # set by the insert just above
        s = SearchSession(id=pk, started=now, query=query, chain=[query])
        s.agent = self.agent
        self._current = s
        return s

    def _save(self, s: SearchSession) -> None:
        self.db.table("search_session").update(
            s.id,
            {
                "updated": self.clock(),
                "query": s.query,
                "chain": json.dumps(s.chain, ensure_ascii=False),
                "shown": json.dumps(s.shown, ensure_ascii=False),
                "results": s.results,
                "opened": s.opened,
                "rank": s.rank,
                "open_s": s.open_s,
                "missing": int(s.missing),
            },
        )

    def _finish(self, s: SearchSession) -> None:
        """Announce ``s`` once: whoever claims the row's ``sent`` flag first emits it."""
        cur = self.db.execute(
            "UPDATE search_session SET sent = 1 WHERE id = ? AND sent = 0", [s.id]
        )
        if not cur.rowcount:
            return
        emit(
            "search",
            self.db,
            session={
                "query": s.query,
                "chain": list(s.chain),
                "shown": list(s.shown),
                "results": s.results,
                "opened": s.opened,
                "rank": s.rank,
                "open_s": s.open_s,
                "missing": s.missing,
                "agent": s.agent,
                "started": s.started,
            },
            at=s.started,  # the team store files it by when it began, as the local report does
        )

    def flush_abandoned(self) -> int:
        """Announce the sessions a closed app left unfinished (idle for ``SESSION_GAP_S``)."""
        if self._current is not None:
            return 0
        cutoff = self.clock() - SESSION_GAP_S
        rows = self.db.execute(
            "SELECT * FROM search_session WHERE sent = 0 AND updated < ? ORDER BY started, id",
            [cutoff],
        )
        columns = [d[0] for d in rows.description]
        sessions = [SearchSession.from_row(dict(zip(columns, r, strict=True))) for r in rows]
        for s in sessions:
            self._finish(s)
        return len(sessions)

    # -- reading -----------------------------------------------------------------------------
    def sessions(self, since: float | None = None) -> list[SearchSession]:
        return load_sessions(self.db, since)

    def prune(self) -> int:
        """Delete sessions older than the retention setting; returns how many."""
        if self.retention_days <= 0:
            return 0
        cutoff = self.clock() - self.retention_days * 86400
        cur = self.db.execute("DELETE FROM search_session WHERE started < ?", [cutoff])
        return cur.rowcount or 0


def load_sessions(db: Database, since: float | None = None) -> list[SearchSession]:
    """The stored sessions, oldest first, without opening a :class:`SearchLog` (no migration,
    pruning or announcing: what a report on a worker thread needs); none before the first."""
    if not db.table("search_session").exists():
        return []
    where, args = ("started >= ?", [since]) if since is not None else (None, [])
    rows = db.table("search_session").rows_where(where, args, order_by="started, id")
    return [SearchSession.from_row(r) for r in rows]


__all__ = ["RETENTION_DAYS", "SearchLog", "SearchSession", "load_sessions"]
