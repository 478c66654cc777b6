"""Issue 8 item 11: ``report`` and ``export`` only read — they work in a read-only data dir and
leave the data dir exactly as it was (no -wal/-shm, no migration).

Before the fix both opened the database read-write (and applied migrations), so a read-only data
dir made them fail with a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import subprocess

import pytest

from agent_assist.cli import main
from agent_assist.knowledge import FeedbackStore
from agent_assist.notes import MIGRATIONS, NoteDraft, NoteStore, reason_codes_for
from agent_assist.storage import db_path, open_db


def _fill() -> None:
    db = open_db()
    store = NoteStore(db)
    for i in range(3):
        store.submit(
            NoteDraft(
                started_at=f"2026-11-0{i + 1} 09:00:00",
                agent_no="A1",
                reason_text=f"客户来电{i}，号码13800138000",
                reason_codes="11",
                emotion_start="不满",
                emotion_end="平静",
                stage="提出方案",
                handling_minutes="5",
            ),
            reason_codes_for(),
            now=dt.datetime(2026, 11, 30),
        )
    FeedbackStore(db)
    db.conn.close()  # the last connection checkpoints and removes -wal/-shm


def _readonly(folder):
    """Make ``folder`` read-only for this process: chmod for a normal user; root ignores file
    modes, so a read-only bind mount instead (skipped where mounting is not allowed)."""
    if os.geteuid() != 0:
        for p in folder.iterdir():
            p.chmod(0o444)
        folder.chmod(0o555)
        return lambda: folder.chmod(0o755)
    try:
        subprocess.run(
            ["mount", "--bind", str(folder), str(folder)], check=True, capture_output=True
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("cannot make a read-only folder as root here (no bind mounts)")
    undo = lambda: subprocess.run(["umount", "-l", str(folder)], capture_output=True)  # noqa: E731
    try:
        subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(folder)], check=True, capture_output=True
        )
    except subprocess.CalledProcessError:
        undo()
        pytest.skip("cannot remount read-only here")
    return undo


@pytest.fixture
def readonly_data_dir(data_dir):
    _fill()
    undo = _readonly(data_dir)
    with pytest.raises(OSError):
        (data_dir / "probe").write_text("x")
    yield data_dir
    undo()


def test_report_notes_works_in_a_readonly_data_dir(readonly_data_dir, capsys):
    assert main(["report", "notes"]) == 0
    assert "共 3 通" in capsys.readouterr().out


def test_report_feedback_works_in_a_readonly_data_dir(readonly_data_dir, capsys):
    assert main(["report", "feedback"]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_export_works_in_a_readonly_data_dir(readonly_data_dir, tmp_path, capsys):
    out = tmp_path / "notes.csv"
    assert main(["export", "notes", "--out", str(out)]) == 0
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 4 and "13800138000" not in str(rows)


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "notes"],
        ["report", "notes", "--json"],
        ["report", "feedback"],
        ["export", "notes"],
    ],
)
def test_reading_commands_never_write_the_database(data_dir, tmp_path, argv, capsys):
    _fill()
    before = db_path().read_bytes()
    if argv[0] == "export":
        argv = [*argv, "--out", str(tmp_path / "n.xlsx")]
    assert main(argv) == 0
    assert db_path().read_bytes() == before
    wal = db_path().with_name("agent_assist.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # nothing written, not even to the log


def test_an_old_database_in_a_readonly_place_is_read_without_upgrading_it(data_dir, capsys):
    """An older version's file: the reader upgrades an in-memory copy; the file stays old."""
    db = open_db()
    MIGRATIONS.apply(db, stop_before="002_script_runs")
    db.execute(
        "INSERT INTO notes (id, started_at, ended_at, submitted_at, reason_text, emotion_start,"
        " emotion_end, stage, handling_minutes) VALUES (1, '2026-11-01 09:00:00',"
        " '2026-11-01 09:10:00', '2026-11-01 09:11:00', '旧版本的小结', '不满', '平静', '提出方案', 10)"
    )
    db.conn.close()
    before = db_path().read_bytes()
    reader = open_db(readonly=True)
    assert NoteStore(reader).get(1).reason_text == "旧版本的小结"
    assert db_path().read_bytes() == before


def test_no_database_yet_reads_as_empty(data_dir, capsys):
    assert main(["report", "notes"]) == 0
    assert "共 0 通" in capsys.readouterr().out
    assert not db_path().exists()
