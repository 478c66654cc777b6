"""The reports tab: why customers call and what it costs, for a chosen date range.

Shows the same ``NotesReport`` as ``agent-assist report notes``: key figures (repeat-call rate,
first-call resolution, escalations, other departments, handling time and cost, follow-ups), the
reason-code Pareto, the emotion shift, the departments, the cost per reason and the
value/irritant grid, and 搜索分析 (``report_search.SearchReportView``: failed searches and the
customers' words the KB lacks, for KB owners). The report is computed on a worker thread with
its own database connection, so the window never freezes, even on a year of notes.

The cost of one agent minute (元/分钟) is set right here, next to the numbers it changes: the
spin box saves it as the ``cost_per_minute`` setting (shared with ``agent-assist report notes``)
and recomputes the cost per reason.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from itertools import zip_longest

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui import report_charts
from agent_assist.gui.context import AppContext
from agent_assist.gui.flow_layout import FlowLayout
from agent_assist.gui.labels import quadrant_text, value_text
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.report_compute import _db_file, compute_report, team_scope_offered
from agent_assist.gui.report_search import SearchReportView
from agent_assist.gui.services import Change
from agent_assist.gui.workers import LatestOnly
from agent_assist.learning.report import SearchFilter
from agent_assist.notes import (
    VALUE_CHOICES,
    NoteFilter,
    NotesReport,
    build_report,
    cost_per_minute,
    reason_codes_for,
    set_cost_per_minute,
)

_NO_DATE = QDate(2000, 1, 1)


class ReportsView(LiveUpdate, QWidget):
    reportReady = Signal(object)  # NotesReport

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsView")
        self.ctx = ctx
        self.codes = reason_codes_for(
            ctx.kb, ctx.db
        )  # the centre's laid over the KB's in team mode
        self.report: NotesReport | None = None
        # only the newest request's report is shown; the shared pool, so shutdown waits for it
        self.latest = LatestOnly(ctx.services.pool, self)
        self.latest.answered.connect(lambda _seq, report: self._show(report))
        self.latest.failed.connect(lambda _seq, message: self._failed(message))
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.refresh_button = QPushButton(self)
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.refresh)
        self.quick = []
        for days in (7, 30, 0):
            b = QPushButton(self)
            b.clicked.connect(lambda _c=False, d=days: self.set_last_days(d))
            self.quick.append(b)
        self.cost_label = QLabel(self)
        self.cost = QDoubleSpinBox(self)
        self.cost.setObjectName("costPerMinute")
        self.cost.setRange(0.01, 10000)
        self.cost.setDecimals(2)
        self.cost.setSingleStep(0.1)
        self.cost.setKeyboardTracking(False)  # typed "1.8" is one change, not "1", "1.", "1.8"
        self.cost.setValue(cost_per_minute(ctx.db))
        self.cost_label.setBuddy(self.cost)
        self.cost.valueChanged.connect(self._cost_changed)
        self._cost_refresh = QTimer(self)  # arrow keys held down: one recompute at the end
        self._cost_refresh.setSingleShot(True)
        self._cost_refresh.setInterval(300)
        self._cost_refresh.timeout.connect(self.refresh)
        self.status = QLabel(self)
        self.status.setObjectName("reportStatus")
        # team mode, for leads and KB owners: 我的 (this PC's notes) / 团队 (the team server's)
        self.scope = QComboBox(self)
        self.scope.setObjectName("reportScope")
        self.scope.addItem("", "local")
        self.scope.addItem("", "team")
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self._offer_scope()
        self.status.setWordWrap(True)
        self.status.setMinimumWidth(80)

        self.kpis = QLabel(self)
        self.kpis.setObjectName("reportKpis")
        self.kpis.setTextFormat(Qt.TextFormat.RichText)
        self.kpis.setWordWrap(True)
        self.grid_cells: dict[str, QLabel] = {}
        self.grid_heads: list[tuple[QLabel, str, str]] = []  # (label, "customer"/"company", value)
        grid_box = QFrame(self)
        grid = QGridLayout(grid_box)
        self.corner = QLabel(grid_box)
        grid.addWidget(self.corner, 0, 0)
        for j, comp in enumerate(VALUE_CHOICES):
            head = QLabel(grid_box)
            self.grid_heads.append((head, "company", comp))
            grid.addWidget(head, 0, j + 1, Qt.AlignmentFlag.AlignCenter)
        for i, cust in enumerate(VALUE_CHOICES):
            head = QLabel(grid_box)
            head.setWordWrap(True)
            self.grid_heads.append((head, "customer", cust))
            grid.addWidget(head, i + 1, 0)
            for j, comp in enumerate(VALUE_CHOICES):
                cell = QLabel(grid_box)
                cell.setObjectName(f"grid_{cust}_{comp}")
                cell.setWordWrap(True)  # a long reason name wraps inside its cell, never cut
                cell.setTextFormat(Qt.TextFormat.RichText)
                cell.setFrameShape(QFrame.Shape.StyledPanel)
                cell.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                cell.setMinimumHeight(70)
                cell.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
                self.grid_cells[f"{cust}/{comp}"] = cell
                grid.addWidget(cell, i + 1, j + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        overview = QWidget()
        ov = QVBoxLayout(overview)
        ov.addWidget(self.kpis)
        self.grid_title = QLabel(overview)
        self.grid_title.setWordWrap(True)
        ov.addWidget(self.grid_title)
        ov.addWidget(grid_box)
        ov.addStretch(1)
        # a short window scrolls the overview: no figure (回访, 满意度 …) is ever cut off
        self.overview = QScrollArea(self)
        self.overview.setObjectName("reportOverview")
        self.overview.setWidgetResizable(True)
        self.overview.setFrameShape(QFrame.Shape.NoFrame)
        self.overview.setWidget(overview)

        self.views = {
            name: QChartView(self) for name in ("pareto", "emotions", "departments", "cost")
        }
        for view in self.views.values():
            view.setRenderHint(report_charts.RENDER_HINT)
            view.setMinimumSize(200, 150)  # a chart never dictates the window's size
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.overview, "")
        for name in ("pareto", "emotions", "departments", "cost"):
            self.tabs.addTab(self.views[name], "")
        # 搜索分析 for KB owners: same range and scope, its own worker request, computed when shown
        self.search_view = SearchReportView(ctx, self)
        self.tabs.addTab(self.search_view, "")
        self.tabs.currentChanged.connect(  # the calls line is about notes: a row for the tables
            lambda _i: self.status.setHidden(self.tabs.currentWidget() is self.search_view)
        )

        # the range and the cost on one wrapping bar: 1024 px wide is enough, nothing grows
        bar = FlowLayout(spacing=6)
        for w in (self.date_from, self.date_to, *self.quick, self.scope, self.refresh_button):
            bar.addWidget(w)
        bar.addWidget(self.cost_label)
        bar.addWidget(self.cost)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        ctx.services.changed.connect(self._changed)
        self._is_stale = True  # computed when first shown, not at app start
        self.retranslate()

    def retranslate(self) -> None:
        self.scope.setItemText(0, self.tr("我的"))
        self.scope.setItemText(1, self.tr("团队"))
        self.scope.setToolTip(
            self.tr("团队：由团队服务器统计（组长看本组，知识库负责人看全中心的搜索）")
        )
        self.date_from.setSpecialValueText(self.tr("起：不限"))
        self.date_to.setSpecialValueText(self.tr("止：不限"))
        self.refresh_button.setText(self.tr("刷新 (F5)"))
        for b, text in zip(self.quick, (self.tr("近7天"), self.tr("近30天"), self.tr("全部"))):
            b.setText(text)
        self.cost_label.setText(self.tr("每分钟成本"))
        self.cost.setSuffix(self.tr(" 元/分钟"))
        self.cost.setToolTip(
            self.tr("坐席每分钟的人力成本，用于“各原因成本”；保存后命令行报表也使用它")
        )
        self.corner.setText(self.tr("客户 \\ 公司"))
        for head, side, value in self.grid_heads:
            prefix = self.tr("对公司：") if side == "company" else self.tr("对客户：")
            head.setText(prefix + value_text(value))
        self.grid_title.setText(self.tr("价值/烦扰矩阵（每个原因归入多数评价所在的格子）"))
        for i, text in enumerate(
            (
                self.tr("概览"),
                self.tr("原因帕累托"),
                self.tr("情绪变化"),
                self.tr("其他部门"),
                self.tr("成本"),
                self.tr("搜索分析"),
            )
        ):
            self.tabs.setTabText(i, text)
        self.search_view.retranslate()
        if self.report is not None:
            self._render(self.report)

    def refont(self) -> None:
        """Charts take their fonts when built: build them again at the new size."""
        if self.report is not None:
            self._render(self.report)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        saved = cost_per_minute(self.ctx.db)  # may have been changed from the command line
        if abs(saved - self.cost.value()) >= 0.005:
            self.cost.blockSignals(True)
            self.cost.setValue(saved)
            self.cost.blockSignals(False)
            self._is_stale = True
        if self._is_stale:
            self.refresh()

    def _changed(self, change: Change) -> None:
        if change.sync:  # a pull remembers the login's role: the 团队 scope may come or go
            self._offer_scope()
        if change.kb or change.sync:  # a team pull may have brought the centre's reason codes
            self._kb_reloaded()
        elif change.note or change.followup:  # the numbers changed
            self._stale()

    def _stale(self) -> None:
        self._is_stale = True
        if self.isVisible():
            self.refresh()

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(_NO_DATE)
        edit.setDate(_NO_DATE)
        return edit

    def _cost_changed(self, value: float) -> None:
        """Save at once (it is a setting), recompute shortly after the last change."""
        try:
            set_cost_per_minute(self.ctx.db, value)
        except ValueError as exc:  # the spin box range makes this unlikely; say so if it happens
            self.status.setText(str(exc))
            return
        self._cost_refresh.start()

    def set_last_days(self, days: int) -> None:
        if days:
            today = QDate.currentDate()
            self.date_from.setDate(today.addDays(-(days - 1)))
            self.date_to.setDate(today)
        else:
            self.date_from.setDate(_NO_DATE)
            self.date_to.setDate(_NO_DATE)
        self.refresh()

    def current_filter(self) -> NoteFilter:
        def day(edit: QDateEdit) -> dt.date | None:
            d = edit.date()
            return None if d == _NO_DATE else dt.date(d.year(), d.month(), d.day())

        return NoteFilter(date_from=day(self.date_from), date_to=day(self.date_to))

    def refresh(self) -> None:
        """Compute on the worker; only the newest request's answer is shown."""
        self._is_stale = False
        self._cost_refresh.stop()
        self.status.setText(self.tr("正在计算…"))
        self.refresh_button.setEnabled(False)
        db_file = _db_file(self.ctx.db)
        flt = self.current_filter()
        per_minute = self.cost.value()
        team = self.scope.currentData() == "team"
        self.search_view.set_scope(SearchFilter(flt.date_from, flt.date_to), team)
        if not db_file:  # in-memory database: one connection, so stay on this thread
            self.latest.invalidate()
            self._show(build_report(self.ctx.db, flt, self.codes, per_minute))
            return
        # the worker opens its own connection (the GUI's is used on the GUI thread only)
        self.latest.request(compute_report, db_file, None, flt, self.codes, per_minute, team)

    def _failed(self, message: str) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(self.tr("报表计算失败：%1").replace("%1", message))

    def _show(self, report: NotesReport) -> None:
        self.refresh_button.setEnabled(True)
        self.report = report
        total_ms = sum(report.timings_ms.values())
        self.status.setText(
            self.tr("共 %1 通来电 · 计算 %2 毫秒")
            .replace("%1", str(report.calls))
            .replace("%2", f"{total_ms:.0f}")
        )
        self._render(report)
        self.reportReady.emit(report)

    def _render(self, report: NotesReport) -> None:
        """Figures, grid and charts of ``report`` in the current language."""
        self._show_kpis(report)
        for key, cell in self.grid_cells.items():
            codes = report.grid.cells.get(key, [])
            names = [f"{c} {self.codes.name(c)}" for c in codes]
            cust, comp = key.split("/")
            body = "<br>".join(escape(n) for n in names) or "—"
            cell.setText(f"<b>{escape(quadrant_text(cust, comp))}</b><br>{body}")
            cell.setToolTip("\n".join(names))  # the full names, whatever the cell's width
        self.views["pareto"].setChart(report_charts.pareto_chart(report.pareto))
        self.views["emotions"].setChart(report_charts.emotion_chart(report.emotions))
        self.views["departments"].setChart(report_charts.department_chart(report.departments))
        self.views["cost"].setChart(report_charts.cost_chart(report.cost))

    def _show_kpis(self, r: NotesReport) -> None:
        sat = (
            f"{r.followups.avg_satisfaction:.1f}"
            if r.followups.avg_satisfaction is not None
            else "—"
        )
        rows = [
            (self.tr("来电"), f"{r.calls}"),
            (self.tr("重复来电率"), f"{r.repeat.rate:.1%} ({r.repeat.repeat_calls})"),
            (self.tr("首次来电解决率"), f"{r.resolution.fcr_rate:.1%}"),
            (self.tr("本次解决率"), f"{r.resolution.resolved_rate:.1%}"),
            (self.tr("升级/转接"), f"{r.escalations.rate:.1%} ({r.escalations.escalated})"),
            (self.tr("其他部门导致"), f"{r.departments.share:.1%} ({r.departments.caused})"),
            (
                self.tr("情绪好转/不变/变差"),
                f"{r.emotions.improved} / {r.emotions.same} / {r.emotions.worse}",
            ),
            (
                self.tr("平均处理时长"),
                self.tr("%1 分钟").replace("%1", f"{r.cost.avg_minutes:.1f}"),
            ),
            (self.tr("总成本"), self.tr("%1 元").replace("%1", f"{r.cost.total_cost:,.0f}")),
            (self.tr("回访 未完成/逾期"), f"{r.followups.open} / {r.followups.overdue}"),
            (self.tr("回访平均满意度"), sat),
        ]
        self.kpi_rows = rows
        half = (len(rows) + 1) // 2  # two columns of figures: all of them fit a short window
        lines = []
        for left, right in zip_longest(rows[:half], rows[half:]):
            pair = [left] + ([right] if right else [])
            lines.append(
                "<tr>"
                + "<td width='24'></td>".join(
                    f"<td>{escape(k)}</td><td align='right'><b>{escape(v)}</b></td>"
                    for k, v in pair
                )
                + "</tr>"
            )
        self.kpis.setText(f"<table cellspacing='4'>{''.join(lines)}</table>")

    def _offer_scope(self) -> None:
        """The scope switch only for a role that reads team-wide reports; anyone else is shown
        their own (a switch hidden while on 团队 goes back to 我的)."""
        offered = team_scope_offered(self.ctx.db)
        if not offered and self.scope.currentData() == "team":
            self.scope.setCurrentIndex(self.scope.findData("local"))
        self.scope.setVisible(offered)

    def _kb_reloaded(self) -> None:
        self.codes = reason_codes_for(self.ctx.kb, self.ctx.db)
        self._stale()
