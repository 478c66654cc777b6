"""The main window hosts every module's panel and routes between them."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_tabs_in_order_with_the_other_modules_panels(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["流程", "脚本", "记录", "历史", "回访", "学习", "报表"]
    assert window.tabs.currentWidget() is window.view


def test_deferred_panels_replace_their_placeholders(make_ctx, qtbot, tmp_path):
    from agent_assist.gui.app import settings_store
    from agent_assist.gui.main_window import MainWindow

    window = MainWindow(make_ctx(), settings_store(), defer_panels=True)
    qtbot.addWidget(window)
    assert window._placeholders  # the window exists before the other modules' panels
    qtbot.waitUntil(lambda: not window._placeholders, timeout=10000)
    assert type(window.panels["note"]).__name__ == "NoteForm"
    assert window.tabs.tabText(2) == "记录"
    window.shutdown()


def test_recommended_script_opens_in_the_script_tab(window, qtbot):
    pid = next(p.id for p in window.ctx.kb if p.script)
    window.open_process(pid)
    qtbot.mouseClick(window.view.script_button, Qt.LeftButton)
    assert window.tabs.currentWidget() is window.panels["script"]


def test_scripts_menu_lists_the_shipped_scripts(window):
    window._fill_scripts_menu()
    titles = [a.text() for a in window.menu_scripts.actions()]
    assert len(titles) >= 6 and all(titles)


def test_status_bar_counts_follow_ups_and_names_the_agent(window):
    assert window.status.followup_label.text() == "回访 0"
    assert window.status.agent_label.text() == "未登记坐席"


def test_opened_process_reaches_the_call_context(window, qtbot):
    window.open_process("number.port-out", "携转")
    assert window.ctx.call.viewed == ["number.port-out"]
    window.act_new_call.trigger()
    assert window.ctx.call.viewed == [] and window.view.pid is None
    assert window.search.box.text() == ""
