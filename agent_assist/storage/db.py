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
  raises :class:`DatabaseDamaged` naming the file; the caller offers :func:`move_aside` (the file
  is renamed ``….corrupt-<time>``, never deleted) and starts fresh.
- **A full disk or an unreadable/read-only data dir**: :class:`StorageUnavailable`, with a
  message the agent can act on; the file itself is left alone. Read-only commands open the file
  with ``readonly=True`` and never write or migrate.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sqlite3
import struct
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from agent_assist.storage.paths import db_path

__all__ = [
    "DatabaseDamaged",
    "Migrations",
    "StorageError",
    "StorageUnavailable",
    "describe_error",
    "is_disk_full",
    "migrate",
    "move_aside",
    "open_db",
    "write_transaction",
]

BUSY_TIMEOUT_S = 10  # one statement waits this long for another process's lock …
LOCK_WAIT_S = 60.0  # … and a write transaction keeps retrying BEGIN IMMEDIATE this long
_HEADER = b"SQLite format 3\x00"


class StorageError(Exception):
    """The database cannot be used; ``message`` is one line for an agent or a shell."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"数据库文件 {self.path} 无法使用：{self.reason}"


class DatabaseDamaged(StorageError):
    """The file is not a usable SQLite database (truncated, overwritten, a folder, empty).

    Nothing in it can be trusted to load, so the way forward is :func:`move_aside` and a fresh
    database; the damaged file is kept for whoever wants to recover rows from it.
    """

    @property
    def message(self) -> str:
        return f"数据库文件 {self.path} 已损坏：{self.reason}"


class StorageUnavailable(StorageError):
    """The file may be fine but cannot be opened or written now (disk full, I/O error, no
    permission, read-only folder). Never a reason to move the file aside."""


# -- errors in words ------------------------------------------------------------------------------


def is_disk_full(exc: BaseException) -> bool:
    """True for SQLite's "database or disk is full" and the OS's ENOSPC / EDQUOT."""
    if isinstance(exc, OSError):
        import errno

        return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1))
    return "disk is full" in str(exc) or "SQLITE_FULL" in str(exc)


def describe_error(exc: BaseException) -> str:
    """A short Chinese reason for a storage failure (the exception's own text is appended so a
    support person still sees what the library said)."""
    text = str(exc) or type(exc).__name__
    if isinstance(exc, StorageError):
        return exc.reason
    if is_disk_full(exc):
        return f"磁盘已满（{text}）"
    if _is_damage(exc):
        return f"文件已损坏（{text}）"
    lowered = text.lower()
    if isinstance(exc, PermissionError) or "readonly" in lowered or "read-only" in lowered:
        return f"没有写入权限或文件夹只读（{text}）"
    if "disk i/o error" in lowered or isinstance(exc, OSError):
        return f"磁盘读写错误（{text}）"
    if "locked" in lowered or "busy" in lowered:
        return f"数据库正被另一个程序占用，请稍后再试（{text}）"
    if "unable to open" in lowered:
        return f"无法打开文件（{text}）"
    return text


def _is_damage(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    )


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


# -- opening ----------------------------------------------------------------------------------------


def open_db(path: Path | str | None = None, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open (creating if needed) the app database with WAL and a busy timeout.

    ``path`` defaults to the data dir's database; pass ``":memory:"`` in tests that need no file.
    ``readonly=True`` (``report``, ``export``) opens without writing anything — it works in a
    read-only data dir — and gives an empty in-memory database when there is no file yet.

    Raises :class:`DatabaseDamaged` when the file is not a usable database and
    :class:`StorageUnavailable` when it cannot be opened now (disk full, no permission).
    """
    if path is not None and str(path) == ":memory:":
        return _configure(_connect(":memory:"), memory=True)
    target = Path(path) if path is not None else db_path()
    _check_file(target)
    if readonly:
        return _open_readonly(target)
    if not target.exists():
        _create(target)
    try:
        conn = _connect(str(target))
    except sqlite3.Error as exc:
        raise StorageUnavailable(target, describe_error(exc)) from exc
    try:
        db = _configure(conn)
        _probe(db)
    except sqlite3.Error as exc:
        conn.close()
        if _is_damage(exc):
            raise DatabaseDamaged(target, f"不是可读的数据库（{exc}）") from exc
        raise StorageUnavailable(target, describe_error(exc)) from exc
    return db


