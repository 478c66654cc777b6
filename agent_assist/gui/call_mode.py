"""Call mode: a small always-on-top window with just search and the quick card.

During a call the agent's screen belongs to the CRM; this window floats beside it so a process
is one keystroke away without switching windows. It remembers where the agent put it
(QSettings in the data dir). The main window toggles it (button, F9) and hides while it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from agent_assist.gui.context import AppContext
from agent_assist.gui.process_view import ProcessView
from agent_assist.gui.search_panel import SearchPanel

GEOMETRY_KEY = "callMode/geometry"
SPLIT_KEY = "callMode/split"


class CallModeWindow(QWidget):
    """Compact search + quick card. Emits :attr:`closed` when the agent leaves call mode."""

    closed = Signal()
    openInMain = Signal(str, str)

    def __init__(self, ctx: AppContext, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.Window | Qt.WindowStaysOnTopHint)
        self.setObjectName("callMode")
        self.ctx = ctx
        self.settings = settings
        self.search = SearchPanel(ctx, self, compact=True)
        self.view = ProcessView(ctx, self, compact=True)
        self.search.processChosen.connect(self._open)
        self.search.tierRequested.connect(lambda pid, tier: self.view.ws.set_tier(pid, tier))
        self.view.openRequested.connect(self._open)
        self.split = QSplitter(Qt.Vertical, self)
        self.split.addWidget(self.search)
        self.split.addWidget(self.view)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        self.split.setSizes([230, 370])  # the card gets the larger part; the agent can drag it
        self.hint = QLabel(self)
        self.hint.setObjectName("callHint")
        self.back = QPushButton(self)
        self.back.setFocusPolicy(Qt.NoFocus)
        self.back.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.split, 1)
        layout.addLayout(bottom)
        # Ctrl+K / F3 are the main window's application-wide shortcuts (they come here while
        # call mode is on); a second binding would make them ambiguous and neither would fire
        QShortcut(QKeySequence(Qt.Key_Escape), self.view, activated=self.search.focus_search,
                  context=Qt.WidgetWithChildrenShortcut)
        self.retranslate()
        self.resize(420, 640)
        self._restore()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("坐席助手 · 通话模式"))
        self.back.setText(self.tr("返回主窗口 (F9)"))
        self.hint.setText(self.tr("Ctrl+K 搜索 · Enter 打开 · 1/2/3 设掌握程度"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _open(self, pid: str, query: str) -> None:
        if self.view.show_process(pid, query):
            self.view.browser.setFocus()

    def _restore(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        split = self.settings.value(SPLIT_KEY)
        if isinstance(split, QByteArray) and not split.isEmpty():
            self.split.restoreState(split)

    def save_geometry(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(SPLIT_KEY, self.split.saveState())
        self.settings.sync()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.search.focus_search()

    def hideEvent(self, event) -> None:
        self.save_geometry()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        super().closeEvent(event)
        self.closed.emit()
