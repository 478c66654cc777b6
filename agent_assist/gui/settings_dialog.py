"""Settings: knowledge folder (with re-index), agent profile, theme, font size, UI language.

The dialog is non-modal: re-indexing a large folder runs on a worker thread with a progress bar
here (and in the status bar) while the agent keeps searching the old index. Values are saved in
the agent profile (``ProfileStore``) so they follow the agent, not the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.appearance import DEFAULT_FONT_SIZE, current_language, current_theme
from agent_assist.gui.context import AppContext
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.knowledge import AgentProfile


class SettingsDialog(LiveUpdate, QDialog):
    """Emits :attr:`appearanceChanged` (theme, font size, language) when the agent applies."""

    appearanceChanged = Signal(str, int, str)
    reindexFinished = Signal(bool)  # ok

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.ctx = ctx
        self.ws = ctx.services
        self.setModal(False)

        self.kb_group = QGroupBox(self)
        self.kb_edit = QLineEdit(str(ctx.kb_dir), self)
        self.kb_browse = QPushButton(self)
        self.kb_browse.clicked.connect(self._browse)
        self.reindex_button = QPushButton(self)
        self.reindex_button.setObjectName("reindexButton")
        self.reindex_button.clicked.connect(self.reindex)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("reindexProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.hide()  # shown while a re-index runs
        self.kb_status = QLabel(self)
        self.kb_status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.kb_edit, 1)
        row.addWidget(self.kb_browse)
        row.addWidget(self.reindex_button)
        kb_layout = QVBoxLayout(self.kb_group)
        kb_layout.addLayout(row)
        kb_layout.addWidget(self.progress)
        kb_layout.addWidget(self.kb_status)

        self.profile_group = QGroupBox(self)
        self.name_edit = QLineEdit(ctx.agent_name, self)
        self.no_edit = QLineEdit(ctx.agent_no, self)
        self.profile_form = QFormLayout(self.profile_group)
        self.name_label, self.no_label = QLabel(self), QLabel(self)
        self.profile_form.addRow(self.name_label, self.name_edit)
        self.profile_form.addRow(self.no_label, self.no_edit)
        self.profile_error = QLabel(self)
        self.profile_error.setObjectName("errorText")
        self.profile_error.setWordWrap(True)
        self.profile_form.addRow(self.profile_error)

        self.look_group = QGroupBox(self)
        self.theme_combo = QComboBox(self)
        self.theme_combo.addItem("", "light")
        self.theme_combo.addItem("", "dark")
        self.font_spin = QSpinBox(self)
        self.font_spin.setRange(8, 24)
        self.lang_combo = QComboBox(self)
        self.lang_combo.addItem("简体中文", "zh_CN")
        self.lang_combo.addItem("English", "en")
        self.look_form = QFormLayout(self.look_group)
        self.theme_label, self.font_label, self.lang_label = (
            QLabel(self),
            QLabel(self),
            QLabel(self),
        )
        self.look_form.addRow(self.theme_label, self.theme_combo)
        self.look_form.addRow(self.font_label, self.font_spin)
        self.look_form.addRow(self.lang_label, self.lang_combo)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)

        layout = QVBoxLayout(self)
        layout.addWidget(self.kb_group)
        layout.addWidget(self.profile_group)
        layout.addWidget(self.look_group)
        layout.addWidget(self.buttons)

        self.ws.indexProgress.connect(self._progress)
        self.ws.searcherReady.connect(self._reindexed)
        self.ws.indexFailed.connect(self._failed)
        self.ws.kbEmpty.connect(self._empty)
        self.load()
        self.retranslate()
        self.resize(560, 0)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("设置"))
        self.kb_group.setTitle(self.tr("知识库文件夹"))
        self.kb_browse.setText(self.tr("选择…"))
        self.reindex_button.setText(self.tr("重新索引"))
        self.profile_group.setTitle(self.tr("坐席信息"))
        self.name_label.setText(self.tr("姓名"))
        self.no_label.setText(self.tr("工号"))
        self.look_group.setTitle(self.tr("外观与语言"))
        self.theme_combo.setItemText(0, self.tr("浅色"))
        self.theme_combo.setItemText(1, self.tr("深色"))
        self.theme_label.setText(self.tr("主题"))
        self.font_label.setText(self.tr("字号"))
        self.lang_label.setText(self.tr("界面语言"))
        if not self.ws.indexing:
            self.kb_status.setText(self.tr("当前：%1 个流程").replace("%1", str(len(self.ctx.kb))))

    # -- values -----------------------------------------------------------------------------
    def load(self) -> None:
        profile = self.ws.profiles.load()
        self.name_edit.setText(self.ctx.agent_name)
        self.no_edit.setText(self.ctx.agent_no)
        self.profile_error.clear()
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(current_theme())))
        self.lang_combo.setCurrentIndex(max(0, self.lang_combo.findData(current_language())))
        size = profile.font_size if profile and profile.font_size else DEFAULT_FONT_SIZE
        self.font_spin.setValue(int(size))

    def profile(self) -> AgentProfile:
        kb = self.kb_edit.text().strip()
        return AgentProfile(
            name=self.name_edit.text().strip(),
            agent_no=self.no_edit.text().strip(),
            theme=self.theme_combo.currentData(),
            font_size=self.font_spin.value(),
            language=self.lang_combo.currentData(),
            kb_dir=kb if kb and Path(kb) != _shipped() else "",
        )

    def apply(self) -> bool:
        """Save the profile, re-theme, and switch KB (re-indexing in the background)."""
        kb_text = self.kb_edit.text().strip()
        if kb_text and not self._check_kb(Path(kb_text)):
            return False
        profile = self.profile()
        try:
            self.ws.profiles.save(profile)
        except ValueError as exc:  # ProfileError names the field; nothing is applied
            self.profile_error.setText(str(exc))
            field = {"name": self.name_edit, "agent_no": self.no_edit}.get(
                getattr(exc, "field", "")
            )
            if field is not None:
                field.setFocus()
            return False
        self.profile_error.clear()
        if (profile.name, profile.agent_no) != (self.ctx.agent_name, self.ctx.agent_no):
            self.ctx.services.set_agent(profile.name, profile.agent_no)
        self.appearanceChanged.emit(profile.theme, profile.font_size, profile.language)
        target = Path(kb_text) if kb_text else _shipped()
        if target.resolve() != Path(self.ctx.kb_dir).resolve():
            self.reindex()
        return True

    def accept(self) -> None:
        if self.apply():
            super().accept()

    def _check_kb(self, path: Path) -> bool:
        if not path.is_dir():
            self.kb_status.setText(
                self.tr("「%1」不是一个文件夹，请重新选择。").replace("%1", str(path))
            )
            return False
        return True

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择知识库文件夹"), self.kb_edit.text()
        )
        if folder:
            self.kb_edit.setText(folder)

    # -- re-index ---------------------------------------------------------------------------
    def reindex(self) -> None:
        """(Re)build the index of the folder in the box on a worker thread; the app stays usable."""
        path = Path(self.kb_edit.text().strip() or _shipped())
        if not self._check_kb(path):
            return
        # no counting of files here: on a big or network folder that alone freezes the window;
        # the worker finds the files, its progress carries the total, and an empty folder is
        # reported back (kbEmpty) without switching
        self.reindex_button.setEnabled(False)
        self.progress.show()
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.kb_status.setText(
            self.tr("正在索引 %1 … 可以继续使用，完成后自动切换。").replace("%1", str(path))
        )
        self.ws.open_searcher(path)

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _reindexed(self) -> None:
        self.reindex_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        kb = self.ctx.kb
        text = self.tr("完成：%1 个流程").replace("%1", str(len(kb)))
        if kb.errors:
            text += (
                self.tr("；%1 个文件有问题被跳过（例如 %2）")
                .replace("%1", str(len(kb.errors)))
                .replace("%2", str(kb.errors[0]))
            )
        self.kb_status.setText(text)
        self.reindexFinished.emit(True)

    def _empty(self, folder: str) -> None:
        self.reindex_button.setEnabled(True)
        self.progress.hide()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.kb_status.setText(
            self.tr("「%1」里没有流程文件（带 front matter 的 .md），仍使用原来的知识库。").replace(
                "%1", folder
            )
        )
        self.reindexFinished.emit(False)

    def _failed(self, message: str) -> None:
        self.reindex_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.kb_status.setText(self.tr("索引失败：%1").replace("%1", message))
        self.reindexFinished.emit(False)


def _shipped() -> Path:
    from agent_assist.storage import shipped_kb_dir

    return shipped_kb_dir()
