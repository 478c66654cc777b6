"""The layering rule (core packages never import Qt or the GUI) checked by import-linter."""

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_hold():
    lint_imports = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    proc = subprocess.run(
        [lint_imports, "--config", str(REPO / "pyproject.toml")],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Contracts: 2 kept, 0 broken" in proc.stdout or "kept" in proc.stdout


def test_no_pyside_import_outside_gui():
    """A second, dumb check that also catches imports import-linter cannot see (strings, exec)."""
    offenders = []
    for path in (REPO / "agent_assist").rglob("*.py"):
        if "gui" in path.relative_to(REPO / "agent_assist").parts[:1]:
            continue
        text = path.read_text(encoding="utf-8")
        if "import PySide6" in text or "from PySide6" in text:
            offenders.append(str(path))
    assert offenders == []
