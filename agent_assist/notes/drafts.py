"""The autosaved form: what the agent typed survives a crash, a kill -9 or a power cut of the app.

The form calls :meth:`DraftStore.save` about a second after the last keystroke and whenever focus
leaves a field. A save is one ``INSERT OR REPLACE`` of the whole draft as JSON in autocommit mode:
SQLite makes it atomic (the old version or the new one, never half), and in WAL mode a committed
write survives the process being killed, so at most the last autosave interval of typing is lost.
On the next start :meth:`pending` offers the drafts that were never submitted.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any

from agent_assist.notes.model import NoteDraft, fmt_time
from agent_assist.notes.model import now as _now
from agent_assist.notes.schema import ensure_schema
from agent_assist.storage import Database, StorageError, describe_error

log = logging.getLogger(__name__)


class DraftNotSaved(StorageError):
    """The autosave could not be written (disk full, I/O error): the text is still in the form,
    and the next autosave tries again."""

    @property
    def message(self) -> str:
        return f"草稿暂时无法保存：{self.reason}"


_DEFAULTS = NoteDraft.__dataclass_fields__


def draft_from_json(data: str | bytes | None, row_id: str = "") -> NoteDraft:
    """A stored draft, each field coerced to its type; ValueError if the row is not a draft.

    Drafts are raw typing, written by this and older versions: a value of the wrong type (a number
    where text belongs, ``null``) becomes the field's default rather than breaking the form.
    """
    try:
        raw = json.loads(data or "")
    except (ValueError, TypeError) as exc:
        raise ValueError(f"不是有效的 JSON（{exc}）") from None
    if not isinstance(raw, dict):
        raise ValueError(f"应为 JSON 对象，实际是 {type(raw).__name__}")
    base = NoteDraft()
    clean: dict[str, Any] = {}
    for name in _DEFAULTS:
        if name not in raw:
            continue
        value, default = raw[name], getattr(base, name)
        if isinstance(default, bool) or name == "solution_accepted":
            clean[name] = value if isinstance(value, bool) else default
        elif isinstance(default, int):
            clean[name] = value if isinstance(value, int) and not isinstance(value, bool) else 0
        elif isinstance(default, list):
            clean[name] = list(value) if isinstance(value, list) else []
        elif isinstance(value, str):
            clean[name] = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            clean[name] = str(value)
    if row_id and not clean.get("draft_id"):
        clean["draft_id"] = row_id  # so discarding it removes this very row
    if "script_runs" in clean:
        clean["script_runs"] = [r for r in clean["script_runs"] if isinstance(r, dict)]
    if "related_processes" in clean:
        clean["related_processes"] = [str(p) for p in clean["related_processes"]]
    return NoteDraft(**clean)


class DraftStore:
    """Drafts in the notes database. ``clock`` is injectable so tests order drafts without
    sleeping (``updated_at`` has second resolution)."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = _now) -> None:
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
        try:
            self.db.execute(
                "INSERT OR REPLACE INTO note_drafts (id, updated_at, data) VALUES (?, ?, ?)",
                [draft.draft_id, draft.updated_at, json.dumps(draft.to_dict(), ensure_ascii=False)],
            )
        except (sqlite3.Error, OSError) as exc:
            raise DraftNotSaved("note_drafts", describe_error(exc)) from exc

    def get(self, draft_id: str) -> NoteDraft | None:
        """The draft, or None if there is none or its row is damaged (see :meth:`damaged`)."""
        row = self.db.execute("SELECT data FROM note_drafts WHERE id = ?", [draft_id]).fetchone()
        if not row:
            return None
        try:
            return draft_from_json(row[0], draft_id)
        except ValueError:
            return None

    def pending(self) -> list[NoteDraft]:
        """Unsubmitted drafts, newest first (usually zero or one). A damaged row is left out
        (:meth:`damaged` lists it) — it must not hide the others or the form."""
        rows = self.db.execute(
            "SELECT id, data FROM note_drafts ORDER BY updated_at DESC, rowid DESC"
        ).fetchall()
        out = []
        for draft_id, data in rows:
            try:
                out.append(draft_from_json(data, draft_id))
            except ValueError as exc:
                log.warning("skipped damaged draft %s: %s", draft_id, exc)
        return out

    def damaged(self) -> list[tuple[str, str]]:
        """(draft id, what is wrong) for every draft row that cannot be read."""
        bad = []
        for draft_id, data in self.db.execute("SELECT id, data FROM note_drafts").fetchall():
            try:
                draft_from_json(data, draft_id)
            except ValueError as exc:
                bad.append((draft_id, str(exc)))
        return bad

    def latest(self, exclude: str = "") -> NoteDraft | None:
        for draft in self.pending():
            if draft.draft_id != exclude:
                return draft
        return None

    def discard(self, draft_id: str) -> None:
        self.db.execute("DELETE FROM note_drafts WHERE id = ?", [draft_id])
