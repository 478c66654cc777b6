"""Reason codes, picked by number: type ``3 12`` and codes 3 and 12 are ticked in the list.

Agents learn the ~20 numbers within days; typing them is faster than any mouse. The list beside
the field shows every code with its customer-language name (examples in the tooltip) so a new
agent can find the number, and ticking an item writes its number into the field. The field's
text is what the draft stores; the core (``ReasonCodeBook.parse``) decides what is valid.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from agent_assist.notes import ReasonCodeBook


class ReasonCodePicker(QWidget):
    changed = Signal()

    def __init__(self, codes: ReasonCodeBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codes = codes
        self.edit = QLineEdit(self)
        self.edit.setObjectName("reasonCodesEdit")
        self.chosen = QLabel(self)
        self.chosen.setObjectName("reasonCodesChosen")
        self.chosen.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("reasonCodesList")
        self.list.setFocusPolicy(
            Qt.FocusPolicy.ClickFocus
        )  # keyboard users type numbers; Tab skips the list
        self.list.setMaximumHeight(150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.chosen)
        layout.addWidget(self.list)
        self.setFocusProxy(self.edit)
        self._syncing = False
        self._fill()
        self.edit.textChanged.connect(self._text_changed)
        self.list.itemChanged.connect(self._item_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Called by the form that hosts the picker when the language changes."""
        self.edit.setPlaceholderText(self.tr("输入编号，空格分隔，如 3 12"))
        self.set_codes(self.codes)

    def set_codes(self, codes: ReasonCodeBook) -> None:
        self.codes = codes
        self._fill()
        self._text_changed(self.edit.text())

    def _fill(self) -> None:
        self._syncing = True
        self.list.clear()
        for code in self.codes:
            item = QListWidgetItem(code.label)
            item.setData(Qt.ItemDataRole.UserRole, code.number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            if code.examples:
                item.setToolTip(self.tr("客户常说：") + "；".join(code.examples))
            self.list.addItem(item)
        self._syncing = False

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def selected(self) -> list[int]:
        return self.codes.parse(self.edit.text())[0]

    def _text_changed(self, text: str) -> None:
        numbers, bad = self.codes.parse(text)
        self._syncing = True
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in numbers
                else Qt.CheckState.Unchecked
            )
        self._syncing = False
        names = "、".join(self.codes.get(n).label for n in numbers)  # type: ignore[union-attr]
        self.chosen.setText(self.tr("已选：") + names if names else "")
        self.chosen.setVisible(bool(names))
        if numbers:
            self.list.scrollToItem(self.list.item(self._row_of(numbers[-1])))
        self.changed.emit()

    def _row_of(self, number: int) -> int:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == number:
                return row
        return 0

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._syncing:
            return
        number = item.data(Qt.ItemDataRole.UserRole)
        numbers, bad = self.codes.parse(self.edit.text())
        if item.checkState() == Qt.CheckState.Checked and number not in numbers:
            numbers.append(number)
        elif item.checkState() != Qt.CheckState.Checked and number in numbers:
            numbers.remove(number)
        # keep what the agent typed wrong visible, so it can be fixed rather than silently dropped
        self.edit.setText(" ".join([str(n) for n in numbers] + bad))
