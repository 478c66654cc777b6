"""The script path in the GUI (issue 9 item 5): History's detail shows the run, and starting a
second script asks whether to keep the first run — a discarded run is never attached."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from agent_assist.gui.note_form import NoteForm
from agent_assist.gui.note_history import NoteHistory
from agent_assist.gui.script_panel import ScriptPanel
from agent_assist.notes import NoteDraft, NoteStore, reason_codes_for
from tests.script_run_sample import sample_run


def test_history_detail_shows_the_script_run(qtbot, agent_ctx):
    NoteStore(agent_ctx.db).submit(
        NoteDraft(
            started_at="2026-11-24 09:30:00",
            agent_no="A10086",
            reason_text="这个月话费比平时多了50块，说不清楚",
            reason_codes="1",
            emotion_start="愤怒",
            emotion_end="平静",
            stage="提出方案",
            handling_minutes="5",
            script_runs=[sample_run()],
        ),
        reason_codes_for(),
        now=dt.datetime(2026, 11, 24, 9, 40),
    )
    view = NoteHistory(agent_ctx)
    qtbot.addWidget(view)
    view.show()
    view.table.selectRow(0)
    text = view.detail.toPlainText()
    assert "测试四步" in text and "已完成" in text and "已升级" in text
    for stage, time in (("受理", "0:45 / 1:00"), ("解释澄清", "1:30 / 1:00"), ("提出方案", "0:20")):
        assert stage in text and time in text
    # the steps walked and what the customer did at each
    assert "倾听原话 → 情绪激动" in text and "核实问题 → 客户仍不满" in text
    assert "给出方案 → 要求升级" in text
    assert "倾听、换一种说法" in text  # techniques
    assert "#e8590c" in view.detail.toHtml()  # 解释澄清 ran over its target


def answer(qtbot, panel, text):
    """Click the button ``text`` of the question the panel is about to ask."""

    def click():
        box = panel.switch_box
        if box is None:
            QTimer.singleShot(20, click)
            return
        button = next(b for b in box.buttons() if b.text() == text)
        button.click()

    QTimer.singleShot(0, click)


def test_second_script_asks_and_a_discarded_run_is_not_attached(qtbot, agent_ctx):
    panel = ScriptPanel(agent_ctx)
    note_form = NoteForm(agent_ctx)
    for w in (panel, note_form):
        qtbot.addWidget(w)
        w.show()
    finished = []
    agent_ctx.scriptRunFinished.connect(finished.append)

    assert panel.start("escalation-threat")
    answer(qtbot, panel, "保留记录")
    assert panel.start("fast-resolution")
    assert [r["script_id"] for r in agent_ctx.call.script_runs] == ["escalation-threat"]
    assert agent_ctx.call.script_runs[0]["status"] == "abandoned"

    answer(qtbot, panel, "丢弃记录")
    assert panel.start("repeat-caller")
    assert [r["script_id"] for r in agent_ctx.call.script_runs] == ["escalation-threat"]
    assert [r["script_id"] for r in finished] == ["escalation-threat"]
    assert [r["script_id"] for r in note_form.current_draft().script_runs] == ["escalation-threat"]
    assert panel.run.script.id == "repeat-caller" and panel.run.running

    answer(qtbot, panel, "取消")
    assert not panel.start("calm-angry-caller")  # the agent stays with the running script
    assert panel.run.script.id == "repeat-caller" and panel.run.running
    assert len(agent_ctx.call.script_runs) == 1


def test_a_finished_run_can_be_taken_off_the_note_when_the_next_starts(qtbot, agent_ctx):
    panel = ScriptPanel(agent_ctx)
    note_form = NoteForm(agent_ctx)
    for w in (panel, note_form):
        qtbot.addWidget(w)
    panel.start("escalation-threat")
    panel.finish()
    assert [r["script_id"] for r in note_form.current_draft().script_runs] == ["escalation-threat"]
    answer(qtbot, panel, "丢弃记录")
    assert panel.start("fast-resolution")
    assert agent_ctx.call.script_runs == []
    assert note_form.current_draft().script_runs == []  # taken off the note draft too


def test_the_first_script_of_a_call_asks_nothing(qtbot, agent_ctx, monkeypatch):
    panel = ScriptPanel(agent_ctx)
    qtbot.addWidget(panel)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: pytest.fail("asked"))
    panel.start("escalation-threat")
    panel.finish()
    agent_ctx.new_call()  # the finished run belongs to the previous call
    assert panel.start("fast-resolution")
    assert agent_ctx.call.script_runs == []
