"""The note form's input widgets, made the same way everywhere: a choice of core values, a
free-text box of a fixed number of lines, a name field that suggests listed names.

Kept apart from :mod:`note_fields` (which fields, in which order, with which texts) so that
file says what the form holds and this one how a single input behaves.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QComboBox, QCompleter, QPlainTextEdit, QWidget


def completer_for(names: tuple[str, ...], parent: QWidget) -> QCompleter:
    """Suggests listed names as the agent types; "营" or "业厅" both find 营业厅."""
    completer = QCompleter(list(names), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    return completer


def choice_box(parent: QWidget, items: tuple[str, ...]) -> QComboBox:
    """A choice of core values (stored in Chinese); the first item means "not chosen"."""
    box = QComboBox(parent)
    narrow(box)
    box.addItem("", "")
    for item in items:
        box.addItem(item, item)
    return box


def narrow(box: QComboBox) -> None:
    """A choice whose width follows the form, not its longest (English) item: the form fits
    a 1024 px window without a horizontal scroll bar."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)


def label_items(box: QComboBox, empty: str, label: Callable[[str], str]) -> None:
    """The choice's texts in the UI language: ``empty`` for "not chosen", ``label(value)`` for
    each core value (the stored values stay Chinese)."""
    box.setItemText(0, empty)
    for i in range(1, box.count()):
        box.setItemText(i, label(box.itemData(i)))


def text_box(parent: QWidget, lines: int) -> QPlainTextEdit:
    """Free text ``lines`` lines high, where Tab moves to the next field."""
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)  # Tab moves on; a note never needs a tab character
    edit.setProperty("lines", lines)
    fit_lines(edit)
    return edit


def fit_lines(edit: QPlainTextEdit, font: QFont | None = None) -> None:
    """A fixed height of ``lines`` text lines at the current font (again after a font change:
    the host passes its new font, which the edit may not have received yet)."""
    lines = int(edit.property("lines") or 2)
    metrics = QFontMetrics(font) if font is not None else edit.fontMetrics()
    edit.setFixedHeight(metrics.lineSpacing() * lines + 14)
