"""This PC's team tables and settings (``Migrations("team")`` on the app's SQLite database).

- ``team_outbox``: one row per item still to send (see :mod:`agent_assist.team.outbox`).
- ``team_note_uuids``: local note id → the note's UUID (amendments and follow-up outcomes point
  at it) and how many amendments this PC sent for it (orders corrections on the server).
- ``team_state``: the DSN (never a password), the last sync, the last error.
- ``team_phrases`` … ``team_assigned_followups``: what :mod:`agent_assist.team.pull` copies
  from the server.

Kept apart from the outbox so that reading a setting (:mod:`agent_assist.team.connect`) does
not load the queueing code, and the two do not import each other.
"""

from __future__ import annotations

import weakref
from typing import Any

from agent_assist.storage import Database, Migrations, migrate

migrations = Migrations("team")


@migrations(name="001_outbox")
def _v1(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS team_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_at REAL NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            rejected INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_team_outbox_due ON team_outbox(rejected, next_at, id)"
    )
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS team_note_uuids (
            note_id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            amend_seq INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE TABLE IF NOT EXISTS team_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


# What pull.py copies from the server (team phrases, codes, departments, assigned follow-ups).
@migrations(name="002_pulled")
def _v2(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS team_phrases (
            id INTEGER PRIMARY KEY,
            team TEXT NOT NULL,
            category TEXT NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS team_reason_codes (code INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " category TEXT NOT NULL)"
    )
    db.execute("CREATE TABLE IF NOT EXISTS team_departments (name TEXT PRIMARY KEY)")
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS team_assigned_followups (
            note_uuid TEXT PRIMARY KEY,
            owner_no TEXT NOT NULL,
            due_at TEXT NOT NULL,
            customer_name TEXT NOT NULL,
            customer_phone TEXT NOT NULL,
            reason_text TEXT NOT NULL,
            assigned_by TEXT NOT NULL
        )
        """
    )


_ready: weakref.WeakSet[Database] = weakref.WeakSet()


def ensure_schema(db: Database) -> None:
    """Apply the team tables' migrations (once per database object: this runs on every save)."""
    if db in _ready:
        return
    migrate(db, migrations)
    if not db.conn.in_transaction:  # tables made inside a transaction may yet be rolled back
        _ready.add(db)


def get_state(db: Database, key: str, default: str = "") -> str:
    ensure_schema(db)
    row = db.execute("SELECT value FROM team_state WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_state(db: Database, **values: Any) -> None:
    ensure_schema(db)
    db.conn.executemany(
        "INSERT INTO team_state (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [(k, "" if v is None else str(v)) for k, v in values.items()],
    )
