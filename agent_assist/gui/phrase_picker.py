"""Shortcut phrases in any text field: "/" + abbreviation (or Ctrl+Space) opens the picker.

Enter inserts the filled phrase at the cursor — it never replaces the draft, only the "/abbr" the
agent typed to call it. Then Tab walks the placeholders (pre-filled from the call: 工号, 称呼,
时限) so each can be checked or typed over; Shift+Tab goes back, Esc stops. A placeholder the app
cannot fill stays as ``{名称}``, and Tab keeps finding those anywhere in the field (also after the
walk, or in a restored draft) until none is left — only then does Tab move on to the next field. Several phrases stack in one
text. Ctrl+Shift+C (or the 复制 button) puts the filled text on the clipboard for the CRM. The
preview is editable (Ctrl+E or click) because a phrase is a starting point — don't be a robot.

Usage::

    picker = attach_phrase_picker(note_edit, ctx)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QToolTip, QWidget

from agent_assist.gui.phrase_popup import PhrasePopup
from agent_assist.gui.phrase_slots import Slot, SlotTrail
from agent_assist.gui.text_access import TextAccess, text_diff
from agent_assist.phrases import Match, Phrase, PhraseLibrary, context_values, fill, placeholders_in

SLASHES = ("/", "／")


def fill_values(ctx) -> dict[str, str]:
    """What the call context fills: 工号 (the agent's number), 称呼 (the customer as the note
    form's customer field names them), 坐席姓名, 日期."""
    call = getattr(ctx, "call", None)
    return context_values(
        agent_no=getattr(ctx, "agent_no", "") or "",
        customer_title=getattr(call, "customer_title", "") or "",
        agent_name=getattr(ctx, "agent_name", "") or "",
    )


class PhrasePicker(QObject):
    copied = Signal(str, str)  # phrase id, copied text

    def __init__(
        self, widget: QWidget, ctx, values: Callable[[], dict[str, str]] | None = None
    ) -> None:
        super().__init__(widget)
        self.ctx = ctx
        self.values = values  # the note form passes its own fields (name, 工号, deadline)
        self.access = TextAccess(widget)
        self.widget = widget
        self.popup = PhrasePopup(widget.window() if widget.window() is not widget else None)
        self.popup.hide()
        self.trail = SlotTrail()  # the inserted phrases' placeholders Tab walks
        self._slash = -1  # index of the "/" that opened the popup ("/" mode), else -1
        self._text = self.access.text()
        self._applying = False
        widget.installEventFilter(self)
        self.access.text_changed_signal().connect(self._text_changed)
        self.popup.queryEdited.connect(self._search)
        self.popup.currentChanged.connect(self._show_preview)
        self.popup.insertRequested.connect(self.accept)
        self.popup.copyRequested.connect(self.copy_current)
        self.popup.closed.connect(self.close_popup)
        ctx.services.phrase_library()  # starts the index build now (on the pool), not on the first "/"

    @property
    def library(self) -> PhraseLibrary:
        return self.ctx.services.phrase_library()

    @property
    def is_open(self) -> bool:
        return self.popup.isVisible()

    # opening and searching ------------------------------------------------------------------
    def open_popup(self, query: str = "", search_field: bool = True) -> None:
        """Ctrl+Space: search in the popup's own field; the draft is not touched."""
        self._slash = -1 if search_field else self._slash
        self.popup.set_search_mode(search_field)
        self.popup.query.setText(query)
        self._search(query)
        self._place()
        self.popup.show()  # a Tool window stays above its parent window; no raise_() needed
        if search_field:
            self.popup.activateWindow()
            self.popup.query.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _open_slash(self, slash: int) -> None:
        self._slash = slash
        self.open_popup("", search_field=False)

    def _search(self, query: str) -> None:
        self.popup.set_matches(self.library.search(query, limit=30))

    def _place(self) -> None:
        rect = self.access.cursor_rect()
        pos = self.widget.mapToGlobal(QPoint(rect.left(), rect.bottom() + 4))
        screen = QGuiApplication.screenAt(pos) or QGuiApplication.primaryScreen()
        if screen is not None:
            avail = screen.availableGeometry()
            if pos.y() + self.popup.height() > avail.bottom():
                pos.setY(self.widget.mapToGlobal(rect.topLeft()).y() - self.popup.height() - 4)
            pos.setX(max(avail.left(), min(pos.x(), avail.right() - self.popup.width())))
        self.popup.move(pos)

    def close_popup(self) -> None:
        was_search = self.popup.query.isVisible()
        self.popup.hide()
        self._slash = -1
        if was_search:
            self.widget.activateWindow()
            self.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # preview, insert, copy ------------------------------------------------------------------
    def _show_preview(self, match: Match | None) -> None:
        if match is None:
            self.popup.set_preview("")
            return
        self.popup.set_preview(self.filled(match.phrase).text)

    def filled(self, phrase: Phrase):
        values = self.values() if self.values is not None else fill_values(self.ctx)
        return fill(phrase.text, values, dict(phrase.hints))

    def accept(self) -> None:
        """Insert the current match (as edited in the preview, if it was)."""
        match = self.popup.current()
        if match is None:
            return
        if self.popup.edited:
            text = self.popup.preview_text()
            slots = [
                Slot(m.group(1), m.start(), m.end(), filled=False) for m in _placeholder_iter(text)
            ]
        else:
            result = self.filled(match.phrase)
            text, slots = (
                result.text,
                [Slot(s.name, s.start, s.end, s.hint, s.filled) for s in result.slots],
            )
        self._insert(match.phrase.id, text, slots)

    def insert_phrase(self, phrase: Phrase | str) -> str:
        """Insert a phrase at the cursor without the popup (the script panel's suggestion buttons)."""
        if isinstance(phrase, str):
            found = self.library.get(phrase)
            if found is None:
                raise KeyError(phrase)
            phrase = found
        result = self.filled(phrase)
        self._insert(
            phrase.id,
            result.text,
            [Slot(s.name, s.start, s.end, s.hint, s.filled) for s in result.slots],
        )
        return result.text

    def _insert(self, pid: str, text: str, slots: list[Slot]) -> None:
        if self._slash >= 0:  # replace only the "/abbr" the agent typed
            start, end = self._slash, self.access.cursor()
        else:
            start = end = (
                self.access.selection()[1] if self.access.has_selection() else self.access.cursor()
            )
        self.popup.hide()
        self._slash = -1
        self.widget.activateWindow()
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._applying = True
        self.access.replace(start, end, text)
        self._applying = False
        self.trail.shift(start, end - start, len(text))
        self._text = self.access.text()
        new = [Slot(s.name, s.start + start, s.end + start, s.hint, s.filled) for s in slots]
        self.library.record_use(pid)
        if self.trail.add(new) is not None:  # the first one to type, else the first to check
            self._select_slot()
        else:
            self.access.set_cursor(start + len(text))

    def copy_current(self) -> str:
        match = self.popup.current()
        if match is None:
            return ""
        text = self.popup.preview_text() if self.popup.edited else self.filled(match.phrase).text
        QGuiApplication.clipboard().setText(text)
        self.library.record_use(match.phrase.id)
        if self._slash >= 0:  # the "/abbr" was only a command: take it out of the draft
            self._applying = True
            self.access.replace(self._slash, self.access.cursor(), "")
            self._applying = False
            self._text = self.access.text()
        self.close_popup()
        self.copied.emit(match.phrase.id, text)
        return text

    # placeholder slots ----------------------------------------------------------------------
    @property
    def slots(self) -> list[Slot]:
        return self.trail.slots

    @property
    def slot_index(self) -> int:
        return self.trail.index

    def next_slot(self, step: int = 1) -> bool:
        """Select the next (or previous) placeholder; False when there is none left to walk."""
        if not self.trail:
            return False
        end = self.trail.end()
        if self.trail.step(step) is None:  # walked off the slots: the cursor after the last
            self.access.set_cursor(min(end, len(self.access.text())))
            return False
        self._select_slot()
        return True

    def stop_slots(self) -> None:
        self.trail.stop()

    def next_unfilled(self) -> bool:
        """Select the next ``{名称}`` still in the text after the cursor (wrapping round); False
        when the field has none (Tab then moves on as usual)."""
        text = self.access.text()
        holes = list(_placeholder_iter(text))
        if not holes:
            return False
        cursor = self.access.selection()[1] if self.access.has_selection() else self.access.cursor()
        after = [m for m in holes if m.start() >= cursor]
        hole = (after or holes)[0]
        self.access.select(hole.start(), hole.end())
        return True

    def _select_slot(self) -> None:
        slot = self.trail.current()
        if slot is None:
            return
        self.access.select(slot.start, slot.end)
        if slot.hint:  # a suggestion only: the agent types the real value
            rect = self.access.cursor_rect()
            QToolTip.showText(
                self.widget.mapToGlobal(QPoint(rect.left(), rect.bottom() + 4)),
                self.tr("例如：{0}").format(slot.hint),
                self.widget,
            )

    # events -------------------------------------------------------------------------------
    def _text_changed(self, *_args) -> None:
        new = self.access.text()
        if self._applying:
            return
        pos, removed, added = text_diff(self._text, new, self.access.cursor())
        self._text = new
        if self.trail:
            self.trail.shift(pos, removed, len(added))
        if self._slash >= 0:
            self._update_slash_query()
        elif added in SLASHES and removed == 0 and _opens_picker(new, pos):
            self._open_slash(pos)

    def _update_slash_query(self) -> None:
        text, cursor = self.access.text(), self.access.cursor()
        if self._slash >= len(text) or text[self._slash] not in SLASHES or cursor <= self._slash:
            self.close_popup()
            return
        query = text[self._slash + 1 : cursor]
        if any(ch.isspace() for ch in query) or len(query) > 12:
            self.close_popup()
            return
        self._search(query)

    def eventFilter(self, obj, event) -> bool:
        if obj is not self.widget:
            return False
        etype = event.type()
        if etype == QEvent.Type.KeyPress:
            return self._key(event)
        if etype == QEvent.Type.FocusOut and self.popup.isVisible():
            focus = QGuiApplication.focusObject()
            if not (isinstance(focus, QWidget) and self.popup.isAncestorOf(focus)):
                if event.reason() not in (
                    Qt.FocusReason.PopupFocusReason,
                    Qt.FocusReason.ActiveWindowFocusReason,
                ):
                    self.close_popup()
        return False

    def _key(self, event) -> bool:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key in (Qt.Key.Key_Space, Qt.Key.Key_Slash):
            self.open_popup(search_field=True)
            return True
        if self.popup.isVisible() and self._slash >= 0:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.popup.move_selection(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
                if self.popup.current() is None:
                    self.close_popup()
                    return False
                self.accept()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_popup()
                return True
            if key == Qt.Key.Key_C and ctrl and mods & Qt.KeyboardModifier.ShiftModifier:
                self.copy_current()
                return True
            if key == Qt.Key.Key_E and ctrl:
                self.popup.edit_preview()
                return True
            return False
        if self.trail:
            if key == Qt.Key.Key_Tab and not ctrl:
                if not self.next_slot(1):
                    self.next_unfilled()  # the walk is over; a placeholder left open is not
                return True
            if key == Qt.Key.Key_Backtab:
                if self.trail.index > 0:
                    self.next_slot(-1)
                return True
            if key == Qt.Key.Key_Escape:
                self.stop_slots()
                return True
        if key == Qt.Key.Key_Tab and not ctrl and not mods & Qt.KeyboardModifier.ShiftModifier:
            return self.next_unfilled()
        return False


def _placeholder_iter(text: str):
    from agent_assist.phrases import PLACEHOLDER_RE

    return PLACEHOLDER_RE.finditer(text)


def _opens_picker(text: str, slash: int) -> bool:
    """A "/" opens the picker at the start, after a space, or after Chinese text/punctuation —
    not inside "1/2", "and/or" or a URL, where it is just a slash."""
    if slash == 0:
        return True
    before = text[slash - 1]
    return before.isspace() or not (before.isascii() and (before.isalnum() or before in "/:._-"))


def phrase_picker_of(widget: QWidget) -> PhrasePicker | None:
    """The picker attached to ``widget``, if any: it is the widget's child QObject, found again
    by type (nothing is hung on the widget)."""
    return widget.findChild(PhrasePicker, "", Qt.FindChildOption.FindDirectChildrenOnly)


def attach_phrase_picker(
    widget: QWidget, ctx, values: Callable[[], dict[str, str]] | None = None
) -> PhrasePicker:
    """Give ``widget`` (QLineEdit, QPlainTextEdit or QTextEdit) the phrase picker; returns it.

    ``values``: where placeholder values come from (default: the call context, see
    :func:`fill_values`). Attaching twice returns the existing picker."""
    existing = phrase_picker_of(widget)
    if existing is not None:
        if values is not None:
            existing.values = values
        return existing
    return PhrasePicker(widget, ctx, values)


__all__ = [
    "PhrasePicker",
    "attach_phrase_picker",
    "phrase_picker_of",
    "fill_values",
    "placeholders_in",
]
