"""Every module of the project exists: nothing guards against one of its own being absent.

An ``except ImportError`` is only for an optional third-party library (keyring); a guard for an
``agent_assist`` module hides a broken import as a missing tab or command.
"""

from __future__ import annotations

import re
from pathlib import Path

import agent_assist

ROOT = Path(agent_assist.__file__).parent
# optional third-party libraries: keyring (OS keyring), rjieba (a native wheel some platforms lack:
# bulk indexing falls back to pure-Python jieba, which segments identically)
ALLOWED = {"team/connect.py", "search/analyzer.py"}


def test_no_import_guards_for_the_projects_own_modules():
    guarded = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if re.search(r"except\s*\(?[^:\n]*(ImportError|ModuleNotFoundError)", text):
            if rel not in ALLOWED:
                guarded.append(rel)
    assert guarded == []


def test_panels_are_built_by_name_not_looked_up():
    text = (ROOT / "gui" / "panels.py").read_text(encoding="utf-8")
    assert "find_spec" not in text and "getattr(module" not in text
