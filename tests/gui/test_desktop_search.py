"""Search as you type in the main window: results, debounce, stale answers, keyboard, filters."""

from __future__ import annotations

import threading

from gui_helpers import search, type_text
from PySide6.QtCore import Qt

from agent_assist.gui.result_list import RowKind
from agent_assist.gui.workers import LatestOnly, WorkerPool
from agent_assist.knowledge import Tier
from agent_assist.search import MIN_HITS, WEAK_RATIO


def test_search_box_has_focus_at_start(window, qtbot):
    qtbot.waitUntil(lambda: window.search.box.hasFocus(), timeout=2000)


def test_typing_shows_results_with_title_category_tier(window, qtbot):
    pids = search(qtbot, window, "携转")
    assert pids[0] == "number.port-out"
    entry = window.search.results.model_.entries()[0]
    assert entry.title == "携号转网"
    assert entry.category == "办理"
    assert entry.tier is Tier.UNKNOWN
    assert entry.summary
    assert "携转" in entry.terms  # what the delegate highlights
    assert "条结果" in window.search.status.text()


def test_a_burst_of_keystrokes_makes_two_searches_first_and_last(window, qtbot, monkeypatch):
    ws = window.ctx.services
    calls: list[str] = []
    real = ws.search

    def counting(query, *args):
        calls.append(query)
        return real(query, *args)

    monkeypatch.setattr(ws, "search", counting)
    window.search.box.clear()
    qtbot.wait(120)  # a pause: the next keystroke is the first of a burst
    type_text(qtbot, window.search.box, "查话费余额")  # 5 keystrokes, far faster than 80 ms apart
    qtbot.waitUntil(
        lambda: window.search.last_query == "查话费余额" and not window.search._in_flight,
        timeout=3000,
    )
    qtbot.wait(120)
    # the first keystroke answers at once; the rest fold into one search after the burst
    assert calls == ["查", "查话费余额"]
    assert [e.pid for e in window.search.results.model_.entries()][0].startswith("billing.")


def test_stale_answer_never_overwrites_newer_one(qtbot):
    pool = WorkerPool(max_threads=2)
    latest = LatestOnly(pool)
    answers: list[tuple[int, object]] = []
    latest.answered.connect(lambda seq, value: answers.append((seq, value)))
    release, started = threading.Event(), threading.Event()

    def slow(value):
        started.set()
        release.wait(2)
        return value

    first = latest.request(slow, "old")
    assert started.wait(2)  # the old search is running when the newer request lands
    second = latest.request(lambda v: v, "new")
    qtbot.waitUntil(lambda: bool(answers), timeout=2000)
    release.set()
    pool.wait()
    qtbot.wait(50)  # let the old job's queued signal arrive
    assert answers == [(second, "new")]
    assert first < second


def test_request_superseded_while_queued_is_skipped(qtbot):
    pool = WorkerPool(max_threads=1)
    latest = LatestOnly(pool)
    ran: list[str] = []
    gate = threading.Event()

    def job(name):
        if name == "blocker":
            gate.wait(2)
        ran.append(name)
        return name

    latest.request(job, "blocker")
    latest.request(job, "queued")  # waits for the only thread, superseded before it starts
    latest.request(job, "newest")
    gate.set()
    pool.wait()
    assert "queued" not in ran and ran[-1] == "newest"


def test_gui_thread_stays_responsive_while_search_runs(window, qtbot, monkeypatch):
    """While a search is stuck on the worker, the event loop still turns (no timing involved:
    the search blocks until the test has seen a timer fire on the GUI thread)."""
    import threading

    from PySide6.QtCore import QTimer

    ws = window.ctx.services
    release = threading.Event()
    started = threading.Event()

    def stuck_search(query, *args):
        started.set()
        release.wait(10)
        return []

    monkeypatch.setattr(ws, "search", stuck_search)
    window.search.box.setText("慢查询")
    window.search.refresh()
    assert started.wait(5)
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    try:
        qtbot.waitUntil(lambda: fired == [True], timeout=3000)
        assert window.search._in_flight  # the search is still running: the GUI did not wait for it
    finally:
        release.set()
    qtbot.waitUntil(lambda: not window.search._in_flight, timeout=3000)


def test_arrow_keys_and_enter_open_a_process_without_the_mouse(window, qtbot):
    pids = search(qtbot, window, "携转")
    assert len(pids) >= 2
    box = window.search.box
    qtbot.keyClick(box, Qt.Key_Down)
    assert window.search.results.current_entry().pid == pids[1]
    qtbot.keyClick(box, Qt.Key_Up)
    assert window.search.results.current_entry().pid == pids[0]
    qtbot.keyClick(box, Qt.Key_Down)
    qtbot.keyClick(box, Qt.Key_Return)
    assert window.view.pid == pids[1]
    assert window.tabs.currentWidget() is window.view
    assert window.ctx.call.viewed == [pids[1]]
    assert "携转" in window.ctx.call.queries
    assert window.ctx.services.tiers.recent(5) == [pids[1]]


