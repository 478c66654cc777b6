"""The layering rules (core packages never import Qt or the GUI; storage below knowledge below
search/phrases/notes below scripts) checked by import-linter."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _lint_imports(config: Path) -> subprocess.CompletedProcess[str]:
    lint_imports = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    return subprocess.run(
        [lint_imports, "--config", str(config)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_import_linter_contracts_hold():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = declared["tool"]["importlinter"]["contracts"]
    assert any(c["type"] == "layers" for c in contracts)
    proc = _lint_imports(REPO / "pyproject.toml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"Contracts: {len(contracts)} kept, 0 broken." in proc.stdout, proc.stdout


def test_import_linter_would_catch_a_broken_layer(tmp_path):
    """The check can fail: a contract the code breaks on purpose (knowledge reads storage)."""
    config = tmp_path / "broken.toml"
    config.write_text(
        "[tool.importlinter]\n"
        'root_package = "agent_assist"\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "storage above knowledge (false on purpose)"\n'
        'type = "layers"\n'
        'layers = ["agent_assist.storage", "agent_assist.knowledge"]\n',
        encoding="utf-8",
    )
    proc = _lint_imports(config)
    assert proc.returncode != 0
    assert "BROKEN" in proc.stdout


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
