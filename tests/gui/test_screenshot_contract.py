"""The screenshot contract (``agent-assist --screenshot DIR/``): every screen as a PNG plus
``ui.json``; in English no UI string may show Chinese except KB data (issue 9)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run_contract(folder: Path, data_dir: Path, *args: str) -> dict:
    env = dict(os.environ, AGENT_ASSIST_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run(
        [sys.executable, "-m", "agent_assist", *args, "--screenshot", f"{folder}/"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads((folder / "ui.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shots-en")
    data = tmp_path_factory.mktemp("data-en")
    return folder, run_contract(folder, data, "--lang", "en")


def test_every_tab_dialog_and_call_mode_is_saved_with_its_strings(english):
    folder, ui = english
    screens = ui["screens"]
    for name in (
        "tab-process",
        "tab-note",
        "tab-history",
        "tab-followups",
        "tab-study",
        "tab-reports-overview",
        "tab-reports-pareto",
        "tab-reports-search",
        "dialog-settings",
        "dialog-shortcuts",
        "dialog-profile",
        "dialog-amend",
        "callmode",
        "callmode-card",
    ):
        assert name in screens, name
        screen = screens[name]
        assert (folder / screen["file"]).stat().st_size > 1000
        assert len(screen["size"]) == 2 and len(screen["minimum_size"]) == 2
        assert screen["strings"], name
    assert "Reports" in screens["tab-process"]["strings"]  # tab titles
    assert "Settings" in screens["tab-process"]["strings"]  # toolbar / menu items
    search = screens["tab-reports-search"]["strings"]  # 搜索分析, shot once computed
    assert "Search analytics" in search and "Failed searches" in search
    assert any(s.startswith("This PC: ") and "Zero-result rate" in s for s in search), search


def test_english_ui_shows_no_chinese_except_kb_data(english):
    _folder, ui = english
    left = {name: s["untranslated"] for name, s in ui["screens"].items() if s["untranslated"]}
    assert left == {}
    assert ui["untranslated_count"] == 0


def test_kb_whitelist_comes_from_the_kb_not_from_blanket_exemptions(sample_kb_dir):
    from agent_assist.gui.ui_strings import kb_strings, untranslated
    from agent_assist.knowledge import load_kb

    kb = kb_strings(load_kb(sample_kb_dir))
    title = next(iter(load_kb(sample_kb_dir))).title
    # a KB title, even inside an English sentence, is data; UI words are not, even where the
    # KB happens to use them too (categories, emotions, stages)
    assert untranslated([f"2 known: {title}"], kb) == []
    assert untranslated(["提交小结", "投诉", "平静", "受理"], kb) == [
        "提交小结",
        "投诉",
        "平静",
        "受理",
    ]
