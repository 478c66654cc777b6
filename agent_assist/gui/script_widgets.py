"""Pieces of the script panel that keep it usable at any width: labels that wrap, branch
buttons that elide instead of widening the panel, lists sized to their wrapped rows."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QPushButton, QSizePolicy, QWidget

NARROW = 560  # below this width the branch buttons stack in one column


def wrapping(label: QLabel) -> QLabel:
    """A label that wraps instead of widening the panel (an unwrapped label sets the scroll
    content's minimum width: at 450 px that is a horizontal scrollbar and clipped text)."""
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(40)
    return label


class BranchButton(QPushButton):
    """A branch choice that never widens the panel: at narrow widths its text is elided (the
    full text stays in the tooltip and the accessible name)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.full_text = text
        self.setToolTip(text)
        self.setAccessibleName(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self.full_text) + 28, hint.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        shown = self.fontMetrics().elidedText(
            self.full_text, Qt.TextElideMode.ElideRight, max(20, self.width() - 20)
        )
        if shown != self.text():
            self.setText(shown)


def fit_list_height(widget: QListWidget) -> int:
    """Rows measured as wrapped at the list's width (the view's own hint assumes one line)."""
    width = max(120, widget.viewport().width() - 12)
    fm = widget.fontMetrics()
    total = 0
    for i in range(widget.count()):
        item = widget.item(i)
        extra = 22 if item.flags() & Qt.ItemFlag.ItemIsUserCheckable else 0
        h = (
            fm.boundingRect(
                QRect(0, 0, width - extra, 0), Qt.TextFlag.TextWordWrap, item.text()
            ).height()
            + 6
        )
        item.setSizeHint(QSize(width, h))
        total += h
    return min(total, 260) + 2 * widget.frameWidth() + 2


def grid_buttons(grid: QGridLayout, buttons: list[QPushButton], columns: int) -> None:
    """Lay ``buttons`` out in ``columns`` equal columns (one when the panel is narrow, e.g.
    beside the process view; two when there is room)."""
    for b in buttons:
        grid.removeWidget(b)
    for i, b in enumerate(buttons):
        grid.addWidget(b, i // columns, i % columns)
    for c in range(2):
        grid.setColumnStretch(c, 1 if c < columns else 0)
