"""What the script panel shows of a run: the script, its stages, the current step (what to do,
suggested phrases, checklist), the branch buttons and the stage timer.

Apart from :mod:`script_panel`, which runs the script (start, choose, finish, abandon, keep or
discard a run, the draft): this view only shows a :class:`~agent_assist.scripts.ScriptRun` and
says what the agent clicked, through signals. It scrolls as a whole, so a long step never
squeezes the branch buttons away; every label wraps instead of widening the panel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.script_widgets import BranchButton, fit_list_height, grid_buttons, wrapping
from agent_assist.gui.style_state import set_state
from agent_assist.scripts import ScriptRun


def _mmss(seconds: float) -> str:
    s = max(0, int(seconds))
    return f"{s // 60:02d}:{s % 60:02d}"


class ScriptStepView(LiveUpdate, QScrollArea):
    """One run on screen. ``narrow`` (set by the panel from its width) stacks the branch
    buttons in one column."""

    branchChosen = Signal(int)  # the branch key (1-9)
    phraseClicked = Signal(str)  # phrase id: insert into the draft
    phraseCopyRequested = Signal(str)  # phrase id: copy to the clipboard (right click)
    checkToggled = Signal(str, bool)  # checklist item, ticked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.narrow = False
        body = QWidget(self)
        self.title = wrapping(QLabel(body))
        self.title.setObjectName("scriptTitle")
        self.stages = wrapping(QLabel(body))
        self.stages.setObjectName("scriptStages")
        self.timer_label = QLabel(body)
        self.timer_label.setObjectName("stageTimer")
        self.step_title = wrapping(QLabel(body))
        self.step_title.setObjectName("stepTitle")
        self.repeat_label = QLabel(body)
        self.repeat_label.setObjectName("repeatInfo")
        self.do = wrapping(QLabel(body))
        self.do.setObjectName("stepDo")
        self.do.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.phrases_label = wrapping(QLabel(body))
        self.phrase_list = QListWidget(body)
        self.phrase_list.setObjectName("suggestedPhrases")
        self.phrase_list.setWordWrap(True)
        self.phrase_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.phrase_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.phrase_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.phrase_list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.phrase_list.itemClicked.connect(
            lambda item: self.phraseClicked.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.phrase_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.phrase_list.customContextMenuRequested.connect(self._phrase_menu)
        self.checklist_label = wrapping(QLabel(body))
        self.checklist = QListWidget(body)
        self.checklist.setObjectName("stepChecklist")
        self.checklist.setWordWrap(True)
        self.checklist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checklist.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.checklist.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.checklist.itemChanged.connect(
            lambda item: self.checkToggled.emit(
                item.text(), item.checkState() == Qt.CheckState.Checked
            )
        )
        self.branch_grid = QGridLayout()
        self.branch_buttons: list[QPushButton] = []
        self.result = wrapping(QLabel(body))
        self.result.setObjectName("scriptResult")

        head = QHBoxLayout()
        head.addWidget(self.stages, 1)
        head.addWidget(self.timer_label)
        step_head = QHBoxLayout()
        step_head.addWidget(self.step_title, 1)
        step_head.addWidget(self.repeat_label)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(head)
        layout.addLayout(step_head)
        layout.addWidget(self.do)
        layout.addWidget(self.phrases_label)
        layout.addWidget(self.phrase_list)
        layout.addWidget(self.checklist_label)
        layout.addWidget(self.checklist)
        layout.addLayout(self.branch_grid)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.retranslate()

    def retranslate(self) -> None:
        self.phrases_label.setText(self.tr("建议话术（点击插入下方草稿，右键复制）"))
        self.checklist_label.setText(self.tr("检查项"))

    # -- showing a run ------------------------------------------------------------------------
    def show_run(self, run: ScriptRun | None, phrase_text: Callable[[str], str | None]) -> None:
        """The run's current step (``phrase_text(id)``: a suggested phrase as inserted, None
        for an id the library lacks); no run: how to start one."""
        active = run is not None and run.running
        self.checklist.setEnabled(active)
        if run is None:
            self.title.setText(self.tr("选择一个话术脚本开始，或在流程页点“推荐脚本”"))
            for label in (self.stages, self.timer_label, self.step_title, self.repeat_label):
                label.clear()
            self.do.clear()
            self.set_phrases([], phrase_text)
            self.set_checklist([])
            self.set_branches([])
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
        self.set_phrases(list(step.say) if active else [], phrase_text)
        self.set_checklist(list(step.checklist) if active else [], run.checked.get(step.id, []))
        self.set_branches(run.options())
        self.tick(run)

    def set_phrases(self, ids: list[str], phrase_text: Callable[[str], str | None]) -> None:
        self.phrase_list.clear()
        for pid in ids:
            text = phrase_text(pid)
            if text is None:
                continue
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setToolTip(self.tr("点击插入草稿；右键复制到剪贴板"))
            self.phrase_list.addItem(item)
        self.phrase_list.setVisible(bool(ids))
        self.phrases_label.setVisible(bool(ids))
        self.fit_lists()
        QTimer.singleShot(0, self.fit_lists)  # wrapped rows know their height once laid out

    def set_checklist(self, items: list[str], ticked: Sequence[str] = ()) -> None:
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
        self.fit_lists()

    def set_branches(self, options) -> None:
        for b in self.branch_buttons:
            self.branch_grid.removeWidget(b)
            b.hide()  # deleteLater runs on the next event-loop turn; don't paint it until then
            b.deleteLater()
        self.branch_buttons = []
        for option in options:
            text = f"{option.key}  {option.label}" + (
                self.tr("（升级）") if option.escalate else ""
            )
            b = BranchButton(text, self.widget())
            b.setObjectName("branchButton")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, k=option.key: self.branchChosen.emit(k))
            self.branch_buttons.append(b)
        self.lay_out_branches()
        for b in self.branch_buttons:
            b.show()

    def lay_out_branches(self) -> None:
        grid_buttons(self.branch_grid, self.branch_buttons, 1 if self.narrow else 2)

    def fit_lists(self) -> None:
        for widget in (self.phrase_list, self.checklist):
            widget.blockSignals(True)  # new size hints are not a tick on the checklist
            try:
                widget.setFixedHeight(fit_list_height(widget) if widget.count() else 0)
            finally:
                widget.blockSignals(False)

    def tick(self, run: ScriptRun | None) -> None:
        """The stage timer: time in this stage / its target, in the theme's warning colour
        once over."""
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

    def _phrase_menu(self, pos: QPoint) -> None:
        item = self.phrase_list.itemAt(pos)
        if item is not None:
            self.phraseCopyRequested.emit(item.data(Qt.ItemDataRole.UserRole))
