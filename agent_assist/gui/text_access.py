"""One small interface over QLineEdit, QPlainTextEdit and QTextEdit for the phrase picker.

Positions here are Python string indices into the plain text; Qt counts UTF-16 units, so an
emoji in a note would shift every offset by one without the conversion below.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, SignalInstance
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget


def py_to_qt(text: str, index: int) -> int:
    prefix = text[:index]
    return index + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def qt_to_py(text: str, pos: int) -> int:
    units = 0
    for i, ch in enumerate(text):
        if units >= pos:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def text_diff(old: str, new: str, cursor: int | None = None) -> tuple[int, int, str]:
    """(position, chars removed, text added) turning ``old`` into ``new``.

    The cursor (after the edit) disambiguates repeated characters: the text after it is the
    unchanged tail, so the change is placed just before the cursor, where the agent typed.
    """
    max_suffix = min(len(old), len(new))
    if cursor is not None:
        max_suffix = min(max_suffix, max(0, len(new) - cursor))
    suffix = 0
    while suffix < max_suffix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    max_prefix = min(len(old), len(new)) - suffix
    prefix = 0
    while prefix < max_prefix and old[prefix] == new[prefix]:
        prefix += 1
    return prefix, len(old) - suffix - prefix, new[prefix : len(new) - suffix]


class TextAccess:
    """Read and edit a text widget by plain-text index; every edit goes through the widget's own
    undo stack, so Ctrl+Z undoes an insertion like any typing.

    The widget is kept twice, typed: ``line`` for a QLineEdit, ``doc`` for the two document
    editors (one of them is None), so each branch below calls only what that kind has."""

    def __init__(self, widget: QWidget) -> None:
        if not isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            raise TypeError(
                f"the phrase picker works on QLineEdit, QPlainTextEdit or QTextEdit, not {type(widget).__name__}"
            )
        self.widget: QLineEdit | QPlainTextEdit | QTextEdit = widget
        self.line: QLineEdit | None = widget if isinstance(widget, QLineEdit) else None
        self.doc: QPlainTextEdit | QTextEdit | None = (
            None if isinstance(widget, QLineEdit) else widget
        )
        self.is_line = self.line is not None

    def text(self) -> str:
        if self.line is not None:
            return self.line.text()
        assert self.doc is not None
        return self.doc.toPlainText()

    def text_changed_signal(self) -> SignalInstance:
        return self.widget.textChanged

    def _doc(self) -> QPlainTextEdit | QTextEdit:
        assert self.doc is not None  # not a QLineEdit, so one of the document editors
        return self.doc

    def cursor(self) -> int:
        text = self.text()
        if self.line is not None:
            return qt_to_py(text, self.line.cursorPosition())
        return qt_to_py(text, self._doc().textCursor().position())

    def has_selection(self) -> bool:
        if self.line is not None:
            return self.line.hasSelectedText()
        return self._doc().textCursor().hasSelection()

    def set_cursor(self, pos: int) -> None:
        q = py_to_qt(self.text(), pos)
        if self.line is not None:
            self.line.setCursorPosition(q)
        else:
            doc = self._doc()
            c = doc.textCursor()
            c.setPosition(q)
            doc.setTextCursor(c)

    def select(self, start: int, end: int) -> None:
        """Select ``start..end`` with the cursor at the end (typing replaces the selection)."""
        text = self.text()
        qs, qe = py_to_qt(text, start), py_to_qt(text, end)
        if self.line is not None:
            self.line.setSelection(qs, qe - qs)
        else:
            doc = self._doc()
            c = doc.textCursor()
            c.setPosition(qs)
            c.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
            doc.setTextCursor(c)

    def selection(self) -> tuple[int, int]:
        text = self.text()
        if self.line is not None:
            if not self.line.hasSelectedText():
                p = self.cursor()
                return p, p
            start = qt_to_py(text, self.line.selectionStart())
            return start, start + len(self.line.selectedText())
        c = self._doc().textCursor()
        return qt_to_py(text, c.selectionStart()), qt_to_py(text, c.selectionEnd())

    def replace(self, start: int, end: int, new: str) -> None:
        """Replace ``start..end`` (empty range: insert) and leave the cursor after ``new``."""
        text = self.text()
        qs, qe = py_to_qt(text, start), py_to_qt(text, end)
        if self.line is not None:
            if qe > qs:
                self.line.setSelection(qs, qe - qs)
            else:
                self.line.setCursorPosition(qs)
            self.line.insert(new)
        else:
            doc = self._doc()
            c = doc.textCursor()
            c.setPosition(qs)
            c.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
            c.insertText(new)
            doc.setTextCursor(c)

    def cursor_rect(self) -> QRect:
        """The cursor's rectangle in widget coordinates (where to open the popup)."""
        if self.line is not None:
            w = self.line
            fm = w.fontMetrics()
            shown = w.displayText()[: w.cursorPosition()]
            x = min(w.width() - 4, 6 + fm.horizontalAdvance(shown))
            return QRect(
                QPoint(x, (w.height() - fm.height()) // 2),
                QPoint(x + 1, (w.height() + fm.height()) // 2),
            )
        doc = self._doc()
        return doc.cursorRect().translated(doc.viewport().pos())
