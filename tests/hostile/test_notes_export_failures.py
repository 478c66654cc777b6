"""Issue 8 items 9 and 11: an export that cannot be written (full disk, unwritable path) says so
in one line, exits 1, and leaves no partial file behind — an existing file keeps its content.

Before the fix an XLSX export to a full disk ended in a traceback and a truncated file.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agent_assist.cli import main
from agent_assist.notes import NoteDraft, NoteStore, export_notes, reason_codes_for
from agent_assist.notes import export as export_module
from agent_assist.storage import open_db

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def filled(data_dir):
    db = open_db()
    store = NoteStore(db)
    with db.atomic():
        _add(store)
    return data_dir


def _add(store):
    codes = reason_codes_for()
    for i in range(40):
        store.submit(
            NoteDraft(
                started_at=f"2026-11-{1 + i % 28:02d} 09:00:00",
                agent_no="A1",
                reason_text="客户说宽带断网两天，" * 20,
                reason_codes="11",
                emotion_start="不满",
                emotion_end="平静",
                stage="提出方案",
                handling_minutes="5",
            ),
            codes,
        )


class _FullDisk:
    """A binary file that fills up after ``room`` bytes, as a full disk does."""

    def __init__(self, fh, room: int) -> None:
        self.fh, self.room = fh, room

    def write(self, data) -> int:
        if len(data) > self.room:
            self.fh.write(bytes(data[: self.room]))
            self.room = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return self.fh.write(data)

    def __getattr__(self, name):
        return getattr(self.fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("room", [0, 100, 5000])
def test_full_disk_gives_one_line_and_no_partial_file(
    filled, tmp_path, monkeypatch, capsys, fmt, room
):
    real = export_module._open_output
    monkeypatch.setattr(export_module, "_open_output", lambda fd: _FullDisk(real(fd), room))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / f"notes.{fmt}"
    assert main(["export", "notes", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "磁盘已满" in err and str(out) in err
    assert _leftovers(out_dir) == []  # neither the file nor a temporary one


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_failed_export_keeps_the_previous_file(filled, tmp_path, monkeypatch, fmt):
    out = tmp_path / f"notes.{fmt}"
    out.write_bytes(b"last month's export")
    real = export_module._open_output
    monkeypatch.setattr(export_module, "_open_output", lambda fd: _FullDisk(real(fd), 2000))
    with pytest.raises(OSError):
        export_notes(open_db(), out, fmt, reason_codes_for())
    assert out.read_bytes() == b"last month's export"
    assert _leftovers(tmp_path) == [f"notes.{fmt}"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_real_full_device(filled, fmt):
    """In a real process, so whatever a half-written zip prints on its way out is seen too."""
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "agent_assist",
            "export",
            "notes",
            "--format",
            fmt,
            "--out",
            "/dev/full",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert run.returncode == 1
    assert "磁盘已满" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert os.path.exists("/dev/full") and not os.path.isfile("/dev/full")


def _unwritable(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    paths = {
        "parent-is-a-file": blocker / "notes.xlsx",
        "a-directory": tmp_path,
    }
    if sys.platform.startswith("linux"):
        paths["proc"] = "/proc/agent-assist-notes.xlsx"
    return paths


@pytest.mark.parametrize("kind", ["parent-is-a-file", "a-directory", "proc"])
def test_unwritable_path_gives_one_line(filled, tmp_path, capsys, kind):
    paths = _unwritable(tmp_path)
    if kind not in paths:
        pytest.skip("Linux only")
    before = _leftovers(tmp_path)
    assert main(["export", "notes", "--format", "xlsx", "--out", str(paths[kind])]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "无法写入" in err
    assert _leftovers(tmp_path) == before
