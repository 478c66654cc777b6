"""The line over the note form after a submit that did not go through: how many fields need
fixing and which (each message also stands under its field), or why nothing was saved.

The core names the errors (``NoteInvalid.errors``); this label only counts and lists them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QWidget

from agent_assist.notes import FieldError


class ErrorSummary(QLabel):
    """Hidden while there is nothing to fix."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorSummary")
        self.setWordWrap(True)
        self.setProperty("role", "fieldError")
        self.hide()

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """List the fields to fix by their labels; an empty list hides the line."""
        if errors:
            count = self.tr("有 %1 项需要修改：").replace("%1", str(len(errors)))
            self.setText(count + "；".join(e.label for e in errors))
        self.setVisible(bool(errors))

    def say(self, text: str) -> None:
        self.setText(text)
        self.show()
