"""The note form, driven from the keyboard with pytest-qt: type, pick codes by number, Ctrl+Enter,
see a message under an invalid field, get the draft offered back after the app went away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QVBoxLayout

from agent_assist.gui.note_form import NoteForm
from agent_assist.notes import DraftStore, FollowUpStore, NoteStore
from tests.gui.gui_helpers import fill_valid, ime


def test_typing_numbers_ticks_codes_and_ticking_writes_numbers(qtbot, note_form):
    picker = note_form.fields.reason_codes
    qtbot.keyClicks(picker.edit, "3 23")
    checked = [
        picker.list.item(r).data(Qt.UserRole)
        for r in range(picker.list.count())
        if picker.list.item(r).checkState() == Qt.Checked
    ]
    assert checked == [3, 23]
    assert "3 " in picker.chosen.text() and "23 " in picker.chosen.text()
    item = picker.list.item(0)  # code 1
    item.setCheckState(Qt.Checked)
    assert picker.edit.text() == "3 23 1"
    picker.list.item(2).setCheckState(Qt.Unchecked)  # code 3
    assert picker.edit.text() == "23 1"


def test_ctrl_enter_submits_and_starts_a_new_call(qtbot, note_form, agent_ctx):
    if agent_ctx.kb.get("billing.recharge"):
        agent_ctx.call.viewed.append("billing.recharge")
    fill_valid(qtbot, note_form)
    qtbot.keyClicks(note_form.fields.deadline, "24h")
    calls = []
    agent_ctx.services.changed.connect(lambda change: change.call and calls.append(1))
    with qtbot.waitSignal(agent_ctx.services.changed, timeout=2000) as sig:
        qtbot.keyClick(note_form.fields.customer_phone, Qt.Key_Return, Qt.ControlModifier)
    change = sig.args[0]
    assert change.note and change.followup  # History, Reports, Follow-ups, status bar refresh
    note = NoteStore(agent_ctx.db).get(change.note_id)
    assert note.reason_codes == (7, 1)
    assert note.customer_phone == "13812345678"
    assert (note.agent_name, note.agent_no) == ("李娜", "A10086")
    assert FollowUpStore(agent_ctx.db).open_count() == 1
    assert calls == [1]
    assert note_form.fields.reason_text.toPlainText() == ""  # fresh form for the next call
    assert DraftStore(agent_ctx.db).pending() == []


def test_invalid_fields_show_their_own_message_and_clear_when_fixed(qtbot, note_form, agent_ctx):
    fill_valid(qtbot, note_form)
    qtbot.keyClicks(note_form.fields.customer_phone, "9")  # 12 digits now
    qtbot.keyClick(note_form.fields.reason_text, Qt.Key_Enter, Qt.ControlModifier)
    error = note_form.fields.errors["customer_phone"]
    assert error.isVisible() and "11位" in error.text() and "010-12345678" in error.text()
    assert note_form.fields.customer_phone.property("invalid") is True
    assert note_form.fields.customer_phone.hasFocus()
    assert "1 项" in note_form.summary.text()
    assert NoteStore(agent_ctx.db).count() == 0
    assert DraftStore(agent_ctx.db).pending()[0].customer_phone.endswith("9")  # kept while fixing
    qtbot.keyClick(note_form.fields.customer_phone, Qt.Key_Backspace)
    assert not error.isVisible() and not note_form.summary.isVisible()
    assert note_form.fields.customer_phone.property("invalid") is False


def test_empty_submit_names_every_required_field(qtbot, note_form):
    note_form.fields.agent_no.clear()
    note_form.fields.agent_name.clear()
    note_form.submit()
    shown = {name for name, label in note_form.fields.errors.items() if label.isVisible()}
    assert shown == {
        "reason_text",
        "reason_codes",
        "emotion_start",
        "emotion_end",
        "stage",
        "agent_no",
    }
    assert note_form.fields.reason_text.hasFocus()


def test_autosave_after_typing_pause_and_offered_back_on_next_start(qtbot, agent_ctx):
    note_form = NoteForm(agent_ctx)
    qtbot.addWidget(note_form)
    note_form.show()
    ime(note_form.fields.reason_text, "宽带光猫红灯亮了两天")
    qtbot.keyClicks(note_form.fields.reason_codes.edit, "11")
    assert DraftStore(agent_ctx.db).pending() == []  # not yet: waits for the pause
    with qtbot.waitSignal(note_form.draftSaved, timeout=2000):
        pass
    saved = DraftStore(agent_ctx.db).pending()
    assert len(saved) == 1 and saved[0].reason_codes == "11"
    note_form.close()
    note_form.deleteLater()

    again = NoteForm(agent_ctx)  # "next start"
    qtbot.addWidget(again)
    again.show()
    assert again.banner.isVisible() and "宽带光猫红灯" in again.banner.label.text()
    qtbot.mouseClick(again.banner.restore_button, Qt.LeftButton)
    assert again.fields.reason_text.toPlainText() == "宽带光猫红灯亮了两天"
    assert again.fields.reason_codes.selected() == [11]
    assert not again.banner.isVisible()
    assert again.draft.draft_id == saved[0].draft_id  # keeps editing the same draft


def test_continuous_typing_is_saved_at_least_every_two_seconds(qtbot, note_form, agent_ctx):
    clock = [100.0]
    note_form._clock = lambda: clock[0]
    edit = note_form.fields.customer_phone
    for i, t in enumerate((0.0, 0.5, 1.0, 1.4)):
        clock[0] = 100.0 + t
        qtbot.keyClicks(edit, str(i))
    assert DraftStore(agent_ctx.db).pending() == []  # no pause yet, under the limit
    clock[0] = 101.6
    qtbot.keyClicks(edit, "4")
    assert DraftStore(agent_ctx.db).pending()[0].customer_phone == "01234"  # saved without a pause


def test_relative_deadline_is_pinned_to_a_time_on_leaving_the_field(qtbot, note_form, agent_ctx):
    import datetime as dt

    qtbot.keyClicks(note_form.fields.deadline, "24h")
    note_form.fields.deadline.editingFinished.emit()
    expected = agent_ctx.call.started_at + dt.timedelta(hours=24)
    assert note_form.fields.deadline.text() == expected.strftime("%Y-%m-%d %H:%M")
    note_form.fields.deadline.setText("明天吧")
    note_form.fields.deadline.editingFinished.emit()
    assert (
        note_form.fields.deadline.text() == "明天吧"
    )  # unreadable stays as typed; submit explains


@pytest.mark.parametrize(
    "typed, days, clock",
    [("明天下午", 1, "18:00"), ("后天上午", 2, "12:00"), ("明天18:00", 1, "18:00")],
)
def test_spoken_deadlines_are_pinned_on_leaving_the_field(
    qtbot, note_form, agent_ctx, typed, days, clock
):
    import datetime as dt

    ime(note_form.fields.deadline, typed)
    qtbot.keyClick(note_form.fields.deadline, Qt.Key_Tab)  # leaving the field, as the agent does
    day = (agent_ctx.call.started_at + dt.timedelta(days=days)).strftime("%Y-%m-%d")
    assert note_form.fields.deadline.text() == f"{day} {clock}"
    assert (
        note_form.current_draft().deadline == f"{day} {clock}"
    )  # the autosaved draft has the time


def test_working_days_deadline_is_pinned_from_the_call_start(qtbot, note_form):
    note_form.draft.started_at = "2026-11-27 17:00:00"  # a Friday
    ime(note_form.fields.deadline, "3个工作日内")
    note_form.fields.deadline.editingFinished.emit()
    assert note_form.fields.deadline.text() == "2026-12-02 17:00"


def test_discarding_an_offered_draft(qtbot, agent_ctx):
    from agent_assist.notes import NoteDraft

    DraftStore(agent_ctx.db).save(NoteDraft(reason_text="旧草稿"))
    note_form = NoteForm(agent_ctx)
    qtbot.addWidget(note_form)
    note_form.show()
    assert note_form.banner.isVisible()
    qtbot.mouseClick(note_form.banner.discard_button, Qt.LeftButton)
    assert not note_form.banner.isVisible() and DraftStore(agent_ctx.db).pending() == []


def test_focus_change_saves_at_once(qtbot, note_form, agent_ctx):
    qtbot.keyClicks(note_form.fields.customer_phone, "13812345678")
    note_form.fields.customer_name.setFocus()
    QApplication.processEvents()
    assert DraftStore(agent_ctx.db).pending()[0].customer_phone == "13812345678"


def test_esc_keeps_the_draft_and_closes_a_dialog(qtbot, agent_ctx):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    note_form = NoteForm(agent_ctx, dialog)
    QVBoxLayout(dialog).addWidget(note_form)
    dialog.show()
    qtbot.waitExposed(dialog)
    ime(note_form.fields.reason_text, "营业员答应的折扣没有给")
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.keyClick(note_form.fields.reason_text, Qt.Key_Escape)
    assert DraftStore(agent_ctx.db).pending()[0].reason_text == "营业员答应的折扣没有给"


def test_call_context_prefills_processes_and_script_runs(qtbot, agent_ctx):
    pid = next(iter(agent_ctx.kb)).id
    agent_ctx.call.viewed.append(pid)
    agent_ctx.call.customer_title = "王先生"
    run = {
        "script": "calm-angry-caller",
        "title": "安抚愤怒客户",
        "path": ["a", "b"],
        "escalated": True,
    }
    agent_ctx.call.script_runs.append(run)
    note_form = NoteForm(agent_ctx)
    qtbot.addWidget(note_form)
    assert note_form.fields.related_processes.count() == 1
    assert note_form.fields.related_processes.item(0).checkState() == Qt.Checked
    assert note_form.fields.customer_name.text() == "王先生"
    assert (
        "安抚愤怒客户" in note_form.scripts_label.text()
        and "已升级" in note_form.scripts_label.text()
    )
    other = list(agent_ctx.kb)[1].id
    agent_ctx.processOpened.emit(other, "查询")
    assert note_form.fields.related_processes.count() == 2
    second = {"script": "polite-repetition", "title": "礼貌重复", "finished": True}
    agent_ctx.scriptRunFinished.emit(second)
    agent_ctx.scriptRunFinished.emit(second)  # the same run twice is attached once
    assert note_form.current_draft().script_runs == [run, second]
    fill_valid(qtbot, note_form)
    note_id = note_form.submit()
    note = NoteStore(agent_ctx.db).get(note_id)
    assert note.related_processes == (pid, other)
    assert note.script_runs == (run, second)


def test_tab_order_follows_the_form(qtbot, note_form):
    f = note_form.fields
    f.reason_text.setFocus()
    qtbot.keyClick(f.reason_text, Qt.Key_Tab)
    assert f.reason_codes.edit.hasFocus()
    qtbot.keyClick(f.reason_codes.edit, Qt.Key_Tab)
    assert f.customer_name.hasFocus()
    qtbot.keyClick(f.customer_name, Qt.Key_Tab)
    assert f.customer_phone.hasFocus()


def test_a_script_run_that_classified_the_complaint_fills_the_complaint_type(qtbot, agent_ctx):
    """Issue 14 item 5: the 事务型/态度型/意见型 step lands in the note — unless the agent chose."""
    note_form = NoteForm(agent_ctx)
    qtbot.addWidget(note_form)
    box = note_form.fields.complaint_type
    assert box.currentData() == ""
    agent_ctx.scriptRunFinished.emit(
        {"script_id": "complaint-four-stage", "complaint_type": "态度型"}
    )
    assert box.currentData() == "态度型"
    agent_ctx.scriptRunFinished.emit({"script_id": "opinion-feedback", "complaint_type": "意见型"})
    assert box.currentData() == "态度型"  # set already: the agent's (or first) choice stays
