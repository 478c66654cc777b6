"""The bar that offers a tier change (process view: 改为「不确定」; study: 标记为「已掌握」):
non-modal, dismissible, never forced. One widget so both offers look and behave alike.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class SuggestionBar(QFrame):
    """What is offered (``text``), and a yes and a no button; hidden until its owner offers
    something. The owner sets the texts (it knows the words of its own offer)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionBar")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.yes = QPushButton(self)
        self.no = QPushButton(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.yes)
        row.addWidget(self.no)
        self.hide()
