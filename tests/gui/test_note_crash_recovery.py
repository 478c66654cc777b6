"""End to end: the app is killed with SIGKILL mid-draft; the next start offers the draft back.

A child process runs the real NoteForm offscreen on its own data dir, types a Chinese reason
through an input-method commit and then keeps typing a letter every 50 ms, printing how much it
has typed and when. After ~2.5 s the test kills it with SIGKILL (no Qt shutdown, no atexit, no
focus-out save). A new NoteForm on the same data dir must offer the draft back, and restoring it
must give what was typed, losing at most the last 2 s of typing (issue 4's promise).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from agent_assist.gui.context import AppContext
from agent_assist.gui.note_form import NoteForm
from agent_assist.storage import open_db

PREFIX = "宽带装了三天还没人上门"
TAIL = "abcdefghijklmnopqrstuvwxyz" * 4

CHILD = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.note_form import NoteForm
    from agent_assist.storage import open_db

    kb_dir, prefix, tail = sys.argv[1:4]
    app = QApplication([])
    ctx = AppContext(kb_dir=kb_dir, db=open_db())
    ctx.agent_name, ctx.agent_no = "李娜", "A10086"
    form = NoteForm(ctx)
    form.show()
    edit = form.fields.reason_text
    edit.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(prefix)
    QApplication.sendEvent(edit, event)
    print("typed", len(prefix), time.monotonic(), flush=True)
    count = [0]

    def tick():
        if count[0] < len(tail):
            QTest.keyClicks(edit, tail[count[0]])
            count[0] += 1
            print("typed", len(prefix) + count[0], time.monotonic(), flush=True)

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(50)
    app.exec()
    """
)


def _reader(stream, lines: list[tuple[int, float]], started: threading.Event) -> None:
    for raw in stream:
        parts = raw.split()
        if len(parts) == 3 and parts[0] == "typed":
            lines.append((int(parts[1]), float(parts[2])))
            started.set()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_draft_survives_sigkill_and_is_offered_back(qtbot, sample_kb_dir, data_dir, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "AGENT_ASSIST_DATA_DIR": str(data_dir)}
    errors = open(tmp_path / "child.err", "w+", encoding="utf-8")  # noqa: SIM115 - the child writes to it until it is killed
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(sample_kb_dir), PREFIX, TAIL],
        env=env,
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
        encoding="utf-8",
    )
    typed: list[tuple[int, float]] = []
    started = threading.Event()
    reader = threading.Thread(target=_reader, args=(child.stdout, typed, started), daemon=True)
    reader.start()
    try:
        if not started.wait(60):
            errors.seek(0)
            pytest.fail("the child never started typing:\n" + errors.read()[-2000:])
        time.sleep(2.5)
        assert child.poll() is None, "the child exited on its own"
        killed_at = time.monotonic()
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        reader.join(5)
        errors.close()

    full = PREFIX + TAIL
    safe = max((n for n, t in typed if t <= killed_at - 2.0), default=len(PREFIX))
    assert typed[-1][0] > safe, (
        "typing must have continued into the last 2 s for the test to mean anything"
    )

    db = open_db()  # the same data dir, as the next start would open it
    assert str(data_dir) in db.execute("PRAGMA database_list").fetchall()[0][2]
    form = NoteForm(AppContext(kb_dir=sample_kb_dir, db=db))
    qtbot.addWidget(form)
    form.show()
    assert form.banner.isVisible()
    assert PREFIX[:10] in form.banner.label.text()
    form.restore_offered()
    restored = form.fields.reason_text.toPlainText()
    assert full.startswith(restored), restored
    assert len(restored) >= safe, (len(restored), safe, typed[-1][0])
    assert (form.fields.agent_name.text(), form.fields.agent_no.text()) == ("李娜", "A10086")
