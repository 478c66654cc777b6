"""Feedback for the KB owners under a process (PDCA): an optional comment, then one click on
the kind (内容错误 / 已过时 / 不清楚 / 缺少流程), and a line saying it was recorded.

Apart from :mod:`process_view` so the reading view and the feedback it collects change apart.
The flag carries the version the agent read (content hash, updated), so an updated process shows
its old flags as such.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from agent_assist.gui.flow_layout import FlowLayout
from agent_assist.gui.labels import feedback_text
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.services import Change, Services
from agent_assist.knowledge import FEEDBACK_KINDS


class ProcessFeedback(LiveUpdate, QWidget):
    """The feedback row and its status line; ``shown()`` names the process on screen."""

    def __init__(
        self, services: Services, shown: Callable[[], str | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = services
        self.shown = shown
        self.row = QWidget(self)
        flow = FlowLayout(self.row, spacing=4)
        self.caption = QLabel(self.row)
        flow.addWidget(self.caption)
        self.buttons: dict[str, QPushButton] = {}
        for kind in FEEDBACK_KINDS:
            b = QPushButton(self.row)
            b.setObjectName("feedbackButton")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, k=kind: self.send(k))
            self.buttons[kind] = b
            flow.addWidget(b)
        self.comment = QLineEdit(self.row)
        self.comment.setObjectName("feedbackComment")
        self.comment.setMinimumWidth(180)
        flow.addWidget(self.comment)
        self.status = QLabel(self)
        self.status.setObjectName("feedbackStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.row)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("反馈给知识库维护人："))
        for kind, b in self.buttons.items():
            b.setText(feedback_text(kind))
        self.comment.setPlaceholderText(self.tr("补充说明（可选），再点左侧按钮"))

    def send(self, kind: str) -> None:
        """Record the flag on the process shown (nothing shown: nothing to flag)."""
        pid = self.shown()
        if pid is None:
            return
        comment = self.comment.text().strip()
        try:
            p = self.ws.ctx.kb.get(pid)  # the version the agent read: an update shows as such
            self.ws.feedback.add(
                pid,
                kind,
                comment=comment,
                agent=self.ws.agent_key,
                version=p.content_hash if p else None,
                updated=p.updated if p else None,
            )
        except ValueError as exc:  # FeedbackError names the field; the comment stays for fixing
            self.status.setText(str(exc))
            return
        self.comment.clear()
        self.status.setText(
            self.tr("已记录「%1」反馈，谢谢！知识库维护人会看到。").replace(
                "%1", feedback_text(kind)
            )
        )
        self.ws.notify(Change(feedback=True, pid=pid))
