"""Script panel with pytest-qt: start, number keys, loop limits, stage timer, phrases inside,
and the run summary landing in the call context and the note draft."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from agent_assist.gui.context import AppContext
from agent_assist.gui.script_panel import ScriptPanel
from agent_assist.storage import open_db


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def panel(qtbot, phrase_ctx, clock):
    p = ScriptPanel(phrase_ctx, clock=clock)
    qtbot.addWidget(p)
    p.resize(700, 900)
    p.show()
    qtbot.waitExposed(p)
    return p


def phrase_items(panel):
    return [panel.phrase_list.item(i) for i in range(panel.phrase_list.count())]


def test_lists_the_shipped_scripts(panel):
    ids = {panel.chooser.itemData(i) for i in range(panel.chooser.count())}
    assert {
        "complaint-four-stage",
        "calm-angry-caller",
        "polite-repetition",
        "repeat-caller",
        "escalation-threat",
        "fast-resolution",
    } <= ids


def test_start_shows_step_phrases_checklist_and_branches(panel):
    assert panel.start("complaint-four-stage")
    assert panel.step_title.text() == "倾听并记录原话"
    assert "【受理】" in panel.stages.text()
    assert [b.text() for b in panel.branch_buttons] == [
        "1  情绪平稳，可以核实",
        "2  情绪激动",
        "3  重复来电（第二次及以上）",
        # the script's anytime options: a threat, abuse or distress hands the call over
        "4  扬言投诉/曝光/找律师",
        "5  客户辱骂",
        "6  客户哭泣/说出轻生的话",
    ]
    assert [i.data(Qt.UserRole) for i in phrase_items(panel)] == [
        "emotion.listen",
        "emotion.take-seriously",
    ]
    assert panel.checklist.count() == 4
    assert panel.start("no-such-script") is False and "no-such-script" in panel.result.text()


def test_number_keys_pick_branches_and_buttons_click(qtbot, panel):
    panel.start("complaint-four-stage")
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key_2)
    assert panel.run.current.id == "soothe"
    qtbot.waitUntil(lambda: panel.branch_buttons[0].width() > 0)  # laid out
    qtbot.mouseClick(panel.branch_buttons[0], Qt.LeftButton)
    assert panel.run.current.id == "identify"
    qtbot.keyClick(panel, Qt.Key_9)  # no 9th option: nothing happens
    assert panel.run.current.id == "identify"


def test_digits_typed_in_the_draft_do_not_pick_branches(qtbot, panel):
    panel.start("complaint-four-stage")
    panel.draft.setFocus()
    qtbot.keyClicks(panel.draft, "12")
    assert panel.draft.toPlainText() == "12"
    assert panel.run.current.id == "listen"


def test_polite_repetition_loops_then_offers_escalation(qtbot, panel):
    panel.start("polite-repetition")
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key_1)  # hear-demand → explain-once
    qtbot.keyClick(panel, Qt.Key_1)  # → offer-alternative
    assert panel.run.current.id == "offer-alternative"
    qtbot.keyClick(panel, Qt.Key_2)  # 仍然坚持原诉求 → repeat-loop (1/3)
    assert panel.repeat_label.text() == "第 1/3 次"
    qtbot.keyClick(panel, Qt.Key_2)
    qtbot.keyClick(panel, Qt.Key_2)
    assert panel.repeat_label.text() == "第 3/3 次"
    qtbot.keyClick(panel, Qt.Key_2)  # a 4th repetition is not offered: escalation instead
    assert panel.run.current.id == "offer-escalation"
    assert panel.run.summary().choices[-1].redirected_to == "offer-escalation"


def test_stage_timer_counts_and_turns_amber(panel, clock):
    panel.start("fast-resolution")  # first stage target: 60 s
    clock.t += 42
    panel._tick()
    assert panel.timer_label.text() == "本阶段 00:42 / 01:00"
    assert panel.timer_label.property("over") is False
    clock.t += 30
    panel._tick()
    assert panel.timer_label.property("over") is True


def test_suggested_phrase_inserts_filled_into_the_draft_with_picker(qtbot, panel, phrase_ctx):
    panel.start("repeat-caller")
    panel.choose(1)  # read-history → acknowledge
    items = phrase_items(panel)
    assert items[0].data(Qt.UserRole) == "other.repeat-call"
    assert items[0].text().startswith("王先生，我看到您为这个问题已经来电{次数}次了")
    qtbot.waitUntil(lambda: panel.phrase_list.visualItemRect(items[0]).height() > 0)
    rect = panel.phrase_list.visualItemRect(items[0])
    qtbot.mouseClick(panel.phrase_list.viewport(), Qt.LeftButton, pos=rect.center())
    assert panel.draft.toPlainText().startswith(
        "王先生，我看到您为这个问题已经来电{次数}次了，辛苦您了。这次我们一起把问题解决"
    )
    # the count is the agent's to give (a hint is never inserted): selected, Tab walk ready
    assert panel.draft.textCursor().selectedText() == "{次数}"
    # the picker works inside the panel's draft too
    c = panel.draft.textCursor()
    c.movePosition(c.MoveOperation.End)
    panel.draft.setTextCursor(c)
    qtbot.keyClicks(panel.draft, " /jsy")
    qtbot.keyClick(panel.draft, Qt.Key_Return)
    assert panel.draft.toPlainText().endswith("感谢您的来电，祝您生活愉快，再见！")


def test_finished_run_lands_in_call_context_and_signal(qtbot, panel, phrase_ctx, clock):
    received = []
    phrase_ctx.scriptRunFinished.connect(received.append)
    panel.start("calm-angry-caller")
    panel.choose(1)  # let-vent → empathize
    clock.t += 50
    panel.checklist.item(0).setCheckState(Qt.Checked)
    panel.choose(4)  # 要求找领导 → escalate (matter stage)
    clock.t += 20
    with qtbot.waitSignal(phrase_ctx.scriptRunFinished) as sig:
        panel.choose(1)  # 下一步 → close
        panel.choose(1)  # 完成
    data = sig.args[0]
    assert received == [data] and phrase_ctx.call.script_runs == [data]
    assert data["script_id"] == "calm-angry-caller" and data["title"] == "安抚愤怒客户"
    assert data["status"] == "finished" and data["escalated"] is True
    assert data["path"] == ["let-vent", "empathize", "escalate", "close"]
    assert [c["label"] for c in data["choices"]][:2] == ["下一步", "要求找领导"]
    assert data["stage_seconds"] == {"mood": 50.0, "matter": 20.0, "wrapup": 0.0}
    assert "共情" in data["techniques"] and "升级处理" in data["techniques"]
    assert data["checklist"] == {"empathize": ["说出了客户的感受"]}
    assert "已升级处理" in panel.result.text()
    panel.copy_phrase("closing.after-complaint")
    assert phrase_ctx.services.phrase_library().use_count("closing.after-complaint") == 1
    assert panel.branch_buttons == [] and panel.run.running is False


def test_abandon_and_switching_scripts_record_abandoned_runs(qtbot, panel, phrase_ctx):
    from tests.gui.test_script_runs_gui import answer

    panel.start("escalation-threat")
    panel.abandon_reason.setText("客户挂机")
    panel.abandon_button.click()
    assert phrase_ctx.call.script_runs[-1]["status"] == "abandoned"
    assert phrase_ctx.call.script_runs[-1]["abandon_reason"] == "客户挂机"
    answer(qtbot, panel, "保留记录")  # the ended run stays on the note
    panel.start("fast-resolution")
    answer(qtbot, panel, "保留记录")
    panel.start("repeat-caller")  # switching: the agent keeps the running one (abandoned)
    assert [r["script_id"] for r in phrase_ctx.call.script_runs] == [
        "escalation-threat",
        "fast-resolution",
    ]
    assert phrase_ctx.call.script_runs[-1]["abandon_reason"] == "切换到其他脚本"


def test_new_call_closes_the_open_run_on_the_old_call(panel, phrase_ctx):
    old_call = phrase_ctx.call
    emitted = []
    phrase_ctx.scriptRunFinished.connect(emitted.append)
    panel.start("fast-resolution")
    phrase_ctx.new_call()
    assert old_call.script_runs and old_call.script_runs[0]["status"] == "abandoned"
    assert phrase_ctx.call.script_runs == [] and emitted == []


def test_summary_is_stored_with_the_note_draft(panel, phrase_ctx):
    from agent_assist.notes import DraftStore, NoteDraft

    panel.start("complaint-four-stage")
    panel.choose(1)
    panel.finish()
    draft = NoteDraft(
        reason_text="这个月多扣了二十块视频会员费", script_runs=list(phrase_ctx.call.script_runs)
    )
    store = DraftStore(phrase_ctx.db)
    store.save(draft)
    back = store.get(draft.draft_id)
    assert back.script_runs == json.loads(
        json.dumps(phrase_ctx.call.script_runs, ensure_ascii=False)
    )
    assert back.script_runs[0]["last_stage"] == "受理"


@pytest.mark.parametrize("width", [450, 900])
def test_every_script_fits_without_a_horizontal_scrollbar(qtbot, phrase_ctx, width, tmp_path):
    """Beside the process view the panel is ~450 px wide: every label wraps, the branch buttons
    stack, nothing is clipped on the right and no horizontal scrollbar appears."""
    from PySide6.QtWidgets import QLabel

    p = ScriptPanel(phrase_ctx)
    qtbot.addWidget(p)
    p.resize(width, 760)
    p.show()
    qtbot.waitExposed(p)
    viewport = p.scroll_area.viewport()
    for sid in p.scripts:
        # only looking: no question about earlier runs (a hand-over leaves two: the running
        # one and the one that handed over)
        while (p.run is not None and p.run.running) or p._attached() is not None:
            p.discard()
        p.start(sid)
        for _ in range(3):  # the first steps (with phrases, checklists and branches)
            qtbot.wait(1)
            body = p.scroll_area.widget()
            assert p.scroll_area.horizontalScrollBar().maximum() == 0, sid
            assert body.width() <= viewport.width(), (sid, body.width(), viewport.width())
            for w in body.findChildren(QLabel) + p.branch_buttons + [p.phrase_list, p.checklist]:
                if w.isVisible():
                    right = w.mapTo(body, w.rect().topRight()).x()
                    assert right <= viewport.width(), (sid, w.objectName() or w.text(), right)
            if not p.choose(1) or not p.run.running:
                break
    if width < 560:
        cells = [p.branch_grid.getItemPosition(p.branch_grid.indexOf(b)) for b in p.branch_buttons]
        assert {c[1] for c in cells} <= {0}
    shot = tmp_path / f"script-panel-{width}.png"
    assert p.grab().save(str(shot)) and shot.stat().st_size > 0


def test_branch_button_elides_but_keeps_the_full_text(qtbot):
    from agent_assist.gui.script_widgets import BranchButton

    b = BranchButton("3  客户坚持要求全额退还过去十二个月的所有功能费用并赔偿（升级）")
    qtbot.addWidget(b)
    b.resize(160, 30)
    b.show()
    qtbot.waitExposed(b)
    assert b.text().endswith("…") and b.toolTip() == b.full_text
    assert b.minimumSizeHint().width() <= 80
    b.resize(900, 30)
    qtbot.waitUntil(lambda: b.text() == b.full_text)


def test_centre_phrases_without_scripts_still_show_the_shipped_scripts_phrases(
    qtbot, tmp_path, sample_kb_dir
):
    """A centre with its own phrases.yaml but no scripts/ runs the shipped scripts; their
    suggested phrases come from the shipped library (the centre's ids are different)."""
    import shutil

    kb_dir = tmp_path / "centre"
    shutil.copytree(sample_kb_dir / "processes", kb_dir / "processes")
    (kb_dir / "phrases.yaml").write_text(
        "phrases:\n  - id: centre.hello\n    trigger: nh\n    text: 您好，这里是本中心。\n    tags: {stage: greeting}\n",
        encoding="utf-8",
    )
    c = AppContext(kb_dir=kb_dir, db=open_db(":memory:"))
    c.call.customer_title = "王先生"
    assert (
        c.services.phrase_library().get("other.repeat-call") is None
    )  # the picker offers the centre's phrases
    p = ScriptPanel(c)
    qtbot.addWidget(p)
    p.resize(450, 760)
    p.show()
    assert p.start("repeat-caller")
    p.choose(1)  # read-history → acknowledge
    items = phrase_items(p)
    assert items and items[0].data(Qt.UserRole) == "other.repeat-call"
    assert items[0].text().startswith("王先生，我看到您为这个问题已经来电{次数}次了")
    assert p.insert_phrase("other.repeat-call").startswith("王先生，我看到您")
    assert p.draft.toPlainText().startswith("王先生，我看到您")
    assert p.copy_phrase("other.repeat-call").startswith("王先生")


def test_checklist_survives_moving_on_and_resizing(qtbot, panel):
    """Re-measuring the rows (on a step change or a resize) is not a tick: it must neither record
    a check nor try to tick the previous step's items on the new step."""
    panel.start("complaint-four-stage")
    panel.checklist.item(0).setCheckState(Qt.Checked)
    first = panel.run.current.id
    panel.resize(460, 800)
    qtbot.wait(5)
    assert panel.run.checked.get(first) == [panel.checklist.item(0).text()]
    panel.choose(1)
    qtbot.wait(5)
    panel.resize(700, 900)
    qtbot.wait(5)
    assert panel.run.checked.get(panel.run.current.id, []) == []


def test_anytime_hand_over_starts_the_escalation_script(panel, phrase_ctx):
    panel.start("fast-resolution")
    labels = [b.text() for b in panel.branch_buttons]
    key = next(int(t.split()[0]) for t in labels if "扬言投诉" in t)

    def asked():  # the first run's record is part of the call's path: nothing to ask
        raise AssertionError("a hand-over must not ask whether to keep the first run")

    panel.ask_keep_run = asked
    assert panel.choose(key)
    assert phrase_ctx.call.script_runs[-1]["handoff"] == "escalation-threat"
    assert panel.run.script.id == "escalation-threat" and panel.run.running
