"""Corrections of submitted notes, recorded as amendments: who, when, which field, old → new.

A note is evidence (a complaint may reach a regulator), so it is never silently edited. An
amendment goes through the same validation as a new note, and the history keeps the old value of
every changed field, so the note as first filed can always be reconstructed.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, fields
from typing import Any

from agent_assist.notes.model import FIELD_LABELS, Note, NoteDraft, fmt_time
from agent_assist.notes.model import now as _now
from agent_assist.notes.reason_codes import ReasonCodeBook
from agent_assist.notes.rows import display_value, note_to_row
from agent_assist.notes.schema import CODE_INSERT, code_rows
from agent_assist.notes.store import NoteStore
from agent_assist.notes.validation import FieldError, NoteInvalid, validate_draft
from agent_assist.storage import StorageError, describe_error, write_transaction
from agent_assist.storage.hooks import emit

# Fields an amendment never changes: identity and bookkeeping.
_FIXED = {"id", "submitted_at", "amendments"}


@dataclass(frozen=True)
class Amendment:
    note_id: int
    amended_at: dt.datetime
    amended_by: str
    field: str
    old: str
    new: str
    reason: str = ""

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)


def diff_notes(old: Note, new: Note) -> list[tuple[str, str, str]]:
    """(field, old text, new text) for every field that differs."""
    out = []
    for f in fields(Note):
        if f.name in _FIXED:
            continue
        before, after = getattr(old, f.name), getattr(new, f.name)
        if before != after:
            out.append((f.name, display_value(f.name, before), display_value(f.name, after)))
    return out


_INVISIBLE = re.compile(
    "[\\x00-\\x1f\\x7f-\\x9f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\ufeff]"
)


def clean_author(by: str) -> str:
    """The author of a correction as it will be recorded, or ``""`` when nothing readable is
    left: control characters (``"\\x00"``), zero-width spaces and joiners, direction marks and
    whitespace are not a name — a correction without a readable author is refused."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", by or "")).strip()


class AmendmentNotSaved(StorageError):
    """The correction could not be written (disk full, I/O error); the note is unchanged."""

    @property
    def message(self) -> str:
        return f"修正还没有保存：{self.reason}。小结保持原样，请稍后再试。"


class AmendmentStore:
    """Amend notes of a :class:`NoteStore` and read their history."""

    def __init__(self, notes: NoteStore) -> None:
        self.notes = notes
        self.db = notes.db

    def amend(
        self,
        note_id: int,
        changes: dict[str, Any],
        by: str,
        codes: ReasonCodeBook,
        reason: str = "",
        now: dt.datetime | None = None,
    ) -> list[Amendment]:
        """Apply ``changes`` (NoteDraft field → new raw value) to note ``note_id``.

        Raises :class:`NoteInvalid` if the corrected note would not validate, or if ``by`` is
        empty (every correction has an author). Returns the recorded amendments ([] when nothing
        actually changed).
        """
        author = clean_author(by)
        if not author:
            message = "修正必须注明修正人（工号或姓名）"
            if by and not by.isspace():
                message = "修正人只有不可见字符，请填写工号或姓名"
            raise NoteInvalid([FieldError("agent_no", message)])
        unknown = set(changes) - set(NoteDraft.__dataclass_fields__)
        if unknown:
            raise KeyError(f"不能修正的字段：{', '.join(sorted(unknown))}")
        try:
            return self._amend(note_id, changes, author, codes, reason, now)
        except (sqlite3.Error, OSError) as exc:  # disk full, I/O error: nothing was changed
            raise AmendmentNotSaved(self.notes._path(), describe_error(exc)) from exc

    def _amend(
        self,
        note_id: int,
        changes: dict[str, Any],
        author: str,
        codes: ReasonCodeBook,
        reason: str,
        now: dt.datetime | None,
    ) -> list[Amendment]:
        # One write transaction from the read of the old note to the last history row: another
        # process amending the same note waits, then reads what this one wrote, so no update is
        # lost and every history row's "old" is the value the note really had.
        with write_transaction(self.db):
            old = self.notes.get(note_id)
            if old is None:
                raise KeyError(f"没有编号为 {note_id} 的小结")
            draft = NoteDraft.from_dict({**old.to_draft().to_dict(), **changes})
            result = validate_draft(draft, codes, now=old.submitted_at)
            if not result.ok:
                raise NoteInvalid(result.errors)
            new = result.note
            assert new is not None
            new.id, new.submitted_at = old.id, old.submitted_at
            diffs = diff_notes(old, new)
            if not diffs:
                return []
            when = now or _now()
            stamp = fmt_time(when)
            before, row = note_to_row(old), note_to_row(new)
            # only the columns that changed: nothing else is written, whatever this process held
            cols = [c for c in row if c != "id" and row[c] != before.get(c)]
            if cols:
                self.db.execute(
                    f"UPDATE notes SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
                    [row[c] for c in cols] + [note_id],
                )
            # the report facts on note_codes follow the corrected note
            self.db.execute("DELETE FROM note_codes WHERE note_id = ?", [note_id])
            self.db.conn.executemany(CODE_INSERT, code_rows(note_id, row, new.reason_codes))
            if old.deadline != new.deadline:
                self._move_followup(note_id, new.deadline, stamp)
            self.db.conn.executemany(
                "INSERT INTO note_amendments (note_id, amended_at, amended_by, field, old, new, reason)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(note_id, stamp, author, f, o, n, reason.strip()) for f, o, n in diffs],
            )
            # team mode queues the correction (with the corrected note) in this transaction
            emit(
                "amendment",
                self.db,
                note=new,
                diffs=diffs,
                by=author,
                reason=reason.strip(),
                at=when,
            )
        return [Amendment(note_id, when, author, f, o, n, reason.strip()) for f, o, n in diffs]

    def _move_followup(self, note_id: int, deadline: dt.datetime | None, stamp: str) -> None:
        """A new or moved deadline moves the open follow-up; a removed one leaves a closed
        follow-up untouched (its outcome is history) and drops an open one."""
        row = self.db.execute(
            "SELECT id, closed_at FROM followups WHERE note_id = ?", [note_id]
        ).fetchone()
        if deadline is None:
            if row and row[1] is None:
                self.db.execute("DELETE FROM followups WHERE id = ?", [row[0]])
            return
        if row is None:
            self.db.execute(
                "INSERT INTO followups (note_id, due_at, created_at) VALUES (?, ?, ?)",
                [note_id, fmt_time(deadline), stamp],
            )
        elif row[1] is None:
            self.db.execute(
                "UPDATE followups SET due_at = ? WHERE id = ?", [fmt_time(deadline), row[0]]
            )

    def history(self, note_id: int) -> list[Amendment]:
        """Oldest first."""
        rows = self.db.execute(
            "SELECT note_id, amended_at, amended_by, field, old, new, reason FROM note_amendments"
            " WHERE note_id = ? ORDER BY id",
            [note_id],
        ).fetchall()
        out = []
        for r in rows:
            try:
                when = dt.datetime.fromisoformat(r[1])
            except (TypeError, ValueError):  # a damaged time: keep the correction, not the time
                when = dt.datetime.min
            out.append(Amendment(r[0], when, r[2], r[3], str(r[4]), str(r[5]), str(r[6] or "")))
        return out

    def original(self, note_id: int) -> dict[str, str]:
        """Field → value as first filed, for every field that was amended since."""
        first: dict[str, str] = {}
        for a in self.history(note_id):
            first.setdefault(a.field, a.old)
        return first
