"""The result list: one compact row per process, readable at a glance mid-call.

Each row shows the title with the matched terms highlighted, the category, the agent's own tier
as a coloured badge and the one-line summary. Processes the agent has mastered are folded under
a "已掌握 N 项" row (Enter or a click unfolds them): they are still reachable but out of the way.
The fold row sits where the first folded hit ranks and names it. The best hit is never folded:
it is the row Enter opens, so typing 话费余额 + Enter opens 话费余额查询 even when the agent
has mastered it. The tail itself is cut: hits far weaker
than the best one (:func:`agent_assist.search.strong_hits`, cut on the search thread) are noise to an agent scanning mid-call.
The list is keyboard-first: the search box forwards ↑/↓/Enter here. The rows and the fold are
:mod:`~agent_assist.gui.result_model`, their painting :mod:`~agent_assist.gui.result_delegate`.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListView

from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.result_delegate import TITLE_SHARE, ResultDelegate, badge_layout
from agent_assist.gui.result_model import ENTRY_ROLE, KIND_ROLE, ResultEntry, ResultModel, RowKind
from agent_assist.knowledge import Tier


class ResultList(LiveUpdate, QListView):
    """The list widget: emits :attr:`activated_pid` on Enter / click; folds known processes."""

    activatedPid = Signal(str)
    tierRequested = Signal(str, object)  # pid, Tier — keys 1/2/3 on a row

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("resultList")
        self.model_ = ResultModel(self)
        self.setModel(self.model_)
        self.delegate = ResultDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(False)
        self.setMouseTracking(True)
        self.empty_text = ""
        self.clicked.connect(self._activate_index)

    def retranslate(self) -> None:
        """Badges and categories are translated as they are painted: just repaint."""
        self.viewport().update()

    def set_empty_text(self, text: str) -> None:
        """What an empty list says (first run: how to start) instead of being a blank box."""
        self.empty_text = text
        self.viewport().update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model_.rowCount() or not self.empty_text:
            return
        painter = QPainter(self.viewport())
        color = QColor(self.palette().color(QPalette.ColorRole.Text))
        color.setAlphaF(0.6)
        painter.setPen(color)
        area = self.viewport().rect().adjusted(16, 16, -16, -16)
        painter.drawText(
            area,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            self.empty_text,
        )
        painter.end()

    def refont(self) -> None:
        """Row heights come from the font: lay the rows out again at the new size."""
        self.scheduleDelayedItemsLayout()

    def set_compact(self, compact: bool) -> None:
        """One-line rows (no summary): more of a quick card fits below the list."""
        if self.delegate.compact != compact:
            self.delegate.compact = compact
            self.scheduleDelayedItemsLayout()  # row heights changed

    def row_height(self) -> int:
        """Height of a hit row as the delegate sizes it now (for "show N rows" layouts)."""
        fm = QFontMetrics(self.font())
        lines = 1.2 if self.delegate.compact else 2.4
        pad = self.delegate.PAD * (1.5 if self.delegate.compact else 2)
        return int(fm.height() * lines + pad)

    def set_entries(self, entries: list[ResultEntry]) -> None:
        self.model_.set_entries(entries)
        self._select_first()

    def set_sections(self, sections: list[tuple[str, list[ResultEntry]]]) -> None:
        self.model_.set_sections(sections)
        self._select_first()

    def _select_first(self) -> None:
        rows = self.model_.hit_rows()
        if rows:
            self.setCurrentIndex(self.model_.index(rows[0]))
        elif self.model_.rowCount():
            self.setCurrentIndex(self.model_.index(0))

    def current_entry(self) -> ResultEntry | None:
        idx = self.currentIndex()
        return idx.data(ENTRY_ROLE) if idx.isValid() else None

    def move_selection(self, step: int) -> None:
        """Move the selection by ``step`` selectable rows (↑/↓ forwarded from the search box)."""
        count = self.model_.rowCount()
        if not count:
            return
        row = self.currentIndex().row() if self.currentIndex().isValid() else -1
        nxt = row
        while True:
            nxt += step
            if nxt < 0 or nxt >= count:
                return
            if self.model_.row(nxt).kind is not RowKind.HEADER:
                break
        self.setCurrentIndex(self.model_.index(nxt))

    def activate_current(self) -> None:
        if self.currentIndex().isValid():
            self._activate_index(self.currentIndex())

    def _activate_index(self, index: QModelIndex) -> None:
        row = self.model_.row(index.row())
        if row.kind is RowKind.TOGGLE:
            self.model_.set_show_known(not self.model_.show_known)
            toggle_row = next(
                i
                for i in range(self.model_.rowCount())
                if self.model_.row(i).kind is RowKind.TOGGLE
            )
            self.setCurrentIndex(self.model_.index(toggle_row))
        elif row.entry is not None:
            self.activatedPid.emit(row.entry.pid)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate_current()
            return
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_selection(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        entry = self.current_entry()
        if (
            entry is not None
            and event.text() in ("1", "2", "3")
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.tierRequested.emit(entry.pid, Tier.from_key(event.text()))
            return
        super().keyPressEvent(event)


# the names panels and tests import from here: the list is the package's face
__all__ = [
    "ENTRY_ROLE",
    "KIND_ROLE",
    "TITLE_SHARE",
    "ResultEntry",
    "ResultList",
    "ResultModel",
    "RowKind",
    "badge_layout",
]
