"""The phrase picker's popup: matches, an editable preview of the filled text, insert / copy.

It only shows what the picker (``phrase_picker.PhrasePicker``) gives it and reports what the
agent chose; matching, filling and usage counting happen in the core library.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.live_update import LiveUpdate
from agent_assist.phrases import Match


class PhrasePopup(LiveUpdate, QFrame):
    """A frameless tool window that does not take focus when shown (the agent keeps typing in the
    note), but can be clicked into to edit the preview."""

    queryEdited = Signal(str)  # Ctrl+Space mode: the popup's own search field
    currentChanged = Signal(object)  # Match | None
    insertRequested = Signal()
    copyRequested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("phrasePopup")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.matches: list[Match] = []
        self.edited = False
        self._setting_preview = False

        self.query = QLineEdit(self)
        self.query.setObjectName("phraseQuery")
        self.query.textEdited.connect(self.queryEdited)
        self.query.installEventFilter(self)
        self.list = QListWidget(self)
        self.list.setObjectName("phraseList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.insertRequested.emit())
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("phrasePreview")
        self.preview.setMaximumHeight(90)
        self.preview.textChanged.connect(self._preview_edited)
        self.preview.installEventFilter(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("phraseHint")
        self.hint.setWordWrap(True)
        self.empty = QLabel(self)
        self.empty.setObjectName("phraseEmpty")
        self.insert_button = QPushButton(self)
        self.insert_button.clicked.connect(self.insertRequested)
        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self.copyRequested)
        for b in (self.insert_button, self.copy_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.insert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.query)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        self.resize(460, 320)
        self.retranslate()

    def retranslate(self) -> None:
        self.query.setPlaceholderText(self.tr("输入快捷码、拼音首字母或关键词"))
        self.hint.setText(
            self.tr(
                "Enter 插入 · Tab 插入后填写占位符 · Ctrl+E 先编辑 · Ctrl+Shift+C 复制 · Esc 关闭"
            )
        )
        self.empty.setText(self.tr("没有匹配的话术"))
        self.insert_button.setText(self.tr("插入"))
        self.copy_button.setText(self.tr("复制"))

    # content ------------------------------------------------------------------------------
    def set_search_mode(self, on: bool) -> None:
        """Ctrl+Space mode shows a search field; "/" mode reads the query from the note."""
        self.query.setVisible(on)

    def set_matches(self, matches: list[Match]) -> None:
        self.matches = matches
        self.list.blockSignals(True)
        self.list.clear()
        for m in matches:
            p = m.phrase
            mine = self.tr("（我的）") if p.is_personal else ""
            item = QListWidgetItem(f"/{p.trigger}  {p.label}{mine}  · {p.stage_label}")
            item.setToolTip(p.text)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(not matches)
        self.list.setVisible(bool(matches))
        self.list.setCurrentRow(0 if matches else -1)
        self._row_changed(self.list.currentRow())

    def current(self) -> Match | None:
        row = self.list.currentRow()
        return self.matches[row] if 0 <= row < len(self.matches) else None

    def move_selection(self, delta: int) -> None:
        if not self.matches:
            return
        row = (self.list.currentRow() + delta) % len(self.matches)
        self.list.setCurrentRow(row)

    def set_preview(self, text: str) -> None:
        self._setting_preview = True
        self.preview.setPlainText(text)
        self._setting_preview = False
        self.edited = False

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    def edit_preview(self) -> None:
        self.activateWindow()
        self.preview.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.preview.moveCursor(self.preview.textCursor().MoveOperation.End)

    def _row_changed(self, _row: int) -> None:
        self.currentChanged.emit(self.current())

    def _preview_edited(self) -> None:
        if not self._setting_preview:
            self.edited = True

    # keys inside the popup (search field or preview focused) --------------------------------
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_Escape:
                self.closed.emit()
                return True
            if (
                key == Qt.Key.Key_C
                and mods & Qt.KeyboardModifier.ControlModifier
                and mods & Qt.KeyboardModifier.ShiftModifier
            ):
                self.copyRequested.emit()
                return True
            if obj is self.query:
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                    self.move_selection(1 if key == Qt.Key.Key_Down else -1)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
                    self.insertRequested.emit()
                    return True
                if key == Qt.Key.Key_E and mods & Qt.KeyboardModifier.ControlModifier:
                    self.edit_preview()
                    return True
            if (
                obj is self.preview
                and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and mods & Qt.KeyboardModifier.ControlModifier
            ):
                self.insertRequested.emit()
                return True
            if obj is self.preview and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods:
                self.insertRequested.emit()
                return True
        return super().eventFilter(obj, event)
