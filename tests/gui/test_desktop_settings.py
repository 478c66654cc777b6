"""Settings: re-index with progress (app stays usable), profile, theme, font, language switch."""

from __future__ import annotations

import shutil

import pytest
from gui_helpers import search
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agent_assist.gui import appearance
from agent_assist.gui.settings_dialog import SettingsDialog
from agent_assist.knowledge import ProfileStore
from agent_assist.storage import open_db


@pytest.fixture
def small_kb(tmp_path, sample_kb_dir):
    """A separate knowledge folder with a handful of processes (the shipped YAML falls back)."""
    folder = tmp_path / "centre-kb"
    folder.mkdir()
    files = sorted((sample_kb_dir / "processes").rglob("*.md"))[:6]
    for f in files:
        shutil.copy(f, folder / f.name)
    return folder, len(files)


@pytest.fixture
def restore_look():
    app = QApplication.instance()
    yield
    appearance.set_language(app, "zh_CN")
    appearance.apply_theme(app, "light")
    appearance.apply_font(app, None)


def test_reindex_another_folder_with_progress_while_app_stays_usable(
    make_window, make_ctx, small_kb, qtbot
):
    folder, count = small_kb
    window = make_window(make_ctx(with_searcher=False))
    ws = window.ctx.services
    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kb_edit.setText(str(folder))
    progress: list[tuple[int, int]] = []
    ws.indexProgress.connect(lambda d, t: progress.append((d, t)))
    with qtbot.waitSignal(dialog.reindexFinished, timeout=30000) as finished:
        qtbot.mouseClick(dialog.reindex_button, Qt.LeftButton)
        # the click returned at once: work is on a worker thread, the window still answers
        assert ws.indexing and not dialog.reindex_button.isEnabled()
        window.search.box.setText("还能输入")
        assert window.search.box.text() == "还能输入"
    assert finished.args == [True]
    assert progress and progress[-1][0] == progress[-1][1] >= count  # ends at 100 %
    assert dialog.progress.value() == dialog.progress.maximum()
    assert window.ctx.kb_dir == folder and len(window.ctx.kb) == count
    assert ws.searcher is not None and ws.searcher.doc_count == count
    some = next(iter(window.ctx.kb))
    assert some.id in search(qtbot, window, some.title)


def test_reindex_rejects_a_missing_folder(ctx, qtbot, tmp_path):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.kb_edit.setText(str(tmp_path / "nope"))
    dialog.reindex()
    assert "不是一个文件夹" in dialog.kb_status.text()
    assert not ctx.services.indexing


def test_profile_is_saved_and_becomes_the_agent(window, qtbot, restore_look):
    window.open_settings()
    dialog = window.settings_dialog
    dialog.name_edit.setText("王芳")
    dialog.no_edit.setText("10086123")
    dialog.font_spin.setValue(14)
    assert dialog.apply()
    assert (window.ctx.agent_name, window.ctx.agent_no) == ("王芳", "10086123")
    assert window.ctx.services.agent_key == "10086123"
    saved = ProfileStore(open_db()).load()
    assert (saved.name, saved.agent_no, saved.font_size) == ("王芳", "10086123", 14)
    assert "王芳" in window.status.agent_label.text()
    assert QApplication.instance().font().pointSize() == 14


def test_invalid_profile_names_the_field_and_changes_nothing(window, qtbot):
    window.open_settings()
    dialog = window.settings_dialog
    dialog.no_edit.setText("1" * 40)
    assert not dialog.apply()
    assert "工号" in dialog.profile_error.text()
    assert window.ctx.agent_no == ""
    assert ProfileStore(open_db()).load() is None


def test_tiers_are_per_agent(window, qtbot, restore_look):
    ws = window.ctx.services
    from agent_assist.knowledge import Tier

    ws.set_tier("number.port-out", Tier.KNOWN)
    window.ctx.services.set_agent(window.ctx.agent_name, "20001")
    assert ws.tier("number.port-out") is Tier.UNKNOWN  # another agent's view


