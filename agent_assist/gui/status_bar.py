"""The status bar: index state, cards due for study, open follow-ups, who is signed in.

A glance at the bottom edge answers "is search ready?", "anything to study between calls?" and
"do I owe a customer a call back?" — without a single pop-up.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from agent_assist.gui.context import AppContext
from agent_assist.gui.services import Change


class WorkStatus(QObject):
    """Fills a ``QStatusBar`` and keeps it current (signals + a one-minute clock tick)."""

    def __init__(self, ctx: AppContext, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.ctx = ctx
        self.ws = ctx.services
        self.bar = bar
        self.index_label = QLabel(bar)
        self.index_progress = QProgressBar(bar)
        self.index_progress.setMaximumWidth(160)
        self.index_progress.setTextVisible(False)
        self.index_progress.hide()
        self.study_label = QLabel(bar)
        self.study_label.setObjectName("studyDue")
        self.followup_label = QLabel(bar)
        self.followup_label.setObjectName("followupCount")
        self.agent_label = QLabel(bar)
        bar.addWidget(self.index_label)
        bar.addWidget(self.index_progress)
        bar.addPermanentWidget(self.study_label)
        bar.addPermanentWidget(self.followup_label)
        bar.addPermanentWidget(self.agent_label)
        # team mode: sync indicator and background pusher (hidden while team mode is off)
        from agent_assist.gui.team_status import TeamStatus

        self.team = TeamStatus(ctx, bar)
        self.timer = QTimer(self)
        self.timer.setInterval(60_000)  # due cards and overdue follow-ups change with the clock
        self.timer.timeout.connect(self.update)
        self.timer.start()
        self.ws.searcherReady.connect(self._index_ready)
        self.ws.indexProgress.connect(self._index_progress)
        self.ws.indexFailed.connect(self._index_failed)
        self.ws.kbEmpty.connect(lambda _folder: self._index_ready())  # nothing switched
        self.ws.changed.connect(self._changed)

    def update(self) -> None:
        due = self.ws.study.due_count(self.ctx.kb)
        self.study_label.setText(self.tr("待复习 %1").replace("%1", str(due)))
        self.study_label.setToolTip(self.tr("学习页里待复习的卡片（通话间隙再看）"))
        open_n, overdue = self.ws.followups.open_count(), self.ws.followups.overdue_count()
        text = self.tr("回访 %1").replace("%1", str(open_n))
        if overdue:
            text += self.tr("（逾期 %1）").replace("%1", str(overdue))
        self.followup_label.setText(text)
        self.followup_label.setProperty("overdue", bool(overdue))
        self.followup_label.style().unpolish(self.followup_label)
        self.followup_label.style().polish(self.followup_label)
        who = " ".join(
            x
            for x in (self.ctx.agent_name, f"({self.ctx.agent_no})" if self.ctx.agent_no else "")
            if x
        )
        self.agent_label.setText(
            self.tr("坐席：%1").replace("%1", who) if who else self.tr("未登记坐席")
        )
        if self.ws.indexing:
            self.index_label.setText(self.tr("正在建立索引…"))
        elif self.ws.searcher is not None:
            self.index_label.setText(
                self.tr("知识库：%1 个流程").replace("%1", str(len(self.ctx.kb)))
            )

    def _changed(self, change: Change) -> None:
        if change.study or change.followup or change.note or change.sync or change.kb:
            self.update()

    def _index_progress(self, done: int, total: int) -> None:
        self.index_progress.show()
        self.index_progress.setRange(0, max(total, 1))
        self.index_progress.setValue(done)
        self.index_label.setText(
            self.tr("正在建立索引 %1/%2").replace("%1", str(done)).replace("%2", str(total))
        )

    def _index_ready(self) -> None:
        self.index_progress.hide()
        self.update()
        problems = self.ctx.kb.errors
        if problems:
            text = self.tr("%1 个知识库文件有问题，已跳过（运行 agent-assist lint-kb 查看）")
            self.index_label.setText(
                self.index_label.text() + " · " + text.replace("%1", str(len(problems)))
            )
            self.index_label.setToolTip("\n".join(str(p) for p in problems[:20]))

    def _index_failed(self, message: str) -> None:
        self.index_progress.hide()
        self.index_label.setText(self.tr("索引失败：%1").replace("%1", message))

    def stop(self) -> None:
        self.timer.stop()
        self.team.stop()
