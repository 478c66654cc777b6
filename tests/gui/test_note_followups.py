"""Follow-up panel: sorted by due time, overdue stands out, closing records outcome + score."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from agent_assist.gui.context import AppContext
from agent_assist.gui.followup_table import STATE_ROLE
from agent_assist.gui.followups import FollowUpPanel
from agent_assist.gui.services import Change
from agent_assist.notes import FollowUpStore, NoteDraft, NoteStore, reason_codes_for
from agent_assist.storage import open_db

CODES = reason_codes_for()


def cell(panel, row, column):
    return panel.model.index(row, column).data()


@pytest.fixture
def ctx(sample_kb_dir, data_dir):
    ctx = AppContext(kb_dir=sample_kb_dir, db=open_db(data_dir / "app.db"))
    ctx.agent_no = "A7"
    store = NoteStore(ctx.db)
    now = dt.datetime.now().replace(microsecond=0)
    for hours, name in ((30, "赵女士"), (-2, "钱先生"), (5, "孙先生")):
        start = now - dt.timedelta(hours=3)
        store.submit(
            NoteDraft(
                started_at=str(start),
                agent_no="A1",
                customer_name=name,
                reason_text="说好回电一直没人联系",
                reason_codes="17",
                emotion_start="不满",
                emotion_end="焦虑",
                stage="回访",
                deadline=str(now + dt.timedelta(hours=hours))[:16],
                handling_minutes="4",
            ),
            CODES,
            now=now,
        )
    return ctx


def test_queue_sorted_with_overdue_highlighted(qtbot, ctx):
    panel = FollowUpPanel(ctx)
    qtbot.addWidget(panel)
    names = [cell(panel, r, 2) for r in range(panel.model.rowCount())]
    assert names == ["钱先生", "孙先生", "赵女士"]
    assert panel.overdue_rows() == [0]
    assert [panel.model.index(r, 0).data(STATE_ROLE) for r in range(3)] == [
        "overdue",
        "open" if _due_tomorrow(5) else "due_today",
        "open",
    ]
    color, bold = painted(panel.table, 0)
    assert color == panel.table.state_color("overdue") and bold
    assert not painted(panel.table, 2)[1]
    assert cell(panel, 0, 1).startswith("逾期")
    assert "3 个" in panel.summary.text() and "1 个已逾期" in panel.summary.text()


def _due_tomorrow(hours: int) -> bool:
    now = dt.datetime.now()
    return (now + dt.timedelta(hours=hours)).date() != now.date()


def painted(table, row, column=0) -> tuple[QColor, bool]:
    """The text colour and boldness the view's delegate paints the cell with."""
    option = QStyleOptionViewItem()
    table.itemDelegate().initStyleOption(option, table.model().index(row, column))
    return QColor(option.palette.color(QPalette.ColorRole.Text)), option.font.bold()


def test_model_gives_states_not_colours(qtbot, ctx):
    panel = FollowUpPanel(ctx)
    qtbot.addWidget(panel)
    for row in range(panel.model.rowCount()):
        index = panel.model.index(row, 0)
        for role in (Qt.ForegroundRole, Qt.BackgroundRole, Qt.FontRole):
            assert index.data(role) is None  # the view and the theme decide how a state looks


@pytest.fixture
def light_after():
    yield
    from agent_assist.gui import appearance

    appearance.apply_theme(QApplication.instance(), "light")


def test_row_colours_come_from_the_theme(qtbot, ctx, light_after):
    from agent_assist.gui import appearance

    app = QApplication.instance()
    panel = FollowUpPanel(ctx)
    qtbot.addWidget(panel)
    appearance.apply_theme(app, "light")
    panel.table.ensurePolished()
    light = painted(panel.table, 0)[0]
    assert light == QColor("#c92a2a")
    appearance.apply_theme(app, "dark")
    panel.table.ensurePolished()
    dark = painted(panel.table, 0)[0]
    assert dark == QColor("#ff6b6b") and dark != light
    # readable on the dark base: clearly lighter than the background it is painted on
    base = app.palette().color(QPalette.ColorRole.Base)
    assert dark.lightness() - base.lightness() > 100


def test_closing_records_outcome_and_satisfaction(qtbot, ctx):
    panel = FollowUpPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    changes = []
    ctx.services.changed.connect(changes.append)
    panel.table.selectRow(0)
    assert panel.close_button.isEnabled()
    assert panel.close_selected() is False  # no outcome yet
    assert "回访结果" in panel.message.text() and panel.message.isVisible()
    panel.outcome.setText("已补发优惠券，客户确认收到")
    panel.satisfaction.setCurrentIndex(panel.satisfaction.findData(5))
    assert panel.close_selected() is True
    closed = FollowUpStore(ctx.db).queue(include_closed=True)[-1]
    assert (closed.outcome, closed.satisfaction, closed.closed_by) == (
        "已补发优惠券，客户确认收到",
        5,
        "A7",
    )
    assert changes == [Change(followup=True)]  # the status bar and reports hear of it
    assert (ctx.services.followups.open_count(), ctx.services.followups.overdue_count()) == (2, 0)
    assert [cell(panel, r, 2) for r in range(panel.model.rowCount())] == [
        "孙先生",
        "赵女士",
    ]
    panel.show_closed.setChecked(True)
    assert panel.model.rowCount() == 3 and cell(panel, 2, 1) == "已完成"


def test_the_queue_pages_as_the_agent_scrolls(qtbot, ctx, monkeypatch):
    """The model fetches more rows when the view asks (canFetchMore/fetchMore), in order."""
    import agent_assist.gui.followup_table as followup_table

    monkeypatch.setattr(followup_table, "PAGE", 1)
    panel = FollowUpPanel(ctx)
    qtbot.addWidget(panel)
    model = panel.model
    model.reset(False)
    assert model.rowCount() == 1 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert [cell(panel, r, 2) for r in range(model.rowCount())] == ["钱先生", "孙先生", "赵女士"]
