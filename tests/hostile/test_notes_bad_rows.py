"""Issue 8 item 10 (rows): one damaged note or draft row is skipped and reported — it never
empties an export, the 历史 list or the draft offer. Item 11: amendment authors that are not
readable are refused with a field message.

Before the fix: one bad timestamp or JSON value made export write 0 rows (a traceback), and a draft
row holding a JSON list raised while the note form was built (the 记录 tab vanished).
"""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from agent_assist.cli import main
from agent_assist.notes import (
    AmendmentStore,
    DraftStore,
    NoteDraft,
    NoteInvalid,
    NoteStore,
    export_notes,
    reason_codes_for,
)
from agent_assist.storage import open_db

CODES = reason_codes_for()

BAD_VALUES = {
    "started_at": "2026-13-45 99:99:99",
    "ended_at": "昨天下午",
    "submitted_at": "2026-02-30 10:00:00",
    "deadline": "!!int abc",
    "related_processes": "{not json",
    "script_runs": "5",
    "handling_minutes": "abc",
    "previous_calls": "很多",
}


def _fill(db, n: int = 6) -> NoteStore:
    store = NoteStore(db)
    for i in range(n):
        store.submit(
            NoteDraft(
                started_at=f"2026-11-{i + 1:02d} 09:00:00",
                agent_no="A1",
                reason_text=f"第{i + 1}条小结",
                reason_codes="11",
                emotion_start="不满",
                emotion_end="平静",
                stage="提出方案",
                handling_minutes="5",
            ),
            CODES,
            now=dt.datetime(2026, 11, 30, 12, 0),
        )
    return store


@pytest.mark.parametrize("column", sorted(BAD_VALUES))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_skips_and_reports_a_bad_row(tmp_path, column, fmt):
    db = open_db(tmp_path / "a.db")
    _fill(db)
    db.execute(f"UPDATE notes SET {column} = ? WHERE id = 3", [BAD_VALUES[column]])
    skipped: list = []
    out = tmp_path / f"notes.{fmt}"
    assert export_notes(db, out, fmt, CODES, skipped=skipped) == 5
    assert [s.note_id for s in skipped] == [3]
    assert column in skipped[0].reason
    if fmt == "csv":
        with open(out, encoding="utf-8-sig", newline="") as fh:
            ids = [row[0] for row in list(csv.reader(fh))[1:]]
        assert ids == ["1", "2", "4", "5", "6"]


def test_export_command_names_the_skipped_row(capsys, tmp_path):
    db = open_db()
    _fill(db)
    db.execute("UPDATE notes SET started_at = '2026-13-45' WHERE id = 2")
    db.execute("UPDATE notes SET script_runs = '[1, 2' WHERE id = 5")
    out = tmp_path / "n.csv"
    assert main(["export", "notes", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "已导出 4 条" in err and "#2" in err and "#5" in err and "Traceback" not in err


def test_history_search_skips_bad_rows_and_says_which(tmp_path):
    db = open_db(tmp_path / "a.db")
    store = _fill(db)
    db.execute("UPDATE notes SET ended_at = 'garbage' WHERE id = 4")
    skipped: list = []
    notes = store.search(limit=200, skipped=skipped)
    assert [n.id for n in notes] == [6, 5, 3, 2, 1]
    assert [s.note_id for s in skipped] == [4]
    assert store.get(4) is None  # one damaged note reads as missing, not as a crash
    assert len(list(store.iter_notes(chunk=2))) == 5  # paging moves past it


DAMAGED_DRAFTS = ["[1, 2, 3]", '"just text"', "null", "42", "{broken", ""]


@pytest.mark.parametrize("data", DAMAGED_DRAFTS)
def test_a_damaged_draft_row_never_hides_the_others(tmp_path, data):
    db = open_db(tmp_path / "a.db")
    drafts = DraftStore(db)
    good = NoteDraft(reason_text="没写完的小结")
    drafts.save(good)
    db.execute(
        "INSERT INTO note_drafts (id, updated_at, data) VALUES ('bad', '2099-01-01 00:00:00', ?)",
        [data],
    )
    assert [d.draft_id for d in drafts.pending()] == [good.draft_id]
    assert drafts.latest().draft_id == good.draft_id
    assert drafts.get("bad") is None
    assert [bad_id for bad_id, _ in drafts.damaged()] == ["bad"]


def test_a_draft_with_wrongly_typed_fields_loads_with_defaults(tmp_path):
    db = open_db(tmp_path / "a.db")
    drafts = DraftStore(db)
    data = {
        "reason_text": 5,
        "customer_name": None,
        "related_processes": "billing.recharge",
        "script_runs": [1, {"script": "calm"}],
        "repeat_call": "yes",
        "previous_calls": "two",
        "solution_accepted": "maybe",
    }
    db.execute(
        "INSERT INTO note_drafts (id, updated_at, data) VALUES ('odd', '2026-11-01 00:00:00', ?)",
        [json.dumps(data)],
    )
    (draft,) = drafts.pending()
    assert draft.draft_id == "odd" and draft.reason_text == "5" and draft.customer_name == ""
    assert draft.related_processes == [] and draft.script_runs == [{"script": "calm"}]
    assert draft.repeat_call is False and draft.previous_calls == 0
    assert draft.solution_accepted is None
    drafts.discard(draft.draft_id)
    assert drafts.pending() == []


@pytest.mark.parametrize(
    "author", ["\x00", "\u200b", "   ", "\u3000", "\u200b\u200d\ufeff", "\t\n"]
)
def test_an_amendment_needs_a_readable_author(tmp_path, author):
    db = open_db(tmp_path / "a.db")
    store = _fill(db, 1)
    with pytest.raises(NoteInvalid) as info:
        AmendmentStore(store).amend(1, {"solution": "改了"}, by=author, codes=CODES)
    assert [e.field for e in info.value.errors] == ["agent_no"]
    assert "修正" in info.value.errors[0].message
    assert AmendmentStore(store).history(1) == []


def test_an_author_with_invisible_characters_is_recorded_without_them(tmp_path):
    db = open_db(tmp_path / "a.db")
    store = _fill(db, 1)
    (a,) = AmendmentStore(store).amend(1, {"solution": "改了"}, by="\u200bA10086\x00 ", codes=CODES)
    assert a.amended_by == "A10086"
