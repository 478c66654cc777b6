"""Issue 9 (screens): English at run time, small screens, font size, reports, dark theme.

Each test names the item it covers; each failed before its fix.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from agent_assist.gui import appearance
from agent_assist.notes import NoteDraft, NoteStore, reason_codes_for

HAN = re.compile(r"[\u3400-\u9fff]")
CODES = reason_codes_for()


@pytest.fixture
def english():
    """Switch the running app to English (as Settings does), back to Chinese afterwards."""
    app = QApplication.instance()
    appearance.set_language(app, "en")
    yield app
    appearance.set_language(app, "zh_CN")


@pytest.fixture
def big_font():
    app = QApplication.instance()
    old = app.font().pointSize()
    yield app
    appearance.apply_font(app, old)


def fill_notes(db, count: int = 3) -> None:
    store = NoteStore(db)
    for i in range(count):
        store.submit(
            NoteDraft(
                started_at="2026-11-02 10:00:00",
                agent_no="A1",
                reason_text="客户说得很具体的原因",
                reason_codes="11" if i % 2 else "1",
                emotion_start="不满",
                emotion_end="平静",
                stage="提出方案",
                resolved=True,
                customer_value="烦扰",
                company_value="烦扰",
                other_department_caused=bool(i % 2),
                other_department="营业厅" if i % 2 else "",
                handling_minutes="1",
            ),
            CODES,
            now=dt.datetime(2026, 11, 30),
        )


def _panels_ready(window, qtbot):
    qtbot.waitUntil(lambda: not window._placeholders, timeout=10000)


# -- item 1: English UI, also after switching at run time ----------------------------------------


def test_switching_to_english_at_run_time_translates_every_panel(window, qtbot, english):
    _panels_ready(window, qtbot)
    note, history = window.panels["note"], window.panels["history"]
    followups, reports = window.panels["followups"], window.panels["reports"]
    # the note form: labels, placeholders, choices, submit button
    assert note.submit_button.text().startswith("Submit note")
    assert note.fields.labels["reason_text"].text() == "Customer's words *"
    assert not HAN.search(note.fields.reason_text.placeholderText())
    assert note.fields.emotion_start.itemText(1) == "Calm"
    assert note.fields.emotion_start.itemData(1) == "平静"  # the stored value stays as it was
    # history: headers, filters, 修正…
    headers = [
        history.table.model().headerData(i, Qt.Horizontal)
        for i in range(history.table.model().columnCount())
    ]
    assert headers[0] == "Time" and not any(HAN.search(h) for h in headers)
    assert history.amend_button.text() == "Amend…"
    assert history.search.placeholderText().startswith("Search")
    # follow-ups headers, reports tabs
    fheaders = [
        followups.table.model().headerData(i, Qt.Horizontal)
        for i in range(followups.table.model().columnCount())
    ]
    assert not any(HAN.search(h) for h in fheaders)
    assert [reports.tabs.tabText(i) for i in range(reports.tabs.count())][0] == "Overview"
    window.tabs.setCurrentWidget(reports)
    qtbot.waitUntil(lambda: reports.report is not None, timeout=10000)
    assert reports.views["pareto"].chart().title() == "Reason-code Pareto"
    assert "Follow-ups open/overdue" in reports.kpis.text()
    # and back: the same widgets follow the switch to Chinese again
    appearance.set_language(QApplication.instance(), "zh_CN")
    qtbot.wait(50)  # LanguageChange reaches the widgets through the event loop
    assert note.submit_button.text().startswith("提交小结")
    assert reports.views["pareto"].chart().title() == "原因代码帕累托"


def test_category_chips_are_never_clipped(window, qtbot, english, big_font):
    appearance.apply_font(big_font, 16)
    window.split.setSizes([300, 1000])
    chips = window.search.chips.buttons()

    def whole() -> bool:  # the whole text fits: the chips wrap instead of squeezing ("ookup")
        return all(
            chip.width() >= chip.sizeHint().width()
            and chip.geometry().right() <= window.search.width()
            for chip in chips
        )

    qtbot.waitUntil(whole, timeout=3000)
    assert len({chip.y() for chip in chips}) > 1  # 16 pt English in 300 px: a second line


def test_shortcut_help_columns_are_aligned(window, qtbot, english):
    dialog = window.show_shortcuts()
    qtbot.waitExposed(dialog)
    keys = [k.geometry().left() for k, _w in dialog.rows]
    texts = [w.geometry().left() for _k, w in dialog.rows]
    assert len(set(keys)) == 1 and len(set(texts)) == 1
    assert all(not HAN.search(w.text()) for _k, w in dialog.rows)
    dialog.close()


# -- item 2: small screens ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_main_window_fits_1024x600_and_no_tab_resizes_it(make_window, qtbot, language, data_dir):
    app = QApplication.instance()
    appearance.set_language(app, language)
    try:
        from agent_assist.storage import open_db

        fill_notes(open_db(), 4)
        window = make_window()
        _panels_ready(window, qtbot)
        window.resize(1024, 600)
        qtbot.wait(50)
        hint = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert hint.width() <= 960 and hint.height() <= 560, hint
        pid = window.ctx.kb.get("number.port-out").id
        window.view.show_process(pid, "携转", log=False, mode="quick")
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            page = window.tabs.widget(i)
            if page is window.panels["reports"]:
                qtbot.waitUntil(lambda p=page: p.report is not None, timeout=10000)
                for j in range(page.tabs.count()):
                    page.tabs.setCurrentIndex(j)
                    qtbot.wait(20)
                    assert window.size().toTuple() == (1024, 600), page.tabs.tabText(j)
            qtbot.wait(20)
            assert window.size().toTuple() == (1024, 600), window.tabs.tabText(i)
    finally:
        appearance.set_language(app, "zh_CN")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_call_mode_is_at_most_380_wide(make_window, qtbot, language):
    app = QApplication.instance()
    appearance.set_language(app, language)
    try:
        window = make_window()
        window.set_call_mode(True)
        call = window.call_window
        qtbot.waitExposed(call)
        call.view.show_process("number.port-out", "携转", log=False, mode="quick")
        call._show_card(True)
        qtbot.wait(50)
        assert call.width() <= 380
        assert call.minimumSizeHint().width() <= 380
        window.set_call_mode(False)
    finally:
        appearance.set_language(app, "zh_CN")


def test_result_badges_give_way_before_the_title(big_font):
    """A narrow row at 16 pt in English: the title keeps most of the row."""
    from agent_assist.gui.result_list import TITLE_SHARE, badge_layout

    font = QFont(big_font.font())
    font.setPointSize(16)
    sfm = QFontMetrics(font)
    inner = QRect(0, 0, 260, 60)
    parts = badge_layout(inner, 0, sfm, "Not learned", "Complaint")
    assert parts.title_width >= inner.width() * TITLE_SHARE - 8
    assert parts.badge.right() <= inner.right()
    wide = badge_layout(QRect(0, 0, 1000, 60), 0, sfm, "Not learned", "Complaint")
    assert wide.category is not None and wide.badge_text == "Not learned"  # room: all shown


# -- item 4: font size follows at once -----------------------------------------------------------


def test_font_size_from_settings_reaches_every_widget_at_once(window, qtbot, big_font):
    _panels_ready(window, qtbot)
    note = window.panels["note"]
    height = note.fields.reason_text.height()
    window.apply_appearance("light", 16, "zh_CN")
    qtbot.wait(50)
    for widget in (window.search.box, note.submit_button, window.search.status, window.tabs):
        assert widget.font().pointSize() == 16, widget
    assert note.fields.reason_text.height() > height  # three lines at the new size
    window.apply_appearance("light", appearance.DEFAULT_FONT_SIZE, "zh_CN")


# -- item 8: reports ------------------------------------------------------------------------------


@pytest.fixture
def reports(qtbot, sample_kb_dir, data_dir):
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.reports_view import ReportsView
    from agent_assist.storage import open_db

    db = open_db(":memory:")
    fill_notes(db, 3)
    view = ReportsView(AppContext(kb_dir=sample_kb_dir, db=db))
    qtbot.addWidget(view)
    view.resize(700, 420)
    view.show()
    qtbot.waitUntil(lambda: view.report is not None, timeout=5000)
    return view


def test_overview_shows_follow_up_rows_and_whole_reason_names(reports, qtbot):
    text = reports.kpis.text()
    assert "回访 未完成/逾期" in text and "回访平均满意度" in text
    # the page scrolls rather than cutting rows off in a short window
    assert reports.overview.widgetResizable()
    cell = reports.grid_cells["烦扰/烦扰"]
    name = f"11 {CODES.name(11)}"
    assert name in cell.toolTip()
    assert cell.wordWrap()
    assert cell.height() >= cell.heightForWidth(cell.width())  # every line of it shows


def test_count_axes_use_whole_number_ticks(reports):
    from PySide6.QtCharts import QValueAxis

    from agent_assist.gui.report_charts import count_axis

    for top in (1, 2, 3, 7, 13, 140):
        axis = count_axis(top)
        assert axis.tickType() == QValueAxis.TicksDynamic
        assert axis.tickInterval() >= 1 and float(axis.tickInterval()).is_integer()
        assert axis.max() >= top and axis.max() / axis.tickInterval() <= 7
    for name in ("pareto", "emotions", "cost"):
        values = [a for a in reports.views[name].chart().axes() if isinstance(a, QValueAxis)]
        counts = [a for a in values if a.labelFormat() != "%d%%"]
        assert counts and all(a.tickInterval() >= 1 for a in counts), name


def test_department_pie_has_no_unlabelled_slice(reports):
    pie = reports.views["departments"].chart().series()[0]
    slices = pie.slices()
    assert len(slices) >= 2
    assert all(s.isLabelVisible() and s.label() for s in slices)


def test_typed_department_is_matched_to_the_list(qtbot, ctx):
    from agent_assist.gui.note_form import NoteForm

    form = NoteForm(ctx)
    qtbot.addWidget(form)
    form.show()
    fields = form.fields
    fields.other_department_caused.setChecked(True)
    fields.other_department.setFocus()
    fields.other_department.setText("营")
    qtbot.keyClick(fields.other_department, Qt.Key_Return)
    fields.other_department.editingFinished.emit()
    assert fields.other_department.text() == "营业厅"
    assert form.current_draft().other_department == "营业厅"


def test_departments_come_from_the_kb_with_a_shipped_fallback(tmp_path):
    from agent_assist.knowledge import load_kb
    from agent_assist.notes import departments_for, load_departments, match_name
    from agent_assist.storage import shipped_kb_dir

    shipped = load_departments(shipped_kb_dir() / "departments.yaml")
    assert "营业厅" in shipped.departments and "值班长" in shipped.escalate_to
    own = tmp_path / "kb"
    own.mkdir()
    (own / "departments.yaml").write_text("departments: [客服中心, 营销部]\n", encoding="utf-8")
    kb = load_kb(own)
    found = departments_for(kb)
    assert found.departments == ("客服中心", "营销部")
    assert found.escalate_to == shipped.escalate_to  # not in the centre's file: shipped
    (own / "departments.yaml").write_text("departments: [营业厅\n", encoding="utf-8")
    broken = departments_for(load_kb(own))
    assert broken.problems and re.search(r"departments\.yaml:\d+: ", broken.problems[0])
    assert broken.departments == shipped.departments
    assert match_name("营", ("营业厅", "装维")) == "营业厅"
    assert match_name("业厅", ("营业厅", "装维")) == "营业厅"
    assert match_name("计费", ("计费中心", "计费专席")) == "计费"  # two fit: kept as typed
    assert match_name("新部门", ("营业厅",)) == "新部门"


# -- item 9: dark theme, history search box, first-run list ---------------------------------------


def test_dark_theme_check_boxes_are_visible(window, qtbot):
    _panels_ready(window, qtbot)
    app = QApplication.instance()
    appearance.apply_theme(app, "dark")
    try:
        sheet = app.styleSheet()
        assert "QListView::indicator" in sheet and "QCheckBox::indicator" in sheet
        assert "@THEMES@" not in sheet  # the check mark image is found wherever the app runs
        # a PNG: the desktop bundle ships no SVG image plugin
        image = re.search(r"url\(([^)]+check-dark\.png)\)", sheet).group(1)
        from pathlib import Path

        from PySide6.QtGui import QImage

        assert Path(image).is_file() and not QImage(image).isNull()
        note = window.panels["note"]
        window.tabs.setCurrentWidget(note)
        qtbot.wait(50)
        codes = note.fields.reason_codes.list
        row = codes.visualItemRect(codes.item(0))
        picture = codes.viewport().grab(QRect(row.left(), row.top(), 22, row.height())).toImage()
        light = [
            picture.pixelColor(x, y).lightness()
            for x in range(picture.width())
            for y in range(picture.height())
        ]
        assert max(light) - min(light) > 60  # an outlined box on the dark list, not dark on dark
    finally:
        appearance.apply_theme(app, "light")


def test_history_search_box_keeps_its_width_at_1280(window, qtbot, big_font):
    """It shrank to "搜…" beside the filters (the reason-code choice is as wide as its longest
    name): now the whole hint shows."""
    appearance.apply_font(big_font, appearance.DEFAULT_FONT_SIZE)  # the app's real font
    _panels_ready(window, qtbot)
    window.resize(1280, 800)
    history = window.panels["history"]
    window.tabs.setCurrentWidget(history)
    qtbot.wait(50)
    box = history.search
    assert box.width() >= box.fontMetrics().horizontalAdvance(box.placeholderText()) + 20


def test_first_run_result_list_says_how_to_start(window, qtbot):
    ws = window.ctx.services
    assert not ws.tiers.recent(1) and not ws.tiers.most_used(1)
    window.search.set_query("")
    results = window.search.results
    assert results.model_.rowCount() == 0
    assert "输入即可搜索" in results.empty_text
    picture = results.viewport().grab().toImage()
    colours = {picture.pixelColor(x, y).name() for x in range(0, 200, 3) for y in range(0, 80, 3)}
    assert len(colours) > 2  # text is painted: not an empty white box
