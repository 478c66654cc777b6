"""The follow-up queue as a Qt model and view: open call-backs soonest first, then (if shown)
closed ones.

``FollowUpStore.queue`` is ordered (due time / closing time, then id), so a longer ``limit`` only
adds rows after the ones already shown: ``fetchMore`` asks for one more page when the agent
scrolls to the end, and inserts the new open rows after the open ones and the new closed rows at
the end — no full reload, the selection stays.

The model says what state a row is in (:data:`STATE_ROLE`: overdue / due today / open / done, as
``FollowUp.state`` decides); it holds no colour. The view owns the colours as Qt properties the
theme sets (``qproperty-overdueColor`` in ``ui/themes/*.qss``), so a dark theme gets colours
readable on a dark background and a theme switch repaints the rows at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

from agent_assist.gui.tables import Index
from agent_assist.notes import FollowUp, FollowUpStore

PAGE = 200
STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # "overdue" | "due_today" | "open" | "done"


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

    @property
    def items(self) -> list[FollowUp]:
        return self.open + self.closed

    def _query(self, limit: int) -> tuple[list[FollowUp], list[FollowUp]]:
        rows = self.store.queue(include_closed=self.include_closed, limit=limit)
        return [f for f in rows if f.is_open], [f for f in rows if not f.is_open]

    def reset(self, include_closed: bool) -> None:
        self.beginResetModel()
        self.include_closed = include_closed
        self.limit = max(PAGE, len(self.open), len(self.closed))  # keep what was scrolled to
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
        if role == STATE_ROLE:
            return f.state()
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and section < len(self.headers)
        ):
            return self.headers[section]
        return super().headerData(section, orientation, role)


class FollowUpTable(QTableView):
    """The queue's view: one colour per row state, each a Qt property the QSS theme sets
    (``FollowUpTable { qproperty-overdueColor: #c92a2a; }``). The defaults are the light
    theme's, for a table shown without a style sheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colors = {
            "overdue": QColor("#c92a2a"),
            "due_today": QColor("#b35c00"),
            "done": QColor("#6c757d"),
        }
        self.setItemDelegate(FollowUpDelegate(self))

    def state_color(self, state: str) -> QColor | None:
        """The colour rows in ``state`` are painted in; None: the palette's text colour."""
        color = self._colors.get(state)
        return QColor(color) if color is not None and color.isValid() else None

    def _set(self, state: str, color: QColor) -> None:
        self._colors[state] = QColor(color)
        self.viewport().update()  # a theme switch re-polishes the view: repaint in its colours

    def _overdue(self) -> QColor:
        return QColor(self._colors["overdue"])

    def _set_overdue(self, color: QColor) -> None:
        self._set("overdue", color)

    def _due_today(self) -> QColor:
        return QColor(self._colors["due_today"])

    def _set_due_today(self, color: QColor) -> None:
        self._set("due_today", color)

    def _done(self) -> QColor:
        return QColor(self._colors["done"])

    def _set_done(self, color: QColor) -> None:
        self._set("done", color)

    overdueColor = Property(QColor, _overdue, _set_overdue)
    dueTodayColor = Property(QColor, _due_today, _set_due_today)
    doneColor = Property(QColor, _done, _set_done)


class FollowUpDelegate(QStyledItemDelegate):
    """Paints a row in its state's colour from the view (overdue rows bold as well)."""

    def __init__(self, view: FollowUpTable) -> None:
        super().__init__(view)
        self.view = view

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        state = index.data(STATE_ROLE)
        color = self.view.state_color(state) if isinstance(state, str) else None
        if color is not None:
            option.palette.setColor(QPalette.ColorRole.Text, color)
        if state == "overdue":
            option.font.setBold(True)
