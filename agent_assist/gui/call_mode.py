"""Call mode: a small always-on-top window with just search and the quick card.

During a call the agent's screen belongs to the CRM; this window floats beside it so a process
is one keystroke away without switching windows. It remembers where the agent put it
(QSettings in the data dir). The main window toggles it (button, F9) and hides while it shows.

The window is narrow, so its space goes where the agent's eyes are: before a process is open the
results fill it (two-line rows with the summary, to pick the right one); once one is open the
list shrinks to three one-line rows and the quick card takes the rest, so the summary and the
steps are readable without scrolling. The tier buttons stay (1/2/3) without their caption. If
the agent drags the divider, that list height is remembered for the next card.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.context import AppContext
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.process_view import ProcessView
from agent_assist.gui.search_panel import SearchPanel

GEOMETRY_KEY = "callMode/geometry"
RESULTS_HEIGHT_KEY = "callMode/resultsHeight"  # the list's height while a card is open, if dragged
DEFAULT_SIZE = (380, 720)  # fits beside a CRM even on a 1366 px screen; the card shows ~6 steps
ROWS_WITH_CARD = 3  # result rows kept visible above an open card
MIN_CARD_HEIGHT = 240


class ElidedLabel(QLabel):
    """A one-line label that shows as much of its text as fits, ending in "…"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def minimumSizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance("…") * 4
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(
            self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, self.width())
        )


class CallModeWindow(LiveUpdate, QWidget):
    """Compact search + quick card. Emits :attr:`closed` when the agent leaves call mode."""

    closed = Signal()

    def __init__(self, ctx: AppContext, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("callMode")
        self.ctx = ctx
        self.settings = settings
        self.search = SearchPanel(ctx, self, compact=True)
        self.view = ProcessView(ctx, self, compact=True)
        self.search.processChosen.connect(self._open)
        self.search.tierRequested.connect(lambda pid, tier: self.view.ws.set_tier(pid, tier))
        self.view.openRequested.connect(self._open)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.search)
        self.split.addWidget(self.view)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 1)  # a taller window grows the card, not the list
        self.split.splitterMoved.connect(self._divider_dragged)
        self._placing = False
        self.hint = ElidedLabel(self)  # one line, cut with "…" (full text in the tooltip): never
        self.hint.setObjectName("callHint")  # what makes the window wide, in any language
        self.back = QPushButton(self)
        self.back.setFocusPolicy(Qt.FocusPolicy.NoFocus)
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
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self.view,
            self.search.focus_search,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.retranslate()
        self.resize(*DEFAULT_SIZE)
        self._restore()
        self._show_card(False)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("坐席助手 · 通话模式"))
        self.back.setText(self.tr("返回主窗口 (F9)"))
        self.hint.set_full_text(self.tr("Ctrl+K 搜索 · Enter 打开 · 1/2/3 设掌握程度"))

    # -- layout -----------------------------------------------------------------------------
    def _open(self, pid: str, query: str) -> None:
        if self.view.show_process(pid, query):
            self._show_card(True)
            self.view.browser.setFocus()

    def _show_card(self, card: bool) -> None:
        """No card: the results take the window. A card: three one-line rows, the card the rest."""
        self.view.setVisible(card)
        self.search.results.set_compact(card)
        if card:
            self._place_divider()

    def card_shown(self) -> bool:
        return not self.view.isHidden()

    def results_height(self) -> int:
        """The list's height above a card: the agent's dragged height, else three rows."""
        saved = self.settings.value(RESULTS_HEIGHT_KEY)
        try:
            wanted = int(saved) if saved is not None else 0
        except (TypeError, ValueError):
            wanted = 0
        return wanted or self.search.height_for_rows(ROWS_WITH_CARD)

    def _place_divider(self) -> None:
        total = sum(self.split.sizes()) or self.split.height()
        top = min(
            self.results_height(),
            max(total - MIN_CARD_HEIGHT, self.search.minimumSizeHint().height()),
        )
        self._placing = True
        self.split.setSizes([top, max(total - top, 1)])
        self._placing = False

    def _divider_dragged(self, pos: int, _index: int) -> None:
        if not self._placing and self.card_shown():
            self.settings.setValue(RESULTS_HEIGHT_KEY, int(self.split.sizes()[0]))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.card_shown():
            self._place_divider()

    # -- geometry ---------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)

    def save_geometry(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
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
