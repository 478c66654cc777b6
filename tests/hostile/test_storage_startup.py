"""Issue 8 item 10 at start-up: the desktop app with a damaged database names the file, offers to
move it aside (never deleting it) and starts fresh — or quits with the reason, untouched.

Before the fix the app died with a raw traceback (``file is not a database``), and a zero-length
file started an empty app without a word.
"""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from agent_assist.gui import app as app_module
from agent_assist.storage import db_path


def _damage(kind: str):
    path = db_path()
    if kind == "directory":
        path.mkdir()
    elif kind == "zero-length":
        path.write_bytes(b"")
    else:
        path.write_bytes(os.urandom(20000))
    return path


def _answer(button_text: str, seen: list) -> None:
    """Click ``button_text`` in the modal dialog once it is up (as the agent would)."""

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append((box.objectName(), box.text(), box.informativeText()))
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
                return
        box.done(0)  # a lone OK button named differently in this locale

    QTimer.singleShot(20, click)


@pytest.mark.parametrize("kind", ["random-bytes", "directory", "zero-length"])
def test_the_agent_moves_a_damaged_database_aside_and_starts_fresh(qtbot, kind):
    path = _damage(kind)
    seen: list = []
    _answer("移到一旁并重新开始", seen)
    db = app_module.open_database(interactive=True)
    assert seen and seen[0][0] == "corruptDatabaseDialog"
    assert str(path) in seen[0][1] and "corrupt" in seen[0][2]
    aside = [p for p in path.parent.iterdir() if p.name.startswith("agent_assist.db.corrupt-")]
    assert len(aside) == 1  # kept, under a new name
    assert db.execute("SELECT count(*) FROM sqlite_master").fetchone() is not None
    assert path.is_file()


def test_quitting_leaves_the_damaged_file_where_it_was(qtbot):
    path = _damage("random-bytes")
    before = path.read_bytes()
    seen: list = []
    _answer("退出", seen)
    with pytest.raises(app_module.StartupFailed) as info:
        app_module.open_database(interactive=True)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["agent_assist.db"]


def test_non_interactive_start_reports_and_exits(qtbot, capsys, tmp_path):
    """``--screenshot`` (and any start without an agent at the screen): no dialog, exit 1."""
    path = _damage("random-bytes")
    args = SimpleNamespace(screenshot=tmp_path / "x.png", kb=None, sub_kb=None, lang=None)
    assert app_module.run(args) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "损坏" in err and "Traceback" not in err
    assert path.exists() and not (tmp_path / "x.png").exists()


def test_a_disk_problem_is_shown_and_the_file_left_alone(qtbot, monkeypatch):
    from agent_assist.storage import StorageUnavailable

    def unavailable(path=None, **kw):
        raise StorageUnavailable(db_path(), "磁盘已满（database or disk is full）")

    monkeypatch.setattr("agent_assist.storage.open_db", unavailable)
    seen: list = []
    _answer("OK", seen)
    with pytest.raises(app_module.StartupFailed):
        app_module.open_database(interactive=True)
    assert seen and seen[0][0] == "databaseProblemDialog" and "磁盘已满" in seen[0][1]
