"""Placeholders in the note form (issue 9 item 7): {称呼} / {工号} / {时限} come from what the note
already says, Tab walks every one still unfilled, and a note holding one cannot be submitted.

The phrases are created here (personal phrases), not taken from the shipped phrases.yaml."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from agent_assist.gui.phrase_picker import phrase_picker_of
from agent_assist.notes import NoteStore
from tests.gui.gui_helpers import fill_valid, ime


@pytest.fixture(autouse=True)
def phrases(agent_ctx):
    """Two personal phrases with placeholders, saved before the form is made."""
    lib = agent_ctx.services.phrase_library()
    lib.save_personal(
        "{称呼}您好，我是{工号}号，退款{金额}会在{时限}退回。", "zqtk", title="测退款"
    )
    lib.save_personal("{称呼}，您的问题我记下了。", "zqjx", title="测记下")


def pid(agent_ctx, trigger):
    return next(
        p.id for p in agent_ctx.services.phrase_library().personal() if p.trigger == trigger
    )


def selected(edit):
    return edit.textCursor().selectedText()


def test_name_number_and_deadline_typed_in_the_note_fill_the_phrase(qtbot, note_form, agent_ctx):
    f = note_form.fields
    ime(f.customer_name, "王先生")
    qtbot.keyClicks(f.deadline, "2030-01-02 18:00")
    f.solution.setFocus()
    text = phrase_picker_of(f.solution).insert_phrase(pid(agent_ctx, "zqtk"))
    assert text.startswith("王先生您好，我是A10086号，退款{金额}会在")
    assert "1月2日18:00前退回" in text
    # the one the note cannot know is selected for the agent to type
    assert selected(f.solution) == "{金额}"


def test_name_typed_after_the_phrase_fills_it(qtbot, note_form, agent_ctx):
    f = note_form.fields
    f.notes.setFocus()
    phrase_picker_of(f.notes).insert_phrase(pid(agent_ctx, "zqjx"))
    assert f.notes.toPlainText().startswith("{称呼}，")
    ime(f.customer_name, "王先生")
    f.customer_name.editingFinished.emit()  # leaving the field
    assert f.notes.toPlainText() == "王先生，您的问题我记下了。"
    assert agent_ctx.call.customer_title == "王先生"  # the script panel's draft fills from it too


def test_tab_walks_every_unfilled_placeholder_then_moves_on(qtbot, note_form, agent_ctx):
    f = note_form.fields
    f.solution.setFocus()
    picker = phrase_picker_of(f.solution)
    picker.insert_phrase(pid(agent_ctx, "zqtk"))  # {称呼} {工号}=A10086 {金额} {时限}
    assert selected(f.solution) == "{称呼}"
    qtbot.keyClick(f.solution, Qt.Key_Tab)
    assert selected(f.solution) == "A10086"
    qtbot.keyClick(f.solution, Qt.Key_Tab)
    assert selected(f.solution) == "{金额}"
    ime(f.solution, "25元")
    qtbot.keyClick(f.solution, Qt.Key_Tab)
    assert selected(f.solution) == "{时限}"
    qtbot.keyClick(f.solution, Qt.Key_Tab)  # end of the walk: {称呼} was skipped, go back to it
    assert selected(f.solution) == "{称呼}"
    assert f.solution.hasFocus()
    ime(f.solution, "王先生")
    qtbot.keyClick(f.solution, Qt.Key_Tab)
    assert selected(f.solution) == "{时限}"
    ime(f.solution, "3个工作日内")
    qtbot.keyClick(f.solution, Qt.Key_Tab)  # none left: Tab is focus navigation again
    assert not f.solution.hasFocus()
    assert "{" not in f.solution.toPlainText() and "\t" not in f.solution.toPlainText()


def test_a_note_with_an_unfilled_placeholder_is_not_submitted(qtbot, note_form, agent_ctx):
    fill_valid(qtbot, note_form)
    f = note_form.fields
    f.solution.setFocus()
    phrase_picker_of(f.solution).insert_phrase(pid(agent_ctx, "zqjx"))
    phrase_picker_of(f.solution).stop_slots()
    assert note_form.submit() is None
    assert NoteStore(agent_ctx.db).count() == 0
    error = f.errors["solution"]
    assert error.isVisible() and "{称呼}" in error.text()
    assert "解决方案" in note_form.summary.text()
    assert f.solution.hasFocus() and selected(f.solution) == "{称呼}"
    ime(f.solution, "王先生")
    note_id = note_form.submit()
    assert note_id is not None
    assert NoteStore(agent_ctx.db).get(note_id).solution.startswith("王先生，")
