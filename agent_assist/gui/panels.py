"""Finding the panels and counts that other modules provide, without hard-wiring them.

The main window hosts tabs built elsewhere (scripts, notes, follow-ups, reports, phrases). Each is
looked up by module and class name so the desktop runs — with fewer tabs — in a checkout where
one of them is missing or fails to start, instead of not starting at all.
"""

from __future__ import annotations

import importlib
import importlib.util
import traceback
from collections.abc import Callable

from agent_assist.gui.context import AppContext

# (tab key, module, class names to try) in tab order; 学习 is inserted before 报表.
# "phrases" is not a tab: the personal phrase editor opens as a window on demand.
OPTIONAL_PANELS = (
    ("script", "agent_assist.gui.script_panel", ("ScriptPanel",)),
    ("note", "agent_assist.gui.note_form", ("NoteForm",)),
    ("history", "agent_assist.gui.note_history", ("NoteHistory", "NoteHistoryView", "HistoryView")),
    (
        "followups",
        "agent_assist.gui.followups",
        ("FollowUpPanel", "FollowUpsPanel", "FollowUpView"),
    ),
    ("reports", "agent_assist.gui.reports_view", ("ReportsView",)),
    ("phrases", "agent_assist.gui.phrase_editor", ("PhraseEditor", "PhraseEditorPanel")),
)


def load_panel(module_name: str, class_names: tuple[str, ...]) -> Callable | None:
    """The panel class if its module is present, else None (a broken module still raises)."""
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        if exc.name and module_name.startswith(exc.name):
            return None
        raise
    for name in class_names:
        cls = getattr(module, name, None)
        if cls is not None:
            return cls
    return None


def available(keys: tuple[str, ...] | None = None) -> list[str]:
    """Keys of the optional panels whose module exists (cheap: nothing is imported)."""
    out = []
    for key, module, _names in OPTIONAL_PANELS:
        if keys is not None and key not in keys:
            continue
        try:
            if importlib.util.find_spec(module) is not None:
                out.append(key)
        except (ImportError, ValueError):
            continue
    return out


def import_panels(keys: list[str]) -> None:
    """Import the panel modules (safe on a worker thread: no widget is created), so creating the
    panels on the GUI thread afterwards doesn't pay for their imports (pypinyin, QtCharts …)."""
    for key, module, _names in OPTIONAL_PANELS:
        if key in keys:
            try:
                importlib.import_module(module)
            except Exception:  # reported when the GUI thread creates the panel
                pass


def create_panel(ctx: AppContext, key: str, parent) -> tuple[object | None, str]:
    """Instantiate one optional panel: (panel or None, error message or '')."""
    spec = next((x for x in OPTIONAL_PANELS if x[0] == key), None)
    if spec is None:
        return None, ""
    try:
        cls = load_panel(spec[1], spec[2])
        return (cls(ctx, parent) if cls is not None else None), ""
    except Exception as exc:  # one broken panel must not take the agent's app down
        traceback.print_exc()
        return None, f"{key}: {type(exc).__name__}: {exc}"


def followup_counts(ctx: AppContext) -> tuple[int | None, int]:
    """(open, overdue) follow-ups if the notes package provides them, else (None, 0)."""
    try:
        from agent_assist.notes import FollowUpStore
    except ImportError:
        return None, 0
    try:
        store = getattr(ctx, "_followup_store", None)
        if store is None:
            store = FollowUpStore(ctx.db)
            ctx._followup_store = store
        open_n = store.open_count() if hasattr(store, "open_count") else None
        overdue = store.overdue_count() if hasattr(store, "overdue_count") else 0
        return open_n, overdue
    except Exception:  # a store mid-migration must not break the status bar
        traceback.print_exc()
        return None, 0


def list_scripts(ctx: AppContext) -> list[tuple[str, str]]:
    """(id, title) of the guided scripts in the KB (or the shipped ones) for the scripts menu."""
    try:
        import agent_assist.scripts as scripts
    except ImportError:
        return []
    loader = getattr(scripts, "load_scripts", None)
    if loader is None:
        return []
    folder = ctx.kb.resource("scripts")
    try:
        loaded = loader(folder) if folder is not None else loader()
    except Exception:
        traceback.print_exc()
        return []
    items = loaded.values() if isinstance(loaded, dict) else loaded
    return [(s.id, getattr(s, "title", s.id)) for s in items if hasattr(s, "id")]
