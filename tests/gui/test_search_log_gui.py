"""The search panel writes the search log (issue 13 item 1): shown results, the opened process
and its rank, 缺少流程 flags; masked queries."""

from __future__ import annotations

from gui_helpers import search
from PySide6.QtCore import Qt

from agent_assist.learning import SearchLog
from agent_assist.storage import open_db


def test_opening_a_result_is_logged_with_its_rank(window, qtbot):
    pids = search(qtbot, window, "携转")
    box = window.search.box
    qtbot.keyClick(box, Qt.Key_Down)
    qtbot.keyClick(box, Qt.Key_Return)
    [session] = SearchLog(open_db()).sessions()
    assert session.query == "携转" and session.shown[:2] == pids[:2]
    assert session.opened == pids[1] and session.rank == 2


def test_a_missing_flag_is_logged_and_numbers_are_masked(window, qtbot):
    assert search(qtbot, window, "zzqq 13812345678") == []
    qtbot.mouseClick(window.search.missing_button, Qt.LeftButton)
    [session] = SearchLog(open_db()).sessions()
    assert session.missing and session.results == 0
    assert "12345678" not in session.query and session.query.endswith("5678")
