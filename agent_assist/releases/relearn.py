"""What a new release means for the agents on this database.

A changed process an agent marked *known* (or had studied) is a trap: they will answer from
memory, and memory is now wrong. So after a pull, for each such agent and process:

- a ``rel_relearn`` row remembers it (the 已更新 badge shows while it is open);
- a *known* process drops to *uncertain* (it opens with the quick card again);
- its study card becomes due now — re-learning is a review the agent rates, not a click.

The row closes (``relearned_at``) at the first study rating after the release arrived.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

from agent_assist.knowledge import KnowledgeBase, StudyQueue, Tier, TierStore
from agent_assist.knowledge.schema import db_lock
from agent_assist.knowledge.schema import migrations as knowledge_migrations
from agent_assist.releases.mirror import PullResult
from agent_assist.releases.schema import migrations
from agent_assist.releases.versions import VersionStore
from agent_assist.storage import Database, migrate


@dataclass(frozen=True)
class Relearn:
    """One changed process an agent has to re-learn (or has re-learned)."""

    agent: str
    pid: str
    channel: str
    number: int
    old_version: str
    new_version: str
    tier_before: str
    marked_at: float
    relearned_at: float | None

    @property
    def done(self) -> bool:
        return self.relearned_at is not None


@dataclass(frozen=True)
class Received:
    """A release as this data dir received it (for 本次更新)."""

    channel: str
    number: int
    published_at: str
    publisher: str
    message: str
    added: list[str]
    changed: list[str]
    removed: list[str]
    received_at: float


class ReleaseLog:
    """Received releases, process versions and re-learn rows on one database."""

    def __init__(self, db: Database, clock: Callable[[], float] | None = None) -> None:
        self.db = db
        self._clock = clock or time.time
        self._lock = db_lock(db)
        with self._lock:
            migrate(db, knowledge_migrations, migrations)
        self.versions = VersionStore(db, clock=self._clock)

    # -- applying a pull -----------------------------------------------------------------------
    def apply(self, result: PullResult, kb: KnowledgeBase) -> list[Relearn]:
        """Record ``result`` (a pull that switched releases) against ``kb`` (the new KB loaded
        from the local copy): versions, the release, and the re-learn rows. Idempotent."""
        if result.release is None:
            return []
        at = self._clock()
        self.versions.record_kb(kb, at)
        release = result.release
        with self._lock, self.db.atomic():
            before = self.db.execute(
                "select 1 from rel_received where channel = ? and number = ?",
                [result.channel, release.number],
            ).fetchone()
            if before:
                return []
            self.db.execute(
                "insert into rel_received (channel, number, published_at, publisher, message, "
                "added, changed, removed, versions, received_at) values (?,?,?,?,?,?,?,?,?,?)",
                [
                    result.channel,
                    release.number,
                    release.published_at,
                    release.publisher,
                    release.message,
                    json.dumps(result.added, ensure_ascii=False),
                    json.dumps(sorted(result.changed), ensure_ascii=False),
                    json.dumps(result.removed, ensure_ascii=False),
                    json.dumps(result.changed, ensure_ascii=False),
                    at,
                ],
            )
        if not result.changed:
            return []
        return self._mark(result, kb, at)

    def _mark(self, result: PullResult, kb: KnowledgeBase, at: float) -> list[Relearn]:
        pids = sorted(result.changed)
        marks = ",".join("?" * len(pids))
        with self._lock:
            known = self.db.execute(
                f"select agent, pid, tier from kb_tier where pid in ({marks})", pids
            ).fetchall()
            studied = self.db.execute(
                f"select agent, pid from kb_study_card where reps > 0 and pid in ({marks})", pids
            ).fetchall()
        tier_of = {(a, p): t for a, p, t in known}
        targets = {(a, p) for a, p, t in known if t == Tier.KNOWN.value}
        targets.update((a, p) for a, p in studied)
        out: list[Relearn] = []
        assert result.release is not None
        for agent, pid in sorted(targets):
            old, new = result.changed[pid]
            tier_before = tier_of.get((agent, pid), Tier.UNKNOWN.value)
            row = Relearn(
                agent, pid, result.channel, result.release.number, old, new, tier_before, at, None
            )
            with self._lock:
                self.db.execute(
                    "insert or ignore into rel_relearn (agent, pid, channel, number, old_version, "
                    "new_version, tier_before, marked_at, relearned_at) values (?,?,?,?,?,?,?,?,?)",
                    [agent, pid, row.channel, row.number, old, new, tier_before, at, None],
                )
            if tier_before == Tier.KNOWN.value:
                TierStore(self.db, agent).set_tier(pid, Tier.UNCERTAIN, now=at)
            process = kb.get(pid)
            StudyQueue(self.db, agent).make_due(pid, process.title if process else pid, now=at)
            out.append(row)
        return out

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Close re-learn rows whose study card was rated after the release arrived."""
        with self._lock:
            self.db.execute(
                "update rel_relearn set relearned_at = (select min(r.at) from kb_study_review r "
                "where r.agent = rel_relearn.agent and r.pid = rel_relearn.pid "
                "and r.at >= rel_relearn.marked_at) where relearned_at is null"
            )

    def relearn(self, agent: str | None = None, *, pending_only: bool = False) -> list[Relearn]:
        """Re-learn rows (of ``agent``, or every agent), newest release first."""
        self.refresh()
        sql = "select agent, pid, channel, number, old_version, new_version, tier_before, marked_at, relearned_at from rel_relearn where 1"
        params: list[str] = []
        if agent is not None:
            sql += " and agent = ?"
            params.append(agent)
        if pending_only:
            sql += " and relearned_at is null"
        sql += " order by number desc, pid"
        with self._lock:
            return [Relearn(*row) for row in self.db.execute(sql, params).fetchall()]

    def updated_pids(self, agent: str) -> dict[str, Relearn]:
        """pid → the newest open re-learn row of ``agent`` (what carries the 已更新 badge)."""
        out: dict[str, Relearn] = {}
        for row in self.relearn(agent, pending_only=True):
            out.setdefault(row.pid, row)
        return out

    def received(self, limit: int = 20) -> list[Received]:
        """Releases this data dir received, newest first."""
        with self._lock:
            rows = self.db.execute(
                "select channel, number, published_at, publisher, message, added, changed, "
                "removed, received_at from rel_received order by received_at desc, number desc "
                "limit ?",
                [limit],
            ).fetchall()
        return [
            Received(c, n, p, pub, m, json.loads(a), json.loads(ch), json.loads(r), at)
            for c, n, p, pub, m, a, ch, r, at in rows
        ]

    def latest(self) -> Received | None:
        got = self.received(1)
        return got[0] if got else None

    def mine_first(self, agent: str, pids: list[str], recent: list[str] | None = None) -> list[str]:
        """``pids`` with this agent's own first: ones to re-learn, then recently opened, then the rest."""
        mine = set(self.updated_pids(agent))
        seen = {pid: n for n, pid in enumerate(recent or [])}
        return sorted(
            pids,
            key=lambda p: (0 if p in mine else 1 if p in seen else 2, seen.get(p, 0), p),
        )
