"""Feedback on processes — the "Check" of the knowledge base's PDCA loop.

An agent who finds a process wrong, outdated or unclear flags it in one click (plus an optional
comment) in the middle of work; one who looks for a process that doesn't exist flags it as
missing and names what was needed. The people who own the KB read the summary
(``agent-assist report feedback``), fix the files, and the next KB version carries the fix.

Nothing an agent wrote is ever dropped: the summary shows the latest comments per process, the
CSV export has every flag with its full comment.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

from agent_assist.knowledge.schema import db_lock, from_ts, migrations, to_ts
from agent_assist.storage import migrate

FEEDBACK_KINDS: dict[str, str] = {
    "wrong": "内容错误",
    "outdated": "已过时",
    "unclear": "不清楚",
    "missing": "缺少流程",
}
MAX_COMMENT = 2000  # characters; a comment is a note to the KB owner, not an essay
LATEST_COMMENTS = 3


class FeedbackError(ValueError):
    """Feedback that cannot be stored; ``field`` names the input to fix (kind / pid / comment)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Feedback:
    """One flag as an agent raised it."""

    id: int
    pid: str  # "" for a missing process (the comment says what is missing)
    kind: str
    comment: str
    agent: str
    created: datetime  # aware, local time

    @property
    def kind_label(self) -> str:
        return FEEDBACK_KINDS.get(self.kind, self.kind)


@dataclass
class FeedbackSummary:
    """All flags on one process (``pid`` "" gathers the 缺少流程 flags not tied to a process)."""

    pid: str
    count: int
    by_kind: dict[str, int] = field(default_factory=dict)
    latest_comments: list[str] = field(default_factory=list)  # newest first, at most 3
    first: datetime | None = None
    last: datetime | None = None

    def to_dict(self) -> dict:
        """JSON-friendly: dates as ISO 8601 with the local UTC offset."""
        out = asdict(self)
        out["first"] = self.first.isoformat(timespec="seconds") if self.first else None
        out["last"] = self.last.isoformat(timespec="seconds") if self.last else None
        return out


def normalise_kind(kind: str) -> str:
    """``wrong`` / ``内容错误`` → ``wrong``; anything else raises ``FeedbackError``."""
    text = (kind or "").strip()
    for key, label in FEEDBACK_KINDS.items():
        if text in (key, label):
            return key
    choices = "、".join(f"{key}（{label}）" for key, label in FEEDBACK_KINDS.items())
    raise FeedbackError("kind", f"反馈类型 {kind!r} 无效：请选 {choices} 之一")


class FeedbackStore:
    """Flags on processes, shared by every agent on this database."""

    def __init__(self, db, clock: Callable[[], float] | None = None) -> None:
        self.db = db
        self._clock = clock
        self._lock = db_lock(db)
        with self._lock:
            migrate(db, migrations)

    def add(
        self,
        pid: str,
        kind: str,
        comment: str = "",
        agent: str = "",
        now: datetime | float | None = None,
    ) -> int:
        """Store one flag and return its id.

        ``kind`` is a key of ``FEEDBACK_KINDS`` (or its Chinese label). ``pid`` may be empty
        only for ``missing``, and then the comment must name the process that was needed.
        """
        key = normalise_kind(kind)
        pid = (pid or "").strip()
        comment = (comment or "").strip()
        if not pid and key != "missing":
            raise FeedbackError("pid", f"「{FEEDBACK_KINDS[key]}」的反馈必须指明是哪个流程（pid 为空）")
        if not pid and not comment:
            raise FeedbackError("comment", "反馈「缺少流程」时请在意见里写明缺少的是什么业务，例如：国际漫游套餐退订")
        if len(comment) > MAX_COMMENT:
            raise FeedbackError("comment", f"意见过长（{len(comment)} 字），请精简到 {MAX_COMMENT} 字以内")
        at = to_ts(now) if now is not None or self._clock is None else float(self._clock())
        with self._lock:
            cursor = self.db.execute(
                "insert into kb_feedback (pid, kind, comment, agent, created_at) values (?, ?, ?, ?, ?)",
                [pid, key, comment, agent or "", at],
            )
            return int(cursor.lastrowid)

    def all(self, since: datetime | date | None = None) -> list[Feedback]:
        """Every flag (since ``since``, if given), newest first."""
        with self._lock:
            rows = self.db.execute(
                "select id, pid, kind, comment, agent, created_at from kb_feedback "
                "where created_at >= ? order by created_at desc, id desc",
                [_since_ts(since)],
            ).fetchall()
        return [Feedback(i, pid, kind, comment or "", agent or "", from_ts(at)) for i, pid, kind, comment, agent, at in rows]

    def summary(self, since: datetime | date | None = None) -> list[FeedbackSummary]:
        """One entry per flagged process, most-flagged first (ties: most recently flagged)."""
        groups: dict[str, FeedbackSummary] = {}
        for item in self.all(since):  # newest first: comments and ``last`` fall out in order
            entry = groups.get(item.pid)
            if entry is None:
                entry = groups[item.pid] = FeedbackSummary(item.pid, 0, last=item.created)
            entry.count += 1
            entry.by_kind[item.kind] = entry.by_kind.get(item.kind, 0) + 1
            if item.comment and len(entry.latest_comments) < LATEST_COMMENTS:
                entry.latest_comments.append(item.comment)
            entry.first = item.created
        for entry in groups.values():  # stable order of kinds: as FEEDBACK_KINDS lists them
            entry.by_kind = {k: entry.by_kind[k] for k in FEEDBACK_KINDS if k in entry.by_kind} | {
                k: n for k, n in entry.by_kind.items() if k not in FEEDBACK_KINDS
            }
        return sorted(groups.values(), key=lambda e: (-e.count, -(e.last.timestamp() if e.last else 0), e.pid))

    def to_csv(self, path: Path | str, kb=None, since: datetime | date | None = None) -> int:
        """Write every flag to ``path`` as CSV (UTF-8 with BOM, so Excel shows the Chinese) and
        return the number of rows. With ``kb`` the process titles are filled in."""
        items = self.all(since)
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["编号", "时间", "流程编号", "流程标题", "类型", "类型名称", "意见", "坐席工号"])
            for item in items:
                process = kb.get(item.pid) if kb is not None and item.pid else None
                writer.writerow(
                    [
                        item.id,
                        item.created.strftime("%Y-%m-%d %H:%M:%S"),
                        item.pid,
                        process.title if process else "",
                        item.kind,
                        item.kind_label,
                        item.comment,
                        item.agent,
                    ]
                )
        return len(items)


def _since_ts(since: datetime | date | None) -> float:
    if since is None:
        return -1e18  # before any stored time
    if isinstance(since, datetime):
        return to_ts(since)
    return datetime(since.year, since.month, since.day).timestamp()  # local midnight
