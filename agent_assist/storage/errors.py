"""Storage failures in words: a damaged file versus one that cannot be used *now*.

The difference decides what happens next: a damaged file is moved aside and replaced (the agent
agrees first), a full disk or a missing permission never is — the file may be perfectly fine.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

__all__ = [
    "DatabaseDamaged",
    "StorageError",
    "StorageUnavailable",
    "describe_error",
    "is_busy",
    "is_damage",
    "is_disk_full",
]


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
    if is_damage(exc):
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


def is_damage(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    )


def is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)
