"""First run: who is this agent? Name and 工号 key the agent's tiers, study cards and notes.

Skippable (a shared training PC may not have an owner) and editable later in the settings.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.live_update import LiveUpdate


class ProfileDialog(LiveUpdate, QDialog):
    """Asks for 姓名 and 工号. ``accepted`` = save, ``rejected`` = 跳过."""

    def __init__(self, name: str = "", agent_no: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.name_edit = QLineEdit(name, self)
        self.no_edit = QLineEdit(agent_no, self)
        self.error = QLabel(self)
        self.error.setObjectName("errorText")
        self.form = QFormLayout()
        self.name_label, self.no_label = QLabel(self), QLabel(self)
        self.form.addRow(self.name_label, self.name_edit)
        self.form.addRow(self.no_label, self.no_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.name_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("欢迎使用坐席助手"))
        self.intro.setText(
            self.tr(
                "请填写您的姓名和工号。掌握程度、学习进度和记录都按工号保存；"
                "话术里的 {工号} 也会自动填好。可以跳过，之后在「设置」里修改。"
            )
        )
        self.name_label.setText(self.tr("姓名"))
        self.no_label.setText(self.tr("工号"))
        self.name_edit.setPlaceholderText(self.tr("例如：王芳"))
        self.no_edit.setPlaceholderText(self.tr("例如：10086123"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("跳过"))

    def values(self) -> tuple[str, str]:
        return self.name_edit.text().strip(), self.no_edit.text().strip()

    def _save(self) -> None:
        name, agent_no = self.values()
        if not name and not agent_no:
            self.error.setText(self.tr("请至少填写姓名或工号，或者点「跳过」。"))
            return
        if agent_no and not agent_no.isalnum():
            self.error.setText(self.tr("工号只能包含字母和数字，例如 10086123。"))
            self.no_edit.setFocus()
            return
        self.accept()
