"""History's rows as a Qt model that pages through ``NoteStore.search`` as the agent scrolls.

A year of notes is never loaded at once: the first page comes with the filter, the next one when
the view asks for it (``canFetchMore`` / ``fetchMore``, called by Qt when the last row scrolls into
view) — no 加载更多 button. The offset counts damaged rows too (they are reported, not shown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from agent_assist.notes import Note, NoteFilter, NoteStore, SkippedRow

PAGE = 200

Index = QModelIndex | QPersistentModelIndex


class NotesModel(QAbstractTableModel):
    """Notes matching one filter, newest first, fetched a page at a time.

    ``cells(note)`` gives the row's texts and ``tips(note, column)`` its tooltips (the view owns
    the words, so they follow the UI language)."""

    def __init__(
        self,
        store: NoteStore,
        cells: Callable[[Note], list[str]],
        tips: Callable[[Note, int], str],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.cells = cells
        self.tips = tips
        self.headers: list[str] = []
        self.notes: list[Note] = []
        self.skipped: list[SkippedRow] = []
        self.filter = NoteFilter()
        self.total = 0

    # -- loading --------------------------------------------------------------------------------
    def reset(self, flt: NoteFilter) -> None:
        """A new filter: count, then the first page."""
        self.beginResetModel()
        self.filter = flt
        self.total = self.store.count(flt)
        self.skipped = []
        self.notes = self.store.search(flt, limit=PAGE, skipped=self.skipped)
        self.endResetModel()

    def fetched(self) -> int:
        return len(self.notes) + len(self.skipped)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.fetched() < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        before = len(self.skipped)
        page = self.store.search(
            self.filter, limit=PAGE, offset=self.fetched(), skipped=self.skipped
        )
        if not page and len(self.skipped) == before:
            self.total = self.fetched()  # fewer rows than counted (deleted meanwhile): stop
            return
        if page:
            first = len(self.notes)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.notes += page
            self.endInsertRows()

    # -- the model ------------------------------------------------------------------------------
    def set_headers(self, headers: list[str]) -> None:
        self.headers = headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(len(headers) - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.notes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 8

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.notes):
            return None
        note = self.notes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(note)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips(note, index.column()) or None
        if role == Qt.ItemDataRole.UserRole:
            return note.id
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

    def note_at(self, row: int) -> Note | None:
        return self.notes[row] if 0 <= row < len(self.notes) else None

    def row_of(self, note_id: int) -> int:
        return next((i for i, n in enumerate(self.notes) if n.id == note_id), -1)
