"""The agent's own phrases: create, edit, delete — tone-checked as they are typed.

Personal phrases are how an agent sounds like themselves instead of a script. The editor
underlines risky phrasing live; saving a phrase that still has findings needs a second click, so
the agent decides knowingly (the checker advises, it does not forbid).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.labels import phrase_stage_text
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.services import Change
from agent_assist.gui.tone_highlighter import ToneFindingsList, check_text_edit
from agent_assist.phrases import STAGES, Phrase, PhraseError


class PhraseEditor(LiveUpdate, QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phraseEditor")
        self.ctx = ctx
        self.current_id: str | None = None
        self._confirm_tone = False

        self.list = QListWidget(self)
        self.list.setObjectName("personalPhrases")
        self.list.currentRowChanged.connect(self._row_changed)
        self.trigger = QLineEdit(self)
        self.trigger.setMaxLength(12)
        self.title = QLineEdit(self)
        self.stage = QComboBox(self)
        for key, label in STAGES.items():
            self.stage.addItem(label, key)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("phraseText")
        self.highlighter = check_text_edit(self.text, ctx)
        self.findings = ToneFindingsList(self.highlighter, self.text, self)
        self.error = QLabel(self)
        self.error.setObjectName("phraseError")
        self.error.setWordWrap(True)
        self.error.setProperty("role", "fieldError")  # coloured by the theme
        self.new_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_phrase)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.text.textChanged.connect(self._edited)

        self.form = QFormLayout()
        self.trigger_label, self.title_label = QLabel(self), QLabel(self)
        self.stage_label, self.text_label = QLabel(self), QLabel(self)
        self.form.addRow(self.trigger_label, self.trigger)
        self.form.addRow(self.title_label, self.title)
        self.form.addRow(self.stage_label, self.stage)
        self.form.addRow(self.text_label, self.text)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.addLayout(self.form)
        rl.addWidget(self.hint)
        rl.addWidget(self.findings)
        rl.addWidget(self.error)
        rl.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.resize(760, 420)
        self.retranslate()
        self.reload()
        self.new_phrase()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("我的话术"))
        self.trigger_label.setText(self.tr("快捷码"))
        self.title_label.setText(self.tr("名称"))
        self.stage_label.setText(self.tr("阶段"))
        self.text_label.setText(self.tr("内容"))
        self.trigger.setPlaceholderText(self.tr("如 wj（输入 /wj 调出）"))
        self.title.setPlaceholderText(self.tr("列表里显示的短名，可不填"))
        self.text.setPlaceholderText(self.tr("可用占位符：{称呼} {工号} {时限} {日期} …"))
        self.hint.setText(
            self.tr("说能做什么，少用“不能、没办法”；承诺要带时限。波浪线处悬停可看建议。")
        )
        for i in range(self.stage.count()):
            key = self.stage.itemData(i)
            self.stage.setItemText(i, phrase_stage_text(key, STAGES.get(key, key)))
        self.new_button.setText(self.tr("新建"))
        self.save_button.setText(self.tr("保存"))
        self.delete_button.setText(self.tr("删除"))

    @property
    def library(self):
        return self.ctx.services.phrase_library()

    def reload(self, select: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        row = -1
        for i, p in enumerate(self.library.personal()):
            item = QListWidgetItem(f"/{p.trigger}  {p.label}")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setToolTip(p.text)
            self.list.addItem(item)
            if p.id == select:
                row = i
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    def new_phrase(self) -> None:
        self.list.setCurrentRow(-1)
        self._load(None)
        self.trigger.setFocus(Qt.FocusReason.OtherFocusReason)

    def _row_changed(self, row: int) -> None:
        item = self.list.item(row) if row >= 0 else None
        self._load(
            self.library.get(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        )

    def _load(self, phrase: Phrase | None) -> None:
        self.current_id = phrase.id if phrase else None
        self.trigger.setText(phrase.trigger if phrase else "")
        self.title.setText(phrase.title if phrase else "")
        self.stage.setCurrentIndex(max(0, self.stage.findData(phrase.stage if phrase else "other")))
        self.text.setPlainText(phrase.text if phrase else "")
        self.delete_button.setEnabled(phrase is not None)
        self.error.clear()
        self._confirm_tone = False

    def _edited(self) -> None:
        self._confirm_tone = False
        self.save_button.setText(self.tr("保存"))

    def save(self) -> Phrase | None:
        findings = self.highlighter.findings()
        if findings and not self._confirm_tone:
            self._confirm_tone = True
            self.error.setText(
                self.tr(
                    "有 {0} 处语气提示（见上方列表）。修改后保存，或再点一次“仍然保存”。"
                ).format(len(findings))
            )
            self.save_button.setText(self.tr("仍然保存"))
            return None
        try:
            phrase = self.library.save_personal(
                self.text.toPlainText(),
                self.trigger.text(),
                self.title.text(),
                self.stage.currentData(),
                pid=self.current_id,
            )
        except PhraseError as exc:
            self.error.setText(str(exc))
            {"text": self.text, "trigger": self.trigger}.get(exc.field, self.text).setFocus(
                Qt.FocusReason.OtherFocusReason
            )
            return None
        self.error.clear()
        self._confirm_tone = False
        self.save_button.setText(self.tr("保存"))
        self.reload(select=phrase.id)
        self.current_id = phrase.id
        self.delete_button.setEnabled(True)
        self.ctx.services.notify(Change(phrases=True))
        return phrase

    def delete(self) -> bool:
        if self.current_id is None:
            return False
        deleted = self.library.delete_personal(self.current_id)
        self.reload()
        self.new_phrase()
        self.ctx.services.notify(Change(phrases=True))
        return deleted
