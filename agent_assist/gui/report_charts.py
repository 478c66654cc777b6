"""QtCharts for the call-listening reports: one function per chart, each taking a report
dataclass and returning a ready ``QChart``. No numbers are computed here beyond scaling."""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication

from agent_assist.gui.appearance import qapp
from agent_assist.gui.labels import emotion_text
from agent_assist.notes import EmotionShift, HandlingCost, OtherDepartments, Pareto

EMOTION_COLORS = ("#2b8a3e", "#f59f00", "#e8590c", "#c92a2a")


def count_axis(top: float, title: str = "") -> QValueAxis:
    """A value axis for counts: whole-number ticks only (never 0, 1, 1, 2 from 0.5 steps),
    at most ~6 of them, from 0 to a multiple of the step."""
    top = max(float(top), 1.0)
    step = 1
    while top / step > 6:
        for factor in (2, 2.5, 2):  # 1, 2, 5, 10, 20, 50 …
            step = int(step * factor)
            if top / step <= 6:
                break
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setRange(0, math.ceil(top / step) * step)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setMinorTickCount(0)
    if title:
        axis.setTitleText(title)
    return axis


def _chart(title: str) -> QChart:
    chart = QChart()
    app = QApplication.instance()
    if app is not None and app.property("agentAssistTheme") == "dark":
        chart.setTheme(
            QChart.ChartTheme.ChartThemeDark
        )  # readable on the dark window, not a white box
        chart.setBackgroundBrush(QColor("#1f2328"))
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def pareto_chart(p: Pareto, top: int = 15) -> QChart:
    """Bars: mentions per code (most frequent first); line: cumulative share on a 0–100 % axis."""
    chart = _chart(QCoreApplication.translate("ReportCharts", "原因代码帕累托"))
    rows = p.rows[:top]
    bars = QBarSet(QCoreApplication.translate("ReportCharts", "次数"))
    bars.append([float(r.count) for r in rows])
    series = QBarSeries()
    series.append(bars)
    chart.addSeries(series)
    line = QLineSeries()
    line.setName(QCoreApplication.translate("ReportCharts", "累计占比 %"))
    line.setPen(QPen(QColor("#c92a2a"), 2))
    for i, r in enumerate(rows):
        line.append(i, r.cumulative * 100)
    chart.addSeries(line)
    categories = QBarCategoryAxis()
    categories.append([str(r.code) for r in rows])
    categories.setTitleText(QCoreApplication.translate("ReportCharts", "代码（悬停看名称）"))
    counts = count_axis(max([r.count for r in rows] + [1]))
    share = QValueAxis()
    share.setRange(0, 100)
    share.setLabelFormat("%d%%")
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(share, Qt.AlignmentFlag.AlignRight)
    series.attachAxis(categories)
    series.attachAxis(counts)
    line.attachAxis(categories)
    line.attachAxis(share)
    names = {i: f"{r.code} {r.name}：{r.count}（{r.share:.1%}）" for i, r in enumerate(rows)}
    series.hovered.connect(
        lambda status, index, _set: chart.setToolTip(names.get(index, "") if status else "")
    )
    return follow_app_font(chart)


def emotion_chart(e: EmotionShift) -> QChart:
    """One stacked bar per starting emotion, split by the emotion the call ended in."""
    chart = _chart(QCoreApplication.translate("ReportCharts", "情绪变化：开始 → 结束"))
    series = QStackedBarSeries()
    for j, label in enumerate(e.labels):
        s = QBarSet(QCoreApplication.translate("ReportCharts", "结束：") + emotion_text(label))
        s.setColor(QColor(EMOTION_COLORS[j % len(EMOTION_COLORS)]))
        s.append([float(e.matrix[i][j]) for i in range(len(e.labels))])
        series.append(s)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append(
        [QCoreApplication.translate("ReportCharts", "开始：") + emotion_text(x) for x in e.labels]
    )
    values = count_axis(max([sum(row) for row in e.matrix] + [1]))
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)
    series.attachAxis(values)
    return follow_app_font(chart)


def department_chart(d: OtherDepartments) -> QChart:
    chart = _chart(QCoreApplication.translate("ReportCharts", "其他部门导致的来电"))
    pie = QPieSeries()
    for row in d.by_department:
        slice_ = pie.append(f"{row.department} {row.count}", row.count)
        slice_.setLabelVisible(True)
    own = d.calls - d.caused
    if own > 0:
        text = QCoreApplication.translate("ReportCharts", "本部门/无 %1").replace("%1", str(own))
        slice_ = pie.append(text, own)
        slice_.setColor(QColor("#ced4da"))
        slice_.setLabelVisible(True)  # every slice says what it is: no anonymous grey
    chart.addSeries(pie)
    chart.legend().hide()
    return follow_app_font(chart)


def cost_chart(c: HandlingCost, top: int = 8) -> QChart:
    """The most expensive reasons (cost = attributed minutes × cost per minute)."""
    chart = _chart(
        QCoreApplication.translate("ReportCharts", "各原因成本（元，每分钟 %1 元）").replace(
            "%1", f"{c.cost_per_minute:g}"
        )
    )
    rows = list(reversed(c.rows[:top]))  # horizontal bars draw bottom-up
    bars = QBarSet(QCoreApplication.translate("ReportCharts", "成本"))
    bars.append([round(r.cost, 2) for r in rows])
    series = QHorizontalBarSeries()
    series.append(bars)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append([f"{r.code} {r.name}" for r in rows])
    values = count_axis(max([r.cost for r in rows] + [1]))  # whole 元: no "0, 1, 1, 2"
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    series.attachAxis(values)
    chart.legend().hide()
    follow_app_font(chart)
    small = QFont(axis.labelsFont())
    small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
    axis.setLabelsFont(small)  # one label per bar: QtCharts elides them to "…" when too tall
    return chart


def follow_app_font(chart: QChart) -> QChart:
    """Title, axes, legend and slice labels in the application font (the agent's 字号) —
    QtCharts otherwise keeps its theme's small fixed font."""
    app = qapp()
    if app is None:
        return chart
    base = QFont(app.font())
    bold = QFont(base)
    bold.setBold(True)
    chart.setTitleFont(bold)
    chart.legend().setFont(base)
    for axis in chart.axes():
        axis.setTitleFont(base)
        axis.setLabelsFont(base)
    for series in chart.series():
        for slice_ in getattr(series, "slices", lambda: [])():
            slice_.setLabelFont(base)
    return chart


RENDER_HINT = QPainter.RenderHint.Antialiasing
