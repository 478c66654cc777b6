"""Reports tab: the numbers and charts come from the same core report as the CLI."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from agent_assist.gui.context import AppContext
from agent_assist.gui.reports_view import ReportsView
from agent_assist.notes import NoteDraft, NoteStore, reason_codes_for
from agent_assist.storage import open_db

CODES = reason_codes_for()


def fill(db):
    store = NoteStore(db)
    for codes, cv, kv, resolved in (
        ("1", "烦扰", "烦扰", True),
        ("1 3", "烦扰", "烦扰", False),
        ("4", "价值", "价值", True),
    ):
        store.submit(
            NoteDraft(
                started_at="2026-11-02 10:00:00",
                agent_no="A1",
                reason_text="客户说得很具体的原因",
                reason_codes=codes,
                emotion_start="不满",
                emotion_end="平静",
                stage="提出方案",
                resolved=resolved,
                customer_value=cv,
                company_value=kv,
                handling_minutes="10",
            ),
            CODES,
            now=dt.datetime(2026, 11, 30),
        )


@pytest.mark.parametrize("on_disk", [True, False])
def test_report_tab_shows_numbers_and_charts(qtbot, sample_kb_dir, data_dir, on_disk):
    db = open_db(data_dir / "app.db" if on_disk else ":memory:")
    fill(db)
    ctx = AppContext(kb_dir=sample_kb_dir, db=db)
    view = ReportsView(ctx)
    qtbot.addWidget(view)
    assert view.report is None  # nothing computed until the tab is shown
    view.show()
    qtbot.waitUntil(lambda: view.report is not None, timeout=5000)  # worker thread for a file db
    r = view.report
    assert r.calls == 3 and [row.code for row in r.pareto.rows] == [1, 3, 4]
    assert "共 3 通" in view.status.text()
    assert "66.7%" in view.kpis.text()  # resolved 2 of 3
    assert CODES.name(4) in view.grid_cells["价值/价值"].text()
    assert CODES.name(1) in view.grid_cells["烦扰/烦扰"].text()
    pareto = view.views["pareto"].chart()
    bars, line = pareto.series()
    assert [bars.barSets()[0].at(i) for i in range(3)] == [2.0, 1.0, 1.0]
    assert [round(p.y()) for p in line.points()] == [50, 75, 100]
    assert len(view.views["emotions"].chart().series()) == 1
    ctx.services.wait(2000)


def test_date_range_filters_the_report(qtbot, sample_kb_dir, data_dir):
    from PySide6.QtCore import QDate

    db = open_db(":memory:")
    fill(db)
    view = ReportsView(AppContext(kb_dir=sample_kb_dir, db=db))
    qtbot.addWidget(view)
    view.date_from.setDate(QDate(2026, 11, 3))
    view.refresh()
    assert view.report.calls == 0
    view.set_last_days(0)
    assert view.report.calls == 3


@pytest.mark.parametrize("on_disk", [True, False])
def test_cost_per_minute_box_saves_the_setting_and_recomputes(
    qtbot, sample_kb_dir, data_dir, on_disk
):
    from agent_assist.knowledge import ProfileStore

    db = open_db(data_dir / "app.db" if on_disk else ":memory:")
    fill(db)
    ProfileStore(db).set_setting("cost_per_minute", 2.0)
    ctx = AppContext(kb_dir=sample_kb_dir, db=db)
    view = ReportsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.report is not None, timeout=5000)
    assert view.cost.value() == 2.0 and "元/分钟" in view.cost.suffix()
    assert view.report.cost.total_cost == 60.0  # 3 calls × 10 min × 2 元
    view.cost.lineEdit().selectAll()
    qtbot.keyClicks(view.cost.lineEdit(), "3.5")
    qtbot.keyClick(view.cost.lineEdit(), Qt.Key_Return)
    assert ProfileStore(db).get_setting("cost_per_minute") == 3.5  # saved at once
    qtbot.waitUntil(lambda: view.report.cost.cost_per_minute == 3.5, timeout=5000)
    assert view.report.cost.total_cost == 105.0
    assert "每分钟 3.5 元" in view.views["cost"].chart().title()
    assert "105" in view.kpis.text()
    ctx.services.wait(2000)

    again = ReportsView(ctx)  # the next start shows what was saved
    qtbot.addWidget(again)
    assert again.cost.value() == 3.5


def test_arrow_keys_on_the_cost_box_recompute_once(qtbot, sample_kb_dir, data_dir):
    db = open_db(":memory:")
    fill(db)
    view = ReportsView(AppContext(kb_dir=sample_kb_dir, db=db))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.report is not None, timeout=5000)
    shown = []
    view.reportReady.connect(shown.append)
    for _ in range(5):
        qtbot.keyClick(view.cost, Qt.Key_Up)
    assert view.cost.value() == pytest.approx(2.0)  # 1.5 + 5 × 0.1
    qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    qtbot.wait(400)
    assert len(shown) == 1 and shown[0].cost.cost_per_minute == pytest.approx(2.0)
