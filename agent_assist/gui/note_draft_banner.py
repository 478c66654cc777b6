"""The banner over the note form that offers back a draft left from before (a crash, a closed
window, yesterday's unfinished note): 恢复 or 丢弃.

Kept apart from :mod:`note_form`: the banner only reads and discards pending drafts; restoring
one is the form's business (it must keep its own work first), so the banner just asks for it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from agent_assist.gui.live_update import LiveUpdate
from agent_assist.notes import DraftStore, NoteDraft


class DraftBanner(LiveUpdate, QFrame):
    """Offers the latest pending draft other than the form's own; hidden when there is none."""

    restoreRequested = Signal()  # the agent chose 恢复草稿: the form takes ``offered``

    def __init__(self, drafts: DraftStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.drafts = drafts
        self.offered: NoteDraft | None = None
        self._current = ""  # the form's own draft, never offered to itself
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.restore_button = QPushButton(self)
        self.discard_button = QPushButton(self)
        self.restore_button.clicked.connect(self.restoreRequested)
        self.discard_button.clicked.connect(self.discard_offered)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.discard_button)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.restore_button.setText(self.tr("恢复草稿 (Alt+R)"))
        self.restore_button.setShortcut(QKeySequence("Alt+R"))
        self.discard_button.setText(self.tr("丢弃"))

    def offer(self, current: str) -> None:
        """Show the latest pending draft that is not ``current`` (the form's own draft id)."""
        self._current = current
        offered = self.drafts.latest(exclude=current)
        self.offered = offered
        if offered is None:
            self.hide()
            return
        count = len(self.drafts.pending()) - (1 if self.drafts.get(current) else 0)
        gist = (
            offered.reason_text.strip().splitlines()[0][:30]
            if offered.reason_text.strip()
            else offered.customer_phone
        )
        text = (
            self.tr("有未提交的小结草稿（%1，%2）。")
            .replace("%1", offered.updated_at)
            .replace("%2", gist or "—")
        )
        if count > 1:
            text += self.tr("共 %1 份。").replace("%1", str(count))
        self.label.setText(text)
        self.show()

    def discard_offered(self) -> None:
        if self.offered is not None:
            self.drafts.discard(self.offered.draft_id)
        self.offer(self._current)
