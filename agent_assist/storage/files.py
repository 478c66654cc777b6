"""The database file itself: what can be told before SQLite opens it, creating it whole, and
moving a damaged one aside (never deleting it)."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sqlite3
import struct
import time
from pathlib import Path

from agent_assist.storage.errors import DatabaseDamaged, StorageUnavailable, describe_error

__all__ = ["check_file", "create", "move_aside"]

_HEADER = b"SQLite format 3\x00"


def check_file(target: Path) -> None:
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


def create(target: Path) -> None:
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
