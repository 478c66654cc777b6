"""The guided-script panel: one step at a time, branch buttons picked with number keys 1-9.

It runs the core's ``agent_assist.scripts.ScriptRun``: the step view (:mod:`script_step`) shows
what the run says — the step, its suggested phrases, its checklist, the branches, the stage
timer, how many polite repetitions are left — and this panel acts on the agent's clicks. When the run ends (finished or abandoned) its summary goes to
``ctx.call.script_runs`` and ``ctx.scriptRunFinished`` so the note form can attach it.
Starting another script asks first about the previous run of this call: keep it (a run still
going is attached as abandoned), discard it (not attached — or taken off the note again: a wrong
pick is not part of the call), or cancel.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.context import AppContext, CallState
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.phrase_picker import attach_phrase_picker
from agent_assist.gui.script_step import ScriptStepView
from agent_assist.gui.script_widgets import (
    NARROW,
    wrapping,
)
from agent_assist.gui.services import Change
from agent_assist.phrases import Phrase, PhraseLibrary
from agent_assist.scripts import RunSummary, Script, ScriptError, ScriptRun, scripts_for_kb


class ScriptPanel(LiveUpdate, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, clock=None) -> None:
        super().__init__(parent)
        self.setObjectName("scriptPanel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.ctx = ctx
        self.clock = clock  # tests pass a fake monotonic clock
        self.run: ScriptRun | None = None
        self.last_summary: RunSummary | None = None
        self._last_data: dict | None = None  # what the last ended run put on the call
        self.switch_box: QMessageBox | None = None  # open while asking about the first run
        self._run_call: CallState | None = None
        self.scripts: dict[str, Script] = {}

        self.chooser = QComboBox(self)
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.chooser.setMinimumContentsLength(8)
        self.start_button = QPushButton(self)
        self.start_button.clicked.connect(lambda: self.start(self.chooser.currentData()))
        # the run on screen (gui.script_step); its widgets under their old names for callers
        self.step = ScriptStepView(self)
        self.step.branchChosen.connect(self.choose)
        self.step.phraseClicked.connect(self.insert_phrase)
        self.step.phraseCopyRequested.connect(self.copy_phrase)
        self.step.checkToggled.connect(self._checked)
        self.scroll_area = self.step
        self.title, self.stages, self.step_title = (
            self.step.title,
            self.step.stages,
            self.step.step_title,
        )
        self.timer_label, self.repeat_label = self.step.timer_label, self.step.repeat_label
        self.phrase_list, self.checklist = self.step.phrase_list, self.step.checklist
        self.branch_grid, self.result = self.step.branch_grid, self.step.result
        self.draft_label = wrapping(QLabel(self))
        self.draft = QPlainTextEdit(self)
        self.draft.setObjectName("scriptDraft")
        self.draft.setMaximumHeight(110)
        self.picker = attach_phrase_picker(self.draft, ctx)
        self.finish_button = QPushButton(self)
        self.finish_button.clicked.connect(self.finish)
        self.abandon_reason = QLineEdit(self)
        self.abandon_button = QPushButton(self)
        self.abandon_button.clicked.connect(lambda: self.abandon(self.abandon_reason.text()))

        top = QHBoxLayout()
        top.addWidget(self.chooser, 1)
        top.addWidget(self.start_button)
        end = QHBoxLayout()
        end.addWidget(self.abandon_reason, 1)
        end.addWidget(self.abandon_button)
        end.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.step, 1)
        layout.addWidget(self.draft_label)
        layout.addWidget(self.draft)
        layout.addLayout(end)

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        ctx.services.changed.connect(self._changed)
        self.retranslate()
        self.reload_scripts()
        self._show()

    def retranslate(self) -> None:
        self.start_button.setText(self.tr("开始"))
        self.draft_label.setText(self.tr("草稿（可输入 / 调出话术，Tab 填写占位符）"))
        self.finish_button.setText(self.tr("完成"))
        self.abandon_button.setText(self.tr("放弃"))
        self.abandon_reason.setPlaceholderText(self.tr("放弃原因（可不填）"))

    def reload_scripts(self) -> None:
        try:
            self.scripts = dict(scripts_for_kb(self.ctx.kb))
        except Exception:  # a broken scripts folder must not take the panel down
            traceback.print_exc()
            self.scripts = {}
        self.chooser.clear()
        for sid, script in self.scripts.items():
            self.chooser.addItem(script.title, sid)

    # run control ----------------------------------------------------------------------------
    def start(self, script_id: str, handoff: bool = False) -> bool:
        """Start ``script_id`` (a running run is abandoned first); False if there is no such script.

        ``handoff``: the run that just ended handed the call over (客户扬言投诉 → escalation):
        its record is part of this call's path, so it is kept without asking.
        """
        script = self.scripts.get(script_id)
        if script is None:
            self.result.setText(self.tr("找不到话术脚本 {0}").format(script_id))
            return False
        if self.run is not None and self.run.running:
            keep = self.ask_keep_run()
            if keep is None:
                return False
            if keep:
                self.abandon(self.tr("切换到其他脚本"))
            else:
                self.discard()
        elif self._attached() is not None and not handoff:
            keep = self.ask_keep_run()
            if keep is None:
                return False
            if not keep:
                self.discard()
        kwargs = {"clock": self.clock} if self.clock is not None else {}
        self.run = ScriptRun(script, **kwargs)
        self._run_call = self.ctx.call
        self.last_summary = None
        self.result.clear()
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(script_id)))
        self.ticker.start()
        self._show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def choose(self, key: int) -> bool:
        if self.run is None or not self.run.running:
            return False
        try:
            step = self.run.choose(key)
        except ScriptError as exc:
            self.result.setText(str(exc))
            return False
        if step is None:
            summary = self._ended()
            if summary.handoff:  # e.g. 客户扬言投诉 → the escalation script takes over
                self.start(summary.handoff, handoff=True)
        else:
            self._show()
        return True

    def finish(self) -> RunSummary | None:
        if self.run is None or not self.run.running:
            return None
        self.run.finish()
        return self._ended()

    def abandon(self, reason: str = "") -> RunSummary | None:
        if self.run is None or not self.run.running:
            return None
        self.run.abandon(reason)
        return self._ended()

    def ask_keep_run(self) -> bool | None:
        """Starting another script: keep the running one's record (True), discard it (False) or
        stay with it (None)."""
        title = self.run.script.title if self.run is not None else ""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("开始另一个脚本"), "", parent=self)
        if self.run is not None and self.run.running:
            box.setText(
                self.tr("《%1》还没有走完。要把它的记录附在小结里吗？").replace("%1", title)
            )
            box.setInformativeText(self.tr("保留：记为中途放弃并附在小结里；丢弃：不记入小结。"))
        else:
            box.setText(self.tr("《%1》的记录已附在小结里。要保留吗？").replace("%1", title))
            box.setInformativeText(self.tr("保留：留在小结里；丢弃：从小结里去掉。"))
        keep = box.addButton(self.tr("保留记录"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("丢弃记录"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        self.switch_box = box
        try:
            box.exec()
        finally:
            self.switch_box = None
        clicked = box.clickedButton()
        return True if clicked is keep else False if clicked is discard else None

    def _attached(self) -> dict | None:
        """The record the last ended run put on this call, while it is still there."""
        data = self._last_data
        if data is None or self._run_call is not self.ctx.call:
            return None
        return data if any(r is data for r in self.ctx.call.script_runs) else None

    def discard(self) -> None:
        """Drop the last run's record: a running run ends without one (it goes neither to the
        call nor to the note); an ended run's record is taken off the call and the note draft."""
        data = self._attached()
        if data is not None and (self.run is None or not self.run.running):
            self.ctx.call.script_runs[:] = [r for r in self.ctx.call.script_runs if r is not data]
            self._last_data = None
            self.last_summary = None
            self.ctx.scriptRunDiscarded.emit(data)
            self.result.setText(self.tr("上一个脚本的记录已丢弃，未记入小结。"))
            return
        if self.run is None or not self.run.running:
            return
        self.run.abandon(self.tr("已丢弃"))
        self.ticker.stop()
        self.run = None
        self.last_summary = None
        self._show()
        self.result.setText(self.tr("上一个脚本的记录已丢弃，未记入小结。"))

    def _ended(self, emit: bool = True) -> RunSummary:
        self.ticker.stop()
        assert self.run is not None  # only a started run ends
        summary = self.run.summary()
        data = summary.to_dict()
        call = self._run_call if self._run_call is not None else self.ctx.call
        call.script_runs.append(data)
        self._last_data = data
        self.last_summary = summary
        if emit:
            self.ctx.scriptRunFinished.emit(data)
        self._show()
        self.result.setText(summary.text())
        self.abandon_reason.clear()
        return summary

    def _changed(self, change: Change) -> None:
        if change.kb:
            self.reload_scripts()
        if change.call:
            self._call_started()

    def _call_started(self) -> None:
        """A new call: a run still open belonged to the previous call; it is closed there
        (not emitted, so it does not land on the new call's note)."""
        if self.run is not None and self.run.running:
            self.run.abandon(self.tr("通话已结束"))
            self._ended(emit=False)

    # display ------------------------------------------------------------------------------
    @property
    def branch_buttons(self) -> list[QPushButton]:
        return self.step.branch_buttons

    def _show(self) -> None:
        active = self.run is not None and self.run.running
        for w in (self.finish_button, self.abandon_button, self.abandon_reason):
            w.setEnabled(active)
        self.step.narrow = self.width() < NARROW
        self.step.show_run(self.run, self._phrase_text)

    def _phrase_text(self, pid: str) -> str | None:
        """A suggested phrase as it would be inserted (placeholders filled from the call)."""
        phrase = self.ctx.services.script_library().get(pid)
        return self.picker.filled(phrase).text if phrase is not None else None

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if (event.size().width() < NARROW) != (event.oldSize().width() < NARROW):
            self.step.narrow = event.size().width() < NARROW
            self.step.lay_out_branches()
        QTimer.singleShot(0, self.step.fit_lists)

    def _phrase(self, pid: str) -> tuple[PhraseLibrary, Phrase | None]:
        lib = self.ctx.services.script_library()
        return lib, lib.get(pid)

    def insert_phrase(self, pid: str) -> str:
        lib, phrase = self._phrase(pid)
        if phrase is None:
            raise KeyError(pid)
        self.draft.setFocus(Qt.FocusReason.OtherFocusReason)
        text = self.picker.insert_phrase(phrase)  # counts the use in the shared library
        if lib is not self.ctx.services.phrase_library():
            lib.record_use(pid)
        return text

    def copy_phrase(self, pid: str) -> str:
        from PySide6.QtGui import QGuiApplication

        lib, phrase = self._phrase(pid)
        text = self.picker.filled(phrase).text if phrase else ""
        QGuiApplication.clipboard().setText(text)
        lib.record_use(pid)
        return text

    def _checked(self, text: str, ticked: bool) -> None:
        run = self.run
        if run is not None and run.running and text in run.current.checklist:
            run.check(text, ticked)

    def _tick(self) -> None:
        self.step.tick(self.run)

    def keyPressEvent(self, event) -> None:
        """1-9 pick a branch (text fields keep their digits: they get the keys first)."""
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and not (
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            if self.choose(key - Qt.Key.Key_0):
                return
        super().keyPressEvent(event)