def test_enter_typed_before_the_debounce_opens_the_top_hit(window, qtbot):
    window.search.box.clear()
    type_text(qtbot, window.search.box, "携转")
    qtbot.keyClick(window.search.box, Qt.Key_Return)  # faster than 80 ms: the answer isn't in yet
    qtbot.waitUntil(lambda: window.view.pid == "number.port-out", timeout=3000)


def test_ctrl_k_and_f3_return_to_the_search_box(window, qtbot):
    search(qtbot, window, "携转")
    qtbot.keyClick(window.search.box, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.view.browser.hasFocus(), timeout=2000)
    qtbot.keyClick(window.view.browser, Qt.Key_K, Qt.ControlModifier)
    qtbot.waitUntil(lambda: window.search.box.hasFocus(), timeout=2000)
    window.view.browser.setFocus()
    qtbot.keyClick(window.view.browser, Qt.Key_F3)
    qtbot.waitUntil(lambda: window.search.box.hasFocus(), timeout=2000)


def test_category_chip_filters_results(window, qtbot):
    all_pids = search(qtbot, window, "办理")
    kb = window.ctx.kb
    assert len({kb.get(p).category for p in all_pids}) > 1
    with qtbot.waitSignal(window.search.resultsShown, timeout=3000):
        qtbot.keyClick(window.search.box, Qt.Key_4, Qt.AltModifier)  # Alt+4 = 投诉
    qtbot.waitUntil(lambda: not window.search._in_flight, timeout=3000)
    pids = [e.pid for e in window.search.results.model_.entries()]
    assert pids and all(kb.get(p).category == "投诉" for p in pids)
    assert window.search.chips.checkedId() == 4


def test_known_processes_fold_under_a_toggle(window, qtbot):
    ws = window.ctx.services
    second = search(qtbot, window, "携转")[1]
    ws.set_tier(second, Tier.KNOWN)
    pids = search(qtbot, window, "携转")
    assert second not in pids
    model = window.search.results.model_
    toggles = [i for i in range(model.rowCount()) if model.row(i).kind is RowKind.TOGGLE]
    assert len(toggles) == 1 and "已掌握 1 项" in model.row(toggles[0]).text
    results = window.search.results
    results.setCurrentIndex(model.index(toggles[0]))
    results.activate_current()
    assert second in [e.pid for e in model.entries()]
    assert "已折叠" in window.search.status.text()


def test_empty_query_shows_recent_and_most_used(window, qtbot):
    ws = window.ctx.services
    for pid in ("billing.balance", "number.port-out", "billing.balance"):
        ws.log_open(pid, "")
    window.search.box.setText("x")
    window.search.box.clear()
    model = window.search.results.model_
    qtbot.waitUntil(
        lambda: model.rowCount() > 0 and model.row(0).kind is RowKind.HEADER, timeout=3000
    )
    headers = [
        model.row(i).text for i in range(model.rowCount()) if model.row(i).kind is RowKind.HEADER
    ]
    assert headers[0] == "最近使用"
    assert [e.pid for e in model.entries()][:2] == ["billing.balance", "number.port-out"]


def test_number_keys_on_a_result_set_its_tier(window, qtbot):
    search(qtbot, window, "携转")
    results = window.search.results
    results.setFocus()
    qtbot.keyClick(results, Qt.Key_2)
    assert window.ctx.services.tier("number.port-out") is Tier.UNCERTAIN


def test_nothing_found_explains_and_reports_a_missing_process(window, qtbot):
    pids = search(qtbot, window, "zzqqxxyy")
    assert pids == []
    assert "没有找到" in window.search.status.text()
    button = window.search.missing_button
    assert not button.isHidden()
    qtbot.mouseClick(button, Qt.LeftButton)
    from agent_assist.knowledge import FeedbackStore
    from agent_assist.storage import open_db

    [flag] = FeedbackStore(open_db()).all()
    assert (flag.pid, flag.kind) == ("", "missing") and "zzqqxxyy" in flag.comment
    assert not button.isEnabled()  # one flag per search, not one per click


