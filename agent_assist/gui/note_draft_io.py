"""A note draft into the form's fields and back: ``read_draft`` takes every field into a copy
of the draft, ``write_draft`` shows a draft (a new one, a restored one, a note to amend).

Kept apart from :mod:`note_fields` (building the fields): this is the one place that knows how
each ``NoteDraft`` attribute sits in its widget, e.g. 结果 as an index of (None, True, False).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from agent_assist.gui.note_fields import NoteFields
from agent_assist.notes import NoteDraft


def read_draft(fields: NoteFields, draft: NoteDraft) -> NoteDraft:
    """A copy of ``draft`` with every field taken from the widgets."""
    related = []
    for row in range(fields.related_processes.count()):
        item = fields.related_processes.item(row)
        if item.checkState() == Qt.CheckState.Checked:
            related.append(item.data(Qt.ItemDataRole.UserRole))
    return NoteDraft.from_dict(
        {
            **draft.to_dict(),
            "agent_name": fields.agent_name.text(),
            "agent_no": fields.agent_no.text(),
            "customer_name": fields.customer_name.text(),
            "customer_phone": fields.customer_phone.text(),
            "reason_text": fields.reason_text.toPlainText(),
            "reason_codes": fields.reason_codes.text(),
            "related_processes": related,
            "complaint_type": fields.complaint_type.currentData() or "",
            "emotion_start": fields.emotion_start.currentData() or "",
            "emotion_end": fields.emotion_end.currentData() or "",
            "repeat_call": fields.repeat_call.isChecked(),
            "previous_calls": fields.previous_calls.value(),
            "other_department_caused": fields.other_department_caused.isChecked(),
            "other_department": fields.other_department.text(),
            "stage": fields.stage.currentData() or "",
            "solution": fields.solution.toPlainText(),
            "solution_accepted": fields.solution_accepted.currentData(),
            "resolved": fields.resolved.isChecked(),
            "escalated": fields.escalated.isChecked(),
            "escalated_to": fields.escalated_to.text(),
            "deadline": fields.deadline.text(),
            "customer_value": fields.customer_value.currentData() or "",
            "company_value": fields.company_value.currentData() or "",
            "handling_minutes": fields.handling_minutes.text(),
            "notes": fields.notes.toPlainText(),
        }
    )


def write_draft(
    fields: NoteFields, draft: NoteDraft, titles: dict[str, str], offered: list[str]
) -> None:
    """Show ``draft``; ``offered`` are process ids to list (ticked if in the draft)."""
    was = fields.blockSignals(True)  # writing a draft is not an edit: no ``changed``
    try:
        fields.agent_name.setText(draft.agent_name)
        fields.agent_no.setText(draft.agent_no)
        fields.customer_name.setText(draft.customer_name)
        fields.customer_phone.setText(draft.customer_phone)
        fields.reason_text.setPlainText(draft.reason_text)
        fields.reason_codes.set_text(draft.reason_codes)
        for name in (
            "complaint_type",
            "emotion_start",
            "emotion_end",
            "stage",
            "customer_value",
            "company_value",
        ):
            box: QComboBox = getattr(fields, name)
            box.setCurrentIndex(max(box.findData(getattr(draft, name)), 0))
        fields.repeat_call.setChecked(draft.repeat_call)
        fields.previous_calls.setValue(int(draft.previous_calls or 0))
        fields.other_department_caused.setChecked(draft.other_department_caused)
        fields.other_department.setText(draft.other_department)
        fields.solution.setPlainText(draft.solution)
        index = {None: 0, True: 1, False: 2}.get(draft.solution_accepted, 0)
        fields.solution_accepted.setCurrentIndex(index)
        fields.resolved.setChecked(draft.resolved)
        fields.escalated.setChecked(draft.escalated)
        fields.escalated_to.setText(draft.escalated_to)
        fields.deadline.setText(draft.deadline)
        fields.handling_minutes.setText(draft.handling_minutes)
        fields.notes.setPlainText(draft.notes)
        fields.related_processes.clear()
        for pid in dict.fromkeys(list(offered) + list(draft.related_processes)):
            fields.add_process(pid, titles.get(pid, ""), pid in draft.related_processes)
    finally:
        fields.blockSignals(was)
