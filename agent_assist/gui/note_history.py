"""History of submitted notes: search and filter (date, code, emotion, agent, repeat), read one in
full with its amendment history and follow-up, correct it through an amendment.

Queries go to ``NoteStore.search`` (SQL, newest first, 200 per page, the next page fetched as the
agent scrolls: :class:`~agent_assist.gui.note_table.NotesModel`), so the view stays quick on a
year of notes; text search waits for a 250 ms typing pause.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.context import AppContext
from agent_assist.gui.flow_layout import FlowLayout
from agent_assist.gui.labels import (
    complaint_type_text,
    emotion_text,
    field_text,
    stage_text,
    value_text,
)
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.note_table import NotesModel
from agent_assist.gui.script_run_view import runs_html
from agent_assist.gui.services import Change
from agent_assist.gui.tables import read_only_view
from agent_assist.notes import (
    EMOTIONS,
    AmendmentStore,
    FollowUpStore,
    Note,
    NoteFilter,
    NoteStore,
    SkippedRow,
    fmt_time,
    reason_codes_for,
)

_NO_DATE = QDate(2000, 1, 1)


def _date_edit(parent: QWidget, tip: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_NO_DATE)
    edit.setSpecialValueText(tip)  # the minimum date shows as "不限"
    edit.setDate(_NO_DATE)
    return edit


class NoteHistory(LiveUpdate, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteHistory")
        self.ctx = ctx
        self.store = NoteStore(ctx.db)
        self.codes = reason_codes_for(ctx.kb, ctx.db)  # in team mode with the centre's codes
        # damaged rows are reported under the table, not shown
        self.model = NotesModel(self.store, self._cells, self._tips, self)
        self.search = QLineEdit(self)
        self.search.setObjectName("historySearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)  # never squeezed to "搜…" by the filters beside it
        self.date_from = _date_edit(self, "")
        self.date_to = _date_edit(self, "")
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
        self.amend_button = QPushButton(self)
        self.amend_button.setObjectName("amendButton")
        self.amend_button.setEnabled(False)
        self.amend_button.clicked.connect(self.amend_selected)

        self.table = read_only_view(self, "historyTable", self.model, 4)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.model.rowsInserted.connect(lambda *_: self._show_count())
        self.table.doubleClicked.connect(lambda _i: self.amend_selected())
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("historyDetail")
        self.detail.hide()  # shown with a selected note: an empty pane would halve the table

        # two rows: the search box gets a whole line, so 1024 px never squeezes it to "搜…"
        filters = QVBoxLayout()
        filters.addWidget(self.search)
        choices = FlowLayout(spacing=6)  # wraps in a narrow window instead of widening it
        for w in (self.date_from, self.date_to, self.code, self.emotion, self.agent, self.repeat):
            if isinstance(w, QComboBox):  # a long reason-code name must not widen the window
                w.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                w.setMinimumContentsLength(6)
            choices.addWidget(w)
        filters.addLayout(choices)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([400, 250])
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
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
        ctx.services.changed.connect(self._changed)  # a note filed or amended, a sync, the KB
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("搜索客户原话、方案、备注、姓名或电话"))
        self.date_from.setSpecialValueText(self.tr("起：不限"))
        self.date_to.setSpecialValueText(self.tr("止：不限"))
        self.amend_button.setText(self.tr("修正…"))
        self.model.set_headers(
            [
                self.tr("时间"),
                self.tr("坐席"),
                self.tr("客户"),
                self.tr("原因代码"),
                self.tr("客户原话"),
                self.tr("情绪"),
                self.tr("重复"),
                self.tr("解决"),
            ]
        )
        for box in (self.code, self.emotion, self.repeat):
            box.blockSignals(True)
        self._fill_choices()
        for box in (self.code, self.emotion, self.repeat):
            box.blockSignals(False)
        self.refresh()

    def _fill_choices(self) -> None:
        """The filter choices (again after a language switch, keeping what was chosen)."""
        chosen = [box.currentIndex() for box in (self.emotion, self.repeat)]
        code = self.code.currentData()  # by number: a new code list (team pull) shifts rows
        self.code.clear()
        self.code.addItem(self.tr("全部代码"), None)
        for c in self.codes:
            self.code.addItem(c.label, c.number)
        self.emotion.clear()
        self.emotion.addItem(self.tr("全部情绪"), "")
        for e in EMOTIONS:
            self.emotion.addItem(emotion_text(e), e)
        self.repeat.clear()
        for label, value in (
            (self.tr("首次+重复"), None),
            (self.tr("仅首次来电"), False),
            (self.tr("仅重复来电"), True),
        ):
            self.repeat.addItem(label, value)
        for box, index in zip((self.emotion, self.repeat), chosen):
            if 0 <= index < box.count():
                box.setCurrentIndex(index)
        self.code.setCurrentIndex(max(self.code.findData(code), 0) if code is not None else 0)
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
        ).with_codes(self.codes)  # code 23 also lists old notes filed under retired 12

    @property
    def notes(self) -> list[Note]:
        return self.model.notes

    @property
    def skipped(self) -> list[SkippedRow]:
        return self.model.skipped

    @property
    def total(self) -> int:
        return self.model.total

    def refresh(self) -> None:
        self._fill_agents()
        self.model.reset(self.current_filter())
        self._show_count()
        self.detail.clear()
        self.detail.hide()
        self.amend_button.setEnabled(False)

    def load_more(self) -> None:
        """The next page now (what scrolling to the end does)."""
        self.model.fetchMore(QModelIndex())

    def _cells(self, n: Note) -> list[str]:
        customer = " ".join(x for x in (n.customer_name, n.customer_phone) if x)
        return [
            fmt_time(n.started_at)[:16],
            n.agent_name or n.agent_no,
            customer,
            " ".join(str(c) for c in n.reason_codes),
            n.reason_text,
            f"{emotion_text(n.emotion_start)}→{emotion_text(n.emotion_end)}",
            self.tr("重复%1次").replace("%1", str(n.previous_calls)) if n.repeat_call else "",
            self.tr("是") if n.resolved else self.tr("否"),
        ]

    def _tips(self, n: Note, column: int) -> str:
        if column == 3:
            return "、".join(self.codes.name(c) for c in n.reason_codes)
        if column == 4 and n.amendments:
            return self.tr("已修正 %1 次").replace("%1", str(n.amendments))
        return ""

    def _show_count(self) -> None:
        text = (
            self.tr("共 %1 条，显示 %2 条")
            .replace("%1", str(self.total))
            .replace("%2", str(len(self.notes)))
        )
        if self.skipped:
            text += self.tr("；%1 条记录已损坏，无法显示").replace("%1", str(len(self.skipped)))
        self.count_label.setText(text)
        self.count_label.setToolTip("\n".join(str(s) for s in self.skipped))

    def selected_note(self) -> Note | None:
        rows = self.table.selectionModel().selectedRows()
        return self.notes[rows[0].row()] if rows else None

    def _selected(self) -> None:
        note = self.selected_note()
        self.amend_button.setEnabled(note is not None)
        self.detail.setHtml(self.describe(note) if note else "")
        self.detail.setVisible(note is not None)

    def describe(self, n: Note) -> str:
        """The note in full, its follow-up and every amendment (old → new, who, when, why)."""
        rows = [
            (field_text("reason_text"), n.reason_text),
            (
                field_text("reason_codes"),
                "、".join(f"{c} {self.codes.name(c)}" for c in n.reason_codes),
            ),
            (self.tr("客户"), " ".join(x for x in (n.customer_name, n.customer_phone) if x)),
            (self.tr("情绪"), f"{emotion_text(n.emotion_start)} → {emotion_text(n.emotion_end)}"),
            (
                field_text("complaint_type"),
                complaint_type_text(n.complaint_type) if n.complaint_type else self.tr("非投诉"),
            ),
            (
                field_text("repeat_call"),
                self.tr("是，之前%1次").replace("%1", str(n.previous_calls))
                if n.repeat_call
                else self.tr("否"),
            ),
            (field_text("other_department"), n.other_department),
            (field_text("stage"), stage_text(n.stage)),
            (field_text("solution"), n.solution),
            (
                field_text("solution_accepted"),
                {None: "", True: self.tr("接受"), False: self.tr("不接受")}[n.solution_accepted],
            ),
            (field_text("resolved"), self.tr("是") if n.resolved else self.tr("否")),
            (field_text("escalated_to"), n.escalated_to),
            (field_text("deadline"), fmt_time(n.deadline)),
            (
                self.tr("价值/烦扰"),
                f"{value_text(n.customer_value) or '—'} / {value_text(n.company_value) or '—'}",
            ),
            (field_text("handling_minutes"), f"{n.handling_minutes:g}"),
            (field_text("related_processes"), " ".join(n.related_processes)),
            (field_text("notes"), n.notes),
            (
                self.tr("保留原措辞"),  # tone findings the agent chose to keep when submitting
                "、".join(f"{k.get('category', '')}“{k.get('text', '')}”" for k in n.tone_kept),
            ),
            (self.tr("坐席"), f"{n.agent_name} {n.agent_no}".strip()),
            (self.tr("时间"), f"{fmt_time(n.started_at)} – {fmt_time(n.ended_at)[11:]}"),
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
                self.tr("已回访：%1（满意度 %2）")
                .replace("%1", followup.outcome)
                .replace("%2", str(followup.satisfaction or "—"))
                if not followup.is_open
                else self.tr("待回访，时限 %1").replace("%1", fmt_time(followup.due_at))
            )
            title = self.tr("回访")
            html.append(f"<p><b>{escape(title)}</b>：{escape(state)}</p>")
        history = AmendmentStore(self.store).history(n.id)
        if history:
            title = self.tr("修正记录")
            html.append(f"<p><b>{escape(title)}</b></p><ul>")
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

    def _changed(self, change: Change) -> None:
        if change.kb:
            self._kb_reloaded()
        if change.sync:  # a team pull may have brought the centre's codes (names, filter)
            self.codes = reason_codes_for(self.ctx.kb, self.ctx.db)
            self.code.blockSignals(True)
            self._fill_choices()
            self.code.blockSignals(False)
        if change.note or change.sync:
            self.refresh()

    def _after_amend(self, note_id: int) -> None:
        self.ctx.services.notify(Change(note=True, note_id=note_id))  # → refresh (here too)
        for row, n in enumerate(self.notes):
            if n.id == note_id:
                self.table.selectRow(row)
        self._selected()

    def _kb_reloaded(self) -> None:
        self.codes = reason_codes_for(self.ctx.kb, self.ctx.db)
        self._fill_choices()
