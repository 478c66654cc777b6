"""The follow-up queue (回访): every promised feedback deadline becomes a follow-up.

Stage four of complaint handling is "track, report back, ask about satisfaction". A broken promise
is the top cause of repeat calls (reason code "说好回复一直没回"), so the queue is sorted by due
time, overdue items are flagged, and the status bar shows how many are open / overdue. Closing a
follow-up records what happened and how satisfied the customer was (1–5).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from agent_assist.notes.model import fmt_time, parse_time
from agent_assist.notes.model import now as _now
from agent_assist.notes.schema import ensure_schema
from agent_assist.notes.validation import FieldError, NoteInvalid
from agent_assist.storage import Database
from agent_assist.storage.hooks import emit

SATISFACTION_LABELS = {1: "很不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "很满意"}


@dataclass(frozen=True)
class FollowUp:
    id: int
    note_id: int
    due_at: dt.datetime
    created_at: dt.datetime
    customer_name: str = ""
    customer_phone: str = ""
    reason_text: str = ""
    agent: str = ""
    closed_at: dt.datetime | None = None
    closed_by: str = ""
    outcome: str = ""
    satisfaction: int | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        return self.is_open and self.due_at < (now or _now())

    def due_in(self, now: dt.datetime | None = None) -> dt.timedelta:
        """Time left (negative when overdue)."""
        return self.due_at - (now or _now())

    def state(self, now: dt.datetime | None = None) -> str:
        """What the queue marks the row as: ``overdue``, ``due_today`` (still open, due before
        midnight), ``open`` or ``done`` — the views colour by it, the rule lives here."""
        if not self.is_open:
            return "done"
        now = now or _now()
        if self.due_at < now:
            return "overdue"
        return "due_today" if self.due_at.date() == now.date() else "open"


_SELECT = """
    SELECT f.id, f.note_id, f.due_at, f.created_at, n.customer_name, n.customer_phone, n.reason_text,
           CASE WHEN n.agent_name != '' THEN n.agent_name ELSE n.agent_no END,
           f.closed_at, f.closed_by, f.outcome, f.satisfaction
    FROM followups f JOIN notes n ON n.id = f.note_id
"""


def _time(text: str | None) -> dt.datetime:
    """A time column this package always fills."""
    value = parse_time(text)
    if value is None:
        raise ValueError("a follow-up without its time")
    return value


def _row(r: tuple[Any, ...]) -> FollowUp:
    return FollowUp(
        id=r[0],
        note_id=r[1],
        due_at=_time(r[2]),
        created_at=_time(r[3]),
        customer_name=r[4],
        customer_phone=r[5],
        reason_text=r[6],
        agent=r[7],
        closed_at=parse_time(r[8]),
        closed_by=r[9],
        outcome=r[10],
        satisfaction=r[11],
    )


class FollowUpStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        ensure_schema(db)

    def get(self, followup_id: int) -> FollowUp | None:
        r = self.db.execute(_SELECT + " WHERE f.id = ?", [followup_id]).fetchone()
        return _row(r) if r else None

    def for_note(self, note_id: int) -> FollowUp | None:
        r = self.db.execute(_SELECT + " WHERE f.note_id = ?", [note_id]).fetchone()
        return _row(r) if r else None

    def queue(self, include_closed: bool = False, limit: int = 500) -> list[FollowUp]:
        """Open follow-ups, soonest (most overdue) first; closed ones after them if asked,
        most recently closed first."""
        rows = self.db.execute(
            _SELECT + " WHERE f.closed_at IS NULL ORDER BY f.due_at, f.id LIMIT ?", [limit]
        ).fetchall()
        out = [_row(r) for r in rows]
        if include_closed:
            rows = self.db.execute(
                _SELECT
                + " WHERE f.closed_at IS NOT NULL ORDER BY f.closed_at DESC, f.id DESC LIMIT ?",
                [limit],
            ).fetchall()
            out += [_row(r) for r in rows]
        return out

    def open_count(self) -> int:
        row = self.db.execute("SELECT count(*) FROM followups WHERE closed_at IS NULL").fetchone()
        return int(row[0])

    def overdue_count(self, now: dt.datetime | None = None) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM followups WHERE closed_at IS NULL AND due_at < ?",
            [fmt_time(now or _now())],
        ).fetchone()
        return int(row[0])

    def close(
        self,
        followup_id: int,
        outcome: str,
        satisfaction: int | None,
        by: str,
        now: dt.datetime | None = None,
    ) -> FollowUp:
        """Record the call-back. Raises :class:`NoteInvalid` naming each bad field."""
        errors = []
        if not outcome.strip():
            errors.append(FieldError("outcome", "请写回访结果，如“已退费30元，客户确认到账”"))
        if satisfaction is not None and satisfaction not in SATISFACTION_LABELS:
            errors.append(
                FieldError("satisfaction", "满意度请选1–5（1很不满意，5很满意）；客户未评价可不选")
            )
        if not by.strip():
            errors.append(FieldError("agent_no", "请填写回访坐席的工号或姓名"))
        current = self.get(followup_id)
        if current is None:
            raise KeyError(f"没有编号为 {followup_id} 的回访")
        if not current.is_open:
            errors.append(
                FieldError(
                    "outcome", f"该回访已于 {fmt_time(current.closed_at)} 关闭，不能重复关闭"
                )
            )
        if errors:
            raise NoteInvalid(errors)
        with self.db.atomic():
            self.db.execute(
                "UPDATE followups SET closed_at = ?, closed_by = ?, outcome = ?, satisfaction = ? WHERE id = ?",
                [fmt_time(now or _now()), by.strip(), outcome.strip(), satisfaction, followup_id],
            )
            closed = self.get(followup_id)
            emit("followup_outcome", self.db, followup=closed)  # team mode queues it
        return closed  # type: ignore[return-value]

    def satisfaction_summary(self) -> dict[int, int]:
        """How many closed follow-ups got each score (reports)."""
        rows = self.db.execute(
            "SELECT satisfaction, count(*) FROM followups WHERE satisfaction IS NOT NULL GROUP BY 1"
        ).fetchall()
        return {int(s): n for s, n in rows}
