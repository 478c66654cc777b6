"""A follow-up's state (what the queue colours a row by) is decided in the core."""

from __future__ import annotations

import datetime as dt

from agent_assist.notes import FollowUp

NOW = dt.datetime(2026, 3, 2, 14, 0)


def followup(due: dt.datetime, closed: dt.datetime | None = None) -> FollowUp:
    return FollowUp(id=1, note_id=1, due_at=due, created_at=NOW, closed_at=closed)


def test_states():
    assert followup(NOW - dt.timedelta(minutes=1)).state(NOW) == "overdue"
    assert followup(NOW + dt.timedelta(hours=9)).state(NOW) == "due_today"  # 23:00 today
    assert followup(NOW + dt.timedelta(hours=10)).state(NOW) == "open"  # tomorrow 00:00
    late_but_closed = followup(NOW - dt.timedelta(days=1), closed=NOW)
    assert late_but_closed.state(NOW) == "done"
