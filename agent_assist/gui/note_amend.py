"""Correcting a submitted note: the same fields as the form, plus who corrects it and why.

What is saved is an amendment per changed field (old → new, who, when, why) through
``AmendmentStore.amend`` — the note is never silently edited, and the core validates the
corrected note exactly like a new one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.note_draft_io import read_draft, write_draft
from agent_assist.gui.note_fields import NoteFields
from agent_assist.notes import (
    AmendmentNotSaved,
    AmendmentStore,
    Note,
    NoteInvalid,
    NoteStore,
    ReasonCodeBook,
    departments_for,
)


class AmendDialog(QDialog):
    def __init__(
        self, ctx, note: Note, codes: ReasonCodeBook, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("修正小结 #%1").replace("%1", str(note.id)))
        self.ctx = ctx
        self.note = note
        self.codes = codes
        self.amendments: list = []
        self.original = note.to_draft()
        # the KB's departments (with the centre's in team mode), as in the note form
        self.fields = NoteFields(codes, self, departments_for(ctx.kb, ctx.db))
        body = QWidget()
        form = QFormLayout(body)
        form.setRowWrapPolicy(
            QFormLayout.RowWrapPolicy.WrapLongRows
        )  # labels above fields when narrow
        self.fields.build(form)
        titles = {p.id: p.title for p in ctx.kb}
        write_draft(self.fields, self.original, titles, [])
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.reason = QLineEdit(self)
        self.reason.setObjectName("amendReason")
        self.reason.setPlaceholderText(self.tr("为什么修正，如“复听录音后更正情绪”"))
        self.by = QLineEdit(ctx.agent_no or ctx.agent_name, self)
        self.by.setObjectName("amendBy")
        self.by.setPlaceholderText(self.tr("修正人工号"))
        self.message = QLabel(self)
        self.message.setObjectName("amendMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "fieldError")  # coloured by the theme
        self.message.hide()
        meta = QFormLayout()
        meta.addRow(self.tr("修正原因"), self.reason)
        meta.addRow(self.tr("修正人 *"), self.by)

        note_hint = QLabel(self.tr("原记录不会被覆盖：每处修改都会记下原值、修正人和时间。"), self)
        note_hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("保存修正 (Ctrl+Enter)")
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(note_hint)
        layout.addWidget(scroll, 1)
        layout.addLayout(meta)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(640, 540)  # fits a 600 px high screen; the fields scroll

    def changes(self) -> dict:
        """NoteDraft fields whose value differs from the note as it stands."""
        before = self.original.to_dict()
        after = read_draft(self.fields, self.original).to_dict()
        return {
            k: v for k, v in after.items() if v != before[k] and k not in ("draft_id", "updated_at")
        }

    def save(self) -> None:
        changes = self.changes()
        if not changes:
            self.message.setText(self.tr("没有修改任何内容。"))
            self.message.show()
            return
        try:
            self.amendments = AmendmentStore(NoteStore(self.ctx.db)).amend(
                self.note.id,
                changes,
                by=self.by.text(),
                codes=self.codes,
                reason=self.reason.text(),
            )
        except NoteInvalid as exc:
            by_field = {e.field: e.message for e in exc.errors}
            self.fields.show_errors(by_field)
            if "agent_no" in by_field and not self.by.text().strip():
                self.by.setFocus(Qt.FocusReason.OtherFocusReason)
            self.message.setText("；".join(str(e) for e in exc.errors))
            self.message.show()
            return
        except AmendmentNotSaved as exc:  # disk full: the dialog stays open with every change
            self.message.setText(exc.message)
            self.message.show()
            return
        self.accept()
