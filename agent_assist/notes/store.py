"""Submitted notes: add, read, search. Corrections go through :mod:`amendments`, never an
in-place edit, so a supervisor can always see what a note said when it was filed.

A submit is one transaction: the note, its codes, its follow-up (when a deadline was promised)
and the removal of the draft it came from either all land or none do.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from agent_assist.notes.filters import NoteFilter
from agent_assist.notes.model import Note, NoteDraft, fmt_time
from agent_assist.notes.model import now as _now
from agent_assist.notes.reason_codes import ReasonCodeBook
from agent_assist.notes.rows import NOTE_COLUMNS, note_to_row, row_to_note
from agent_assist.notes.schema import CODE_INSERT, code_rows, ensure_schema
from agent_assist.notes.validation import NoteInvalid, validate_draft
from agent_assist.storage import Database, StorageError, describe_error
from agent_assist.storage.hooks import emit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SkippedRow:
    """A stored note that could not be read (a damaged time, broken JSON): reported, not fatal.

    One bad row must not empty an export or take the 历史 tab down; the caller lists these.
    """

    note_id: int
    reason: str

    def __str__(self) -> str:
        return f"#{self.note_id}: {self.reason}"


class NoteNotSaved(StorageError):
    """Submitting failed in storage (disk full, I/O error, database busy): the note is NOT filed.

    The form keeps everything typed (and the draft row, if it could be written) so the agent can
    retry; ``message`` says so in one line.
    """

    @property
    def message(self) -> str:
        return f"小结还没有保存：{self.reason}。内容仍在表单里，请稍后重试提交。"


class NoteStore:
    """Notes in the app database (``db`` is a sqlite-utils Database from ``storage.open_db``)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        ensure_schema(db)

    # -- writing -----------------------------------------------------------------------------

    def submit(
        self, draft: NoteDraft, codes: ReasonCodeBook, now: dt.datetime | None = None
    ) -> Note:
        """Validate ``draft`` and file it; raises :class:`NoteInvalid` listing every bad field.

        The call end is stamped now if the form did not set it; the draft row is removed in the
        same transaction, so a crash can never leave both a note and its "unsent" draft.
        """
        current = now or _now()
        if not draft.ended_at:
            draft = NoteDraft.from_dict({**draft.to_dict(), "ended_at": fmt_time(current)})
        result = validate_draft(draft, codes, now=current)
        if not result.ok:
            raise NoteInvalid(result.errors)
        note = result.note
        assert note is not None
        note.submitted_at = current
        try:
            with self.db.atomic():
                note.id = self._insert(note)
                self.db.execute("DELETE FROM note_drafts WHERE id = ?", [draft.draft_id])
        except (sqlite3.Error, OSError) as exc:
            # nothing was filed (the transaction rolled back); the caller keeps the draft
            note.id = 0
            raise NoteNotSaved(self._path(), describe_error(exc)) from exc
        return note

    def _path(self) -> str:
        try:
            row = self.db.execute("PRAGMA database_list").fetchone()
            return row[2] or ":memory:"
        except sqlite3.Error:
            return "?"

    def add(self, note: Note) -> Note:
        """File an already validated note (imports, tests); returns it with its id."""
        with self.db.atomic():
            note.id = self._insert(note)
        return note

    def add_many(self, notes: Iterable[Note], batch: int = 5000) -> int:
        """Bulk insert (the benchmark's 100k notes, imports from another system); one
        transaction per batch. Returns how many were added."""
        total = 0
        chunk: list[Note] = []
        for note in notes:
            chunk.append(note)
            if len(chunk) >= batch:
                total += self._insert_batch(chunk)
                chunk = []
        if chunk:
            total += self._insert_batch(chunk)
        return total

    def _insert_batch(self, notes: list[Note]) -> int:
        with self.db.atomic():
            for note in notes:
                note.id = self._insert(note)
        return len(notes)

    def _insert(self, note: Note) -> int:
        if note.submitted_at is None:
            note.submitted_at = note.ended_at
        row = note_to_row(note)
        cols = list(row)
        cur = self.db.execute(
            f"INSERT INTO notes ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            [row[c] for c in cols],
        )
        if cur.lastrowid is None:  # never after an INSERT; the stubs allow it
            raise sqlite3.DatabaseError("INSERT INTO notes gave no row id")
        note_id = int(cur.lastrowid)
        self.db.conn.executemany(CODE_INSERT, code_rows(note_id, row, note.reason_codes))
        if note.deadline is not None:
            self.db.execute(
                "INSERT INTO followups (note_id, due_at, created_at) VALUES (?, ?, ?)",
                [note_id, fmt_time(note.deadline), fmt_time(note.submitted_at)],
            )
        note.id = note_id
        emit("note", self.db, note=note)  # team mode queues it in the same transaction
        return note_id

    # -- reading -----------------------------------------------------------------------------

    def get(self, note_id: int) -> Note | None:
        """The note, or None if there is none (or its row cannot be read: see ``skipped``)."""
        notes = self._load(
            f"SELECT {', '.join(NOTE_COLUMNS)} FROM notes WHERE id = ?", [note_id], None
        )
        return notes[0] if notes else None

    def search(
        self,
        flt: NoteFilter | None = None,
        limit: int = 200,
        offset: int = 0,
        skipped: list[SkippedRow] | None = None,
    ) -> list[Note]:
        """Newest first; the history view pages through with ``offset``. Rows that cannot be
        read are left out and appended to ``skipped``."""
        where, params = (flt or NoteFilter()).where()
        sql = (
            f"SELECT {', '.join(NOTE_COLUMNS)} FROM notes WHERE {where} "
            "ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?"
        )
        return self._load(sql, params + [limit, offset], skipped)

    def count(self, flt: NoteFilter | None = None) -> int:
        where, params = (flt or NoteFilter()).where()
        return int(
            self.db.execute(f"SELECT count(*) FROM notes WHERE {where}", params).fetchone()[0]
        )

    def iter_notes(
        self,
        flt: NoteFilter | None = None,
        chunk: int = 2000,
        skipped: list[SkippedRow] | None = None,
    ) -> Iterator[Note]:
        """Every matching note, oldest first, in chunks (exports of any size in little memory).

        A row that cannot be read is skipped and appended to ``skipped``; the rest still come.
        """
        where, params = (flt or NoteFilter()).where()
        last_key: tuple[str, int] = ("", 0)
        while True:
            sql = (
                f"SELECT {', '.join(NOTE_COLUMNS)} FROM notes WHERE ({where}) "
                "AND (started_at > ? OR (started_at = ? AND id > ?)) ORDER BY started_at, id LIMIT ?"
            )
            rows = self._rows(sql, params + [last_key[0], last_key[0], last_key[1], chunk])
            if not rows:
                return
            yield from self._notes(rows, skipped)
            # the key is the stored text, so a row whose time cannot be parsed still moves it on
            last_key = (str(rows[-1]["started_at"]), rows[-1]["id"])

    def agents(self) -> list[str]:
        """Agent names / 工号 that filed notes (the history view's agent filter)."""
        rows = self.db.execute(
            "SELECT DISTINCT CASE WHEN agent_no != '' THEN agent_no ELSE agent_name END FROM notes ORDER BY 1"
        ).fetchall()
        return [r[0] for r in rows if r[0]]

    def _load(self, sql: str, params: list[Any], skipped: list[SkippedRow] | None) -> list[Note]:
        return self._notes(self._rows(sql, params), skipped)

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cur = self.db.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def _notes(self, rows: list[dict[str, Any]], skipped: list[SkippedRow] | None) -> list[Note]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        codes: dict[int, list[int]] = {i: [] for i in ids}
        amended: dict[int, int] = {}
        marks = ", ".join("?" for _ in ids)
        for note_id, code in self.db.execute(
            f"SELECT note_id, code FROM note_codes WHERE note_id IN ({marks}) ORDER BY rowid", ids
        ).fetchall():
            codes[note_id].append(code)
        for note_id, n in self.db.execute(
            f"SELECT note_id, count(DISTINCT amended_at) FROM note_amendments WHERE note_id IN ({marks}) GROUP BY note_id",
            ids,
        ).fetchall():
            amended[note_id] = n
        notes = []
        for r in rows:
            try:
                notes.append(row_to_note(r, codes[r["id"]], amended.get(r["id"], 0)))
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                bad = SkippedRow(r["id"], _row_problem(r, exc))
                log.warning("skipped unreadable note %s", bad)
                if skipped is not None:
                    skipped.append(bad)
        return notes


def _row_problem(row: dict[str, Any], exc: Exception) -> str:
    """Which column of a stored note is damaged, in words."""
    import json

    from agent_assist.notes.model import parse_time

    for col in ("started_at", "ended_at", "submitted_at", "deadline"):
        try:
            parse_time(row.get(col))
        except (ValueError, TypeError):
            return f"{col} 不是有效时间（{row.get(col)!r}）"
    for col in ("related_processes", "script_runs"):
        try:
            value = json.loads(row.get(col) or "[]")
        except (ValueError, TypeError):
            return f"{col} 不是有效的 JSON（{str(row.get(col))[:40]!r}）"
        if not isinstance(value, list):
            return f"{col} 应为列表，实际是 {type(value).__name__}"
    for col in ("handling_minutes", "previous_calls"):
        number: Any = row.get(col)
        try:
            float(number) if col == "handling_minutes" else int(number)
        except (ValueError, TypeError):
            return f"{col} 不是数字（{number!r}）"
    return f"无法读取（{type(exc).__name__}: {exc}）"
