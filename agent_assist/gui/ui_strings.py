"""Every visible UI string of a window, and which of them an English run left in Chinese.

The screenshot contract (:mod:`agent_assist.gui.screenshots`) records these per screen in
``ui.json``: labels, buttons, headers, placeholders, tooltips, chart titles and axes, menu items.
KB data (titles, reason-code names, phrase texts …) stays as written, so :func:`kb_strings` lists
it from the KB files themselves and :func:`untranslated` leaves exactly those out — nothing is
exempted wholesale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import yaml
from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
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
        sub = act.menu()  # typed QObject (QAction::menu is a template in Qt 6): narrow it
        if isinstance(sub, QMenu):
            out += _menu_strings(sub)
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
            sub = act.menu()
            if isinstance(sub, QMenu):
                out += _menu_strings(sub)
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


__all__ = ["kb_strings", "ui_strings", "untranslated", "widget_strings"]
