"""搜索分析 in the Reports tab: what the search log tells the KB owner.

The same ``SearchReport`` as ``agent-assist report search``: the zero-result rate, the open rate,
the mean rank of the opened result, the top failed searches (no result, results but nothing
opened, found only after a reformulation, 缺少流程 flagged), the reformulation chains, and the
suggested customer phrases per process with counts and examples. The 我的 scope reads this PC's
search log, 团队 the sessions pushed to the team server (a KB owner's or a lead's login; an
agent's login is told so). Computed on the shared worker pool, the newest request only; nothing
is computed until the section is shown. "导出建议…" writes the suggestions as a file for review
(the KB itself is never changed).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.context import AppContext
from agent_assist.gui.report_compute import _db_file, compute_search_report
from agent_assist.gui.tables import read_only_table
from agent_assist.gui.workers import LatestOnly
from agent_assist.learning.report import (
    FAILED_KINDS,
    SearchFilter,
    SearchReport,
    kb_texts,
    write_patch,
)


class SearchReportView(QWidget):
    """The 搜索分析 section; :meth:`set_scope` is called by the Reports tab's range and scope."""

    reportReady = Signal(object)  # SearchReport

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchReport")
        self.ctx = ctx
        self.report: SearchReport | None = None
        self.flt = SearchFilter()
        self.team = False
        self._stale = True
        self._busy = False
        self.latest = LatestOnly(ctx.services.pool, self)
        self.latest.answered.connect(lambda _seq, result: self._show(result))
        self.latest.failed.connect(lambda _seq, message: self._failed(message))
        self.status = QLabel(self)
        self.status.setObjectName("searchReportStatus")
        self.status.setWordWrap(True)
        self.kpis = QLabel(self)
        self.kpis.setObjectName("searchReportKpis")
        self.kpis.setWordWrap(True)
        self.patch_button = QPushButton(self)
        self.patch_button.setObjectName("searchPatchButton")
        self.patch_button.setEnabled(False)
        self.patch_button.clicked.connect(self.choose_patch_folder)
        self.failed = read_only_table(self, "searchFailed", ["", "", ""], 1)
        self.chains = read_only_table(self, "searchChains", ["", "", ""], 0)
        self.suggestions = read_only_table(self, "searchSuggestions", ["", "", "", ""], 3)
        for table in (self.failed, self.chains, self.suggestions):
            table.setWordWrap(False)  # one line a row, elided; the tooltip has the whole text
        # a long process title may not squeeze the words and examples out of a short window
        self.suggestions.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Interactive
        )
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("searchReportTabs")
        self.tabs.addTab(self.failed, "")
        self.tabs.addTab(self.chains, "")
        # the export sits with what it exports: a short window keeps its rows for the tables
        page = QWidget(self.tabs)
        bar = QHBoxLayout()
        bar.addWidget(self.patch_button)
        bar.addStretch(1)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 4, 0, 0)
        box.addLayout(bar)
        box.addWidget(self.suggestions, 1)
        self.tabs.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.kpis)
        layout.addWidget(self.tabs, 1)
        self.status.hide()  # only a message (computing, a fault, the file written) shows it
        self.retranslate()

    # -- language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.patch_button.setText(self.tr("导出建议供审核…"))
        self.patch_button.setToolTip(
            self.tr(
                "把建议补充的客户说法写成一个文件，由知识库负责人审核后再写入流程；不会改动知识库"
            )
        )
        self.failed.setHorizontalHeaderLabels(
            [self.tr("类型"), self.tr("搜索说法"), self.tr("次数")]
        )
        self.chains.setHorizontalHeaderLabels(
            [self.tr("改写过程"), self.tr("最后打开的流程"), self.tr("次数")]
        )
        self.suggestions.setHorizontalHeaderLabels(
            [self.tr("流程"), self.tr("建议说法"), self.tr("次数"), self.tr("例句")]
        )
        for i, text in enumerate(
            (self.tr("失败的搜索"), self.tr("改写链"), self.tr("建议补充的客户说法"))
        ):
            self.tabs.setTabText(i, text)
        if self.report is not None:
            self._render(self.report)

    def say(self, text: str) -> None:
        """A message above the figures (hidden when there is none: it costs a row)."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def kind_text(self, kind: str) -> str:
        return {
            "no_result": self.tr("无结果"),
            "no_open": self.tr("有结果未打开"),
            "reformulated": self.tr("改写后才找到"),
            "missing_flag": self.tr("标记缺少流程"),
        }.get(kind, kind)

    # -- computing --------------------------------------------------------------------------
    def set_scope(self, flt: SearchFilter, team: bool) -> None:
        """The Reports tab's date range and scope changed (or F5): recompute when shown."""
        self.flt, self.team = flt, team
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._stale = True  # agents keep searching: shown again, it is computed again

    def busy(self) -> bool:
        """A computation is in flight (screenshots wait for it)."""
        return self._busy

    def refresh(self) -> None:
        self._stale = False
        self._busy = True
        self.say(self.tr("正在计算…"))
        names, _titles = kb_texts(self.ctx.kb)
        db_file = _db_file(self.ctx.db)
        if not db_file:  # in-memory database: one connection, so stay on this thread
            self.latest.invalidate()
            self._show(compute_search_report("", self.ctx.db, self.flt, names))
            return
        self.latest.request(compute_search_report, db_file, None, self.flt, names, self.team)

    def _failed(self, message: str) -> None:
        self._busy = False
        self.say(self.tr("搜索分析计算失败：%1").replace("%1", message))

    def _show(self, result: SearchReport | tuple[str, str]) -> None:
        self._busy = False
        if isinstance(result, tuple):  # a team fault: say it plainly, keep nothing stale
            kind, message = result
            self.report = None
            self._clear()
            if kind == "denied":
                message = self.tr(
                    "没有权限：团队搜索分析只对知识库负责人和组长开放。请改看“我的”（本机搜索日志）。"
                )
            self.say(self.tr("团队搜索分析不可用：%1").replace("%1", message))
            return
        self.report = result
        self._render(result)
        self.reportReady.emit(result)

    def _clear(self) -> None:
        self.kpis.setText("")
        self.patch_button.setEnabled(False)
        for table in (self.failed, self.chains, self.suggestions):
            table.setRowCount(0)

    # -- showing ----------------------------------------------------------------------------
    def _render(self, r: SearchReport) -> None:
        scope = self.tr("团队") if self.team else self.tr("本机")
        self.say("")
        self.kpis.setText(
            "  ·  ".join(
                (
                    self.tr("%1：%2 次搜索").replace("%1", scope).replace("%2", str(r.sessions)),
                    self.tr("无结果率 %1").replace("%1", f"{r.zero_result_rate:.1%}"),
                    self.tr("打开率 %1").replace("%1", f"{r.open_rate:.1%}"),
                    # no open yet: no rank to average (a 0.00 would read as "better than first")
                    self.tr("平均打开名次 %1").replace(
                        "%1", f"{r.mean_open_rank:.2f}" if r.open_rate > 0 else "—"
                    ),
                )
            )
        )
        self.kpis.setToolTip(
            self.tr("平均打开名次：坐席打开的流程在搜索结果中的平均位置（1 = 第一条）")
        )
        titles = {p.id: p.title for p in self.ctx.kb.processes.values()}
        failed = [
            (self.kind_text(kind), q, str(n)) for kind in FAILED_KINDS for q, n in r.failed[kind]
        ]
        _fill(self.failed, failed)
        _fill(
            self.chains,
            [(" → ".join(qs), titles.get(pid, pid), str(n), pid) for qs, pid, n in r.chains],
        )
        _fill(
            self.suggestions,
            [
                (titles.get(pid, pid), s.word, str(s.count), " / ".join(s.examples), pid)
                for pid, lst in r.suggestions.items()
                for s in lst
            ],
        )
        self.suggestions.setColumnWidth(0, min(self.suggestions.sizeHintForColumn(0), 200))
        self.patch_button.setEnabled(bool(r.suggestions))

    # -- the patch file ---------------------------------------------------------------------
    def choose_patch_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择保存建议文件的文件夹"))
        if folder:
            self.write_patch(Path(folder))

    def write_patch(self, folder: Path) -> Path | None:
        """Write ``search-suggestions.yaml`` into ``folder`` for review; the KB is unchanged."""
        if self.report is None:
            return None
        titles = {p.id: p.title for p in self.ctx.kb.processes.values()}
        try:
            path = write_patch(self.report, titles, folder)
        except OSError as exc:
            self.say(self.tr("无法写入 %1：%2").replace("%1", str(folder)).replace("%2", str(exc)))
            return None
        self.say(
            self.tr("建议已写入 %1（请审核后再改流程；知识库未改动）").replace("%1", str(path))
        )
        return path


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    """Rows of texts; a row one longer than the table ends with the process id, which becomes
    the tooltip and item data of every cell (titles are shown, ids kept at hand)."""
    columns = table.columnCount()
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        pid = row[columns] if len(row) > columns else ""
        for j, text in enumerate(row[:columns]):
            item = QTableWidgetItem(text)
            item.setToolTip(f"{text}\n{pid}" if pid else text)
            if pid:
                item.setData(Qt.ItemDataRole.UserRole, pid)
            table.setItem(i, j, item)
