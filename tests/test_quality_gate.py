"""The quality gate types the GUI too: `.ci/run` and the pre-commit hook run mypy over the whole
package (strict core, the GUI with pyproject's relaxed ``agent_assist.gui.*`` override), never
with the GUI excluded."""

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _mypy_lines(path: Path) -> list[str]:
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if "mypy" in line and not line.lstrip().startswith(("#", "name:", "- id:"))
    ]


def test_ci_and_pre_commit_type_check_the_gui():
    for gate in (REPO / ".ci" / "run", REPO / ".pre-commit-config.yaml"):
        lines = _mypy_lines(gate)
        assert lines, f"{gate.name} runs no mypy"
        assert all("exclude" not in line and "gui" not in line for line in lines), lines


def test_gui_override_only_relaxes_what_the_pyside6_stubs_need():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True and config["files"] == ["agent_assist"]
    gui = [o for o in config["overrides"] if "agent_assist.gui.*" in o["module"]]
    assert len(gui) == 1
    # errors are never silenced for the GUI: only the "untyped" strictness flags are relaxed
    assert "ignore_errors" not in gui[0] and "ignore_missing_imports" not in gui[0]