def test_enter_opens_the_best_hit_even_when_the_agent_has_mastered_it(window, qtbot):
    """Issue 9.3: with 话费余额查询 mastered, 话费余额 + Enter opened 话费争议投诉 (the fold row
    sat on top and the selection on the next row)."""
    ws = window.ctx.services
    pids = search(qtbot, window, "话费余额")
    top = pids[0]
    assert window.ctx.kb.get(top).title == "话费余额查询"
    ws.set_tier(top, Tier.KNOWN)
    ws.set_tier(pids[2], Tier.KNOWN)  # another mastered hit: that one folds
    qtbot.waitUntil(lambda: not window.search._in_flight, timeout=3000)
    model = window.search.results.model_
    assert model.row(0).kind is RowKind.HIT and model.row(0).entry.pid == top
    assert window.search.results.currentIndex().row() == 0
    with qtbot.waitSignal(window.search.processChosen, timeout=3000) as opened:
        qtbot.keyClick(window.search.box, Qt.Key_Return)
    assert opened.args[0] == top


def test_fold_row_sits_where_the_first_folded_hit_ranks_and_names_it(window, qtbot):
    ws = window.ctx.services
    pids = search(qtbot, window, "话费")
    title = window.ctx.kb.get(pids[1]).title
    ws.set_tier(pids[1], Tier.KNOWN)
    qtbot.waitUntil(lambda: not window.search._in_flight, timeout=3000)
    model = window.search.results.model_
    fold = model.row(1)
    assert fold.kind is RowKind.TOGGLE  # at its rank, not below the whole list
    assert "已掌握 1 项" in fold.text and title in fold.text
    # unfolded, the mastered hit keeps its own rank instead of moving to the end
    window.search.results.setCurrentIndex(model.index(1))
    window.search.results.activate_current()
    assert model.row(2).entry.pid == pids[1] and model.row(1).text.startswith("▾")


def test_a_mastered_hit_further_down_folds_at_its_rank(window, qtbot):
    ws = window.ctx.services
    pids = search(qtbot, window, "话费")
    ws.set_tier(pids[2], Tier.KNOWN)
    ws.set_tier(pids[4], Tier.KNOWN)
    qtbot.waitUntil(lambda: not window.search._in_flight, timeout=3000)
    model = window.search.results.model_
    kinds = [model.row(i).kind for i in range(4)]
    assert kinds == [RowKind.HIT, RowKind.HIT, RowKind.TOGGLE, RowKind.HIT]
    assert "已掌握 2 项" in model.row(2).text
    assert pids[2] not in [e.pid for e in model.entries()]


def test_weak_tail_is_cut_but_a_few_hits_always_stay(window, qtbot):
    raw = window.ctx.services.searcher.search("话费", limit=30)
    pids = search(qtbot, window, "话费")
    assert len(pids) < len(raw)  # the sample KB has a long tail of weak 话费 matches
    entries = window.search.results.model_.entries()
    top = max(e.score for e in entries)
    assert all(e.score >= top * WEAK_RATIO for e in entries[MIN_HITS:])
    assert pids == [h.id for h in raw][: len(pids)]  # a cut, never a reorder


def test_accessible_text_and_badge_follow_the_ui_language(window, qtbot):
    from PySide6.QtWidgets import QApplication

    from agent_assist.gui import appearance

    search(qtbot, window, "携转")
    model = window.search.results.model_
    row = model.hit_rows()[0]
    assert "未掌握" in model.data(model.index(row), Qt.AccessibleTextRole)
    app = QApplication.instance()
    try:
        appearance.set_language(app, "en")
        qtbot.waitUntil(lambda: not window.search._in_flight, timeout=3000)
        text = model.data(model.index(model.hit_rows()[0]), Qt.AccessibleTextRole)
        assert "Not learned" in text and "Service" in text and "未掌握" not in text
    finally:
        appearance.set_language(app, "zh_CN")


def test_search_has_its_own_thread_so_indexing_never_stalls_it(window, qtbot):
    ws = window.ctx.services
    gate = threading.Event()
    blockers = [ws.pool.submit(gate.wait, 5) for _ in range(2)]  # a long re-index fills the pool
    try:
        pids = search(qtbot, window, "携转")  # answered while both pool threads are busy
        assert pids[0] == "number.port-out"
    finally:
        gate.set()
    ws.pool.wait()
    assert all(b.done for b in blockers)


def test_the_searcher_is_tidied_once_the_agent_stops_typing(window, qtbot, monkeypatch):
    from agent_assist.gui import search_panel

    ws = window.ctx.services
    tidied: list[bool] = []
    monkeypatch.setattr(ws.searcher, "tidy", lambda: tidied.append(True))
    window.search.tidy_timer.setInterval(150)
    search(qtbot, window, "话费")
    assert not tidied  # not while searching
    qtbot.waitUntil(lambda: tidied == [True], timeout=3000)
    assert search_panel.TIDY_AFTER_MS >= 10_000  # in real use: well after the last keystroke