def _connect(target: str, uri: bool = False) -> sqlite3.Connection:
    """Autocommit (transactions are explicit), shareable with worker threads, busy timeout."""
    return sqlite3.connect(
        target, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None, uri=uri
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
            if _is_damage(exc):
                raise DatabaseDamaged(target, f"不是可读的数据库（{exc}）") from exc
            last = exc
    assert last is not None
    raise StorageUnavailable(target, describe_error(last)) from last


def _check_file(target: Path) -> None:
    """What can be told from the file alone, before SQLite touches (or creates over) it."""
    try:
        if target.is_dir():
            raise DatabaseDamaged(target, "这个位置是一个文件夹，不是数据库文件")
        if not target.exists():
            return
        size = target.stat().st_size
        with open(target, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise StorageUnavailable(target, describe_error(exc)) from exc
    wal = _wal_size(target)
    if size == 0:
        if wal:
            return  # everything is still in the write-ahead log; SQLite recovers it
        raise DatabaseDamaged(target, "文件是空的（0 字节），原有内容已丢失或被清空")
    if not header.startswith(_HEADER):
        raise DatabaseDamaged(
            target, "不是 SQLite 数据库文件（文件头不对，可能被覆盖或不是本程序的文件）"
        )
    if len(header) < 100:
        raise DatabaseDamaged(target, f"文件不完整（只有 {size} 字节）")
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    changes, pages = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    if not wal and pages and changes == valid_for and size < pages * page_size:
        raise DatabaseDamaged(
            target, f"文件被截断（应有 {pages * page_size} 字节，只有 {size} 字节）"
        )


def _wal_size(target: Path) -> int:
    try:
        return target.with_name(target.name + "-wal").stat().st_size
    except OSError:
        return 0


def _create(target: Path) -> None:
    """Make a new, empty WAL database at ``target`` without ever showing a half-made file.

    It is built under a private name and hard-linked into place: when two processes start on a
    fresh data dir, one link wins and the other finds a complete database already there.
    """
    tmp = target.with_name(f".{target.name}.new-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(target)
        conn = sqlite3.connect(str(tmp))
        try:
            conn.execute("PRAGMA journal_mode=WAL")  # writes the header: the file is complete
        finally:
            conn.close()
        try:
            os.link(tmp, target)
        except FileExistsError:
            pass  # another process got there first; its database is as good as ours
        except OSError:  # a file system without hard links
            if not target.exists():
                os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        raise StorageUnavailable(target, describe_error(exc)) from exc
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            try:
                leftover.unlink()
            except OSError:
                pass


def _remove_stale(target: Path) -> None:
    """Half-made files of a start that was killed before linking its database into place (they
    never held data: the link is the first moment a database exists)."""
    cutoff = time.time() - 600
    for stale in target.parent.glob(f".{target.name}.new-*"):
        try:
            if stale.stat().st_mtime < cutoff:
                stale.unlink()
        except OSError:
            pass


def move_aside(path: Path | str, now: dt.datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal/-shm) to ``<name>.corrupt-<time>``; never delete.

    Returns the new path of the database itself, to tell the agent where it went.
    """
    path = Path(path)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.replace(side, aside.with_name(aside.name + suffix))
        os.replace(path, aside)
    except OSError as exc:
        raise StorageUnavailable(path, f"无法把损坏的文件移开（{describe_error(exc)}）") from exc
    return aside


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
            if not _is_busy(exc) or time.monotonic() > deadline:
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
