"""The guided-script panel: one step at a time, branch buttons picked with number keys 1-9.

It shows what the core run (``agent_assist.scripts.ScriptRun``) says — the step, its suggested
phrases, its checklist, the branches, the stage timer, how many polite repetitions are left —
and forwards the agent's clicks. When the run ends (finished or abandoned) its summary goes to
``ctx.call.script_runs`` and ``ctx.scriptRunFinished`` so the note form can attach it.
Starting another script asks first about the previous run of this call: keep it (a run still
going is attached as abandoned), discard it (not attached — or taken off the note again: a wrong
pick is not part of the call), or cancel.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.context import AppContext, CallState
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.phrase_picker import attach_phrase_picker
from agent_assist.gui.script_widgets import (
    NARROW,
    BranchButton,
    fit_list_height,
    grid_buttons,
    wrapping,
)
from agent_assist.gui.services import Change
from agent_assist.gui.style_state import set_state
from agent_assist.phrases import Phrase, PhraseLibrary
from agent_assist.scripts import RunSummary, Script, ScriptError, ScriptRun, scripts_for_kb


def _mmss(seconds: float) -> str:
    s = max(0, int(seconds))
    return f"{s // 60:02d}:{s % 60:02d}"


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
        self.title = wrapping(QLabel(self))
        self.title.setObjectName("scriptTitle")
        self.stages = wrapping(QLabel(self))
        self.stages.setObjectName("scriptStages")
        self.timer_label = QLabel(self)
        self.timer_label.setObjectName("stageTimer")
        self.step_title = wrapping(QLabel(self))
        self.step_title.setObjectName("stepTitle")
        self.repeat_label = QLabel(self)
        self.repeat_label.setObjectName("repeatInfo")
        self.do = wrapping(QLabel(self))
        self.do.setObjectName("stepDo")
        self.do.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.phrases_label = wrapping(QLabel(self))
        self.phrase_list = QListWidget(self)
        self.phrase_list.setObjectName("suggestedPhrases")
        self.phrase_list.setWordWrap(True)
        self.phrase_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.phrase_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.phrase_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.phrase_list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.phrase_list.itemClicked.connect(
            lambda item: self.insert_phrase(item.data(Qt.ItemDataRole.UserRole))
        )
        self.phrase_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.phrase_list.customContextMenuRequested.connect(self._phrase_menu)
        self.checklist_label = wrapping(QLabel(self))
        self.checklist = QListWidget(self)
        self.checklist.setObjectName("stepChecklist")
        self.checklist.setWordWrap(True)
        self.checklist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checklist.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.checklist.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.checklist.itemChanged.connect(self._checked)
        self.branch_grid = QGridLayout()
        self.branch_buttons: list[QPushButton] = []
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
        self.result = wrapping(QLabel(self))
        self.result.setObjectName("scriptResult")

        top = QHBoxLayout()
        top.addWidget(self.chooser, 1)
        top.addWidget(self.start_button)
        head = QHBoxLayout()
        head.addWidget(self.stages, 1)
        head.addWidget(self.timer_label)
        step_head = QHBoxLayout()
        step_head.addWidget(self.step_title, 1)
        step_head.addWidget(self.repeat_label)
        end = QHBoxLayout()
        end.addWidget(self.abandon_reason, 1)
        end.addWidget(self.abandon_button)
        end.addWidget(self.finish_button)
        body = QWidget(self)
        step_layout = QVBoxLayout(body)
        step_layout.setContentsMargins(0, 0, 0, 0)
        step_layout.addWidget(self.title)
        step_layout.addLayout(head)
        step_layout.addLayout(step_head)
        step_layout.addWidget(self.do)
        step_layout.addWidget(self.phrases_label)
        step_layout.addWidget(self.phrase_list)
        step_layout.addWidget(self.checklist_label)
        step_layout.addWidget(self.checklist)
        step_layout.addLayout(self.branch_grid)
        step_layout.addWidget(self.result)
        step_layout.addStretch(1)
        scroll = QScrollArea(self)  # a long step never squeezes the branch buttons away
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )  # every label wraps instead
        self.scroll_area = scroll  # not "scroll": that is QWidget.scroll()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
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
        self.phrases_label.setText(self.tr("建议话术（点击插入下方草稿，右键复制）"))
        self.checklist_label.setText(self.tr("检查项"))
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
    def _show(self) -> None:
        run = self.run
        active = run is not None and run.running
        for w in (self.finish_button, self.abandon_button, self.abandon_reason, self.checklist):
            w.setEnabled(active)
        if run is None:
            self.title.setText(self.tr("选择一个话术脚本开始，或在流程页点“推荐脚本”"))
            for label in (
                self.stages,
                self.timer_label,
                self.step_title,
                self.repeat_label,
                self.do,
            ):
                label.clear()
            self._set_phrases([])
            self._set_checklist([])
            self._set_branches([])
            return
        script, step = run.script, run.current
        self.title.setText(f"{script.title} — {script.summary}" if script.summary else script.title)
        parts = []
        for stage in script.stages:
            name = stage.title
            parts.append(f"<b>【{name}】</b>" if stage.id == step.stage and active else name)
        self.stages.setText(" → ".join(parts))
        self.step_title.setText(step.title)
        self.do.setText(step.do)
        left = run.visits_left()
        if left is not None and active and step.repeat is not None:
            self.repeat_label.setText(
                self.tr("第 {0}/{1} 次").format(run.visits[step.id], step.repeat.max)
            )
        else:
            self.repeat_label.clear()
        self._set_phrases(list(step.say) if active else [])
        self._set_checklist(list(step.checklist) if active else [], run.checked.get(step.id, []))
        self._set_branches(run.options())
        self._tick()

    def _set_phrases(self, ids: list[str]) -> None:
        self.phrase_list.clear()
        lib = self.ctx.services.script_library() if ids else None  # no ids: nothing to load
        for pid in ids:
            phrase = lib.get(pid) if lib is not None else None
            if phrase is None:
                continue
            item = QListWidgetItem(self.picker.filled(phrase).text)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setToolTip(self.tr("点击插入草稿；右键复制到剪贴板"))
            self.phrase_list.addItem(item)
        self.phrase_list.setVisible(bool(ids))
        self.phrases_label.setVisible(bool(ids))
        self._fit_lists()
        QTimer.singleShot(0, self._fit_lists)  # wrapped rows know their height once laid out

    def _fit_lists(self) -> None:
        for widget in (self.phrase_list, self.checklist):
            widget.blockSignals(True)  # new size hints are not a tick on the checklist
            try:
                widget.setFixedHeight(fit_list_height(widget) if widget.count() else 0)
            finally:
                widget.blockSignals(False)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if (event.size().width() < NARROW) != (event.oldSize().width() < NARROW):
            self._lay_out_branches()
        QTimer.singleShot(0, self._fit_lists)

    def _phrase_menu(self, pos) -> None:
        item = self.phrase_list.itemAt(pos)
        if item is not None:
            self.copy_phrase(item.data(Qt.ItemDataRole.UserRole))

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

    def _set_checklist(self, items: list[str], ticked: Sequence[str] = ()) -> None:
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for text in items:
            item = QListWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if text in ticked else Qt.CheckState.Unchecked)
            self.checklist.addItem(item)
        self.checklist.blockSignals(False)
        self.checklist.setVisible(bool(items))
        self.checklist_label.setVisible(bool(items))
        self._fit_lists()

    def _checked(self, item: QListWidgetItem) -> None:
        run = self.run
        if run is not None and run.running and item.text() in run.current.checklist:
            run.check(item.text(), item.checkState() == Qt.CheckState.Checked)

    def _set_branches(self, options) -> None:
        for b in self.branch_buttons:
            self.branch_grid.removeWidget(b)
            b.hide()  # deleteLater runs on the next event-loop turn; don't paint it until then
            b.deleteLater()
        self.branch_buttons = []
        for option in options:
            text = f"{option.key}  {option.label}" + (
                self.tr("（升级）") if option.escalate else ""
            )
            b = BranchButton(text, self)
            b.setObjectName("branchButton")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, k=option.key: self.choose(k))
            self.branch_buttons.append(b)
        self._lay_out_branches()
        for b in self.branch_buttons:
            b.show()

    def _lay_out_branches(self) -> None:
        grid_buttons(self.branch_grid, self.branch_buttons, 1 if self.width() < NARROW else 2)

    def _tick(self) -> None:
        run = self.run
        if run is None or not run.running:
            self.timer_label.clear()
            return
        stage = run.stage
        elapsed = run.stage_elapsed()
        target = stage.target_seconds if stage else 0
        text = self.tr("本阶段 {0}").format(_mmss(elapsed))
        if target:
            text += " / " + _mmss(target)
        self.timer_label.setText(text)
        over = bool(target) and elapsed > target
        set_state(self.timer_label, "over", over)  # coloured by the theme

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
