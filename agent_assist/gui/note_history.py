"""History of submitted notes: search and filter (date, code, emotion, agent, repeat), read one in
full with its amendment history and follow-up, correct it through an amendment.

Queries go to ``NoteStore.search`` (SQL, newest first, 200 per page), so the view stays quick on a
year of notes; text search waits for a 250 ms typing pause.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.context import AppContext
from agent_assist.gui.script_run_view import runs_html
from agent_assist.gui.tables import read_only_table
from agent_assist.notes import (
    EMOTIONS,
    FIELD_LABELS,
    AmendmentStore,
    FollowUpStore,
    Note,
    NoteFilter,
    NoteStore,
    fmt_time,
    reason_codes_for,
)

PAGE = 200
_NO_DATE = QDate(2000, 1, 1)


def _date_edit(parent: QWidget, tip: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText(tip)  # the minimum date shows as "不限"
    edit.setDate(_NO_DATE)
    return edit


class NoteHistory(QWidget):
    amended = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteHistory")
        self.ctx = ctx
        self.store = NoteStore(ctx.db)
        self.codes = reason_codes_for(ctx.kb)
        self.notes: list[Note] = []
        t = self.tr
        self.search = QLineEdit(self)
        self.search.setObjectName("historySearch")
        self.search.setPlaceholderText(t("搜索客户原话、方案、备注、姓名或电话"))
        self.search.setClearButtonEnabled(True)
        self.date_from = _date_edit(self, t("起：不限"))
        self.date_to = _date_edit(self, t("止：不限"))
        self.code = QComboBox(self)
        self.emotion = QComboBox(self)
        self.agent = QComboBox(self)
        self.repeat = QComboBox(self)
        for box, name in (
            (self.code, "historyCode"),
            (self.emotion, "historyEmotion"),
            (self.agent, "historyAgent"),
            (self.repeat, "historyRepeat"),
        ):
            box.setObjectName(name)
        self._fill_choices()
        self.count_label = QLabel(self)
        self.more = QPushButton(t("加载更多"), self)
        self.more.clicked.connect(self.load_more)
        self.amend_button = QPushButton(t("修正…"), self)
        self.amend_button.setObjectName("amendButton")
        self.amend_button.setEnabled(False)
        self.amend_button.clicked.connect(self.amend_selected)

        self.table = read_only_table(
            self,
            "historyTable",
            [
                t("时间"),
                t("坐席"),
                t("客户"),
                t("原因代码"),
                t("客户原话"),
                t("情绪"),
                t("重复"),
                t("解决"),
            ],
            4,
        )
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _i: self.amend_selected())
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("historyDetail")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for w in (self.date_from, self.date_to, self.code, self.emotion, self.agent, self.repeat):
            filters.addWidget(w)
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([400, 250])
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.more)
        bottom.addWidget(self.amend_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(250)
        self.debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.debounce.start())
        for w in (self.code, self.emotion, self.agent, self.repeat):
            w.currentIndexChanged.connect(lambda _i: self.refresh())
        for w in (self.date_from, self.date_to):
            w.dateChanged.connect(lambda _d: self.refresh())
        ctx.callStarted.connect(self.refresh)  # a note was just submitted (or a call began)
        ctx.kbReloaded.connect(self._kb_reloaded)
        self.refresh()

    def _fill_choices(self) -> None:
        t = self.tr
        self.code.clear()
        self.code.addItem(t("全部代码"), None)
        for c in self.codes:
            self.code.addItem(c.label, c.number)
        self.emotion.clear()
        self.emotion.addItem(t("全部情绪"), "")
        for e in EMOTIONS:
            self.emotion.addItem(e, e)
        self.repeat.clear()
        for label, value in (
            (t("首次+重复"), None),
            (t("仅首次来电"), False),
            (t("仅重复来电"), True),
        ):
            self.repeat.addItem(label, value)
        self._fill_agents()

    def _fill_agents(self) -> None:
        current = self.agent.currentData()
        self.agent.blockSignals(True)
        self.agent.clear()
        self.agent.addItem(self.tr("全部坐席"), "")
        for a in self.store.agents():
            self.agent.addItem(a, a)
        self.agent.setCurrentIndex(max(self.agent.findData(current), 0) if current else 0)
        self.agent.blockSignals(False)

    def current_filter(self) -> NoteFilter:
        def day(edit: QDateEdit) -> dt.date | None:
            d = edit.date()
            return None if d == _NO_DATE else dt.date(d.year(), d.month(), d.day())

        return NoteFilter(
            date_from=day(self.date_from),
            date_to=day(self.date_to),
            code=self.code.currentData(),
            emotion=self.emotion.currentData() or "",
            agent=self.agent.currentData() or "",
            repeat=self.repeat.currentData(),
            text=self.search.text(),
        )

    def refresh(self) -> None:
        self._fill_agents()
        flt = self.current_filter()
        self.total = self.store.count(flt)
        self.notes = self.store.search(flt, limit=PAGE)
        self._show_rows()

    def load_more(self) -> None:
        self.notes += self.store.search(self.current_filter(), limit=PAGE, offset=len(self.notes))
        self._show_rows()

    def _show_rows(self) -> None:
        self.table.clearSelection()
        self.table.setRowCount(len(self.notes))
        for row, n in enumerate(self.notes):
            customer = " ".join(x for x in (n.customer_name, n.customer_phone) if x)
            emotion = f"{n.emotion_start}→{n.emotion_end}"
            cells = [
                fmt_time(n.started_at)[:16],
                n.agent_name or n.agent_no,
                customer,
                " ".join(str(c) for c in n.reason_codes),
                n.reason_text,
                emotion,
                self.tr("重复%1次").replace("%1", str(n.previous_calls)) if n.repeat_call else "",
                self.tr("是") if n.resolved else self.tr("否"),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setToolTip("、".join(self.codes.name(c) for c in n.reason_codes))
                if col == 4 and n.amendments:
                    item.setToolTip(self.tr("已修正 %1 次").replace("%1", str(n.amendments)))
                self.table.setItem(row, col, item)
        self.count_label.setText(
            self.tr("共 %1 条，显示 %2 条")
            .replace("%1", str(self.total))
            .replace("%2", str(len(self.notes)))
        )
        self.more.setVisible(len(self.notes) < self.total)
        self.detail.clear()
        self.amend_button.setEnabled(False)

    def selected_note(self) -> Note | None:
        rows = self.table.selectionModel().selectedRows()
        return self.notes[rows[0].row()] if rows else None

    def _selected(self) -> None:
        note = self.selected_note()
        self.amend_button.setEnabled(note is not None)
        self.detail.setHtml(self.describe(note) if note else "")

    def describe(self, n: Note) -> str:
        """The note in full, its follow-up and every amendment (old → new, who, when, why)."""
        t = self.tr
        rows = [
            (FIELD_LABELS["reason_text"], n.reason_text),
            (
                FIELD_LABELS["reason_codes"],
                "、".join(f"{c} {self.codes.name(c)}" for c in n.reason_codes),
            ),
            (t("客户"), " ".join(x for x in (n.customer_name, n.customer_phone) if x)),
            (t("情绪"), f"{n.emotion_start} → {n.emotion_end}"),
            (FIELD_LABELS["complaint_type"], n.complaint_type or t("非投诉")),
            (
                FIELD_LABELS["repeat_call"],
                t("是，之前%1次").replace("%1", str(n.previous_calls))
                if n.repeat_call
                else t("否"),
            ),
            (FIELD_LABELS["other_department"], n.other_department),
            (FIELD_LABELS["stage"], n.stage),
            (FIELD_LABELS["solution"], n.solution),
            (
                FIELD_LABELS["solution_accepted"],
                {None: "", True: t("接受"), False: t("不接受")}[n.solution_accepted],
            ),
            (FIELD_LABELS["resolved"], t("是") if n.resolved else t("否")),
            (FIELD_LABELS["escalated_to"], n.escalated_to),
            (FIELD_LABELS["deadline"], fmt_time(n.deadline)),
            (t("价值/烦扰"), f"{n.customer_value or '—'} / {n.company_value or '—'}"),
            (FIELD_LABELS["handling_minutes"], f"{n.handling_minutes:g}"),
            (FIELD_LABELS["related_processes"], " ".join(n.related_processes)),
            (FIELD_LABELS["notes"], n.notes),
            (
                t("保留原措辞"),  # tone findings the agent chose to keep when submitting
                "、".join(f"{k.get('category', '')}“{k.get('text', '')}”" for k in n.tone_kept),
            ),
            (t("坐席"), f"{n.agent_name} {n.agent_no}".strip()),
            (t("时间"), f"{fmt_time(n.started_at)} – {fmt_time(n.ended_at)[11:]}"),
        ]
        html = [f"<h3>#{n.id}</h3><table>"]
        html += [
            f"<tr><td><b>{escape(k)}</b></td><td>{escape(str(v))}</td></tr>" for k, v in rows if v
        ]
        html.append("</table>")
        html.append(runs_html(n.script_runs))  # the script path: stages, choices, times
        followup = FollowUpStore(self.ctx.db).for_note(n.id)
        if followup is not None:
            state = (
                t("已回访：%1（满意度 %2）")
                .replace("%1", followup.outcome)
                .replace("%2", str(followup.satisfaction or "—"))
                if not followup.is_open
                else t("待回访，时限 %1").replace("%1", fmt_time(followup.due_at))
            )
            html.append(f"<p><b>{escape(t('回访'))}</b>：{escape(state)}</p>")
        history = AmendmentStore(self.store).history(n.id)
        if history:
            html.append(f"<p><b>{escape(t('修正记录'))}</b></p><ul>")
            for a in history:
                html.append(
                    f"<li>{escape(fmt_time(a.amended_at))} {escape(a.amended_by)}：{escape(a.label)} "
                    f"“{escape(a.old)}” → “{escape(a.new)}”{escape('（' + a.reason + '）' if a.reason else '')}</li>"
                )
            html.append("</ul>")
        return "".join(html)

    def amend_selected(self):
        """Open the amendment dialog for the selected note; returns the dialog (tests drive it)."""
        from agent_assist.gui.note_amend import AmendDialog

        note = self.selected_note()
        if note is None:
            return None
        dialog = AmendDialog(self.ctx, note, self.codes, self)
        dialog.accepted.connect(lambda: self._after_amend(note.id))
        dialog.open()
        return dialog

    def _after_amend(self, note_id: int) -> None:
        self.refresh()
        for row, n in enumerate(self.notes):
            if n.id == note_id:
                self.table.selectRow(row)
        self._selected()
        self.amended.emit(note_id)

    def _kb_reloaded(self) -> None:
        self.codes = reason_codes_for(self.ctx.kb)
        self._fill_choices()
