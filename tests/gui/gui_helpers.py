"""Helpers the desktop tests share: typing into a search box and waiting for its answer, typing
Chinese into the note form and filling it validly."""

from __future__ import annotations


def type_text(qtbot, widget, text: str) -> None:
    """Type like a keyboard (with an input method for Chinese): one key event per character.

    ``QTest.keyClicks`` only handles Latin-1, so CJK characters are sent as key events that
    carry the committed text, which is what a line edit receives from an IME.
    """
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QCoreApplication.sendEvent(
                    widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, ch)
                )


def search(qtbot, window_or_panel, text: str):
    """Type ``text`` into the search box and wait for the worker's answer; returns the pids."""
    panel = getattr(window_or_panel, "search", window_or_panel)
    panel.box.clear()
    with qtbot.waitSignal(panel.resultsShown, timeout=5000):
        type_text(qtbot, panel.box, text)
    qtbot.waitUntil(lambda: panel.last_query == text and not panel._in_flight, timeout=5000)
    return [e.pid for e in panel.results.model_.entries()]


def ime(widget, text: str) -> None:
    """Type Chinese the way an input method does: one commit event (QTest can only send ASCII
    keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def pick(box, text: str) -> None:
    """Choose the item shown as ``text`` in a combo box."""
    box.setCurrentIndex(box.findText(text))


def fill_valid(qtbot, form) -> None:
    """The required fields of the note form, filled so a submit goes through."""
    f = form.fields
    ime(f.reason_text, "微信充了100元话费两小时还没到账")
    qtbot.keyClicks(f.reason_codes.edit, "7 1")
    qtbot.keyClicks(f.customer_phone, "138 1234 5678")
    pick(f.emotion_start, "不满")
    pick(f.emotion_end, "平静")
    pick(f.stage, "提出方案")
