"""The note form's fields: building them in Tab order, their texts in the UI language, and a
per-field error under each one. How a draft goes into them and back is :mod:`note_draft_io`;
how one input is made is :mod:`note_inputs`.

Kept apart from :mod:`note_form` (autosave, submit, call context) so each stays small. Every
field is keyed by its ``NoteDraft`` attribute name, which is also what core validation reports,
so an error lands under the right widget without any mapping table.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.labels import complaint_type_text, emotion_text, stage_text, value_text
from agent_assist.gui.note_inputs import (
    choice_box,
    completer_for,
    fit_lines,
    label_items,
    narrow,
    text_box,
)
from agent_assist.gui.reason_code_picker import ReasonCodePicker
from agent_assist.gui.text_access import TextAccess
from agent_assist.notes import (
    COMPLAINT_TYPES,
    EMOTIONS,
    STAGES,
    VALUE_CHOICES,
    Departments,
    NoteDraft,
    ReasonCodeBook,
    departments_for,
    match_name,
    unfilled_placeholder,
)


class NoteFields(QObject):
    """All widgets of the form, keyed by ``NoteDraft`` attribute name."""

    changed = Signal()

    def __init__(
        self, codes: ReasonCodeBook, host: QWidget, departments: Departments | None = None
    ) -> None:
        super().__init__(host)
        h = host
        self.departments = departments or departments_for(None)
        self.reason_text = text_box(h, 3)
        self.reason_codes = ReasonCodePicker(codes, h)
        self.customer_name = QLineEdit(h)
        self.customer_phone = QLineEdit(h)
        self.emotion_start = choice_box(h, EMOTIONS)
        self.emotion_end = choice_box(h, EMOTIONS)
        self.complaint_type = choice_box(h, COMPLAINT_TYPES)
        self.repeat_call = QCheckBox(h)
        self.previous_calls = QSpinBox(h)
        self.previous_calls.setRange(0, 99)
        self.other_department_caused = QCheckBox(h)
        self.other_department = QLineEdit(h)
        self.other_department.setCompleter(completer_for(self.departments.departments, h))
        self.other_department.editingFinished.connect(self._match_department)
        self.stage = choice_box(h, STAGES)
        self.solution = text_box(h, 2)
        self.solution_accepted = QComboBox(h)
        narrow(self.solution_accepted)
        for value in (None, True, False):
            self.solution_accepted.addItem("", value)
        self.resolved = QCheckBox(h)
        self.escalated = QCheckBox(h)
        self.escalated_to = QLineEdit(h)
        self.escalated_to.setCompleter(completer_for(self.departments.escalate_to, h))
        self.escalated_to.editingFinished.connect(self._match_escalation)
        self.deadline = QLineEdit(h)
        self.customer_value = choice_box(h, VALUE_CHOICES)
        self.company_value = choice_box(h, VALUE_CHOICES)
        self.handling_minutes = QLineEdit(h)
        self.related_processes = QListWidget(h)
        self.related_processes.setMaximumHeight(90)
        self.agent_name = QLineEdit(h)
        self.agent_no = QLineEdit(h)
        self.notes = text_box(h, 3)
        self.previous_calls.setEnabled(False)
        self.other_department.setEnabled(False)
        self.escalated_to.setEnabled(False)
        self.repeat_call.toggled.connect(self._repeat_toggled)
        self.other_department_caused.toggled.connect(self.other_department.setEnabled)
        self.escalated.toggled.connect(self.escalated_to.setEnabled)
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        for name, widget in self.widgets().items():
            widget.setObjectName(f"note_{name}")
            self._notify(widget)
        self.retranslate()

    def retranslate(self) -> None:
        """Every label, placeholder and choice in the current UI language (values unchanged)."""
        self.reason_text.setPlaceholderText(
            self.tr("客户原话：具体发生了什么，如“充了100元两小时还没到账”")
        )
        self.customer_name.setPlaceholderText(self.tr("如 王先生"))
        self.customer_phone.setPlaceholderText(self.tr("电话：手机或带区号的固话"))
        label_items(self.emotion_start, self.tr("开始时…"), emotion_text)
        label_items(self.emotion_end, self.tr("结束时…"), emotion_text)
        label_items(self.complaint_type, self.tr("非投诉"), complaint_type_text)
        self.repeat_call.setText(self.tr("重复来电"))
        self.previous_calls.setSuffix(self.tr(" 次"))
        self.other_department_caused.setText(self.tr("其他部门导致"))
        self.other_department.setPlaceholderText(self.tr("哪个部门，如 营业厅"))
        label_items(self.stage, self.tr("处理到…"), stage_text)
        self.solution.setPlaceholderText(self.tr("给客户的具体方案：做什么、多久"))
        for i, text in enumerate(
            (self.tr("未提出方案"), self.tr("客户接受"), self.tr("客户不接受"))
        ):
            self.solution_accepted.setItemText(i, text)
        self.resolved.setText(self.tr("本次已解决"))
        self.escalated.setText(self.tr("升级/转接"))
        self.escalated_to.setPlaceholderText(self.tr("转给谁，如 值班长"))
        self.deadline.setPlaceholderText(
            self.tr("承诺回复时限：24小时内、3个工作日、明天下午 或 2026-11-25 18:00")
        )
        label_items(self.customer_value, self.tr("对客户：未评估"), value_text)
        label_items(self.company_value, self.tr("对公司：未评估"), value_text)
        self.handling_minutes.setPlaceholderText(self.tr("留空按通话时间自动计算"))
        self.agent_name.setPlaceholderText(self.tr("坐席姓名"))
        self.agent_no.setPlaceholderText(self.tr("工号"))
        self.notes.setPlaceholderText(self.tr("备注：补充信息，可用 / 调出常用语"))
        titles = {
            "reason_text": self.tr("客户原话 *"),
            "reason_codes": self.tr("原因代码 *"),
            "customer_name": self.tr("客户 / 电话"),
            "emotion_start": self.tr("情绪 *"),
            "complaint_type": self.tr("投诉类型"),
            "repeat_call": self.tr("来电"),
            "other_department_caused": self.tr("责任"),
            "stage": self.tr("处理阶段 *"),
            "solution": self.tr("解决方案"),
            "solution_accepted": self.tr("结果"),
            "escalated": self.tr("升级"),
            "deadline": self.tr("回复时限"),
            "customer_value": self.tr("价值/烦扰"),
            "handling_minutes": self.tr("处理时长"),
            "related_processes": self.tr("相关流程"),
            "notes": self.tr("备注"),
            "agent_name": self.tr("坐席 *"),
        }
        for name, label in self.labels.items():
            label.setText(titles.get(name, name))
        retranslate = getattr(self.reason_codes, "retranslate", None)
        if callable(retranslate):
            retranslate()

    def refont(self) -> None:
        """The host's font changed (Settings → 字号): the text boxes keep their line counts."""
        host = self.parent()
        font = host.font() if isinstance(host, QWidget) else None
        for edit in (self.reason_text, self.solution, self.notes):
            fit_lines(edit, font)

    def set_departments(self, departments: Departments) -> None:
        """New lists (KB switched, or a team pull brought the centre's): the completers offer
        them and typed names match against them; what is already typed stays."""
        self.departments = departments
        for edit, names in (
            (self.other_department, departments.departments),
            (self.escalated_to, departments.escalate_to),
        ):
            completer = edit.completer()
            model = completer.model() if completer is not None else None
            if isinstance(model, QStringListModel):
                model.setStringList(list(names))
            else:
                edit.setCompleter(completer_for(names, edit))

    def _match_department(self) -> None:
        typed = self.other_department.text()
        matched = match_name(typed, self.departments.departments)
        if matched != typed:
            self.other_department.setText(matched)
            self.changed.emit()

    def _match_escalation(self) -> None:
        typed = self.escalated_to.text()
        matched = match_name(typed, self.departments.escalate_to)
        if matched != typed:
            self.escalated_to.setText(matched)
            self.changed.emit()

    def widgets(self) -> dict[str, QWidget]:
        """Field name → widget, in Tab order."""
        names = (
            "reason_text",
            "reason_codes",
            "customer_name",
            "customer_phone",
            "emotion_start",
            "emotion_end",
            "complaint_type",
            "repeat_call",
            "previous_calls",
            "other_department_caused",
            "other_department",
            "stage",
            "solution",
            "solution_accepted",
            "resolved",
            "escalated",
            "escalated_to",
            "deadline",
            "customer_value",
            "company_value",
            "handling_minutes",
            "related_processes",
            "notes",
            "agent_name",
            "agent_no",
        )
        return {n: getattr(self, n) for n in names}

    def focus_widget(self, name: str) -> QWidget:
        widget = self.widgets().get(name, self.reason_text)
        return widget.edit if isinstance(widget, ReasonCodePicker) else widget

    def _notify(self, w: QWidget) -> None:
        if isinstance(w, QPlainTextEdit):
            w.textChanged.connect(self.changed)
        elif isinstance(w, QLineEdit):
            w.textEdited.connect(self.changed)
        elif isinstance(w, ReasonCodePicker):
            w.changed.connect(self.changed)
        elif isinstance(w, QComboBox):
            w.currentIndexChanged.connect(self.changed)
        elif isinstance(w, QCheckBox):
            w.toggled.connect(self.changed)
        elif isinstance(w, QSpinBox):
            w.valueChanged.connect(self.changed)
        elif isinstance(w, QListWidget):
            w.itemChanged.connect(self.changed)

    def _repeat_toggled(self, on: bool) -> None:
        self.previous_calls.setEnabled(on)
        if on and self.previous_calls.value() == 0:
            self.previous_calls.setValue(1)
        elif not on:
            self.previous_calls.setValue(0)

    # -- layout -------------------------------------------------------------------------------

    def build(self, form: QFormLayout) -> None:
        """Rows in Tab order, each with its (hidden) error label underneath."""

        def row(*names: str) -> None:
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(2)
            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            for n in names:
                line.addWidget(
                    getattr(self, n), 1 if not isinstance(getattr(self, n), QCheckBox) else 0
                )
            v.addLayout(line)
            for n in names:
                err = QLabel(box)
                err.setObjectName(f"error_{n}")
                err.setProperty("role", "fieldError")
                err.setWordWrap(True)
                err.hide()
                self.errors[n] = err
                v.addWidget(err)
            label = QLabel(box)
            label.setObjectName(f"label_{names[0]}")
            self.labels[names[0]] = label
            form.addRow(label, box)

        row("reason_text")
        row("reason_codes")
        row("customer_name", "customer_phone")
        row("emotion_start", "emotion_end")
        row("complaint_type")
        row("repeat_call", "previous_calls")
        row("other_department_caused", "other_department")
        row("stage")
        row("solution")
        row("solution_accepted", "resolved")
        row("escalated", "escalated_to")
        row("deadline")
        row("customer_value", "company_value")
        row("handling_minutes")
        row("related_processes")
        row("notes")
        row("agent_name", "agent_no")
        self.retranslate()
        order = [self.focus_widget(n) for n in self.widgets()]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)

    def add_process(self, pid: str, title: str, checked: bool = True) -> None:
        for row in range(self.related_processes.count()):
            if self.related_processes.item(row).data(Qt.ItemDataRole.UserRole) == pid:
                return
        item = QListWidgetItem(f"{title}  ({pid})" if title else pid)
        item.setData(Qt.ItemDataRole.UserRole, pid)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.related_processes.addItem(item)

    # -- errors ---------------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        """Message under each invalid field, red frame on it; clears fields that are fine now."""
        for name, label in self.errors.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            widget = self.focus_widget(name)
            widget.setProperty("invalid", bool(message))
            widget.setToolTip(message)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def focus_first_error(self, names: list[str], draft: NoteDraft) -> None:
        """Focus the first invalid field on screen (not the first in ``names``); a phrase's
        placeholder left unfilled there is selected, so the agent just types the value."""
        order = [n for n in self.widgets() if n in names]
        first = order[0] if order else names[0]
        widget = self.focus_widget(first)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        hole = unfilled_placeholder(getattr(draft, first, "") if first else "")
        if hole is not None and isinstance(widget, QPlainTextEdit):
            TextAccess(widget).select(hole.start(), hole.end())
