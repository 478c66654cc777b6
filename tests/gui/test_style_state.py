"""Colours come from the QSS themes through dynamic properties, never from inline style sheets."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

import agent_assist.gui as gui
from agent_assist.gui import appearance
from agent_assist.gui.style_state import set_state

COLOUR = re.compile(r"setStyleSheet\([^)]*#[0-9a-fA-F]{3,6}")


def test_no_widget_sets_an_inline_colour():
    offenders = [
        p.name
        for p in Path(gui.__file__).parent.glob("*.py")
        if p.name != "appearance.py" and COLOUR.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_a_state_is_coloured_by_each_theme(qtbot):
    app = QApplication.instance()
    sheet, palette, theme = app.styleSheet(), app.palette(), app.property("agentAssistTheme")
    try:
        label = QLabel("待回访 3 个")
        label.setObjectName("followUpSummary")
        qtbot.addWidget(label)
        label.show()
        colours = {}
        for theme in ("light", "dark"):
            appearance.apply_theme(app, theme)
            set_state(label, "overdue", False)
            plain = label.palette().color(QPalette.WindowText)
            set_state(label, "overdue", True)
            colours[theme] = label.palette().color(QPalette.WindowText)
            assert colours[theme] != plain  # the theme's overdue colour, applied at once
        assert colours["light"] == QColor("#c92a2a") and colours["dark"] == QColor("#ff6b6b")
    finally:  # leave the application as the other tests found it
        app.setStyleSheet(sheet)
        app.setPalette(palette)
        app.setProperty("agentAssistTheme", theme)
