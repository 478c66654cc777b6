"""Call mode: the compact always-on-top window toggles and remembers its geometry."""

from __future__ import annotations

from gui_helpers import search
from PySide6.QtCore import QRect, QSettings, Qt

from agent_assist.gui.app import settings_store
from agent_assist.gui.call_mode import CallModeWindow
from agent_assist.storage import data_dir


def test_button_and_shortcut_toggle_call_mode(window, qtbot):
    window.act_call.trigger()  # the toolbar button
    call = window.call_window
    assert call is not None and call.isVisible() and not window.isVisible()
    assert call.windowFlags() & Qt.WindowStaysOnTopHint
    qtbot.keyClick(call.search.box, Qt.Key_F9)  # the shortcut, from inside the call window
    assert not call.isVisible() and window.isVisible()
    assert not window.act_call.isChecked()
    window.set_call_mode(True)
    assert call.isVisible()
    call.close()  # closing the small window returns to the main one
    assert window.isVisible() and not window.act_call.isChecked()


def test_call_mode_search_opens_a_quick_card(window, qtbot):
    window.set_call_mode(True)
    call = window.call_window
    pids = search(qtbot, call.search, "携转")
    assert pids[0] == "number.port-out"
    qtbot.keyClick(call.search.box, Qt.Key_Return)
    assert call.view.pid == "number.port-out"
    assert call.view.mode == "quick"  # compact: even an unknown process shows the card
    assert call.view.feedback_row.isHidden()
    assert window.ctx.call.viewed == ["number.port-out"]


def test_ctrl_k_returns_to_the_call_mode_search_box(window, qtbot):
    window.set_call_mode(True)
    call = window.call_window
    search(qtbot, call.search, "携转")
    qtbot.keyClick(call.search.box, Qt.Key_Return)
    call.view.browser.setFocus()
    qtbot.waitUntil(call.view.browser.hasFocus, timeout=2000)
    qtbot.keyClick(call.view.browser, Qt.Key_K, Qt.ControlModifier)
    qtbot.waitUntil(call.search.box.hasFocus, timeout=2000)


def test_call_mode_carries_the_query_over(window, qtbot):
    search(qtbot, window, "携转")
    window.set_call_mode(True)
    assert window.call_window.search.box.text() == "携转"


def test_geometry_is_remembered_in_the_data_dir(ctx, qtbot):
    settings = settings_store()
    assert settings.fileName().startswith(str(data_dir()))
    first = CallModeWindow(ctx, settings)
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(QRect(120, 90, 460, 560))
    qtbot.wait(20)
    first.close()
    reread = QSettings(str(data_dir() / "settings.ini"), QSettings.IniFormat)
    second = CallModeWindow(ctx, reread)
    qtbot.addWidget(second)
    assert (second.size().width(), second.size().height()) == (460, 560)


def test_results_fill_the_window_until_a_card_opens_then_shrink_to_three_rows(window, qtbot):
    window.set_call_mode(True)
    call = window.call_window
    qtbot.waitExposed(call)
    pids = search(qtbot, call.search, "话费")
    assert len(pids) > 5
    results = call.search.results
    assert call.view.isHidden() and not call.card_shown()
    assert results.viewport().height() > 0.6 * call.height()  # many two-line rows to pick from
    qtbot.keyClick(call.search.box, Qt.Key_Return)
    qtbot.waitUntil(call.card_shown, timeout=2000)
    qtbot.wait(20)
    assert results.delegate.compact  # one line per hit above the card
    rows_visible = results.viewport().height() / results.sizeHintForRow(
        results.model_.hit_rows()[0]
    )
    assert 2.5 <= rows_visible <= 4
    assert call.view.browser.height() > 0.5 * call.height()  # the card gets the space
    assert call.view.tier_caption.isHidden() and not call.view.tier_buttons.button(0).isHidden()
    # ↓ still walks the whole list inside three rows
    for _ in range(5):
        qtbot.keyClick(call.search.box, Qt.Key_Down)
    current = results.visualRect(results.currentIndex())
    assert results.viewport().rect().intersects(current)


def test_a_dragged_divider_is_remembered_for_the_next_card(ctx, qtbot):
    from agent_assist.gui.call_mode import RESULTS_HEIGHT_KEY

    settings = settings_store()
    call = CallModeWindow(ctx, settings)
    qtbot.addWidget(call)
    call.show()
    qtbot.waitExposed(call)
    call._open("number.port-out", "")
    default = call.split.sizes()[0]
    call.split.moveSplitter(default + 80, 1)  # what a drag does
    assert settings.value(RESULTS_HEIGHT_KEY) is not None
    assert abs(int(settings.value(RESULTS_HEIGHT_KEY)) - (default + 80)) <= 2
    call.close()
    again = CallModeWindow(ctx, settings_store())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again._open("number.port-out", "")
    assert abs(again.split.sizes()[0] - (default + 80)) <= 2
