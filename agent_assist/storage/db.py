"""One SQLite connection per caller, with the pragmas every store relies on.

WAL lets the GUI read while a worker writes and keeps a killed process from corrupting the file;
``synchronous=NORMAL`` is the usual WAL pairing (durable at checkpoints, fast on every commit).
Each core package owns its tables through its own named ``Migrations`` set and applies it with
:func:`migrate`, so packages never edit each other's schema.

Hostile conditions this module answers for (issue 8):

- **Several processes starting at once** (two desktop instances, a report while the app runs):
  a new database file is built aside and linked into place, so nobody ever sees a half-made
  (zero-length) file, and :func:`migrate` applies pending steps inside one ``BEGIN IMMEDIATE``
  transaction, re-reading what is pending once it holds the write lock — a step runs once, and
  the losers of the race find nothing left to do.
- **A damaged file** (truncated, random bytes, a text file, a folder, zero bytes): :func:`open_db`
  raises ``DatabaseDamaged`` naming the file; the caller offers ``files.move_aside`` (the file
  is renamed ``….corrupt-<time>``, never deleted) and starts fresh.
- **A full disk or an unreadable/read-only data dir**: ``StorageUnavailable``, with a
  message the agent can act on; the file itself is left alone. Read-only commands open the file
  with ``readonly=True`` and never write or migrate.
"""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from agent_assist.storage.errors import (
    DatabaseDamaged,
    StorageUnavailable,
    describe_error,
    is_busy,
    is_damage,
)
from agent_assist.storage.files import check_file, create
from agent_assist.storage.paths import db_path

__all__ = ["Database", "Migrations", "migrate", "open_db", "write_transaction"]

Database = sqlite_utils.Database  # the type every store takes: one import path for the core
BUSY_TIMEOUT_S = 10  # one statement waits this long for another process's lock …
LOCK_WAIT_S = 60.0  # … and a write transaction keeps retrying BEGIN IMMEDIATE this long


def open_db(
    path: Path | str | None = None, *, readonly: bool = False, thread_bound: bool = False
) -> sqlite_utils.Database:
    """Open (creating if needed) the app database with WAL and a busy timeout.

    ``path`` defaults to the data dir's database; pass ``":memory:"`` in tests that need no file.
    ``readonly=True`` (``report``, ``export``) opens without writing anything — it works in a
    read-only data dir — and gives an empty in-memory database when there is no file yet.
    ``thread_bound=True`` (the desktop's connection): sqlite3 refuses any use from another thread
    (``ProgrammingError``), so a worker must open its own connection — see docs/architecture.md.

    Raises :class:`DatabaseDamaged` when the file is not a usable database and
    :class:`StorageUnavailable` when it cannot be opened now (disk full, no permission).
    """
    if path is not None and str(path) == ":memory:":
        return _configure(_connect(":memory:", thread_bound=thread_bound), memory=True)
    target = Path(path) if path is not None else db_path()
    check_file(target)
    if readonly:
        return _open_readonly(target)
    if not target.exists():
        create(target)
    try:
        conn = _connect(str(target), thread_bound=thread_bound)
    except sqlite3.Error as exc:
        raise StorageUnavailable(target, describe_error(exc)) from exc
    try:
        db = _configure(conn)
        _probe(db)
    except sqlite3.Error as exc:
        conn.close()
        if is_damage(exc):
            raise DatabaseDamaged(target, f"不是可读的数据库（{exc}）") from exc
        raise StorageUnavailable(target, describe_error(exc)) from exc
    return db


def _connect(target: str, uri: bool = False, thread_bound: bool = False) -> sqlite3.Connection:
    """Autocommit (transactions are explicit), busy timeout; shareable with worker threads
    unless ``thread_bound``."""
    return sqlite3.connect(
        target,
        timeout=BUSY_TIMEOUT_S,
        check_same_thread=thread_bound,
        isolation_level=None,
        uri=uri,
    )


def _configure(conn: sqlite3.Connection, memory: bool = False) -> sqlite_utils.Database:
    """The pragmas every store relies on (a separate step so tests can inject a failing disk)."""
    db = sqlite_utils.Database(conn)
    if not memory:
        db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    return db


def _probe(db: sqlite_utils.Database) -> None:
    """Read the schema and the first row of every table (a few pages, microseconds): a file that
    is not a database, or whose schema or table roots are garbage, fails here at start-up instead
    of in the middle of an agent's call. A full check (``PRAGMA quick_check``) reads the whole
    file — 0.2 s per 30 MB — too slow for every start."""
    tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    for (name,) in tables:
        quoted = name.replace('"', '""')
        db.execute(f'SELECT * FROM "{quoted}" LIMIT 1').fetchall()


def _open_readonly(target: Path) -> sqlite_utils.Database:
    if not target.exists():
        return open_db(":memory:")  # nothing stored yet: an empty store to read from
    uri = target.resolve().as_uri()
    last: sqlite3.Error | None = None
    # mode=ro still needs the -shm file of a WAL database; in a read-only folder where it does
    # not exist, immutable=1 reads the file as it is (nobody can be writing to it there)
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            conn = _connect(uri + query, uri=True)
        except sqlite3.Error as exc:
            last = exc
            continue
        try:
            db = sqlite_utils.Database(conn)
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
            db.execute("PRAGMA query_only=ON")
            _probe(db)
            return db
        except sqlite3.Error as exc:
            conn.close()
            if is_damage(exc):
                raise DatabaseDamaged(target, f"不是可读的数据库（{exc}）") from exc
            last = exc
    assert last is not None
    raise StorageUnavailable(target, describe_error(last)) from last


# -- writing ----------------------------------------------------------------------------------------


@contextmanager
def write_transaction(db: sqlite_utils.Database, wait_s: float = LOCK_WAIT_S) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``: hold the database's write lock from the first read on.

    What is read inside is what the write is based on: no other process can commit in between
    (a read-modify-write like an amendment never loses a concurrent update). Retries the BEGIN
    while another process holds the lock; inside a transaction already it nests as a savepoint.
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield
        return
    deadline = time.monotonic() + wait_s
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02 + secrets.randbelow(30) / 1000)
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _to_memory(db: sqlite_utils.Database) -> None:
    """A read-only database that lacks some steps (an older version's file in a read-only data
    dir): continue on an in-memory copy, so the steps can be applied there and the reader sees
    the current schema. The file itself is never written."""
    memory = _connect(":memory:")
    db.conn.backup(memory)
    db.conn.close()
    db.conn = memory
    db.execute("PRAGMA foreign_keys=ON")


def migrate(db: sqlite_utils.Database, *sets: Migrations) -> None:
    """Apply the given migration sets; safe when several processes start at once.

    Checking costs one read, so an up-to-date database is never written; a read-only one that
    needs steps is upgraded in an in-memory copy (see :func:`_to_memory`).
    Otherwise the steps run inside one write transaction and the pending list is read again under
    the lock, so a step another process applied meanwhile is skipped, never run twice
    (no ``duplicate column name``, no UNIQUE clash on the migrations table).
    """
    if not any(m.pending(db) for m in sets):
        return
    if db.execute("PRAGMA query_only").fetchone()[0]:
        _to_memory(db)
    with write_transaction(db):
        for migrations in sets:
            migrations.apply(db)
