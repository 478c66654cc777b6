"""Feedback on processes — the "Check" of the knowledge base's PDCA loop.

An agent who finds a process wrong, outdated or unclear flags it in one click (plus an optional
comment) in the middle of work; one who looks for a process that doesn't exist flags it as
missing and names what was needed. The people who own the KB read the summary
(``agent-assist report feedback``), fix the files, and the next KB version carries the fix.

The loop only closes if the report can tell what is still open from what was acted on, so each
flag remembers the version of the process it was raised against (``content_hash`` and
``updated``). Given the current KB, a flag whose process has changed since is "已更新，待确认":
the owners edited it, someone should check the edit answers the flag. An owner closes flags
explicitly with :meth:`FeedbackStore.resolve`. New flags on the same process are open again.

Nothing an agent wrote is ever dropped: the summary shows the latest comments per process, the
CSV export has every flag with its full comment and its status.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from agent_assist.knowledge.feedback_model import (
    FEEDBACK_KINDS,
    Feedback,
    FeedbackError,
    FeedbackSummary,
    normalise_kind,
    topic_key,
)
from agent_assist.knowledge.feedback_summary import summarise, write_csv
from agent_assist.knowledge.model import KnowledgeBase
from agent_assist.knowledge.schema import db_lock, from_ts, migrations, to_ts
from agent_assist.storage import Database, migrate
from agent_assist.storage.hooks import emit

MAX_COMMENT = 2000  # characters; a comment is a note to the KB owner, not an essay
MAX_VERSION = 128  # a content hash is 32 hex digits; anything much longer is not a version

_COLUMNS = "id, pid, kind, comment, agent, created_at, version, process_updated, resolved_at, resolved_by, resolution"


class FeedbackStore:
    """Flags on processes, shared by every agent on this database."""

    def __init__(self, db: Database, clock: Callable[[], float] | None = None) -> None:
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
        *,
        version: str | None = None,
        updated: str | None = None,
    ) -> int:
        """Store one flag and return its id.

        ``kind`` is a key of ``FEEDBACK_KINDS`` (or its Chinese label). ``pid`` may be empty
        only for ``missing``, and then the comment must name the process that was needed.
        ``version`` / ``updated`` are the flagged process's ``content_hash`` / ``updated`` as the
        agent saw it; the caller passes them (``process.content_hash``) — nothing is looked up
        here, so a flag without them is simply one whose version is unknown.
        """
        key = normalise_kind(kind)
        pid = (pid or "").strip()
        comment = (comment or "").strip()
        version = (version or "").strip()
        updated = (updated or "").strip()
        if not pid and key != "missing":
            raise FeedbackError(
                "pid", f"「{FEEDBACK_KINDS[key]}」的反馈必须指明是哪个流程（pid 为空）"
            )
        if not pid and not comment:
            raise FeedbackError(
                "comment",
                "反馈「缺少流程」时请在意见里写明缺少的是什么业务，例如：国际漫游套餐退订",
            )
        if len(comment) > MAX_COMMENT:
            raise FeedbackError(
                "comment", f"意见过长（{len(comment)} 字），请精简到 {MAX_COMMENT} 字以内"
            )
        if len(version) > MAX_VERSION:
            raise FeedbackError(
                "version", f"流程版本过长（{len(version)} 字符）：应传流程的 content_hash"
            )
        if len(updated) > MAX_VERSION:
            raise FeedbackError(
                "updated", f"流程更新日期 {updated[:20]!r}… 过长：应传流程的 updated（YYYY-MM-DD）"
            )
        if not pid:
            version = updated = ""  # a missing process has no version
        at = to_ts(now, self._clock)
        with self._lock:
            cursor = self.db.execute(
                "insert into kb_feedback (pid, kind, comment, agent, created_at, version, process_updated) "
                "values (?, ?, ?, ?, ?, ?, ?)",
                [pid, key, comment, agent or "", at, version or None, updated or None],
            )
            emit(
                "feedback",
                self.db,
                pid=pid,
                kind=key,
                comment=comment,
                agent=agent or "",
                at=at,
                version=version,
                updated=updated,
            )  # team mode queues it
            return int(cursor.lastrowid or 0)

    def resolve(
        self,
        pid: str,
        note: str = "",
        by: str = "",
        *,
        comment: str | None = None,
        now: datetime | float | None = None,
    ) -> int:
        """Mark every unresolved flag on ``pid`` raised until ``now`` as 已处理; return how many.

        For the KB owners, after they fixed the process (or decided it was right). Flags raised
        later are new and stay open. ``pid`` "" (缺少流程) needs ``comment``: the request to
        close, matched as the report groups it (same text up to spaces and punctuation).
        """
        pid = (pid or "").strip()
        note = (note or "").strip()
        if len(note) > MAX_COMMENT:
            raise FeedbackError(
                "note", f"处理说明过长（{len(note)} 字），请精简到 {MAX_COMMENT} 字以内"
            )
        wanted = topic_key(comment or "")
        if not pid and not (comment or "").strip():
            raise FeedbackError(
                "comment",
                "关闭「缺少流程」反馈时请给出那条意见的内容（报告里的那一行），以免误关其他请求",
            )
        at = to_ts(now, self._clock)
        with self._lock, self.db.atomic():
            rows = self.db.execute(
                "select id, comment from kb_feedback where pid = ? and resolved_at is null and created_at <= ?",
                [pid, at],
            ).fetchall()
            ids = [i for i, text in rows if pid or topic_key(text or "") == wanted]
            self.db.conn.executemany(
                "update kb_feedback set resolved_at = ?, resolved_by = ?, resolution = ? where id = ?",
                [(at, by or "", note, i) for i in ids],
            )
        return len(ids)

    def get(self, flag_id: int) -> Feedback | None:
        """One flag by id."""
        with self._lock:
            row = self.db.execute(
                f"select {_COLUMNS} from kb_feedback where id = ?", [flag_id]
            ).fetchone()
        return _feedback(row) if row else None

    def confirm_update(
        self, flag_id: int, by: str = "", now: datetime | float | None = None
    ) -> bool:
        """The agent who flagged a process saw the update (已更新，待确认) and agrees it answers
        the flag: close just that flag. False when it is unknown or already closed."""
        at = to_ts(now, self._clock)
        with self._lock:
            cursor = self.db.execute(
                "update kb_feedback set resolved_at = ?, resolved_by = ?, resolution = ? "
                "where id = ? and resolved_at is null",
                [at, by or "", "坐席确认更新已解决", flag_id],
            )
        return cursor.rowcount > 0

    def reopen(
        self,
        flag_id: int,
        by: str = "",
        comment: str = "",
        *,
        version: str | None = None,
        updated: str | None = None,
        now: datetime | float | None = None,
    ) -> int:
        """The update did not answer the flag: close the old one as superseded and raise the
        same flag again against the current ``version`` (so it is 待处理 again). Returns the
        new flag's id."""
        old = self.get(flag_id)
        if old is None:
            raise FeedbackError("id", f"没有编号为 {flag_id} 的反馈")
        at = to_ts(now, self._clock)
        text = (comment or "").strip() or old.comment
        with self._lock, self.db.atomic():
            self.db.execute(
                "update kb_feedback set resolved_at = ?, resolved_by = ?, resolution = ? "
                "where id = ? and resolved_at is null",
                [at, by or "", "更新后仍有问题，已重新提出", flag_id],
            )
            return self.add(
                old.pid, old.kind, text, by or old.agent, at, version=version, updated=updated
            )

    def all(self, since: datetime | date | None = None) -> list[Feedback]:
        """Every flag (since ``since``, if given), newest first."""
        with self._lock:
            rows = self.db.execute(
                f"select {_COLUMNS} from kb_feedback where created_at >= ? order by created_at desc, id desc",
                [_since_ts(since)],
            ).fetchall()
        return [_feedback(row) for row in rows]

    def summary(
        self,
        since: datetime | date | None = None,
        kb: KnowledgeBase | None = None,
        *,
        only_open: bool = False,
    ) -> list[FeedbackSummary]:
        """One entry per flagged process (and per distinct 缺少流程 request), in the report's
        order (see :func:`~agent_assist.knowledge.feedback_summary.summarise`)."""
        return summarise(self.all(since), kb, only_open=only_open)

    def to_csv(
        self,
        path: Path | str,
        kb: KnowledgeBase | None = None,
        since: datetime | date | None = None,
    ) -> int:
        """Write every flag to ``path`` as CSV (see
        :func:`~agent_assist.knowledge.feedback_summary.write_csv`); return the number of rows."""
        return write_csv(self.all(since), path, kb)


def _feedback(row: tuple[Any, ...]) -> Feedback:
    fid, pid, kind, comment, agent, at, version, updated, resolved_at, resolved_by, resolution = row
    return Feedback(
        fid,
        pid,
        kind,
        comment or "",
        agent or "",
        from_ts(at),
        version or "",
        updated or "",
        from_ts(resolved_at) if resolved_at is not None else None,
        resolved_by or "",
        resolution or "",
    )


def _since_ts(since: datetime | date | None) -> float:
    if since is None:
        return -1e18  # before any stored time
    if isinstance(since, datetime):
        return to_ts(since)
    return datetime(since.year, since.month, since.day).timestamp()  # local midnight
