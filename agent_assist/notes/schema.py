"""The notes package's tables, owned through its own ``Migrations("notes")`` set.

Steps are append-only: a database created by an older version keeps the steps it has and gets the
missing ones on the next start, without losing a row (tests/test_notes_migration.py upgrades a
step-1 database full of data). Never edit a step that shipped; add a new one.

Layout, and why:
- ``notes``: one row per submitted note; booleans as 0/1, times as ``YYYY-MM-DD HH:MM:SS`` text
  (sorts and compares correctly, and reads the same in an exported sheet).
- ``note_codes``: (note_id, code) pairs so the reason-code reports are one ``GROUP BY``;
  ``started_at`` is copied in so a date-filtered Pareto needs no join over 100k notes.
- ``note_drafts``: the autosaved form, one row per open draft, the whole draft as JSON (raw text,
  never validated, so nothing typed is lost).
- ``note_amendments``: every correction of a submitted note (field, old, new, who, when).
- ``followups``: promised call-backs (回访), step 3; backfilled from notes with a deadline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from agent_assist.storage import Database, Migrations, migrate

MIGRATIONS = Migrations("notes")


@MIGRATIONS(name="001_notes")
def _v1(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS notes (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            ended_at TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            agent_name TEXT NOT NULL DEFAULT '',
            agent_no TEXT NOT NULL DEFAULT '',
            customer_name TEXT NOT NULL DEFAULT '',
            customer_phone TEXT NOT NULL DEFAULT '',
            reason_text TEXT NOT NULL,
            related_processes TEXT NOT NULL DEFAULT '[]',
            complaint_type TEXT NOT NULL DEFAULT '',
            emotion_start TEXT NOT NULL,
            emotion_end TEXT NOT NULL,
            repeat_call INTEGER NOT NULL DEFAULT 0,
            previous_calls INTEGER NOT NULL DEFAULT 0,
            other_department TEXT NOT NULL DEFAULT '',
            stage TEXT NOT NULL,
            solution TEXT NOT NULL DEFAULT '',
            solution_accepted INTEGER,
            resolved INTEGER NOT NULL DEFAULT 0,
            escalated INTEGER NOT NULL DEFAULT 0,
            escalated_to TEXT NOT NULL DEFAULT '',
            deadline TEXT,
            customer_value TEXT NOT NULL DEFAULT '',
            company_value TEXT NOT NULL DEFAULT '',
            handling_minutes REAL NOT NULL,
            notes TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS note_codes (
            note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
            code INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            PRIMARY KEY (note_id, code)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS note_drafts (
            id TEXT PRIMARY KEY,
            updated_at TEXT NOT NULL,
            data TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS note_amendments (
            id INTEGER PRIMARY KEY,
            note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
            amended_at TEXT NOT NULL,
            amended_by TEXT NOT NULL,
            field TEXT NOT NULL,
            old TEXT NOT NULL,
            new TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_notes_started ON notes(started_at)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_note_codes_code ON note_codes(code, started_at)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_note_codes_started ON note_codes(started_at)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_amend_note ON note_amendments(note_id)")


@MIGRATIONS(name="002_script_runs")
def _v2(db: Database) -> None:
    """Guided-script runs (path, stage times, techniques) travel with the note as JSON."""
    db.execute("ALTER TABLE notes ADD COLUMN script_runs TEXT NOT NULL DEFAULT '[]'")


@MIGRATIONS(name="003_followups")
def _v3(db: Database) -> None:
    """The follow-up queue; notes that already promised a deadline get their follow-up now."""
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS followups (
            id INTEGER PRIMARY KEY,
            note_id INTEGER NOT NULL UNIQUE REFERENCES notes(id) ON DELETE CASCADE,
            due_at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            closed_at TEXT,
            closed_by TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL DEFAULT '',
            satisfaction INTEGER
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_followups_open ON followups(closed_at, due_at)")
    db.execute(
        """
        INSERT INTO followups (note_id, due_at, created_at)
        SELECT id, deadline, submitted_at FROM notes WHERE deadline IS NOT NULL AND deadline != ''
        """
    )


def ensure_schema(db: Database) -> None:
    """Apply whatever steps this database is missing (cheap when it is up to date; safe when
    several processes start at once — see :func:`agent_assist.storage.migrate`)."""
    migrate(db, MIGRATIONS)


# What the per-reason reports need, copied onto each (note, code) row so that a Pareto, repeat
# rate, cost or value grid over 100k notes is one scan of ``note_codes`` instead of a join.
CODE_FACTS = ("repeat_call", "handling_minutes", "share_minutes", "customer_value", "company_value")


@MIGRATIONS(name="004_code_facts")
def _v4(db: Database) -> None:
    """Denormalise the report facts onto ``note_codes`` and backfill them from ``notes``.

    ``share_minutes`` is the note's handling time divided by its number of codes, so summing it
    per code splits a call's cost instead of counting it twice.
    """
    db.execute("ALTER TABLE note_codes ADD COLUMN repeat_call INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE note_codes ADD COLUMN handling_minutes REAL NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE note_codes ADD COLUMN share_minutes REAL NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE note_codes ADD COLUMN customer_value TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE note_codes ADD COLUMN company_value TEXT NOT NULL DEFAULT ''")
    db.execute(
        """
        UPDATE note_codes SET
            repeat_call = n.repeat_call,
            handling_minutes = n.handling_minutes,
            share_minutes = n.handling_minutes / k.k,
            customer_value = n.customer_value,
            company_value = n.company_value
        FROM notes n, (SELECT note_id, count(*) AS k FROM note_codes GROUP BY note_id) k
        WHERE n.id = note_codes.note_id AND k.note_id = note_codes.note_id
        """
    )
    # Covering indexes: each report reads one narrow index, in group order, never the wide rows.
    db.execute("DROP INDEX IF EXISTS idx_note_codes_code")
    db.execute(
        "CREATE INDEX idx_note_codes_facts ON note_codes(code, started_at, repeat_call, handling_minutes,"
        " share_minutes, customer_value, company_value)"
    )
    db.execute(
        "CREATE INDEX idx_notes_report ON notes(started_at, repeat_call, previous_calls, resolved, escalated,"
        " escalated_to, other_department, emotion_start, emotion_end, handling_minutes)"
    )


@MIGRATIONS(name="005_history_indexes")
def _v5(db: Database) -> None:
    """The history view filters by agent (name or 工号): an index each, so the OR uses both."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_notes_agent_no ON notes(agent_no, started_at)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_notes_agent_name ON notes(agent_name, started_at)")


@MIGRATIONS(name="006_tone_kept")
def _v6(db: Database) -> None:
    """Tone findings the agent chose to keep the wording of when submitting (issue 9 item 6)."""
    db.execute("ALTER TABLE notes ADD COLUMN tone_kept TEXT NOT NULL DEFAULT '[]'")


def code_rows(note_id: int, row: dict[str, Any], codes: Sequence[int]) -> list[tuple[Any, ...]]:
    """The ``note_codes`` rows of a note (``row`` is its ``notes`` row), in code order."""
    k = max(len(codes), 1)
    return [
        (
            note_id,
            code,
            row["started_at"],
            row["repeat_call"],
            row["handling_minutes"],
            row["handling_minutes"] / k,
            row["customer_value"],
            row["company_value"],
        )
        for code in codes
    ]


CODE_INSERT = (
    "INSERT OR IGNORE INTO note_codes (note_id, code, started_at, repeat_call, handling_minutes,"
    " share_minutes, customer_value, company_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
