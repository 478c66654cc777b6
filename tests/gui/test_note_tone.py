"""Tone help in the note form (issue 9 item 6): findings spelled out beside the field with a
one-click rewrite, and a submit with findings still open asks once; going on records that the
agent kept the wording. Uses sentences today's rules flag (我不能帮您办理, 没办法)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from agent_assist.notes import NoteStore
from tests.gui.gui_helpers import fill_valid, ime

FLAGGED = "这个我不能帮您办理。"


def type_and_wait(qtbot, note_form, name, text):
    panel = note_form.tone.panels[name]
    with qtbot.waitSignal(panel.highlighter.findingsChanged, timeout=2000):
        ime(getattr(note_form.fields, name), text)
    return panel


def answer(note_form, text):
    def click():
        if note_form.tone.box is None:
            QTimer.singleShot(20, click)
            return
        next(b for b in note_form.tone.box.buttons() if b.text() == text).click()

    QTimer.singleShot(0, click)


def test_findings_show_beside_the_field_with_what_why_and_the_rewrite(qtbot, note_form):
    panel = type_and_wait(qtbot, note_form, "solution", "您好。" + FLAGGED)
    assert panel.isVisible()
    # in the field's own row, right under the text box
    assert panel.parentWidget() is note_form.fields.solution.parentWidget()
    [row] = panel.texts()
    finding = panel.placed[0].finding
    assert finding.text in row and finding.message in row and finding.suggestion in row
    panel.apply(0)
    text = note_form.fields.solution.toPlainText()
    assert text.startswith("您好。") and "不能帮您办理" not in text
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=2000)  # clean now


def test_polite_text_shows_no_panel(qtbot, note_form):
    ime(note_form.fields.solution, "已为您登记，24小时内回电。")
    qtbot.wait(300)
    assert not note_form.tone.panels["solution"].isVisible()


def test_submit_with_open_findings_asks_once_and_going_back_keeps_the_note(
    qtbot, note_form, agent_ctx
):
    fill_valid(qtbot, note_form)
    panel = type_and_wait(qtbot, note_form, "notes", "这个没办法，我再帮您问问。")
    assert [p.finding.text for p in panel.placed] == ["没办法"]
    answer(note_form, "返回修改")
    assert note_form.submit() is None
    assert NoteStore(agent_ctx.db).count() == 0
    qtbot.waitUntil(note_form.fields.notes.hasFocus, timeout=2000)
    assert note_form.fields.notes.textCursor().selectedText() == "没办法"


def test_keeping_the_wording_is_recorded_with_the_note(qtbot, note_form, agent_ctx):
    fill_valid(qtbot, note_form)
    type_and_wait(qtbot, note_form, "solution", FLAGGED)
    asked = []
    answer(note_form, "按原文提交")
    tone = note_form.tone
    tone.ask_keep_wording = lambda kept, ask=tone.ask_keep_wording: asked.append(kept) or ask(kept)
    note_id = note_form.submit()
    assert note_id is not None and len(asked) == 1
    note = NoteStore(agent_ctx.db).get(note_id)
    assert note.solution == FLAGGED.strip()
    assert [(k["field"], k["text"]) for k in note.tone_kept] == [("solution", "我不能")]
    assert note.tone_kept[0]["rule_id"] and note.tone_kept[0]["category"]
    from agent_assist.gui.note_history import NoteHistory

    history = NoteHistory(agent_ctx)
    qtbot.addWidget(history)
    history.table.selectRow(0)
    assert (
        "保留原措辞" in history.detail.toPlainText() and "“我不能”" in history.detail.toPlainText()
    )


def test_a_clean_note_is_not_asked_about(qtbot, note_form, agent_ctx, monkeypatch):
    fill_valid(qtbot, note_form)
    monkeypatch.setattr(note_form.tone, "ask_keep_wording", lambda kept: pytest.fail("asked"))
    note_id = note_form.submit()
    assert note_id is not None and NoteStore(agent_ctx.db).get(note_id).tone_kept == ()


def test_rewrite_applies_to_the_text_as_it_is_now(qtbot, note_form):
    panel = type_and_wait(qtbot, note_form, "solution", FLAGGED)
    note_form.fields.solution.moveCursor(note_form.fields.solution.textCursor().MoveOperation.Start)
    note_form.fields.solution.insertPlainText("您好。")  # typed before the list caught up
    panel.apply(0)
    text = note_form.fields.solution.toPlainText()
    assert text.startswith("您好。") and "不能" not in text
