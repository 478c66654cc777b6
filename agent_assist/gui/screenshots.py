"""The screenshot contract: every screen as a PNG plus ``ui.json`` with what each one shows.

``agent-assist --screenshot DIR/`` renders offscreen, in the language of ``--lang``: one PNG per
main-window tab (the 报表 sub-tabs too), per dialog (settings, shortcuts, profile, phrase editor,
amend) and call mode, and ``DIR/ui.json`` with, per screen, the window size, its minimum size
and every visible UI string (labels, buttons, headers, placeholders, tooltips, chart titles and
axes, menu items). A reviewer — or a test — checks the UI from outside the code: an English run
must show no Chinese except KB data (titles, reason-code names, phrase texts …), which
:func:`kb_strings` lists from the KB files themselves, so nothing is exempted wholesale.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QWidget,
)

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
PLACEHOLDER = re.compile(r"\{[^{}\s]{1,12}\}")
# a language's own name in the language menu ("简体中文" / "English") is never translated
ENDONYMS = ("简体中文",)


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


# -- strings ------------------------------------------------------------------------------------


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        return QTextDocumentFragment.fromHtml(text).toPlainText()
    return text


def _lines(text: str | None) -> list[str]:
    if not text:
        return []
    return [s.strip() for s in _plain(text).replace("\u2029", "\n").splitlines() if s.strip()]


def _menu_strings(menu: QMenu) -> list[str]:
    out = _lines(menu.title())
    for act in menu.actions():
        if act.menu() is not None:
            out += _menu_strings(act.menu())
        elif not act.isSeparator():
            out += _lines(act.text()) + _lines(act.toolTip() if act.toolTip() != act.text() else "")
    return out


def _chart_strings(view: QChartView) -> list[str]:
    chart = view.chart()
    if chart is None:
        return []
    out = _lines(chart.title())
    for axis in chart.axes():
        out += _lines(axis.titleText())
        categories = getattr(axis, "categories", None)
        if callable(categories):
            for c in categories():
                out += _lines(c)
    for marker in chart.legend().markers() if chart.legend().isVisible() else []:
        out += _lines(marker.label())
    for series in chart.series():
        out += _lines(series.name())
        for s in getattr(series, "slices", lambda: [])():
            if s.isLabelVisible():
                out += _lines(s.label())
        for bar_set in getattr(series, "barSets", lambda: [])():
            out += _lines(bar_set.label())
    out += _lines(chart.toolTip())
    return out


def _document_headings(edit: QTextEdit) -> list[str]:
    out = []
    block = edit.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            out += _lines(block.text())
        block = block.next()
    return out


def widget_strings(w: QWidget) -> list[str]:
    """The UI strings one widget shows (its text, placeholder, items, headers, tooltip)."""
    out: list[str] = []
    if isinstance(w, QLabel):
        out += _lines(w.text())
    elif isinstance(w, QAbstractButton):
        out += _lines(w.text())
        if isinstance(w, QToolButton) and w.defaultAction() is not None:
            out += _lines(w.defaultAction().toolTip())
    elif isinstance(w, QLineEdit):
        out += _lines(w.placeholderText())
    elif isinstance(w, (QPlainTextEdit, QTextEdit)):
        out += _lines(w.placeholderText())
        if isinstance(w, QTextBrowser):
            out += _document_headings(w)
    elif isinstance(w, QComboBox):
        out += [line for i in range(w.count()) for line in _lines(w.itemText(i))]
    elif isinstance(w, QGroupBox):
        out += _lines(w.title())
    elif isinstance(w, QTabBar):
        for i in range(w.count()):
            out += _lines(w.tabText(i)) + _lines(w.tabToolTip(i))
    elif isinstance(w, QHeaderView):
        model = w.model()
        if model is not None and w.isVisible():
            for i in range(
                model.columnCount() if w.orientation() == Qt.Orientation.Horizontal else 0
            ):
                out += _lines(str(model.headerData(i, Qt.Orientation.Horizontal) or ""))
    elif isinstance(w, QChartView):
        out += _chart_strings(w)
    if isinstance(w, QAbstractSpinBox):
        if isinstance(w, (QSpinBox, QDoubleSpinBox)):
            out += _lines(w.prefix()) + _lines(w.suffix())
        if isinstance(w, QDateTimeEdit) and w.date() == w.minimumDate():
            out += _lines(w.specialValueText())
    if isinstance(w, QAbstractItemView) and w.objectName() == "resultList":
        model = w.model()  # the fold / section rows are UI text; the hit rows are KB titles
        for row in range(model.rowCount()):
            out += _lines(str(model.index(row, 0).data(Qt.ItemDataRole.DisplayRole) or ""))
        if not model.rowCount():
            out += _lines(getattr(w, "empty_text", ""))  # painted into the empty list
    out += _lines(w.toolTip())
    return out


def ui_strings(root: QWidget) -> list[str]:
    """Every visible UI string of a window (and its menu bar / status bar), unique, in order."""
    out = _lines(root.windowTitle())
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w is not root and not w.isVisibleTo(root):
            continue
        if isinstance(w, QMenu):
            continue
        out += widget_strings(w)
    if isinstance(root, QMainWindow) and root.menuBar() is not None:
        for act in root.menuBar().actions():
            if act.menu() is not None:
                out += _menu_strings(act.menu())
    if isinstance(root, QMainWindow) and root.statusBar() is not None:
        out += _lines(root.statusBar().currentMessage())
    return list(dict.fromkeys(out))


# -- KB data ------------------------------------------------------------------------------------


def _leaves(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str):
                yield k
            yield from _leaves(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _leaves(v)


def _ui_vocabulary() -> set[str]:
    """Words the UI must translate even where the KB also uses them (categories, emotions …):
    never counted as KB data."""
    from agent_assist.knowledge import CATEGORIES
    from agent_assist.notes import COMPLAINT_TYPES, EMOTIONS, STAGES, VALUE_CHOICES

    words = {*CATEGORIES, *EMOTIONS, *STAGES, *COMPLAINT_TYPES, *VALUE_CHOICES}
    from agent_assist.notes import SATISFACTION_LABELS

    words |= set(SATISFACTION_LABELS.values())
    return words


def kb_strings(kb) -> list[str]:
    """Strings that come from the KB (process fields, reason codes, phrases, scripts, departments,
    tone rules), longest first: in an English UI they stay as the KB wrote them."""
    found: set[str] = set()
    for p in kb:
        found.update((p.id, p.title, p.summary, p.owner, *p.keywords, *p.customer_phrases))
        found.update(s.heading for s in p.sections if getattr(s, "heading", ""))
    files: list[Path] = []
    for name in ("phrases.yaml", "reason_codes.yaml", "tone_rules.yaml", "departments.yaml"):
        path = kb.resource(name)
        if path is not None and path.is_file():
            files.append(path)
    scripts = kb.resource("scripts")
    if scripts is not None and scripts.is_dir():
        files += sorted(scripts.glob("*.yaml"))
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        for leaf in _leaves(data):
            found.update(line.strip() for line in leaf.splitlines())
            found.update(PLACEHOLDER.findall(leaf))  # {称呼}: the KB's own placeholder syntax
    vocabulary = _ui_vocabulary()
    found.update(ENDONYMS)
    return sorted(
        (s for s in found if s and HAN.search(s) and s not in vocabulary),
        key=len,
        reverse=True,
    )


def untranslated(strings: Iterable[str], kb: list[str]) -> list[str]:
    """The strings that still show Chinese once every KB string in them is taken out."""
    out = []
    for s in strings:
        rest = s
        for k in kb:
            if k in rest:
                rest = rest.replace(k, " ")
        if HAN.search(rest):
            out.append(s)
    return out


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
    names = ("overview", "pareto", "emotions", "departments", "cost")
    for i in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(i)
        window.search.box.setFocus()
        contract.shot(f"tab-reports-{names[i] if i < len(names) else i}", window)
    panel.tabs.setCurrentIndex(0)


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


__all__ = ["Contract", "kb_strings", "shoot_all", "ui_strings", "untranslated"]
