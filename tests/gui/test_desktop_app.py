"""Start-up: first-run profile, profile/theme/language applied, the screenshot command."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel

from agent_assist.gui import appearance
from agent_assist.gui.app import prepare, screenshot
from agent_assist.gui.profile_dialog import ProfileDialog
from agent_assist.knowledge import AgentProfile, ProfileStore
from agent_assist.storage import open_db


@pytest.fixture
def restore_look():
    yield
    app = QApplication.instance()
    appearance.set_language(app, "zh_CN")
    appearance.apply_theme(app, "light")
    appearance.apply_font(app, None)


def test_profile_dialog_asks_for_name_or_agent_number(qtbot):
    dialog = ProfileDialog()
    qtbot.addWidget(dialog)
    dialog.buttons.accepted.emit()  # nothing filled in
    assert dialog.result() == 0 and "跳过" in dialog.error.text()
    dialog.no_edit.setText("10 086")
    dialog.buttons.accepted.emit()
    assert dialog.result() == 0 and "工号" in dialog.error.text()
    dialog.name_edit.setText("王芳")
    dialog.no_edit.setText("10086123")
    dialog.buttons.accepted.emit()
    assert dialog.result() == 1
    assert dialog.values() == ("王芳", "10086123")


def test_first_run_without_asking_leaves_the_default_agent(make_ctx, restore_look):
    ctx = make_ctx()
    assert prepare(ctx, QApplication.instance(), ask_profile=False) is None
    assert (ctx.agent_name, ctx.agent_no) == ("", "")


def test_saved_profile_sets_agent_theme_and_language(make_ctx, qtbot, restore_look):
    ProfileStore(open_db()).save(
        AgentProfile(name="李雷", agent_no="20001", theme="dark", font_size=13, language="en")
    )
    ctx = make_ctx()
    prepare(ctx, QApplication.instance())
    app = QApplication.instance()
    assert (ctx.agent_name, ctx.agent_no) == ("李雷", "20001")
    assert ctx.services.agent_key == "20001"
    assert appearance.current_theme(app) == "dark" and appearance.current_language(app) == "en"
    assert app.font().pointSize() == 13
    label = QLabel()
    qtbot.addWidget(label)
    assert QApplication.translate("MainWindow", "坐席助手") == "Agent Assist"


def test_screenshot_types_the_query_and_shows_a_quick_card(window, tmp_path):
    target = tmp_path / "shot.png"
    assert screenshot(window, target)
    image = QImage(str(target))
    assert image.width() >= 1000 and image.height() >= 600
    assert window.search.box.text() == "携转"
    assert window.search.results.model_.entries()[0].pid == "number.port-out"
    assert window.view.pid == "number.port-out" and window.view.mode == "quick"
    assert window.ctx.services.tiers.recent(5) == []  # a screenshot logs nothing


def test_screenshot_command_exits_zero(
    shared_index_dir, shared_searcher, monkeypatch, tmp_path, capsys, restore_look
):
    monkeypatch.setenv("AGENT_ASSIST_DATA_DIR", str(shared_index_dir))  # the index is warm there
    from agent_assist.cli import main

    target = tmp_path / "cli.png"
    assert main(["--screenshot", str(target)]) == 0
    assert target.stat().st_size > 10_000
    assert "wrote" in capsys.readouterr().out
    for widget in QApplication.topLevelWidgets():  # the command's window; don't leak it
        if widget.objectName() == "mainWindow":
            widget.close()
            widget.deleteLater()


def test_pyside_singleton_refcount_guard_keeps_the_app_alive():
    """On builds that leak a reference to None per void call, the guard must be active."""
    import agent_assist.gui as gui

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
    if sys.getrefcount(None) < before and sys.version_info < (3, 12):
        assert gui.SINGLETONS_GUARDED
        assert sys.getrefcount(None) > 2**39  # far beyond what any session can leak
