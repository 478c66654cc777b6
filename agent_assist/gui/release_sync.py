"""The desktop's release channel: pull the newest release at start and every N minutes.

When the app was started on a release folder (``--kb FOLDER`` or the KB folder in settings), the
start-up pull has already happened (``resolve_start_kb``); :class:`ReleaseSync` then checks the
share every ``kb.pull_minutes`` minutes (an app setting, default 15) on a worker thread. A new
release is copied beside the local one and switched in, the KB reloads and the index syncs
incrementally — the agent keeps working throughout. The status bar shows the release and how
many changed processes this agent has to re-learn; clicking it opens 本次更新.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton

from agent_assist.gui.context import AppContext
from agent_assist.gui.services import Change

PULL_MINUTES_KEY = "kb.pull_minutes"
DEFAULT_PULL_MINUTES = 15


def resolve_start_kb(kb_dir: Path | None, db) -> tuple[Path | None, Path | None, list[str]]:
    """(folder to load, release channel or None, messages) for the folder the app starts on."""
    if kb_dir is None:
        return None, None, []
    from agent_assist.releases import is_release_folder, sync

    if not Path(kb_dir).is_dir() or not is_release_folder(Path(kb_dir)):
        return kb_dir, None, []
    result = sync(kb_dir, db)
    for message in result.messages:
        print(f"{kb_dir}: {message}", file=sys.stderr)
    # no complete release and no local copy: an empty KB (the messages say why), never the sample
    kb = result.kb_dir if result.kb_dir is not None else Path(kb_dir) / ".no-complete-release"
    return kb, Path(kb_dir), list(result.messages)


class ReleaseSync(QObject):
    """Periodic pulls from ``channel`` plus the status-bar button that opens 本次更新."""

    pulled = Signal(object)  # releases.SyncResult of a pull that switched releases

    def __init__(self, ctx: AppContext, channel: Path | None, window=None) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.ws = ctx.services
        self.channel = channel
        self.window = window
        self.busy = False
        self.button = QPushButton()
        self.button.setObjectName("releaseButton")
        self.button.setFlat(True)
        self.button.clicked.connect(self.show_notes)
        if window is not None:
            window.statusBar().addPermanentWidget(self.button)
        minutes = self.ws.profiles.get_setting(PULL_MINUTES_KEY, DEFAULT_PULL_MINUTES)
        try:
            minutes = max(1, int(minutes))
        except (TypeError, ValueError):
            minutes = DEFAULT_PULL_MINUTES
        self.timer = QTimer(self)
        self.timer.setInterval(minutes * 60_000)
        self.timer.timeout.connect(self.check_now)
        if channel is not None:
            self.timer.start()
        self.ws.changed.connect(
            lambda change: self.update() if change.study or change.agent or change.kb else None
        )
        self.update()

    def update(self) -> None:
        from agent_assist.releases import ReleaseLog

        log = ReleaseLog(self.ctx.db)
        latest = log.latest()
        if latest is None:
            self.button.hide()
            return
        pending = len(log.updated_pids(self.ws.agent_key))
        text = self.tr("知识库 #%1").replace("%1", str(latest.number))
        if pending:
            text += self.tr("（%1 个流程已更新，待复习）").replace("%1", str(pending))
        self.button.setText(text)
        self.button.setToolTip(self.tr("本次更新：%1").replace("%1", latest.message))
        self.button.show()

    def check_now(self) -> None:
        """Pull on a worker; on a new release reload the KB and sync the index (incremental)."""
        if self.channel is None or self.busy:
            return
        self.busy = True
        from agent_assist.releases import sync

        channel = self.channel
        db = self.ctx.db

        def work():
            from agent_assist.releases.team_channel import team_folder

            if Path(channel) == team_folder():  # team mode: copy new releases from the server
                from agent_assist.commands.kb import team_pull

                team_pull()
            return sync(channel, db)

        self.ws.pool.submit(work, on_done=self._pulled, on_error=self._failed)

    def _pulled(self, result) -> None:
        self.busy = False
        if self.window is not None:
            for message in result.messages:
                self.window.statusBar().showMessage(message, 15_000)
        if result.pull.switched and result.kb_dir is not None:
            self.ws.open_searcher(result.kb_dir)  # reloads the KB, index syncs what changed
            self.ws.notify(Change(study=True, tier=True))  # changed processes are due again
            self.pulled.emit(result)
        self.update()

    def _failed(self, message: str) -> None:
        self.busy = False
        if self.window is not None:
            self.window.statusBar().showMessage(
                self.tr("检查知识库更新失败：%1").replace("%1", message), 15_000
            )

    def show_notes(self) -> None:
        from agent_assist.gui.release_views import ReleaseNotesDialog

        dialog = ReleaseNotesDialog(self.ctx, self.window)
        if self.window is not None and hasattr(self.window, "open_process"):
            dialog.openRequested.connect(self.window.open_process)
        dialog.exec()
