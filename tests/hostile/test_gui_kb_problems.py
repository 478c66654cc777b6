"""Item 1 (desktop): a broken side file is not silent in the app — the status bar counts and
lists it, and the tabs that need it still work with the shipped file."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.conftest import write_process


def test_status_bar_shows_broken_side_files(qtbot, kb: Path):
    from PySide6.QtWidgets import QStatusBar

    from agent_assist.gui.context import AppContext
    from agent_assist.gui.status_bar import WorkStatus
    from agent_assist.phrases import PhraseLibrary

    phrases = kb / "phrases.yaml"
    phrases.write_text("phrases:\n  - id: a\n    trigger: nh\n    text: !!int abc\n", "utf-8")
    (kb / "reason_codes.yaml").write_text("codes: [{number: !!int x, name: y}]\n", "utf-8")
    write_process(kb / "processes", "demo.feb", "坏日期", updated="2026-02-30")
    ctx = AppContext(kb_dir=kb)
    assert len(ctx.kb) == 4  # every process loaded, the bad date one included
    bar = QStatusBar()
    qtbot.addWidget(bar)
    status = WorkStatus(ctx, bar)
    status._index_ready()
    assert "2" in status.index_label.text(), status.index_label.text()
    tip = status.index_label.toolTip()
    assert f"{phrases}:4:" in tip and "reason_codes.yaml" in tip, tip
    assert len(PhraseLibrary.load(kb=ctx.kb, build=False)) > 10  # shipped phrases meanwhile
    status.stop()


def test_main_window_keeps_every_tab_with_broken_side_files(qtbot, kb: Path):
    """A typo in phrases.yaml used to remove the 记录 and 脚本 tabs."""
    from agent_assist.gui.app import settings_store
    from agent_assist.gui.context import AppContext
    from agent_assist.gui.main_window import MainWindow

    bad = "2026-02-30"  # the typo: a ValueError inside PyYAML
    (kb / "phrases.yaml").write_text(f"phrases:\n  - id: a\n    trigger: nh\n    text: {bad}\n")
    (kb / "reason_codes.yaml").write_text(f"codes:\n  - number: {bad}\n    name: y\n")
    (kb / "tone_rules.yaml").write_text(f"rules:\n  - id: r\n    message: {bad}\n")
    (kb / "scripts").mkdir()
    (kb / "scripts" / "bad.yaml").write_text(f"id: bad\ntitle: {bad}\nstages: []\n")
    window = MainWindow(AppContext(kb_dir=kb), settings_store(), defer_panels=True)
    qtbot.addWidget(window)
    try:  # as the app starts: the other modules' panels are built after the first paint
        qtbot.waitUntil(lambda: not window._placeholders, timeout=20000)
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert titles == ["流程", "脚本", "记录", "历史", "回访", "学习", "报表"]
        assert len(window.panels["note"].codes) > 5  # the shipped reason codes
    finally:
        window.shutdown()
