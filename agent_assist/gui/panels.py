"""The tabs the main window hosts besides the process view and 学习, built in one place.

Each panel is constructed explicitly with ``(ctx, parent)``. The imports sit inside the functions
only for start-up speed: the desktop paints its window first, imports these modules on a worker
thread (:func:`import_panel_modules`: pypinyin, QtCharts …) and then builds the panels on the GUI
thread (:func:`create_panel`).
"""

from __future__ import annotations

import traceback

from PySide6.QtWidgets import QWidget

from agent_assist.gui.context import AppContext

# tab keys in tab order; 学习 is inserted before 报表. "phrases" is not a tab: the personal phrase
# editor opens as a window on demand (MainWindow.open_phrase_editor).
TAB_KEYS = ("script", "note", "history", "followups", "reports")


def import_panel_modules() -> None:
    """Import the panel modules (safe on a worker thread: no widget is created), so creating the
    panels on the GUI thread afterwards doesn't pay for their imports."""
    import agent_assist.gui.followups
    import agent_assist.gui.note_form
    import agent_assist.gui.note_history
    import agent_assist.gui.phrase_editor
    import agent_assist.gui.reports_view
    import agent_assist.gui.script_panel  # noqa: F401


def create_panel(ctx: AppContext, key: str, parent: QWidget | None) -> QWidget:
    """Build the panel for ``key`` (one of :data:`TAB_KEYS` or "phrases")."""
    if key == "script":
        from agent_assist.gui.script_panel import ScriptPanel

        return ScriptPanel(ctx, parent)
    if key == "note":
        from agent_assist.gui.note_form import NoteForm

        return NoteForm(ctx, parent)
    if key == "history":
        from agent_assist.gui.note_history import NoteHistory

        return NoteHistory(ctx, parent)
    if key == "followups":
        from agent_assist.gui.followups import FollowUpPanel

        return FollowUpPanel(ctx, parent)
    if key == "reports":
        from agent_assist.gui.reports_view import ReportsView

        return ReportsView(ctx, parent)
    if key == "phrases":
        from agent_assist.gui.phrase_editor import PhraseEditor

        return PhraseEditor(ctx, parent)
    raise KeyError(key)


def list_scripts(ctx: AppContext) -> list[tuple[str, str]]:
    """(id, title) of the guided scripts in the KB (or the shipped ones) for the scripts menu."""
    from agent_assist.scripts import load_scripts

    folder = ctx.kb.resource("scripts")
    try:
        loaded = load_scripts(folder) if folder is not None else load_scripts()
    except Exception:  # a broken scripts folder (untrusted KB input) empties the menu only
        traceback.print_exc()
        return []
    return [(s.id, s.title or s.id) for s in loaded.values()]
