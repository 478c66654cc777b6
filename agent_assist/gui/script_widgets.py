"""Pieces of the script panel that keep it usable at any width: labels that wrap, branch
buttons that elide instead of widening the panel, lists sized to their wrapped rows, and the
phrase library a script's suggested phrases come from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QPushButton, QSizePolicy, QWidget

from agent_assist.gui.phrase_picker import shared_library
from agent_assist.phrases import PhraseLibrary
from agent_assist.scripts import script_phrases_path

NARROW = 560  # below this width the branch buttons stack in one column


def script_library(ctx) -> PhraseLibrary:
    """The phrase library the scripts' ``say:`` ids refer to (``script_phrases_path`` decides):
    usually the shared one; the shipped library when a centre has its own phrases but uses the
    shipped scripts — otherwise those scripts would show no phrases at all."""
    shared = shared_library(ctx)
    path = script_phrases_path(getattr(ctx, "kb", None))
    if path is None or (shared.path is not None and Path(path).resolve() == shared.path.resolve()):
        return shared
    cached = getattr(ctx, "_script_phrase_library", None)
    if cached is None or cached.path != Path(path):
        # only looked up by id, so its fuzzy index is never built
        cached = PhraseLibrary.load(path=Path(path), db=getattr(ctx, "db", None), build=False)
        ctx._script_phrase_library = cached
    return cached


def wrapping(label: QLabel) -> QLabel:
    """A label that wraps instead of widening the panel (an unwrapped label sets the scroll
    content's minimum width: at 450 px that is a horizontal scrollbar and clipped text)."""
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
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
            self.full_text, Qt.ElideRight, max(20, self.width() - 20)
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
        extra = 22 if item.flags() & Qt.ItemIsUserCheckable else 0
        h = (
            fm.boundingRect(QRect(0, 0, width - extra, 0), Qt.TextWordWrap, item.text()).height()
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
