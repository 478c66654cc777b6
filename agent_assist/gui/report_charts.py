"""QtCharts for the call-listening reports: one function per chart, each taking a report
dataclass and returning a ready ``QChart``. No numbers are computed here beyond scaling."""

from __future__ import annotations

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
from PySide6.QtGui import QColor, QPainter, QPen

from agent_assist.notes import EmotionShift, HandlingCost, OtherDepartments, Pareto

EMOTION_COLORS = ("#2b8a3e", "#f59f00", "#e8590c", "#c92a2a")


def tr(text: str) -> str:
    return QCoreApplication.translate("ReportCharts", text)


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignBottom)
    return chart


def pareto_chart(p: Pareto, top: int = 15) -> QChart:
    """Bars: mentions per code (most frequent first); line: cumulative share on a 0–100 % axis."""
    chart = _chart(tr("原因代码帕累托"))
    rows = p.rows[:top]
    bars = QBarSet(tr("次数"))
    bars.append([float(r.count) for r in rows])
    series = QBarSeries()
    series.append(bars)
    chart.addSeries(series)
    line = QLineSeries()
    line.setName(tr("累计占比 %"))
    line.setPen(QPen(QColor("#c92a2a"), 2))
    for i, r in enumerate(rows):
        line.append(i, r.cumulative * 100)
    chart.addSeries(line)
    categories = QBarCategoryAxis()
    categories.append([str(r.code) for r in rows])
    categories.setTitleText(tr("代码（悬停看名称）"))
    counts = QValueAxis()
    counts.setRange(0, max([r.count for r in rows] + [1]) * 1.1)
    counts.setLabelFormat("%d")
    counts.applyNiceNumbers()
    share = QValueAxis()
    share.setRange(0, 100)
    share.setLabelFormat("%d%%")
    chart.addAxis(categories, Qt.AlignBottom)
    chart.addAxis(counts, Qt.AlignLeft)
    chart.addAxis(share, Qt.AlignRight)
    series.attachAxis(categories)
    series.attachAxis(counts)
    line.attachAxis(categories)
    line.attachAxis(share)
    names = {i: f"{r.code} {r.name}：{r.count}（{r.share:.1%}）" for i, r in enumerate(rows)}
    series.hovered.connect(
        lambda status, index, _set: chart.setToolTip(names.get(index, "") if status else "")
    )
    return chart


def emotion_chart(e: EmotionShift) -> QChart:
    """One stacked bar per starting emotion, split by the emotion the call ended in."""
    chart = _chart(tr("情绪变化：开始 → 结束"))
    series = QStackedBarSeries()
    for j, label in enumerate(e.labels):
        s = QBarSet(tr("结束：") + label)
        s.setColor(QColor(EMOTION_COLORS[j % len(EMOTION_COLORS)]))
        s.append([float(e.matrix[i][j]) for i in range(len(e.labels))])
        series.append(s)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append([tr("开始：") + label for label in e.labels])
    values = QValueAxis()
    values.setLabelFormat("%d")
    values.setRange(0, max([sum(row) for row in e.matrix] + [1]) * 1.05)
    values.applyNiceNumbers()
    chart.addAxis(axis, Qt.AlignBottom)
    chart.addAxis(values, Qt.AlignLeft)
    series.attachAxis(axis)
    series.attachAxis(values)
    return chart


def department_chart(d: OtherDepartments) -> QChart:
    chart = _chart(tr("其他部门导致的来电"))
    pie = QPieSeries()
    for row in d.by_department:
        slice_ = pie.append(f"{row.department} {row.count}", row.count)
        slice_.setLabelVisible(True)
    own = d.calls - d.caused
    if own > 0:
        slice_ = pie.append(tr("本部门/无 %1").replace("%1", str(own)), own)
        slice_.setColor(QColor("#ced4da"))
    chart.addSeries(pie)
    chart.legend().hide()
    return chart


def cost_chart(c: HandlingCost, top: int = 10) -> QChart:
    """The most expensive reasons (cost = attributed minutes × cost per minute)."""
    chart = _chart(tr("各原因成本（元，每分钟 %1 元）").replace("%1", f"{c.cost_per_minute:g}"))
    rows = list(reversed(c.rows[:top]))  # horizontal bars draw bottom-up
    bars = QBarSet(tr("成本"))
    bars.append([round(r.cost, 2) for r in rows])
    series = QHorizontalBarSeries()
    series.append(bars)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append([f"{r.code} {r.name}" for r in rows])
    values = QValueAxis()
    values.setLabelFormat("%.0f")
    values.setRange(0, max([r.cost for r in rows] + [1]) * 1.1)
    values.applyNiceNumbers()
    chart.addAxis(axis, Qt.AlignLeft)
    chart.addAxis(values, Qt.AlignBottom)
    series.attachAxis(axis)
    series.attachAxis(values)
    chart.legend().hide()
    return chart


RENDER_HINT = QPainter.Antialiasing