def test_dark_theme_applies_to_app_and_views(window, qtbot, restore_look):
    window.open_settings()
    dialog = window.settings_dialog
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    assert dialog.apply()
    app = QApplication.instance()
    assert appearance.current_theme(app) == "dark"
    assert "dark theme" in app.styleSheet()
    assert window.view.dark and window.study.dark
    assert ProfileStore(open_db()).load().theme == "dark"


def test_language_switch_changes_visible_text(window, qtbot, restore_look):
    window.open_process("number.port-out")
    assert window.windowTitle() == "坐席助手"
    window.apply_appearance("light", 0, "en")
    qtbot.waitUntil(
        lambda: window.windowTitle() == "Agent Assist", timeout=2000
    )  # LanguageChange is posted
    assert window.tabs.tabText(0) == "Process"
    assert window.search.box.placeholderText().startswith("Search processes")
    assert window.view.tier_buttons.button(0).text() == "1 Known"
    assert "Related processes" in window.view.browser.toPlainText()  # rendered article chrome too
    assert window.status.study_label.text().endswith("to study")
    window.apply_appearance("light", 0, "zh_CN")
    qtbot.waitUntil(lambda: window.windowTitle() == "坐席助手", timeout=2000)
    assert window.tabs.tabText(0) == "流程"
    assert window.view.tier_buttons.button(0).text() == "1 已掌握"


def test_every_gui_string_has_an_english_translation(tmp_path):
    """lupdate over agent_assist/gui finds no string the shipped catalogue lacks or leaves open
    (run ``python ui/i18n/fill_en.py`` after adding texts)."""
    import subprocess
    import sys
    import xml.etree.ElementTree as ET
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    shipped = appearance.i18n_dir() / "agent_assist_en.ts"
    assert (appearance.i18n_dir() / "agent_assist_en.qm").stat().st_size > 1000
    translated = {
        m.findtext("source")
        for m in ET.parse(shipped).iter("message")
        if m.findtext("translation")
        and m.find("translation").get("type") not in ("unfinished", "obsolete", "vanished")
    }
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    sources = sorted(str(p) for p in (repo / "agent_assist" / "gui").glob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    found = {m.findtext("source") for m in ET.parse(fresh).iter("message")}
    assert len(found) > 100
    assert sorted(found - translated) == []


def test_reindex_never_walks_the_folder_on_the_gui_thread(
    make_window, make_ctx, small_kb, qtbot, monkeypatch
):
    """Counting files on the GUI thread froze the window on big / network folders: the click
    only starts the worker, whose progress carries the total."""
    import threading
    from pathlib import Path

    folder, count = small_kb
    window = make_window(make_ctx(with_searcher=False))
    gui_thread = threading.get_ident()
    walked_on_gui: list[str] = []
    real_rglob, real_glob = Path.rglob, Path.glob

    def watch(real):
        def wrapper(self, *args, **kwargs):
            if threading.get_ident() == gui_thread:
                walked_on_gui.append(str(self))
            return real(self, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(Path, "rglob", watch(real_rglob))
    monkeypatch.setattr(Path, "glob", watch(real_glob))
    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.kb_edit.setText(str(folder))
    totals: list[int] = []
    window.ctx.services.indexProgress.connect(lambda _d, t: totals.append(t))
    with qtbot.waitSignal(dialog.reindexFinished, timeout=30000):
        dialog.reindex()
        assert walked_on_gui == []
        assert dialog.progress.maximum() == 0  # busy until the worker reports a total
    assert totals and totals[-1] >= count
    assert dialog.progress.maximum() == dialog.progress.value() > 0


def test_reindex_of_a_folder_without_processes_keeps_the_current_kb(window, qtbot, tmp_path):
    empty = tmp_path / "empty-kb"
    empty.mkdir()
    (empty / "README.md").write_text("# 说明\n没有 front matter，不是流程。\n", encoding="utf-8")
    before = (window.ctx.kb_dir, len(window.ctx.kb))
    dialog = SettingsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.kb_edit.setText(str(empty))
    with qtbot.waitSignal(dialog.reindexFinished, timeout=10000) as finished:
        dialog.reindex()
    assert finished.args == [False]
    assert "没有流程文件" in dialog.kb_status.text() and dialog.reindex_button.isEnabled()
    assert (window.ctx.kb_dir, len(window.ctx.kb)) == before
    assert not window.ctx.services.indexing
