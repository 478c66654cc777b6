"""The follow-up queue as a Qt model: open call-backs soonest first, then (if shown) closed ones.

``FollowUpStore.queue`` is ordered (due time / closing time, then id), so a longer ``limit`` only
adds rows after the ones already shown: ``fetchMore`` asks for one more page when the agent
scrolls to the end, and inserts the new open rows after the open ones and the new closed rows at
the end — no full reload, the selection stays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from agent_assist.notes import FollowUp, FollowUpStore

PAGE = 200
OVERDUE = QColor("#c92a2a")
CLOSED = QColor("#868e96")

Index = QModelIndex | QPersistentModelIndex


class FollowUpsModel(QAbstractTableModel):
    """``cells(followup)`` gives a row's texts (the panel owns the words and their language)."""

    def __init__(
        self, store: FollowUpStore, cells: Callable[[FollowUp], list[str]], parent=None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.cells = cells
        self.headers: list[str] = []
        self.open: list[FollowUp] = []
        self.closed: list[FollowUp] = []
        self.include_closed = False
        self.limit = PAGE
        self.bold = QFont()
        self.bold.setBold(True)

    @property
    def items(self) -> list[FollowUp]:
        return self.open + self.closed

    def _query(self, limit: int) -> tuple[list[FollowUp], list[FollowUp]]:
        rows = self.store.queue(include_closed=self.include_closed, limit=limit)
        return [f for f in rows if f.is_open], [f for f in rows if not f.is_open]

    def reset(self, include_closed: bool, font: QFont | None = None) -> None:
        self.beginResetModel()
        self.include_closed = include_closed
        self.limit = max(PAGE, len(self.open), len(self.closed))  # keep what was scrolled to
        if font is not None:
            self.bold = QFont(font)
            self.bold.setBold(True)
        self.open, self.closed = self._query(self.limit)
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid():
            return False
        return len(self.open) >= self.limit or (
            self.include_closed and len(self.closed) >= self.limit
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self.limit += PAGE
        more_open, more_closed = self._query(self.limit)
        new_open = more_open[len(self.open) :]
        if new_open:
            first = len(self.open)
            self.beginInsertRows(QModelIndex(), first, first + len(new_open) - 1)
            self.open += new_open
            self.endInsertRows()
        new_closed = more_closed[len(self.closed) :]
        if new_closed:
            first = len(self.open) + len(self.closed)
            self.beginInsertRows(QModelIndex(), first, first + len(new_closed) - 1)
            self.closed += new_closed
            self.endInsertRows()

    def set_headers(self, headers: list[str]) -> None:
        self.headers = headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(len(headers) - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.open) + len(self.closed)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def followup_at(self, row: int) -> FollowUp | None:
        items = self.items
        return items[row] if 0 <= row < len(items) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        f = self.followup_at(index.row()) if index.isValid() else None
        if f is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(f)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return f.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if f.is_overdue():
                return QBrush(OVERDUE)
            return QBrush(CLOSED) if not f.is_open else None
        if role == Qt.ItemDataRole.FontRole and f.is_overdue():
            return self.bold
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and section < len(self.headers)
        ):
            return self.headers[section]
        return super().headerData(section, orientation, role)
