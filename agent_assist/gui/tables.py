"""The read-only, row-selecting tables the notes panels list records in."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QWidget

# what Qt passes to a model's data()/flags() and a delegate's paint(): overrides take both
Index = QModelIndex | QPersistentModelIndex
TableT = TypeVar("TableT", bound=QTableView)


def read_only_table(
    parent: QWidget, name: str, headers: list[str], stretch_column: int
) -> QTableWidget:
    """One row selected at a time, no in-place editing (records change through their own forms,
    so a stray keystroke can never alter one), columns sized to content except the free-text
    column, which takes the remaining width."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    return _read_only(table, name, stretch_column)


def read_only_view(
    parent: QWidget,
    name: str,
    model: QAbstractItemModel,
    stretch_column: int,
    table: QTableView | None = None,
) -> QTableView:
    """The same table over a model (rows fetched as the agent scrolls: ``fetchMore``); ``table``
    is a view of a subclass to set up instead of a plain ``QTableView``."""
    table = table if table is not None else QTableView(parent)
    table.setModel(model)
    return _read_only(table, name, stretch_column)


def _read_only(table: TableT, name: str, stretch_column: int) -> TableT:
    """What both kinds share: whole rows, one at a time, never edited in place."""
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().hide()
    return table
