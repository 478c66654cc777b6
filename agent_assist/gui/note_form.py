"""The complaint / call-listening note form: keyboard-first, crash-safe, pre-filled from the call.

- Tab walks the fields top to bottom; typing numbers in 原因代码 ticks those codes; Ctrl+Enter
  submits; Esc keeps the draft (and closes the window when the form sits in a dialog).
- Autosave: a single-shot timer restarted on every edit saves the draft 1 s after the last
  keystroke (and at least every 1.5 s during non-stop typing), and leaving a field saves at
  once — after a crash at most the last 2 s of typing are lost.
  The next start offers unsubmitted drafts back in a banner (恢复 / 丢弃).
- The call context fills what the agent should not retype: processes opened during the call
  (ticked under 相关流程), guided-script runs (attached as JSON), the agent and 工号, the
  customer's 称呼. After a submit the call is over: ``ctx.new_call()``.

No rules here: the core validates (``NoteStore.submit`` → ``NoteInvalid``) and this widget puts
each message under its field.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from agent_assist.gui.context import AppContext
from agent_assist.gui.live_update import LiveUpdate
from agent_assist.gui.note_draft_banner import DraftBanner
from agent_assist.gui.note_draft_io import read_draft, write_draft
from agent_assist.gui.note_fields import NoteFields
from agent_assist.gui.note_placeholders import fill_placeholders, placeholder_values
from agent_assist.gui.note_script_runs import ScriptRunsLabel
from agent_assist.gui.note_summary import ErrorSummary
from agent_assist.gui.note_tone import NoteTone
from agent_assist.gui.phrase_picker import attach_phrase_picker
from agent_assist.gui.services import Change
from agent_assist.notes import (
    DraftNotSaved,
    DraftStore,
    NoteDraft,
    NoteInvalid,
    NoteNotSaved,
    NoteStore,
    departments_for,
    fmt_time,
    parse_time,
    pin_deadline,
    reason_codes_for,
    validate_draft,
)

AUTOSAVE_MS = 1000  # save this long after the last keystroke …
MAX_UNSAVED_S = 1.5  # … and never let continuous typing stay unsaved longer than this


class NoteForm(LiveUpdate, QWidget):
    draftSaved = Signal(str)  # draft id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteForm")
        self.ctx = ctx
        self.codes = reason_codes_for(ctx.kb, ctx.db)  # in team mode with the centre's codes
        self.store = NoteStore(ctx.db)
        self.drafts = DraftStore(ctx.db)
        self.draft = NoteDraft()
        self._dirty = False
        self._dirty_since: float | None = None  # when the oldest unsaved edit happened
        self._clock = time.monotonic  # replaceable in tests
        self._checking = False  # after a failed submit, re-check as the agent fixes fields
        self.fields = NoteFields(self.codes, self, departments_for(ctx.kb, ctx.db))
        self._build()
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_draft)
        self.fields.changed.connect(self._edited)
        self.fields.deadline.editingFinished.connect(self._pin_deadline)
        self.fields.customer_name.textChanged.connect(self._customer_named)
        for edit in (self.fields.customer_name, self.fields.agent_no):
            edit.editingFinished.connect(self.fill_placeholders)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        ctx.services.changed.connect(self._context_changed)  # a new call, another agent, the KB
        ctx.processOpened.connect(self._process_opened)
        ctx.scriptRunFinished.connect(self._script_finished)
        ctx.scriptRunDiscarded.connect(self._script_discarded)
        self._attach_helpers()
        self.start_new()
        self.banner.offer(self.draft.draft_id)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = DraftBanner(self.drafts, self)
        self.banner.restoreRequested.connect(self.restore_offered)

        self.summary = ErrorSummary(self)

        body = QWidget()
        form = QFormLayout(body)
        form.setRowWrapPolicy(
            QFormLayout.RowWrapPolicy.WrapLongRows
        )  # labels above fields when narrow
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields.build(form)
        self.scripts_label = ScriptRunsLabel(body)
        self.scripts_title = QLabel(body)
        form.addRow(self.scripts_title, self.scripts_label)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.status = QLabel(self)
        self.status.setObjectName("noteStatus")
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("submitNote")
        self.submit_button.setDefault(False)
        self.submit_button.clicked.connect(self.submit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.submit)
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.dismiss)
        self.retranslate()

    def retranslate(self) -> None:
        self.scripts_title.setText(self.tr("引导脚本"))
        self.submit_button.setText(self.tr("提交小结 (Ctrl+Enter)"))
        self.fields.retranslate()

    def refont(self) -> None:
        self.fields.refont()

    def _attach_helpers(self) -> None:
        """Phrase picker ("/" + abbreviation) on the free-text fields; the tone check on the
        agent's own wording (解决方案, 备注) — the customer's words are quoted, not ours."""
        self.tone = NoteTone(self, self.placeholder_values)
        for name in ("reason_text", "solution", "notes"):
            edit = getattr(self.fields, name)
            attach_phrase_picker(edit, self.ctx, self.placeholder_values)
            if name != "reason_text":
                self.tone.watch(name, edit, self.ctx)

    # -- the draft ----------------------------------------------------------------------------

    def start_new(self) -> None:
        """An empty form for the current call, pre-filled from the context."""
        call = self.ctx.call
        self.draft = NoteDraft(
            started_at=fmt_time(call.started_at),
            agent_name=self.ctx.agent_name,
            agent_no=self.ctx.agent_no,
            customer_name=call.customer_title,
            related_processes=list(call.viewed),
            script_runs=[dict(r) for r in call.script_runs],
        )
        self._show(self.draft)
        self._checking = False
        self.fields.show_errors({})
        self.summary.hide()

    def _show(self, draft: NoteDraft) -> None:
        self.draft = draft
        titles = {p.id: p.title for p in self.ctx.kb}
        offered = [p for p in self.ctx.call.viewed if p not in draft.related_processes]
        write_draft(self.fields, draft, titles, offered)
        self._show_scripts()
        self._dirty = False

    def current_draft(self) -> NoteDraft:
        self.draft = read_draft(self.fields, self.draft)
        return self.draft

    def save_draft(self) -> None:
        """Autosave (also on focus change and Esc). Fast: one small atomic write."""
        self.autosave.stop()
        if not self._dirty:
            return
        draft = self.current_draft()
        if not self._save_or_say(draft):
            return  # still dirty: the next edit or focus change tries again
        self._dirty = False
        self._dirty_since = None
        if not draft.is_blank():
            self.status.setText(self.tr("草稿已自动保存 %1").replace("%1", draft.updated_at[11:]))
            self.draftSaved.emit(draft.draft_id)

    def _save_or_say(self, draft: NoteDraft) -> bool:
        """Save ``draft``; on a full disk (or any storage failure) say so and keep the text."""
        try:
            self.drafts.save(draft)
        except DraftNotSaved as exc:
            self.status.setText(
                self.tr("草稿暂时无法保存（%1），内容仍在表单里。").replace("%1", exc.reason)
            )
            return False
        return True

    def _edited(self) -> None:
        self._dirty = True
        now = self._clock()
        if self._dirty_since is None:
            self._dirty_since = now
        if now - self._dirty_since >= MAX_UNSAVED_S:
            self.save_draft()  # typing without a pause: don't wait for one
        else:
            self.autosave.start()  # restarts: saves 1 s after the last keystroke
        if self._checking:
            self._recheck()

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self._dirty and old is not None and self.isAncestorOf(old):
            self.save_draft()

    def _pin_deadline(self) -> None:
        """ "24h" / "明天下午" becomes the actual time once the agent leaves the field (the core's
        ``pin_deadline`` decides what it means), so the agent sees what was promised and a draft
        restored tomorrow still means the same moment."""
        try:
            started = parse_time(self.draft.started_at)
        except ValueError:  # a damaged restored draft: validation names the field
            return
        pinned = pin_deadline(self.fields.deadline.text(), started or self.ctx.call.started_at)
        if pinned is not None:
            self.fields.deadline.setText(pinned)
            self._edited()
        self.fill_placeholders()

    def placeholder_values(self) -> dict[str, str]:
        """What this note already says, for a phrase's placeholders ({称呼} {工号} {时限})."""
        return placeholder_values(self.fields, self.draft.started_at, self.ctx)

    def fill_placeholders(self) -> int:
        """Fill the placeholders already in the free text that the note now knows."""
        return fill_placeholders(self.fields, self.placeholder_values())

    def _customer_named(self, text: str) -> None:
        # the script panel's draft fills {称呼} from the call too
        self.ctx.call.customer_title = text.strip()

    def _recheck(self) -> None:
        result = validate_draft(self.current_draft(), self.codes)
        self.fields.show_errors(result.by_field())
        self.summary.show_errors(result.errors)

    # -- submit / dismiss -------------------------------------------------------------------

    def submit(self) -> int | None:
        """Validate and file the note; on errors show each under its field and focus the first.

        A valid note with tone findings still open in the agent's wording asks once: go back to
        the wording, or submit as written — which records the findings kept with the note."""
        draft = self.current_draft()
        draft.tone_kept = []
        if validate_draft(draft, self.codes).ok:
            kept = self.tone.open_findings()
            if kept:
                if not self.tone.ask_keep_wording(kept):
                    self.tone.show_finding(kept[0])
                    return None
                draft.tone_kept = kept
        try:
            note = self.store.submit(draft, self.codes)
        except NoteInvalid as exc:
            self._checking = True
            by_field = {e.field: e.message for e in exc.errors}
            self.fields.show_errors(by_field)
            self.summary.show_errors(exc.errors)
            self.fields.focus_first_error(list(by_field), draft)
            self._save_or_say(draft)  # nothing typed is lost while the agent fixes it
            return None
        except NoteNotSaved as exc:
            # disk full / I/O error: nothing was filed; the form keeps every field for a retry
            self._dirty = True
            self._save_or_say(draft)
            self.summary.say(
                self.tr("小结还没有保存：%1。内容仍在表单里，请稍后再点提交。").replace(
                    "%1", exc.reason
                )
            )
            self.status.setText(self.tr("提交失败，小结未保存"))
            return None
        self.autosave.stop()
        self._dirty = False
        self.ctx.services.notify(Change(note=True, followup=True, note_id=note.id))
        self.ctx.new_call()  # → Change(call=True) → a fresh form
        self.status.setText(self.tr("已提交小结 #%1").replace("%1", str(note.id)))
        return note.id

    def dismiss(self) -> None:
        """Esc: keep the draft; close the surrounding dialog if there is one."""
        self._dirty = True
        self.save_draft()
        window = self.window()
        if isinstance(window, QDialog):
            window.reject()

    # -- drafts left from before --------------------------------------------------------------

    def restore_offered(self) -> None:
        """Take the draft the banner offers; the form's own work becomes a pending draft."""
        offered = self.banner.offered
        if offered is None:
            return
        current = self.current_draft()
        if not current.is_blank():
            if not self._save_or_say(current):  # the form's own work becomes a pending draft
                return  # … and if it cannot be stored now, the form keeps it on screen
        else:
            self.drafts.discard(current.draft_id)
        self._show(offered)
        self.fields.reason_text.setFocus(Qt.FocusReason.OtherFocusReason)
        self.banner.offer(self.draft.draft_id)

    # -- call context -------------------------------------------------------------------------

    def _call_started(self) -> None:
        if self._dirty:
            self.save_draft()  # an unfinished note of the previous call stays as a pending draft
        self.start_new()
        self.banner.offer(self.draft.draft_id)

    def _process_opened(self, pid: str, _query: str) -> None:
        process = self.ctx.kb.get(pid)
        self.fields.add_process(pid, process.title if process else "", True)

    def _script_finished(self, run: dict) -> None:
        kind = run.get("complaint_type") or ""
        box = self.fields.complaint_type
        if kind and not box.currentData():  # the script's 事务型/态度型/意见型 step, unless set
            box.setCurrentIndex(max(0, box.findData(kind)))
        if run not in self.draft.script_runs:
            self.draft.script_runs.append(dict(run))
            self._show_scripts()
            self._edited()

    def _script_discarded(self, run: dict) -> None:
        if run in self.draft.script_runs:
            self.draft.script_runs.remove(run)
            self._show_scripts()
            self._edited()

    def _show_scripts(self) -> None:
        self.scripts_label.show_runs(self.draft.script_runs)

    def _agent_changed(self) -> None:
        if not self.fields.agent_name.text().strip():
            self.fields.agent_name.setText(self.ctx.agent_name)
        if not self.fields.agent_no.text().strip():
            self.fields.agent_no.setText(self.ctx.agent_no)

    def _context_changed(self, change: Change) -> None:
        if change.call:
            self._call_started()
        if change.agent:
            self._agent_changed()
        # KB switched, or a team pull may have brought the centre's codes and departments
        if change.kb or change.sync:
            self._reload_lists()

    def _reload_lists(self) -> None:
        """Reason codes and departments again (KB switched, or a team pull): the KB's, with the
        centre's laid over them in team mode. What the agent typed stays and is re-checked."""
        self.codes = reason_codes_for(self.ctx.kb, self.ctx.db)
        self.fields.reason_codes.set_codes(self.codes)
        self.fields.set_departments(departments_for(self.ctx.kb, self.ctx.db))
        if self._checking:
            self._recheck()

    def event(self, e) -> bool:
        if e.type() == QEvent.Type.Hide and self._dirty:
            self.save_draft()
        return super().event(e)
