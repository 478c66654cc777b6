"""Team follow-ups under the follow-up queue (team mode only): the call-backs a lead gave this
agent for a colleague's note, and for a lead the team's overdue follow-ups with 改派 (reassign).

Server calls run on a worker thread; the assigned list is the local copy from the last pull, so it
shows offline too. Closing an assigned follow-up is queued like any other outcome.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.context import AppContext


def _fmt(when) -> str:
    return when.strftime("%m-%d %H:%M")


class TeamFollowUps(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamFollowUps")
        self.ctx = ctx
        self.pool = ctx.services.pool  # shared: shutdown waits for the pull too
        self.team_rows: list = []
        t = self.tr
        self.setTitle(t("团队回访"))
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [t("时限"), t("客户"), t("电话"), t("原话"), t("负责")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(160)
        self.status = QLabel(self)
        self.refresh_button = QPushButton(t("从服务器刷新"), self)
        self.refresh_button.clicked.connect(self.pull)
        self.reassign_button = QPushButton(t("改派…"), self)
        self.reassign_button.clicked.connect(self.reassign_selected)
        self.close_button = QPushButton(t("记录回访结果…"), self)
        self.close_button.clicked.connect(self.close_selected)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.close_button)
        row.addWidget(self.reassign_button)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.refresh()
        if self._dsn():
            self.pull()

    def _dsn(self) -> str:
        try:
            from agent_assist.team.connect import configured_dsn

            return configured_dsn(self.ctx.db)
        except Exception:
            return ""

    def refresh(self) -> None:
        """Show the local copy (assigned to me) plus the last fetched team overdue list."""
        dsn = self._dsn()
        self.setVisible(bool(dsn))
        if not dsn:
            return
        from agent_assist.team.pull import assigned_followups

        mine = assigned_followups(self.ctx.db)
        rows = [
            (
                f.due_at,
                f.customer_name,
                f.customer_phone,
                f.reason_text,
                self.tr("我（同事 %1 的）").replace("%1", f.owner_no),
                f.note_uuid,
                f.is_overdue(),
            )
            for f in mine
        ] + [
            (
                f.due_at,
                f.customer_name,
                f.customer_phone,
                f.reason_text,
                f.assigned_to,
                f.note_uuid,
                True,
            )
            for f in self.team_rows
        ]
        self.table.setRowCount(len(rows))
        for i, (due, name, phone, reason, who, note_uuid, late) in enumerate(rows):
            for j, text in enumerate((_fmt(due), name, phone, reason, who)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, note_uuid)
                if late:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(i, j, item)
        self.reassign_button.setVisible(bool(self.team_rows))
        self.close_button.setVisible(bool(mine))
        self._mine = {f.note_uuid for f in mine}
        self.status.setText(
            self.tr("指派给我 %1 · 团队逾期 %2")
            .replace("%1", str(len(mine)))
            .replace("%2", str(len(self.team_rows)))
        )

    def pull(self) -> None:
        """Fetch from the server on the worker (assigned follow-ups; a lead's overdue ones)."""
        dsn = self._dsn()
        if not dsn:
            return
        db_file = ""
        for _seq, name, file in self.ctx.db.execute("PRAGMA database_list").fetchall():
            if name == "main":
                db_file = file or ""
        if not db_file:
            return
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("正在从团队服务器刷新…"))
        self.pool.submit(_fetch, db_file, dsn, on_done=self._fetched, on_error=self._failed)

    def _fetched(self, result) -> None:
        self.refresh_button.setEnabled(True)
        team_rows, error = result
        if error:  # offline etc.: keep what we had, say why
            self._failed(error)
            return
        self.team_rows = team_rows
        self.refresh()
        from agent_assist.gui.services import Change

        # the pull also brought the centre's phrases, codes and departments: views reload them
        self.ctx.services.notify(Change(sync=True))

    def _failed(self, message: str) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(self.tr("刷新失败：%1").replace("%1", message))

    def close_selected(self, outcome: str | None = None) -> bool:
        """Record the call-back of a follow-up assigned to me (queued; sent in the background)."""
        items = self.table.selectedItems()
        if not items or items[0].data(Qt.ItemDataRole.UserRole) not in getattr(
            self, "_mine", set()
        ):
            self.status.setText(self.tr("请先选中一条指派给我的回访"))
            return False
        if outcome is None:
            outcome, ok = QInputDialog.getText(self, self.tr("回访结果"), self.tr("回访结果："))
            if not ok:
                return False
        from agent_assist.team.pull import close_assigned

        try:
            close_assigned(
                self.ctx.db,
                items[0].data(Qt.ItemDataRole.UserRole),
                outcome,
                None,
                self.ctx.agent_no or self.ctx.agent_name,
            )
        except ValueError as exc:
            self.status.setText(str(exc))
            return False
        self.refresh()
        return True

    def reassign_selected(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        note_uuid = items[0].data(Qt.ItemDataRole.UserRole)
        to, ok = QInputDialog.getText(
            self, self.tr("改派回访"), self.tr("改派给（同组坐席工号）：")
        )
        if not ok or not to.strip():
            return
        from agent_assist.team.connect import TeamError
        from agent_assist.team.pull import reassign

        try:
            reassign(self._dsn(), note_uuid, to.strip())
        except TeamError as exc:
            self.status.setText(str(exc))
            return
        self.pull()


def _fetch(db_file: str, dsn: str):
    """Worker: pull the team tables into this PC's copy, and a lead's overdue list.
    Returns (rows, '') or ([], the message) — an unreachable server is expected, not a crash."""
    from agent_assist.storage import open_db
    from agent_assist.team.connect import TeamError
    from agent_assist.team.pull import pull_all, team_overdue

    db = open_db(db_file)
    try:
        pull_all(db, dsn)
        return team_overdue(dsn), ""
    except TeamError as exc:
        return [], str(exc)
    finally:
        db.conn.close()
