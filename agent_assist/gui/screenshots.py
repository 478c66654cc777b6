"""The screenshot contract: every screen as a PNG plus ``ui.json`` with what each one shows.

``agent-assist --screenshot DIR/`` renders offscreen, in the language of ``--lang``: one PNG per
main-window tab (the 报表 sub-tabs too), per dialog (settings, shortcuts, profile, phrase editor,
amend) and call mode, and ``DIR/ui.json`` with, per screen, the window size, its minimum size
and every visible UI string (labels, buttons, headers, placeholders, tooltips, chart titles and
axes, menu items). A reviewer — or a test — checks the UI from outside the code: an English run
must show no Chinese except KB data (titles, reason-code names, phrase texts …), which
:func:`~agent_assist.gui.ui_strings.kb_strings` lists from the KB files themselves, so nothing
is exempted wholesale. Collecting the strings is :mod:`agent_assist.gui.ui_strings`; this module
drives the app from screen to screen and saves what it shows.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from agent_assist.gui.ui_strings import kb_strings, ui_strings, untranslated

# -- waiting ------------------------------------------------------------------------------------


def settle(seconds: float = 0.15) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def wait_until(predicate: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    import time

    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        settle(0.01)
    return True


# -- shooting -----------------------------------------------------------------------------------


class Contract:
    """Collects the screens of one run: ``shot(name, window)`` saves a PNG and records it."""

    def __init__(self, folder: Path, kb, language: str) -> None:
        self.folder = folder
        self.language = language
        self.kb = kb_strings(kb)
        self.screens: dict[str, dict] = {}
        folder.mkdir(parents=True, exist_ok=True)

    def shot(self, name: str, window: QWidget, strings: list[str] | None = None) -> None:
        settle(0.25)
        image = window.grab()
        file = f"{name}.png"
        image.save(str(self.folder / file))
        shown = list(dict.fromkeys(ui_strings(window) + (strings or [])))
        hint = window.minimumSizeHint()
        minimum = window.minimumSize().expandedTo(hint) if hint.isValid() else window.minimumSize()
        self.screens[name] = {
            "file": file,
            "size": [window.width(), window.height()],
            "minimum_size": [minimum.width(), minimum.height()],
            "strings": shown,
            "untranslated": untranslated(shown, self.kb) if self.language == "en" else [],
        }

    def write(self, extra: dict) -> Path:
        path = self.folder / "ui.json"
        data = {
            **extra,
            "language": self.language,
            "untranslated_count": sum(len(s["untranslated"]) for s in self.screens.values()),
            "screens": self.screens,
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return path


def _demo_note(window):
    """The newest note for the amend dialog, or an unsaved example when there is none."""
    import datetime as dt

    from agent_assist.notes import Note, NoteFilter, NoteStore

    try:
        notes = NoteStore(window.ctx.db).search(NoteFilter(), limit=1)
    except Exception:  # a shape this screen does not know: show the example
        notes = []
    if notes:
        return notes[0]
    now = dt.datetime.now().replace(microsecond=0)
    return Note(
        started_at=now - dt.timedelta(minutes=6),
        ended_at=now,
        agent_name="",
        agent_no="",
        reason_text="",
        reason_codes=(),
        emotion_start="",
        emotion_end="",
        stage="",
        handling_minutes=6.0,
    )


def shoot_all(window, folder: Path, query: str, size: tuple[int, int]) -> Path | None:
    """Every screen of the running app into ``folder``; returns the path of ``ui.json``."""
    from agent_assist.gui.appearance import current_language

    ws = window.ws
    window.resize(*size)
    window.split.setSizes([int(size[0] * 0.36), int(size[0] * 0.64)])  # whatever was saved
    wait_until(lambda: not ws.indexing, 300)
    wait_until(lambda: not getattr(window, "_placeholders", None), 30)
    if ws.searcher is None:
        print("screenshot: the search index could not be opened", file=sys.stderr)
        return None
    contract = Contract(folder, window.ctx.kb, current_language())

    # first run: the empty result list (recent / most used, or a hint)
    window.search.set_query("")
    contract.shot("home", window)

    shown: list[int] = []
    window.search.resultsShown.connect(shown.append)
    window.search.set_query(query)
    wait_until(lambda: bool(shown) and window.search.last_query == query, 10)
    entries = window.search.results.model_.entries()
    if entries:
        window.view.show_process(entries[0].pid, query, log=False, mode="quick")
    order = sorted(window.panels.items(), key=lambda kv: window.tabs.indexOf(kv[1]))
    for key, panel in order:
        if window.tabs.indexOf(panel) < 0:
            continue
        window.tabs.setCurrentWidget(panel)
        window.search.box.setFocus()  # where the agent's cursor lives; no stray selection
        if key == "reports":
            _shoot_reports(contract, window, panel)
        else:
            contract.shot(f"tab-{key}", window)
    window.tabs.setCurrentWidget(window.view)

    _shoot_dialogs(contract, window)

    window.set_call_mode(True)
    call = window.call_window
    if call is not None:
        shown.clear()
        call.search.resultsShown.connect(shown.append)
        call.search.set_query("")
        call.search.set_query(query)
        wait_until(lambda: bool(shown) and call.search.last_query == query, 10)
        contract.shot("callmode", call)
        hits = call.search.results.model_.entries()
        if hits:
            # as Enter would show it, without logging an open in the agent's own history
            if call.view.show_process(hits[0].pid, query, log=False, mode="quick"):
                call._show_card(True)
            contract.shot("callmode-card", call)
        window.set_call_mode(False)
    from agent_assist.gui.appearance import current_theme

    app_font = window.font()
    return contract.write(
        {
            "requested_size": list(size),
            "font_point_size": app_font.pointSize(),
            "theme": current_theme(),
        }
    )


def _shoot_reports(contract: Contract, window, panel) -> None:
    ready: list[object] = []
    panel.reportReady.connect(ready.append)
    panel.refresh()
    wait_until(lambda: bool(ready), 30)
    names = ("overview", "pareto", "emotions", "departments", "cost", "search")
    for i in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(i)
        _wait_computed(panel.tabs.currentWidget())  # 搜索分析 computes when shown
        window.search.box.setFocus()
        contract.shot(f"tab-reports-{names[i] if i < len(names) else i}", window)
    panel.tabs.setCurrentIndex(0)


def _wait_computed(widget: QWidget) -> None:
    """A section that computes when shown (``busy()``) is shot once its numbers are in."""
    busy = getattr(widget, "busy", None)
    if busy is not None:
        wait_until(lambda: not busy(), 30)


def _shoot_dialogs(contract: Contract, window) -> None:
    window.open_settings()
    dialog = window.settings_dialog
    if dialog is not None:
        contract.shot("dialog-settings", dialog)
        dialog.hide()

    box = window.show_shortcuts()
    if box is not None:
        contract.shot("dialog-shortcuts", box)
        box.close()

    from agent_assist.gui.profile_dialog import ProfileDialog

    profile = ProfileDialog(parent=window)
    profile.show()
    contract.shot("dialog-profile", profile)
    profile.close()

    window.open_phrase_editor()
    editor = window.panels.get("phrases")
    if editor is not None and editor.isVisible():
        contract.shot("dialog-phrases", editor)
        editor.close()

    from agent_assist.gui.note_amend import AmendDialog
    from agent_assist.notes import reason_codes_for

    note = _demo_note(window)
    amend = AmendDialog(window.ctx, note, reason_codes_for(window.ctx.kb, window.ctx.db), window)
    amend.show()
    contract.shot("dialog-amend", amend)
    amend.close()
    amend.deleteLater()


__all__ = ["Contract", "settle", "shoot_all", "wait_until"]
