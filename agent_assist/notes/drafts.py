"""The autosaved form: what the agent typed survives a crash, a kill -9 or a power cut of the app.

The form calls :meth:`DraftStore.save` about a second after the last keystroke and whenever focus
leaves a field. A save is one ``INSERT OR REPLACE`` of the whole draft as JSON in autocommit mode:
SQLite makes it atomic (the old version or the new one, never half), and in WAL mode a committed
write survives the process being killed, so at most the last autosave interval of typing is lost.
On the next start :meth:`pending` offers the drafts that were never submitted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from agent_assist.notes.model import NoteDraft, fmt_time
from agent_assist.notes.model import now as _now
from agent_assist.notes.schema import ensure_schema


class DraftStore:
    """Drafts in the notes database. ``clock`` is injectable so tests order drafts without
    sleeping (``updated_at`` has second resolution)."""

    def __init__(self, db, clock: Callable[[], datetime] = _now) -> None:
        self.db = db
        self.clock = clock
        ensure_schema(db)

    def save(self, draft: NoteDraft) -> None:
        """Store ``draft`` (replacing its previous version); stamps ``updated_at``.

        Blank drafts are not kept — an empty form after a crash is nothing to offer back.
        """
        if draft.is_blank():
            self.discard(draft.draft_id)
            return
        draft.updated_at = fmt_time(self.clock())
        self.db.execute(
            "INSERT OR REPLACE INTO note_drafts (id, updated_at, data) VALUES (?, ?, ?)",
            [draft.draft_id, draft.updated_at, json.dumps(draft.to_dict(), ensure_ascii=False)],
        )

    def get(self, draft_id: str) -> NoteDraft | None:
        row = self.db.execute("SELECT data FROM note_drafts WHERE id = ?", [draft_id]).fetchone()
        return NoteDraft.from_dict(json.loads(row[0])) if row else None

    def pending(self) -> list[NoteDraft]:
        """Unsubmitted drafts, newest first (usually zero or one)."""
        rows = self.db.execute(
            "SELECT data FROM note_drafts ORDER BY updated_at DESC, rowid DESC"
        ).fetchall()
        out = []
        for (data,) in rows:
            try:
                out.append(NoteDraft.from_dict(json.loads(data)))
            except (ValueError, TypeError):  # a corrupt row must not hide the others
                continue
        return out

    def latest(self, exclude: str = "") -> NoteDraft | None:
        for draft in self.pending():
            if draft.draft_id != exclude:
                return draft
        return None

    def discard(self, draft_id: str) -> None:
        self.db.execute("DELETE FROM note_drafts WHERE id = ?", [draft_id])
