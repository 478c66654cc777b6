"""The main window: search on the left, the work on the right, the call's vital signs below.

Left: :class:`SearchPanel` (focus at start; Ctrl+K / F3 come back to it from anywhere). Right:
tabs — 流程 (the process view), 脚本, 记录, 历史, 回访, 学习, 报表 — the panels other modules
build, each created if its module is present. The status bar shows index state, cards due for
study and open follow-ups. Call mode (F9) swaps this window for a compact always-on-top one.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QToolBar,
    QWidget,
)

from agent_assist.gui import appearance
from agent_assist.gui.call_mode import CallModeWindow
from agent_assist.gui.context import AppContext
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.panels import TAB_KEYS, create_panel, import_panel_modules, list_scripts
from agent_assist.gui.process_view import ProcessView
from agent_assist.gui.search_panel import SearchPanel
from agent_assist.gui.shortcut_help import ShortcutHelp
from agent_assist.gui.status_bar import WorkStatus
from agent_assist.gui.study_view import StudyView
from agent_assist.storage import release_memory

if TYPE_CHECKING:  # imported when first used (the settings dialog, a release channel)
    from agent_assist.gui.release_sync import ReleaseSync
    from agent_assist.gui.settings_dialog import SettingsDialog

GEOMETRY_KEY = "main/geometry"
STATE_KEY = "main/state"
SPLIT_KEY = "main/split"


class MainWindow(LiveUpdate, QMainWindow):
    """The agent's workspace. ``settings`` holds window geometry (QSettings in the data dir)."""

    def __init__(
        self,
        ctx: AppContext,
        settings: QSettings,
        parent: QWidget | None = None,
        defer_panels: bool = False,
    ) -> None:
        """``defer_panels``: create the other modules' tabs after the window is up (fast start);
        their modules are imported on a worker thread meanwhile."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.ws = ctx.services
        self.settings = settings
        self.call_window: CallModeWindow | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.release_sync: ReleaseSync | None = None  # set by gui.app when a channel is used
        self.shortcuts_dialog: ShortcutHelp | None = None

        self.search = SearchPanel(ctx, self)
        self.view = ProcessView(ctx, self)
        self.study = StudyView(ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.panels: dict[str, QWidget] = {"process": self.view}
        self.tabs.addTab(self.view, "")
        self._placeholders: dict[str, QWidget] = {}
        for key in TAB_KEYS:
            if defer_panels:  # an empty page now, the real panel right after the first paint
                panel = QWidget(self)
                self._placeholders[key] = panel
            else:
                panel = create_panel(ctx, key, self)
            self.panels[key] = panel
            self.tabs.addTab(panel, "")
        self.panels["study"] = self.study
        self.tabs.insertTab(self._study_index(), self.study, "")

        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.addWidget(self.search)
        self.split.addWidget(self.tabs)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)
        self.split.setChildrenCollapsible(False)
        self.search.setMinimumWidth(300)
        self.split.setContentsMargins(8, 6, 8, 4)
        self.setCentralWidget(self.split)

        self._build_actions()
        self._build_status()
        self._wire()
        self.retranslate()
        self.resize(1280, 800)
        self._restore()
        self.search.focus_search()
        if self._placeholders:
            self.ws.pool.submit(
                import_panel_modules,
                on_done=lambda _r: self._install_panels(),
                on_error=lambda _m: self._install_panels(),
            )

    # -- construction -----------------------------------------------------------------------
    def _install_panels(self) -> None:
        """Swap each placeholder tab for the real panel (its module is imported by now)."""
        current = self.tabs.currentIndex()
        for key, placeholder in list(self._placeholders.items()):
            index = self.tabs.indexOf(placeholder)
            panel = create_panel(self.ctx, key, self)
            del self._placeholders[key]
            self.tabs.removeTab(index)
            placeholder.deleteLater()
            self.panels[key] = panel
            self.tabs.insertTab(index, panel, "")
        self.tabs.setCurrentIndex(current)
        self.retranslate()
        release_memory()  # the panels' imports (pypinyin, QtCharts …) left sources in linecache

    def _study_index(self) -> int:
        """学习 after 流程/脚本/记录/历史/回访 and before 报表."""
        reports = self.panels.get("reports")
        return self.tabs.indexOf(reports) if reports is not None else self.tabs.count()

    def _build_actions(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.act_call = QAction(self, checkable=True, shortcut=QKeySequence("F9"))
        self.act_call.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.act_call.toggled.connect(self.set_call_mode)
        self.act_new_call = QAction(self, shortcut=QKeySequence("Ctrl+Shift+N"))
        self.act_new_call.triggered.connect(self.new_call)
        self.act_settings = QAction(self, shortcut=QKeySequence("Ctrl+,"))
        self.act_settings.triggered.connect(self.open_settings)
        self.act_phrases = QAction(self)
        self.act_phrases.triggered.connect(self.open_phrase_editor)
        self.act_study = QAction(self)
        self.act_study.triggered.connect(lambda: self.tabs.setCurrentWidget(self.study))
        self.act_help = QAction(self, shortcut=QKeySequence("F1"))
        self.act_help.triggered.connect(self.show_shortcuts)
        self.act_quit = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        self.act_quit.triggered.connect(self.close)
        for act in (
            self.act_call,
            self.act_new_call,
            self.act_study,
            self.act_phrases,
            self.act_settings,
        ):
            self.toolbar.addAction(act)
        self.addAction(self.act_call)  # shortcut works even while the toolbar is hidden

        self.menu_file = self.menuBar().addMenu("")
        self.menu_file.addAction(self.act_new_call)
        self.menu_file.addAction(self.act_settings)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_view = self.menuBar().addMenu("")
        self.menu_view.addAction(self.act_call)
        self.menu_view.addAction(self.act_study)
        self.menu_scripts = self.menuBar().addMenu("")
        self.menu_scripts.aboutToShow.connect(self._fill_scripts_menu)
        self.menu_help = self.menuBar().addMenu("")
        self.menu_help.addAction(self.act_help)

        # back to the search box from anywhere: an action (not a QShortcut) so the call-mode
        # window can carry it too — a shortcut only fires while one of its widgets is visible
        self.act_focus_search = QAction(self)
        self.act_focus_search.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("F3")])
        self.act_focus_search.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.act_focus_search.triggered.connect(self.focus_search)
        self.addAction(self.act_focus_search)
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self.view,
            self.focus_search,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        for i in range(9):  # Ctrl+1…9: tabs
            QShortcut(
                QKeySequence(f"Ctrl+{i + 1}"), self, functools.partial(self.tabs.setCurrentIndex, i)
            )

    def _build_status(self) -> None:
        self.status = WorkStatus(self.ctx, self.statusBar())
        self.study_label = self.status.study_label

    def _wire(self) -> None:
        self.search.processChosen.connect(self.open_process)
        self.search.tierRequested.connect(lambda pid, tier: self.ws.set_tier(pid, tier))
        self.view.openRequested.connect(self.open_process)
        self.view.scriptRequested.connect(self.start_script)
        self.study.dueChanged.connect(lambda _n: self.update_status())
        self.tabs.currentChanged.connect(self._tab_changed)

    # -- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("坐席助手"))
        titles = {
            "process": self.tr("流程"),
            "script": self.tr("脚本"),
            "note": self.tr("记录"),
            "history": self.tr("历史"),
            "followups": self.tr("回访"),
            "study": self.tr("学习"),
            "reports": self.tr("报表"),
        }
        for key, panel in self.panels.items():
            index = self.tabs.indexOf(panel)
            if index >= 0:
                self.tabs.setTabText(index, titles.get(key, key))
        self.act_call.setText(self.tr("通话模式 (F9)"))
        self.act_call.setToolTip(self.tr("小窗置顶：只留搜索和速查卡 (F9)"))
        self.act_new_call.setText(self.tr("新通话"))
        self.act_new_call.setToolTip(self.tr("清空本次通话的上下文，开始下一通 (Ctrl+Shift+N)"))
        self.act_settings.setText(self.tr("设置"))
        self.act_phrases.setText(self.tr("我的话术"))
        self.act_study.setText(self.tr("学习"))
        self.act_help.setText(self.tr("快捷键"))
        self.act_quit.setText(self.tr("退出"))
        self.menu_file.setTitle(self.tr("文件"))
        self.menu_view.setTitle(self.tr("视图"))
        self.menu_scripts.setTitle(self.tr("话术脚本"))
        self.menu_help.setTitle(self.tr("帮助"))
        self.update_status()

    # -- actions ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        if self.call_window is not None and self.call_window.isVisible():
            self.call_window.activateWindow()
            self.call_window.search.focus_search()
            return
        self.activateWindow()
        self.search.focus_search()

    def open_process(self, pid: str, query: str = "") -> None:
        if self.view.show_process(pid, query):
            self.tabs.setCurrentWidget(self.view)
            self.view.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tab_changed(self, _index: int) -> None:
        """The agent chose the 学习 tab: its keys (Space, 1–4) should work at once."""
        if self.tabs.currentWidget() is self.study:
            self.study.setFocus(Qt.FocusReason.TabFocusReason)

    def start_script(self, script_id: str) -> None:
        from agent_assist.gui.script_panel import ScriptPanel

        panel = self.panels.get("script")
        if not isinstance(panel, ScriptPanel) or not script_id:
            self.statusBar().showMessage(self.tr("话术脚本模块不可用"), 5000)
            return
        panel.start(script_id)
        self.tabs.setCurrentWidget(panel)

    def _fill_scripts_menu(self) -> None:
        self.menu_scripts.clear()
        scripts = list_scripts(self.ctx)
        if not scripts or "script" not in self.panels:
            act = self.menu_scripts.addAction(self.tr("（没有可用的脚本）"))
            act.setEnabled(False)
            return
        for sid, title in scripts:
            self.menu_scripts.addAction(title, functools.partial(self.start_script, sid))

    def new_call(self) -> None:
        self.ctx.new_call()
        self.view.clear()
        self.search.set_query("")
        self.focus_search()

    def set_call_mode(self, on: bool) -> None:
        """Swap to the compact always-on-top window and back; both remember their geometry."""
        if on:
            if self.call_window is None:
                self.call_window = CallModeWindow(self.ctx, self.settings)
                self.call_window.closed.connect(lambda: self.act_call.setChecked(False))
                self.call_window.addAction(self.act_call)
                self.call_window.addAction(self.act_focus_search)
                self.call_window.view.set_dark(appearance.current_theme() == "dark")
            self.call_window.search.set_query(self.search.box.text())
            self._save_geometry()
            self.call_window.show()
            self.call_window.raise_()
            self.call_window.activateWindow()
            self.hide()
        else:
            if self.call_window is not None and self.call_window.isVisible():
                self.call_window.hide()
            self.show()
            self.activateWindow()
            self.focus_search()
        if self.act_call.isChecked() != on:
            self.act_call.setChecked(on)

    def open_settings(self) -> None:
        from agent_assist.gui.settings_dialog import SettingsDialog

        if self.settings_dialog is None:
            self.settings_dialog = SettingsDialog(self.ctx, self)
            self.settings_dialog.appearanceChanged.connect(self.apply_appearance)
        self.settings_dialog.load()
        self.settings_dialog.show()
        self.settings_dialog.raise_()

    def open_phrase_editor(self) -> None:
        panel = self.panels.get("phrases")
        if panel is None:
            panel = create_panel(self.ctx, "phrases", None)
            self.panels["phrases"] = panel
        panel.setWindowFlag(Qt.WindowType.Window, True)
        panel.setWindowTitle(self.tr("我的话术"))
        panel.show()
        panel.raise_()

    def apply_appearance(self, theme: str, font_size: int, language: str) -> None:
        app = appearance.qapp()
        if app is None:
            return
        theme = appearance.apply_theme(app, theme)
        appearance.apply_font(app, font_size)
        if language != appearance.current_language(app):
            appearance.set_language(app, language)
        dark = theme == "dark"
        for w in (self.view, self.study, self.call_window.view if self.call_window else None):
            if w is not None:
                w.set_dark(dark)

    def show_shortcuts(self) -> QDialog:
        """F1: the keyboard shortcuts in two aligned columns (non-modal, stays open)."""
        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutHelp(self)
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.raise_()
        return self.shortcuts_dialog

    # -- status -----------------------------------------------------------------------------
    def update_status(self) -> None:
        self.status.update()

    # -- geometry / lifetime ----------------------------------------------------------------
    def _restore(self) -> None:
        for key, fn in (
            (GEOMETRY_KEY, self.restoreGeometry),
            (STATE_KEY, self.restoreState),
            (SPLIT_KEY, self.split.restoreState),
        ):
            value = self.settings.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                fn(value)

    def _save_geometry(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState())
        self.settings.setValue(SPLIT_KEY, self.split.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_geometry()
        if self.call_window is not None:
            self.call_window.save_geometry()
            self.call_window.close()
        phrases = self.panels.get("phrases")
        if phrases is not None and phrases.isWindow():
            phrases.close()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Stop background work (tests call this too, so no thread outlives its test).

        Returns False if work was still running after ``timeout_ms`` (-1 = wait for it)."""
        self.status.stop()
        return self.ws.wait(timeout_ms)
