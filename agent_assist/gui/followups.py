"""The follow-up queue (回访): promised call-backs, soonest first, overdue ones in the theme's
warning colour.

Stage four of complaint handling — track, report back, ask about satisfaction. Selecting a row
shows the customer's words and number; 完成回访 records the outcome and a 1–5 satisfaction score
(the core checks both). The panel re-reads the queue every minute (overdue is a matter of the
clock) and whenever ``services.changed`` says notes or follow-ups changed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.context import AppContext
from agent_assist.gui.followup_table import FollowUpsModel, FollowUpTable
from agent_assist.gui.labels import satisfaction_text
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.services import Change
from agent_assist.gui.style_state import set_state
from agent_assist.gui.tables import read_only_view
from agent_assist.notes import SATISFACTION_LABELS, FollowUp, FollowUpStore, NoteInvalid, fmt_time


def _due_text(f: FollowUp) -> str:
    if not f.is_open:
        return QCoreApplication.translate("FollowUpPanel", "已完成")
    left = f.due_in()
    minutes = int(abs(left.total_seconds()) // 60)
    span = (
        QCoreApplication.translate("FollowUpPanel", "%1天").replace("%1", str(minutes // 1440))
        if minutes >= 1440
        else QCoreApplication.translate("FollowUpPanel", "%1小时").replace("%1", str(minutes // 60))
        if minutes >= 60
        else QCoreApplication.translate("FollowUpPanel", "%1分钟").replace("%1", str(minutes))
    )
    return (
        QCoreApplication.translate("FollowUpPanel", "逾期 %1").replace("%1", span)
        if left.total_seconds() < 0
        else QCoreApplication.translate("FollowUpPanel", "剩 %1").replace("%1", span)
    )


class FollowUpPanel(LiveUpdate, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpPanel")
        self.ctx = ctx
        self.store = FollowUpStore(ctx.db)
        self.summary = QLabel(self)
        self.summary.setObjectName("followUpSummary")
        self.show_closed = QCheckBox(self)
        self.show_closed.toggled.connect(lambda _on: self.refresh())
        self.model = FollowUpsModel(self.store, self._cells, self)
        self.table = read_only_view(self, "followUpTable", self.model, 4, FollowUpTable(self))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())

        self.outcome = QLineEdit(self)
        self.outcome.setObjectName("followUpOutcome")
        self.satisfaction = QComboBox(self)
        self.satisfaction.setObjectName("followUpSatisfaction")
        self.satisfaction.addItem("", None)
        for score in SATISFACTION_LABELS:
            self.satisfaction.addItem("", score)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("closeFollowUp")
        self.close_button.clicked.connect(self.close_selected)
        self.outcome.returnPressed.connect(self.close_selected)
        self.message = QLabel(self)
        self.message.setObjectName("followUpMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "fieldError")
        self.message.hide()
        self._set_editing(False)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_closed)
        form = QFormLayout()
        self.outcome_label = QLabel(self)
        form.addRow(self.outcome_label, self.outcome)
        row = QHBoxLayout()
        row.addWidget(self.satisfaction)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.satisfaction_label = QLabel(self)
        form.addRow(self.satisfaction_label, row)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        # team mode: call-backs a lead assigned to me, and (leads) the team's overdue ones
        from agent_assist.gui.team_followups import TeamFollowUps

        self.team = TeamFollowUps(ctx, self)
        layout.addWidget(self.team)

        self.timer = QTimer(self)
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        ctx.services.changed.connect(self._changed)  # a filed note may promise a call-back
        self.retranslate()

    def retranslate(self) -> None:
        self.show_closed.setText(self.tr("显示已完成"))
        self.model.set_headers(
            [
                self.tr("时限"),
                self.tr("状态"),
                self.tr("客户"),
                self.tr("电话"),
                self.tr("客户原话"),
                self.tr("坐席"),
            ]
        )
        self.outcome.setPlaceholderText(self.tr("回访结果，如“已退费30元，客户确认到账”"))
        self.satisfaction.setItemText(0, self.tr("客户未评价"))
        for i in range(1, self.satisfaction.count()):
            score = self.satisfaction.itemData(i)
            self.satisfaction.setItemText(i, f"{score} {satisfaction_text(score)}")
        self.close_button.setText(self.tr("完成回访"))
        self.outcome_label.setText(self.tr("回访结果"))
        self.satisfaction_label.setText(self.tr("满意度"))
        self.refresh()

    @property
    def items(self) -> list[FollowUp]:
        return self.model.items

    def _cells(self, f: FollowUp) -> list[str]:
        return [
            fmt_time(f.due_at)[:16],
            _due_text(f),
            f.customer_name,
            f.customer_phone,
            f.reason_text,
            f.agent,
        ]

    def refresh(self) -> None:
        selected = self.selected()
        self.model.reset(self.show_closed.isChecked())
        open_n, overdue_n = self.store.open_count(), self.store.overdue_count()
        text = self.tr("待回访 %1 个").replace("%1", str(open_n))
        if overdue_n:
            text += self.tr("，其中 %1 个已逾期").replace("%1", str(overdue_n))
        self.summary.setText(text)
        set_state(self.summary, "overdue", bool(overdue_n))  # coloured by the theme
        if selected is not None:
            self.select(selected.id)

    def _changed(self, change: Change) -> None:
        if change.followup or change.note or change.sync:
            self.refresh()

    def overdue_rows(self) -> list[int]:
        return [row for row, f in enumerate(self.items) if f.is_overdue()]

    def select(self, followup_id: int) -> None:
        for row, f in enumerate(self.items):
            if f.id == followup_id:
                self.table.selectRow(row)
                return

    def selected(self) -> FollowUp | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return self.items[rows[0].row()] if rows and rows[0].row() < len(self.items) else None

    def _selected(self) -> None:
        f = self.selected()
        self._set_editing(f is not None and f.is_open)
        self.message.hide()
        if f is not None and not f.is_open:
            self.outcome.setText(f.outcome)
            self.satisfaction.setCurrentIndex(max(self.satisfaction.findData(f.satisfaction), 0))
        elif f is not None:
            self.outcome.clear()
            self.satisfaction.setCurrentIndex(0)

    def _set_editing(self, on: bool) -> None:
        for w in (self.outcome, self.satisfaction, self.close_button):
            w.setEnabled(on)

    def close_selected(self) -> bool:
        f = self.selected()
        if f is None or not f.is_open:
            return False
        try:
            self.store.close(
                f.id,
                self.outcome.text(),
                self.satisfaction.currentData(),
                by=self.ctx.agent_no or self.ctx.agent_name,
            )
        except NoteInvalid as exc:
            self.message.setText("；".join(e.message for e in exc.errors))
            self.message.show()
            return False
        self.message.hide()
        self.outcome.clear()
        self.ctx.services.notify(Change(followup=True))  # → refresh, status bar
        return True
