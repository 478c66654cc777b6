"""History view: filters narrow the list, the detail shows amendments, the amendment dialog
records a correction instead of editing the note."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from agent_assist.gui.context import AppContext
from agent_assist.gui.note_history import NoteHistory
from agent_assist.notes import AmendmentStore, NoteDraft, NoteStore, reason_codes_for
from agent_assist.storage import open_db

CODES = reason_codes_for()


def submit(store, day, codes, agent, emotion="不满", repeat=0, text="宽带光猫红灯亮了两天"):
    return store.submit(
        NoteDraft(
            started_at=f"2026-11-{day:02d} 10:00:00",
            agent_no=agent,
            reason_text=text,
            reason_codes=codes,
            emotion_start=emotion,
            emotion_end="平静",
            stage="提出方案",
            repeat_call=bool(repeat),
            previous_calls=repeat,
            customer_phone="13812345678",
            handling_minutes="5",
        ),
        CODES,
        now=dt.datetime(2026, 11, 30),
    )


@pytest.fixture
def ctx(sample_kb_dir, data_dir):
    ctx = AppContext(kb_dir=sample_kb_dir, db=open_db(data_dir / "app.db"))
    ctx.agent_no = "Q1"
    store = NoteStore(ctx.db)
    submit(store, 1, "11", "A1")
    submit(store, 5, "1 3", "B2", emotion="愤怒", repeat=2, text="这个月话费比平时多了50块")
    submit(store, 9, "3", "A1", emotion="焦虑", text="流量才用几天就没了")
    return ctx


@pytest.fixture
def view(qtbot, ctx):
    view = NoteHistory(ctx)
    qtbot.addWidget(view)
    view.show()
    return view


def shown_codes(view):
    model = view.table.model()
    return [model.index(r, 3).data() for r in range(model.rowCount())]


def test_lists_newest_first_with_count(view):
    assert shown_codes(view) == ["3", "1 3", "11"]
    assert "共 3 条" in view.count_label.text()


def test_each_filter_narrows_the_list(qtbot, view):
    view.code.setCurrentIndex(view.code.findData(3))
    assert shown_codes(view) == ["3", "1 3"]
    view.emotion.setCurrentIndex(view.emotion.findData("愤怒"))
    assert shown_codes(view) == ["1 3"]
    view.emotion.setCurrentIndex(0)
    view.code.setCurrentIndex(0)
    view.agent.setCurrentIndex(view.agent.findData("A1"))
    assert shown_codes(view) == ["3", "11"]
    view.agent.setCurrentIndex(0)
    view.repeat.setCurrentIndex(view.repeat.findData(True))
    assert shown_codes(view) == ["1 3"]
    view.repeat.setCurrentIndex(0)
    view.date_from.setDate(QDate(2026, 11, 2))
    view.date_to.setDate(QDate(2026, 11, 8))
    assert shown_codes(view) == ["1 3"]
    view.date_from.setDate(view.date_from.minimumDate())
    view.date_to.setDate(view.date_to.minimumDate())
    view.search.setText("流量")
    qtbot.waitUntil(lambda: shown_codes(view) == ["3"], timeout=2000)


def test_detail_and_amendment_dialog(qtbot, view, ctx):
    view.table.selectRow(2)  # the oldest: code 11, emotion 不满
    assert "宽带光猫红灯亮了两天" in view.detail.toPlainText()
    dialog = view.amend_selected()
    qtbot.addWidget(dialog)
    assert dialog.fields.reason_codes.text() == "11"
    dialog.fields.reason_codes.set_text("11 17")
    dialog.reason.setText("复听录音后补充代码")
    with qtbot.waitSignal(ctx.services.changed, timeout=2000) as sig:
        dialog.save()
    assert sig.args[0].note and sig.args[0].note_id is not None
    note = NoteStore(ctx.db).search()[2]
    assert note.reason_codes == (11, 17) and note.amendments == 1
    history = AmendmentStore(NoteStore(ctx.db)).history(note.id)
    assert [(a.field, a.old, a.new, a.amended_by) for a in history] == [
        ("reason_codes", "11", "11 17", "Q1")
    ]
    assert "修正记录" in view.detail.toPlainText() and "11 17" in view.detail.toPlainText()


def test_invalid_amendment_is_refused_with_the_field_message(qtbot, view, ctx):
    view.table.selectRow(0)
    dialog = view.amend_selected()
    qtbot.addWidget(dialog)
    dialog.fields.customer_phone.setText("1234")
    dialog.save()
    assert dialog.isVisible() or dialog.result() == 0
    assert "11位" in dialog.fields.errors["customer_phone"].text()
    assert dialog.fields.errors["customer_phone"].isVisible()
    assert NoteStore(ctx.db).search()[0].customer_phone == "13812345678"
    dialog.fields.customer_phone.setText("13812345678")
    dialog.save()
    assert "没有修改" in dialog.message.text()


def test_history_pages_as_the_agent_scrolls_no_more_button(qtbot, ctx, monkeypatch):
    """The model fetches the next page when the view asks (canFetchMore/fetchMore)."""
    import agent_assist.gui.note_table as note_table

    monkeypatch.setattr(note_table, "PAGE", 1)
    view = NoteHistory(ctx)
    qtbot.addWidget(view)
    model = view.table.model()
    assert model.rowCount() == 1 and model.canFetchMore()
    assert not hasattr(view, "more")  # no 加载更多 button
    view.resize(800, 600)
    view.show()
    qtbot.waitUntil(lambda: not model.canFetchMore())  # the view fetched while rows fit
    assert model.rowCount() == view.total == len(shown_codes(view))
    assert f"显示 {view.total} 条" in view.count_label.text()


def test_code_filter_includes_notes_filed_under_the_retired_number(qtbot, ctx):
    """Issue 14: 12 was retired into 23 (``legacy:``); History filtered by 23 lists the old
    notes stored under 12 too."""
    from agent_assist.notes import Note

    start = dt.datetime(2026, 10, 20, 9, 0)
    NoteStore(ctx.db).add(
        Note(
            started_at=start,
            ended_at=start + dt.timedelta(minutes=4),
            agent_name="",
            agent_no="A1",
            reason_text="想换运营商号码不变",
            reason_codes=(12,),
            emotion_start="平静",
            emotion_end="平静",
            stage="受理",
            handling_minutes=4,
        )
    )
    submit(NoteStore(ctx.db), 12, "23", "A1", text="携号转网要什么条件")
    view = NoteHistory(ctx)
    qtbot.addWidget(view)
    view.code.setCurrentIndex(view.code.findData(23))
    assert shown_codes(view) == ["23", "12"]


def test_detail_pane_only_with_a_selected_note(qtbot, view):
    """Nothing selected: no empty detail pane taking half the height from the list (1024×600);
    a selected note shows it, a refresh (new filter) hides it again."""
    assert not view.detail.isVisible()
    view.table.selectRow(0)
    assert view.detail.isVisible() and view.detail.toPlainText()
    view.refresh()
    assert not view.detail.isVisible()
