"""One SQLite connection per caller, with the pragmas every store relies on.

WAL lets the GUI read while a worker writes and keeps a killed process from corrupting the file;
``synchronous=NORMAL`` is the usual WAL pairing (durable at checkpoints, fast on every commit).
Each core package owns its tables through its own named ``Migrations`` set and applies it with
:func:`migrate`, so packages never edit each other's schema.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from agent_assist.storage.paths import db_path

__all__ = ["Database", "Migrations", "migrate", "open_db"]

Database = sqlite_utils.Database  # the type every store takes: one import path for the core


def open_db(path: Path | str | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) the app database with WAL and a busy timeout.

    ``path`` defaults to the data dir's database; pass ``":memory:"`` in tests that need no file.
    """
    target = str(path) if path is not None else str(db_path())
    conn = sqlite3.connect(target, timeout=10, check_same_thread=False, isolation_level=None)
    db = sqlite_utils.Database(conn)
    if target != ":memory:":
        db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA busy_timeout=10000")
    return db


def migrate(db: sqlite_utils.Database, *sets: Migrations) -> None:
    """Apply the given migration sets (idempotent: applied steps are recorded and skipped)."""
    for migrations in sets:
        migrations.apply(db)
