"""Team mode in the desktop app: the background pusher and the status-bar indicator
(已同步 / 待同步 N / 离线, the last error in the tooltip).

Saving never waits on the network: stores queue into the local outbox inside their own
transaction, and :class:`~agent_assist.team.pusher.Pusher` sends it from its own thread. This
widget only reads the local queue every few seconds (a few tiny SQLite queries).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from agent_assist.gui.context import AppContext
from agent_assist.gui.services import Change

if TYPE_CHECKING:  # the team package (psycopg) is imported when team mode is on, not at start
    from agent_assist.team.pusher import Pusher


class TeamStatus(QObject):
    def __init__(self, ctx: AppContext, bar: QStatusBar, interval_ms: int = 2000) -> None:
        super().__init__(bar)
        from agent_assist.team.hook import install

        install()  # queue what this app saves (a no-op while team mode is off)
        self.ctx = ctx
        self.label = QLabel(bar)
        self.label.setObjectName("teamSync")
        self.label.hide()
        bar.addPermanentWidget(self.label)
        self.pusher: Pusher | None = None
        # a new value of either: a sync or a pull finished (views refresh what they show, the
        # note form takes the centre's reason codes and departments)
        self._last_sync: tuple[str, str] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.update)
        self.timer.start()
        self.update()

    def _db_file(self) -> str:
        for _seq, name, file in self.ctx.db.execute("PRAGMA database_list").fetchall():
            if name == "main":
                return file or ""
        return ""

    def _ensure_pusher(self) -> None:
        if self.pusher is not None and self.pusher.is_alive():
            return
        db_file = self._db_file()
        if not db_file:  # an in-memory database cannot be shared with a thread
            return
        from agent_assist.team.pusher import Pusher

        self.pusher = Pusher(db_file, interval=30.0)
        self.pusher.start()

    def update(self) -> None:
        from agent_assist.team.pusher import status

        try:
            st = status(self.ctx.db)
        except Exception as exc:  # a broken team table must not break the status bar
            self.label.setText(self.tr("团队同步出错"))
            self.label.setToolTip(str(exc))
            self.label.show()
            return
        if st.state == "off":
            self.label.hide()
            return
        self._ensure_pusher()
        waiting = st.pending + st.rejected
        if st.state == "offline":
            text = self.tr("离线")
            if waiting:
                text += " · " + self.tr("待同步 %1").replace("%1", str(waiting))
        elif waiting:
            text = self.tr("待同步 %1").replace("%1", str(waiting))
        else:
            text = self.tr("已同步")
        self.label.setText(text)
        from agent_assist.team.local_state import get_state

        stamps = (st.last_sync or "", get_state(self.ctx.db, "last_pull", ""))
        if any(stamps) and self._last_sync is not None and stamps != self._last_sync:
            self.ctx.services.notify(Change(sync=True))
        self._last_sync = stamps
        self.label.setProperty("syncState", st.state)
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
        tips = []
        if st.last_error:
            tips.append(self.tr("上次错误：%1").replace("%1", st.last_error))
        if st.rejected:
            tips.append(
                self.tr("%1 条被服务器拒绝，保留在本机（agent-assist team status 查看）").replace(
                    "%1", str(st.rejected)
                )
            )
        tips.append(self.tr("上次同步：%1").replace("%1", st.last_sync or self.tr("从未")))
        self.label.setToolTip("\n".join(tips))
        self.label.show()

    def sync_now(self) -> None:
        if self.pusher is not None:
            self.pusher.kick()

    def stop(self) -> None:
        self.timer.stop()
        if self.pusher is not None:
            self.pusher.stop(timeout=2.0)
            self.pusher = None
