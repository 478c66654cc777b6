"""Tone help in the note form, on the agent's own wording (解决方案, 备注): underlines, the
findings spelled out under each field, and the one question a submit asks while findings are
still open.

Kept apart from :mod:`note_form` (autosave, submit, call context): the form only asks
``open_findings()`` before it files a note and ``ask_keep_wording()`` when there are some. The
customer's own words (客户原话) are quoted, not our phrasing, so they are never checked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QWidget

from agent_assist.gui.context import AppContext
from agent_assist.gui.text_access import TextAccess
from agent_assist.gui.tone_highlighter import ToneFindingsPanel, check_text_edit


class NoteTone(QObject):
    """The tone check of the note's free-text fields, keyed by field name."""

    def __init__(self, host: QWidget, values: Callable[[], dict[str, str]]) -> None:
        super().__init__(host)
        self.host = host
        self.values = values  # fills a rewrite's placeholders ({称呼} …) from the note
        self.panels: dict[str, ToneFindingsPanel] = {}  # field name → findings panel under it
        self.edits: dict[str, QPlainTextEdit] = {}
        # the question about open findings, while it is asked (tests answer it through this)
        self.box: QMessageBox | None = None

    def watch(self, name: str, edit: QPlainTextEdit, ctx: AppContext) -> None:
        """Underline findings in ``edit`` and list them right under it, in the field's own row."""
        highlighter = check_text_edit(edit, ctx)
        row = edit.parentWidget()
        panel = ToneFindingsPanel(highlighter, edit, self.values, row)
        layout = row.layout() if row is not None else None
        if layout is not None:
            layout.addWidget(panel)
        self.panels[name] = panel
        self.edits[name] = edit

    def open_findings(self) -> list[dict]:
        """Findings still in the agent's own wording, as stored with the note."""
        out = []
        for name, panel in self.panels.items():
            for p in panel.highlighter.findings():
                f = p.finding
                out.append(
                    {"field": name, "text": f.text, "rule_id": f.rule_id, "category": f.category}
                )
        return out

    def ask_keep_wording(self, kept: list[dict]) -> bool:
        """One question for all open findings: True to submit as written."""
        names = {"solution": self.tr("解决方案"), "notes": self.tr("备注")}
        listed = "\n".join(
            f"· {names.get(k['field'], k['field'])}：{k['category']}“{k['text']}”" for k in kept
        )
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("语气提示"), "", parent=self.host)
        box.setText(
            self.tr("还有 %1 处语气提示没有处理：").replace("%1", str(len(kept))) + "\n" + listed
        )
        box.setInformativeText(
            self.tr("可以返回采用改写，也可以按原文提交（会记录您保留了原措辞）。")
        )
        back = box.addButton(self.tr("返回修改"), QMessageBox.ButtonRole.RejectRole)
        keep = box.addButton(self.tr("按原文提交"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(back)
        self.box = box
        try:
            box.exec()
        finally:
            self.box = None
        return box.clickedButton() is keep

    def show_finding(self, kept: dict) -> None:
        """Back to the wording: focus the field and select the flagged words."""
        edit = self.edits[kept["field"]]
        self.host.window().activateWindow()  # the question was a window of its own
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        access = TextAccess(edit)
        at = access.text().find(kept["text"])
        if at >= 0:
            access.select(at, at + len(kept["text"]))
