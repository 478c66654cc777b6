"""Issue 8 items 9 and 10 in the desktop: a full disk at submit tells the agent the note is not
saved and keeps it for a retry; a damaged note row or draft row never removes the 历史 or 记录 tab.

Before the fix: submit on a full disk raised out of the slot (the agent saw nothing, the note was
not filed), one bad row made the history panel fail to build, a JSON-list draft broke the form.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication

from agent_assist.gui.context import AppContext
from agent_assist.gui.note_form import NoteForm
from agent_assist.gui.note_history import NoteHistory
from agent_assist.notes import DraftStore, NoteDraft, NoteStore, reason_codes_for
from agent_assist.storage import open_db

LONG = "客户反映宽带每天晚上八点到十点断网，已经持续两周，" * 150  # needs fresh pages to store


@pytest.fixture
def ctx(sample_kb_dir, data_dir):
    ctx = AppContext(kb_dir=sample_kb_dir, db=open_db(data_dir / "app.db"))
    ctx.agent_name, ctx.agent_no = "李娜", "A10086"
    return ctx


def _form(qtbot, ctx) -> NoteForm:
    form = NoteForm(ctx)
    qtbot.addWidget(form)
    return form


def _valid(form: NoteForm) -> None:
    form._show(
        NoteDraft(
            started_at="2026-11-24 09:30:00",
            agent_name="李娜",
            agent_no="A10086",
            reason_text=LONG,
            reason_codes="11",
            emotion_start="不满",
            emotion_end="平静",
            stage="提出方案",
            handling_minutes="9",
        )
    )
    form._dirty = True


def _fill_disk(db) -> None:
    """A real SQLITE_FULL: the database may not grow by a single page."""
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")


def _free_disk(db) -> None:
    db.execute("PRAGMA max_page_count = 1073741823")


@pytest.mark.parametrize("how", ["sqlite-full", "io-error", "os-error"])
def test_submit_on_a_full_disk_keeps_the_note_and_says_so(qtbot, ctx, monkeypatch, how):
    form = _form(qtbot, ctx)
    _valid(form)
    if how == "sqlite-full":
        _fill_disk(ctx.db)
    else:
        import sqlite3

        error = (
            sqlite3.OperationalError("disk I/O error")
            if how == "io-error"
            else OSError(28, "No space left on device")
        )

        def broken(note):
            raise error

        monkeypatch.setattr(form.store, "_insert", broken)
    assert form.submit() is None  # nothing escapes the slot
    assert form.summary.isVisibleTo(form) and "还没有保存" in form.summary.text()
    assert form.fields.reason_text.toPlainText() == LONG  # still in the form
    assert NoteStore(ctx.db).count() == 0
    # the disk has room again: the same click files it
    _free_disk(ctx.db)
    monkeypatch.undo()
    note_id = form.submit()
    assert note_id and NoteStore(ctx.db).get(note_id).reason_text == LONG.strip()


def test_autosave_on_a_full_disk_says_so_and_retries(qtbot, ctx):
    form = _form(qtbot, ctx)
    _valid(form)
    _fill_disk(ctx.db)
    form.save_draft()  # a timer slot: must not raise
    assert "无法保存" in form.status.text()
    assert DraftStore(ctx.db).pending() == []
    _free_disk(ctx.db)
    form.save_draft()  # the text stayed dirty, so the next save writes it
    assert [d.reason_text for d in DraftStore(ctx.db).pending()] == [LONG]


@pytest.mark.parametrize("data", ["[1, 2, 3]", '"text"', "null", "{broken"])
def test_a_damaged_draft_row_does_not_break_the_note_form(qtbot, ctx, data):
    DraftStore(ctx.db).save(NoteDraft(reason_text="昨天没写完的小结"))
    ctx.db.execute(
        "INSERT INTO note_drafts (id, updated_at, data) VALUES ('bad', '2099-01-01 00:00:00', ?)",
        [data],
    )
    form = _form(qtbot, ctx)
    assert form.banner.isVisibleTo(form) and "昨天没写完的小结" in form.banner.label.text()


def test_history_skips_and_reports_bad_rows(qtbot, ctx):
    store = NoteStore(ctx.db)
    codes = reason_codes_for()
    for i in range(5):
        store.submit(
            NoteDraft(
                started_at=f"2026-11-0{i + 1} 09:00:00",
                agent_no="A1",
                reason_text=f"第{i + 1}条小结",
                reason_codes="11",
                emotion_start="不满",
                emotion_end="平静",
                stage="提出方案",
                handling_minutes="5",
            ),
            codes,
        )
    ctx.db.execute("UPDATE notes SET started_at = '2026-13-45' WHERE id = 2")
    ctx.db.execute("UPDATE notes SET related_processes = '{x' WHERE id = 4")
    ctx.db.execute(
        "INSERT INTO note_amendments (note_id, amended_at, amended_by, field, old, new)"
        " VALUES (1, 'not a time', 'A2', 'solution', '', ?)",
        [json.dumps({"x": 1})],
    )
    history = NoteHistory(ctx)
    qtbot.addWidget(history)
    assert history.table.model().rowCount() == 3
    assert "2 条记录已损坏" in history.count_label.text()
    assert "#2" in history.count_label.toolTip() and "#4" in history.count_label.toolTip()
    assert not history.model.canFetchMore()  # the damaged rows count as fetched
    history.table.selectRow(2)  # note 1, whose amendment has a damaged time
    assert "#1" in history.detail.toPlainText()
    QApplication.processEvents()


def test_amending_on_a_full_disk_keeps_the_dialog_and_the_note(qtbot, ctx):
    from agent_assist.gui.note_amend import AmendDialog

    store = NoteStore(ctx.db)
    codes = reason_codes_for()
    form = _form(qtbot, ctx)
    _valid(form)
    note = store.get(form.submit())
    dialog = AmendDialog(ctx, note, codes)
    qtbot.addWidget(dialog)
    dialog.fields.solution.setPlainText("复听录音后补充：已派单上门" * 200)
    dialog.reason.setText("复听录音")
    _fill_disk(ctx.db)
    dialog.save()  # must not raise out of the button's slot
    assert dialog.result() == 0 and "修正还没有保存" in dialog.message.text()
    assert store.get(note.id).solution == note.solution
    _free_disk(ctx.db)
    dialog.save()
    assert dialog.result() == 1 and store.get(note.id).amendments == 1
