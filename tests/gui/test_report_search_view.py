"""搜索分析 in the Reports tab (issue 13 item 2): the same numbers as ``report search``, computed
off the GUI thread, and the suggestions written to a file for review."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from agent_assist.gui.context import AppContext
from agent_assist.gui.reports_view import ReportsView
from agent_assist.learning import SearchLog
from agent_assist.learning.report import SearchFilter, kb_texts, local_search_report
from agent_assist.storage import open_db

DAY = dt.datetime(2026, 11, 2, 10, 0).timestamp()


class Clock:
    def __init__(self, t: float) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


def fill(db) -> None:
    """Reformulated twice to 宽带故障 (掉线 is not in its text), one failed, one flag."""
    clock = Clock(DAY)
    log = SearchLog(db, clock=clock)
    for first in ("家里网络老掉线", "网络老掉线怎么办"):
        log.searched(first, ["billing.balance"])
        clock.t += 5
        log.searched("宽带连不上", ["vas.ringback", "complaint.broadband-fault"])
        log.opened("complaint.broadband-fault")
        clock.t += 600
    log.searched("zzqq 无此业务", [])
    clock.t += 600
    log.searched("国际漫游退订", [])
    log.flagged_missing()
    clock.t = DAY + 3 * 86400  # another day: outside a one-day range
    log.searched("彩铃", ["vas.ringback"])
    log.opened("vas.ringback")


def _open(qtbot, view: ReportsView):
    view.show()
    view.tabs.setCurrentWidget(view.search_view)
    qtbot.waitUntil(lambda: view.search_view.report is not None, timeout=10_000)
    return view.search_view


@pytest.mark.parametrize("on_disk", [True, False])
def test_search_section_shows_the_reports_numbers(qtbot, sample_kb_dir, data_dir, on_disk):
    db = open_db(data_dir / "app.db" if on_disk else ":memory:")
    fill(db)
    ctx = AppContext(kb_dir=sample_kb_dir, db=db)
    view = ReportsView(ctx)
    qtbot.addWidget(view)
    assert view.search_view.report is None  # nothing computed before it is shown
    section = _open(qtbot, view)
    names, _ = kb_texts(ctx.kb)
    expected = local_search_report(db, SearchFilter(), names)
    assert section.report.as_dict() == expected.as_dict()
    assert expected.sessions == 5 and expected.chains and expected.suggestions
    # no result: zzqq and the flagged one (2 of 5); ranks 2, 2, 1
    assert "40.0%" in section.kpis.text() and "1.67" in section.kpis.text()
    failed = {
        (section.failed.item(i, 0).text(), section.failed.item(i, 1).text())
        for i in range(section.failed.rowCount())
    }
    assert ("无结果", "zzqq 无此业务") in failed and ("标记缺少流程", "国际漫游退订") in failed
    assert ("改写后才找到", "家里网络老掉线") in failed
    assert section.chains.item(0, 0).text() == "家里网络老掉线 → 宽带连不上"
    opened = section.chains.item(0, 1)
    assert opened.text() == ctx.kb.processes["complaint.broadband-fault"].title
    assert opened.data(Qt.ItemDataRole.UserRole) == "complaint.broadband-fault"
    words = [section.suggestions.item(i, 1).text() for i in range(section.suggestions.rowCount())]
    assert "掉线" in words and section.patch_button.isEnabled()
    ctx.services.wait(2000)


def test_the_date_range_of_the_tab_applies(qtbot, sample_kb_dir, data_dir):
    from PySide6.QtCore import QDate

    db = open_db(data_dir / "app.db")
    fill(db)
    view = ReportsView(AppContext(kb_dir=sample_kb_dir, db=db))
    qtbot.addWidget(view)
    section = _open(qtbot, view)
    assert section.report.sessions == 5
    day = dt.date.fromtimestamp(DAY)
    view.date_from.setDate(QDate(day.year, day.month, day.day))
    view.date_to.setDate(QDate(day.year, day.month, day.day))
    section.report = None
    view.refresh()
    qtbot.waitUntil(lambda: section.report is not None, timeout=10_000)
    assert section.report.sessions == 4  # 彩铃 was searched three days later
    view.ctx.services.wait(2000)


def test_export_writes_the_suggestions_for_review(
    qtbot, sample_kb_dir, data_dir, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    db = open_db(data_dir / "app.db")
    fill(db)
    view = ReportsView(AppContext(kb_dir=sample_kb_dir, db=db))
    qtbot.addWidget(view)
    section = _open(qtbot, view)
    before = {p: p.read_bytes() for p in sample_kb_dir.rglob("*.md")}
    out = tmp_path / "review"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    qtbot.mouseClick(section.patch_button, Qt.LeftButton)
    text = (out / "search-suggestions.yaml").read_text(encoding="utf-8")
    assert "complaint.broadband-fault" in text and "请人工审核" in text
    assert str(out) in section.status.text()
    assert before == {p: p.read_bytes() for p in sample_kb_dir.rglob("*.md")}  # KB untouched
    view.ctx.services.wait(2000)


def test_english_labels(qtbot, sample_kb_dir, data_dir):
    from PySide6.QtWidgets import QApplication

    from agent_assist.gui.appearance import set_language

    db = open_db(data_dir / "app.db")
    fill(db)
    view = ReportsView(AppContext(kb_dir=sample_kb_dir, db=db))
    qtbot.addWidget(view)
    section = _open(qtbot, view)
    try:
        set_language(QApplication.instance(), "en")
        view.retranslate()
        assert view.tabs.tabText(view.tabs.indexOf(section)) == "Search analytics"
        assert "Zero-result rate" in section.kpis.text()
        assert section.failed.horizontalHeaderItem(1).text() != "搜索说法"
        kinds = {section.failed.item(i, 0).text() for i in range(section.failed.rowCount())}
        assert "No result" in kinds
    finally:
        set_language(QApplication.instance(), "zh_CN")
    view.ctx.services.wait(2000)


def test_no_open_yet_shows_no_mean_rank(qtbot, sample_kb_dir, data_dir):
    """Searches without any open have no rank to average: a dash, never "0.00" (which would
    read as better than the first result)."""
    db = open_db(data_dir / "app.db")
    SearchLog(db, clock=Clock(DAY)).searched("携转", ["number.port-out"])
    view = ReportsView(AppContext(kb_dir=sample_kb_dir, db=db))
    qtbot.addWidget(view)
    section = _open(qtbot, view)
    assert section.report is not None and section.report.open_rate == 0
    assert "平均打开名次 —" in section.kpis.text()
    assert "0.00" not in section.kpis.text()
