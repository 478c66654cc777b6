"""Issue 8 item 10: a damaged database file is named, moved aside (never deleted), and a fresh
one offered; item 9: a database that cannot be opened *now* (full disk, I/O error) is reported as
such and left alone.

Before the fix: truncated / random / text-file / directory databases gave a raw traceback, and a
zero-length file silently started empty.
"""

from __future__ import annotations

import os
import sqlite3

import pytest

from agent_assist.cli import main
from agent_assist.notes import NoteDraft, NoteStore, reason_codes_for
from agent_assist.storage import (
    DatabaseDamaged,
    StorageUnavailable,
    db_path,
    move_aside,
    open_db,
)
from agent_assist.storage import db as storage_db


def _filled(path, n: int = 300) -> None:
    """A real database with enough notes to span many pages, checkpointed and closed."""
    db = open_db(path)
    store = NoteStore(db)
    codes = reason_codes_for()
    with db.atomic():
        for i in range(n):
            _submit(store, codes, i)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()


def _submit(store, codes, i):
    store.submit(
        NoteDraft(
            started_at=f"2026-11-{1 + i % 28:02d} 09:00:00",
            agent_no="A1",
            reason_text=f"第{i}条：宽带断网，客户说得很长很长" * 3,
            reason_codes="11",
            emotion_start="不满",
            emotion_end="平静",
            stage="提出方案",
            handling_minutes="5",
        ),
        codes,
    )


def _truncated(path):
    _filled(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _truncated_header(path):
    _filled(path, 5)
    path.write_bytes(path.read_bytes()[:60])


def _random(path):
    path.write_bytes(os.urandom(64 * 1024))


def _text(path):
    path.write_text("这不是数据库\nname,phone\n王先生,13800138000\n" * 100, encoding="utf-8")


def _directory(path):
    path.mkdir()
    (path / "something.txt").write_text("kept", encoding="utf-8")


def _zero(path):
    path.write_bytes(b"")


def _garbage_pages(path):
    """A valid header, then garbage where the schema page should be."""
    _filled(path, 20)
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(4096 - 100)
    path.write_bytes(bytes(data))


def _garbage_table_root(path):
    """Schema intact, but the root page of the notes table overwritten."""
    _filled(path, 50)
    db = sqlite3.connect(path)
    (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'notes'").fetchone()
    db.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * 4096
    data[start : start + 4096] = os.urandom(4096)
    path.write_bytes(bytes(data))


DAMAGE = {
    "truncated": _truncated,
    "truncated-header": _truncated_header,
    "random-bytes": _random,
    "text-file": _text,
    "directory": _directory,
    "zero-length": _zero,
    "garbage-schema-page": _garbage_pages,
    "garbage-table-root": _garbage_table_root,
}


def _snapshot(path):
    if path.is_dir():
        return sorted(p.name for p in path.iterdir())
    return path.read_bytes()


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_damaged_file_is_named_and_moved_aside_never_deleted(tmp_path, kind):
    path = tmp_path / "agent_assist.db"
    DAMAGE[kind](path)
    before = _snapshot(path)
    with pytest.raises(DatabaseDamaged) as info:
        open_db(path)
    assert str(path) in info.value.message and "损坏" in info.value.message
    assert _snapshot(path) == before  # opening touched nothing
    aside = move_aside(path)
    assert aside.name.startswith("agent_assist.db.corrupt-")
    assert _snapshot(aside) == before and not path.exists()
    fresh = open_db(path)  # and a fresh start works
    assert NoteStore(fresh).count() == 0


def test_move_aside_never_overwrites_an_earlier_corrupt_copy(tmp_path):
    path = tmp_path / "agent_assist.db"
    seen = set()
    for i in range(3):
        path.write_bytes(f"garbage {i}".encode())
        aside = move_aside(path)
        seen.add(aside.read_bytes())
    assert len(seen) == 3


@pytest.mark.parametrize("kind", sorted(DAMAGE))
@pytest.mark.parametrize("command", ["report", "export"])
def test_commands_name_the_damaged_file_without_a_traceback(tmp_path, capsys, kind, command):
    path = db_path()
    DAMAGE[kind](path)
    before = _snapshot(path)
    argv = (
        ["report", "notes"]
        if command == "report"
        else ["export", "notes", "--out", str(tmp_path / "out.csv")]
    )
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "损坏" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert _snapshot(path) == before  # the shell never moves or repairs it
    assert not (tmp_path / "out.csv").exists()


def test_full_disk_at_open_is_not_called_damage_and_the_file_stays(tmp_path, monkeypatch):
    """A full disk (or a failed index build that filled it) makes opening fail with an I/O
    error: that must say so, and must never move a healthy database aside."""
    path = tmp_path / "agent_assist.db"
    _filled(path, 5)
    before = path.read_bytes()
    real = storage_db._configure

    def failing(conn, memory=False):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(storage_db, "_configure", failing)
    with pytest.raises(StorageUnavailable) as info:
        open_db(path)
    assert "磁盘读写错误" in info.value.message and str(path) in info.value.message
    assert not isinstance(info.value, DatabaseDamaged)
    assert path.read_bytes() == before
    monkeypatch.setattr(storage_db, "_configure", real)
    assert NoteStore(open_db(path)).count() == 5  # once the disk has room, all is there


def test_orphan_index_temp_files_do_not_stop_the_notes_database(tmp_path, monkeypatch):
    """What a failed index build leaves behind (cache/tmp*) is not the notes store's business."""
    from agent_assist.storage import cache_dir

    (cache_dir() / "tmpabc123").write_bytes(os.urandom(4096))
    (cache_dir() / "tmpdir").mkdir()
    store = NoteStore(open_db())
    assert store.count() == 0


def test_a_wal_only_database_is_not_mistaken_for_an_empty_file(tmp_path):
    """Zero bytes in the main file but committed data in the -wal: SQLite recovers it."""
    path = tmp_path / "agent_assist.db"
    db = open_db(path)
    NoteStore(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("CREATE TABLE extra (x)")  # lives only in the -wal for now
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0
    open_db(path)  # no DatabaseDamaged although a reader can see a fresh file here
