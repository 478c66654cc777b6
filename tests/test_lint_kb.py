"""lint-kb checks the YAML beside the processes too (reason codes here; scripts in their tests)."""

from pathlib import Path

from agent_assist.cli import main

PROCESS = "---\nid: a.one\ntitle: 甲\ncategory: 咨询\n---\n## 步骤\n1. 做\n"


def test_lint_kb_reports_bad_reason_codes(tmp_path: Path, capsys):
    (tmp_path / "a.md").write_text(PROCESS, encoding="utf-8")
    assert main(["lint-kb", str(tmp_path)]) == 0  # no reason_codes.yaml: the shipped one is used
    (tmp_path / "reason_codes.yaml").write_text("codes:\n  - number: x\n    name: 坏\n", encoding="utf-8")
    assert main(["lint-kb", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'reason_codes.yaml'}:2:" in out
