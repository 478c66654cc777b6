"""F1: the keyboard shortcuts, keys in one column and what they do in the next.

A grid rather than a tab-separated message box, so the columns line up in every language and at
every font size; non-modal, so it can stay open beside the work.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from agent_assist.gui.live_update import LiveUpdate


class ShortcutHelp(LiveUpdate, QDialog):
    """The shortcut list as a grid: keys in one column, what they do in the next, aligned in
    every language (a tab-separated message box was not)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutHelp")
        self.setModal(False)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setColumnStretch(1, 1)
        self.rows: list[tuple[QLabel, QLabel]] = []
        for _ in range(len(self.shortcuts())):
            keys, what = QLabel(self), QLabel(self)
            keys.setObjectName("shortcutKeys")
            keys.setTextFormat(
                Qt.TextFormat.RichText
            )  # bold through markup: the size follows the app font
            what.setWordWrap(True)
            self.grid.addWidget(keys, len(self.rows), 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(what, len(self.rows), 1, Qt.AlignmentFlag.AlignTop)
            self.rows.append((keys, what))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addWidget(buttons)
        self.retranslate()

    def shortcuts(self) -> list[tuple[str, str]]:
        return [
            ("Ctrl+K / F3", self.tr("回到搜索框")),
            ("↑ / ↓, Enter", self.tr("选择并打开流程")),
            ("Alt+0…4", self.tr("类别：全部/咨询/查询/办理/投诉")),
            ("1 / 2 / 3", self.tr("设为 已掌握 / 不确定 / 未掌握")),
            ("Esc", self.tr("从流程页回到搜索")),
            ("F9", self.tr("通话模式（小窗置顶）")),
            ("Ctrl+1…9", self.tr("切换标签页")),
            ("Ctrl+Shift+N", self.tr("新通话")),
            (self.tr("学习页"), self.tr("空格 显示答案，1–4 评分")),
        ]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("快捷键"))
        for (keys, what), (k, w) in zip(self.rows, self.shortcuts()):
            keys.setText(f"<b>{escape(k)}</b>")
            what.setText(w)
