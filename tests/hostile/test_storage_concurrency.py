"""Issue 8 items 5 and 6: concurrent amendments and concurrent starts, with real processes.

Before the fix: 4 processes opening a fresh data dir crashed about half the time (``database is
locked``, ``duplicate column name``, UNIQUE constraint on the migrations table), and two processes
amending one note broke its history chain dozens of times in 300 rounds.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import subprocess
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

import pytest

from agent_assist.notes import (
    MIGRATIONS,
    AmendmentStore,
    NoteDraft,
    NoteStore,
    reason_codes_for,
)
from agent_assist.notes.rows import display_value
from agent_assist.storage import open_db

pytestmark = pytest.mark.skipif(
    "fork" not in mp.get_all_start_methods(), reason="needs fork (Linux/macOS)"
)
CTX = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
REPO = Path(__file__).resolve().parents[2]


def _open_everything(path: str) -> None:
    """What a start does: open the database and every store (each applies its migrations)."""
    from agent_assist.knowledge import FeedbackStore, ProfileStore, TierStore
    from agent_assist.notes import DraftStore, FollowUpStore
    from agent_assist.phrases.store import PhraseStore

    db = open_db(path)
    for store in (NoteStore, DraftStore, FollowUpStore, TierStore, FeedbackStore, ProfileStore):
        store(db)
    PhraseStore(db)
    db.conn.close()


def _start(path, barrier, queue) -> None:
    try:
        barrier.wait()
        _open_everything(path)
        queue.put("ok")
    except Exception as exc:  # reported to the parent, which counts the crashes
        queue.put(f"{type(exc).__name__}: {exc} | {traceback.format_exc().splitlines()[-3:]}")


def _race(path: Path, n: int) -> list[str]:
    barrier, queue = CTX.Barrier(n), CTX.Queue()
    procs = [CTX.Process(target=_start, args=(str(path), barrier, queue)) for _ in range(n)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    return results


def test_four_processes_opening_a_fresh_data_dir_never_crash(tmp_path):
    results: list[str] = []
    for round_ in range(6):
        (tmp_path / f"r{round_}").mkdir()
        results += _race(tmp_path / f"r{round_}" / "agent_assist.db", 4)
    assert Counter(results) == {"ok": 24}, Counter(results)
    db = open_db(tmp_path / "r0" / "agent_assist.db")
    names = [m.name for m in MIGRATIONS.applied(db)]
    assert names == [m.name for m in MIGRATIONS._migrations]  # each step recorded exactly once


def _make_old(path: Path) -> None:
    """A database from the first release: notes step 1 only, with a note in it."""
    db = open_db(path)
    MIGRATIONS.apply(db, stop_before="002_script_runs")
    db.execute(
        "INSERT INTO notes (id, started_at, ended_at, submitted_at, reason_text, emotion_start,"
        " emotion_end, stage, deadline, handling_minutes) VALUES (1, '2026-11-01 09:00:00',"
        " '2026-11-01 09:10:00', '2026-11-01 09:11:00', '充了100元话费没到账', '不满', '平静',"
        " '提出方案', '2026-11-02 09:00:00', 10)"
    )
    db.execute("INSERT INTO note_codes (note_id, code, started_at) VALUES (1, 7, '2026-11-01')")
    db.conn.close()


def test_three_processes_upgrading_an_old_database_never_crash(tmp_path):
    results: list[str] = []
    for round_ in range(5):
        path = tmp_path / f"r{round_}" / "agent_assist.db"
        path.parent.mkdir()
        _make_old(path)
        results += _race(path, 3)
        db = open_db(path)
        assert NoteStore(db).get(1).reason_text == "充了100元话费没到账"
        assert db.execute("SELECT count(*) FROM followups").fetchone()[0] == 1  # backfilled once
        assert db.execute("SELECT count(*) FROM note_codes").fetchone()[0] == 1
    assert Counter(results) == {"ok": 15}, Counter(results)


@pytest.mark.parametrize("round_", range(2))
def test_two_desktop_instances_on_a_fresh_data_dir_both_start(tmp_path, round_):
    """The desktop's own start-up (context, stores, window) in two processes at once."""
    # both import everything first, then start at the same instant (as two clicks on the icon
    # would, once the interpreter is warm): the race is in opening the data dir, not in imports
    code = (
        "import sys, time\n"
        "from agent_assist.gui.app import build\n"
        "import agent_assist.gui.main_window\n"
        f"time.sleep(max(0.0, {time.time() + 6} - time.time()))\n"
        "app, ctx, window = build(ask_profile=False)\n"
        "window.shutdown()\n"
        "print('started')\n"
    )
    env = {
        **os.environ,
        "AGENT_ASSIST_DATA_DIR": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO),
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0 and "started" in out, err[-2000:]


# -- concurrent amendments --------------------------------------------------------------------

ROUNDS = 300


def _amend_many(path: str, who: str, field: str, barrier, queue) -> None:
    try:
        db = open_db(path)
        store = AmendmentStore(NoteStore(db))
        codes = reason_codes_for()
        barrier.wait()
        for i in range(ROUNDS):
            changes = {field: f"{who}{field}{i}"}
            if i % 5 == 0:  # both processes also amend one shared field
                changes["customer_name"] = f"{who}客户{i}"
            store.amend(1, changes, by=who, codes=codes)
        queue.put("ok")
    except Exception as exc:
        queue.put(f"{type(exc).__name__}: {exc}")


def test_two_processes_amending_one_note_keep_its_history_whole(tmp_path):
    path = tmp_path / "agent_assist.db"
    db = open_db(path)
    note = NoteStore(db).submit(
        NoteDraft(
            started_at="2026-11-24 09:30:00",
            agent_no="A1",
            customer_name="王先生",
            reason_text="宽带断网两天",
            reason_codes="11",
            emotion_start="不满",
            emotion_end="平静",
            stage="提出方案",
            handling_minutes="9",
            solution="重启光猫",
            notes="无",
        ),
        reason_codes_for(),
    )
    assert note.id == 1
    first = {f: display_value(f, getattr(note, f)) for f in ("solution", "notes", "customer_name")}
    barrier, queue = CTX.Barrier(2), CTX.Queue()
    procs = [
        CTX.Process(target=_amend_many, args=(str(path), "甲", "solution", barrier, queue)),
        CTX.Process(target=_amend_many, args=(str(path), "乙", "notes", barrier, queue)),
    ]
    for p in procs:
        p.start()
    assert [queue.get(timeout=300) for _ in procs] == ["ok", "ok"]
    for p in procs:
        p.join(timeout=30)

    final = NoteStore(db).get(1)
    history = AmendmentStore(NoteStore(db)).history(1)
    breaks = 0
    for field, start in first.items():
        chain = [a for a in history if a.field == field]
        value = start
        for a in chain:
            breaks += a.old != value
            value = a.new
        assert value == display_value(field, getattr(final, field)), field
    assert breaks == 0
    assert final.solution == f"甲solution{ROUNDS - 1}" and final.notes == f"乙notes{ROUNDS - 1}"
    assert sum(a.field == "solution" for a in history) == ROUNDS
    assert sum(a.field == "notes" for a in history) == ROUNDS
