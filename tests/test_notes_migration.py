"""An older-schema database (only step 001 applied, full of data) upgrades without losing a row."""

from __future__ import annotations

import datetime as dt
import json

from agent_assist.notes import (
    MIGRATIONS,
    FollowUpStore,
    NoteFilter,
    NoteStore,
    handling_cost,
    reason_codes_for,
    repeat_calls,
    value_grid,
)
from agent_assist.storage import open_db

V1_NOTE = (
    "INSERT INTO notes (id, started_at, ended_at, submitted_at, agent_name, agent_no, customer_phone, reason_text,"
    " related_processes, emotion_start, emotion_end, repeat_call, previous_calls, stage, deadline, customer_value,"
    " company_value, handling_minutes) VALUES (?, ?, ?, ?, '李娜', 'A1', ?, ?, ?, ?, ?, ?, ?, '提出方案', ?, ?, ?, ?)"
)


def make_v1(path):
    """What version 1 of the app left on disk."""
    db = open_db(path)
    MIGRATIONS.apply(db, stop_before="002_script_runs")
    cols = {c.name for c in db["notes"].columns}
    assert "script_runs" not in cols and not db["followups"].exists()
    db.execute(
        V1_NOTE,
        [
            1,
            "2026-11-01 09:00:00",
            "2026-11-01 09:10:00",
            "2026-11-01 09:11:00",
            "13812345678",
            "充了100元话费没到账",
            json.dumps(["billing.recharge"]),
            "不满",
            "平静",
            0,
            0,
            "2026-11-02 09:00:00",
            "烦扰",
            "烦扰",
            10.0,
        ],
    )
    db.execute(
        V1_NOTE,
        [
            2,
            "2026-11-03 14:00:00",
            "2026-11-03 14:06:00",
            "2026-11-03 14:07:00",
            "",
            "家里信号只有一格打电话老断",
            "[]",
            "愤怒",
            "不满",
            1,
            2,
            None,
            "烦扰",
            "价值",
            6.0,
        ],
    )
    db.conn.executemany(
        "INSERT INTO note_codes (note_id, code, started_at) VALUES (?, ?, ?)",
        [
            (1, 7, "2026-11-01 09:00:00"),
            (1, 1, "2026-11-01 09:00:00"),
            (2, 9, "2026-11-03 14:00:00"),
        ],
    )
    db.execute(
        "INSERT INTO note_drafts (id, updated_at, data) VALUES ('d1', '2026-11-03 15:00:00', ?)",
        [json.dumps({"reason_text": "没写完的草稿"}, ensure_ascii=False)],
    )
    db.execute(
        "INSERT INTO note_amendments (note_id, amended_at, amended_by, field, old, new) VALUES"
        " (1, '2026-11-01 10:00:00', 'A2', 'emotion_end', '焦虑', '平静')"
    )
    db.conn.close()


def test_step_one_database_upgrades_without_loss(tmp_path):
    path = tmp_path / "old.db"
    make_v1(path)
    db = open_db(path)
    store = NoteStore(db)  # opening the store applies the missing steps
    assert [m.name for m in MIGRATIONS.applied(db)] == [
        "001_notes",
        "002_script_runs",
        "003_followups",
        "004_code_facts",
        "005_history_indexes",
        "006_tone_kept",
    ]
    assert store.count() == 2
    first = store.get(1)
    assert first.reason_text == "充了100元话费没到账" and first.reason_codes == (7, 1)
    assert first.related_processes == ("billing.recharge",) and first.script_runs == ()
    assert first.tone_kept == ()  # step 6: no kept wording recorded for older notes
    assert first.amendments == 1
    # step 3 backfilled the promised call-back
    followup = FollowUpStore(db).for_note(1)
    assert followup.due_at == dt.datetime(2026, 11, 2, 9, 0) and followup.is_open
    assert FollowUpStore(db).for_note(2) is None
    # step 4 backfilled the report facts: minutes split over the note's two codes, repeat, values
    codes = reason_codes_for()
    cost = {r.code: r.minutes for r in handling_cost(db, NoteFilter(), codes, per_minute=1).rows}
    assert cost == {7: 5.0, 1: 5.0, 9: 6.0}
    assert {r.code: r.hits for r in repeat_calls(db, NoteFilter(), codes).by_code} == {
        7: 0,
        1: 0,
        9: 1,
    }
    assert value_grid(db, NoteFilter(), codes).cell("烦扰", "价值") == [9]
    # drafts survive too
    assert db.execute("SELECT count(*) FROM note_drafts").fetchone()[0] == 1


def test_applying_twice_is_a_no_op(tmp_path):
    db = open_db(tmp_path / "new.db")
    NoteStore(db)
    NoteStore(db)
    assert len(MIGRATIONS.applied(db)) == 6
